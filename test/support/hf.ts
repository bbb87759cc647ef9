/**
 * Evaluates a WorkbookLayout's plain formulas with HyperFormula, a spreadsheet engine
 * nobody here wrote, so tests can check generated formulas against the scoring engine in
 * milliseconds. (LibreOffice, in test/e2e, is the slower real-spreadsheet proof.)
 * HyperFormula is GPL-v3: a devDependency used by tests only, never shipped.
 */
import { HyperFormula, type RawCellContent } from "hyperformula";
import { isFormula, parseCellRef, quoteSheet, type CellContent, type WorkbookLayout } from "../../src/layout/model";
import { withPreservedInputs } from "../../src/layout/plan";

export interface EvaluatedWorkbook {
  /** The computed value behind a defined name: a number, a string, a boolean, null (blank) or an error text. */
  value(name: string): number | string | boolean | null;
  /** Evaluates a formula (without "=") against the workbook, as a validation or a cell would. */
  formula(text: string): number | string | boolean | null;
  destroy(): void;
}

function raw(content: CellContent): RawCellContent {
  if (content === null) return null;
  if (isFormula(content)) return `=${content.f}`;
  return content;
}

/** Builds the workbook with `inputs` (defined name → value) typed into its input cells, and computes it. */
export function evaluateLayout(layout: WorkbookLayout, inputs: ReadonlyMap<string, CellContent>): EvaluatedWorkbook {
  const { layout: filled, notPlaced } = withPreservedInputs(layout, inputs);
  if (notPlaced.length) throw new Error(`inputs not in the layout: ${notPlaced.join(", ")}`);
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useArrayArithmetic: false, smartRounding: false });
  for (const sheet of filled.sheets) hf.addSheet(sheet.name);
  for (const n of filled.names) hf.addNamedExpression(n.name, `=${quoteSheet(n.sheet)}!${n.ref}`);
  hf.batch(() => {
    for (const sheet of filled.sheets) {
      hf.setSheetContent(hf.getSheetId(sheet.name) as number, sheet.grid.map((row) => row.map(raw)));
    }
  });
  const byName = new Map(filled.names.map((n) => [n.name, n]));
  return {
    value(name) {
      const n = byName.get(name);
      if (!n) throw new Error(`no name ${name}`);
      const { row, column } = parseCellRef(n.ref.split(":")[0] as string);
      const v = hf.getCellValue({ sheet: hf.getSheetId(n.sheet) as number, row, col: column });
      if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v === "" ? null : v;
      return `#ERROR ${String((v as { value?: unknown }).value ?? v)}`;
    },
    formula(text) {
      const v = hf.calculateFormula(`=${text}`, hf.getSheetId(filled.sheets[0]?.name ?? "") as number);
      if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
      return `#ERROR ${String((v as { value?: unknown }).value ?? v)}`;
    },
    destroy() {
      hf.destroy();
    },
  };
}
