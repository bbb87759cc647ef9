/**
 * Loads an indicator set from data (parsed JSON, or the rows of a sheet turned into the same
 * shape) and checks every field of the schema (./schema.ts) before anything uses it.
 *
 * A set is data, not code (architecture, principle 1): a later year's set, or a province's own
 * set for its departments and districts, is a JSON file that passes `parseIndicatorSet`.
 * Every problem is reported, not only the first, as a Vietnamese message naming the file and
 * the JSON path: `sets/huyen.json: indicators[3].rule.ratio.numerator[0]: biến "x" không có trong chỉ số 1.2`.
 *
 * Browser-safe: no `fs` here; reading a file is in ../cli/set-file.ts (Node only).
 */
import { labelKey } from "./labels";
import { hasOwn } from "./own";
import { Decimal, exact } from "./exact";
import { fieldNames, requiredNames } from "./decl";
import { readingCell } from "./describe";
import { cmpRational, div, exactRational, fractionText, fromPercent, mul, numberRational, numberText, parseWritten, rational, toDecimal, type Rational } from "./written";
import { decls, EXACT, INDICATOR_ID, PILLAR_ID, SET_ID, setFromFile, VARIABLE_KEY, type IndicatorSet, type IndicatorSetFile, type RuleKind } from "./schema";

/**
 * The result of checking a set: the set itself, or its problems. At most MAX_LISTED_ERRORS
 * are listed; past that the last line says how many more there are ("… và 19.950 lỗi khác")
 * and `total` counts them all.
 */
export type ParseResult = { readonly set: IndicatorSet; readonly warnings?: string[] } | { readonly errors: string[]; readonly total?: number };

/** The version of the set file format this loader writes and reads; older files are migrated on load. */
export const SET_FORMAT_VERSION = 2;

/**
 * How to read a set.
 * - `draft`: a draft (a transcription under way): the checks that a partial set fails (maxima that
 *   do not add up yet, shares that do not make 1 yet, a variable no rule uses yet, a choice without
 *   a full-points answer yet, a pillar without indicators yet) are warnings. A file may say
 *   `"draft": true` itself; the set in memory then carries `draft: true`.
 * - `jsonPaths`: messages name the JSON path ("indicators[3].rule.tiers[0]") instead of what the
 *   author sees ("chỉ số 1.4, bậc 1"): for the set sheet, which puts them on their cells.
 */
export interface ParseOptions {
  readonly draft?: boolean;
  readonly jsonPaths?: boolean;
}

/**
 * How many problems a set's check lists. A sheet with 20 000 junk cells is one mistake (a
 * paste gone wrong), not 20 000 lines to read; the first 50 show where it is.
 */
export const MAX_LISTED_ERRORS = 50;

/** 32767 → "32.767", as Vietnamese writes numbers (no Intl: the same in every host). */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/**
 * Problems as they are found: the first MAX_LISTED_ERRORS kept, the rest only counted, so
 * that a file with thousands of bad cells costs no more memory than one with fifty.
 */
export class ProblemList {
  private readonly listed: string[] = [];
  private found = 0;

  /** A problem; given as a function, its text is only made when it is listed (naming an item costs a search). */
  add(text: string | (() => string)): void {
    this.found++;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(typeof text === "string" ? text : text());
  }

  /** Problems found so far, listed or not. */
  get count(): number {
    return this.found;
  }

  /** The listed problems, then "… và N lỗi khác" when some were only counted. */
  result(): { errors: string[]; total?: number } {
    const more = this.found - this.listed.length;
    if (more === 0) return { errors: [...this.listed] };
    return { errors: [...this.listed, moreLine(more)], total: this.found };
  }
}

/** The line that ends a capped list. */
export function moreLine(more: number): string {
  return `… và ${grouped(more)} lỗi khác (chỉ liệt kê ${MAX_LISTED_ERRORS} lỗi đầu).`;
}

/** How many problems a result holds: `total` when the list was capped. */
export function problemCount(result: { readonly errors: readonly string[]; readonly total?: number }): number {
  return result.total ?? result.errors.length;
}

/** The problems of a set as the CLI prints them: a count, then one a line ("- …"), the "… và N lỗi khác" line as is. */
export function setProblemsText(file: string, result: { readonly errors: readonly string[]; readonly total?: number }): string {
  const capped = result.total !== undefined;
  const lines = result.errors.map((e, n) => (capped && n === result.errors.length - 1 ? e : `- ${e}`));
  return `Bộ chỉ số trong ${file} không hợp lệ (${grouped(problemCount(result))} lỗi):\n${lines.join("\n")}`;
}

type Obj = Record<string, unknown>;

/** The rule kinds, in declared order (./schema.ts): a kind added there is accepted here. */
const RULE_KINDS = Object.keys(decls.rule.variants) as RuleKind[];

/** The fields each rule kind has besides `kind` (required ones first, then optional ones), from the declaration. */
const RULE_FIELDS: Record<RuleKind | "group", { readonly required: readonly string[]; readonly optional: readonly string[] }> = Object.fromEntries(
  Object.entries({ ...decls.rule.variants, ...decls.partRule.variants }).map(([kind, variant]) => {
    const required = requiredNames(variant);
    return [kind, { required, optional: fieldNames(variant).filter((f) => !required.includes(f)) }];
  }),
) as Record<RuleKind | "group", { required: string[]; optional: string[] }>;

/** Where a rule stands, and the kinds allowed there (from the declaration). */
type RulePlace = "rule" | "part" | "group-part" | "case";
const PLACE_KINDS: Record<RulePlace, readonly string[]> = {
  rule: RULE_KINDS,
  part: Object.keys(decls.partRule.variants),
  "group-part": Object.keys(decls.groupPartRule.variants),
  case: Object.keys(decls.caseRule.variants),
};
const PLACE_TEXT: Record<RulePlace, string> = {
  rule: "các loại",
  part: "một phần của quy tắc nhiều phần",
  "group-part": "một phần trong nhóm",
  case: "một trường hợp của quy tắc best-of",
};

/** The fields of each object the loader checks, in declared order (the order messages list them in). */
const FIELDS = {
  set: fieldNames(decls.set),
  infoItem: fieldNames(decls.infoItem),
  pillar: fieldNames(decls.pillar),
  indicator: fieldNames(decls.indicator),
  variable: fieldNames(decls.variable),
  sameAs: fieldNames(decls.sameAs),
  choiceOption: fieldNames(decls.choiceOption),
  ratio: fieldNames(decls.ratio),
  tier: fieldNames(decls.tier),
  part: fieldNames(decls.part),
  case: fieldNames(decls.case),
};
/** Fields a file may write that are not kept (`$schema`): accepted, never listed. */
const FILE_ONLY = fieldNames(decls.set, "file").filter((f) => !FIELDS.set.includes(f));

/** Keys that would make a variable's defined name equal another name of the row (Excel names ignore case). */
const RESERVED_KEYS = new Set(["score", "target", "evidence", "note", "min", "max"]);

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A value for a message: text and numbers as they are, anything else by its kind. Never the
 * value's own toString/valueOf: a set file may hold {"toString": 1} where an id belongs.
 */
