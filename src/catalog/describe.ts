/**
 * Short Vietnamese descriptions of structured rules, derived from the catalog, for the
 * CLI's `catalog` listing and the templates' "Cách hiểu áp dụng" column (which the loader also
 * measures against Excel's cell limit). One source: the rule itself. The DTI.* functions' help
 * is not derived from here: it is src/functions/descriptions.json.
 */
import { exact } from "./exact";
import { exactRational, mul, numberRational, numberText, type Rational } from "./written";
import type { GroupPart, Indicator, Measure, Part, RatioSpec, Rule, Tier, Variable } from "./schema";

/** "0.8" → "80 %", "0.0025" → "0,25 %". */
export function percent(text: string): string {
  return `${exact(text).mul(100).toString().replace(".", ",")} %`;
}

/** "1/2" → "1/2", "0.7" → "0,7". */
function fraction(text: string): string {
  return text.includes("/") ? text : text.replace(".", ",");
}

/**
 * A fraction of a maximum with the points it stands for (issue 13, point 1: `dti catalog` shows
 * both forms): "3/4" of 20 → "15 điểm = 3/4 điểm tối đa". Without a maximum, the fraction alone.
 */
function withPoints(text: string, max: Rational | undefined, of = "điểm tối đa"): string {
  const f = exactRational(text);
  if (!max || !f) return fraction(text);
  if (f.n.isZero()) return "0 điểm";
  if (f.n.eq(f.d)) return `${numberText(max)} điểm = ${of}`;
  return `${numberText(mul(max, f))} điểm = ${fraction(text)} ${of}`;
}

function sumText(keys: readonly string[]): string {
  return keys.length === 1 ? (keys[0] as string) : `(${keys.join(" + ")})`;
}

export function ratioText(spec: RatioSpec): string {
  const den = spec.denominator.kind === "variables" ? sumText(spec.denominator.variables) : spec.denominator.constant;
  return `${sumText(spec.numerator)}/${den}`;
}

function tiersText(tiers: readonly Tier[], value: string, asPercent: boolean, max?: Rational): string {
  const steps = tiers.map((t) => `${value} ≥ ${asPercent ? percent(t.atLeast) : fraction(t.atLeast)}: ${withPoints(t.fraction, max)}`);
  return `${steps.join("; ")}; thấp hơn: 0${max ? " điểm" : " (phần của điểm tối đa)"}`;
}

function measureText(m: Measure): string {
  return m.kind === "amount" ? m.amount : `tỷ lệ ${ratioText(m.ratio)}`;
}

/** Points of a share of the maximum, as the reader of a set sees them: "1/10 điểm tối đa". */
function shareText(share: string, max: Rational | undefined): string {
  const f = exactRational(share);
  const points = max && f ? ` (= ${numberText(mul(max, f))} điểm)` : "";
  return `${fraction(share)} điểm tối đa${points}`;
}

function partText(part: Part | GroupPart, max?: Rational): string {
  const rule = part.rule;
  switch (rule.kind) {
    case "ratio":
      return `${part.label}: min(${ratioText(rule.ratio)}, 1) × ${shareText(part.share, max)}`;
    case "choice":
      return `${part.label}: lựa chọn ${rule.variable} × ${shareText(part.share, max)}`;
    case "capped-count":
      return `${part.label}: ${fraction(rule.pointsEach)} điểm cho mỗi ${rule.count}, không quá ${shareText(part.share, max)}`;
    case "group":
      return `${part.label}: [${rule.parts.map((p) => partText(p, max)).join(" + ")}], tổng không quá ${shareText(part.share, max)}`;
  }
}

/** The rule in words; with `maxPoints` (the CLI's catalog), fractions of the maximum also as points. */
export function describeRule(rule: Rule, maxPoints?: number): string {
  const max = maxPoints === undefined ? undefined : numberRational(maxPoints);
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
      return `Tỷ lệ = ${ratioText(rule.ratio)}; ${tiersText(rule.tiers, "tỷ lệ", true, max)}`;
    case "tiers-amount":
      return `${rule.gate ? `Nếu ${rule.gate} = không: 0 điểm; nếu có: ` : ""}${tiersText(rule.tiers, rule.amount, false, max)}`;
    case "multi-part":
      return rule.parts.map((p) => partText(p, max)).join(" + ");
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

/** A variable in words; `base` (the points its options are out of) shows each option's points too. */
export function describeVariable(v: Variable, base?: { readonly max: Rational; readonly of: string }): string {
  const links: string[] = [];
  if (v.info) links.push(`= Thông tin chung mục ${v.info.join(" + ")}`);
  if (v.sameAs) links.push(`= ${v.sameAs.indicator} ${v.sameAs.variable}`);
  if (v.optional) links.push("không bắt buộc");
  const options = v.options ? ` — lựa chọn: ${v.options.map((o, n) => `${n + 1} = "${o.label}" (${withPoints(o.fraction, base?.max, base?.of)})`).join("; ")}` : "";
  const unit = v.unit ? ` [${v.unit}]` : "";
  return `${v.key} = ${v.description}${unit}${links.length ? ` (${links.join(", ")})` : ""}${options}`;
}

/** The points each choice variable's options are out of: the maximum for a "choice" rule, the part's points for a "choice" part. */
function optionBases(ind: Indicator): Map<string, { max: Rational; of: string }> {
  const out = new Map<string, { max: Rational; of: string }>();
  const max = numberRational(ind.maxPoints);
  if (!max) return out;
  if (ind.rule.kind === "choice") out.set(ind.rule.variable, { max, of: "điểm tối đa" });
  if (ind.rule.kind === "multi-part") {
    for (const p of ind.rule.parts) {
      const share = exactRational(p.share);
      if (p.rule.kind === "choice" && share && !out.has(p.rule.variable)) out.set(p.rule.variable, { max: mul(max, share), of: `điểm của phần “${p.label}”` });
    }
  }
  return out;
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
    lines.push(`    Như đã đọc:  ${describeRule(ind.rule, ind.maxPoints)}`);
  } else lines.push(`    Cách tính: ${describeRule(ind.rule, ind.maxPoints)}`);
  const bases = optionBases(ind);
  for (const v of ind.variables) lines.push(`    • ${describeVariable(v, bases.get(v.key))}`);
  if (ind.evidenceRequired) lines.push(`    Tài liệu kiểm chứng: ${ind.evidenceRequired}`);
  if (ind.dataSource) lines.push(`    Nguồn dữ liệu: ${ind.dataSource}`);
  if (ind.verifiedBy) lines.push(`    Đơn vị xác minh: ${ind.verifiedBy}`);
  if (ind.reading) lines.push(`    Cách đọc: ${readingInWords(ind.reading)}`);
  return lines;
}
