/**
 * Reads a workbook written by the exceljs adapter back into the cell-level snapshot form
 * of src/layout/snapshot.ts, so a test can compare what the file holds with the layout.
 */
import type ExcelJS from "exceljs";
import { formatKey } from "../../src/layout/snapshot";
import { cellRef, type CellFormat, type SheetLayout, type WorkbookLayout } from "../../src/layout/model";

const hex = (argb: string | undefined): string | undefined => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);

function formatOf(cell: ExcelJS.Cell): CellFormat {
  const f: { -readonly [K in keyof CellFormat]: CellFormat[K] } = {};
  if (cell.font?.bold) f.bold = true;
  if (cell.font?.italic) f.italic = true;
  const font = hex(cell.font?.color?.argb);
  if (font) f.fontColor = font;
  const fill = cell.fill && cell.fill.type === "pattern" ? hex(cell.fill.fgColor?.argb) : undefined;
  if (fill) f.fill = fill;
  if (cell.alignment?.wrapText) f.wrap = true;
  if (cell.numFmt) f.numberFormat = cell.numFmt;
  const h = cell.alignment?.horizontal;
  if (h === "left" || h === "center" || h === "right") f.horizontal = h;
  const v = cell.alignment?.vertical;
  if (v === "top" || v === "middle") f.vertical = v;
  if (cell.border?.top) f.border = true;
  if (cell.protection?.locked === false) f.locked = false;
  return f;
}

function contentOf(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "object" && "formula" in v) return `=${v.formula}`;
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

function validationOf(cell: ExcelJS.Cell): string | undefined {
  const dv = cell.dataValidation;
  if (!dv || !dv.type) return undefined;
  if (dv.type === "list") return JSON.stringify({ kind: "list", source: String(dv.formulae?.[0]) });
  if (dv.type === "custom") return JSON.stringify({ kind: "custom", formula: String(dv.formulae?.[0]) });
  const min = Number(dv.formulae?.[0]);
  const rule = dv.formulae && dv.formulae.length > 1 ? { kind: dv.type, min, max: Number(dv.formulae[1]) } : { kind: dv.type, min };
  return JSON.stringify(rule);
}

export function xlsxCellSnapshot(wb: ExcelJS.Workbook, layout: Pick<WorkbookLayout, "names"> & { readonly sheets: readonly SheetLayout<string>[] }): string {
  const lines: string[] = [];
  const ranges: { name: string; range: string }[] = [];
  for (const n of layout.names) {
    for (const range of wb.definedNames.getRanges(n.name).ranges) ranges.push({ name: n.name, range });
  }
  for (const { name, range } of ranges.sort((a, b) => a.name.localeCompare(b.name))) {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(range);
    const sheet = (m?.[1] ?? m?.[2] ?? "").replace(/''/g, "'");
    lines.push(`name ${name} = '${sheet}'!${m?.[3] ?? range}`);
  }
  for (const sheet of layout.sheets) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) {
      lines.push(`sheet '${sheet.name}' MISSING`);
      continue;
    }
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const frozen = view?.state === "frozen" ? `${view.ySplit ?? 0},${view.xSplit ?? 0}` : "0,0";
    const protect = Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);
    lines.push(`sheet '${ws.name}' ${ws.state} protect=${protect} freeze=${frozen}`);
    const widths: number[] = [];
    // exceljs leaves out a column whose width equals its default of 9.
    for (let c = 1; c <= sheet.columnWidths.length; c++) widths.push(ws.getColumn(c).hidden ? 0 : (ws.getColumn(c).width ?? 9));
    lines.push(`widths ${widths.join(" ")}`);
    const rows = Math.max(ws.rowCount, sheet.grid.length);
    const cols = Math.max(ws.columnCount, sheet.grid[0]?.length ?? 0);
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= cols; c++) {
        const cell = ws.getCell(r, c);
        // Cells covered by a merge show their master's value and style; only the master counts.
        if (cell.isMerged && cell.master !== cell) continue;
        const content = contentOf(cell);
        const fmt = formatKey(formatOf(cell));
        const val = validationOf(cell);
        if (!content && !fmt && !val) continue;
        lines.push(`${cellRef(r - 1, c - 1)}: ${content}${fmt ? ` | ${fmt}` : ""}${val ? ` | validate ${val}` : ""}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