function shown(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "";
  return Array.isArray(value) ? "[một mảng]" : "[một đối tượng]";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "một mảng";
  if (typeof value === "object") return "một đối tượng";
  if (typeof value === "string") return `chuỗi ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  return `${typeof value === "number" ? "số" : typeof value} ${String(value)}`;
}

/** An exact number, parsed with decimal.js as the engine parses it (never through binary floating point). */
type Ratio = Decimal;

function parseExact(text: string): Ratio | null {
  const m = EXACT.exec(text);
  if (!m) return null;
  if (m[2] !== undefined && new Decimal(m[2]).isZero()) return null;
  return exact(text);
}

const cmp = (a: Ratio, b: Ratio): number => a.comparedTo(b);
const add = (a: Ratio, b: Ratio): Ratio => a.plus(b);
const R0: Ratio = new Decimal(0);
const R1: Ratio = new Decimal(1);

/** What is known of one indicator's variables, for the cross-references of the rules. */
interface VariableInfo {
  readonly type: unknown;
  readonly hasSameAs: boolean;
  readonly unit: unknown;
}

/** The steps of a JSON path: "indicators[3].rule.parts[1]" → ["indicators", 3, "rule", "parts", 1]. */
export function pathSteps(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : (m[2] as string)));
}

/** An item's id for a message when it is a usable one (text or number, unique among its siblings), else undefined. */
function itemId(list: unknown, n: number, field: string, valid: (v: unknown) => boolean): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[n];
  const id = isObj(item) && hasOwn(item, field) ? item[field] : undefined;
  if (!valid(id)) return undefined;
  const same = list.filter((x) => isObj(x) && hasOwn(x, field) && x[field] === id).length;
  return same === 1 ? String(id) : `${String(id)} (thứ ${n + 1})`;
}

const isIndicatorId = (v: unknown): boolean => typeof v === "string" && INDICATOR_ID.test(v);
const isPillarId = (v: unknown): boolean => typeof v === "string" && PILLAR_ID.test(v);
const isInfoId = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 1;
const isVariableKey = (v: unknown): boolean => typeof v === "string" && VARIABLE_KEY.test(v);

/**
 * What the author sees for a JSON path (issue 13, point 6): the items by their ids and the
 * field last, never positions in arrays:
 *   indicators[8].rule.parts[1].share          → chỉ số 3.4, phần 2, share
 *   indicators[2].variables[0].options[1]      → chỉ số 1.3, biến a, phương án 2
 *   indicators[6].rule.tiers[0].fraction       → chỉ số 2.2, bậc 1, fraction
 *   pillars[1].maxPoints                       → chỉ số chính II, maxPoints
 * An item without a usable id is named by its place ("chỉ số thứ 9"). Fields inside a rule
 * keep their JSON names ("rule.ratio.numerator[0]"): they are what the author typed.
 */
export function authorPath(path: string, root: unknown): string {
  const steps = pathSteps(path);
  const out: string[] = [];
  let node: unknown = root;
  let rest: (string | number)[] = [];
  const named = (what: string, list: unknown, n: number, field: string, valid: (v: unknown) => boolean): void => {
    const id = itemId(list, n, field, valid);
    out.push(id === undefined ? `${what} thứ ${n + 1}` : `${what} ${id}`);
  };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string | number;
    const next = steps[i + 1];
    const list = isObj(node) && typeof step === "string" && hasOwn(node, step) ? node[step] : undefined;
    const item = Array.isArray(list) && typeof next === "number" ? (list[next] as unknown) : undefined;
    const inRule = rest.length > 0 && rest[rest.length - 1] === "rule";
    if (typeof next === "number" && rest.length === 0 && out.length === 0 && (step === "indicators" || step === "pillars" || step === "infoItems")) {
      if (step === "indicators") named("chỉ số", list, next, "id", isIndicatorId);
      else if (step === "pillars") named("chỉ số chính", list, next, "id", isPillarId);
      else named("mục thông tin chung", list, next, "id", isInfoId);
    } else if (typeof next === "number" && step === "variables" && rest.length === 0) {
      named("biến", list, next, "key", isVariableKey);
    } else if (typeof next === "number" && step === "options" && rest.length === 0) {
      out.push(`phương án ${next + 1}`);
    } else if (typeof next === "number" && step === "parts" && inRule && rest.length === 1) {
      out.push(`phần ${next + 1}`);
    } else if (typeof next === "number" && step === "tiers" && inRule && rest.length === 1) {
      out.push(`bậc ${next + 1}`);
    } else {
      rest.push(step);
      node = isObj(node) && typeof step === "string" && hasOwn(node, step) ? node[step] : Array.isArray(node) && typeof step === "number" ? node[step] : undefined;
      continue;
    }
    node = item;
    rest = [];
    i++;
  }
  const field = rest.map((s, n) => (typeof s === "number" ? `[${s}]` : n === 0 ? s : `.${s}`)).join("");
  return [...out, ...(field ? [field] : [])].join(", ");
}

class Checker {
  readonly problems = new ProblemList();
  readonly warnings: string[] = [];
  /** Numbers written in points or percent, and the exact fraction each is: applied to the set in memory. */
  readonly rewrites: { readonly path: string; readonly value: string }[] = [];

  constructor(
    private readonly source: string,
    private readonly root: unknown = undefined,
    readonly options: ParseOptions = {},
  ) {}

  private line(path: string, text: string): string {
    const where = this.options.jsonPaths || path === "" ? path : authorPath(path, this.root);
    return `${this.source}: ${where === "" ? "" : `${where}: `}${text}`;
  }

  err(path: string, text: string): void {
    this.problems.add(() => this.line(path, text));
  }

  warn(path: string, text: string): void {
    this.warnings.push(this.line(path, text));
  }

  /** A check a draft may fail (a set being transcribed): an error, or for a draft a warning. */
  soft(path: string, text: string): void {
    if (this.options.draft) this.warn(path, `${text} (bản nháp: chỉ cảnh báo)`);
    else this.err(path, text);
  }

  /**
   * Fields that the schema does not have (often a misspelt name) are errors, not silently ignored.
   * `alsoAccepted` are taken without being listed in the message (`$schema`, a union's optional `kind`).
   */
  noExtra(obj: Obj, path: string, allowed: readonly string[], alsoAccepted: readonly string[] = []): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key) && !alsoAccepted.includes(key)) {
        this.err(path === "" ? key : `${path}.${key}`, `trường "${key}" không có trong lược đồ bộ chỉ số (các trường: ${allowed.join(", ")}).`);
      }
    }
  }

  object(value: unknown, path: string): value is Obj {
    if (isObj(value)) return true;
    this.err(path, `phải là một đối tượng {…}, nhận được ${describe(value)}.`);
    return false;
  }

  array(value: unknown, path: string, nonEmpty = false): value is unknown[] {
    if (!Array.isArray(value)) {
      this.err(path, `phải là một mảng […], nhận được ${value === undefined ? "không có" : describe(value)}.`);
      return false;
    }
    if (nonEmpty && value.length === 0) {
      this.err(path, "không được là mảng rỗng.");
      return false;
    }
    return true;
  }

  string(value: unknown, path: string, nonEmpty: boolean): value is string {
    if (typeof value !== "string") {
      this.err(path, `phải là chuỗi văn bản, nhận được ${value === undefined ? "không có (thiếu trường)" : describe(value)}.`);
      return false;
    }
    if (nonEmpty && value.trim() === "") {
      this.err(path, "không được để trống.");
      return false;
    }
    return true;
  }

  /** A finite number ≥ 0 (points). */
  points(value: unknown, path: string): value is number {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.err(path, `phải là số hữu hạn, nhận được ${value === undefined ? "không có (thiếu trường)" : describe(value)}.`);
      return false;
    }
    if (value < 0) {
      this.err(path, `không được âm (nhận được ${value}).`);
      return false;
    }
    return true;
  }

  boolean(value: unknown, path: string): value is boolean {
    if (typeof value === "boolean") return true;
    this.err(path, `phải là true hoặc false, nhận được ${describe(value)}.`);
    return false;
  }

  pattern(value: unknown, path: string, re: RegExp, what: string): value is string {
    if (!this.string(value, path, true)) return false;
    if (re.test(value)) return true;
    this.err(path, `"${value}" không phải ${what}.`);
    return false;
  }

  /** An exact number given as a string ("0.8", "1/2"), optionally bounded. */
  exact(
    value: unknown,
    path: string,
    bounds: { readonly min?: Ratio; readonly minExclusive?: boolean; readonly max?: Ratio; readonly what?: string } = {},
  ): Ratio | null {
    if (typeof value !== "string") {
      this.err(path, `phải là số chính xác viết dạng chuỗi, ví dụ "0.8" hoặc "1/2", nhận được ${value === undefined ? "không có (thiếu trường)" : describe(value)}.`);
      return null;
    }
    const r = parseExact(value);
    if (r === null) {
      this.err(path, `"${value}" không phải số chính xác (số thập phân không âm như "0.8" hoặc phân số như "1/2", mẫu khác 0).`);
      return null;
    }
    const below = bounds.min !== undefined && (bounds.minExclusive ? cmp(r, bounds.min) <= 0 : cmp(r, bounds.min) < 0);
    const above = bounds.max !== undefined && cmp(r, bounds.max) > 0;
    if (below || above) {
      this.err(path, `"${value}" ${bounds.what ?? "nằm ngoài khoảng cho phép"}.`);
      return null;
    }
    return r;
  }

  /**
   * A number an officer may write as the official text does (issue 13, point 1): an exact
   * fraction as always ("3/4", "0.9"; a bare number is always that), points with their unit
   * ("15 điểm", "15đ", "7,5 điểm") where `points` says what they are out of, a percentage
   * ("90%", "90 %") where `percent` is set. Points and percentages become the exact fraction
   * (recorded in `rewrites` for the set in memory), so the engine reads fractions only.
   * `points.base` null: what the points are out of is not known because of a problem reported
   * elsewhere (an invalid maxPoints, share); the value is then left unchecked, not reported twice.
   */
  written(
    value: unknown,
    path: string,
    spec: {
      readonly min: Ratio;
      readonly minExclusive?: boolean;
      readonly max?: Ratio;
      /** What the bounds mean, after the bounds ("(phần điểm tối đa mà phương án này đạt)"). */
      readonly what: string;
      readonly points?: { readonly base: Rational | null; readonly of: string } | { readonly refused: string };
      readonly percent?: boolean;
      /** For a ratio that cannot exceed 1 (subset): the cap, and why. */
      readonly ratioCap?: string;
    },
  ): Ratio | null {
    const forms = [
      '"0.8" hoặc "1/2"',
      ...(spec.points && "base" in spec.points ? ['điểm như "15 điểm"'] : []),
      ...(spec.percent ? ['phần trăm như "90%"'] : []),
    ].join(", ");
    const range = `${spec.minExclusive ? "(" : "["}${spec.min.toString()}, ${spec.max ? `${spec.max.toString()}]` : "∞)"}`;
    if (typeof value !== "string") {
      this.err(path, `phải là số viết dạng chuỗi, ví dụ ${forms}, nhận được ${value === undefined ? "không có (thiếu trường)" : describe(value)}.`);
      return null;
    }
    const w = parseWritten(value);
    const below = (r: Ratio): boolean => (spec.minExclusive ? cmp(r, spec.min) <= 0 : cmp(r, spec.min) < 0);
    if (w?.unit === "points") {
      if (!spec.points || "refused" in spec.points) {
        this.err(path, `"${value}" là điểm, nhưng ở đây ${spec.points && "refused" in spec.points ? spec.points.refused : `không ghi bằng điểm; hãy ghi ${forms}`}.`);
        return null;
      }
      const { base, of } = spec.points;
      if (base === null) return null;
      if (base.n.isZero()) {
        this.err(path, `"${value}": không đổi được điểm ra phần điểm tối đa vì ${of} bằng 0.`);
        return null;
      }
      if (cmpRational(w.value, base) > 0) {
        this.err(path, `"${value}" vượt ${of}: ${numberText(w.value)} điểm > ${numberText(base)} điểm.`);
        return null;
      }
      const f = div(w.value, base);
      if (below(toDecimal(f))) {
        this.err(path, `"${value}" ${spec.minExclusive ? "phải lớn hơn 0 điểm" : "không được âm"}.`);
        return null;
      }
      this.rewrites.push({ path, value: fractionText(f) });
      return toDecimal(f);
    }
    if (w?.unit === "percent") {
      if (!spec.percent) {
        this.err(path, `"${value}" là phần trăm, nhưng ở đây không ghi bằng phần trăm; hãy ghi ${forms}.`);
        return null;
      }
      const f = fromPercent(w.value);
      const r = toDecimal(f);
      if (spec.ratioCap && cmp(r, R1) > 0) {
        this.err(path, `"${value}" vượt 100 %: ${numberText(w.value)} % > 100 % (${spec.ratioCap}).`);
        return null;
      }
      if (spec.max !== undefined && cmp(spec.max, R1) === 0 && cmp(r, R1) > 0) {
        this.err(path, `"${value}" vượt 100 %: ${numberText(w.value)} % > 100 % ${spec.what}.`);
        return null;
      }
      if (below(r) || (spec.max !== undefined && cmp(r, spec.max) > 0)) {
        this.err(path, `"${value}" phải nằm trong ${range} ${spec.what} (${numberText(w.value)} % = ${fractionText(f)}).`);
        return null;
      }
      this.rewrites.push({ path, value: fractionText(f) });
      return r;
    }
    const r = parseExact(value);
    if (r === null) {
      this.err(path, `"${value}" không phải số chính xác (số thập phân không âm như "0.8" hoặc phân số như "1/2", mẫu khác 0${forms.includes("điểm") || forms.includes("phần trăm") ? `; hoặc ${forms.replace('"0.8" hoặc "1/2", ', "")}` : ""}).`);
      return null;
    }
    if (spec.ratioCap && cmp(r, R1) > 0) {
      this.err(path, `"${value}" vượt 100 %: ${numberText(exactRational(value) ?? rational(0, 1))} > 1 (${spec.ratioCap}).`);
      return null;
    }
    if (spec.max === undefined && below(r)) {
      this.err(path, `"${value}" ${spec.minExclusive ? `phải lớn hơn ${spec.min.toString()}` : "không được âm"}.`);
      return null;
    }
    if (below(r) || (spec.max !== undefined && cmp(r, spec.max) > 0)) {
      const points = spec.points && "base" in spec.points ? spec.points : undefined;
      const asPoints = exactRational(value);
      let hint = "";
      if (points && points.base && !points.base.n.isZero() && asPoints && !value.includes("/") && spec.max !== undefined && cmp(r, spec.max) > 0) {
        hint =
          cmpRational(asPoints, points.base) <= 0
            ? `; nếu văn bản ghi ${numberText(asPoints)} điểm, hãy viết "${numberText(asPoints)} điểm" (hoặc đổi ra phần: ${numberText(asPoints)} trên ${numberText(points.base)} → "${fractionText(div(asPoints, points.base))}")`
            : `; ${numberText(asPoints)} điểm cũng vượt ${points.of} (${numberText(points.base)} điểm)`;
      }
      this.err(path, `"${value}" phải nằm trong ${range} ${spec.what}${hint}.`);
      return null;
    }
    return r;
  }
}

/** What points are out of, for messages: "điểm tối đa của chỉ số 1.3". */
const ofIndicator = (id: string): string => `điểm tối đa của chỉ số ${id}`;

/** A fraction as written (a fraction, points of `max`, or a percentage) as a rational; null if unreadable. */
function asFraction(text: unknown, max: Rational | null): Rational | null {
  if (typeof text !== "string") return null;
  const w = parseWritten(text);
  if (w?.unit === "points") return max && !max.n.isZero() ? div(w.value, max) : null;
  if (w?.unit === "percent") return fromPercent(w.value);
  return exactRational(text) ?? null;
}

/** The points a part of a multi-part rule is worth: max × its share (the share as written: a fraction, points or a percentage). */
function partBase(max: Rational | null, share: unknown): Rational | null {
  if (max === null || typeof share !== "string") return null;
  const w = parseWritten(share);
  if (w?.unit === "points") return w.value;
  const f = w?.unit === "percent" ? fromPercent(w.value) : exactRational(share);
  return f ? mul(max, f) : null;
}

/**
 * The sum of a pillar's indicators' maxima (sub-indicators not counted), when it can be compared
 * with the pillar's: undefined for a pillar of tracked indicators only, or with a maximum unread.
 */
function pillarSum(indicators: readonly unknown[], pillarId: string, max: number): number | undefined {
  const counted = indicators.filter((raw): raw is Obj => isObj(raw) && raw.pillar === pillarId && raw.parent === undefined);
  if (counted.length === 0 || Number.isNaN(max) || !counted.some((m) => isObj(m.rule) && m.rule.kind !== "unscored")) return undefined;
  if (counted.some((m) => typeof m.maxPoints !== "number")) return undefined;
  return counted.reduce((a, m) => a + (m.maxPoints as number), 0);
}

/** Sets the in-memory values of numbers written in points or percent (the paths the checks recorded). */
function applyRewrites(set: IndicatorSet, rewrites: readonly { readonly path: string; readonly value: string }[]): void {
  for (const { path, value } of rewrites) {
    const steps = pathSteps(path);
    let node: unknown = set;
    for (const step of steps.slice(0, -1)) node = isObj(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[step] : undefined;
    const last = steps[steps.length - 1];
    if (isObj(node) && typeof last === "string") node[last] = value;
  }
}

/**
 * Checks `data` against the indicator-set schema. `source` names the data in messages
 * (a file path such as "sets/huyen.json", or a sheet name).
 */
/**
 * The defined names a template makes from a set's ids (layout/names.ts owns the patterns). Given
 * by the callers that make templates from the set (layout/template-set.ts), so that a set whose
 * names or texts Excel would refuse is refused here, where its other problems are reported,
 * without the catalog knowing the patterns. Without them the Excel limits are not checked.
 */
export interface TemplateNames {
  pillar(id: string): string;
  previousPillar(id: string): string;
  score(id: string): string;
  target(id: string): string;
  evidence(id: string): string;
  note(id: string): string;
  referenceMin(id: string): string;
  referenceMax(id: string): string;
  input(id: string, key: string): string;
  optionLabels(id: string, key: string): string;
  optionFractions(id: string, key: string): string;
}

export function parseIndicatorSet(data: unknown, source: string, templateNames?: TemplateNames, options: ParseOptions = {}): ParseResult {
  const draft = options.draft === true || (isObj(data) && hasOwn(data, "draft") && data.draft === true);
  const c = new Checker(source, data, { ...options, draft });
  if (!isObj(data)) {
    c.err("", `tệp phải chứa một đối tượng JSON bộ chỉ số {"id": …, "name": …, "pillars": […], "indicators": […]}, nhận được ${describe(data)}.`);
    return c.problems.result();
  }
  c.noExtra(data, "", FIELDS.set, FILE_ONLY);
  // An editor's pointer to docs/set-schema.json; not part of the set.
  if (hasOwn(data, "$schema")) c.string(data.$schema, "$schema", false);
  // The format's version (issue 13, point 9): none is the first version, migrated on load.
  const version = hasOwn(data, "version") ? data.version : undefined;
  if (version !== undefined && (typeof version !== "number" || !Number.isInteger(version) || version < 1)) {
    c.err("version", `phải là số phiên bản định dạng nguyên dương (hiện nay ${SET_FORMAT_VERSION}), nhận được ${describe(version)}.`);
  } else if (typeof version === "number" && version > SET_FORMAT_VERSION) {
    c.err("version", `tệp theo định dạng phiên bản ${version}, mới hơn phiên bản ${SET_FORMAT_VERSION} mà chương trình này đọc được; hãy cập nhật DTI Workbench.`);
  } else if (version === undefined || version < SET_FORMAT_VERSION) {
    c.warn("", `tệp theo định dạng cũ (phiên bản ${typeof version === "number" ? version : 1}), đã chuyển đổi sang phiên bản ${SET_FORMAT_VERSION} khi nạp; thêm "version": ${SET_FORMAT_VERSION} vào tệp để không còn cảnh báo này.`);
  }
  if (hasOwn(data, "draft")) c.boolean(data.draft, "draft");
  if (draft) c.warn("", "bộ chỉ số là BẢN NHÁP: các kiểm tra về tổng điểm tối đa, tổng các phần và biến chưa dùng chỉ cảnh báo; mẫu biểu ghi \"BẢN NHÁP\" trên mọi trang.");
  c.pattern(data.id, "id", SET_ID, 'mã bộ chỉ số hợp lệ (chữ thường, số và dấu "-", ví dụ "huyen-2023")');
  c.string(data.name, "name", true);
  c.string(data.source, "source", true);
  if (typeof data.year !== "number" || !Number.isInteger(data.year) || data.year < 1900 || data.year > 2200) {
    c.err("year", `phải là năm dạng số nguyên (ví dụ 2023), nhận được ${data.year === undefined ? "không có (thiếu trường)" : describe(data.year)}.`);
  }
  const maxTotalOk = c.points(data.maxTotal, "maxTotal");
  if (maxTotalOk && data.maxTotal === 0) c.err("maxTotal", "phải lớn hơn 0 (chỉ số = tổng điểm / maxTotal).");

  // ---- general-information items
  const infoTypes = new Map<number, { type: unknown; unit: unknown }>();
  if (c.array(data.infoItems, "infoItems")) {
    data.infoItems.forEach((raw, n) => {
      const p = `infoItems[${n}]`;
      if (!c.object(raw, p)) return;
      c.noExtra(raw, p, FIELDS.infoItem);
      // A safe integer: it becomes the defined name DTI_INFO_<id>, and 1e21 would be "1e+21".
      if (typeof raw.id !== "number" || !Number.isSafeInteger(raw.id) || raw.id < 1) {
        c.err(`${p}.id`, `phải là số thứ tự nguyên dương, nhận được ${describe(raw.id)}.`);
      } else if (infoTypes.has(raw.id)) {
        c.err(`${p}.id`, `mục thông tin chung ${raw.id} bị trùng.`);
      } else {
        infoTypes.set(raw.id, { type: raw.type, unit: raw.unit });
      }
      c.string(raw.name, `${p}.name`, true);
      c.string(raw.responsible, `${p}.responsible`, false);
      if (raw.type !== "text" && raw.type !== "number") c.err(`${p}.type`, `phải là "text" hoặc "number", nhận được ${describe(raw.type)}.`);
      if (c.string(raw.unit, `${p}.unit`, false) && raw.type === "text" && raw.unit !== "") {
        c.err(`${p}.unit`, `mục dạng văn bản không có đơn vị tính (để ""), nhận được "${raw.unit}".`);
      }
    });
  }

  // ---- pillars
  const pillarMax = new Map<string, number>();
  // A pillar whose id is wrong (reported there) is likely the one its indicators name: one mistake, one message.
  let pillarIdBroken = false;
  if (c.array(data.pillars, "pillars", true)) {
    let sum = 0;
    let sumOk = true;
    data.pillars.forEach((raw, n) => {
      const p = `pillars[${n}]`;
      if (!c.object(raw, p)) {
        sumOk = false;
        return;
      }
      c.noExtra(raw, p, FIELDS.pillar);
      const idOk = c.pattern(raw.id, `${p}.id`, PILLAR_ID, 'mã trụ cột hợp lệ (chữ và số, ví dụ "I", "II")');
      c.string(raw.name, `${p}.name`, true);
      const maxOk = c.points(raw.maxPoints, `${p}.maxPoints`);
      if (maxOk) sum += raw.maxPoints as number;
      else sumOk = false;
      if (idOk) {
        if (pillarMax.has(raw.id as string)) {
          c.err(`${p}.id`, `mã trụ cột "${shown(raw.id)}" bị trùng.`);
          pillarIdBroken = true;
        } else pillarMax.set(raw.id as string, maxOk ? (raw.maxPoints as number) : NaN);
      } else pillarIdBroken = true;
    });
    // A pillar whose maximum disagrees with its indicators (reported below) is one mistake, not also the total's.
    const rows = Array.isArray(data.indicators) ? data.indicators : [];
    const pillarWrong = [...pillarMax].some(([id, max]) => {
      const own = pillarSum(rows, id, max);
      return own !== undefined && Math.abs(own - max) > 1e-9;
    });
    if (sumOk && maxTotalOk && !pillarWrong && Math.abs(sum - (data.maxTotal as number)) > 1e-9) {
      c.soft("maxTotal", `bằng ${shown(data.maxTotal)} nhưng tổng điểm tối đa của các trụ cột là ${sum}.`);
    }
  }

  // ---- indicators: a first pass collects ids and variables for the cross-references
  const indicators = c.array(data.indicators, "indicators", true) ? data.indicators : [];
  const byId = new Map<string, { index: number; raw: Obj }>();
  const variablesOf = new Map<string, Map<string, VariableInfo>>();
  indicators.forEach((raw, n) => {
    if (!isObj(raw) || typeof raw.id !== "string" || !INDICATOR_ID.test(raw.id) || byId.has(raw.id)) return;
    byId.set(raw.id, { index: n, raw });
    const vars = new Map<string, VariableInfo>();
    if (Array.isArray(raw.variables)) {
      for (const v of raw.variables) {
        if (isObj(v) && typeof v.key === "string" && !vars.has(v.key)) vars.set(v.key, { type: v.type, hasSameAs: v.sameAs !== undefined, unit: v.unit });
      }
    }
    variablesOf.set(raw.id, vars);
  });

  const seen = new Set<string>();
  const childrenOf = new Map<string, string[]>();
  indicators.forEach((raw, n) => {
    const p = `indicators[${n}]`;
    if (!c.object(raw, p)) return;
    c.noExtra(raw, p, FIELDS.indicator);
    let id = `#${n + 1}`;
    if (c.pattern(raw.id, `${p}.id`, INDICATOR_ID, 'mã chỉ số hợp lệ (các số cách nhau bởi dấu chấm, ví dụ "1.2" hoặc "5.12.1")')) {
      id = raw.id as string;
      if (seen.has(id)) c.err(`${p}.id`, `mã chỉ số "${id}" bị trùng (đã có ở chỉ số thứ ${(byId.get(id)?.index ?? -1) + 1}).`);
      seen.add(id);
    }
    const own = byId.get(id)?.raw === raw;
    if (c.string(raw.pillar, `${p}.pillar`, true) && !pillarMax.has(raw.pillar as string) && !pillarIdBroken) {
      c.err(`${p}.pillar`, `trụ cột "${shown(raw.pillar)}" của chỉ số ${id} không có trong "pillars" (có: ${[...pillarMax.keys()].join(", ") || "không có"}).`);
    }
    c.string(raw.name, `${p}.name`, true);
    c.string(raw.scoringText, `${p}.scoringText`, false);
    // What points written in the rule are out of: null when maxPoints is invalid (reported here, not again there).
    const max = c.points(raw.maxPoints, `${p}.maxPoints`) ? (numberRational(raw.maxPoints as number) ?? null) : null;
    c.string(raw.responsible, `${p}.responsible`, false);
    c.string(raw.coordinating, `${p}.coordinating`, false);
    if (raw.reading !== undefined) c.string(raw.reading, `${p}.reading`, true);
    for (const field of ["evidenceRequired", "dataSource", "verifiedBy"]) {
      if (hasOwn(raw, field) && raw[field] !== undefined) c.string(raw[field], `${p}.${field}`, true);
    }
    if (raw.parent !== undefined && c.string(raw.parent, `${p}.parent`, true)) {
      const parent = byId.get(raw.parent as string);
      if (raw.parent === id) c.err(`${p}.parent`, `chỉ số ${id} không thể là chỉ số cha của chính nó.`);
      else if (!parent) c.err(`${p}.parent`, `chỉ số cha "${shown(raw.parent)}" của chỉ số ${id} không có trong bộ chỉ số.`);
      else {
        if (parent.raw.parent !== undefined) {
          c.err(`${p}.parent`, `chỉ số cha ${shown(raw.parent)} lại là chỉ số con của ${shown(parent.raw.parent)}; chỉ cho phép một cấp chỉ số con.`);
        }
        if (parent.raw.pillar !== raw.pillar) {
          c.err(`${p}.parent`, `chỉ số ${id} thuộc trụ cột ${shown(raw.pillar)} nhưng chỉ số cha ${shown(raw.parent)} thuộc trụ cột ${shown(parent.raw.pillar)}.`);
        }
        const parentKind = isObj(parent.raw.rule) ? parent.raw.rule.kind : undefined;
        if (parentKind !== "sum-of-children" && parentKind !== "unscored") {
          c.err(`${p}.parent`, `chỉ số cha ${shown(raw.parent)} phải có rule "sum-of-children" (điểm là tổng các chỉ số con) hoặc "unscored" (nhóm chỉ theo dõi); điểm của chỉ số con không được tính vào trụ cột.`);
        } else if (parentKind === "unscored" && isObj(raw.rule) && raw.rule.kind !== "unscored") {
          c.err(`${p}.rule.kind`, `chỉ số ${id} là con của chỉ số không tính điểm ${shown(raw.parent)}, nên cũng phải là "unscored" (điểm của nó không được cộng vào đâu).`);
        }
        if (own) childrenOf.set(raw.parent as string, [...(childrenOf.get(raw.parent as string) ?? []), id]);
      }
    }

    // ---- variables
    const keys = new Map<string, number>();
    const bases = optionBases(raw.rule, max, id);
    let badKey = false;
    if (c.array(raw.variables, `${p}.variables`)) {
      raw.variables.forEach((v, k) => {
        const before = c.problems.count;
        checkVariable(c, v, `${p}.variables[${k}]`, id, k, keys, infoTypes, byId, variablesOf, bases);
        if (c.problems.count > before && !(isObj(v) && typeof v.key === "string" && keys.get(v.key) === k)) badKey = true;
      });
    }
    // This indicator's own variables (not those of an earlier indicator with the same id).
    const mine = new Map<string, VariableInfo>();
    if (Array.isArray(raw.variables)) {
      for (const v of raw.variables) {
        if (isObj(v) && typeof v.key === "string" && !mine.has(v.key)) mine.set(v.key, { type: v.type, hasSameAs: v.sameAs !== undefined, unit: v.unit });
      }
    }

    // ---- rule
    const used = new Set<string>();
    const ref = (key: unknown, path: string, type: "number" | "choice"): void => {
      if (!c.string(key, path, true)) return;
      used.add(key as string);
      const v = mine.get(key as string);
      if (!keys.has(key as string) || !v) {
        // A variable whose key is itself wrong (reported there) is likely the one meant: one mistake, one message.
        if (!badKey) c.err(path, `biến "${shown(key)}" không có trong chỉ số ${id}${keys.size ? ` (có: ${[...keys.keys()].join(", ")})` : ""}.`);
      } else if (v.type !== type && (v.type === "number" || v.type === "choice")) {
        c.err(path, `biến "${shown(key)}" của chỉ số ${id} phải là biến dạng ${type === "number" ? 'số ("type": "number")' : 'lựa chọn ("type": "choice")'}.`);
      }
    };
    const beforeRule = c.problems.count;
    const ruleOk = c.object(raw.rule, `${p}.rule`) && (checkRule(c, raw.rule, `${p}.rule`, id, raw, ref, byId, "rule", max), c.problems.count === beforeRule);
    // A rule with a problem (an unknown kind, a misspelt variable) leaves variables unused: not a second mistake.
    for (const [key, k] of ruleOk ? keys : []) {
      if (!used.has(key)) {
        c.soft(`${p}.variables[${k}].key`, `biến "${key}" của chỉ số ${id} không được quy tắc tính điểm dùng đến; bỏ biến này hoặc dùng nó trong "rule".`);
      }
    }
  });

  // ---- children named by a sum and parents named by children agree; pillar maxima add up
  indicators.forEach((raw, n) => {
    if (!isObj(raw) || typeof raw.id !== "string" || byId.get(raw.id)?.raw !== raw) return;
    if (!isObj(raw.rule) || raw.rule.kind !== "sum-of-children" || !Array.isArray(raw.rule.children)) return;
    const listed = raw.rule.children.filter((x): x is string => typeof x === "string");
    for (const child of childrenOf.get(raw.id) ?? []) {
      if (!listed.includes(child)) {
        c.err(`indicators[${n}].rule.children`, `chỉ số ${child} có "parent": "${raw.id}" nhưng không có trong danh sách chỉ số con của ${raw.id}.`);
      }
    }
  });
  const strayIndicator = indicators.some((raw) => isObj(raw) && typeof raw.pillar === "string" && !pillarMax.has(raw.pillar));
  for (const [pillarId, max] of pillarMax) {
    const members = indicators.filter((raw): raw is Obj => isObj(raw) && raw.pillar === pillarId);
    const n = Array.isArray(data.pillars) ? data.pillars.findIndex((x) => isObj(x) && x.id === pillarId) : -1;
    if (members.length === 0) {
      c.soft(`pillars[${n}]`, `trụ cột ${pillarId} không có chỉ số nào.`);
      continue;
    }
    const sum = pillarSum(indicators, pillarId, max);
    // An indicator whose pillar is unknown (reported there) may be one of these: not a second mistake.
    if (sum === undefined || strayIndicator) continue;
    if (Math.abs(sum - max) > 1e-9) {
      c.soft(
        `pillars[${n}].maxPoints`,
        `trụ cột ${pillarId} có điểm tối đa ${max} nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là ${sum}.`,
      );
    }
  }

  // What a template can hold is checked where a set is read to make templates from (a file, a
  // sheet: layout/template-set.ts); a set accepted before (shipped, stored) is not re-measured at
  // every start, which would cost the pane its time to interactive (test/e2e/deploy.test.ts).
  if (templateNames) checkExcelLimits(c, data, templateNames);
  if (c.problems.count) return c.problems.result();
  // The data is a valid file: its in-memory form carries the tags a first-version file leaves out,
  // and the fractions that points and percentages stand for.
  const set = setFromFile(data as IndicatorSetFile);
  applyRewrites(set, c.rewrites);
  if (templateNames) {
    checkReadingCells(c, set);
    if (c.problems.count) return c.problems.result();
  }
  if (options.draft && !set.draft) (set as { draft?: boolean }).draft = true;
  return c.warnings.length ? { set, warnings: c.warnings } : { set };
}

