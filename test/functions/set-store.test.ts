/**
 * A set the functions do not ship with reaches them through the storage the task pane shares
 * with the custom-functions runtime (OfficeRuntime.storage): DTI.SCORE("huyen-2023:1.1"; …)
 * works once the task pane has stored the set, and says what to do before that.
 */
import fs from "fs";
import path from "path";
import { dtiProvince2020, dtiProvince2022, getIndicatorSet } from "../../src/catalog";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";
import { scoreIndicator } from "../../src/engine/score";
import * as functions from "../../src/functions/functions";
import { fingerprint, rememberSet, setInfoKey, setKey, storedSet, type SetStorage } from "../../src/catalog/set-storage";
import { qualifiedSetId, recallSet } from "../../src/functions/set-store";

class MemoryStorage implements SetStorage {
  readonly items = new Map<string, string>();
  reads = 0;
  async getItem(key: string): Promise<string | null> {
    this.reads++;
    return this.items.get(key) ?? null;
  }
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }
}

function districtSet(): IndicatorSet {
  const file = path.resolve(__dirname, "../fixtures/sets/district-example.json");
  const parsed = parseIndicatorSet(JSON.parse(fs.readFileSync(file, "utf-8")), file);
  if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
  return parsed.set;
}

class FakeCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
type Global = { CustomFunctions?: unknown; OfficeRuntime?: { storage: SetStorage } };
const g = globalThis as Global;

describe("set-store", () => {
  it("stores a province's own set once, noting when; built-in sets are never stored", async () => {
    const storage = new MemoryStorage();
    const set = districtSet();
    const now = () => new Date("2025-03-04T05:06:07Z");
    expect(await rememberSet(storage, set, { now })).toMatchObject({ kind: "stored", stored: { id: "huyen-2023", set, storedAt: "2025-03-04T05:06:07.000Z" } });
    expect(JSON.parse(storage.items.get(setKey("huyen-2023")) as string)).toEqual(set);
    expect(await rememberSet(storage, set)).toMatchObject({ kind: "same" }); // unchanged: no recalculation needed
    expect(await rememberSet(storage, dtiProvince2022)).toEqual({ kind: "built-in" });
    expect(await rememberSet(storage, dtiProvince2020)).toEqual({ kind: "built-in" });
    expect([...storage.items.keys()]).toEqual(["dti-set:huyen-2023", "dti-set-info:huyen-2023"]);
    expect(await storedSet(storage, "huyen-2023")).toEqual({
      id: "huyen-2023",
      set,
      storedAt: "2025-03-04T05:06:07.000Z",
      fingerprint: await fingerprint(JSON.stringify(set)),
    });
    expect(await storedSet(storage, "xa-2024")).toBeNull();
  });

  it("reads the set id of a qualified indicator id, in a cell or a 1×1 range", () => {
    expect(qualifiedSetId("huyen-2023:1.1")).toBe("huyen-2023");
    expect(qualifiedSetId([["huyen-2023:1.1"]])).toBe("huyen-2023");
    expect(qualifiedSetId("3.1")).toBeUndefined();
    expect(qualifiedSetId(3.1)).toBeUndefined();
    expect(qualifiedSetId(":3.1")).toBeUndefined();
  });

  it("says how to load a set nobody stored, and refuses stored data that is not a valid set", async () => {
    const missing = await recallSet(new MemoryStorage(), "xa-2024");
    expect(missing).toEqual({ error: expect.stringMatching(/bộ chỉ số "xa-2024" chưa được nạp.*mở bảng tác vụ DTI/) });
    expect(await recallSet(undefined, "xa-2024")).toEqual(missing);

    const storage = new MemoryStorage();
    storage.items.set(setKey("hong"), "{khong phai json");
    expect(await recallSet(storage, "hong")).toEqual({ error: expect.stringMatching(/bị hỏng/) });
    storage.items.set(setKey("thieu"), JSON.stringify({ id: "thieu", name: "Thiếu" }));
    expect(await recallSet(storage, "thieu")).toEqual({ error: expect.stringMatching(/không hợp lệ/) });
    storage.items.set(setKey("khac-ma"), JSON.stringify({ ...districtSet(), id: "ma-khac" }));
    expect(await recallSet(storage, "khac-ma")).toEqual({ error: expect.stringMatching(/mang mã "ma-khac"/) });
    expect(getIndicatorSet("hong") ?? getIndicatorSet("thieu") ?? getIndicatorSet("ma-khac")).toBeUndefined();
  });
});

