/** Small predicates over inputs and outcomes, shared by the engine, the workbook check, the summaries and DTI.* functions. */
import type { IndicatorOutcome } from "./types";

/** Nothing typed: absent, null, or text of spaces only. */
export function isBlank(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A score is complete when known and not resting on children that are not. */
export function isComplete(o: IndicatorOutcome | undefined): boolean {
  return o !== undefined && o.score !== null && !o.messages.some((m) => m.code === "sub-indicator-incomplete");
}
