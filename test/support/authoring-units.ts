/**
 * The fixture set of the quoted texts (test/fixtures/sets/authoring-examples.json) and units
 * that reach every branch of its rules: each step of the meetings' tiers, counts below and
 * above their caps, each case of the best-of winning, a group's cap binding and not.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";
import type { UnitInput } from "../../src/engine/types";

export const authoringFile = path.resolve(__dirname, "../fixtures/sets/authoring-examples.json");

export function authoringSet(): IndicatorSet {
  const parsed = parseIndicatorSet(JSON.parse(readFileSync(authoringFile, "utf8")), authoringFile);
  if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
  return parsed.set;
}

/** Choices as 1-based option positions ("Có" = 1, "Không" = 2). */
export const authoringUnits: readonly UnitInput[] = [
  { name: "Huyện A", values: { "1.1": { n: 4 }, "1.2": { a: 80, b: 100, n: 3 }, "1.3": { a: 35, b: 100, d: 4 }, "1.4": { k: 1, p: 2, s: 3 } } },
  { name: "Huyện B", values: { "1.1": { n: 3 }, "1.2": { a: 80, b: 100, n: 9 }, "1.3": { a: 35, b: 100, d: 8 }, "1.4": { k: 1, p: 4, s: 6 } } },
  { name: "Huyện C", values: { "1.1": { n: 2 }, "1.2": { a: 1, b: 3, n: 0 }, "1.3": { a: 5, b: 100, d: 0 }, "1.4": { k: 2, p: 7, s: 0 } } },
  { name: "Huyện D", values: { "1.1": { n: 1 }, "1.2": { a: 0, b: 0, n: 12 }, "1.3": { a: 60, b: 100, d: 15 }, "1.4": { k: 2, p: 0, s: 0 } } },
  { name: "Huyện E", values: { "1.1": { n: 0 }, "1.2": { a: 80, b: 100 }, "1.3": { a: 60, b: 100 }, "1.4": { k: 1, p: 1 } } },
  { name: "Trống", values: {} },
];
