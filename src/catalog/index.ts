/**
 * The registry of indicator sets. A new set (a later year, or a province's own set for its
 * departments and districts) is a new data file: a JSON file under ./sets imported here and
 * checked by `parseIndicatorSet` at load, or a file given at run time (`--set file.json`,
 * ./load-file.ts), or a set registered with `registerIndicatorSet`.
 */
import { parseIndicatorSet } from "./load";
import { setFromFile, type Indicator, type IndicatorSet } from "./schema";
import { dtiProvince2022 as dtiProvince2022File } from "./sets/dti-province-2022";
import dtiProvince2020Data from "./sets/dti-province-2020.json";

export type * from "./schema";

/** A set shipped as JSON, checked against the schema when the module loads; invalid data is a build error. */
function shipped(data: unknown, file: string): IndicatorSet {
  const parsed = parseIndicatorSet(data, file);
  if ("errors" in parsed) throw new Error(`Bộ chỉ số ${file} không hợp lệ:\n${parsed.errors.join("\n")}`);
  return parsed.set;
}

/**
 * Bộ chỉ số cấp tỉnh năm 2022 (QĐ 922/QĐ-BTTTT). Written in TypeScript in the file form, so the
 * compiler checks it; the tags of the in-memory form are added here, as the loader adds them.
 */
export const dtiProvince2022: IndicatorSet = setFromFile(dtiProvince2022File);

/** Bộ chỉ số cấp tỉnh theo QĐ 1726/QĐ-BTTTT (2020), as Kế hoạch 3526/KH-UBND of Bến Tre lists it: tracked, not scored. */
export const dtiProvince2020: IndicatorSet = shipped(dtiProvince2020Data, "src/catalog/sets/dti-province-2020.json");

/** The sets shipped with the product; sets registered at run time are not among them. */
export const builtInIndicatorSets: readonly IndicatorSet[] = [dtiProvince2022, dtiProvince2020];

/**
 * Whether a set with this id ships with the product. A workbook made from any other set carries
 * the set in a sheet ("Bộ chỉ số"), so that it can be scored where the set file is not at hand.
 */
export function isBuiltInSet(id: string): boolean {
  return builtInIndicatorSets.some((set) => set.id === id);
}

const registry: IndicatorSet[] = [...builtInIndicatorSets];

/** Every indicator set the product knows, the default first. */
export const indicatorSets: readonly IndicatorSet[] = registry;

/** The set with this id, or undefined. */
export function getIndicatorSet(id: string): IndicatorSet | undefined {
  return indicatorSets.find((set) => set.id === id);
}

/**
 * Adds a set loaded at run time (a province's own set, already checked by `parseIndicatorSet`)
 * so that ids qualified by its id ("huyen-2023:2.1") resolve. Registering the same object again
 * is a no-op; another set with a registered id is refused.
 */
export function registerIndicatorSet(set: IndicatorSet): void {
  const existing = getIndicatorSet(set.id);
  if (existing === set) return;
  if (existing) throw new Error(`Đã có bộ chỉ số mã "${set.id}"; không thể đăng ký một bộ khác cùng mã.`);
  registry.push(set);
}

/**
 * A set read from a file or a sheet, against the registry: the registered set when it is the
 * same data (so one id is one object), undefined when its id is free, "taken" when a
 * registered set has the id with other content: one id never means two sets.
 */
export function registeredCopy(set: IndicatorSet): IndicatorSet | "taken" | undefined {
  const same = getIndicatorSet(set.id);
  if (!same) return undefined;
  return JSON.stringify(same) === JSON.stringify(set) ? same : "taken";
}

/** The indicator with this appendix id ("3.1", "5.12.1") in the set, or undefined. */
export function findIndicator(set: IndicatorSet, id: string): Indicator | undefined {
  return set.indicators.find((indicator) => indicator.id === id);
}

/**
 * The indicators counted in a pillar's total, in appendix order: those of the pillar
 * without a `parent` (5.12 is counted once, never 5.12.1–5.12.6 again; §5, §14).
 */
export function pillarIndicators(set: IndicatorSet, pillarId: string): readonly Indicator[] {
  return set.indicators.filter((indicator) => indicator.pillar === pillarId && indicator.parent === undefined);
}
