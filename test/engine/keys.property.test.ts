/**
 * Keys from input are data, never properties (issue 9, point 4). `__proto__`, `constructor`,
 * `prototype` and the other names Object.prototype carries must behave exactly like any other
 * key wherever a key is read: reported by name when unknown, scored (or missing) exactly like
 * an ordinary key when the set declares it, never a crash, never a polluted prototype.
 *
 * Where the schema's id patterns allow them (src/catalog/load.ts): variable keys
 * (/^[a-z][a-z0-9]*$/) may be "constructor" or "prototype"; pillar ids (/^[A-Za-z0-9]+$/) may
 * be any of them but "__proto__"; option labels are free text. Indicator ids (digits and dots),
 * set ids (lower-case words and "-") and info item numbers cannot be such names, so there those
 * keys are always unknown, and reported.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";
import { indicatorSetToSheet, parseIndicatorSetSheet } from "../../src/layout/set-sheet";
import { parseScoreInput } from "../../src/cli/json-input";
import { DtiError } from "../../src/engine/errors";
import { scoreUnits } from "../../src/engine/score";
import type { UnitResult } from "../../src/engine/types";
import { run } from "../../src/functions/runner";
import { summarize } from "../../src/layout/summary";
import { validateWorkbook } from "../../src/layout/validate";
import type { ReadResult } from "../../src/layout/read-inputs";
import type { FunctionId } from "../../src/functions/registry";
import { messageVi } from "../../src/i18n/findings";

const root = path.resolve(__dirname, "../..");
const baseText = readFileSync(path.join(root, "test/fixtures/sets/district-example.json"), "utf8");
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObj = { [key: string]: Json };
const base = JSON.parse(baseText) as JsonObj;

/** The names Object.prototype answers to, and the other usual suspects. */
const HOSTILE = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupSetter__",
] as const;