/** Excel's limits (support.microsoft.com, "Excel specifications and limits"): a defined name, a cell's text. */
export const EXCEL_NAME_MAX = 255;
export const EXCEL_CELL_MAX = 32767;
/**
 * The words templates write around a text of the set in the same cell ("THÔNG TIN CHUNG — …",
 * a variable's unit and link, "(không bắt buộc)"): a text field may use the rest of the cell.
 */
export const TEMPLATE_TEXT_ROOM = 1000;
export const SET_TEXT_MAX = EXCEL_CELL_MAX - TEMPLATE_TEXT_ROOM;

/**
 * Refuses a set that a template could not hold: a defined name longer than Excel's 255
 * characters (long indicator ids, variable keys or pillar ids), a text longer than a cell
 * takes (names, scoringText, reading, descriptions, option labels…), or a rule or list of
 * options whose JSON — the cell the sheet "Bộ chỉ số" keeps it in — is longer than a cell.
 * Each problem names the item. Runs on the raw data, so it reports alongside other problems.
 */
function checkExcelLimits(c: Checker, data: Obj, names: TemplateNames): void {
  const name = (path: string, item: string, text: string): void => {
    if (text.length > EXCEL_NAME_MAX) {
      c.err(path, `${item}: tên ô ${text.slice(0, 40)}… dài ${grouped(text.length)} ký tự, vượt giới hạn ${EXCEL_NAME_MAX} ký tự của tên trong Excel; hãy rút ngắn mã.`);
    }
  };
  const text = (obj: Obj, field: string, path: string, item: string): void => {
    const value = hasOwn(obj, field) ? obj[field] : undefined;
    if (typeof value === "string" && value.length > SET_TEXT_MAX) {
      c.err(
        path === "" ? field : `${path}.${field}`,
        `${item}: "${field}" dài ${grouped(value.length)} ký tự, vượt giới hạn ${grouped(SET_TEXT_MAX)} ký tự (một ô Excel chứa tối đa ${grouped(EXCEL_CELL_MAX)} ký tự, mẫu biểu ghi thêm chữ quanh nội dung này).`,
      );
    }
  };
  const cell = (value: unknown, path: string, item: string, what: string): void => {
    let json: string;
    try {
      json = value === undefined ? "" : JSON.stringify(value) ?? "";
    } catch {
      // Nested too deep to write at all (a hostile file): no sheet cell could hold it either.
      c.err(path, `${item}: ${what} lồng nhau quá sâu, không ghi được vào một ô Excel.`);
      return;
    }
    if (json.length > EXCEL_CELL_MAX) {
      c.err(path, `${item}: ${what} viết dạng JSON dài ${grouped(json.length)} ký tự, vượt giới hạn ${grouped(EXCEL_CELL_MAX)} ký tự một ô Excel (trang "Bộ chỉ số" giữ nó trong một ô).`);
    }
  };
  for (const field of ["name", "source"]) text(data, field, "", "bộ chỉ số");
  const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObj) : []);
  list(data.infoItems).forEach((item, n) => {
    for (const field of ["name", "responsible", "unit"]) text(item, field, `infoItems[${n}]`, `mục thông tin chung ${shown(item.id)}`);
  });
  list(data.pillars).forEach((pillar, n) => {
    const item = `chỉ số chính ${shown(pillar.id)}`;
    text(pillar, "name", `pillars[${n}]`, item);
    if (typeof pillar.id === "string") {
      for (const made of [names.pillar(pillar.id), names.previousPillar(pillar.id)]) name(`pillars[${n}].id`, item, made);
    }
  });
  list(data.indicators).forEach((ind, n) => {
    const p = `indicators[${n}]`;
    const id = typeof ind.id === "string" ? ind.id : `#${n + 1}`;
    const item = `chỉ số ${id}`;
    for (const field of ["name", "scoringText", "responsible", "coordinating", "reading", "evidenceRequired", "dataSource", "verifiedBy"]) text(ind, field, p, item);
    if (typeof ind.id === "string") {
      const made = [names.score(id), names.target(id), names.evidence(id), names.note(id), names.referenceMin(id), names.referenceMax(id)];
      const longest = made.reduce((a, b) => (b.length > a.length ? b : a));
      name(`${p}.id`, item, longest);
    }
    cell(ind.rule, `${p}.rule`, item, "quy tắc tính điểm");
    if (isObj(ind.rule) && Array.isArray(ind.rule.parts)) {
      list(ind.rule.parts).forEach((part, j) => text(part, "label", `${p}.rule.parts[${j}]`, `${item}, phần ${j + 1}`));
    }
    list(ind.variables).forEach((v, k) => {
      const q = `${p}.variables[${k}]`;
      const vitem = `biến ${shown(v.key)} của ${item}`;
      for (const field of ["description", "unit"]) text(v, field, q, vitem);
      if (typeof ind.id === "string" && typeof v.key === "string") {
        const made = [names.input(id, v.key), names.optionLabels(id, v.key), names.optionFractions(id, v.key)];
        name(`${q}.key`, vitem, made.reduce((a, b) => (b.length > a.length ? b : a)));
      }
      cell(v.options, `${q}.options`, vitem, "danh sách phương án");
      list(v.options).forEach((o, j) => {
        for (const field of ["label", "note"]) text(o, field, `${q}.options[${j}]`, `${vitem}, phương án ${j + 1}`);
      });
    });
  });
}

