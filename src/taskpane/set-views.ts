/**
 * What the pane shows of the set choice (./set-choice.ts): the stored set the DTI.* functions
 * use, why the sheet "Bộ chỉ số" could not be used, and the decision the user owes before a
 * different stored set of the same id is replaced. Shown by the shell and the insert and
 * validate tabs.
 */
import { isBuiltInSet } from "../catalog";
import type { SetDiff } from "../catalog/diff";
import type { StoredSet } from "../catalog/set-storage";
import { lang, t, type StringKey } from "../i18n/strings";
import { el } from "./dom";
import type { PaneHost } from "./host";
import type { SetChoice, SetConsent } from "./set-choice";

/** When a stored set was stored, as the user reads dates. */
function storedAt(stored: StoredSet): string {
  return stored.storedAt === null ? t("setStoredAtUnknown") : new Date(stored.storedAt).toLocaleString(lang() === "vi" ? "vi-VN" : "en-GB");
}

function storedSetLine(stored: StoredSet): HTMLParagraphElement {
  const values = { id: stored.id, name: stored.set?.name ?? "", at: storedAt(stored), fp: stored.fingerprint };
  return el("p", t(stored.set ? "setStoredLine" : "setStoredUnreadable", values), { class: "pane-hint", "data-testid": "set-stored" });
}

/** Which stored set the DTI.* functions use for the current set's id, once the pane has looked. */
export function storedSetView(panel: HTMLElement, sets: SetChoice): void {
  const stored = sets.stored;
  if (!stored || stored.id !== sets.set.id || isBuiltInSet(stored.id)) return;
  panel.appendChild(storedSetLine(stored));
}

export function setProblemsView(panel: HTMLElement, sets: SetChoice): void {
  if (sets.problems.length === 0) return;
  const box = el("div", undefined, { class: "pane-callout", "data-testid": "set-problems" });
  box.appendChild(el("h3", t("setProblemsTitle")));
  const list = el("ul");
  for (const p of sets.problems) list.appendChild(el("li", p));
  box.appendChild(list);
  panel.appendChild(box);
}

/** Up to 15 ids, then how many more. */
function list(ids: readonly (string | number)[]): string {
  const shown = ids.slice(0, 15).join(", ");
  return ids.length > 15 ? `${shown} … (+${ids.length - 15})` : shown;
}

/** How the stored set and the workbook's differ, one line per kind of change. */
export function diffLines(diff: SetDiff | null): string[] {
  if (diff === null) return [t("setDiffUnreadable")];
  const lines: string[] = [];
  const fieldKeys: Record<string, StringKey> = { name: "setFieldName", source: "setFieldSource", year: "setFieldYear", maxTotal: "setFieldMaxTotal" };
  if (diff.fields.length) lines.push(t("setDiffFields", { list: diff.fields.map((f) => t(fieldKeys[f] as StringKey)).join(", ") }));
  if (diff.indicators.added.length) lines.push(t("setDiffAdded", { list: list(diff.indicators.added) }));
  if (diff.indicators.removed.length) lines.push(t("setDiffRemoved", { list: list(diff.indicators.removed) }));
  if (diff.indicators.rules.length) lines.push(t("setDiffRules", { list: list(diff.indicators.rules) }));
  if (diff.indicators.wording.length) lines.push(t("setDiffWording", { list: list(diff.indicators.wording) }));
  const changes = (c: { readonly added: readonly (string | number)[]; readonly removed: readonly (string | number)[]; readonly changed: readonly (string | number)[] }): string =>
    [
      c.added.length ? t("setDiffAdd", { list: list(c.added) }) : "",
      c.removed.length ? t("setDiffRemove", { list: list(c.removed) }) : "",
      c.changed.length ? t("setDiffChange", { list: list(c.changed) }) : "",
    ]
      .filter(Boolean)
      .join("; ");
  const pillars = changes(diff.pillars);
  if (pillars) lines.push(t("setDiffPillars", { list: pillars }));
  const info = changes(diff.infoItems);
  if (info) lines.push(t("setDiffInfo", { list: info }));
  if (lines.length === 0) lines.push(t("setDiffOther"));
  return lines;
}

/** The decision the user owes before a different stored set of the same id is replaced. */
export function setConsentView(host: PaneHost, sets: SetChoice, consent: SetConsent): HTMLElement {
  const id = consent.set.id;
  const box = el("div", undefined, { class: "pane-callout", role: "alert", "data-testid": "set-consent" });
  box.appendChild(el("h3", t("setConsentTitle", { id })));
  box.appendChild(el("p", t("setConsentHint", { id })));
  box.appendChild(storedSetLine(consent.stored));
  box.appendChild(el("p", t("setIncomingLine", { name: consent.set.name, fp: consent.fingerprint }), { "data-testid": "set-incoming" }));
  const diff = el("ul", undefined, { "data-testid": "set-diff" });
  for (const line of diffLines(consent.diff)) diff.appendChild(el("li", line));
  box.appendChild(diff);
  const buttons = el("div", undefined, { class: "pane-buttons" });
  buttons.appendChild(
    host.button(t("setReplace"), "set-replace", () => {
      void host.task(t("working"), () => sets.replaceStored(consent));
    }),
  );
  buttons.appendChild(host.button(t("setKeep"), "set-keep", () => host.say(sets.keepStored(consent))));
  box.appendChild(buttons);
  return box;
}
