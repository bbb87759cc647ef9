/** The workbook setting that makes Excel open the task pane with the workbook. */
import { AUTO_OPEN_SETTING, autoOpenFor, type DocumentSettings } from "../../src/office/auto-open";

class FakeSettings implements DocumentSettings {
  readonly values = new Map<string, unknown>();
  saved: Map<string, unknown> | null = null;
  fail = false;
  get(name: string): unknown {
    return this.values.get(name) ?? null;
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
  remove(name: string): void {
    this.values.delete(name);
  }
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } | null }) => void): void {
    if (this.fail) {
      callback?.({ status: "failed", error: { message: "Tài liệu chỉ đọc." } });
      return;
    }
    this.saved = new Map(this.values);
    callback?.({ status: "succeeded" });
  }
}

describe("autoOpenFor", () => {
  it("is absent where the host has no document settings", () => {
    expect(autoOpenFor(undefined)).toBeUndefined();
  });

  it("turns the reserved setting on and off, and saves it into the workbook each time", async () => {
    const settings = new FakeSettings();
    const auto = autoOpenFor(settings);
    expect(auto?.isOn()).toBe(false);
    await auto?.set(true);
    expect(settings.saved?.get(AUTO_OPEN_SETTING)).toBe(true);
    expect(auto?.isOn()).toBe(true);
    await auto?.set(false);
    expect(settings.saved?.has(AUTO_OPEN_SETTING)).toBe(false);
    expect(auto?.isOn()).toBe(false);
  });

  it("a failed save is an error with Office's message", async () => {
    const settings = new FakeSettings();
    settings.fail = true;
    await expect(autoOpenFor(settings)?.set(true)).rejects.toThrow("Tài liệu chỉ đọc.");
  });
});
