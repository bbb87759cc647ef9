/**
 * Keys that come from input — unit names, indicator ids, variable letters, set ids, agency
 * names, general-information items, option labels — are data, never property names.
 *
 * On a plain object, `values["constructor"]` is Object's constructor when nothing was typed
 * for a variable named `constructor`, and `values["__proto__"] = row` replaces the object's
 * prototype instead of storing the row (the key then vanishes without a word). These helpers
 * read and write own properties only, so such keys behave exactly like "a" or "3.1".
 *
 * `Object.hasOwn` is ES2022 and missing from the older Office web views the add-in runs in;
 * `Object.prototype.hasOwnProperty.call` is the same check everywhere.
 */

const ownProperty = Object.prototype.hasOwnProperty;

/** Whether `key` is an own property of `obj` (never one inherited from Object.prototype). */
export function hasOwn(obj: object, key: PropertyKey): boolean {
  return ownProperty.call(obj, key);
}

/** The value stored under `key` in `record`, or undefined: inherited properties are not values. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return record !== undefined && record !== null && ownProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Stores `value` under `key` as an own, enumerable property, whatever the key: unlike
 * `record[key] = value`, "__proto__" is stored as data and does not replace the prototype.
 */
export function putOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
