/**
 * Which set a workbook uses (src/taskpane/set-choice.ts), without a browser: the workbooks are
 * written by the Office.js layout writer into the fake Excel host, the storage the DTI.*
 * functions read is an in-memory one.
 */
import { defaultIndicatorSet, dtiProvince2020, dtiProvince2022, type IndicatorSet } from "../../src/catalog";
import { encodeSet, fingerprint, rememberSet, setKey } from "../../src/catalog/set-storage";
import { t } from "../../src/i18n/strings";
import { buildSetSheet, buildWorkbookLayout } from "../../src/layout/build";
import { TEMPLATE_VERSION } from "../../src/layout/names";
import { writeLayout } from "../../src/office/write-layout";
import type { ExcelRunner } from "../../src/taskpane/host";
import { SetChoice } from "../../src/taskpane/set-choice";
import { FakeExcel } from "../fakes/excel";
import { districtSet, MemoryStorage } from "../support/set-storage";

/** As Excel.run: a batch against the fake workbook, what it left queued synced. */
const runner =
  (fake: FakeExcel): ExcelRunner =>
  async (batch) => {
    const result = await batch(fake.context);
    await fake.context.sync();
    return result;
  };

/** A workbook holding the templates of `set` (a set not built in carries its sheet "Bộ chỉ số"). */
async function template(set: IndicatorSet): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await writeLayout(fake.context, buildWorkbookLayout(set), () => "rename", fake.supports);
  return fake;
}

/** A workbook holding only a sheet "Bộ chỉ số" with `set`. */
async function setSheetOnly(set: IndicatorSet): Promise<FakeExcel> {
  const fake = new FakeExcel();
  const sheet = buildSetSheet(set, { embedded: false, protect: false });
  await writeLayout(fake.context, { indicatorSet: set.id, templateVersion: TEMPLATE_VERSION, formulas: "portable", sheets: [sheet], names: [] }, () => "rename", fake.supports);
  return fake;
}

describe("the set a workbook records", () => {
  it("a workbook without templates keeps the default set", async () => {
    const fake = new FakeExcel();
    const sets = new SetChoice(runner(fake), new MemoryStorage());
    const read = await sets.readWorkbook();
    expect(read.problems.some((p) => p.code === "not-a-template")).toBe(true);
    expect(sets.set).toBe(defaultIndicatorSet);
    expect(defaultIndicatorSet).toBe(dtiProvince2022);
  });

  it("a built-in id recorded: the workbook is read again with that built-in set, and nothing is stored", async () => {
    const fake = await template(dtiProvince2020);
    const storage = new MemoryStorage();
    const sets = new SetChoice(runner(fake), storage);
    const read = await sets.readWorkbook();
    expect(sets.set).toBe(dtiProvince2020);
    expect(read.problems.filter((p) => p.severity === "fatal")).toEqual([]);
    expect(read.problems.some((p) => p.code === "other-set")).toBe(false);
    expect(sets.sheetSet).toBeNull();
    expect(storage.items.size).toBe(0);
    expect(sets.note).toBe("");
  });

  it("a set the add-in does not ship: read from the workbook's own sheet 'Bộ chỉ số', stored for the functions, Excel recalculated", async () => {
    const district = districtSet();
    const fake = await template(district);
    const storage = new MemoryStorage();
    const sets = new SetChoice(runner(fake), storage);
    const recalculations = fake.recalculations.length;
    const read = await sets.readWorkbook();
    expect(sets.set).toEqual(district);
    expect(sets.sheetSet).toBe(sets.set);
    expect(sets.problems).toEqual([]);
    expect(read.problems.filter((p) => p.severity === "fatal")).toEqual([]);
    expect(storage.items.get(setKey(district.id))).toBe(encodeSet(district));
    expect(sets.stored).toMatchObject({ id: district.id, set: district });
    expect(sets.note).toBe(t("setShared", { id: district.id }));
    expect(fake.recalculations.length).toBe(recalculations + 1);
    // Offered by the insert tab after the built-in sets.
    expect(sets.choices().map((s) => s.id)).toEqual([dtiProvince2022.id, dtiProvince2020.id, district.id]);
    // Read once: a second reading uses the set already read, and stores nothing again.
    sets.note = "";
    await sets.readWorkbook();
    expect(sets.note).toBe("");
  });

  it("the same set already stored: nothing written, nothing to decide", async () => {
    const district = districtSet();
    const fake = await template(district);
    const storage = new MemoryStorage();
    await rememberSet(storage, district);
    const before = new Map(storage.items);
    const sets = new SetChoice(runner(fake), storage);
    await sets.readWorkbook();
    expect(storage.items).toEqual(before);
    expect(sets.consent).toBeNull();
    expect(sets.note).toBe("");
  });

  it("without OfficeRuntime.storage the set is used by the pane and nothing is stored", async () => {
    const district = districtSet();
    const sets = new SetChoice(runner(await template(district)));
    await sets.readWorkbook();
    expect(sets.set).toEqual(district);
    expect(sets.note).toBe("");
    expect(sets.stored).toBeNull();
  });
});

