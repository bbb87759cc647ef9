/**
 * The task pane: insert the templates, validate the figures, compute pillar totals and the
 * DTI index, and see one agency's share, in Vietnamese first with English one click away.
 *
 * All Excel access goes through the Office.js adapters (src/office) with a request context
 * supplied by `run`; all scoring through the engine. No Office global is touched here, so
 * the same code runs against the fake Excel host in the browser tests.
 */
import { dtiProvince2022, indicatorSets, isBuiltInSet, registeredCopy, type IndicatorSet } from "../catalog";
import { ninhThuan2022TaskList } from "../catalog/tasks/ninh-thuan-2022";
import { scoreUnits } from "../engine/score";
import type { UnitResult } from "../engine/types";
import { findingText } from "../i18n/findings";
import { lang, num, setLang, t, type StringKey } from "../i18n/strings";
import { buildWorkbookLayout, VISIBLE_ROLES } from "../layout/build";
import type { SheetRole, WorkbookLayout } from "../layout/model";
import { names } from "../layout/names";
import { planInsert, type ConflictChoice } from "../layout/plan";
import type { ReadResult } from "../layout/read-inputs";
import { agencyNames, agencySummary, summarize, type ComputeSummary } from "../layout/summary";
import { validateWorkbook, type Finding, type ValidationReport } from "../layout/validate";
import type { AutoOpen } from "../office/auto-open";
import { clearMarks, markCells } from "../office/marks";
import { setOption } from "../office/options";
import { readIndicatorSetSheet } from "../office/read-set-sheet";
import { readUnit } from "../office/read-unit";
import type { SetDiff } from "../catalog/diff";
import { fingerprint, rememberSet, type SetStorage, type StoredSet } from "../functions/set-store";
import { selectName } from "../office/select";
import { WriteLayoutError, writeLayout, type Supports } from "../office/write-layout";
import { clear, el, svg } from "./dom";
import { SplitMergeTab } from "./split-merge";

/** Runs a batch against the workbook (Excel.run in the add-in; a fake host in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The set a workbook without templates gets, and the one read first. */
const DEFAULT_SET = dtiProvince2022;
type Tab = "insert" | "validate" | "compute" | "agency" | "split";
const TABS: readonly { id: Tab; label: StringKey }[] = [
  { id: "insert", label: "tabInsert" },
  { id: "validate", label: "tabValidate" },
  { id: "compute", label: "tabCompute" },
  { id: "agency", label: "tabAgency" },
  { id: "split", label: "tabSplit" },
];

const ROLE_LABELS: Record<SheetRole, string> = {
  info: "Thông tin chung",
  indicators: "Chỉ số DTI",
  summary: "Tổng hợp",
  assignment: "Phân công",
  tasks: "Nhiệm vụ",
  set: "Bộ chỉ số",
  lists: "Danh mục",
  meta: "DTI_META",
};

const SEVERITY_KEY: Record<Finding["severity"], StringKey> = { error: "severityError", warning: "severityWarning", info: "severityInfo" };

/** A readable line for anything Excel or an adapter reports. */
export function describeError(error: unknown): string {
  if (error instanceof WriteLayoutError) return error.message;
  const e = error as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const where = e.debugInfo?.errorLocation ? ` (${e.debugInfo.errorLocation})` : "";
  return `${t("excelError")}${where}: ${e.message ?? String(error)}${e.code ? ` [${e.code}]` : ""}`;
}

interface State {
  tab: Tab;
  /** The indicator set of the open workbook (as its DTI_META sheet records), or the one chosen to insert. */
  set: IndicatorSet;
  read: ReadResult | null;
  result: UnitResult | null;
  report: ValidationReport | null;
  summary: ComputeSummary | null;
  group: "pillar" | "agency";
  agency: string;
  busy: boolean;
  status: string;
  // insert
  roles: Set<SheetRole>;
  formulas: "portable" | "functions";
  sampleTasks: boolean;
  protect: boolean;
  layout: WorkbookLayout | null;
  existing: readonly string[] | null;
  choices: Map<string, ConflictChoice>;
  insertLines: readonly string[];
  noTemplate: boolean;
  /** The set read from the workbook's sheet "Bộ chỉ số" (a province's own set), once read. */
  sheetSet: IndicatorSet | null;
  /** Why the sheet "Bộ chỉ số" could not be used, each naming its cell. */
  setProblems: readonly string[];
  /** The user's choice for "open the pane with this workbook"; null: the default (on for DTI.* formulas of a set not built in). */
  autoOpen: boolean | null;
  /** The stored set the DTI.* functions use for the current set's id on this computer, once looked at. */
  storedSet: StoredSet | null;
  /** A different set of the same id is stored: the workbook's set waits for the user's decision. */
  setConsent: { readonly set: IndicatorSet; readonly fingerprint: string; readonly stored: StoredSet; readonly diff: SetDiff | null } | null;
}

