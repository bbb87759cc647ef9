/**
 * Short Vietnamese descriptions of structured rules, derived from the catalog, for the
 * CLI's `catalog` listing, function help and templates. One source: the rule itself.
 */
import { exact } from "./exact";
import { exactRational, mul, numberRational, numberText, type Rational } from "./written";
import type { Indicator, Measure, PartRule, RatioSpec, Rule, Tier, Variable } from "./schema";

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

function partText(rule: PartRule): string {
  return rule.kind === "ratio" ? `min(${ratioText(rule.ratio)}, 1)` : `lựa chọn ${rule.variable}`;
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
      return rule.parts
        .map((p) => {
          const f = exactRational(p.share);
          const points = max && f ? ` (= ${numberText(mul(max, f))} điểm)` : "";
          return `${p.label}: ${partText(p.rule)} × ${fraction(p.share)} điểm tối đa${points}`;
        })
        .join(" + ");
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
  }
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

export function describeIndicator(ind: Indicator): string[] {
  const lines = [`${ind.id}  ${ind.name} — tối đa ${ind.maxPoints} điểm`];
  const agencies = ind.coordinating ? `${ind.responsible}; phối hợp: ${ind.coordinating}` : ind.responsible;
  lines.push(`    Chủ trì: ${agencies}`);
  lines.push(`    Cách tính: ${describeRule(ind.rule, ind.maxPoints)}`);
  const bases = optionBases(ind);
  for (const v of ind.variables) lines.push(`    • ${describeVariable(v, bases.get(v.key))}`);
  if (ind.evidenceRequired) lines.push(`    Tài liệu kiểm chứng: ${ind.evidenceRequired}`);
  if (ind.dataSource) lines.push(`    Nguồn dữ liệu: ${ind.dataSource}`);
  if (ind.verifiedBy) lines.push(`    Đơn vị xác minh: ${ind.verifiedBy}`);
  if (ind.reading) lines.push(`    Cách đọc: ${ind.reading}`);
  return lines;
}
