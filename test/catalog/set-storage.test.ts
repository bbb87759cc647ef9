/**
 * The protocol by which the task pane hands a set the add-in does not ship to the DTI.*
 * functions (src/catalog/set-storage.ts): keys, the stored JSON and its note, fingerprints,
 * and a stored set replaced only with the user's consent. An in-memory storage stands in for
 * OfficeRuntime.storage.
 */
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import type { IndicatorSet } from "../../src/catalog/schema";
import { decodeStoredSet, encodeSet, fingerprint, rememberSet, setInfoKey, setKey, storedSet } from "../../src/catalog/set-storage";
import { districtSet, MemoryStorage } from "../support/set-storage";

describe("set storage", () => {
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


  it("decodes what is stored: the set, or why it is not one of this id", () => {
    const set = districtSet();
    expect(decodeStoredSet(encodeSet(set), set.id)).toEqual({ set });
    expect(decodeStoredSet("{khong phai json", set.id)).toEqual({ problem: "not-json" });
    const invalid = decodeStoredSet(JSON.stringify({ id: set.id, name: "Thiếu" }), set.id);
    expect(invalid).toMatchObject({ problem: "invalid" });
    expect("errors" in invalid && invalid.errors[0]).toMatch(/^bộ chỉ số đã lưu "huyen-2023": /);
    expect(decodeStoredSet(encodeSet(set), "ma-khac")).toEqual({ problem: "other-id", found: set.id });
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