describe("one id, one set on this computer: a stored set is replaced only with consent (issue 9)", () => {
  /** The same set as another workbook holds it: one indicator's maximum and one name changed, one added. */
  function otherVersion(set: IndicatorSet): IndicatorSet {
    const [first, second, ...rest] = set.indicators;
    if (!first || !second) throw new Error("the district set needs two indicators");
    const added = { ...second, id: `${second.id}.9`, name: "Chỉ số thêm" };
    return { ...set, name: `${set.name} (bản sửa)`, indicators: [{ ...first, maxPoints: first.maxPoints + 1 }, { ...second, name: `${second.name} (sửa lời)` }, ...rest, added] };
  }

  it("a different set of the same id is not replaced: the caller gets the stored one and how they differ", async () => {
    const storage = new MemoryStorage();
    const mine = districtSet();
    await rememberSet(storage, mine, { now: () => new Date("2025-01-01T00:00:00Z") });
    const before = new Map(storage.items);
    const theirs = otherVersion(mine);
    const r = await rememberSet(storage, theirs);
    expect(r.kind).toBe("differs");
    if (r.kind !== "differs") return;
    expect(storage.items).toEqual(before);
    expect(r.stored).toMatchObject({ id: mine.id, set: mine, storedAt: "2025-01-01T00:00:00.000Z" });
    expect(r.diff?.identical).toBe(false);
    expect(r.diff?.fields).toEqual(["name"]);
    expect(r.diff?.indicators).toEqual({
      added: [`${mine.indicators[1]?.id}.9`],
      removed: [],
      rules: [mine.indicators[0]?.id],
      wording: [mine.indicators[1]?.id],
    });
  });

  it("replaced only when the user agreed to replace exactly the copy that is stored", async () => {
    const storage = new MemoryStorage();
    const mine = districtSet();
    await rememberSet(storage, mine);
    const theirs = otherVersion(mine);
    const seen = await rememberSet(storage, theirs);
    if (seen.kind !== "differs") throw new Error("expected differs");
    // Meanwhile another workbook stored a third version: the consent given does not cover it.
    const third = { ...mine, name: `${mine.name} (bản thứ ba)` };
    await storage.setItem(setKey(mine.id), JSON.stringify(third));
    expect(await rememberSet(storage, theirs, { replace: seen.stored.fingerprint })).toMatchObject({ kind: "differs" });
    expect(JSON.parse(storage.items.get(setKey(mine.id)) as string)).toEqual(third);
    const again = await rememberSet(storage, theirs);
    if (again.kind !== "differs") throw new Error("expected differs");
    const replaced = await rememberSet(storage, theirs, { replace: again.stored.fingerprint, now: () => new Date("2025-02-02T00:00:00Z") });
    expect(replaced).toMatchObject({ kind: "replaced", stored: { set: theirs, storedAt: "2025-02-02T00:00:00.000Z" } });
    expect(JSON.parse(storage.items.get(setKey(mine.id)) as string)).toEqual(theirs);
  });

  it("the same data with keys in another order is the same set: nothing written", async () => {
    const storage = new MemoryStorage();
    const mine = districtSet();
    const reordered = Object.fromEntries(Object.entries(mine).reverse());
    storage.items.set(setKey(mine.id), JSON.stringify(reordered));
    const before = new Map(storage.items);
    expect(await rememberSet(storage, mine)).toMatchObject({ kind: "same", stored: { storedAt: null } });
    expect(storage.items).toEqual(before);
  });

  it("a stored copy that is not a valid set is still not replaced without consent, and shows as unreadable", async () => {
    const storage = new MemoryStorage();
    const mine = districtSet();
    storage.items.set(setKey(mine.id), "{hỏng");
    storage.items.set(setInfoKey(mine.id), "không phải JSON");
    const r = await rememberSet(storage, mine);
    expect(r).toEqual({ kind: "differs", stored: { id: mine.id, set: null, storedAt: null, fingerprint: await fingerprint("{hỏng") }, diff: null });
    expect(storage.items.get(setKey(mine.id))).toBe("{hỏng");
  });

  it("fingerprints are 8 hex digits of SHA-256 and tell copies apart", async () => {
    expect(await fingerprint("")).toBe("e3b0c442");
    expect(await fingerprint(JSON.stringify(districtSet()))).not.toBe(await fingerprint(JSON.stringify(otherVersion(districtSet()))));
  });
});

