/**
 * The merge's result with its messages rendered by the one catalog (./findings.ts), for the
 * CLI, the pane and the .xlsx adapter. Apart from ./findings.ts because it loads the merge
 * core, which the custom functions must not.
 */
import type { MergeConflict, MergeMessage, MergeResult, MergeReview, MergeWrite, NameRef, Said } from "../layout/merge";
import { replacedMessage, shownValue } from "../layout/merge";
import type { CellContent } from "../layout/model";
import { cellEn, cellVi, nameEn, nameVi, sayBoth } from "./findings";

/** A name of the master with its indicator or general item: "DTI_3_1_a (chỉ số 3.1)". */
export function nameText(n: NameRef): Said {
  return { vi: nameVi(n), en: nameEn(n) };
}

/** A value as the merge reports show it ("(trống)" for an empty cell). */
export function showValue(value: CellContent | undefined): Said {
  const v = shownValue(value);
  return { vi: cellVi(v), en: cellEn(v) };
}

/** One line per replaced master value: "label, ô X: old → new (từ file)". */
export function replacedText(w: MergeWrite): Said {
  return sayBoth(replacedMessage(w));
}

type Texted<T extends { readonly text: MergeMessage }> = Omit<T, "text"> & { readonly text: Said };

/** A merge result with every message in both languages (names and values stay data on the writes). */
export type MergeResultText = Omit<MergeResult, "skipped" | "notes" | "missing" | "outside" | "links" | "failed" | "duplicates" | "formulas" | "cleared" | "conflicts"> & {
  readonly [K in "skipped" | "notes" | "missing" | "outside" | "links" | "failed" | "duplicates"]: readonly Said[];
} & {
  readonly formulas: readonly Texted<MergeReview>[];
  readonly cleared: readonly Texted<MergeReview>[];
  readonly conflicts: readonly Texted<MergeConflict>[];
};

/** The merge's result as the CLI prints it and the pane shows it. */
export function mergeWithText(r: MergeResult): MergeResultText {
  const texted = <T extends { readonly text: MergeMessage }>(x: T): Texted<T> => ({ ...x, text: sayBoth(x.text) });
  return {
    ...r,
    skipped: r.skipped.map(sayBoth),
    notes: r.notes.map(sayBoth),
    missing: r.missing.map(sayBoth),
    outside: r.outside.map(sayBoth),
    links: r.links.map(sayBoth),
    failed: r.failed.map(sayBoth),
    duplicates: r.duplicates.map(sayBoth),
    formulas: r.formulas.map(texted),
    cleared: r.cleared.map(texted),
    conflicts: r.conflicts.map(texted),
  };
}