describe("the sheet 'Bộ chỉ số' read on request (insert tab)", () => {
  it("an edited copy of a built-in set that kept the built-in id is refused; the set in use is unchanged", async () => {
    const edited: IndicatorSet = { ...dtiProvince2022, name: `${dtiProvince2022.name} (sửa)` };
    const sets = new SetChoice(runner(await setSheetOnly(edited)), new MemoryStorage());
    const got = await sets.loadSheet();
    expect(got).toEqual({ selected: false, status: t("setInvalid", { n: 1 }) });
    expect(sets.problems).toEqual([t("setRenameBuiltIn", { id: dtiProvince2022.id })]);
    expect(sets.set).toBe(dtiProvince2022);
    expect(sets.sheetSet).toBeNull();
    expect(sets.choices()).toHaveLength(2);
  });

  it("an unchanged copy of a built-in set is that built-in set, and is not offered twice", async () => {
    const sets = new SetChoice(runner(await setSheetOnly(dtiProvince2020)), new MemoryStorage());
    const got = await sets.loadSheet();
    expect(got).toEqual({ selected: true, status: t("setIsBuiltIn", { id: dtiProvince2020.id }) });
    expect(sets.set).toBe(dtiProvince2020);
    expect(sets.sheetSet).toBeNull();
    expect(sets.choices()).toHaveLength(2);
  });

  it("a province's own set is selected, offered and stored", async () => {
    const district = districtSet();
    const storage = new MemoryStorage();
    const sets = new SetChoice(runner(await setSheetOnly(district)), storage);
    const got = await sets.loadSheet();
    expect(got).toEqual({ selected: true, status: `${t("setLoaded", { id: district.id, n: district.indicators.length })}${t("setShared", { id: district.id })}` });
    expect(sets.set).toEqual(district);
    expect(sets.sheetSet).toBe(sets.set);
    expect(storage.items.has(setKey(district.id))).toBe(true);
    sets.select(dtiProvince2020.id);
    expect(sets.set).toBe(dtiProvince2020);
    sets.select(district.id);
    expect(sets.set).toBe(sets.sheetSet);
    sets.select("no-such-set");
    expect(sets.set).toBe(defaultIndicatorSet);
  });
});

describe("a different set of the same id stored on this computer", () => {
  /** The same id as another workbook stored it: its name changed. */
  const theirs = (set: IndicatorSet): IndicatorSet => ({ ...set, name: `${set.name} (của sổ khác)` });

  async function opened(): Promise<{ district: IndicatorSet; storage: MemoryStorage; sets: SetChoice; before: Map<string, string>; fake: FakeExcel }> {
    const district = districtSet();
    const storage = new MemoryStorage();
    await rememberSet(storage, theirs(district), { now: () => new Date("2025-01-01T00:00:00Z") });
    const before = new Map(storage.items);
    const fake = await template(district);
    const sets = new SetChoice(runner(fake), storage);
    await sets.readWorkbook();
    return { district, storage, sets, before, fake };
  }

  it("is shown, not replaced: the workbook's set is used by the pane, the user decides", async () => {
    const { district, storage, sets, before } = await opened();
    expect(storage.items).toEqual(before);
    expect(sets.set).toEqual(district);
    expect(sets.note).toBe(t("setDiffers", { id: district.id }));
    expect(sets.stored).toMatchObject({ id: district.id, set: theirs(district), storedAt: "2025-01-01T00:00:00.000Z", fingerprint: await fingerprint(encodeSet(theirs(district))) });
    expect(sets.consent).toMatchObject({ set: district, fingerprint: await fingerprint(encodeSet(district)), stored: sets.stored });
    expect(sets.consent?.diff?.fields).toEqual(["name"]);
  });

  it("kept: the stored set stays, nothing to decide any more", async () => {
    const { district, storage, sets, before } = await opened();
    const consent = sets.consent;
    if (!consent) throw new Error("no consent asked");
    expect(sets.keepStored(consent)).toBe(t("setKept", { id: district.id }));
    expect(sets.consent).toBeNull();
    expect(storage.items).toEqual(before);
  });

  it("replaced once the user agrees, and Excel recalculates", async () => {
    const { district, storage, sets, fake } = await opened();
    const consent = sets.consent;
    if (!consent) throw new Error("no consent asked");
    const recalculations = fake.recalculations.length;
    expect(await sets.replaceStored(consent)).toBe(t("setReplaced", { id: district.id }).trim());
    expect(storage.items.get(setKey(district.id))).toBe(encodeSet(district));
    expect(sets.consent).toBeNull();
    expect(fake.recalculations.length).toBe(recalculations + 1);
  });

  it("not replaced when a third copy was stored meanwhile: the user is asked again", async () => {
    const { district, storage, sets } = await opened();
    const consent = sets.consent;
    if (!consent) throw new Error("no consent asked");
    const third: IndicatorSet = { ...district, name: `${district.name} (bản thứ ba)` };
    storage.items.set(setKey(district.id), encodeSet(third));
    expect(await sets.replaceStored(consent)).toBe(t("setChangedMeanwhile", { id: district.id }));
    expect(storage.items.get(setKey(district.id))).toBe(encodeSet(third));
    expect(sets.consent?.stored.set).toEqual(third);
  });
});
