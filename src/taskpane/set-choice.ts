/**
 * Which indicator set the open workbook uses, and handing a set the add-in does not ship to
 * the DTI.* functions. No DOM: the pane's tabs show what this decides (./set-views.ts), and
 * test/taskpane/set-choice.test.ts runs it on the fake Excel host without a browser.
 *
 * - A workbook records its set's id in its DTI_META sheet. The pane reads with the default
 *   set first; a workbook of another built-in set is read again with that set.
 * - A recorded id the add-in does not ship is read from the workbook's own sheet "Bộ chỉ số"
 *   (a province's own set), which must carry that very id.
 * - A set read from the sheet with a built-in id is used only when it is that built-in set,
 *   unchanged: an edited copy that kept the built-in id is refused, so one id never means
 *   two sets.
 * - A set that is not built in is stored for the DTI.* functions (../catalog/set-storage.ts),
 *   but a different set stored under the same id (another workbook's) is never replaced
 *   without the user's consent: `consent` then holds both and how they differ.
 */
import { defaultIndicatorSet, indicatorSets, isBuiltInSet, registeredCopy, type IndicatorSet } from "../catalog";
import type { SetDiff } from "../catalog/diff";
import { encodeSet, fingerprint, rememberSet, type SetStorage, type StoredSet } from "../catalog/set-storage";
import { t } from "../i18n/strings";
import { names } from "../layout/names";
import type { ReadResult } from "../layout/read-inputs";
import { readIndicatorSetSheet } from "../office/read-set-sheet";
import { readUnit } from "../office/read-unit";
import type { ExcelRunner } from "./host";

/** A different set of the same id is stored: the workbook's set waits for the user's decision. */
export interface SetConsent {
  readonly set: IndicatorSet;
  readonly fingerprint: string;
  readonly stored: StoredSet;
  readonly diff: SetDiff | null;
}

export class SetChoice {
  /** The indicator set of the open workbook (as its DTI_META sheet records), or the one chosen to insert. */
  set: IndicatorSet = defaultIndicatorSet;
  /** The set read from the workbook's sheet "Bộ chỉ số" (a province's own set), once read. */
  sheetSet: IndicatorSet | null = null;
  /** Why the sheet "Bộ chỉ số" could not be used, each naming its cell. */
  problems: readonly string[] = [];
  /** The stored set the DTI.* functions use for the current set's id on this computer, once looked at. */
  stored: StoredSet | null = null;
  /** A different set of the same id is stored: the workbook's set waits for the user's decision. */
  consent: SetConsent | null = null;
  /** A sentence a step inside a task adds to the task's final status line (the shell takes it). */
  note = "";

  constructor(
    private readonly run: ExcelRunner,
    /** OfficeRuntime.storage where the host has it; without it nothing is stored. */
    private readonly storage?: SetStorage,
  ) {}

  /** The sets the insert tab offers: the built-in ones, then the one read from the sheet. */
  choices(): readonly IndicatorSet[] {
    const sheet = this.sheetSet;
    // Never a built-in set: those are selected as themselves (readSheetSet).
    return sheet ? [...indicatorSets, sheet] : indicatorSets;
  }

  /** The insert tab's choice of set, by id (the default set for an id not offered). */
  select(id: string): void {
    this.set = this.choices().find((x) => x.id === id) ?? defaultIndicatorSet;
  }

  /**
   * Reads the workbook by name (2 round trips). A workbook made from another built-in set
   * (its DTI_META sheet says which) is read again with that set.
   */
  async readWorkbook(): Promise<ReadResult> {
    const first = await this.run((context) => readUnit(context, this.set, "Sổ làm việc"));
    if (!first.problems.some((p) => p.code === "other-set")) return first;
    const recorded = first.cells?.get(names.metaSet);
    const id = recorded?.kind === "value" && typeof recorded.value === "string" ? recorded.value : "";
    const other = indicatorSets.find((x) => x.id === id) ?? (id ? await this.setFromSheet(id) : undefined);
    if (!other) return first;
    this.set = other;
    return this.run((context) => readUnit(context, other, "Sổ làm việc"));
  }

