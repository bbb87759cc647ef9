/**
 * The workbook `dti trend -o` writes, as a layout: one row per period with the total, the DTI
 * index and each main index, and beside each the change from the period before as a plain
 * formula (this row minus the row above) carrying the engine's result; then how many
 * indicators could not be scored, and the file. The same table `dti trend` prints.
 */
import { formatPeriod } from "../catalog/period";
import type { Trend } from "../engine/trend";
import { GridSheet } from "./grid-sheet";
import { columnLetter, type SheetLayout } from "./model";

export const TREND_SHEET = "Xu hướng";

const FIRST = 4; // the first period's row, below the title, the note and the header

export function buildTrendBook(trend: Trend): SheetLayout<"trend"> {
  const sheet = new GridSheet<"trend">(TREND_SHEET, "trend");
  const ids = [...(trend.rows[0]?.mainIndexes.keys() ?? [])];
  const measures = [
    { label: "Tổng điểm", format: "0.00", of: (r: Trend["rows"][number]) => r.total, change: (r: Trend["rows"][number]) => r.change?.total },
    { label: "Chỉ số DTI", format: "0.0000", of: (r: Trend["rows"][number]) => r.index, change: (r: Trend["rows"][number]) => r.change?.index },
    ...ids.map((id) => ({
      label: `Chỉ số chính ${id}`,
      format: "0.00",
      of: (r: Trend["rows"][number]) => r.mainIndexes.get(id),
      change: (r: Trend["rows"][number]) => r.change?.mainIndexes.get(id),
    })),
  ];
  sheet.put(1, 1, `XU HƯỚNG CHỈ SỐ DTI QUA CÁC KỲ — ${trend.unit}`);
  sheet.format("A1", { bold: true });
  sheet.put(2, 1, `Bộ chỉ số ${trend.setId}. Mỗi số là kết quả "dti score" của sổ kỳ đó; chỉ số chưa tính được điểm không cộng vào tổng, được đếm ở cột "Số chỉ số chưa tính được điểm".`);
  sheet.format("A2", { italic: true });
  const header = ["Kỳ báo cáo", ...measures.flatMap((m) => [m.label, "Thay đổi"]), "Số chỉ số chưa tính được điểm", "Tệp"];
  header.forEach((label, n) => sheet.put(FIRST - 1, n + 1, label));
  sheet.format(`A${FIRST - 1}:${columnLetter(header.length - 1)}${FIRST - 1}`, { bold: true, fill: "#DDEBF7", wrap: true, vertical: "middle", horizontal: "center" });
  trend.rows.forEach((r, k) => {
    const row = FIRST + k;
    sheet.put(row, 1, formatPeriod(r.period));
    measures.forEach((m, j) => {
      const c = 2 + j * 2;
      const value = m.of(r);
      sheet.put(row, c, value === undefined ? null : value.toNumber());
      const change = m.change(r);
      const here = `${columnLetter(c - 1)}${row}`;
      if (k > 0 && change !== undefined) sheet.put(row, c + 1, { f: `${here}-${columnLetter(c - 1)}${row - 1}`, result: change.toNumber() });
      sheet.format(`${here}:${columnLetter(c)}${row}`, { numberFormat: m.format });
    });
    sheet.put(row, 2 + measures.length * 2, r.incomplete.length);
    sheet.put(row, 3 + measures.length * 2, r.file);
  });
  const widths = [16, ...measures.flatMap(() => [12, 10]), 14, 40];
  return sheet.layout(widths, { rows: FIRST - 1, columns: 1 });
}
