/**
 * A readable text snapshot of a workbook layout, so that any change to a template shows
 * up as a diff in review (golden files under test/golden/). Also used to prove that the
 * Office.js writer and the exceljs writer produce the same layout: both are read back
 * into this form and compared.
 */
import { cellRef, isFormula, parseCellRef, type CellContent, type CellFormat, type SheetLayout, type WorkbookLayout } from "./model";

/** A cell's content; a formula's known result after an arrow when `results` (golden files), never in the cell-level form hosts read back. */
function show(content: CellContent, results = true): string {
  if (content === null || content === "") return "";
  if (isFormula(content)) return results && content.result !== undefined ? `=${content.f} → ${JSON.stringify(content.result)}` : `=${content.f}`;
  if (typeof content === "string") return JSON.stringify(content);
  return String(content);
}

export function sheetSnapshot(sheet: SheetLayout<string>): string {
  const lines: string[] = [];
  lines.push(`# sheet "${sheet.name}" role=${sheet.role} visibility=${sheet.visibility} protect=${sheet.protect}`);
  lines.push(`columns: ${sheet.columnWidths.join(" ")}`);
  lines.push(`freeze: rows=${sheet.freeze.rows} columns=${sheet.freeze.columns}; print: ${sheet.print.landscape ? "A4 landscape" : "A4 portrait"}, fit to width${sheet.print.repeatRows ? `, repeat rows ${sheet.print.repeatRows}` : ""}`);
  sheet.grid.forEach((row, r) => {
    row.forEach((content, c) => {
      if (content !== null && content !== "") lines.push(`${cellRef(r, c)}: ${show(content)}`);
    });
  });
  for (const [row, h] of Object.entries(sheet.rowHeights ?? {})) lines.push(`row ${row} height ${h}`);
  for (const m of sheet.merges) lines.push(`merge ${m}`);
  for (const { ref, format } of sheet.formats) lines.push(`format ${ref} ${JSON.stringify(format)}`);
  for (const v of sheet.validations) {
    lines.push(`validate ${v.ref} ${JSON.stringify(v.rule)} prompt="${v.promptTitle}: ${v.prompt}" error="${v.errorTitle}: ${v.error}"`);
  }
  for (const cf of sheet.conditionalFormats) lines.push(`conditional ${cf.ref} =${cf.formula} fill ${cf.fill}${cf.fontColor ? ` font ${cf.fontColor}` : ""}`);
  for (const ch of sheet.charts) lines.push(`chart "${ch.title}" categories ${ch.categories} values ${ch.values} at ${ch.from}:${ch.to}`);
  return `${lines.join("\n")}\n`;
}

export function workbookSnapshot(layout: WorkbookLayout): string {
  const head = `# workbook ${layout.indicatorSet} template v${layout.templateVersion} formulas=${layout.formulas}\n`;
  const nameLines = [...layout.names]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((n) => `name ${n.name} = '${n.sheet}'!${n.ref} (${n.kind})`)
    .join("\n");
  return `${head}${nameLines}\n\n${layout.sheets.map(sheetSnapshot).join("\n")}`;
}

/** A format with every attribute spelled out in a fixed order, for comparison across hosts. */
export function formatKey(format: CellFormat): string {
  const parts: string[] = [];
  if (format.bold) parts.push("bold");
  if (format.italic) parts.push("italic");
  if (format.fontColor) parts.push(`font=${format.fontColor.toUpperCase()}`);
  if (format.fill) parts.push(`fill=${format.fill.toUpperCase()}`);
  if (format.wrap) parts.push("wrap");
  if (format.numberFormat && format.numberFormat !== "General") parts.push(`numfmt=${format.numberFormat}`);
  if (format.horizontal) parts.push(`h=${format.horizontal}`);
  if (format.vertical) parts.push(`v=${format.vertical}`);
  if (format.border) parts.push("border");
  if (format.locked === false) parts.push("unlocked");
  return parts.join(" ");
}

/**
 * The layout as a host would show it cell by cell: each cell's content and its effective
 * format (range formats applied in order), each cell's validation, the names. Hosts read
 * back what they wrote into this same form, so writers can be compared line by line.
 */
export function cellLevelSnapshot(layout: Pick<WorkbookLayout, "names"> & { readonly sheets: readonly SheetLayout<string>[] }, targetNames?: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  const sheetName = (n: string): string => targetNames?.get(n) ?? n;
  for (const n of [...layout.names].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`name ${n.name} = '${sheetName(n.sheet)}'!${n.ref}`);
  }
  for (const sheet of layout.sheets) {
    lines.push(`sheet '${sheetName(sheet.name)}' ${sheet.visibility} protect=${sheet.protect} freeze=${sheet.freeze.rows},${sheet.freeze.columns}`);
    lines.push(`widths ${sheet.columnWidths.join(" ")}`);
    const formats = new Map<string, CellFormat>();
    for (const { ref, format } of sheet.formats) {
      const [a, b] = ref.split(":");
      const from = parseCellRef(a as string);
      const to = b ? parseCellRef(b) : from;
      for (let r = from.row; r <= to.row; r++) {
        for (let c = from.column; c <= to.column; c++) {
          const key = cellRef(r, c);
          formats.set(key, { ...formats.get(key), ...format });
        }
      }
    }
    const validations = new Map<string, string>();
    for (const v of sheet.validations) {
      const [a, b] = v.ref.split(":");
      const from = parseCellRef(a as string);
      const to = b ? parseCellRef(b) : from;
      for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) validations.set(cellRef(r, c), JSON.stringify(v.rule));
    }
    const cells = new Set<string>([...formats.keys(), ...validations.keys()]);
    sheet.grid.forEach((row, r) => row.forEach((content, c) => {
      if (content !== null && content !== "") cells.add(cellRef(r, c));
    }));
    const sorted = [...cells].map((k) => ({ k, ...parseCellRef(k) })).sort((x, y) => x.row - y.row || x.column - y.column);
    for (const { k, row, column } of sorted) {
      const content = sheet.grid[row]?.[column] ?? null;
      const fmt = formatKey(formats.get(k) ?? {});
      const val = validations.get(k);
      lines.push(`${k}: ${show(content, false)}${fmt ? ` | ${fmt}` : ""}${val ? ` | validate ${val}` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
