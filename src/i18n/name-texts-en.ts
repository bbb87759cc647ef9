/**
 * What is wrong with a defined name (../layout/name-scope.ts `NameTrouble`), in English, paired
 * with the Vietnamese table the layout keeps beside the type (`NAME_TROUBLE_VI`: the CLI's
 * refusals are written in layers that may not import this one). The catalog (./findings.ts)
 * renders the reader's "broken-name" and "ambiguous-name" findings with `nameTrouble`.
 */
import { NAME_TROUBLE_VI, type NameTrouble, type NameTroubleKind, type NameTroubleTable, type LocalDefinition } from "../layout/name-scope";
import { bilingual } from "./bilingual";
import type { Lang } from "./strings";

const localsEn = (locals: readonly LocalDefinition[]): string => locals.map((d) => `sheet "${d.sheet}" (${d.ref})`).join("; ");

export const NAME_TROUBLE_EN: NameTroubleTable = {
  range: (t) => `the name ${t.name} points to a range of several cells ${t.ref}, not one cell; Excel's formulas do not use the range's first cell as one input cell`,
  duplicate: (t) => `the name ${t.name} is defined ${t.refs.length} times for the whole workbook (${t.refs.join("; ")}); which definition Excel uses is unclear`,
  "sheet-twin": (t) =>
    `besides the workbook-level name ${t.name} (${t.ref}) there is a name ${t.name} of ${localsEn(t.locals)} only; formulas on that sheet use the cell of the sheet's name, formulas on other sheets the cell of the workbook's name`,
  "sheet-only": (t) =>
    `the name ${t.name} exists only for ${localsEn(t.locals)}, not for the whole workbook as the template made it; formulas on other sheets do not see it`,
  "bad-ref": (t) => `the name ${t.name} points to "${t.ref}", which is not a cell`,
  "missing-sheet": (t) => `the name ${t.name} points to sheet "${t.sheet}", which is no longer in the workbook`,
};

/** Every kind of name trouble with its Vietnamese and English text. */
export const NAME_TROUBLE_TEXTS: { readonly [K in NameTroubleKind]: { readonly vi: NameTroubleTable[K]; readonly en: NameTroubleTable[K] } } = bilingual(NAME_TROUBLE_VI, NAME_TROUBLE_EN);

/** What is wrong with a name, in `lang` (a clause, lower-case, no full stop). */
export function nameTrouble(t: NameTrouble, lang: Lang): string {
  return (NAME_TROUBLE_TEXTS[t.kind][lang] as (t: NameTrouble) => string)(t);
}