  /**
   * Reads the sheet "Bộ chỉ số" (2 round trips). A copy of a built-in set that was edited but
   * kept the built-in id is refused, so one id never means two sets.
   */
  private async readSheetSet(): Promise<{ set: IndicatorSet } | { problems: readonly string[] }> {
    const parsed = await this.run((context) => readIndicatorSetSheet(context));
    if ("errors" in parsed) return { problems: parsed.errors };
    // The pane registers nothing: the sets registered here are the built-in ones.
    const registered = registeredCopy(parsed.set);
    if (registered === "taken") return { problems: [t("setRenameBuiltIn", { id: parsed.set.id })] };
    return { set: registered ?? parsed.set };
  }

  /** The set a workbook records but the add-in does not ship: from the workbook's sheet "Bộ chỉ số". */
  private async setFromSheet(id: string): Promise<IndicatorSet | undefined> {
    if (this.sheetSet?.id === id) return this.sheetSet;
    const got = await this.readSheetSet();
    if ("problems" in got) {
      this.problems = got.problems;
      return undefined;
    }
    if (got.set.id !== id) {
      this.problems = [t("setOtherId", { recorded: id, found: got.set.id })];
      return undefined;
    }
    this.sheetSet = got.set;
    this.problems = [];
    this.note += await this.share(got.set);
    return got.set;
  }

  /**
   * The insert tab's button: read the sheet, offer and select its set. `selected` says whether
   * the current set changed (the insert preview is then stale); `status` is the status line.
   */
  async loadSheet(): Promise<{ readonly selected: boolean; readonly status: string }> {
    const got = await this.readSheetSet();
    if ("problems" in got) {
      this.problems = got.problems;
      return { selected: false, status: t("setInvalid", { n: got.problems.length }) };
    }
    this.problems = [];
    this.set = got.set;
    if (isBuiltInSet(got.set.id)) return { selected: true, status: t("setIsBuiltIn", { id: got.set.id }) };
    this.sheetSet = got.set;
    return { selected: true, status: `${t("setLoaded", { id: got.set.id, n: got.set.indicators.length })}${await this.share(got.set)}` };
  }

  /**
   * Stores a set that is not built in for the DTI.* functions and, when the stored copy changed,
   * recalculates so cells that could not compute yet pick it up. A different set stored under
   * the same id (another workbook's) is never replaced here: the user is shown how the two
   * differ and decides (`consent`); `replace` is the fingerprint of the stored copy they
   * agreed to replace. Returns a sentence for the status line ("" when nothing changed); never
   * fails the task it runs in.
   */
  async share(set: IndicatorSet, replace?: string): Promise<string> {
    if (!this.storage || isBuiltInSet(set.id)) return "";
    try {
      const r = await rememberSet(this.storage, set, replace === undefined ? {} : { replace });
      if (r.kind === "built-in") return "";
      this.stored = r.stored;
      if (r.kind === "same") {
        this.consent = null;
        return "";
      }
      if (r.kind === "differs") {
        this.consent = { set, fingerprint: await fingerprint(encodeSet(set)), stored: r.stored, diff: r.diff };
        return replace === undefined ? t("setDiffers", { id: set.id }) : ` ${t("setChangedMeanwhile", { id: set.id })}`;
      }
      this.consent = null;
      await this.run(async (context) => {
        context.workbook.application.calculate("Full" as Excel.CalculationType);
        await context.sync();
      });
      return t(r.kind === "replaced" ? "setReplaced" : "setShared", { id: set.id });
    } catch (e) {
      return t("setShareFailed", { why: e instanceof Error ? e.message : String(e) });
    }
  }

  /** The user agreed to replace the stored copy they were shown: the status line. */
  async replaceStored(consent: SetConsent): Promise<string> {
    return (await this.share(consent.set, consent.stored.fingerprint)).trim();
  }

  /** The user keeps the stored copy: the status line. */
  keepStored(consent: SetConsent): string {
    this.consent = null;
    return t("setKept", { id: consent.set.id });
  }
}
