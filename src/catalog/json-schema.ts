/**
 * The JSON Schema of a set file, derived from the declaration in ./schema.ts. `npm run schema`
 * writes it to docs/set-schema.json, which authors of a province's set point their editor at
 * ("$schema": "…/set-schema.json") to have fields checked and completed as they type.
 *
 * Draft-07: the draft every common editor checks fully. The schema says what a single field
 * may hold; what spans fields (a variable a rule names exists, maxima add up, shares make 1)
 * only the loader checks, and says so in Vietnamese with the path or the cell.
 *
 * Used by the script and the tests only; nothing the browser loads imports it.
 */
import type { Doc, FieldDocs, KindsNode, Node, ObjectNode, TaggedNode, UnionDocs } from "./decl";
import { decls, EXACT, indicatorSetDecl } from "./schema";
import { SCHEMA_DOCS } from "./schema-docs";
import { PERCENT, POINTS } from "./written";

export type JsonSchema = { readonly [key: string]: unknown };

/** The declarations written once under "definitions" and referred to by name. */
const NAMED: ReadonlyMap<Node, string> = new Map<Node, string>([
  [decls.infoItem, "infoItem"],
  [decls.pillar, "pillar"],
  [decls.indicator, "indicator"],
  [decls.variable, "variable"],
  [decls.choiceOption, "choiceOption"],
  [decls.ratio, "ratio"],
  [decls.denominator, "denominator"],
  [decls.tier, "tier"],
  [decls.measure, "measure"],
  [decls.part, "part"],
  [decls.rule, "rule"],
  [decls.partRule, "partRule"],
]);

const text = (doc: Doc): string => `${doc.vi}\n\n${doc.en}`;

type UnionNode = KindsNode | TaggedNode;

/** Each declaration's descriptions (./schema-docs.ts), by node: the objects', the unions' and their variants'. */
const FIELD_DOCS = new Map<ObjectNode, FieldDocs<ObjectNode>>();
const VARIANT_DOCS = new Map<UnionNode, UnionDocs<Readonly<Record<string, ObjectNode>>>["variants"]>();
for (const [name, node] of Object.entries(decls) as [keyof typeof decls, Node][]) {
  const docs = SCHEMA_DOCS[name] as FieldDocs<ObjectNode> | UnionDocs<Readonly<Record<string, ObjectNode>>>;
  if (node.t === "object") FIELD_DOCS.set(node, docs as FieldDocs<ObjectNode>);
  else if (node.t === "kinds" || node.t === "tagged") {
    const union = docs as UnionDocs<Readonly<Record<string, ObjectNode>>>;
    VARIANT_DOCS.set(node, union.variants);
    for (const [kind, variant] of Object.entries(node.variants)) FIELD_DOCS.set(variant, union.fields[kind] as FieldDocs<ObjectNode>);
  }
}

/** A field's description; a declaration the table does not describe stops the generation, naming the field. */
function fieldDoc(node: ObjectNode, name: string): Doc {
  const doc = FIELD_DOCS.get(node)?.[name];
  if (!doc) throw new Error(`src/catalog/schema-docs.ts: no description of the field "${name}" (${Object.keys(node.fields).join(", ")})`);
  return doc;
}

function variantDoc(node: UnionNode, kind: string): Doc {
  const doc = VARIANT_DOCS.get(node)?.[kind];
  if (!doc) throw new Error(`src/catalog/schema-docs.ts: no description of the variant "${kind}"`);
  return doc;
}

/** Not blank: the loader refuses "" and text of spaces only. */
const NOT_BLANK = "\\S";

/** A description beside a schema; beside a "$ref", draft-07 ignores siblings, so the reference goes in "allOf". */
function described(schema: JsonSchema, doc: Doc): JsonSchema {
  return typeof schema.$ref === "string" ? { description: text(doc), allOf: [schema] } : { description: text(doc), ...schema };
}

/** An object as a file writes it (file-only fields such as `$schema` included). */
function objectSchema(node: ObjectNode, extra: { readonly kind?: string } = {}): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  if (extra.kind !== undefined) properties.kind = { const: extra.kind };
  for (const [name, f] of Object.entries(node.fields)) {
    properties[name] = described(ref(f.node), fieldDoc(node, name));
    if (!f.optional) required.push(name);
  }
  return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** A node by reference when it is named, else inline. */
function ref(node: Node): JsonSchema {
  const name = NAMED.get(node);
  return name === undefined ? inline(node) : { $ref: `#/definitions/${name}` };
}

