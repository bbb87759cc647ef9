/**
 * The ranking book of `dti aggregate` as a layout: ranking, scores, gaps to the best unit,
 * incomplete data and notes, over many units scored together. Its totals, ranks and gaps are
 * plain formulas over the engine's indicator scores (checkable by hand); each formula carries
 * the engine's result, so a reader that does not recalculate sees the same numbers.
 *
 * Host-neutral and pure, like the templates (./build.ts): the .xlsx writer renders it
 * (src/xlsx/workbook.ts writeSheets), test/golden/ranking-book holds its snapshot, and
 * HyperFormula and LibreOffice recalculate it to the engine's numbers (test/layout,
 * test/e2e). Only the functions every spreadsheet knows: SUM, RANK, MAX, IF.
 */
import type { IndicatorSet } from "../catalog/schema";
import type { Message, UnitResult } from "../engine/types";
import { GridSheet } from "./grid-sheet";
import { columnLetter, quoteSheet, type CellContent, type CellFormat, type SheetLayout } from "./model";
import { gapsToBest, indicatorColumns, type IncompleteUnit, type RankedUnit } from "./ranking";

/** The sheet that marks a workbook written by `dti aggregate` (so it is not read back as a unit). */
export const RANKING_INFO_SHEET = "Thông tin tổng hợp";
export const RANKING_SHEETS = { ranking: "Xếp hạng", scores: "Điểm", gaps: "Khoảng cách", incomplete: "Chưa đủ số liệu", info: RANKING_INFO_SHEET } as const;

export type RankingSheetRole = keyof typeof RANKING_SHEETS;

