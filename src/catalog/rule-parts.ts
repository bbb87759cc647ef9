/** Structural helpers over the rules of the catalog schema. */
import type { RatioSpec, Rule } from "./schema";

/** Rules scored across the units compared (§9, §10), not from one unit's inputs alone. */
export function isCrossUnit(rule: Rule): rule is Extract<Rule, { kind: "min-max" | "ratio-to-best" }> {
  return rule.kind === "min-max" || rule.kind === "ratio-to-best";
}

/**
 * Every ratio a rule computes: its own, those of a multi-part rule's ratio parts, and the
 * ratio a cross-unit rule compares. Templates, validation and generators all need them.
 */
export function ratioSpecs(rule: Rule): RatioSpec[] {
  switch (rule.kind) {
    case "ratio":
    case "threshold-literal":
    case "threshold-scaled":
    case "all-or-nothing":
    case "tiers-ratio":
      return [rule.ratio];
    case "multi-part":
      return rule.parts.flatMap((p) => (p.rule.kind === "ratio" ? [p.rule.ratio] : []));
    case "min-max":
    case "ratio-to-best":
      return rule.measure.kind === "ratio" ? [rule.measure.ratio] : [];
    default:
      return [];
  }
}
