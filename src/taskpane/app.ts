/**
 * The task pane: insert the templates, validate the figures, compute pillar totals and the
 * DTI index, see one agency's share, and split and merge agencies' files, in Vietnamese first
 * with English one click away.
 *
 * This is the shell: the header, the tab strip (the WAI-ARIA tabs pattern), the status line
 * and the busy flag, and the workbook as last read and scored, which the validate, compute and
 * agency tabs share. Each tab is its own module holding only its own state (./insert-tab.ts,
 * ./validate-tab.ts, ./compute-tab.ts, ./agency-tab.ts, ./split-merge.ts); which set the
 * workbook uses is decided without the DOM in ./set-choice.ts.
 *
 * All Excel access goes through the Office.js adapters (src/office) with a request context
 * supplied by `run`; all scoring through the engine. No Office global is touched here, so
 * the same code runs against the fake Excel host in the browser tests.
 */
import type { SetStorage } from "../catalog/set-storage";
import { scoreUnits } from "../engine/score";
import { lang, setLang, t, type StringKey } from "../i18n/strings";
import { summarize } from "../layout/summary";
import { validateWorkbook } from "../layout/validate";
import type { AutoOpen } from "../office/auto-open";
import type { Supports } from "../office/write-layout";
import { AgencyTab } from "./agency-tab";
import { ComputeTab } from "./compute-tab";
import { clear, el } from "./dom";
import { describeError, type ExcelRunner, type ScoredWorkbook, type ScoringHost } from "./host";
import { InsertTab } from "./insert-tab";
import { SetChoice } from "./set-choice";
import { setConsentView } from "./set-views";
import { SplitMergeTab } from "./split-merge";
import { ValidateTab } from "./validate-tab";

type Tab = "insert" | "validate" | "compute" | "agency" | "split";
const TABS: readonly { id: Tab; label: StringKey }[] = [
  { id: "insert", label: "tabInsert" },
  { id: "validate", label: "tabValidate" },
  { id: "compute", label: "tabCompute" },
  { id: "agency", label: "tabAgency" },
  { id: "split", label: "tabSplit" },
];

export class PaneApp {
  private tab: Tab = "validate";
  private busy = false;
  private status = "";
  /** The workbook holds no template: every tab but insert offers to insert one. */
  private noTemplate = false;
  private scored: ScoredWorkbook = { read: null, result: null, report: null, summary: null };

  /** What the tabs get of this shell. */
  private readonly host: ScoringHost;
  private readonly sets: SetChoice;
  private readonly insert: InsertTab;
  private readonly validate: ValidateTab;
  private readonly compute: ComputeTab;
  private readonly agency: AgencyTab;
  private readonly splitMerge: SplitMergeTab;

  constructor(
    private readonly root: HTMLElement,
    private readonly run: ExcelRunner,
    supports: Supports,
    /** `Excel.createWorkbook` (ExcelApi 1.8) where the host has it: split parts open in Excel. */
    createWorkbook?: (base64: string) => Promise<void>,
    /**
     * OfficeRuntime.storage where the host has it: a set that is not built in is stored there
     * for the DTI.* functions, which run in another runtime (src/catalog/set-storage.ts).
     */
    storage?: SetStorage,
    /** The workbook setting that opens this pane with the workbook, where the host has document settings. */
    autoOpen?: AutoOpen,
  ) {
    const host: ScoringHost = {
      run: (batch) => this.run(batch),
      busy: () => this.busy,
      task: (message, work) => this.task(message, work),
      progress: (message) => this.say(message),
      say: (message) => this.say(message),
      render: () => this.render(),
      button: (text, testid, onClick, primary) => this.button(text, testid, onClick, primary),
      check: (text, testid, checked, onChange) => this.check(text, testid, checked, onChange),
      set: () => this.sets.set,
      scored: () => this.scored,
      readAndScore: () => this.readAndScore(),
    };
    this.host = host;
    this.sets = new SetChoice(host.run, storage);
    this.insert = new InsertTab(
      {
        ...host,
        noTemplate: () => this.noTemplate,
        inserted: () => {
          this.noTemplate = false;
        },
      },
      this.sets,
      supports,
      autoOpen,
    );
    this.validate = new ValidateTab(host, this.sets, supports);
    this.compute = new ComputeTab({ ...host, ...(createWorkbook ? { createWorkbook } : {}) });
    this.agency = new AgencyTab(
      host,
      () => this.validate.validate(),
      (f) => this.validate.findingItem(f),
    );
    this.splitMerge = new SplitMergeTab({ ...host, ...(createWorkbook ? { createWorkbook } : {}) });
  }