export class PaneApp {
  private readonly state: State = {
    tab: "validate",
    set: DEFAULT_SET,
    read: null,
    result: null,
    report: null,
    summary: null,
    group: "pillar",
    agency: "",
    busy: false,
    status: "",
    roles: new Set(VISIBLE_ROLES),
    formulas: "portable",
    sampleTasks: false,
    protect: true,
    layout: null,
    existing: null,
    choices: new Map(),
    insertLines: [],
    noTemplate: false,
    sheetSet: null,
    setProblems: [],
    autoOpen: null,
    storedSet: null,
    setConsent: null,
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly run: ExcelRunner,
    private readonly supports: Supports,
    /** `Excel.createWorkbook` (ExcelApi 1.8) where the host has it: split parts open in Excel. */
    private readonly createWorkbook?: (base64: string) => Promise<void>,
    /**
     * OfficeRuntime.storage where the host has it: a set that is not built in is stored there
     * for the DTI.* functions, which run in another runtime (src/functions/set-store.ts).
     */
    private readonly storage?: SetStorage,
    /** The workbook setting that opens this pane with the workbook, where the host has document settings. */
    private readonly autoOpen?: AutoOpen,
  ) {}

  /** A sentence a step inside a task adds to the task's final status line. */
  private note = "";

  private readonly splitMerge = new SplitMergeTab({
    run: (batch) => this.run(batch),
    set: () => this.state.set,
    busy: () => this.state.busy,
    task: (message, work) => this.task(message, work),
    progress: (message) => {
      this.state.status = message;
      this.render();
    },
    render: () => this.render(),
    button: (text, testid, onClick, primary) => this.button(text, testid, onClick, primary),
    check: (text, testid, checked, onChange) => this.check(text, testid, checked, onChange),
    ...(this.createWorkbook ? { createWorkbook: this.createWorkbook } : {}),
  });

  /** First look at the workbook: is there a template to work with? */
  async start(): Promise<void> {
    this.render();
    await this.task(t("validateReading"), async () => {
      const read = await this.readWorkbook();
      const fatal = read.problems.find((p) => p.severity === "fatal");
      if (fatal?.code === "not-a-template") {
        this.state.noTemplate = true;
        this.state.tab = "insert";
        return "";
      }
      this.state.read = read;
      return t("connected");
    });
  }

  // ------------------------------------------------------------------ plumbing

  private async task(message: string, work: () => Promise<string>): Promise<void> {
    this.state.busy = true;
    this.state.status = message;
    this.render();
    try {
      this.state.status = await work();
      if (this.note) this.state.status += this.note;
    } catch (e) {
      this.state.status = describeError(e);
    } finally {
      this.note = "";
      this.state.busy = false;
      this.render();
    }
  }

  private button(text: string, testid: string, onClick: () => void, primary = false): HTMLButtonElement {
    const b = el("button", text, { type: "button", class: primary ? "pane-button pane-primary" : "pane-button", "data-testid": testid });
    b.disabled = this.state.busy;
    b.addEventListener("click", onClick);
    return b;
  }

