/**
 * The task pane's "Tách & gộp" tab: split the open workbook into one .xlsx file per
 * responsible agency (as `dti split` does), and merge the files agencies send back into the
 * open workbook (as `dti merge` classifies them, src/layout/merge.ts), with a preview first
 * and nothing overwritten unless the user ticks so. A formula typed into a part's input cell
 * (its computed value) and a value an agency cleared are written only when ticked too.
 *
 * The .xlsx side (exceljs and the layout writer, src/xlsx/parts.ts) is loaded with a dynamic
 * import(): a separate chunk fetched only when split or merge is used. Workbook access goes
 * through the Office.js adapters with the pane's request runner; text from cells and files
 * goes into the page only as text (./dom.ts).
 */
import { getIndicatorSet, type IndicatorSet } from "../catalog";
import { say as sayFinding, sayBoth } from "../i18n/findings";
import { lang, t } from "../i18n/strings";
import { buildWorkbookLayout } from "../layout/build";
import { logTime, MERGE_LOG_SHEET, mergeLogRows } from "../layout/merge-log";
import { appendMergeLog } from "../office/merge-log";
import type { MergeMaster, MergePartInput, MergeResult, MergeText, ReadCell } from "../layout/merge";
import { splitByAgency, type AgencyPart } from "../layout/split";
import { readTemplate } from "../office/read-template";
import { toNamedCell } from "../office/read-unit";
import { writeNamedValues } from "../office/write-values";
import type { PaneHost } from "./host";
import { el } from "./dom";
import { names } from "../layout/names";
import { isTaskSheetName, readMasterTasks, tasksUnnamed, unassignedMessage, type TaskMessage } from "../layout/part-tasks";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** What the tab needs of the pane around it. */
export interface SplitMergeHost extends PaneHost {
  /** The indicator set of the open workbook. */
  set(): IndicatorSet;
  /** `Excel.createWorkbook` (ExcelApi 1.8) where the host has it. */
  readonly createWorkbook?: (base64: string) => Promise<void>;
}

interface SplitFile {
  readonly part: AgencyPart;
  readonly placed: number;
  /** Tasks it carries (its agency leads them in the workbook's Nhiệm vụ). */
  readonly tasks: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly url: string;
}

interface MergePreview {
  readonly result: MergeResult;
  /** Nothing needs a person's eyes (mergeIssueCount, as the CLI's exit code). */
  readonly clean: boolean;
  /** The merge core's wording and choice of writes (from the chunk, loaded by then). */
  readonly core: Pick<XlsxChunk, "replacedText" | "acceptedWrites">;
  /** Ticked: overwrite different values; write formulas' values; clear what agencies cleared. */
  confirm: boolean;
  acceptFormulas: boolean;
  acceptCleared: boolean;
  /** The workbook's reporting period, as its DTI_PERIOD holds it ("" when none): for the merge log. */
  readonly period: string;
  /** Set once written: the summary lines. */
  done?: readonly string[];
}

const say = (s: MergeText): string => sayBoth(s)[lang()];

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The .xlsx chunk: exceljs, the layout writer and the merge core, fetched on first use. */
const loadXlsx = () => import(/* webpackChunkName: "xlsx" */ "../xlsx/parts");
type XlsxChunk = Awaited<ReturnType<typeof loadXlsx>>;

export class SplitMergeTab {
  private deselected = new Set<string>();
  /** Ticked: parts of another reporting period than the workbook's are merged too (noted). */
  private acceptPeriod = false;
  /** The parts last chosen, read again when the tick above changes. */
  private chosen: readonly File[] = [];
  private files: readonly SplitFile[] = [];
  /** What the last split said about the workbook's tasks. */
  private taskNotes: readonly TaskMessage[] = [];
  private preview: MergePreview | null = null;

  constructor(private readonly host: SplitMergeHost) {}

  /** A set id as the workbook records it: the pane's set, or a built-in one. */
  private resolveSet = (id: string): IndicatorSet | undefined => (id === this.host.set().id ? this.host.set() : getIndicatorSet(id));