/** The cell "Cách hiểu áp dụng" of a row holds the rule described, then the reading: checked on the set as read (points and percentages converted). */
function checkReadingCells(c: Checker, set: IndicatorSet): void {
  set.indicators.forEach((ind, n) => {
    const reading = readingCell(ind.rule, ind.reading);
    if (reading.length > EXCEL_CELL_MAX) {
      c.err(
        `indicators[${n}].reading`,
        `chỉ số ${shown(ind.id)}: ô "Cách hiểu áp dụng" (mô tả quy tắc và "reading") dài ${grouped(reading.length)} ký tự, vượt giới hạn ${grouped(EXCEL_CELL_MAX)} ký tự một ô Excel.`,
      );
    }
  });
}

function checkVariable(
  c: Checker,
  v: unknown,
  p: string,
  id: string,
  k: number,
  keys: Map<string, number>,
  infoTypes: Map<number, { type: unknown; unit: unknown }>,
  byId: Map<string, { index: number; raw: Obj }>,
  variablesOf: Map<string, Map<string, VariableInfo>>,
  bases: ReadonlyMap<string, { readonly base: Rational | null; readonly of: string }>,
): void {
  if (!c.object(v, p)) return;
  c.noExtra(v, p, FIELDS.variable);
  if (c.pattern(v.key, `${p}.key`, VARIABLE_KEY, 'tên biến hợp lệ (chữ thường, ví dụ "a", "b")')) {
    const key = v.key as string;
    if (RESERVED_KEYS.has(key)) c.err(`${p}.key`, `"${key}" là tên dành riêng (trùng tên vùng của mẫu biểu); hãy đặt tên khác.`);
    if (keys.has(key)) c.err(`${p}.key`, `biến "${key}" của chỉ số ${id} bị trùng (đã có ở biến thứ ${(keys.get(key) ?? -1) + 1}).`);
    else keys.set(key, k);
  }
  c.string(v.description, `${p}.description`, true);
  c.string(v.unit, `${p}.unit`, false);
  if (v.optional !== undefined) c.boolean(v.optional, `${p}.optional`);
  if (v.type !== "number" && v.type !== "choice") {
    c.err(`${p}.type`, `phải là "number" hoặc "choice", nhận được ${v.type === undefined ? "không có (thiếu trường)" : describe(v.type)}.`);
    return;
  }
  if (v.type === "number") {
    if (v.options !== undefined) c.err(`${p}.options`, 'chỉ biến dạng lựa chọn ("type": "choice") mới có "options".');
    if (typeof v.unit === "string" && v.unit.trim() === "") c.err(`${p}.unit`, 'biến dạng số phải có đơn vị tính (ví dụ "người", "hồ sơ", "tỷ đồng").');
  } else {
    if (typeof v.unit === "string" && v.unit !== "") c.err(`${p}.unit`, `biến dạng lựa chọn không có đơn vị tính (để ""), nhận được "${v.unit}".`);
    if (v.info !== undefined) c.err(`${p}.info`, 'chỉ biến dạng số mới liên kết được với thông tin chung.');
    if (v.sameAs !== undefined) c.err(`${p}.sameAs`, 'chỉ biến dạng số mới liên kết được với biến của chỉ số khác.');
    checkOptions(c, v.options, `${p}.options`, id, shown(v.key), typeof v.key === "string" ? bases.get(v.key) : undefined);
    return;
  }
  if (v.info !== undefined && c.array(v.info, `${p}.info`, true)) {
    const seenItems = new Set<unknown>();
    v.info.forEach((item, j) => {
      const q = `${p}.info[${j}]`;
      const found = typeof item === "number" ? infoTypes.get(item) : undefined;
      if (!found) c.err(q, `mục thông tin chung ${describe(item)} không có trong "infoItems".`);
      else if (found.type !== "number") c.err(q, `mục thông tin chung ${shown(item)} là văn bản, không phải số.`);
      else if (found.unit !== v.unit) c.err(q, `mục thông tin chung ${shown(item)} tính bằng "${shown(found.unit)}", biến ${shown(v.key)} tính bằng "${shown(v.unit)}".`);
      if (seenItems.has(item)) c.err(q, `mục thông tin chung ${shown(item)} bị lặp.`);
      seenItems.add(item);
    });
  }
  if (v.sameAs !== undefined && c.object(v.sameAs, `${p}.sameAs`)) {
    const s = v.sameAs;
    c.noExtra(s, `${p}.sameAs`, FIELDS.sameAs);
    if (v.info !== undefined) c.err(`${p}.sameAs`, 'một biến chỉ liên kết một nơi: "info" hoặc "sameAs", không cả hai.');
    const indOk = c.string(s.indicator, `${p}.sameAs.indicator`, true);
    const varOk = c.string(s.variable, `${p}.sameAs.variable`, true);
    if (indOk && varOk) {
      const target = byId.has(s.indicator as string) ? variablesOf.get(s.indicator as string)?.get(s.variable as string) : undefined;
      if (!byId.has(s.indicator as string)) c.err(`${p}.sameAs.indicator`, `chỉ số "${shown(s.indicator)}" không có trong bộ chỉ số.`);
      else if (!target) c.err(`${p}.sameAs.variable`, `biến "${shown(s.variable)}" không có trong chỉ số ${shown(s.indicator)}.`);
      else if (s.indicator === id && s.variable === v.key) c.err(`${p}.sameAs`, `biến ${id} ${shown(v.key)} không thể liên kết với chính nó.`);
      else if (target.type !== "number") c.err(`${p}.sameAs.variable`, `biến ${shown(s.indicator)} ${shown(s.variable)} không phải biến dạng số.`);
      else if (target.hasSameAs) c.err(`${p}.sameAs`, `biến ${shown(s.indicator)} ${shown(s.variable)} lại liên kết tới biến khác; hãy trỏ thẳng tới nơi nhập gốc.`);
      else if (target.unit !== v.unit) c.err(`${p}.sameAs`, `biến ${shown(s.indicator)} ${shown(s.variable)} tính bằng "${shown(target.unit)}", biến ${id} ${shown(v.key)} tính bằng "${shown(v.unit)}".`);
    }
  }
}

