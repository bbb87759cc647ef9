/**
 * A small vocabulary for declaring the shape of a set file once (./schema.ts), and what is
 * derived from such a declaration:
 * - the TypeScript types, in memory (`Value<N>`) and as a file may write them (`FileForm<N>`);
 * - the field lists the loader checks against (./load.ts);
 * - the migration of a file's older spellings to the in-memory form (`fromFile`), and back (`toFile`);
 * - the published JSON Schema (./json-schema.ts → docs/set-schema.json), with the authors'
 *   descriptions of ./schema-docs.ts, typed by this declaration so that each field and each
 *   variant has exactly one (kept apart so that the bundles the browser loads carry none of them).
 *
 * Why not a validation library: the loader's messages are Vietnamese, name the JSON path or the
 * cell, and most of its checks are across fields (a variable a rule names must exist, maxima
 * must add up) that no schema language states. The libraries that compile schemas to fast
 * checkers use `new Function` (ajv), which the pane's CSP refuses; the others would add weight
 * to both bundles for the easy half of the checks. So the checks stay hand-written in ./load.ts
 * and this declaration is what they, the types and the JSON Schema share.
 *
 * Pure data and types: no Node, no DOM, no decimal.js.
 */

/** A description for authors, in Vietnamese (first) and English. It goes into the JSON Schema (./schema-docs.ts). */
export interface Doc {
  readonly vi: string;
  readonly en: string;
}

export interface StringNode {
  readonly t: "string";
  /** Blank text ("", "  ") is refused. */
  readonly nonEmpty?: boolean;
  /** The text must match (the loader's own regular expression, also written into the JSON Schema). */
  readonly pattern?: RegExp;
}
/** An exact number written as a string: "0.8", "1/2" (read by decimal.js, never as a float). */
export interface ExactNode {
  readonly t: "exact";
  /** Bounds, for the JSON Schema's description (a string cannot carry numeric bounds there). */
  readonly range?: string;
  /**
   * Other spellings a file may write, converted exactly by the loader (issue 13, point 1):
   * "points" ("15 điểm", "15đ"), "percent" ("90%").
   */
  readonly units?: readonly ("points" | "percent")[];
}
export interface NumberNode {
  readonly t: "number";
  readonly integer?: boolean;
  readonly minimum?: number;
  /** Above this, not equal to it (maxTotal > 0). */
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
}
export interface BooleanNode {
  readonly t: "boolean";
}
export interface EnumNode<V extends string = string> {
  readonly t: "enum";
  readonly values: readonly V[];
}
export interface ArrayNode<N extends Node = Node> {
  readonly t: "array";
  readonly of: N;
  readonly minItems?: number;
}
export interface Field<N extends Node = Node> {
  readonly node: N;
  readonly optional?: boolean;
  /** Accepted in a file (and the JSON Schema), not kept in memory: `$schema`. */
  readonly fileOnly?: boolean;
}
export type Fields = Readonly<Record<string, Field>>;
export interface ObjectNode<F extends Fields = Fields> {
  readonly t: "object";
  readonly fields: F;
}
/** Objects told apart by their `kind` field, in files and in memory alike (the rules). */
export interface KindsNode<V extends Readonly<Record<string, ObjectNode>> = Readonly<Record<string, ObjectNode>>> {
  readonly t: "kinds";
  readonly variants: V;
}
/**
 * Objects that files of the first version tell apart by which key they hold ({"ratio": …} or
 * {"amount": …}). In memory each carries its `kind`; a file may write it or leave it out.
 * Each variant has one field, named like the variant. With `bare`, a file may also write
 * that field's value alone (a denominator ["b"] is {"kind": "variables", "variables": ["b"]}).
 */
export interface TaggedNode<V extends Readonly<Record<string, ObjectNode>> = Readonly<Record<string, ObjectNode>>, B extends keyof V & string = keyof V & string> {
  readonly t: "tagged";
  readonly variants: V;
  readonly bare?: B;
}

export type Node = StringNode | ExactNode | NumberNode | BooleanNode | EnumNode | ArrayNode | ObjectNode | KindsNode | TaggedNode;

// ---- constructors (const type parameters keep literal kinds and field names in the types)

