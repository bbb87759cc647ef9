/**
 * Short Vietnamese descriptions of structured rules, derived from the catalog, for the
 * CLI's `catalog` listing, function help and templates. One source: the rule itself.
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
  if (ind.reading) lines.push(`    Cách đọc: ${ind.reading}`);
  return lines;
}