/**
 * What the points of each choice variable's options are out of: the indicator's maximum for the
 * variable of a "choice" rule, the part's points (maximum × share) for a "choice" part.
 */
function optionBases(rule: unknown, max: Rational | null, id: string): Map<string, { base: Rational | null; of: string }> {
  const out = new Map<string, { base: Rational | null; of: string }>();
  if (!isObj(rule)) return out;
  if (rule.kind === "choice" && typeof rule.variable === "string") out.set(rule.variable, { base: max, of: ofIndicator(id) });
  if (rule.kind === "multi-part" && Array.isArray(rule.parts)) {
    rule.parts.forEach((part, j) => {
      if (!isObj(part) || !isObj(part.rule) || part.rule.kind !== "choice" || typeof part.rule.variable !== "string" || out.has(part.rule.variable)) return;
      const base = partBase(max, part.share);
      out.set(part.rule.variable, { base, of: `điểm của phần ${j + 1} trong chỉ số ${id}` });
    });
  }
  return out;
}

function checkOptions(c: Checker, options: unknown, p: string, id: string, key: string, base: { readonly base: Rational | null; readonly of: string } | undefined): void {
  if (!c.array(options, p)) return;
  if (options.length < 2) {
    c.err(p, `biến lựa chọn ${id} ${key} phải có ít nhất 2 phương án.`);
    return;
  }
  const labels = new Set<string>();
  const values = new Set<boolean>();
  let best = false;
  // An option whose fraction is unreadable (reported there) may be the full-points one.
  let unread = false;
  options.forEach((o, j) => {
    const q = `${p}[${j}]`;
    if (!c.object(o, q)) return;
    c.noExtra(o, q, FIELDS.choiceOption);
    if (c.string(o.label, `${q}.label`, true)) {
      const norm = labelKey(o.label as string);
      if (labels.has(norm)) c.err(`${q}.label`, `phương án "${shown(o.label)}" bị trùng.`);
      labels.add(norm);
    }
    const f = c.written(o.fraction, `${q}.fraction`, {
      min: R0,
      max: R1,
      what: "(phần điểm tối đa mà phương án này đạt)",
      percent: true,
      points: base ?? { refused: `biến ${id} ${key} không phải biến của quy tắc "choice" hay của một phần "choice", nên điểm không có mốc để đổi; hãy ghi phần điểm tối đa ("1/2")` },
    });
    if (f === null) unread = true;
    if (f && cmp(f, R1) === 0) best = true;
    if (o.value !== undefined && c.boolean(o.value, `${q}.value`)) {
      if (values.has(o.value as boolean)) c.err(`${q}.value`, `hai phương án cùng có "value": ${shown(o.value)}.`);
      values.add(o.value as boolean);
    }
    if (o.note !== undefined) c.string(o.note, `${q}.note`, true);
  });
  if (!best && !unread && labels.size === options.length) c.soft(p, `biến lựa chọn ${id} ${key} không có phương án nào đạt điểm tối đa ("fraction": "1").`);
}

