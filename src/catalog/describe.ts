/**
 * Short Vietnamese descriptions of structured rules, derived from the catalog, for the
 * CLI's `catalog` listing and the templates' "Cách hiểu áp dụng" column (which the loader also
 * measures against Excel's cell limit). One source: the rule itself. The DTI.* functions' help
 * is not derived from here: it is src/functions/descriptions.json.
 */
import { exact } from "./exact";
import type { GroupPart, Indicator, Measure, Part, RatioSpec, Rule, Tier, Variable } from "./schema";

/** "0.8" → "80 %", "0.0025" → "0,25 %". */
export function percent(text: string): string {
  return `${exact(text).mul(100).toString().replace(".", ",")} %`;
}

/** "1/2" → "1/2", "0.7" → "0,7". */
function fraction(text: string): string {
  return text.includes("/") ? text : text.replace(".", ",");
}

function sumText(keys: readonly string[]): string {
  return keys.length === 1 ? (keys[0] as string) : `(${keys.join(" + ")})`;
}

export function ratioText(spec: RatioSpec): string {
  const den = spec.denominator.kind === "variables" ? sumText(spec.denominator.variables) : spec.denominator.constant;
  return `${sumText(spec.numerator)}/${den}`;
}

function tiersText(tiers: readonly Tier[], value: string, asPercent: boolean): string {
  const steps = tiers.map((t) => `${value} ≥ ${asPercent ? percent(t.atLeast) : fraction(t.atLeast)}: ${fraction(t.fraction)}`);
  return `${steps.join("; ")}; thấp hơn: 0 (phần của điểm tối đa)`;
}

function measureText(m: Measure): string {
  return m.kind === "amount" ? m.amount : `tỷ lệ ${ratioText(m.ratio)}`;
}

/** Points of a share of the maximum, as the reader of a set sees them: "1/10 điểm tối đa". */
function shareText(share: string): string {
  return `${fraction(share)} điểm tối đa`;
}

function partText(part: Part | GroupPart): string {
  const rule = part.rule;
  switch (rule.kind) {
    case "ratio":
      return `${part.label}: min(${ratioText(rule.ratio)}, 1) × ${shareText(part.share)}`;
    case "choice":
      return `${part.label}: lựa chọn ${rule.variable} × ${shareText(part.share)}`;
    case "capped-count":
      return `${part.label}: ${fraction(rule.pointsEach)} điểm cho mỗi ${rule.count}, không quá ${shareText(part.share)}`;
    case "group":
      return `${part.label}: [${rule.parts.map(partText).join(" + ")}], tổng không quá ${shareText(part.share)}`;
  }
}

export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case "ratio":
      return `Tỷ lệ = ${ratioText(rule.ratio)}; điểm = min(tỷ lệ, 1) × điểm tối đa`;
    case "threshold-literal":
      return (
        `Tỷ lệ = ${ratioText(rule.ratio)}; tỷ lệ ≥ ${percent(rule.threshold)}: điểm tối đa; ` +
        `thấp hơn: tỷ lệ × điểm tối đa (cách đọc khác, tắt mặc định: tỷ lệ/${percent(rule.threshold)} × điểm tối đa)`
      );
    case "threshold-scaled":
      return `Tỷ lệ = ${ratioText(rule.ratio)}; điểm = min(tỷ lệ/${percent(rule.threshold)}, 1) × điểm tối đa`;
    case "all-or-nothing":
      return `Tỷ lệ = ${ratioText(rule.ratio)}; 100 %: điểm tối đa; thấp hơn: 0 điểm`;
    case "tiers-ratio":
      return `Tỷ lệ = ${ratioText(rule.ratio)}; ${tiersText(rule.tiers, "tỷ lệ", true)}`;
    case "tiers-amount":
      return `${rule.gate ? `Nếu ${rule.gate} = không: 0 điểm; nếu có: ` : ""}${tiersText(rule.tiers, rule.amount, false)}`;
    case "multi-part":
      return rule.parts.map(partText).join(" + ");
    case "choice":
      return `Điểm theo lựa chọn ${rule.variable}`;
    case "capped-count":
      return `${fraction(rule.pointsEach)} điểm cho mỗi ${rule.count}, tối đa bằng điểm tối đa`;
    case "min-max":
      return `Min-Max trên ${measureText(rule.measure)}: (x − nhỏ nhất)/(lớn nhất − nhỏ nhất) × điểm tối đa, so sánh giữa các đơn vị`;
    case "ratio-to-best":
      return `So với đơn vị cao nhất trên ${measureText(rule.measure)}: x/cao nhất × điểm tối đa`;
    case "sum-of-children":
      return `Cộng điểm ${rule.children.join(", ")}`;
    case "unscored":
      return "Không tính điểm (theo dõi)";
    case "best-of":
      return `Điểm cao nhất trong các trường hợp: ${rule.cases.map((c, n) => `(${n + 1}) ${c.label}: ${describeRule(c.rule)}`).join("; ")}`;
  }
}