describe("DTI.SCORE, DTI.MAXPOINTS and DTI.LEVEL with a set stored by the task pane", () => {
  const storage = new MemoryStorage();
  beforeAll(() => {
    g.CustomFunctions = { Error: FakeCustomFunctionsError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
    g.OfficeRuntime = { storage };
  });
  afterAll(() => {
    delete g.CustomFunctions;
    delete g.OfficeRuntime;
  });

  it("before the set is stored: #N/A saying to open the task pane", async () => {
    await expect(functions.score("huyen-2023:1.1", [[[8000]], [[10000]]])).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringMatching(/^DTI\.SCORE: bộ chỉ số "huyen-2023" chưa được nạp/),
    });
  });

  it("after: scores as the engine does, and later calls need no storage read", async () => {
    const set = districtSet();
    await rememberSet(storage, set);
    const expected = scoreIndicator(set, "1.1", { a: 8000, b: 10000 });
    expect(expected.score?.toNumber()).toBe(12); // 8 000 / 10 000 × 15
    await expect(functions.score("huyen-2023:1.1", [[[8000]], [[10000]]])).resolves.toBe(12);
    const reads = storage.reads;
    // Registered now: synchronous, like the built-in sets.
    expect(functions.maxPoints("huyen-2023:1.4")).toBe(15);
    expect(functions.score("huyen-2023:1.1", [[[5000]], [[10000]]])).toBe(7.5);
    expect(storage.reads).toBe(reads);
  });

  it("a wrong indicator id of a stored set is #N/A naming the set", () => {
    expect(functions.maxPoints("huyen-2023:9.9")).toMatchObject({ code: "#N/A", message: expect.stringMatching(/"9\.9".*huyen-2023/) });
  });

  it("built-in ids never touch the storage", () => {
    const reads = storage.reads;
    expect(functions.maxPoints("3.1")).toBe(dtiProvince2022.indicators.find((i) => i.id === "3.1")?.maxPoints);
    expect(typeof functions.maxPoints("dti-province-2020:1.1")).not.toBe("object");
    expect(storage.reads).toBe(reads);
  });
});

describe("many cells asking at once", () => {
  it("share one storage read and one check for a set not yet known", async () => {
    const storage = new MemoryStorage();
    const set = { ...districtSet(), id: "xa-2025", name: "Bộ chỉ số cấp xã 2025" };
    await rememberSet(storage, set);
    const results = await Promise.all(Array.from({ length: 50 }, () => recallSet(storage, "xa-2025")));
    expect(storage.reads).toBe(2); // rememberSet's own comparison, then one read for all 50 cells
    expect(new Set(results.map((r) => ("set" in r ? r.set : null))).size).toBe(1);
    expect(getIndicatorSet("xa-2025")?.name).toBe("Bộ chỉ số cấp xã 2025");
  });

  it("a set stored after a failed attempt is found on the next call", async () => {
    const storage = new MemoryStorage();
    expect(await recallSet(storage, "xa-2026")).toEqual({ error: expect.stringMatching(/chưa được nạp/) });
    await rememberSet(storage, { ...districtSet(), id: "xa-2026" });
    expect(await recallSet(storage, "xa-2026")).toEqual({ set: expect.objectContaining({ id: "xa-2026" }) });
  });
});
