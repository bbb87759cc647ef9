/**
 * `dti score --text`: the comparison a Sở TTTT writes into its analysis (issue 11, point 6 and
 * seed 003's "căn cứ trên báo cáo kết quả khảo sát DTI … do Bộ … công bố"), one line per main
 * index: points against the maximum, our self-assessed index value, the ministry's published
 * value and the gap, the previous period's points and the change. Figures are the summary's
 * (src/layout/summary.ts), so the text, the JSON and the pane agree.
 */
import type { ComputeSummary } from "../layout/summary";

const fixed = (n: number, decimals: number): string => n.toFixed(decimals).replace(".", ",");
const signed = (n: number, decimals: number): string => {
  const t = fixed(Math.abs(n), decimals);
  return Number(t.replace(",", ".")) === 0 ? `±${t}` : `${n < 0 ? "-" : "+"}${t}`;
};
const cell = (n: number | null | undefined, decimals: number, sign = false): string =>
  n === null || n === undefined ? "–" : sign ? signed(n, decimals) : fixed(n, decimals);

export function scoreText(s: ComputeSummary, period: string | undefined): string {
  const withPublished = s.published !== undefined;
  const withLast = s.lastPeriod !== undefined;
  const lastHead = `Kỳ trước${s.lastPeriod?.period ? ` (${s.lastPeriod.period})` : ""}`;
  const head = ["Chỉ số chính", "Điểm", "Tối đa", "Chỉ số"];
  if (withPublished) head.push("Bộ công bố", "Chênh lệch");
  if (withLast) head.push(lastHead, "Thay đổi");
  const rows: string[][] = [head];
  for (const p of s.pillars) {
    const row = [`${p.id}. ${p.name}`, fixed(p.score, 2), String(p.maxPoints), cell(p.percent, 4)];
    if (withPublished) row.push(cell(p.published, 4), p.publishedGapDisplay ?? "–");
    if (withLast) row.push(cell(p.last, 2), cell(p.lastDelta, 2, true));
    rows.push(row);
  }
  const total = ["TỔNG ĐIỂM", fixed(s.total, 2), String(s.maxTotal), ""];
  if (withPublished) total.push("", "");
  if (withLast) total.push(cell(s.lastPeriod?.total, 2), cell(s.lastPeriod?.totalDelta, 2, true));
  rows.push(total);
  const index = ["CHỈ SỐ DTI", "", "", s.indexDisplay];
  if (withPublished) index.push(s.published?.indexDisplay ?? "–", s.published?.gapDisplay ?? "–");
  if (withLast) index.push(s.lastPeriod?.indexDisplay ?? "–", s.lastPeriod?.indexDeltaDisplay ?? "–");
  rows.push(index);
  const widths = head.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const lines = rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0))).join("  ").trimEnd());
  const title = `${s.unit}${period !== undefined ? ` — Kỳ báo cáo: ${period}` : ""}`;
  const notes: string[] = [];
  if (!withPublished) notes.push('Chưa nhập kết quả Bộ công bố (cột "Kết quả Bộ công bố", trang Tổng hợp): không có cột chênh lệch.');
  else notes.push("Chênh lệch = chỉ số tự đánh giá (điểm / điểm tối đa của chỉ số chính) − kết quả Bộ công bố.");
  if (s.incomplete.length) notes.push(`Chưa tính được điểm: ${s.incomplete.join(", ")} (điểm là cận dưới).`);
  return `${[title, "", ...lines, "", ...notes].join("\n")}\n`;
}