export interface RankingBookInput {
  readonly set: IndicatorSet;
  readonly results: readonly UnitResult[];
  /** Source file of each result, as shown to people (the CLI gives base names). */
  readonly files: readonly string[];
  readonly options: { readonly altThreshold: boolean; readonly minMaxAsRatioToBest: boolean };
  readonly ranking: readonly RankedUnit[];
  readonly incomplete: readonly IncompleteUnit[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly notes: readonly string[];
  readonly referencesIgnored: number;
  /** When the book was made, as people read it ("14:05:09 4/12/2026"); given, so the layout stays pure. */
  readonly created: string;
  /** Renders an engine message in Vietnamese (src/i18n, a later layer than this one). */
  readonly messageText: (m: Message) => string;
}

export interface RankingBook {
  readonly sheets: readonly SheetLayout<RankingSheetRole>[];
}

const MISSING: CellFormat = { fill: "#FCE4D6" };
const POINTS: CellFormat = { numberFormat: "0.00" };
const INDEX: CellFormat = { numberFormat: "0.0000" };

const col = (c: number): string => columnLetter(c - 1);
const Sheet = GridSheet<RankingSheetRole>;

/** Consecutive column numbers (1-based) as A1 ranges on row `r`: [5,6,7,9] → "E3:G3,I3". */
function rowRanges(columns: readonly number[], r: number): string {
  const parts: string[] = [];
  let start = columns[0];
  for (let n = 0; n < columns.length; n++) {
    const c = columns[n] as number;
    const next = columns[n + 1];
    if (next === c + 1) continue;
    const from = `${col(start as number)}${r}`;
    parts.push(start === c ? from : `${from}:${col(c)}${r}`);
    start = next;
  }
  return parts.join(",");
}

/** Builds the ranking book: ranking, scores (formulas over the engine's scores), gaps, incomplete data, notes. */
export function buildRankingBook(input: RankingBookInput): RankingBook {
  const { set, results, ranking } = input;
  const columns = indicatorColumns(set);
  const n = results.length;
  const first = 2;
  const last = n + 1;
  // Điểm: A rank, B unit, C total, D index, pillars from E, then one column per indicator.
  const P0 = 5;
  const I0 = P0 + set.pillars.length;
  const indicatorCol = new Map(columns.map((c, k) => [c.indicator.id, I0 + k]));
  const pillarCol = new Map(set.pillars.map((p, k) => [p.id, P0 + k]));
  const scoresRef = quoteSheet(RANKING_SHEETS.scores);
  const rowOf = (rank: RankedUnit, k: number): { r: number; result: UnitResult; file: string } => ({
    r: first + k,
    result: results[rank.position] as UnitResult,
    file: input.files[rank.position] as string,
  });
  const incompleteOf = new Map(input.incomplete.map((u) => [u.position, u]));
  // Điểm and Xếp hạng start with the same columns (P0 = the first pillar column), widths included.
  const unitHeaders = ["Hạng", "Đơn vị", `Tổng điểm (tối đa ${set.maxTotal})`, "Chỉ số DTI", ...set.pillars.map((p) => `${p.id}. ${p.name} (${p.maxPoints})`)];
  const unitWidths = [7, 30, 12, 10, ...set.pillars.map(() => 14)];
  const indicatorHeaders = columns.map((c) => `${c.indicator.id}${c.counted ? "" : "*"} (${c.indicator.maxPoints})`);
  const headerHeight = { 1: 48 };

  // --- Điểm
  const scores = new Sheet(RANKING_SHEETS.scores, "scores");
  scores.header([...unitHeaders, ...indicatorHeaders]);
  const gaps = gapsToBest(set, results);
  ranking.forEach((rank, k) => {
    const { r, result } = rowOf(rank, k);
    scores.put(r, 1, { f: `RANK(C${r},$C$${first}:$C$${last})`, result: rank.rank });
    scores.put(r, 2, result.name);
    scores.put(r, 3, { f: `SUM(${col(P0)}${r}:${col(I0 - 1)}${r})`, result: result.total.score.toNumber() });
    scores.put(r, 4, { f: `C${r}/${set.maxTotal}`, result: result.total.index.toNumber() });
    for (const p of set.pillars) {
      const members = columns.filter((c) => c.counted && c.indicator.pillar === p.id).map((c) => indicatorCol.get(c.indicator.id) as number);
      const score = result.pillars[p.id]?.score.toNumber() ?? 0;
      scores.put(r, pillarCol.get(p.id) as number, members.length ? { f: `SUM(${rowRanges(members, r)})`, result: score } : 0);
    }
    for (const c of columns) {
      const at = indicatorCol.get(c.indicator.id) as number;
      const o = result.indicators[c.indicator.id];
      const rule = c.indicator.rule;
      if (rule.kind === "sum-of-children") {
        const kids = rule.children.map((id) => indicatorCol.get(id)).filter((x): x is number => x !== undefined);
        scores.put(r, at, { f: `SUM(${rowRanges(kids, r)})`, result: o?.score?.toNumber() ?? 0 });
      } else if (o?.score === null || o === undefined) {
        scores.format(`${col(at)}${r}`, MISSING);
      } else {
        scores.put(r, at, o.score.toNumber());
      }
    }
  });
  if (n > 0) {
    scores.format(`C${first}:C${last}`, POINTS);
    scores.format(`D${first}:D${last}`, INDEX);
    scores.format(`E${first}:${col(I0 + columns.length - 1)}${last}`, POINTS);
  }

  // --- Xếp hạng: the pillar table, in rank order, referring to Điểm.
  const ranks = new Sheet(RANKING_SHEETS.ranking, "ranking");
  ranks.header([...unitHeaders, "Số chỉ số chưa đủ số liệu", "Chỉ số chưa đủ số liệu", "Tệp nguồn"]);
  ranking.forEach((rank, k) => {
    const { r, result, file } = rowOf(rank, k);
    const ref = (c: number, value: number | string): CellContent => ({ f: `${scoresRef}!${col(c)}${r}`, result: value });
    ranks.put(r, 1, ref(1, rank.rank));
    ranks.put(r, 2, ref(2, result.name));
    ranks.put(r, 3, ref(3, result.total.score.toNumber()));
    ranks.put(r, 4, ref(4, result.total.index.toNumber()));
    for (const p of set.pillars) {
      const c = pillarCol.get(p.id) as number;
      ranks.put(r, c, ref(c, result.pillars[p.id]?.score.toNumber() ?? 0));
    }
    const missing = incompleteOf.get(rank.position)?.ids ?? [];
    ranks.put(r, I0, missing.length);
    ranks.put(r, I0 + 1, missing.join(", "));
    ranks.put(r, I0 + 2, file);
  });
  if (n > 0) {
    ranks.format(`C${first}:C${last}`, POINTS);
    ranks.format(`D${first}:D${last}`, INDEX);
    if (I0 > P0) ranks.format(`E${first}:${col(I0 - 1)}${last}`, POINTS);
  }

  // --- Khoảng cách: best − own per column of Điểm (total, pillars, indicators).
  const gapsSheet = new Sheet(RANKING_SHEETS.gaps, "gaps");
  const gapColumns = [3, ...set.pillars.map((p) => pillarCol.get(p.id) as number), ...columns.map((c) => indicatorCol.get(c.indicator.id) as number)];
  gapsSheet.header(["Đơn vị", "Tổng điểm", ...set.pillars.map((p) => `${p.id}. ${p.name}`), ...indicatorHeaders]);
  if (n > 0) gapsSheet.format(`B${first}:${col(gapColumns.length + 1)}${last}`, POINTS);
  ranking.forEach((rank, k) => {
    const { r, result } = rowOf(rank, k);
    const g = gaps.units[rank.position];
    gapsSheet.put(r, 1, result.name);
    gapColumns.forEach((source, j) => {
      const s = `${scoresRef}!${col(source)}${r}`;
      const best = `MAX(${scoresRef}!$${col(source)}$${first}:$${col(source)}$${last})`;
      if (j === 0) {
        gapsSheet.put(r, j + 2, { f: `${best}-${s}`, result: g?.total.toNumber() ?? 0 });
      } else if (j <= set.pillars.length) {
        const p = set.pillars[j - 1]?.id as string;
        gapsSheet.put(r, j + 2, { f: `${best}-${s}`, result: g?.pillars[p]?.toNumber() ?? 0 });
      } else {
        const id = columns[j - 1 - set.pillars.length]?.indicator.id as string;
        const gap = g?.indicators[id] ?? null;
        gapsSheet.put(r, j + 2, { f: `IF(${s}="","",${best}-${s})`, result: gap === null ? "" : gap.toNumber() });
        if (gap === null) gapsSheet.format(`${col(j + 2)}${r}`, MISSING);
      }
    });
  });

  // --- Chưa đủ số liệu
  const incompleteSheet = new Sheet(RANKING_SHEETS.incomplete, "incomplete");
  incompleteSheet.header(["STT", "Đơn vị", "Tệp nguồn", "Chỉ số", "Tên chỉ số", "Trạng thái", "Lý do"]);
  let line = 0;
  ranking.forEach((rank, k) => {
    const u = incompleteOf.get(rank.position);
    if (!u) return;
    const { file } = rowOf(rank, k);
    for (const ind of u.indicators) {
      line++;
      const name = set.indicators.find((i) => i.id === ind.id)?.name ?? "";
      [line, u.name, file, ind.id, name, ind.statusText, ind.messages.map(input.messageText).join("\n")].forEach((v, c) => incompleteSheet.put(line + 1, c + 1, v));
    }
  });
  if (line === 0) incompleteSheet.put(2, 1, "Mọi đơn vị đều đủ số liệu.");
  else incompleteSheet.format(`A2:G${line + 1}`, { wrap: true, vertical: "top" });

  // --- Thông tin tổng hợp
  const info = new Sheet(RANKING_SHEETS.info, "info");
  const on = (b: boolean): string => (b ? "Bật" : "Tắt");
  const lines: [string, string][] = [
    ["Bảng tổng hợp DTI", `Tạo bởi "dti aggregate" (DTI Workbench) lúc ${input.created}.`],
    ["Bộ chỉ số", `${set.name} (${set.id})`],
    ["Số đơn vị", String(n)],
    [
      "So sánh giữa các đơn vị",
      `Min-Max và tỷ lệ so với đơn vị cao nhất tính trên ${n} đơn vị của bảng này. Giá trị tham chiếu (DTI_REF_*) nhập trong sổ của từng đơn vị không được dùng` +
        (input.referencesIgnored ? ` (${input.referencesIgnored} sổ có nhập).` : "."),
    ],
    ["Cách đọc khác của ngưỡng (tỷ lệ/ngưỡng × điểm tối đa)", on(input.options.altThreshold)],
    ['Đọc "Min-Max" là tỷ lệ so với đơn vị cao nhất', on(input.options.minMaxAsRatioToBest)],
    [
      "Công thức",
      `Trang "${RANKING_SHEETS.scores}": điểm từng chỉ số là điểm do công cụ tính (ô trống: chưa tính được, xem trang "${RANKING_SHEETS.incomplete}"); ` +
        `điểm trụ cột = SUM các chỉ số của trụ cột (5.12 tính một lần; các cột có dấu * là chỉ số con, 5.12 = SUM các chỉ số con); ` +
        `tổng điểm = SUM các trụ cột; chỉ số DTI = tổng điểm / ${set.maxTotal}; hạng = RANK (bằng điểm thì cùng hạng). ` +
        `Trang "${RANKING_SHEETS.gaps}": khoảng cách = MAX của cột − điểm của đơn vị.`,
    ],
  ];
  for (const s of input.skipped) lines.push(["Tệp bị bỏ qua", `${s.file}: ${s.reason}`]);
  for (const note of input.notes) lines.push(["Ghi chú", note]);
  lines.push(["", ""], ["Trụ cột", "Tên (điểm tối đa)"]);
  for (const p of set.pillars) lines.push([p.id, `${p.name} (${p.maxPoints})`]);
  lines.push(["", ""], ["Chỉ số", "Tên (điểm tối đa)"]);
  for (const c of columns) lines.push([c.indicator.id, `${c.indicator.name} (${c.indicator.maxPoints})`]);
  lines.forEach(([a, b], k) => {
    info.put(k + 1, 1, a);
    info.put(k + 1, 2, b);
  });
  info.format(`A1:A${lines.length}`, { bold: true, vertical: "top" });
  info.format(`B1:B${lines.length}`, { wrap: true, vertical: "top" });

  return {
    sheets: [
      ranks.layout([...unitWidths, 12, 30, 30], { rows: 1, columns: 2 }, headerHeight),
      scores.layout([...unitWidths, ...columns.map(() => 9)], { rows: 1, columns: 2 }, headerHeight),
      gapsSheet.layout([30, 12, ...set.pillars.map(() => 14), ...columns.map(() => 9)], { rows: 1, columns: 1 }, headerHeight),
      incompleteSheet.layout([6, 30, 28, 9, 50, 20, 80], { rows: 1, columns: 0 }, headerHeight),
      info.layout([34, 100], { rows: 0, columns: 0 }),
    ],
  };
}
