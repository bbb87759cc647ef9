/**
 * A ranking book over a few units of the 2022 set, the same every run: random units, a tie
 * (two units with the same data share a rank), a unit with a missing indicator, a skipped
 * file and a note. Used by the golden file and the parity tests of the ranking book.
 */
import { messageVi } from "../../src/i18n/findings";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput, UnitResult } from "../../src/engine/types";
import { incompleteUnits, rankUnits } from "../../src/layout/ranking";
import { buildRankingBook, type RankingBook, type RankingBookInput } from "../../src/layout/ranking-book";
import { randomUnits } from "./generate";

export function rankingFixture(): { input: RankingBookInput; book: RankingBook; results: UnitResult[] } {
  const [a, b, c] = randomUnits(set, 3, 2026).units as [UnitInput, UnitInput, UnitInput];
  const { "3.1": _dropped, ...withoutThreeOne } = b.values;
  const units: UnitInput[] = [
    { ...a, name: "Sở Nội vụ" },
    { ...b, name: "Sở Tài chính", values: withoutThreeOne },
    { ...c, name: "UBND huyện Ninh Hải" },
    { ...a, name: "Sở Y tế" },
  ];
  const results = scoreUnits(set, units, {});
  const input: RankingBookInput = {
    set,
    results,
    files: ["1-noi-vu.xlsx", "2-tai-chinh.xlsx", "3-ninh-hai.xlsx", "4-y-te.xlsx"],
    options: { altThreshold: false, minMaxAsRatioToBest: false },
    messageText: messageVi,
    ranking: rankUnits(results),
    incomplete: incompleteUnits(set, results),
    skipped: [{ file: "5-cu.xls", reason: "không phải tệp .xlsx; hãy mở bằng Excel và lưu lại dưới dạng .xlsx." }],
    notes: ["một ghi chú cho bảng tổng hợp."],
    referencesIgnored: 1,
    created: "08:00:00 4/12/2026",
  };
  return { input, book: buildRankingBook(input), results };
}
