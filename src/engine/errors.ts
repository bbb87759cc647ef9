/**
 * Errors in the *shape* of the input (unknown indicator set, duplicate unit names, …),
 * as opposed to problems with values, which are statuses on each indicator (§17).
 * They carry a stable code for tools and tests and a Vietnamese message for users.
 *
 * The engine's own shape errors are findings too (`ShapeProblem`: a code and the names
 * involved), rendered from the one catalog (src/i18n/findings.ts) in both languages. Their
 * Vietnamese table is here rather than in src/i18n/ because a thrown error carries its message
 * from the moment it is thrown (the CLI prints it, DTI.* functions show it) and the engine may
 * not import the i18n layer; the English is src/i18n/engine-texts-en.ts.
 */
export type DtiErrorCode =
  | "unknown-indicator-set"
  | "unknown-indicator"
  | "duplicate-unit"
  | "invalid-input"
  | "unreadable-input";

/** A shape error the engine finds in its input, as data. */
export type ShapeProblem =
  /** Two units of one call have the same name (compared without case or extra spaces). */
  | { readonly code: "duplicate-unit"; readonly unit: string; readonly before: string }
  /** An indicator id the set does not have, asked for directly (DTI.SCORE, scoreIndicator). */
  | { readonly code: "unknown-indicator-id"; readonly id: string; readonly set: string }
  /** A unit gives values (`case: "values"`) or reference values (`case: "reference"`) for an indicator the set does not have. */
  | { readonly code: "unit-unknown-indicator"; readonly unit: string; readonly id: string; readonly set: string; readonly case: "values" | "reference" }
  /** A unit gives a general-information item the set does not have. */
  | { readonly code: "unit-unknown-info"; readonly unit: string; readonly item: string; readonly set: string; readonly known: readonly string[] };

export type ShapeCode = ShapeProblem["code"];

type ShapeRender<C extends ShapeCode> = (f: Extract<ShapeProblem, { readonly code: C }>) => string;

/** One renderer per shape-error code, in one language. */
export type ShapeTable = { readonly [C in ShapeCode]: ShapeRender<C> };

export const SHAPE_VI: ShapeTable = {
  "duplicate-unit": (f) => `Tên đơn vị "${f.unit}" xuất hiện hai lần (trùng với "${f.before}"); mỗi đơn vị chỉ được có một bộ số liệu.`,
  "unknown-indicator-id": (f) => `Không có chỉ số "${f.id}" trong bộ chỉ số ${f.set}.`,
  "unit-unknown-indicator": (f) =>
    f.case === "values"
      ? `Đơn vị "${f.unit}": không có chỉ số "${f.id}" trong bộ chỉ số ${f.set}.`
      : `Đơn vị "${f.unit}": giá trị tham chiếu cho chỉ số "${f.id}", nhưng bộ chỉ số ${f.set} không có chỉ số này.`,
  "unit-unknown-info": (f) => `Đơn vị "${f.unit}": không có mục thông tin chung "${f.item}" trong bộ chỉ số ${f.set} (có: ${f.known.join(", ") || "không có"}).`,
};

/** The DtiError code (for tools and DTI.* error kinds) of each shape problem. */
const ERROR_CODE: { readonly [C in ShapeCode]: DtiErrorCode } = {
  "duplicate-unit": "duplicate-unit",
  "unknown-indicator-id": "unknown-indicator",
  "unit-unknown-indicator": "unknown-indicator",
  "unit-unknown-info": "invalid-input",
};

export class DtiError extends Error {
  readonly code: DtiErrorCode;
  /** The engine's shape errors as data, for rendering in the user's language; absent for the CLI's file errors. */
  readonly problem?: ShapeProblem;

  /** `new DtiError(problem)` for the engine's shape errors; `new DtiError(code, message)` for a Vietnamese message written by the caller. */
  constructor(problem: ShapeProblem);
  constructor(code: DtiErrorCode, message: string);
  constructor(first: ShapeProblem | DtiErrorCode, message?: string) {
    if (typeof first === "string") {
      super(message);
      this.code = first;
    } else {
      super((SHAPE_VI[first.code] as (f: ShapeProblem) => string)(first));
      this.code = ERROR_CODE[first.code];
      this.problem = first;
    }
    this.name = "DtiError";
  }
}