  private check(text: string, testid: string, checked: boolean, onChange: (on: boolean) => void): HTMLLabelElement {
    const label = el("label", undefined, { class: "pane-check" });
    const box = el("input", undefined, { type: "checkbox", "data-testid": testid });
    box.checked = checked;
    box.disabled = this.state.busy;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, document.createTextNode(` ${text}`));
    return label;
  }

  render(): void {
    const focused = (document.activeElement as HTMLElement | null)?.getAttribute("data-testid");
    clear(this.root);
    document.documentElement.lang = lang();
    document.title = t("title");

    const header = el("header", undefined, { class: "pane-header" });
    header.append(el("img", undefined, { class: "pane-logo", src: "assets/icon-32.png", width: "32", height: "32", alt: "" }), el("h1", t("title")));
    const toggle = el("button", t("langToggle"), { type: "button", class: "pane-lang", "data-testid": "lang-toggle", title: t("langToggleLabel"), lang: lang() === "vi" ? "en" : "vi" });
    toggle.addEventListener("click", () => {
      setLang(lang() === "vi" ? "en" : "vi");
      this.render();
    });
    header.appendChild(toggle);
    this.root.appendChild(header);

    const tabs = el("div", undefined, { role: "tablist", class: "pane-tabs", "aria-label": t("tabsLabel") });
    for (const tab of TABS) {
      const selected = this.state.tab === tab.id;
      const b = el("button", t(tab.label), {
        type: "button",
        role: "tab",
        id: `tab-${tab.id}`,
        "data-testid": `tab-${tab.id}`,
        "aria-selected": String(selected),
        "aria-controls": `panel-${tab.id}`,
        tabindex: selected ? "0" : "-1",
        class: "pane-tab",
      });
      b.addEventListener("click", () => this.go(tab.id));
      b.addEventListener("keydown", (ev) => this.tabKeys(ev, tab.id));
      tabs.appendChild(b);
    }
    this.root.appendChild(tabs);

    if (this.state.setConsent) this.root.appendChild(this.setConsentView(this.state.setConsent));
    const panel = el("section", undefined, { role: "tabpanel", id: `panel-${this.state.tab}`, "aria-labelledby": `tab-${this.state.tab}`, class: "pane-panel" });
    if (this.state.noTemplate && this.state.tab !== "insert") panel.appendChild(this.noTemplateView());
    else if (this.state.tab === "insert") this.insertView(panel);
    else if (this.state.tab === "validate") this.validateView(panel);
    else if (this.state.tab === "compute") this.computeView(panel);
    else if (this.state.tab === "split") this.splitMerge.render(panel);
    else this.agencyView(panel);
    this.root.appendChild(panel);

    const status = el("p", this.state.status, { class: this.state.busy ? "pane-status pane-busy" : "pane-status", role: "status", "aria-live": "polite", "data-testid": "pane-status" });
    this.root.setAttribute("aria-busy", String(this.state.busy));
    this.root.appendChild(status);
    if (focused) (this.root.querySelector(`[data-testid="${focused}"]`) as HTMLElement | null)?.focus();
  }

  private go(tab: Tab): void {
    this.state.tab = tab;
    this.render();
    (this.root.querySelector(`[data-testid="tab-${tab}"]`) as HTMLElement | null)?.focus();
  }

  /** Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern). */
  private tabKeys(ev: KeyboardEvent, current: Tab): void {
    const i = TABS.findIndex((x) => x.id === current);
    const n = TABS.length;
    const next = ev.key === "ArrowRight" ? (i + 1) % n : ev.key === "ArrowLeft" ? (i - 1 + n) % n : ev.key === "Home" ? 0 : ev.key === "End" ? n - 1 : -1;
    if (next < 0) return;
    ev.preventDefault();
    this.go((TABS[next] as { id: Tab }).id);
  }

  private noTemplateView(): HTMLElement {
    const box = el("div", undefined, { class: "pane-callout", "data-testid": "no-template" });
    box.appendChild(el("p", t("noTemplate")));
    box.appendChild(this.button(t("noTemplateInsert"), "no-template-insert", () => this.go("insert"), true));
    return box;
  }

  // ------------------------------------------------------------------ insert

  private currentLayout(): WorkbookLayout {
    return buildWorkbookLayout(this.state.set, {
      formulas: this.state.formulas,
      sheets: VISIBLE_ROLES.filter((r) => this.state.roles.has(r)),
      protect: this.state.protect,
      ...(this.state.sampleTasks ? { sampleTasks: ninhThuan2022TaskList } : {}),
      // A set read from this workbook's sheet "Bộ chỉ số" is carried by that sheet already.
      ...(this.state.set === this.state.sheetSet ? { embedSet: false } : {}),
    });
  }

  private invalidatePreview(): void {
    this.state.layout = null;
    this.state.existing = null;
    this.render();
  }

  private insertView(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("insertTitle")));
    if (this.state.noTemplate) panel.appendChild(this.noTemplateHint());
    panel.appendChild(el("p", t("insertHint"), { class: "pane-hint" }));
    // The built-in sets, and a province's own set once read from the sheet "Bộ chỉ số".
    const setLabel = el("label", `${t("insertSet")} `, { class: "pane-choice" });
    const setSelect = el("select", undefined, { "data-testid": "insert-set" });
    const choices = this.setChoices();
    for (const s of choices) {
      const where = isBuiltInSet(s.id) ? "" : ` — ${t("setInWorkbook")}`;
      setSelect.appendChild(el("option", `${s.name} (${s.id})${where}`, { value: s.id }));
    }
    setSelect.value = this.state.set.id;
    setSelect.disabled = this.state.busy;
    setSelect.addEventListener("change", () => {
      this.state.set = choices.find((x) => x.id === setSelect.value) ?? DEFAULT_SET;
      this.invalidatePreview();
    });
    setLabel.appendChild(setSelect);
    panel.appendChild(setLabel);
    panel.appendChild(el("p", t("setFromSheetHint"), { class: "pane-hint" }));
    panel.appendChild(this.button(t("setFromSheet"), "insert-read-set", () => void this.loadSheetSet()));
    this.storedSetView(panel);
    this.setProblemsView(panel);

    const sheets = el("fieldset");
    sheets.appendChild(el("legend", t("insertSheets")));
    for (const role of VISIBLE_ROLES) {
      sheets.appendChild(
        this.check(ROLE_LABELS[role], `insert-sheet-${role}`, this.state.roles.has(role), (on) => {
          if (on) this.state.roles.add(role);
          else this.state.roles.delete(role);
          this.invalidatePreview();
        }),
      );
    }
    panel.appendChild(sheets);

    const kind = el("fieldset");
    kind.appendChild(el("legend", t("insertFormulas")));
    for (const [value, key] of [["portable", "insertPortable"], ["functions", "insertFunctions"]] as const) {
      const label = el("label", undefined, { class: "pane-check" });
      const radio = el("input", undefined, { type: "radio", name: "formulas", value, "data-testid": `insert-formulas-${value}` });
      radio.checked = this.state.formulas === value;
      radio.disabled = this.state.busy;
      radio.addEventListener("change", () => {
        this.state.formulas = value;
        this.invalidatePreview();
      });
      label.append(radio, document.createTextNode(` ${t(key)}`));
      kind.appendChild(label);
    }
    panel.appendChild(kind);
    panel.appendChild(this.check(t("insertSampleTasks"), "insert-sample-tasks", this.state.sampleTasks, (on) => ((this.state.sampleTasks = on), this.invalidatePreview())));
    panel.appendChild(this.check(t("insertProtect"), "insert-protect", this.state.protect, (on) => ((this.state.protect = on), this.invalidatePreview())));
    if (this.offersAutoOpen()) {
      panel.appendChild(this.check(t("insertAutoOpen"), "insert-auto-open", this.wantsAutoOpen(), (on) => ((this.state.autoOpen = on), this.render())));
    }

    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.button(t("insertPreview"), "insert-preview", () => void this.preview()));
    const go = this.button(t("insertGo"), "insert-go", () => void this.insert(), true);
    go.disabled = this.state.busy || !this.state.layout || this.planNow()?.cancelled === true;
    buttons.appendChild(go);
    panel.appendChild(buttons);

    const plan = el("div", undefined, { class: "pane-preview", "data-testid": "insert-plan", "aria-live": "polite" });
    const current = this.planNow();
    const lines = current ? current.summary : this.state.insertLines;
    if (lines.length) {
      const list = el("ul");
      for (const line of lines) list.appendChild(el("li", line));
      plan.appendChild(list);
    }
    if (current && this.state.layout && this.state.existing) {
      for (const sheet of this.state.layout.sheets) {
        if (sheet.visibility !== "visible") continue;
        const taken = this.state.existing.find((n) => n.toLocaleLowerCase("vi") === sheet.name.toLocaleLowerCase("vi"));
        if (!taken) continue;
        const label = el("label", `"${taken}" ${t("insertTaken")}`, { class: "pane-choice" });
        const select = el("select", undefined, { "data-testid": "insert-choice", "data-sheet": taken });
        for (const [c, key] of [["rename", "choiceRename"], ["update", "choiceUpdate"], ["cancel", "choiceCancel"]] as const) {
          const option = el("option", t(key), { value: c });
          option.selected = (this.state.choices.get(taken) ?? "rename") === c;
          select.appendChild(option);
        }
        select.disabled = this.state.busy;
        select.addEventListener("change", () => {
          this.state.choices.set(taken, select.value as ConflictChoice);
          this.render();
        });
        label.appendChild(select);
        plan.appendChild(label);
      }
    }
    panel.appendChild(plan);
    panel.appendChild(el("p", "", { class: "visually-hidden", "data-testid": "insert-status" }));
  }

  private noTemplateHint(): HTMLElement {
    return el("p", t("noTemplate"), { class: "pane-callout", "data-testid": "no-template" });
  }

  private planNow() {
    if (!this.state.layout || !this.state.existing) return null;
    return planInsert(this.state.layout, this.state.existing, (name) => this.state.choices.get(name) ?? "rename");
  }

  private async preview(): Promise<void> {
    await this.task(t("insertReading"), async () => {
      const existing = await this.run(async (context) => {
        const ws = context.workbook.worksheets;
        ws.load("items/name");
        await context.sync();
        return ws.items.map((w) => w.name);
      });
      this.state.layout = this.currentLayout();
      this.state.existing = existing;
      this.state.choices.clear();
      this.state.insertLines = [];
      return t("insertCheck");
    });
  }

  private async insert(): Promise<void> {
    const layout = this.state.layout;
    if (!layout) return;
    const choices = new Map(this.state.choices);
    await this.task(t("insertWriting"), async () => {
      const result = await this.run((context) => writeLayout(context, layout, (name) => choices.get(name) ?? "rename", this.supports));
      this.state.layout = null;
      this.state.existing = null;
      if (result.plan.cancelled) {
        this.state.insertLines = [];
        return t("insertCancelled");
      }
      const lines = [...result.plan.summary];
      if (result.preserved.length) lines.push(t("insertKept", { n: result.preserved.length }));
      if (result.notPlaced.length) lines.push(t("insertNotPlaced", { list: result.notPlaced.join(", ") }));
      if (this.autoOpen && this.offersAutoOpen()) lines.push(await this.saveAutoOpen(this.wantsAutoOpen()));
      this.state.insertLines = lines;
      this.state.noTemplate = false;
      return t("insertDone");
    });
  }

  /** Only a set the add-in does not ship needs the pane before its DTI.* functions can score. */
  private offersAutoOpen(): boolean {
    return this.autoOpen !== undefined && !isBuiltInSet(this.state.set.id);
  }

  private wantsAutoOpen(): boolean {
    return this.state.autoOpen ?? (this.state.formulas === "functions" || this.autoOpen?.isOn() === true);
  }

  /** Saves the setting into the workbook; a line for the insert summary, never a failed insert. */
  private async saveAutoOpen(on: boolean): Promise<string> {
    try {
      await this.autoOpen?.set(on);
      return t(on ? "autoOpenOn" : "autoOpenOff");
    } catch (e) {
      return t("autoOpenFailed", { why: e instanceof Error ? e.message : String(e) });
    }
  }

  // ------------------------------------------------------------------ validate / compute

  /**
   * Reads the workbook by name (2 round trips). A workbook made from another built-in set
   * (its DTI_META sheet says which) is read again with that set.
   */
  private async readWorkbook(): Promise<ReadResult> {
    const first = await this.run((context) => readUnit(context, this.state.set, "Sổ làm việc"));
    if (!first.problems.some((p) => p.code === "other-set")) return first;
    const recorded = first.cells?.get(names.metaSet);
    const id = recorded?.kind === "value" && typeof recorded.value === "string" ? recorded.value : "";
    const other = indicatorSets.find((x) => x.id === id) ?? (id ? await this.setFromSheet(id) : undefined);
    if (!other) return first;
    this.state.set = other;
    return this.run((context) => readUnit(context, other, "Sổ làm việc"));
  }

  // ------------------------------------------------------------------ sets that are not built in

  /** The sets the insert tab offers: the built-in ones, then the one read from the sheet. */
  private setChoices(): readonly IndicatorSet[] {
    const sheet = this.state.sheetSet;
    // Never a built-in set: those are selected as themselves (readSheetSet).
    return sheet ? [...indicatorSets, sheet] : indicatorSets;
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
    if (this.state.sheetSet?.id === id) return this.state.sheetSet;
    const got = await this.readSheetSet();
    if ("problems" in got) {
      this.state.setProblems = got.problems;
      return undefined;
    }
    if (got.set.id !== id) {
      this.state.setProblems = [t("setOtherId", { recorded: id, found: got.set.id })];
      return undefined;
    }
    this.state.sheetSet = got.set;
    this.state.setProblems = [];
    this.note += await this.shareSet(got.set);
    return got.set;
  }

  /** The insert tab's button: read the sheet, offer and select its set. */
  private async loadSheetSet(): Promise<void> {
    await this.task(t("setReading"), async () => {
      const got = await this.readSheetSet();
      if ("problems" in got) {
        this.state.setProblems = got.problems;
        return t("setInvalid", { n: got.problems.length });
      }
      this.state.setProblems = [];
      this.state.set = got.set;
      this.state.layout = null;
      this.state.existing = null;
      if (isBuiltInSet(got.set.id)) return t("setIsBuiltIn", { id: got.set.id });
      this.state.sheetSet = got.set;
      return `${t("setLoaded", { id: got.set.id, n: got.set.indicators.length })}${await this.shareSet(got.set)}`;
    });
  }

  /**
   * Stores a set that is not built in for the DTI.* functions and, when the stored copy changed,
   * recalculates so cells that could not compute yet pick it up. A different set stored under
   * the same id (another workbook's) is never replaced here: the user is shown how the two
   * differ and decides (`setConsentView`); `replace` is the fingerprint of the stored copy they
   * agreed to replace. Returns a sentence for the status line ("" when nothing changed); never
   * fails the task it runs in.
   */
  private async shareSet(set: IndicatorSet, replace?: string): Promise<string> {
    if (!this.storage || isBuiltInSet(set.id)) return "";
    try {
      const r = await rememberSet(this.storage, set, replace === undefined ? {} : { replace });
      if (r.kind === "built-in") return "";
      this.state.storedSet = r.stored;
      if (r.kind === "same") {
        this.state.setConsent = null;
        return "";
      }
      if (r.kind === "differs") {
        this.state.setConsent = { set, fingerprint: await fingerprint(JSON.stringify(set)), stored: r.stored, diff: r.diff };
        return replace === undefined ? t("setDiffers", { id: set.id }) : ` ${t("setChangedMeanwhile", { id: set.id })}`;
      }
      this.state.setConsent = null;
      await this.run(async (context) => {
        context.workbook.application.calculate("Full" as Excel.CalculationType);
        await context.sync();
      });
      return t(r.kind === "replaced" ? "setReplaced" : "setShared", { id: set.id });
    } catch (e) {
      return t("setShareFailed", { why: e instanceof Error ? e.message : String(e) });
    }
  }

  /** When a stored set was stored, as the user reads dates. */
  private storedAt(stored: StoredSet): string {
    return stored.storedAt === null ? t("setStoredAtUnknown") : new Date(stored.storedAt).toLocaleString(lang() === "vi" ? "vi-VN" : "en-GB");
  }

  /** Which stored set the DTI.* functions use for the current set's id, once the pane has looked. */
  private storedSetView(panel: HTMLElement): void {
    const stored = this.state.storedSet;
    if (!stored || stored.id !== this.state.set.id || isBuiltInSet(stored.id)) return;
    panel.appendChild(this.storedSetLine(stored));
  }

  private storedSetLine(stored: StoredSet): HTMLParagraphElement {
    const values = { id: stored.id, name: stored.set?.name ?? "", at: this.storedAt(stored), fp: stored.fingerprint };
    return el("p", t(stored.set ? "setStoredLine" : "setStoredUnreadable", values), { class: "pane-hint", "data-testid": "set-stored" });
  }

  /** Up to 15 ids, then how many more. */
  private static list(ids: readonly (string | number)[]): string {
    const shown = ids.slice(0, 15).join(", ");
    return ids.length > 15 ? `${shown} … (+${ids.length - 15})` : shown;
  }

  /** How the stored set and the workbook's differ, one line per kind of change. */
  private diffLines(diff: SetDiff | null): string[] {
    if (diff === null) return [t("setDiffUnreadable")];
    const list = PaneApp.list;
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
  private setConsentView(consent: NonNullable<State["setConsent"]>): HTMLElement {
    const id = consent.set.id;
    const box = el("div", undefined, { class: "pane-callout", role: "alert", "data-testid": "set-consent" });
    box.appendChild(el("h3", t("setConsentTitle", { id })));
    box.appendChild(el("p", t("setConsentHint", { id })));
    box.appendChild(this.storedSetLine(consent.stored));
    box.appendChild(el("p", t("setIncomingLine", { name: consent.set.name, fp: consent.fingerprint }), { "data-testid": "set-incoming" }));
    const list = el("ul", undefined, { "data-testid": "set-diff" });
    for (const line of this.diffLines(consent.diff)) list.appendChild(el("li", line));
    box.appendChild(list);
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(
      this.button(t("setReplace"), "set-replace", () => {
        void this.task(t("working"), async () => (await this.shareSet(consent.set, consent.stored.fingerprint)).trim());
      }),
    );
    buttons.appendChild(
      this.button(t("setKeep"), "set-keep", () => {
        this.state.setConsent = null;
        this.state.status = t("setKept", { id });
        this.render();
      }),
    );
    box.appendChild(buttons);
    return box;
  }

  private setProblemsView(panel: HTMLElement): void {
    if (this.state.setProblems.length === 0) return;
    const box = el("div", undefined, { class: "pane-callout", "data-testid": "set-problems" });
    box.appendChild(el("h3", t("setProblemsTitle")));
    const list = el("ul");
    for (const p of this.state.setProblems) list.appendChild(el("li", p));
    box.appendChild(list);
    panel.appendChild(box);
  }

  /** Reads the workbook (2 round trips) and scores it. */
  private async readAndScore(): Promise<boolean> {
    const read = await this.readWorkbook();
    this.state.read = read;
    const set = this.state.set;
    const fatal = read.problems.find((p) => p.severity === "fatal");
    if (fatal) {
      this.state.noTemplate = fatal.code === "not-a-template";
      this.state.result = null;
      this.state.report = validateWorkbook(set, read, null);
      this.state.summary = null;
      return false;
    }
    const [result] = scoreUnits(set, [read.unit], read.options);
    this.state.result = result ?? null;
    this.state.report = validateWorkbook(set, read, this.state.result);
    this.state.summary = result ? summarize(set, result, read.options, read) : null;
    return true;
  }

  private async validate(): Promise<void> {
    await this.task(t("validateReading"), async () => {
      await this.readAndScore();
      const c = this.state.report?.totals;
      return c ? t("counts", { e: c.error, w: c.warning, i: c.info }) : "";
    });
  }

  private findingItem(f: Finding): HTMLLIElement {
    const li = el("li", undefined, { class: `pane-finding pane-${f.severity}`, "data-testid": "finding", "data-code": f.code, "data-severity": f.severity, "data-name": f.name ?? "" });
    li.appendChild(el("span", t(SEVERITY_KEY[f.severity]), { class: "pane-badge" }));
    li.appendChild(el("span", ` ${findingText(f, lang())}`));
    if (f.name) {
      const name = f.name;
      const go = el("button", t("goToCell"), { type: "button", class: "pane-link", "aria-label": `${t("goToCell")} ${name}` });
      go.addEventListener("click", () => {
        void this.run((context) => selectName(context, name)).then(
          (ok) => {
            if (!ok) {
              this.state.status = t("selectFailed", { name });
              this.render();
            }
          },
          (e: unknown) => {
            this.state.status = describeError(e);
            this.render();
          },
        );
      });
      li.appendChild(go);
    }
    return li;
  }

  private validateView(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("validateTitle")));
    panel.appendChild(el("p", t("validateHint"), { class: "pane-hint" }));
    this.setProblemsView(panel);
    this.storedSetView(panel);
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.button(t("validateRun"), "validate-run", () => void this.validate(), true));
    const report = this.state.report;
    const marks = report?.findings.filter((f) => f.name && f.severity !== "info") ?? [];
    const mark = this.button(t("validateMark"), "validate-mark", () => void this.mark(marks));
    mark.disabled = this.state.busy || marks.length === 0;
    buttons.append(mark, this.button(t("validateClear"), "validate-clear", () => void this.clearMarks()));
    panel.appendChild(buttons);

    const groupLabel = el("label", `${t("validateGroup")} `, { class: "pane-choice" });
    const group = el("select", undefined, { "data-testid": "validate-group" });
    for (const [value, key] of [["pillar", "groupPillar"], ["agency", "groupAgency"]] as const) {
      const option = el("option", t(key), { value });
      option.selected = this.state.group === value;
      group.appendChild(option);
    }
    group.addEventListener("change", () => {
      this.state.group = group.value === "agency" ? "agency" : "pillar";
      this.render();
    });
    groupLabel.appendChild(group);
    panel.appendChild(groupLabel);

    if (!report) return;
    const c = report.totals;
    panel.appendChild(el("p", t("counts", { e: c.error, w: c.warning, i: c.info }), { class: "pane-counts", "data-testid": "validate-counts" }));
    if (report.findings.length === 0) {
      panel.appendChild(el("p", t("noFindings")));
      return;
    }
    // Findings that belong to no pillar (template problems) come first.
    const general = report.findings.filter((f) => !f.pillar);
    if (general.length) {
      const list = el("ul", undefined, { class: "pane-findings" });
      for (const f of general) list.appendChild(this.findingItem(f));
      panel.appendChild(list);
    }
    const groups =
      this.state.group === "pillar"
        ? report.byPillar.map((g) => ({ title: `${g.pillar}. ${g.name}`, counts: g.counts, findings: g.findings.filter((f) => f.pillar) }))
        : report.byAgency.map((g) => ({ title: g.agency, counts: g.counts, findings: g.findings.filter((f) => f.pillar) }));
    for (const g of groups) {
      if (g.findings.length === 0) continue;
      const details = el("details", undefined, { class: "pane-group", open: "" });
      details.appendChild(el("summary", `${g.title} — ${t("counts", { e: g.counts.error, w: g.counts.warning, i: g.counts.info })}`));
      const list = el("ul", undefined, { class: "pane-findings" });
      for (const f of g.findings) list.appendChild(this.findingItem(f));
      details.appendChild(list);
      panel.appendChild(details);
    }
  }

  private async mark(findings: readonly Finding[]): Promise<void> {
    const marks = findings.map((f) => ({ name: f.name as string, message: findingText(f, "vi") }));
    await this.task(t("working"), async () => {
      const r = await this.run((context) => markCells(context, marks, this.supports));
      return t(r.notes ? "marked" : "markedFillOnly", { n: r.marked });
    });
  }

  private async clearMarks(): Promise<void> {
    await this.task(t("working"), async () => {
      const r = await this.run((context) => clearMarks(context, this.supports));
      return t("cleared", { n: r.restored });
    });
  }

  private async compute(): Promise<void> {
    await this.task(t("computeReading"), async () => {
      const ok = await this.readAndScore();
      if (!ok) return this.state.read?.problems.find((p) => p.severity === "fatal")?.code === "newer-template" ? t("newerTemplate") : t("noTemplate");
      return this.state.summary ? `${t("computeIndex")}: ${this.state.summary.indexDisplay}` : "";
    });
  }

  private async toggleAlt(on: boolean): Promise<void> {
    await this.task(t("computeReading"), async () => {
      await this.run((context) => setOption(context, names.optionAltThreshold, on));
      await this.readAndScore();
      return this.state.summary ? `${t("computeIndex")}: ${this.state.summary.indexDisplay}` : "";
    });
  }

  private computeView(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("computeTitle")));
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.button(t("computeRun"), "compute-run", () => void this.compute(), true));
    panel.appendChild(buttons);
    const s = this.state.summary;
    panel.appendChild(this.check(t("computeAlt"), "compute-alt", s?.altThreshold === true, (on) => void this.toggleAlt(on)));
    if (!s) return;
    panel.appendChild(el("p", s.altThreshold ? t("computeAltOn") : t("computeAltOff"), { class: "pane-hint" }));
    if (s.minMaxAsBest) panel.appendChild(el("p", t("computeMinMaxBest"), { class: "pane-hint" }));

    const table = el("table", undefined, { class: "pane-table", "data-testid": "compute-table" });
    const head = el("tr");
    for (const key of ["computePillar", "computeScore", "computeMax", "computePercent"] as const) head.appendChild(el("th", t(key), { scope: "col" }));
    table.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    for (const p of s.pillars) {
      const tr = el("tr", undefined, { "data-pillar": p.id });
      tr.appendChild(el("th", `${p.id}. ${p.name}`, { scope: "row" }));
      tr.appendChild(el("td", num(p.score)));
      tr.appendChild(el("td", String(p.maxPoints)));
      tr.appendChild(el("td", p.percent === null ? "–" : `${num(p.percent * 100, 1)}\u00a0%`));
      body.appendChild(tr);
    }
    table.appendChild(body);
    panel.appendChild(table);

    const totals = el("dl", undefined, { class: "pane-totals" });
    totals.append(el("dt", t("computeTotal")), el("dd", `${num(s.total)} / ${s.maxTotal}`, { "data-testid": "compute-total" }));
    totals.append(el("dt", t("computeIndex")), el("dd", s.indexDisplay, { "data-testid": "compute-index", class: "pane-index" }));
    panel.appendChild(totals);
    if (s.incomplete.length) panel.appendChild(el("p", t("computeIncomplete", { list: s.incomplete.join(", ") }), { class: "pane-hint" }));

    panel.appendChild(this.chart(s));

    const prev = el("div", undefined, { class: "pane-previous", "data-testid": "compute-previous" });
    prev.appendChild(el("h3", t("computePrevious")));
    if (s.previous?.index !== null && s.previous?.index !== undefined) {
      const delta = s.index - s.previous.index;
      prev.appendChild(el("p", t("computePreviousIndex", { prev: num(s.previous.index, 4), now: s.indexDisplay, delta: `${delta >= 0 ? "+" : ""}${num(delta, 4)}` })));
    } else prev.appendChild(el("p", t("computeNoPrevious"), { class: "pane-hint" }));
    const withPrev = s.pillars.filter((p) => p.previous !== null && p.previous !== undefined);
    if (withPrev.length) {
      const list = el("ul");
      for (const p of withPrev) {
        const d = p.score - (p.previous as number);
        list.appendChild(el("li", `${p.id}: ${num(p.previous as number)} → ${num(p.score)} (${d >= 0 ? "+" : ""}${num(d)})`));
      }
      prev.appendChild(list);
    }
    panel.appendChild(prev);

    const targets = el("div", undefined, { class: "pane-targets", "data-testid": "compute-targets" });
    targets.appendChild(el("h3", t("computeTargets")));
    const withTargets = s.indicators.filter((i) => i.target !== null && i.target !== undefined);
    if (withTargets.length === 0) targets.appendChild(el("p", t("computeNoTargets"), { class: "pane-hint" }));
    else {
      const list = el("ul");
      for (const i of withTargets) list.appendChild(el("li", t("computeTargetGap", { id: i.id, score: i.score === null ? "–" : num(i.score), target: num(i.target as number) })));
      targets.appendChild(list);
    }
    panel.appendChild(targets);
  }

  /** Horizontal bars of each pillar's points against its maximum, drawn as SVG. */
  private chart(s: ComputeSummary): SVGSVGElement {
    const rows = s.pillars.filter((p) => p.maxPoints > 0);
    const width = 280;
    const bar = 16;
    const gap = 8;
    const left = 40;
    const height = rows.length * (bar + gap) + gap;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": t("computeChart"), "data-testid": "compute-chart" });
    root.appendChild(svg("title", {}, t("computeChart")));
    const maxMax = Math.max(...rows.map((p) => p.maxPoints));
    rows.forEach((p, n) => {
      const y = gap + n * (bar + gap);
      const full = ((width - left - 40) * p.maxPoints) / maxMax;
      root.appendChild(svg("text", { x: 0, y: y + bar - 4, class: "pane-chart-label" }, p.id));
      root.appendChild(svg("rect", { x: left, y, width: full, height: bar, class: "pane-chart-max" }));
      root.appendChild(svg("rect", { x: left, y, width: (full * Math.min(p.score, p.maxPoints)) / p.maxPoints, height: bar, class: "pane-chart-score" }));
      root.appendChild(svg("text", { x: left + full + 4, y: y + bar - 4, class: "pane-chart-label" }, num(p.score, 1)));
    });
    return root;
  }

  // ------------------------------------------------------------------ agency

  private agencyView(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("agencyTitle")));
    const label = el("label", `${t("agencyPick")} `, { class: "pane-choice" });
    const select = el("select", undefined, { "data-testid": "agency-select" });
    const set = this.state.set;
    const all = agencyNames(set);
    if (!this.state.agency) this.state.agency = all[0] ?? "";
    for (const a of all) {
      const option = el("option", a, { value: a });
      option.selected = a === this.state.agency;
      select.appendChild(option);
    }
    select.addEventListener("change", () => {
      this.state.agency = select.value;
      this.render();
    });
    label.appendChild(select);
    panel.appendChild(label);
    if (!this.state.result || !this.state.report) {
      panel.appendChild(el("p", t("agencyNeedsData"), { class: "pane-hint" }));
      panel.appendChild(this.button(t("validateRun"), "agency-refresh", () => void this.validate(), true));
      return;
    }
    const a = agencySummary(set, this.state.result, this.state.report, this.state.agency);
    const percent = a.completion.total ? `${num((a.completion.scored / a.completion.total) * 100, 0)} %` : "–";
    panel.appendChild(el("p", t("agencyCompletion", { scored: a.completion.scored, total: a.completion.total, percent }), { "data-testid": "agency-completion" }));
    const list = el("ul", undefined, { "data-testid": "agency-indicators", class: "pane-findings" });
    for (const [role, items] of [["agencyLeads", a.leads], ["agencyCoordinates", a.coordinates]] as const) {
      for (const i of items) {
        const score = i.score === null ? "–" : num(i.score);
        list.appendChild(el("li", `${t(role)} · ${i.id} ${i.name}: ${score} / ${i.maxPoints}`, { "data-indicator": i.id }));
      }
    }
    panel.appendChild(list);
    const errors = el("div", undefined, { "data-testid": "agency-errors" });
    errors.appendChild(el("h3", t("agencyErrors")));
    if (a.openErrors.length === 0) errors.appendChild(el("p", t("agencyNoErrors")));
    else {
      const ul = el("ul", undefined, { class: "pane-findings" });
      for (const f of a.openErrors) ul.appendChild(this.findingItem(f));
      errors.appendChild(ul);
    }
    panel.appendChild(errors);
  }
}