  /**
   * The open workbook as the merge core sees a master (2 round trips), with its names of task
   * rows (its Nhiệm vụ, however many rows: they travel with the parts), or why it cannot be one.
   */
  private async readMaster(xlsx: XlsxChunk): Promise<(MergeMaster & { readonly taskNames: readonly string[] }) | { readonly problem: string }> {
    const set = this.host.set();
    const wanted = [...buildWorkbookLayout(set).names.filter((n) => n.kind !== "task").map((n) => n.name), names.partAgency, names.partMaster];
    const got = await this.host.run((context) => readTemplate(context, wanted, isTaskSheetName));
    // Where each cell is, for the preview's "old → new" lines (the names collection says).
    const read: ReadCell = (name) => {
      const ref = got.refs.get(name);
      const at = ref === undefined ? undefined : xlsx.locationOf(ref);
      return { ...toNamedCell(got.values.get(name)), ...(at ?? {}) };
    };
    const meta = xlsx.templateMetaOf(got.fileName, read, got.formulasCell, this.resolveSet);
    if ("error" in meta) return { problem: say(meta.error) };
    if (meta.agency !== undefined) return { problem: t("splitIsPart", { agency: meta.agency, master: meta.master ?? "?" }) };
    return { set: meta.set, version: meta.version, formulas: meta.formulas, name: got.fileName, read, taskNames: got.matched };
  }

  private async load(): Promise<XlsxChunk> {
    this.host.progress(t("splitLoading"));
    return loadXlsx();
  }

  // ------------------------------------------------------------------ split