/**
 * The readings of docs/readings.md, by the number the `reading` notes of a set cite them with
 * ("§2: …"), named in words: staff never see a bare "§2" (issue 12 point 8).
 */
export const READING_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "tỷ lệ thường"],
  [2, "ngưỡng đọc theo câu chữ"],
  [3, "tỷ lệ chia ngưỡng"],
  [4, "đủ 100 % mới có điểm"],
  [5, "điểm theo bậc"],
  [6, "quy tắc nhiều phần"],
  [7, "mức và lựa chọn"],
  [8, "đếm số mục"],
  [9, "Min-Max giữa các đơn vị"],
  [10, "tỷ lệ so với đơn vị cao nhất"],
  [11, "lỗi chính tả của văn bản"],
  [12, "mẫu số bằng 0"],
  [13, "chỉ theo dõi, không tính điểm"],
  [14, "tổng điểm và chỉ số DTI"],
  [15, "nhập một lần"],
  [16, "tên biến và cách nhập lựa chọn"],
  [17, "quy ước JSON của dòng lệnh"],
]);

/** "§2: đọc đúng câu chữ …" → "Cách đọc số 2 “ngưỡng đọc theo câu chữ”: đọc đúng câu chữ …"; every "§n" of the note, in words. */
export function readingInWords(note: string): string {
  return note.replace(/§\s*(\d+)/g, (_m, n: string, at: number) => {
    const name = READING_NAMES.get(Number(n));
    const words = `cách đọc số ${n}${name === undefined ? "" : ` “${name}”`}`;
    return at === 0 ? `C${words.slice(1)}` : words;
  });
}

/** The cell "Cách hiểu áp dụng" of a template's indicator row: the rule described, then the reading note in words. */
export function readingCell(rule: Rule, reading: string | undefined): string {
  return [describeRule(rule), reading === undefined ? "" : readingInWords(reading)].filter(Boolean).join(". ");
}

export function describeVariable(v: Variable): string {
  const links: string[] = [];
  if (v.info) links.push(`= Thông tin chung mục ${v.info.join(" + ")}`);
  if (v.sameAs) links.push(`= ${v.sameAs.indicator} ${v.sameAs.variable}`);
  if (v.optional) links.push("không bắt buộc");
  const options = v.options ? ` — lựa chọn: ${v.options.map((o, n) => `${n + 1} = "${o.label}" (${fraction(o.fraction)})`).join("; ")}` : "";
  const unit = v.unit ? ` [${v.unit}]` : "";
  return `${v.key} = ${v.description}${unit}${links.length ? ` (${links.join(", ")})` : ""}${options}`;
}

/**
 * An indicator as `dti catalog` lists it. With `verbatim` (proofreading a transcription), the
 * official scoring text as the set holds it, then the rule as the tool reads it.
 */
export function describeIndicator(ind: Indicator, options: { readonly verbatim?: boolean } = {}): string[] {
  const lines = [`${ind.id}  ${ind.name} — tối đa ${ind.maxPoints} điểm`];
  const agencies = ind.coordinating ? `${ind.responsible}; phối hợp: ${ind.coordinating}` : ind.responsible;
  lines.push(`    Chủ trì: ${agencies}`);
  if (options.verbatim) {
    lines.push(`    Nguyên văn:  ${ind.scoringText || "(để trống)"}`);
    lines.push(`    Như đã đọc:  ${describeRule(ind.rule)}`);
  } else lines.push(`    Cách tính: ${describeRule(ind.rule)}`);
  for (const v of ind.variables) lines.push(`    • ${describeVariable(v)}`);
  if (ind.reading) lines.push(`    Cách đọc: ${readingInWords(ind.reading)}`);
  return lines;
}