type Ref = (key: unknown, path: string, type: "number" | "choice") => void;

function checkRatio(c: Checker, spec: unknown, p: string, ref: Ref): void {
  if (!c.object(spec, p)) return;
  c.noExtra(spec, p, FIELDS.ratio);
  if (c.array(spec.numerator, `${p}.numerator`, true)) spec.numerator.forEach((k, j) => ref(k, `${p}.numerator[${j}]`, "number"));
  const keys = (list: unknown[], q: string): void => {
    if (list.length === 0) c.err(q, "không được là mảng rỗng.");
    list.forEach((k, j) => ref(k, `${q}[${j}]`, "number"));
  };
  if (isObj(spec.denominator)) {
    // {"constant": "7"}, or a tagged form ({"kind": "variables", "variables": ["b"]}) as the set is held in memory.
    const d = spec.denominator;
    const q = `${p}.denominator`;
    if (variantByKey(c, d, q, decls.denominator.variants) === "variables") {
      c.noExtra(d, q, ["variables"], ["kind"]);
      if (c.array(d.variables, `${q}.variables`)) keys(d.variables, `${q}.variables`);
    } else {
      c.noExtra(d, q, ["constant"], ["kind"]);
      c.exact(d.constant, `${q}.constant`, { min: R0, minExclusive: true, what: "phải lớn hơn 0" });
    }
  } else if (Array.isArray(spec.denominator)) {
    keys(spec.denominator, `${p}.denominator`);
  } else {
    c.err(`${p}.denominator`, `phải là mảng tên biến (ví dụ ["b"]) hoặc hằng số {"constant": "7"}, nhận được ${spec.denominator === undefined ? "không có (thiếu trường)" : describe(spec.denominator)}.`);
  }
  if (spec.subset === undefined) c.err(`${p}.subset`, "thiếu trường: true nếu tử số là một phần của mẫu số (tỷ lệ không thể vượt 100 %), false nếu không.");
  else c.boolean(spec.subset, `${p}.subset`);
  if (spec.zeroDenominator !== undefined && spec.zeroDenominator !== "status" && spec.zeroDenominator !== "scores-zero") {
    c.err(`${p}.zeroDenominator`, `phải là "status" hoặc "scores-zero", nhận được ${describe(spec.zeroDenominator)}.`);
  }
  if (spec.noneAnswer !== undefined) ref(spec.noneAnswer, `${p}.noneAnswer`, "choice");
}

