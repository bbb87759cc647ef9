/**
 * Reads what the Office.js writer left in the fake Excel host back into the cell-level
 * snapshot form of src/layout/snapshot.ts, so the add-in's sheets can be compared line by
 * line with the layout, and so with the .xlsx the CLI writes.
 */
import { cellRef, type CellFormat, type WorkbookLayout } from "../../src/layout/model";
import { formatKey } from "../../src/layout/snapshot";
import { columnWidthPoints } from "../../src/office/write-layout";
import type { FakeExcel } from "../fakes/excel";

function ruleOf(rule: Excel.DataValidationRule | null | undefined): string | undefined {
  if (!rule) return undefined;
  const strip = (f: unknown): string => String(f).replace(/^=/, "");
  if (rule.list) return JSON.stringify({ kind: "list", source: strip(rule.list.source) });
  if (rule.custom) return JSON.stringify({ kind: "custom", formula: strip(rule.custom.formula) });
  const basic = rule.wholeNumber ?? rule.decimal;
  if (!basic) return JSON.stringify(rule);
  const kind = rule.wholeNumber ? "whole" : "decimal";
  const min = Number(basic.formula1);
  return JSON.stringify(basic.formula2 !== undefined ? { kind, min, max: Number(basic.formula2) } : { kind, min });
}

const VISIBILITY: Record<string, string> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

export function fakeCellSnapshot(fake: FakeExcel, layout: WorkbookLayout): string {
  const lines: string[] = [];
  for (const n of [...layout.names].sort((a, b) => a.name.localeCompare(b.name))) {
    const r = fake.resolveName(n.name);
    lines.push(typeof r === "object" ? `name ${n.name} = '${r.sheet}'!${r.address}` : `name ${n.name} = ${String(r)}`);
  }
  for (const sheet of layout.sheets) {
    if (!fake.hasSheet(sheet.name)) {
      lines.push(`sheet '${sheet.name}' MISSING`);
      continue;
    }
    const view = fake.sheet(sheet.name);
    lines.push(`sheet '${sheet.name}' ${VISIBILITY[view.visibility] ?? view.visibility} protect=${view.protection.protected} freeze=${view.freeze.rows},${view.freeze.columns}`);
    const widths = sheet.columnWidths.map((w, c) => {
      if (view.columnHidden(c)) return 0;
      return view.columnWidth(c) === columnWidthPoints(w) ? w : `${view.columnWidth(c)}pt`;
    });
    lines.push(`widths ${widths.join(" ")}`);
    const rows = sheet.grid.length;
    const cols = sheet.grid[0]?.length ?? 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const ref = cellRef(r, c);
        const cell = view.cell(ref);
        const content =
          cell.formula !== undefined
            ? `=${cell.formula.replace(/^=/, "")}`
            : cell.value === "" || cell.value === null || cell.value === undefined
              ? ""
              : typeof cell.value === "string"
                ? JSON.stringify(cell.value)
                : String(cell.value);
        const f: { -readonly [K in keyof CellFormat]: CellFormat[K] } = {};
        if (cell.bold) f.bold = true;
        if (cell.italic) f.italic = true;
        if (cell.fontColor && cell.fontColor.toUpperCase() !== "#000000") f.fontColor = cell.fontColor;
        if (cell.fill) f.fill = cell.fill;
        if (cell.wrap) f.wrap = true;
        if (cell.numberFormat && cell.numberFormat !== "General") f.numberFormat = cell.numberFormat;
        const h = cell.horizontal.toLowerCase();
        if (h === "left" || h === "center" || h === "right") f.horizontal = h;
        const v = cell.vertical.toLowerCase();
        if (v === "top") f.vertical = "top";
        if (v === "center") f.vertical = "middle";
        if (Object.keys(cell.borders).length) f.border = true;
        if (!cell.locked) f.locked = false;
        const fmt = formatKey(f);
        const val = ruleOf(cell.validation?.rule);
        if (!content && !fmt && !val) continue;
        lines.push(`${ref}: ${content}${fmt ? ` | ${fmt}` : ""}${val ? ` | validate ${val}` : ""}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
