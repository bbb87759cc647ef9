/**
 * A set the functions do not ship with reaches them through the storage the task pane shares
 * with the custom-functions runtime (OfficeRuntime.storage): DTI.SCORE("huyen-2023:1.1"; …)
 * works once the task pane has stored the set, and says what to do before that.
 */
import { dtiProvince2022, getIndicatorSet } from "../../src/catalog";
import { scoreIndicator } from "../../src/engine/score";
import * as functions from "../../src/functions/functions";
import { rememberSet, setKey, type SetStorage } from "../../src/catalog/set-storage";
import { qualifiedSetId, recallSet } from "../../src/functions/set-store";
import { districtSet, MemoryStorage } from "../support/set-storage";

class FakeCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
type Global = { CustomFunctions?: unknown; OfficeRuntime?: { storage: SetStorage } };
const g = globalThis as Global;

describe("set-store", () => {
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