/** Why a ratio cannot exceed 1, for messages; undefined when it can (or the ratio is not readable). */
function ratioCapOf(ratio: unknown, id: string): string | undefined {
  return isObj(ratio) && ratio.subset === true ? `tỷ lệ của chỉ số ${id} không vượt 100 % vì tử số là một phần của mẫu số ("subset": true)` : undefined;
}

function checkTiers(c: Checker, tiers: unknown, p: string, on: { readonly max: Rational | null; readonly id: string; readonly ratio?: unknown }): void {
  if (!c.array(tiers, p, true)) return;
  let prev: { atLeast: Ratio | null; fraction: Ratio | null } | null = null;
  tiers.forEach((t, j) => {
    const q = `${p}[${j}]`;
    if (!c.object(t, q)) return;
    c.noExtra(t, q, FIELDS.tier);
    const ofRatio = on.ratio !== undefined;
    const cap = ofRatio ? ratioCapOf(on.ratio, on.id) : undefined;
    const atLeast = c.written(t.atLeast, `${q}.atLeast`, {
      min: R0,
      what: ofRatio ? "(ngưỡng của tỷ lệ)" : "(ngưỡng của số lượng)",
      percent: ofRatio,
      points: { refused: ofRatio ? 'bậc của tỷ lệ ghi bằng tỷ lệ ("0.8" hoặc "80%")' : "bậc của số lượng ghi bằng số lượng theo đơn vị của biến" },
      ...(cap ? { ratioCap: cap } : {}),
    });
    const fraction = c.written(t.fraction, `${q}.fraction`, {
      min: R0,
      minExclusive: true,
      max: R1,
      what: "(phần điểm tối đa của bậc)",
      percent: true,
      points: { base: on.max, of: ofIndicator(on.id) },
    });
    if (prev?.atLeast && atLeast && cmp(atLeast, prev.atLeast) >= 0) {
      c.err(`${q}.atLeast`, `các bậc phải xếp từ cao xuống thấp: "${shown(t.atLeast)}" không nhỏ hơn bậc trước.`);
    }
    if (prev?.fraction && fraction && cmp(fraction, prev.fraction) >= 0) {
      c.err(`${q}.fraction`, `bậc thấp hơn phải được ít điểm hơn: "${shown(t.fraction)}" không nhỏ hơn bậc trước.`);
    }
    prev = { atLeast, fraction };
  });
}

/**
 * Which variant of a union that first-version files tell apart by key an object is: the key it
 * holds, else its `kind`. A `kind` that is unknown or disagrees with the key is reported, and
 * the object is still checked by its key, so that one mistake gives one message.
 */
function variantByKey(c: Checker, value: Obj, p: string, variants: object): string | undefined {
  const names = Object.keys(variants);
  const held = names.filter((n) => hasOwn(value, n));
  if (!hasOwn(value, "kind")) return held.length === 1 ? held[0] : undefined;
  const kind = value.kind;
  if (typeof kind !== "string" || !names.includes(kind)) {
    c.err(`${p}.kind`, `phải là ${names.map((n) => `"${n}"`).join(" hoặc ")} (hoặc bỏ trống), nhận được ${describe(kind)}.`);
    return held.length === 1 ? held[0] : undefined;
  }
  if (held.length === 1 && held[0] !== kind) {
    c.err(`${p}.kind`, `là "${kind}" nhưng đối tượng có trường "${held[0]}"; hãy sửa "kind" thành "${held[0]}" hoặc bỏ "kind".`);
    return held[0];
  }
  return kind;
}

function checkMeasure(c: Checker, measure: unknown, p: string, ref: Ref): void {
  if (!c.object(measure, p)) return;
  variantByKey(c, measure, p, decls.measure.variants);
  const hasRatio = hasOwn(measure, "ratio");
  const hasAmount = hasOwn(measure, "amount");
  if (hasRatio === hasAmount) {
    c.err(p, 'phải có đúng một trong hai: {"ratio": {…}} (so sánh tỷ lệ) hoặc {"amount": "a"} (so sánh một số lượng).');
    return;
  }
  c.noExtra(measure, p, [hasRatio ? "ratio" : "amount"], ["kind"]);
  if (hasRatio) checkRatio(c, measure.ratio, `${p}.ratio`, ref);
  else ref(measure.amount, `${p}.amount`, "number");
}

/** Checks the parts of a multi-part rule or a group; returns the sum of their shares (null if one is unusable). */
/**
 * The parts of a multi-part rule or of a group: each share (a fraction, a percentage or points of
 * the indicator's maximum, converted exactly), label and rule. Returns the shares' sum, as a
 * decimal for the check and as a rational for the message (thirds do not end in decimals).
 */