export const str = (opts: Omit<StringNode, "t"> = {}): StringNode => ({ t: "string", ...opts });
export const exactNumber = (range?: string): ExactNode => (range === undefined ? { t: "exact" } : { t: "exact", range });
/** An exact number that may also be written in points and/or as a percentage. */
export const writtenNumber = (range: string | undefined, ...units: ("points" | "percent")[]): ExactNode => ({ ...exactNumber(range), units });
export const num = (opts: Omit<NumberNode, "t"> = {}): NumberNode => ({ t: "number", ...opts });
export const bool = (): BooleanNode => ({ t: "boolean" });
export const oneOf = <const V extends string>(...values: V[]): EnumNode<V> => ({ t: "enum", values });
export const list = <const N extends Node>(of: N, minItems?: number): ArrayNode<N> => (minItems === undefined ? { t: "array", of } : { t: "array", of, minItems });
export const obj = <const F extends Fields>(fields: F): ObjectNode<F> => ({ t: "object", fields });
export const field = <const N extends Node>(node: N): Field<N> & { readonly optional?: undefined } => ({ node });
export const optional = <const N extends Node>(node: N): Field<N> & { readonly optional: true } => ({ node, optional: true });
export const fileOnly = <const N extends Node>(node: N): Field<N> & { readonly optional: true; readonly fileOnly: true } => ({ node, optional: true, fileOnly: true });
export const kinds = <const V extends Readonly<Record<string, ObjectNode>>>(variants: V): KindsNode<V> => ({ t: "kinds", variants });
export const tagged = <const V extends Readonly<Record<string, ObjectNode>>, const B extends keyof V & string = never>(variants: V, bare?: B): TaggedNode<V, B> =>
  bare === undefined ? { t: "tagged", variants } : { t: "tagged", variants, bare };

// ---- the types a declaration gives

type Flat<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly optional: true } ? never : K }[keyof F];
type OptionalKeys<F extends Fields, File extends boolean> = {
  [K in keyof F]: F[K] extends { readonly optional: true } ? (F[K] extends { readonly fileOnly: true } ? (File extends true ? K : never) : K) : never;
}[keyof F];
type ObjectOf<F extends Fields, File extends boolean> = Flat<
  { readonly [K in RequiredKeys<F>]: Of<F[K]["node"], File> } & { readonly [K in OptionalKeys<F, File>]?: Of<F[K]["node"], File> }
>;
type VariantsOf<V extends Readonly<Record<string, ObjectNode>>, File extends boolean, TagOptional extends boolean> = {
  [K in keyof V & string]: TagOptional extends true
    ? Flat<{ readonly kind?: K } & ObjectOf<V[K]["fields"], File>>
    : Flat<{ readonly kind: K } & ObjectOf<V[K]["fields"], File>>;
}[keyof V & string];
/** A variant a file may write as its one field's bare value. */
type BareOf<V extends Readonly<Record<string, ObjectNode>>, B> = B extends keyof V & string ? (B extends keyof V[B]["fields"] ? Of<V[B]["fields"][B]["node"], true> : never) : never;

type Of<N extends Node, File extends boolean> = N extends StringNode
  ? string
  : N extends ExactNode
    ? string
    : N extends NumberNode
      ? number
      : N extends BooleanNode
        ? boolean
        : N extends EnumNode<infer V>
          ? V
          : N extends ArrayNode<infer O>
            ? readonly Of<O, File>[]
            : N extends ObjectNode<infer F>
              ? ObjectOf<F, File>
              : N extends KindsNode<infer V>
                ? VariantsOf<V, File, false>
                : N extends TaggedNode<infer V, infer B>
                  ? File extends true
                    ? VariantsOf<V, true, true> | BareOf<V, B>
                    : VariantsOf<V, false, false>
                  : never;

/** The in-memory type a declaration gives: tags present, file-only fields absent. */
export type Value<N extends Node> = Of<N, false>;
/** What a set file may hold for a declaration: tags optional, older spellings accepted. */
export type FileForm<N extends Node> = Of<N, true>;

// ---- the authors' descriptions a declaration needs (./schema-docs.ts)

/** One description per field of an object: a missing or an unknown field does not compile. */
export type FieldDocs<N extends ObjectNode> = { readonly [K in keyof N["fields"]]: Doc };
/** A union's descriptions: one per variant, and one per field of each variant. */
export interface UnionDocs<V extends Readonly<Record<string, ObjectNode>>> {
  readonly variants: { readonly [K in keyof V]: Doc };
  readonly fields: { readonly [K in keyof V]: FieldDocs<V[K]> };
}
/** The descriptions an object or a union declaration needs. */
export type DocsOf<N extends Node> = N extends ObjectNode ? FieldDocs<N> : N extends KindsNode<infer V> ? UnionDocs<V> : N extends TaggedNode<infer V> ? UnionDocs<V> : never;

