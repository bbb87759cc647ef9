/**
 * Changing cells on protected sheets (src/office/protection.ts), on the fake Excel host:
 * unprotect, change, protect again with the same options in one batch; a password stops the
 * batch before anything changed; after a failure the protection is put back.
 */
import { FakeExcel, FakeExcelError } from "../fakes/excel";
import { isPasswordFailure, putProtectionBack, queueUnprotected, type SheetProtection } from "../../src/office/protection";

const OPTIONS = { allowFormatColumns: true, allowFormatRows: true };

function book(password?: string): FakeExcel {
  return new FakeExcel().seed({
    sheets: [
      { name: "Chỉ số", cells: { A1: { value: 1, locked: true } }, protection: { options: OPTIONS } },
      { name: "Bí mật", cells: { A1: { value: 2, locked: true } }, protection: { options: OPTIONS, ...(password ? { password } : {}) } },
    ],
  });
}

/** The sheets as an adapter loads them (1 round trip). */
async function loaded(fake: FakeExcel, names: readonly string[]): Promise<SheetProtection[]> {
  const worksheets = fake.context.workbook.worksheets;
  worksheets.load("items/name,items/protection/protected,items/protection/options");
  await fake.context.sync();
  return worksheets.items.filter((ws) => names.includes(ws.name)).map((ws) => ({ ws, options: ws.protection.options }));
}

const write = (fake: FakeExcel, sheet: string, value: number) => () => {
  fake.context.workbook.worksheets.getItem(sheet).getRange("A1").values = [[value]];
};

describe("queueUnprotected", () => {
  it("writes a locked cell and protects the sheet again with the options it had, in one round trip", async () => {
    const fake = book();
    const sheets = await loaded(fake, ["Chỉ số"]);
    fake.syncCount = 0;
    queueUnprotected(sheets, write(fake, "Chỉ số", 10));
    await fake.context.sync();
    expect(fake.syncCount).toBe(1);
    expect(fake.sheet("Chỉ số").value("A1")).toBe(10);
    expect(fake.sheet("Chỉ số").protection).toEqual({ protected: true, options: OPTIONS });
  });

  it("without unprotecting, the same write is refused (the sheet is protected and the cell locked)", async () => {
    const fake = book();
    write(fake, "Chỉ số", 10)();
    await expect(fake.context.sync()).rejects.toBeInstanceOf(FakeExcelError);
    expect(fake.sheet("Chỉ số").value("A1")).toBe(1);
  });

  it.each([
    ["the password sheet last", ["Chỉ số", "Bí mật"]],
    ["the password sheet first", ["Bí mật", "Chỉ số"]],
  ])("probing: a password on any sheet stops the batch before anything changed (%s)", async (_, order) => {
    const fake = book("pw");
    const all = await loaded(fake, order);
    const sheets = order.map((name) => all.find((s) => s.ws.name === name) as SheetProtection);
    const before = JSON.stringify(fake.snapshot());
    queueUnprotected(
      sheets,
      () => {
        write(fake, "Chỉ số", 10)();
        write(fake, "Bí mật", 20)();
      },
      { probe: true },
    );
    const error = await fake.context.sync().catch((e: unknown) => e);
    expect(isPasswordFailure(error)).toBe(true);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
  });
});

describe("putProtectionBack", () => {
  it("after a batch that failed between unprotecting and protecting: the sheet is protected again, with its options", async () => {
    const fake = book();
    const sheets = await loaded(fake, ["Chỉ số"]);
    queueUnprotected(sheets, () => {
      fake.context.workbook.worksheets.getItem("Không có").getRange("A1").values = [[1]];
    });
    const error = await fake.context.sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeExcelError);
    expect(isPasswordFailure(error)).toBe(false);
    expect(fake.sheet("Chỉ số").protection.protected).toBe(false);
    fake.syncCount = 0;
    await putProtectionBack(fake.context, sheets);
    expect(fake.sheet("Chỉ số").protection).toEqual({ protected: true, options: OPTIONS });
    expect(fake.syncCount).toBe(2);
  });

  it("a sheet still protected is left as it is, in one round trip; no sheets, no round trip", async () => {
    const fake = book();
    const sheets = await loaded(fake, ["Chỉ số"]);
    fake.syncCount = 0;
    await putProtectionBack(fake.context, sheets);
    expect(fake.syncCount).toBe(1);
    expect(fake.sheet("Chỉ số").protection).toEqual({ protected: true, options: OPTIONS });
    await putProtectionBack(fake.context, []);
    expect(fake.syncCount).toBe(1);
  });

  it("never throws: a sheet deleted meanwhile is skipped quietly", async () => {
    const fake = book();
    const sheets = await loaded(fake, ["Chỉ số"]);
    fake.context.workbook.worksheets.getItem("Chỉ số").delete();
    await fake.context.sync().catch(() => undefined);
    await expect(putProtectionBack(fake.context, sheets)).resolves.toBeUndefined();
  });
});

describe("isPasswordFailure", () => {
  it.each([
    [new FakeExcelError("BadPassword", "wrong password"), true],
    [{ code: "InvalidOperation", debugInfo: { errorLocation: "WorksheetProtection.unprotect" } }, true],
    [new FakeExcelError("InvalidOperation", "already protected", "WorksheetProtection.protect"), false],
    [new FakeExcelError("ItemNotFound", "no such sheet"), false],
    [new Error("network"), false],
    [undefined, false],
    ["BadPassword", false],
  ])("%p → %p", (error, expected) => {
    expect(isPasswordFailure(error)).toBe(expected);
  });
});
