/** Structural helpers over the rules of the catalog schema. */
import type { RatioSpec, Rule } from "./schema";

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
