/** Structural helpers over the rules of the catalog schema. */
import { exact } from "./exact";
import type { CaseRule, GroupPart, IndicatorSet, Part, RatioSpec, Rule } from "./schema";

/** Rules scored across the units compared (§9, §10), not from one unit's inputs alone. */
export function isCrossUnit(rule: Rule): rule is Extract<Rule, { kind: "min-max" | "ratio-to-best" }> {
  return rule.kind === "min-max" || rule.kind === "ratio-to-best";
}

function partRatios(parts: readonly (Part | GroupPart)[]): RatioSpec[] {
  return parts.flatMap((p) => (p.rule.kind === "ratio" ? [p.rule.ratio] : p.rule.kind === "group" ? partRatios(p.rule.parts) : []));
}

/**
 * Every ratio a rule computes: its own, those of a multi-part rule's ratio parts (in groups
 * too), those of a best-of rule's cases, and the ratio a cross-unit rule compares. Templates,
 * validation and generators all need them.
 */
export function ratioSpecs(rule: Rule | CaseRule): RatioSpec[] {
  switch (rule.kind) {
    case "ratio":
    case "threshold-literal":
    case "threshold-scaled":
    case "all-or-nothing":
    case "tiers-ratio":
      return [rule.ratio];
    case "multi-part":
      return partRatios(rule.parts);
    case "best-of":
      return rule.cases.flatMap((c) => ratioSpecs(c.rule));
    case "min-max":
    case "ratio-to-best":
      return rule.measure.kind === "ratio" ? [rule.measure.ratio] : [];
    default:
      return [];
  }
}

/** The gated amounts of a rule (a tiers-amount with a `gate`, alone or as a best-of case): the amount is needed only when the gate is open. */
export function gatedAmounts(rule: Rule): { gate: string; amount: string }[] {
  if (rule.kind === "tiers-amount") return rule.gate === undefined ? [] : [{ gate: rule.gate, amount: rule.amount }];
  if (rule.kind === "best-of") return rule.cases.flatMap((c) => (c.rule.kind === "tiers-amount" && c.rule.gate !== undefined ? [{ gate: c.rule.gate, amount: c.rule.amount }] : []));
  return [];
}

/**
 * What a valid set's author should look at, not refused: a capped group whose cap is more
 * than its parts can earn together (the cap never applies; a share mistyped?). In Vietnamese,
 * naming the indicator and the group.
 */
export function ruleWarnings(set: IndicatorSet): string[] {
  const out: string[] = [];
  const visit = (id: string, parts: readonly Part[]): void => {
    for (const part of parts) {
      if (part.rule.kind !== "group") continue;
      const total = part.rule.parts.reduce((a, p) => a.plus(exact(p.share)), exact("0"));
      const cap = exact(part.share);
      if (cap.gt(total)) {
        out.push(
          `chỉ số ${id}, nhóm "${part.label}": mức trần "share" ${part.share} lớn hơn tổng "share" các phần của nhóm (${total.toString()}), nên không bao giờ áp dụng; kiểm tra lại văn bản.`,
        );
      }
    }
  };
  for (const ind of set.indicators) {
    if (ind.rule.kind === "multi-part") visit(ind.id, ind.rule.parts);
    if (ind.rule.kind === "best-of") for (const c of ind.rule.cases) if (c.rule.kind === "multi-part") visit(ind.id, c.rule.parts);
  }
  return out;
}
