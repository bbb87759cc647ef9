/** What the set-storage tests share: an in-memory OfficeRuntime.storage, and a set the add-in does not ship. */
import fs from "fs";
import path from "path";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";
import type { SetStorage } from "../../src/catalog/set-storage";

/** OfficeRuntime.storage in memory; `reads` counts getItem calls (one read per recalculation). */
export class MemoryStorage implements SetStorage {
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

/** The district example set (test/fixtures/sets/district-example.json), as the loader reads it. */
export function districtSet(): IndicatorSet {
  const file = path.resolve(__dirname, "../fixtures/sets/district-example.json");
  const parsed = parseIndicatorSet(JSON.parse(fs.readFileSync(file, "utf-8")), file);
  if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
  return parsed.set;
}