  private async split(): Promise<void> {
    await this.host.task(t("splitReading"), async () => {
      const xlsx = await this.load();
      const master = await this.readMaster(xlsx);
      if ("problem" in master) return master.problem;
      const plan = splitByAgency(master.set);
      const chosen = plan.parts.filter((p) => !this.deselected.has(p.agency));
      if (chosen.length === 0) return t("splitNothing");
      // What split says about the tasks: a master made before task names, tasks in no part.
      const masterTasks = readMasterTasks(master.read, master.taskNames);
      const left = unassignedMessage(masterTasks, plan.parts);
      this.taskNotes = [...(tasksUnnamed(master.taskNames) ? [{ code: "split-tasks-unnamed" as const, file: master.name }] : []), ...(left ? [left] : [])];
      for (const f of this.files) URL.revokeObjectURL(f.url);
      this.files = [];
      const files: SplitFile[] = [];
      for (const [n, part] of chosen.entries()) {
        this.host.progress(t("splitProgress", { n: n + 1, total: chosen.length, file: part.fileName }));
        const built = await xlsx.buildPartWorkbook(master.set, part, master.name, master.formulas, master.read, masterTasks);
        const bytes = await xlsx.partBytes(built);
        files.push({ part, placed: built.placed.length, tasks: built.tasks, bytes, url: URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE })) });
      }
      this.files = files;
      return t("splitDone", { n: files.length });
    });
  }

  private async open(file: SplitFile): Promise<void> {
    const create = this.host.createWorkbook;
    if (!create) return;
    await this.host.task(t("working"), async () => {
      await create(toBase64(file.bytes));
      return t("splitOpened", { file: file.part.fileName });
    });
  }

  private fileItem(file: SplitFile, n: number): HTMLLIElement {
    const p = file.part;
    const what = [
      p.indicators.length ? t("splitLeads", { n: p.indicators.length }) : t("splitLeadsNone"),
      p.ownInfoItems.length ? t("splitOwnInfo", { list: p.ownInfoItems.join(", ") }) : "",
      file.placed ? t("splitPrefilled", { n: file.placed }) : "",
      file.tasks ? sayFinding({ code: "split-part-tasks", count: file.tasks }, lang()) : "",
    ].filter(Boolean);
    const li = el("li", undefined, { "data-agency": p.agency });
    const link = el("a", p.fileName, { href: file.url, download: p.fileName, "data-testid": `split-download-${n}`, class: "pane-link" });
    link.setAttribute("aria-label", `${t("splitDownload")} ${p.fileName} (${p.agency})`);
    li.appendChild(link);
    li.appendChild(el("span", ` ${t("splitFileLine", { agency: p.agency, what: what.join("; ") })}`));
    if (this.host.createWorkbook) {
      const open = this.host.button(t("splitOpen"), `split-open-${n}`, () => void this.open(file));
      open.setAttribute("aria-label", `${t("splitOpen")}: ${p.fileName}`);
      li.appendChild(open);
    }
    return li;
  }

  private splitView(panel: HTMLElement, set: IndicatorSet): void {
    panel.appendChild(el("h2", t("splitTitle")));
    panel.appendChild(el("p", t("splitHint"), { class: "pane-hint" }));
    const plan = splitByAgency(set);
    const agencies = el("fieldset", undefined, { "data-testid": "split-agencies" });
    agencies.appendChild(el("legend", t("splitAgencies")));
    plan.parts.forEach((p, n) => {
      agencies.appendChild(
        this.host.check(`${p.agency} (${p.fileName})`, `split-agency-${n}`, !this.deselected.has(p.agency), (on) => {
          if (on) this.deselected.delete(p.agency);
          else this.deselected.add(p.agency);
          this.host.render();
        }),
      );
    });
    panel.appendChild(agencies);
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.host.button(t("splitAll"), "split-all", () => ((this.deselected = new Set()), this.host.render())));
    buttons.appendChild(this.host.button(t("splitNone"), "split-none", () => ((this.deselected = new Set(plan.parts.map((p) => p.agency))), this.host.render())));
    const run = this.host.button(t("splitRun"), "split-run", () => void this.split(), true);
    run.disabled = this.host.busy() || plan.parts.every((p) => this.deselected.has(p.agency));
    buttons.appendChild(run);
    panel.appendChild(buttons);
    if (plan.unassigned.length) panel.appendChild(el("p", t("splitUnassigned", { list: plan.unassigned.join(", ") }), { class: "pane-hint" }));
    if (this.files.length) {
      panel.appendChild(el("h3", t("splitFiles")));
      const list = el("ul", undefined, { class: "pane-files", "data-testid": "split-files" });
      this.files.forEach((f, n) => list.appendChild(this.fileItem(f, n)));
      panel.appendChild(list);
      this.section(panel, "", "split-task-notes", this.taskNotes.map((m) => sayFinding(m, lang())));
    }
  }

  // ------------------------------------------------------------------ merge

  private async readFiles(files: readonly File[]): Promise<void> {
    this.preview = null;
    this.chosen = files;
    if (files.length === 0) return;
    await this.host.task(t("mergeReadingBook"), async () => {
      const xlsx = await this.load();
      const master = await this.readMaster(xlsx);
      if ("problem" in master) return master.problem;
      const parts: MergePartInput[] = [];
      for (const [n, file] of files.entries()) {
        this.host.progress(t("mergeReading", { n: n + 1, total: files.length, file: file.name }));
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          parts.push({ file: file.name, opened: { error: { vi: `${file.name}: không đọc được tệp (${why}).`, en: `${file.name}: the file cannot be read (${why}).` } } });
          continue;
        }
        parts.push(await xlsx.openPartBytes(bytes, file.name, this.resolveSet));
      }
      const now = new Date();
      const today = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
      const result = xlsx.mergeParts({ ...master, acceptPeriod: this.acceptPeriod, today }, parts);
      const periodCell = master.read(names.period);
      this.preview = {
        period: periodCell.kind === "value" && typeof periodCell.value === "string" ? periodCell.value : "",
        result,
        clean: result.used > 0 && xlsx.mergeIssueCount(result) === 0,
        core: { replacedText: xlsx.replacedText, acceptedWrites: xlsx.acceptedWrites },
        confirm: false,
        acceptFormulas: false,
        acceptCleared: false,
      };
      return result.used ? t("mergeUsed", { used: result.used, given: result.given }) : t("mergeNothing");
    });
  }

  private async write(): Promise<void> {
    const preview = this.preview;
    if (!preview) return;
    const { result } = preview;
    // Values the workbook already holds need no write; a different one, a formula's value or
    // a clearing only when ticked (the core decides, as for the CLI).
    const writes = preview.core.acceptedWrites(result, { overwrite: preview.confirm, formulas: preview.acceptFormulas, cleared: preview.acceptCleared });
    const all = preview.core.acceptedWrites(result, { overwrite: true, formulas: true, cleared: true });
    const kept = preview.confirm ? 0 : all.filter((w) => w.overwrites).length;
    const formulasKept = preview.acceptFormulas ? 0 : all.filter((w) => w.needs === "formula").length;
    const clearedKept = preview.acceptCleared ? 0 : all.filter((w) => w.needs === "cleared").length;
    await this.host.task(t("mergeWriting", { n: writes.length }), async () => {
      const { r, logged } = await this.host.run(async (context) => {
        // Each write only while the cell holds what the preview showed.
        const r = await writeNamedValues(
          context,
          writes.map((w) => ({ name: w.name, value: w.value as string | number | boolean | null, expected: (w.current ?? null) as string | number | boolean | null })),
        );
        // Nhật ký gộp: what was written, old and new, as dti merge logs it.
        const written = new Set(r.written);
        const logged = await appendMergeLog(context, mergeLogRows(writes.filter((w) => written.has(w.name)), logTime(new Date()), preview.period));
        return { r, logged };
      });
      const lines = [t("mergeDone", { n: r.written.length })];
      if (logged) lines.push(t("mergeLogged", { n: logged, sheet: MERGE_LOG_SHEET }));
      if (kept) lines.push(t("mergeKept", { n: kept }));
      if (formulasKept) lines.push(t("mergeFormulasKept", { n: formulasKept }));
      if (clearedKept) lines.push(t("mergeClearedKept", { n: clearedKept }));
      if (r.changed.length) lines.push(t("mergeChanged", { n: r.changed.length, list: r.changed.join(", ") }));
      if (r.missing.length) lines.push(t("mergeGone", { n: r.missing.length, list: r.missing.join(", ") }));
      if (r.formulas.length) lines.push(t("mergeFormulaNow", { n: r.formulas.length, list: r.formulas.join(", ") }));
      preview.done = lines;
      return lines[0] as string;
    });
  }

  /** A heading (if any) and a list of lines, or nothing when there are none. */
  private section(panel: HTMLElement, title: string, testid: string, lines: readonly string[]): void {
    if (lines.length === 0) return;
    const box = el("div", undefined, { "data-testid": testid });
    if (title) box.appendChild(el("h4", title));
    const list = el("ul", undefined, { class: "pane-findings" });
    for (const line of lines) list.appendChild(el("li", line));
    box.appendChild(list);
    panel.appendChild(box);
  }

  /** Formulas or cleared values: each listed, with a tick to write those that can be. */
  private review(box: HTMLElement, kind: "formulas" | "cleared", items: MergeResult["formulas"], preview: MergePreview): void {
    if (items.length === 0) return;
    const section = el("div", undefined, { "data-testid": `merge-${kind}` });
    section.appendChild(el("h4", t(kind === "formulas" ? "mergeFormulas" : "mergeCleared", { n: items.length })));
    const list = el("ul", undefined, { class: "pane-findings" });
    for (const item of items) list.appendChild(el("li", say(item.text), { "data-name": item.name }));
    section.appendChild(list);
    const acceptable = items.filter((i) => i.acceptable).length;
    if (acceptable && !preview.done) {
      const ticked = kind === "formulas" ? preview.acceptFormulas : preview.acceptCleared;
      section.appendChild(
        this.host.check(t(kind === "formulas" ? "mergeFormulasAccept" : "mergeClearedAccept", { n: acceptable }), `merge-accept-${kind}`, ticked, (on) => {
          if (kind === "formulas") preview.acceptFormulas = on;
          else preview.acceptCleared = on;
          this.host.render();
        }),
      );
    }
    box.appendChild(section);
  }

  private mergeView(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("mergeTitle")));
    panel.appendChild(el("p", t("mergeHint"), { class: "pane-hint" }));
    const label = el("label", `${t("mergeFiles")} `, { class: "pane-choice", for: "merge-files" });
    const input = el("input", undefined, { type: "file", id: "merge-files", multiple: "", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "data-testid": "merge-files" });
    input.disabled = this.host.busy();
    input.addEventListener("change", () => void this.readFiles(Array.from(input.files ?? [])));
    label.appendChild(input);
    panel.appendChild(label);
    panel.appendChild(
      this.host.check(t("mergeAcceptPeriod"), "merge-accept-period", this.acceptPeriod, (on) => {
        this.acceptPeriod = on;
        if (this.chosen.length) void this.readFiles(this.chosen);
        else this.host.render();
      }),
    );

    const preview = this.preview;
    if (!preview) return;
    const r = preview.result;
    const box = el("div", undefined, { class: "pane-preview", "data-testid": "merge-preview" });
    box.appendChild(el("h3", preview.done ? t("mergeSummaryTitle") : t("mergePreviewTitle")));
    if (preview.done) this.section(box, "", "merge-summary", preview.done);
    box.appendChild(el("p", t("mergeUsed", { used: r.used, given: r.given }), { "data-testid": "merge-used" }));
    const plain = r.writes.filter((w) => w.current === undefined && w.needs === undefined);
    const overwrites = r.writes.filter((w) => w.overwrites);
    const same = r.writes.filter((w) => w.current !== undefined && !w.overwrites && w.needs === undefined).length;
    if (!preview.done) {
      box.appendChild(el("p", t("mergeWillWrite", { n: plain.length }), { "data-testid": "merge-count" }));
      if (same) box.appendChild(el("p", t("mergeSame", { n: same }), { class: "pane-hint" }));
    }
    if (overwrites.length) {
      const over = el("div", undefined, { "data-testid": "merge-overwrites" });
      over.appendChild(el("h4", t("mergeOverwriteTitle", { n: overwrites.length })));
      const list = el("ul", undefined, { class: "pane-findings" });
      // Old → new with the name and cell, the CLI's wording.
      for (const w of overwrites) list.appendChild(el("li", say(preview.core.replacedText(w)), { "data-name": w.name }));
      over.appendChild(list);
      if (!preview.done) {
        over.appendChild(
          this.host.check(t("mergeOverwriteConfirm", { n: overwrites.length }), "merge-confirm", preview.confirm, (on) => {
            preview.confirm = on;
            this.host.render();
          }),
        );
      }
      box.appendChild(over);
    }
    this.review(box, "formulas", r.formulas, preview);
    this.review(box, "cleared", r.cleared, preview);
    this.section(box, t("mergeDuplicates", { n: r.duplicates.length }), "merge-duplicates", r.duplicates.map(say));
    this.section(box, t("mergeConflicts", { n: r.conflicts.length }), "merge-conflicts", r.conflicts.map((c) => say(c.text)));
    this.section(box, t("mergeSkipped", { n: r.skipped.length }), "merge-skipped", r.skipped.map(say));
    this.section(box, t("mergeMissing", { n: r.missing.length }), "merge-missing", r.missing.map(say));
    this.section(box, t("mergeOutside", { n: r.outside.length }), "merge-outside", r.outside.map(say));
    this.section(box, t("mergeLinks", { n: r.links.length }), "merge-links", r.links.map(say));
    this.section(box, t("mergeFailed", { n: r.failed.length }), "merge-failed", r.failed.map(say));
    this.section(box, t("mergeNotes"), "merge-notes", r.notes.map(say));
    if (preview.clean) {
      box.appendChild(el("p", t("mergeClean"), { class: "pane-hint" }));
    }
    if (!preview.done) {
      const go = this.host.button(t("mergeGo"), "merge-go", () => void this.write(), true);
      const accept = { overwrite: preview.confirm, formulas: preview.acceptFormulas, cleared: preview.acceptCleared };
      go.disabled = this.host.busy() || preview.core.acceptedWrites(r, accept).length === 0;
      const buttons = el("div", undefined, { class: "pane-buttons" });
      buttons.appendChild(go);
      box.appendChild(buttons);
    }
    panel.appendChild(box);
  }

  render(panel: HTMLElement): void {
    this.splitView(panel, this.host.set());
    this.mergeView(panel);
  }
}