  /** First look at the workbook: is there a template to work with? */
  async start(): Promise<void> {
    this.render();
    await this.task(t("validateReading"), async () => {
      const read = await this.sets.readWorkbook();
      const fatal = read.problems.find((p) => p.severity === "fatal");
      if (fatal?.code === "not-a-template") {
        this.noTemplate = true;
        this.tab = "insert";
        return "";
      }
      this.scored = { ...this.scored, read };
      return t("connected");
    });
  }

  // ------------------------------------------------------------------ plumbing

  private async task(message: string, work: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.status = message;
    this.render();
    try {
      this.status = await work();
      // A sentence a step inside the task added (a set stored for the DTI.* functions).
      if (this.sets.note) this.status += this.sets.note;
    } catch (e) {
      this.status = describeError(e);
    } finally {
      this.sets.note = "";
      this.busy = false;
      this.render();
    }
  }

  private say(message: string): void {
    this.status = message;
    this.render();
  }

  private button(text: string, testid: string, onClick: () => void, primary = false): HTMLButtonElement {
    const b = el("button", text, { type: "button", class: primary ? "pane-button pane-primary" : "pane-button", "data-testid": testid });
    b.disabled = this.busy;
    b.addEventListener("click", onClick);
    return b;
  }

  private check(text: string, testid: string, checked: boolean, onChange: (on: boolean) => void): HTMLLabelElement {
    const label = el("label", undefined, { class: "pane-check" });
    const box = el("input", undefined, { type: "checkbox", "data-testid": testid });
    box.checked = checked;
    box.disabled = this.busy;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, document.createTextNode(` ${text}`));
    return label;
  }

  /** Reads the workbook (2 round trips) and scores it. */
  private async readAndScore(): Promise<boolean> {
    const read = await this.sets.readWorkbook();
    const set = this.sets.set;
    const fatal = read.problems.find((p) => p.severity === "fatal");
    if (fatal) {
      this.noTemplate = fatal.code === "not-a-template";
      this.scored = { read, result: null, report: validateWorkbook(set, read, null), summary: null };
      return false;
    }
    const [scored] = scoreUnits(set, [read.unit], read.options);
    const result = scored ?? null;
    this.scored = { read, result, report: validateWorkbook(set, read, result), summary: result ? summarize(set, result, read.options, read) : null };
    return true;
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
      const selected = this.tab === tab.id;
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

    const consent = this.sets.consent;
    if (consent) this.root.appendChild(setConsentView(this.host, this.sets, consent));
    const panel = el("section", undefined, { role: "tabpanel", id: `panel-${this.tab}`, "aria-labelledby": `tab-${this.tab}`, class: "pane-panel" });
    if (this.noTemplate && this.tab !== "insert") panel.appendChild(this.noTemplateView());
    else if (this.tab === "insert") this.insert.render(panel);
    else if (this.tab === "validate") this.validate.render(panel);
    else if (this.tab === "compute") this.compute.render(panel);
    else if (this.tab === "split") this.splitMerge.render(panel);
    else this.agency.render(panel);
    this.root.appendChild(panel);

    const status = el("p", this.status, { class: this.busy ? "pane-status pane-busy" : "pane-status", role: "status", "aria-live": "polite", "data-testid": "pane-status" });
    this.root.setAttribute("aria-busy", String(this.busy));
    this.root.appendChild(status);
    if (focused) (this.root.querySelector(`[data-testid="${focused}"]`) as HTMLElement | null)?.focus();
  }

  private go(tab: Tab): void {
    this.tab = tab;
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
}