function inline(node: Node): JsonSchema {
  switch (node.t) {
    case "string":
      return { type: "string", pattern: node.pattern ? node.pattern.source : node.nonEmpty ? NOT_BLANK : undefined };
    case "exact": {
      const units = node.units ?? [];
      if (units.length === 0) {
        return {
          type: "string",
          pattern: EXACT.source,
          ...(node.range ? { description: `Số chính xác trong ${node.range}, viết dạng chuỗi ("0.8", "1/2").\n\nAn exact number in ${node.range}, as a string ("0.8", "1/2").` } : {}),
        };
      }
      // Issue 13, point 1: points and percentages as the text writes them, converted exactly on load.
      const points = units.includes("points");
      const percent = units.includes("percent");
      const vi = [
        `Số chính xác${node.range ? ` trong ${node.range}` : ""}, viết dạng chuỗi ("0.8", "1/2"); số không có đơn vị luôn là phần (của điểm tối đa, hoặc tỷ lệ): "1" là trọn điểm tối đa, không phải 1 điểm.`,
        ...(points ? ['Hoặc điểm như văn bản ghi: "15 điểm", "15đ", "7,5 điểm" (đổi chính xác ra phần của điểm tối đa khi nạp: 15 trên 20 → "3/4").'] : []),
        ...(percent ? ['Hoặc phần trăm: "90%", "90 %", "87,5%" (= "9/10", "7/8").'] : []),
      ].join(" ");
      const en = [
        `An exact number${node.range ? ` in ${node.range}` : ""}, as a string ("0.8", "1/2"); a number without a unit is always a fraction (of the maximum, or a ratio): "1" is the whole maximum, not 1 point.`,
        ...(points ? ['Or points as the text writes them: "15 điểm", "15đ", "7,5 điểm" (converted exactly on load: 15 of 20 → "3/4").'] : []),
        ...(percent ? ['Or a percentage: "90%", "90 %", "87,5%" (= "9/10", "7/8").'] : []),
      ].join(" ");
      const sources = [EXACT.source, ...(points ? [POINTS.source] : []), ...(percent ? [PERCENT.source] : [])];
      return { type: "string", pattern: sources.map((x) => `(?:${x})`).join("|"), description: `${vi}\n\n${en}` };
    }
    case "number":
      return { type: node.integer ? "integer" : "number", minimum: node.minimum, exclusiveMinimum: node.exclusiveMinimum, maximum: node.maximum };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "string", enum: [...node.values] };
    case "array":
      return { type: "array", items: ref(node.of), minItems: node.minItems };
    case "object":
      return objectSchema(node);
    case "kinds":
      return {
        type: "object",
        required: ["kind"],
        properties: { kind: { type: "string", enum: Object.keys(node.variants) } },
        oneOf: Object.entries(node.variants).map(([kind, variant]) => {
          const o = objectSchema(variant, { kind });
          return described({ ...o, required: ["kind", ...((o.required as string[] | undefined) ?? [])] }, variantDoc(node, kind));
        }),
      };
    case "tagged":
      return {
        oneOf: [
          ...(node.bare !== undefined ? [described(ref((node.variants[node.bare] as ObjectNode).fields[node.bare]?.node as Node), variantDoc(node, node.bare))] : []),
          ...Object.entries(node.variants).map(([kind, variant]) => described(objectSchema(variant, { kind }), variantDoc(node, kind))),
        ],
      };
  }
}

/** Drops the keys whose value is undefined (JSON.stringify would too; the golden test compares objects). */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
  return out;
}

/** The JSON Schema of a set file. */
export function setJsonSchema(): JsonSchema {
  const definitions: Record<string, unknown> = {};
  for (const [node, name] of NAMED) definitions[name] = inline(node);
  return clean({
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Bộ chỉ số DTI Workbench (DTI Workbench indicator set)",
    description:
      "Một bộ chỉ số đánh giá chuyển đổi số dạng tệp JSON, dùng với `dti --set tệp.json`. Lược đồ này kiểm tra từng trường; " +
      "những điều liên quan nhiều trường (biến mà quy tắc dùng phải có, điểm tối đa cộng lại đúng, các phần cộng lại bằng 1) do chương trình kiểm tra khi nạp.\n\n" +
      "A digital-transformation indicator set as a JSON file, used with `dti --set file.json`. This schema checks each field; " +
      "what spans fields (the variables a rule names exist, maxima add up, shares make 1) the tool checks on load.",
    ...objectSchema(indicatorSetDecl),
    definitions,
  }) as JsonSchema;
}

/** The schema as the file docs/set-schema.json holds it. */
export function setJsonSchemaText(): string {
  return `${JSON.stringify(setJsonSchema(), null, 2)}\n`;
}