// ---- derived at run time

/** The field names of an object, in declared order (what the loader lists in messages). */
export function fieldNames(node: ObjectNode, which: "value" | "file" = "value"): string[] {
  return Object.keys(node.fields).filter((k) => which === "file" || !node.fields[k]?.fileOnly);
}

/** The required field names of an object, in declared order. */
export function requiredNames(node: ObjectNode): string[] {
  return Object.keys(node.fields).filter((k) => !node.fields[k]?.optional);
}

type Data = Record<string, unknown>;
const isData = (value: unknown): value is Data => typeof value === "object" && value !== null && !Array.isArray(value);
const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Which variant of a tagged union a file's value is (its kind, else the key it holds, else bare), or undefined. */
export function variantOf(node: TaggedNode, value: unknown): string | undefined {
  if (node.bare !== undefined && Array.isArray(value)) return node.bare;
  if (!isData(value)) return undefined;
  if (typeof value.kind === "string" && own(node.variants, value.kind)) return value.kind;
  const held = Object.keys(node.variants).filter((k) => own(value, k));
  return held.length === 1 ? held[0] : undefined;
}

/**
 * The in-memory form of checked file data: tags added where the file left them out (the
 * migration of first-version files), file-only fields dropped. Fields are copied in the order
 * the file has them, so a set read from a file and written back keeps its order.
 * Untyped here (the generic form is too deep for the compiler); ./schema.ts types its uses.
 */
export function fromFile(node: Node, data: unknown): unknown {
  switch (node.t) {
    case "array":
      return Array.isArray(data) ? data.map((x) => fromFile(node.of, x)) : data;
    case "object":
      return isData(data) ? objectFromFile(node, data) : data;
    case "kinds": {
      const variant = isData(data) && typeof data.kind === "string" && own(node.variants, data.kind) ? node.variants[data.kind] : undefined;
      return variant && isData(data) ? objectFromFile(variant, data) : data;
    }
    case "tagged": {
      const kind = variantOf(node, data);
      const variant = kind === undefined ? undefined : node.variants[kind];
      if (kind === undefined || !variant) return data;
      const fields = Array.isArray(data) ? { [kind]: data } : (data as Data);
      const { kind: _tag, ...rest } = objectFromFile(variant, fields);
      return { kind, ...rest };
    }
    default:
      return data;
  }
}

function objectFromFile(node: ObjectNode, data: Data): Data {
  const out: Data = {};
  for (const key of Object.keys(data)) {
    const f = own(node.fields, key) ? node.fields[key] : undefined;
    if (f?.fileOnly) continue;
    out[key] = f ? fromFile(f.node, data[key]) : data[key];
  }
  return out;
}

/**
 * The form a first-version file writes: tags of the unions that files tell apart by key left
 * out, a `bare` variant as its bare value. What the set sheet and `dti catalog --json` write,
 * so that their output is what it was, and older versions of the tool read it.
 */
export function toFile(node: Node, value: unknown): unknown {
  switch (node.t) {
    case "array":
      return Array.isArray(value) ? value.map((x) => toFile(node.of, x)) : value;
    case "object":
      return isData(value) ? objectToFile(node, value) : value;
    case "kinds": {
      const variant = isData(value) && typeof value.kind === "string" && own(node.variants, value.kind) ? node.variants[value.kind] : undefined;
      return variant && isData(value) ? objectToFile(variant, value) : value;
    }
    case "tagged": {
      const kind = isData(value) && typeof value.kind === "string" && own(node.variants, value.kind) ? value.kind : undefined;
      const variant = kind === undefined ? undefined : node.variants[kind];
      if (kind === undefined || !variant || !isData(value)) return value;
      const { kind: _tag, ...rest } = objectToFile(variant, value);
      return kind === node.bare ? rest[kind] : rest;
    }
    default:
      return value;
  }
}

function objectToFile(node: ObjectNode, value: Data): Data {
  const out: Data = {};
  for (const key of Object.keys(value)) {
    const f = own(node.fields, key) ? node.fields[key] : undefined;
    out[key] = f ? toFile(f.node, value[key]) : value[key];
  }
  return out;
}