function checkParts(
  c: Checker,
  parts: unknown[],
  p: string,
  id: string,
  max: Rational | null,
  rule: (q: string, r: Obj) => void,
): { readonly total: Ratio | null; readonly exact: Rational | null } {
  let total: Ratio | null = R0;
  let exactTotal: Rational | null = rational(0, 1);
  parts.forEach((part, j) => {
    const q = `${p}.parts[${j}]`;
    if (!c.object(part, q)) {
      total = null;
      return;
    }
    c.noExtra(part, q, FIELDS.part);
    const share = c.written(part.share, `${q}.share`, {
      min: R0,
      minExclusive: true,
      max: R1,
      what: "(phần điểm tối đa của chỉ số mà phần này chiếm)",
      percent: true,
      points: { base: max, of: ofIndicator(id) },
    });
    total = share && total ? add(total, share) : null;
    const shareExact = share ? asFraction(part.share, max) : null;
    exactTotal = shareExact && exactTotal ? rational(exactTotal.n.mul(shareExact.d).plus(shareExact.n.mul(exactTotal.d)), exactTotal.d.mul(shareExact.d)) : null;
    c.string(part.label, `${q}.label`, true);
    if (c.object(part.rule, `${q}.rule`)) rule(`${q}.rule`, part.rule);
  });
  return { total, exact: exactTotal };
}

function checkRule(
  c: Checker,
  rule: Obj,
  p: string,
  id: string,
  ind: Obj,
  ref: Ref,
  byId: Map<string, { index: number; raw: Obj }>,
  place: RulePlace,
  max: Rational | null,
): void {
  const kinds = PLACE_KINDS[place];
  if (typeof rule.kind !== "string" || !kinds.includes(rule.kind)) {
    c.err(`${p}.kind`, `loại quy tắc ${rule.kind === undefined ? "bị thiếu" : describe(rule.kind)} không hợp lệ; ${PLACE_TEXT[place]} là: ${kinds.join(", ")}.`);
    return;
  }
  const kind = rule.kind as RuleKind | "group";
  const fields = RULE_FIELDS[kind];
  c.noExtra(rule, p, ["kind", ...fields.required, ...fields.optional]);
  for (const field of fields.required) {
    if (rule[field] === undefined) c.err(`${p}.${field}`, `thiếu trường bắt buộc của quy tắc "${kind}".`);
  }
  switch (kind) {
    case "ratio":
    case "all-or-nothing":
      if (rule.ratio !== undefined) checkRatio(c, rule.ratio, `${p}.ratio`, ref);
      break;
    case "threshold-literal":
    case "threshold-scaled":
      if (rule.ratio !== undefined) checkRatio(c, rule.ratio, `${p}.ratio`, ref);
      if (rule.threshold !== undefined) {
        const cap = ratioCapOf(rule.ratio, id);
        c.written(rule.threshold, `${p}.threshold`, {
          min: R0,
          minExclusive: true,
          what: "(ngưỡng của tỷ lệ)",
          percent: true,
          points: { refused: 'ngưỡng là một tỷ lệ ("0.9" hoặc "90%")' },
          ...(cap ? { ratioCap: cap } : {}),
        });
      }
      break;
    case "tiers-ratio":
      if (rule.ratio !== undefined) checkRatio(c, rule.ratio, `${p}.ratio`, ref);
      if (rule.tiers !== undefined) checkTiers(c, rule.tiers, `${p}.tiers`, { max, id, ratio: rule.ratio });
      break;
    case "tiers-amount":
      if (rule.amount !== undefined) ref(rule.amount, `${p}.amount`, "number");
      if (rule.tiers !== undefined) checkTiers(c, rule.tiers, `${p}.tiers`, { max, id });
      if (rule.gate !== undefined) ref(rule.gate, `${p}.gate`, "choice");
      break;
    case "multi-part": {
      if (rule.parts === undefined || !c.array(rule.parts, `${p}.parts`)) break;
      if (rule.parts.length < 2) c.err(`${p}.parts`, "quy tắc nhiều phần phải có ít nhất 2 phần.");
      const { total, exact: exactTotal } = checkParts(c, rule.parts, p, id, max, (q, r) => checkRule(c, r, q, id, ind, ref, byId, "part", max));
      // Thirds ("1/3") add up to 0.999… at 40 digits: equal within 1e-30.
      if (total !== null && rule.parts.length >= 2 && total.minus(R1).abs().gt("1e-30")) {
        const got = exactTotal ? numberText(exactTotal).replace(",", ".") : total.toString();
        const inPoints = max && exactTotal && !max.n.isZero() ? ` = ${numberText(mul(max, exactTotal))} trên ${numberText(max)} điểm` : "";
        c.soft(`${p}.parts`, `tổng "share" của các phần phải bằng 1 (nhận được ${got}${inPoints}).`);
      }
      break;
    }
    case "group":
      // Its parts' shares may add up to more than the group's (the group caps them); less is warned (ruleWarnings).
      if (rule.parts === undefined || !c.array(rule.parts, `${p}.parts`)) break;
      if (rule.parts.length < 2) c.err(`${p}.parts`, "nhóm phải có ít nhất 2 phần.");
      checkParts(c, rule.parts, p, id, max, (q, r) => checkRule(c, r, q, id, ind, ref, byId, "group-part", max));
      break;
    case "best-of":
      if (rule.cases === undefined || !c.array(rule.cases, `${p}.cases`)) break;
      if (rule.cases.length < 2) {
        c.err(`${p}.cases`, `quy tắc "best-of" (điểm của trường hợp cao nhất) phải có ít nhất 2 trường hợp (nhận được ${rule.cases.length}); một trường hợp thì viết thẳng quy tắc đó.`);
      }
      rule.cases.forEach((one, j) => {
        const q = `${p}.cases[${j}]`;
        if (!c.object(one, q)) return;
        c.noExtra(one, q, FIELDS.case);
        c.string(one.label, `${q}.label`, true);
        if (c.object(one.rule, `${q}.rule`)) checkRule(c, one.rule, `${q}.rule`, id, ind, ref, byId, "case", max);
      });
      break;
    case "choice":
      if (rule.variable !== undefined) ref(rule.variable, `${p}.variable`, "choice");
      break;
    case "capped-count":
      if (rule.count !== undefined) ref(rule.count, `${p}.count`, "number");
      if (rule.pointsEach !== undefined) {
        // Already points: "1" and "1 điểm" are the same here.
        const w = typeof rule.pointsEach === "string" ? parseWritten(rule.pointsEach) : undefined;
        if (w?.unit === "points") {
          if (w.value.n.isZero()) c.err(`${p}.pointsEach`, `"${rule.pointsEach as string}" phải lớn hơn 0.`);
          else c.rewrites.push({ path: `${p}.pointsEach`, value: toDecimal(w.value).toFixed() });
        } else c.exact(rule.pointsEach, `${p}.pointsEach`, { min: R0, minExclusive: true, what: "phải lớn hơn 0" });
      }
      break;
    case "min-max":
    case "ratio-to-best":
      if (rule.measure !== undefined) checkMeasure(c, rule.measure, `${p}.measure`, ref);
      break;
    case "sum-of-children": {
      if (rule.children === undefined || !c.array(rule.children, `${p}.children`, true)) break;
      let sum = 0;
      let sumOk = true;
      const listed = new Set<string>();
      rule.children.forEach((childId, j) => {
        const q = `${p}.children[${j}]`;
        if (!c.string(childId, q, true)) {
          sumOk = false;
          return;
        }
        const child = byId.get(childId as string);
        if (listed.has(childId as string)) c.err(q, `chỉ số con ${shown(childId)} bị lặp.`);
        listed.add(childId as string);
        if (!child) {
          c.err(q, `chỉ số con "${shown(childId)}" không có trong bộ chỉ số.`);
          sumOk = false;
          return;
        }
        // A parent naming no indicator is reported at the child: one mistake, one message.
        const strayParent = typeof child.raw.parent === "string" && !byId.has(child.raw.parent);
        if (child.raw.parent !== id && !strayParent) c.err(q, `chỉ số con ${shown(childId)} phải có "parent": "${id}".`);
        if (isObj(child.raw.rule) && child.raw.rule.kind === "sum-of-children") {
          c.err(q, `chỉ số con ${shown(childId)} không được lại là tổng các chỉ số con.`);
        }
        if (typeof child.raw.maxPoints === "number") sum += child.raw.maxPoints;
        else sumOk = false;
      });
      if (Array.isArray(ind.variables) && ind.variables.length > 0) {
        c.err(`${p.replace(/\.rule$/, "")}.variables`, `chỉ số ${id} là tổng các chỉ số con nên không có biến riêng.`);
      }
      if (sumOk && typeof ind.maxPoints === "number" && Math.abs(sum - ind.maxPoints) > 1e-9) {
        c.soft(`${p}.children`, `tổng điểm tối đa các chỉ số con là ${sum}, khác điểm tối đa của chỉ số ${id} (${ind.maxPoints}).`);
      }
      break;
    }
    case "unscored":
      if (typeof ind.maxPoints === "number" && ind.maxPoints !== 0) {
        c.err(`${p.replace(/\.rule$/, "")}.maxPoints`, `chỉ số ${id} không tính điểm ("unscored") nên điểm tối đa phải là 0 (nhận được ${ind.maxPoints}).`);
      }
      break;
    default: {
      // A kind declared in ./schema.ts and not checked here does not compile.
      const unchecked: never = kind;
      throw new Error(`rule kind ${String(unchecked)} has no check`);
    }
  }
}
