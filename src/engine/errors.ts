/**
 * Errors in the *shape* of the input (unknown indicator set, duplicate unit names, …),
 * as opposed to problems with values, which are statuses on each indicator (§17).
 * They carry a stable code for tools and tests and a Vietnamese message for users.
 */
export type DtiErrorCode =
  | "unknown-indicator-set"
  | "unknown-indicator"
  | "duplicate-unit"
  | "invalid-input"
  | "unreadable-input";

export class DtiError extends Error {
  constructor(
    readonly code: DtiErrorCode,
    /** Vietnamese message for users. */
    message: string,
  ) {
    super(message);
    this.name = "DtiError";
  }
}