const RESERVED_KEYS = new Set(["score", "target", "evidence", "note", "min", "max"]);
/** Variable keys the schema accepts, hostile ones first. */
const variableKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE.filter((k) => /^[a-z][a-z0-9]*$/.test(k))) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/).filter((k) => !RESERVED_KEYS.has(k)) },
);
/** Pillar ids the schema accepts. */
const pillarId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE.filter((k) => /^[A-Za-z0-9]+$/.test(k))) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/) },
);
/** Any key a JSON object may hold: the hostile ones, and random strings. */
const anyKey = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** JSON text of an object whose keys may include "__proto__" (JSON.parse keeps it as an own key). */
function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`;
}

/** Fields of a rule that name variables. */
const KEY_FIELDS = new Set(["variable", "amount", "count", "gate", "noneAnswer"]);
const KEY_LISTS = new Set(["numerator", "denominator"]);

function renameRule(rule: Json, rename: (key: string) => string): Json {
  if (Array.isArray(rule)) return rule.map((x) => renameRule(x, rename));
  if (rule === null || typeof rule !== "object") return rule;
  const out: JsonObj = {};
  for (const [k, v] of Object.entries(rule)) {
    if (KEY_FIELDS.has(k) && typeof v === "string") out[k] = rename(v);
    else if (KEY_LISTS.has(k) && Array.isArray(v)) out[k] = v.map((x) => (typeof x === "string" ? rename(x) : x));
    else out[k] = renameRule(v, rename);
  }
  return out;
}

interface Renaming {
  /** indicator id → original key → new key */
  readonly keys: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly pillars: ReadonlyMap<string, string>;
  /** new option labels of the first choice variable that has three options (1.3 a) */
  readonly labels: readonly string[];
}

const indicatorsOf = (set: JsonObj): JsonObj[] => set.indicators as JsonObj[];
const variablesOf = (ind: JsonObj): JsonObj[] => ind.variables as JsonObj[];

/** A renaming of the example set's variable keys, pillar ids and 1.3's option labels to hostile names. */
const renaming: fc.Arbitrary<Renaming> = fc
  .tuple(
    fc.tuple(...indicatorsOf(base).map((ind) => fc.uniqueArray(variableKey, { minLength: variablesOf(ind).length, maxLength: variablesOf(ind).length }))),
    fc.uniqueArray(pillarId, { minLength: 2, maxLength: 2 }),
    fc.uniqueArray(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== "" && !/^\d+$/.test(s.trim()))), {
      minLength: 3,
      maxLength: 3,
      selector: (s) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi"),
    }).filter((labels) => labels.every((l) => !["true", "false"].includes(l.trim().toLowerCase()))),
  )
  .map(([keys, pillars, labels]) => ({
    keys: new Map(indicatorsOf(base).map((ind, n) => [ind.id as string, new Map(variablesOf(ind).map((v, k) => [v.key as string, keys[n]?.[k] as string]))])),
    pillars: new Map((base.pillars as JsonObj[]).map((p, n) => [p.id as string, pillars[n] as string])),
    labels,
  }));

function renamedSet(r: Renaming): JsonObj {
  const set = clone(base);
  const pillar = (id: string): string => r.pillars.get(id) ?? id;
  for (const p of set.pillars as JsonObj[]) p.id = pillar(p.id as string);
  for (const ind of indicatorsOf(set)) {
    const key = (k: string): string => r.keys.get(ind.id as string)?.get(k) ?? k;
    ind.pillar = pillar(ind.pillar as string);
    for (const v of variablesOf(ind)) {
      v.key = key(v.key as string);
      if (ind.id === "1.3") (v.options as JsonObj[]).forEach((o, n) => (o.label = r.labels[n] ?? (o.label as string)));
    }
    ind.rule = renameRule(ind.rule as Json, key);
  }
  return set;
}

function parsed(data: unknown): IndicatorSet {
  const result = parseIndicatorSet(data, "set.json");
  if ("errors" in result) throw new Error(result.errors.join("\n"));
  return result.set;
}

const originalSet = parsed(base);

/** One answer: absent, blank, a number, a position, or a label of the choice. */
type Answer = { kind: "absent" } | { kind: "null" } | { kind: "blank" } | { kind: "number"; n: number } | { kind: "label"; n: number } | { kind: "junk"; s: string };
const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.constant({ kind: "absent" } as const),
  fc.constant({ kind: "null" } as const),
  fc.constant({ kind: "blank" } as const),
  fc.integer({ min: -2, max: 40 }).map((n) => ({ kind: "number", n }) as const),
  fc.integer({ min: 0, max: 2 }).map((n) => ({ kind: "label", n }) as const),
  fc.constantFrom(...HOSTILE, "x").map((s) => ({ kind: "junk", s }) as const),
);

interface UnitAnswers {
  readonly name: string;
  /** indicator id → original key → answer */
  readonly answers: ReadonlyMap<string, ReadonlyMap<string, Answer>>;
  /** indicator id → keys no set declares */
  readonly extras: ReadonlyMap<string, readonly string[]>;
}

const unitAnswers = (name: string): fc.Arbitrary<UnitAnswers> =>
  fc
    .tuple(
      fc.tuple(...indicatorsOf(base).map((ind) => fc.tuple(...variablesOf(ind).map(() => answer)))),
      fc.tuple(...indicatorsOf(base).map(() => fc.uniqueArray(anyKey, { maxLength: 3 }))),
    )
    .map(([answers, extras]) => ({
      name,
      answers: new Map(indicatorsOf(base).map((ind, n) => [ind.id as string, new Map(variablesOf(ind).map((v, k) => [v.key as string, answers[n]?.[k] as Answer]))])),
      extras: new Map(indicatorsOf(base).map((ind, n) => [ind.id as string, extras[n] ?? []])),
    }));

/** The JSON text `dti score` would read, keys renamed for `set`. */
function inputText(set: JsonObj, units: readonly UnitAnswers[], r: Renaming | null): string {
  const unitTexts = units.map((u) => {
    const rows = indicatorsOf(set).map((ind, n) => {
      const id = ind.id as string;
      const original = indicatorsOf(base)[n] as JsonObj;
      const entries: [string, string][] = [];
      variablesOf(original).forEach((v, k) => {
        let a = u.answers.get(id)?.get(v.key as string) as Answer;
        // Junk that happens to be one of the new labels ("__proto__") is that option in both sets.
        const norm = (t: string): string => t.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");
        const asLabel = a.kind === "junk" && id === "1.3" && r ? r.labels.findIndex((l) => norm(l) === norm(a.kind === "junk" ? a.s : "")) : -1;
        if (asLabel >= 0) a = { kind: "label", n: asLabel };
        const key = variablesOf(ind)[k]?.key as string;
        const options = (variablesOf(ind)[k]?.options ?? null) as JsonObj[] | null;
        switch (a.kind) {
          case "absent":
            return;
          case "null":
            entries.push([key, "null"]);
            return;
          case "blank":
            entries.push([key, '""']);
            return;
          case "number":
            entries.push([key, String(a.n)]);
            return;
          case "label":
            entries.push([key, JSON.stringify(options ? (options[a.n % options.length]?.label as string) : String(a.n))]);
            return;
          case "junk":
            entries.push([key, JSON.stringify(a.s)]);
        }
      });
      const declared = new Set([...variablesOf(ind).map((v) => v.key as string), ...variablesOf(original).map((v) => v.key as string)]);
      for (const extra of u.extras.get(id) ?? []) {
        const other = r ? [...(r.keys.get(id)?.values() ?? [])] : [];
        if (!declared.has(extra) && !other.includes(extra)) entries.push([extra, "1"]);
      }
      return [id, objectText(entries)] as const;
    });
    return objectText([
      ["name", JSON.stringify(u.name)],
      ["values", objectText(rows)],
    ]);
  });
  return `{"indicatorSet":${JSON.stringify(set.id)},"units":[${unitTexts.join(",")}]}`;
}

function score(set: IndicatorSet, text: string): UnitResult[] {
  const input = parseScoreInput(JSON.parse(text), "in.json", set);
  return scoreUnits(input.set, input.units);
}

/** What must not differ between a set and its renamed copy: scores, statuses, the kinds of messages. */
interface Shape {
  readonly total: string;
  readonly incomplete: readonly string[];
  readonly pillars: readonly (readonly [string | undefined, ...unknown[]])[];
  readonly indicators: readonly unknown[];
}

function shape(set: IndicatorSet, results: readonly UnitResult[]): Shape[] {
  return results.map((u) => ({
    total: u.total.score.toString(),
    incomplete: u.total.incomplete,
    // In the set's order: a pillar id "0" would come first in Object.values.
    pillars: set.pillars.map((p) => {
      const own = Object.prototype.hasOwnProperty.call(u.pillars, p.id) ? u.pillars[p.id] : undefined;
      return [own?.id, own?.score.toString(), own?.incomplete] as const;
    }),
    indicators: Object.values(u.indicators).map((o) => [o.id, o.score?.toString() ?? null, o.status, o.messages.map((m) => m.code)]),
  }));
}

function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  for (const k of ["polluted", "a", "b", "c", "min", "max", "1.1", "name"]) expect(probe[k]).toBeUndefined();
  expect(typeof probe.constructor).toBe("function");
}

describe("keys are data: declared hostile keys are scored like any other key", () => {
  it("a variable named constructor, left blank, is missing, not invalid (the reported case)", () => {
    const set = parsed(renamedSet({ keys: new Map([["1.5", new Map([["a", "constructor"]])]]), pillars: new Map(), labels: [] }));
    const [unit] = score(set, '{"indicatorSet":"huyen-2023","units":[{"name":"X","values":{"1.5":{}}}]}');
    const o = unit?.indicators["1.5"];
    expect(o?.status).toBe("missing");
    expect(o?.messages.map(messageVi).join("\n")).toContain("biến constructor");
    expect(o?.messages.map(messageVi).join("\n")).not.toContain("native code");
  });

  it("renaming keys, pillar ids and option labels to hostile names changes no score, status or message", () => {
    fc.assert(
      fc.property(renaming, fc.tuple(unitAnswers("Huyện A"), unitAnswers("Huyện B")), (r, units) => {
        const renamedData = renamedSet(r);
        // The schema accepts them: "declared" covers whatever its patterns allow.
        const renamed = parsed(renamedData);
        const before = score(originalSet, inputText(base, units, r));
        const after = score(renamed, inputText(renamedData, units, r));
        expect(shape(renamed, after)).toEqual(shape(originalSet, before).map((u) => ({ ...u, pillars: u.pillars.map(([id, ...rest]) => [r.pillars.get(id as string) ?? id, ...rest]) })));
        // Messages about a variable name it by its new key.
        for (const [n, u] of after.entries()) {
          for (const o of Object.values(u.indicators)) {
            const map = r.keys.get(o.id) as ReadonlyMap<string, string>;
            const original = before[n]?.indicators[o.id]?.messages ?? [];
            o.messages.forEach((m, k) => {
              const was = original[k]?.variable;
              expect(m.variable).toBe(was === undefined ? undefined : map.get(was));
            });
          }
        }
        // The sheet "Bộ chỉ số" holds and gives back the same keys.
        const sheet = parseIndicatorSetSheet(indicatorSetToSheet(renamed).grid, { sheet: "Bộ chỉ số" });
        expect("set" in sheet ? sheet.set : sheet.errors).toEqual(renamed);
        expectNoPollution();
      }),
      { numRuns: 80 },
    );
  });
});

describe("keys are data: the compute view and validation read own keys only", () => {
  it("a pillar toString without last year's score has no previous score, and a blank variable constructor is missing", () => {
    const set = parsed(renamedSet({ keys: new Map([["1.5", new Map([["a", "constructor"]])]]), pillars: new Map([["I", "toString"], ["II", "valueOf"]]), labels: [] }));
    const unit = { name: "X", values: { "1.1": { a: 1, b: 2 } } };
    const [result] = scoreUnits(set, [unit]);
    const read: ReadResult = {
      unit,
      options: {},
      problems: [],
      templateVersion: 1,
      annotations: { target: {}, evidence: {}, note: {} },
      previous: { pillars: {}, total: null, index: null },
    };
    const summary = summarize(set, result as UnitResult, {}, read);
    expect(summary.pillars.map((p) => [p.id, p.previous, p.delta])).toEqual([
      ["toString", null, null],
      ["valueOf", null, null],
    ]);
    const report = validateWorkbook(set, read, result as UnitResult);
    const about15 = JSON.stringify(report).match(/[^"]*1\.5[^"]*/g) ?? [];
    expect(about15.join("\n")).not.toContain("native code");
    expect(result?.indicators["1.5"]?.status).toBe("missing");
  });
});

describe("keys are data: unknown keys are reported by name", () => {
  it("an unknown variable key, hostile or not, is reported by name on its indicator", () => {
    fc.assert(
      fc.property(unitAnswers("Huyện A"), (u) => {
        const [result] = score(originalSet, inputText(base, [u], null));
        for (const [id, extras] of u.extras) {
          const texts = (result?.indicators[id]?.messages ?? []).filter((m) => m.code === "unknown-variable").map(messageVi);
          const declared = variablesOf(indicatorsOf(base).find((i) => i.id === id) as JsonObj).map((v) => v.key);
          const unknown = extras.filter((k) => !declared.includes(k));
          expect(texts).toHaveLength(unknown.length);
          for (const k of unknown) expect(texts.some((t) => t.includes(`biến "${k}"`))).toBe(true);
        }
        expectNoPollution();
      }),
      { numRuns: 80 },
    );
  });

  const unitWith = (field: string, text: string): string => `{"indicatorSet":"huyen-2023","units":[${objectText([["name", '"X"'], [field, text]])}]}`;
  const refusal = (text: string): DtiError => {
    try {
      score(originalSet, text);
    } catch (e) {
      if (e instanceof DtiError) return e;
      throw e;
    }
    throw new Error(`accepted: ${text}`);
  };

  it("an unknown indicator id in values, info or reference is refused, naming it", () => {
    fc.assert(
      fc.property(anyKey, fc.constantFrom("values", "info", "reference"), (key, field) => {
        fc.pre(!indicatorsOf(base).some((i) => i.id === key) && !["1", "2", "3", "4"].includes(key));
        const inner = field === "values" ? "{}" : field === "info" ? "5" : '{"max":1}';
        const e = refusal(unitWith(field, objectText([[key, inner]])));
        expect(e.message).toContain(`"${key}"`);
        expectNoPollution();
      }),
      { numRuns: 120 },
    );
  });

  it("an unknown field of a unit, of a reference range or of the file is named in a warning, and the file still scores", () => {
    fc.assert(
      fc.property(anyKey, fc.constantFrom("unit", "range", "top"), (key, where) => {
        fc.pre(!["name", "values", "info", "reference", "min", "max", "indicatorSet", "units"].includes(key));
        const text =
          where === "unit"
            ? `{"indicatorSet":"huyen-2023","units":[${objectText([["name", '"X"'], [key, "{}"]])}]}`
            : where === "range"
              ? unitWith("reference", objectText([["1.4", objectText([["max", "1"], [key, "1"]])]]))
              : objectText([["indicatorSet", '"huyen-2023"'], ["units", '[{"name":"X"}]'], [key, "1"]]);
        // A warning, not a refusal: a file that scored before (with a note field, say) keeps scoring.
        const input = parseScoreInput(JSON.parse(text), "in.json", originalSet);
        expect(input.warnings.join("\n")).toContain(`"${key}"`);
        expect(scoreUnits(input.set, input.units)).toHaveLength(1);
        expectNoPollution();
      }),
      { numRuns: 120 },
    );
  });
});

describe("keys are data: a set file's fields", () => {
  /** Adds an own field, whatever its name ("__proto__" included), as JSON.parse would. */
  const withField = (obj: JsonObj, key: string): void => {
    Object.defineProperty(obj, key, { value: 1, enumerable: true, writable: true, configurable: true });
  };
  const places: readonly ((set: JsonObj) => JsonObj)[] = [
    (s) => s,
    (s) => (s.pillars as JsonObj[])[0] as JsonObj,
    (s) => indicatorsOf(s)[0] as JsonObj,
    (s) => variablesOf(indicatorsOf(s)[0] as JsonObj)[0] as JsonObj,
    (s) => (variablesOf(indicatorsOf(s)[2] as JsonObj)[0]?.options as JsonObj[])[0] as JsonObj,
    (s) => indicatorsOf(s)[0]?.rule as JsonObj,
    (s) => (indicatorsOf(s)[0]?.rule as JsonObj).ratio as JsonObj,
    (s) => (s.infoItems as JsonObj[])[0] as JsonObj,
  ];

  it("an unknown field anywhere in a set, hostile or not, is reported by name", () => {
    fc.assert(
      fc.property(anyKey, fc.integer({ min: 0, max: places.length - 1 }), (key, at) => {
        const set = clone(base);
        const target = (places[at] as (s: JsonObj) => JsonObj)(set);
        fc.pre(!Object.keys(target).includes(key) && !["parent", "reading", "value", "note", "optional", "info", "sameAs", "noneAnswer", "zeroDenominator"].includes(key));
        withField(target, key);
        const result = parseIndicatorSet(set, "set.json");
        expect("errors" in result ? result.errors.join("\n") : "accepted").toContain(`trường "${key}"`);
        expectNoPollution();
      }),
      { numRuns: 120 },
    );
  });

  it("hostile ids the patterns refuse are reported by name, not ignored", () => {
    for (const key of HOSTILE) {
      const set = clone(base);
      (indicatorsOf(set)[0] as JsonObj).id = key;
      const result = parseIndicatorSet(set, "set.json");
      expect("errors" in result ? result.errors.join("\n") : "accepted").toContain(`"${key}"`);
    }
  });
});

describe("keys are data: the DTI.* runner", () => {
  it("a function id that is an Object.prototype name is an unknown function, not an unexpected error", () => {
    for (const key of HOSTILE) {
      const result = run(key as FunctionId, []);
      expect(result).toEqual({ error: "#VALUE!", message: `DTI.${key}: không có hàm này.` });
    }
  });
});
