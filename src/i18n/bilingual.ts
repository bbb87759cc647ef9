/**
 * The catalog's { vi, en } form from two tables of renderers, one per language. The texts of
 * the engine and of the DTI.* functions are written as two tables (./engine-texts.ts and
 * ./engine-texts-en.ts, ./function-texts.ts and ./function-texts-en.ts) so that the custom
 * functions, which Excel shows only in Vietnamese, load the Vietnamese table alone; the types
 * make a code missing from either table a compile error.
 */
export function bilingual<T extends object>(vi: T, en: T): { readonly [K in keyof T]: { readonly vi: T[K]; readonly en: T[K] } } {
  const out = {} as { [K in keyof T]: { readonly vi: T[K]; readonly en: T[K] } };
  for (const code of Object.keys(vi) as (keyof T)[]) out[code] = { vi: vi[code], en: en[code] };
  return out;
}
