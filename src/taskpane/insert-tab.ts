/**
 * The task pane's "Chèn mẫu" tab: choose the set (a built-in one, or a province's own read
 * from the sheet "Bộ chỉ số"), the sheets, plain formulas or DTI.* functions, sample tasks
 * and protection; preview what inserting would do to the sheets the workbook has, choose per
 * clashing sheet, and insert (../office/write-layout.ts).
 */
import { isBuiltInSet } from "../catalog";
import { CALENDAR_PRESETS, DEFAULT_CALENDAR } from "../catalog/calendar";
import { formatPeriod, parsePeriod, periodChoices, quarterOf } from "../catalog/period";
import { ninhThuan2022TaskList } from "../catalog/tasks/ninh-thuan-2022";
import { say } from "../i18n/findings";
import { lang, t } from "../i18n/strings";
import { buildWorkbookLayout, VISIBLE_ROLES } from "../layout/build";
import type { SheetRole, WorkbookLayout } from "../layout/model";
import { planInsert, type ConflictChoice } from "../layout/plan";
import type { AutoOpen } from "../office/auto-open";
import { writeLayout, type Supports } from "../office/write-layout";
import { el } from "./dom";
import type { PaneHost } from "./host";
import type { SetChoice } from "./set-choice";
import { setProblemsView, storedSetView } from "./set-views";

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

/** What the tab needs of the pane around it. */
export interface InsertHost extends PaneHost {
  /** The workbook has no template yet (the shell then shows only this tab's content). */
  noTemplate(): boolean;
  /** Templates were inserted: the workbook has one now. */
  inserted(): void;
}

export class InsertTab {
  private readonly roles = new Set<SheetRole>(VISIBLE_ROLES.filter((r) => r !== "tasks"));
  /** The user's tick for Nhiệm vụ; null: the default (on for the built-in DTI sets, off for a province's own set, which carries no tasks). */
  private tasksChoice: boolean | null = null;
  private formulas: "portable" | "functions" = "portable";
  private sampleTasks = false;
  private protect = true;
  /** The reporting period the template records (DTI_PERIOD): the current quarter unless chosen. */
  private period = formatPeriod(quarterOf(new Date()));
  /** The reporting calendar's preset id (DTI_CALENDAR). */
  private calendar = DEFAULT_CALENDAR.id;
  /** The previewed layout and the sheets the workbook had then; null until previewed. */
  private layout: WorkbookLayout | null = null;
  private existing: readonly string[] | null = null;
  private readonly choices = new Map<string, ConflictChoice>();
  private insertLines: readonly string[] = [];
  /** The user's choice for "open the pane with this workbook"; null: the default (on for DTI.* formulas of a set not built in). */
  private autoOpenChoice: boolean | null = null;

  constructor(
    private readonly host: InsertHost,
    private readonly sets: SetChoice,
    private readonly supports: Supports,
    /** The workbook setting that opens this pane with the workbook, where the host has document settings. */
    private readonly autoOpen?: AutoOpen,
  ) {}

  private hasRole(role: SheetRole): boolean {
    return role === "tasks" ? (this.tasksChoice ?? isBuiltInSet(this.sets.set.id)) : this.roles.has(role);
  }

  private currentLayout(): WorkbookLayout {
    return buildWorkbookLayout(this.sets.set, {
      formulas: this.formulas,
      sheets: VISIBLE_ROLES.filter((r) => this.hasRole(r)),
      protect: this.protect,
      ...(this.sampleTasks ? { sampleTasks: ninhThuan2022TaskList } : {}),
      period: parsePeriod(this.period) ?? quarterOf(new Date()),
      calendar: CALENDAR_PRESETS.find((c) => c.id === this.calendar) ?? DEFAULT_CALENDAR,
      // A set read from this workbook's sheet "Bộ chỉ số" is carried by that sheet already.
      ...(this.sets.set === this.sets.sheetSet ? { embedSet: false } : {}),
    });
  }

  /** A labelled drop-down whose choice changes what is inserted (so the preview is made again). */
  private dropDown(label: string, testid: string, options: readonly { value: string; text: string }[], value: string, choose: (value: string) => void): HTMLLabelElement {
    const wrapper = el("label", `${label} `, { class: "pane-choice" });
    const select = el("select", undefined, { "data-testid": testid });
    for (const o of options) select.appendChild(el("option", o.text, { value: o.value }));
    select.value = value;
    select.disabled = this.host.busy();
    select.addEventListener("change", () => {
      choose(select.value);
      this.invalidatePreview();
    });
    wrapper.appendChild(select);
    return wrapper;
  }

  private invalidatePreview(): void {
    this.layout = null;
    this.existing = null;
    this.host.render();
  }

  render(panel: HTMLElement): void {
    const host = this.host;
    panel.appendChild(el("h2", t("insertTitle")));
    if (host.noTemplate()) panel.appendChild(el("p", t("noTemplate"), { class: "pane-callout", "data-testid": "no-template" }));
    panel.appendChild(el("p", t("insertHint"), { class: "pane-hint" }));
    // The built-in sets, and a province's own set once read from the sheet "Bộ chỉ số".
    const setLabel = this.dropDown(
      t("insertSet"),
      "insert-set",
      this.sets.choices().map((s) => ({ value: s.id, text: `${s.name} (${s.id})${isBuiltInSet(s.id) ? "" : ` — ${t("setInWorkbook")}`}` })),
      this.sets.set.id,
      (id) => this.sets.select(id),
    );
    panel.appendChild(setLabel);
    panel.appendChild(el("p", t("setFromSheetHint"), { class: "pane-hint" }));
    panel.appendChild(host.button(t("setFromSheet"), "insert-read-set", () => void this.loadSheetSet()));
    storedSetView(panel, this.sets);
    setProblemsView(panel, this.sets);

    const sheets = el("fieldset");
    sheets.appendChild(el("legend", t("insertSheets")));
    for (const role of VISIBLE_ROLES) {
      sheets.appendChild(
        host.check(ROLE_LABELS[role], `insert-sheet-${role}`, this.hasRole(role), (on) => {
          if (role === "tasks") this.tasksChoice = on;
          else if (on) this.roles.add(role);
          else this.roles.delete(role);
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
      radio.checked = this.formulas === value;
      radio.disabled = host.busy();
      radio.addEventListener("change", () => {
        this.formulas = value;
        this.invalidatePreview();
      });
      label.append(radio, document.createTextNode(` ${t(key)}`));
      kind.appendChild(label);
    }
    panel.appendChild(kind);
    // The reporting cycle: the period and the province's calendar of due dates.
    const year = quarterOf(new Date()).year;
    const periods = [year - 1, year, year + 1].flatMap(periodChoices).map((p) => ({ value: p, text: p }));
    panel.appendChild(this.dropDown(t("insertPeriod"), "insert-period", periods, this.period, (p) => (this.period = p)));
    const calendars = CALENDAR_PRESETS.map((c) => ({
      value: c.id,
      text: t("insertCalendarOption", { name: c.name, day: c.agencies.quarterDay, annual: `${c.agencies.annual.day}/${c.agencies.annual.month}` }),
    }));
    panel.appendChild(this.dropDown(t("insertCalendar"), "insert-calendar", calendars, this.calendar, (id) => (this.calendar = id)));
    panel.appendChild(host.check(t("insertSampleTasks"), "insert-sample-tasks", this.sampleTasks, (on) => ((this.sampleTasks = on), this.invalidatePreview())));
    panel.appendChild(host.check(t("insertProtect"), "insert-protect", this.protect, (on) => ((this.protect = on), this.invalidatePreview())));
    if (this.offersAutoOpen()) {
      panel.appendChild(host.check(t("insertAutoOpen"), "insert-auto-open", this.wantsAutoOpen(), (on) => ((this.autoOpenChoice = on), host.render())));
    }

    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(host.button(t("insertPreview"), "insert-preview", () => void this.preview()));
    const go = host.button(t("insertGo"), "insert-go", () => void this.insert(), true);
    go.disabled = host.busy() || !this.layout || this.planNow()?.cancelled === true;
    buttons.appendChild(go);
    panel.appendChild(buttons);

    const plan = el("div", undefined, { class: "pane-preview", "data-testid": "insert-plan", "aria-live": "polite" });
    const current = this.planNow();
    const lines = current ? current.summary : this.insertLines;
    if (lines.length) {
      const list = el("ul");
      for (const line of lines) list.appendChild(el("li", line));
      plan.appendChild(list);
    }
    if (current && this.layout && this.existing) {
      for (const sheet of this.layout.sheets) {
        if (sheet.visibility !== "visible") continue;
        const taken = this.existing.find((n) => n.toLocaleLowerCase("vi") === sheet.name.toLocaleLowerCase("vi"));
        if (!taken) continue;
        const label = el("label", `"${taken}" ${t("insertTaken")}`, { class: "pane-choice" });
        const select = el("select", undefined, { "data-testid": "insert-choice", "data-sheet": taken });
        for (const [c, key] of [["rename", "choiceRename"], ["update", "choiceUpdate"], ["cancel", "choiceCancel"]] as const) {
          const option = el("option", t(key), { value: c });
          option.selected = (this.choices.get(taken) ?? "rename") === c;
          select.appendChild(option);
        }
        select.disabled = host.busy();
        select.addEventListener("change", () => {
          this.choices.set(taken, select.value as ConflictChoice);
          host.render();
        });
        label.appendChild(select);
        plan.appendChild(label);
      }
    }
    panel.appendChild(plan);
    panel.appendChild(el("p", "", { class: "visually-hidden", "data-testid": "insert-status" }));
  }

  private planNow() {
    if (!this.layout || !this.existing) return null;
    return planInsert(this.layout, this.existing, (name) => this.choices.get(name) ?? "rename");
  }

  private async preview(): Promise<void> {
    await this.host.task(t("insertReading"), async () => {
      const existing = await this.host.run(async (context) => {
        const ws = context.workbook.worksheets;
        ws.load("items/name");
        await context.sync();
        return ws.items.map((w) => w.name);
      });
      this.layout = this.currentLayout();
      this.existing = existing;
      this.choices.clear();
      this.insertLines = [];
      return t("insertCheck");
    });
  }

  private async insert(): Promise<void> {
    const layout = this.layout;
    if (!layout) return;
    const choices = new Map(this.choices);
    await this.host.task(t("insertWriting"), async () => {
      const result = await this.host.run((context) => writeLayout(context, layout, (name) => choices.get(name) ?? "rename", this.supports));
      this.layout = null;
      this.existing = null;
      if (result.plan.cancelled) {
        this.insertLines = [];
        return t("insertCancelled");
      }
      const lines = [...result.plan.summary];
      if (result.preserved.length) lines.push(t("insertKept", { n: result.preserved.length }));
      if (result.notPlaced.length) lines.push(t("insertNotPlaced", { list: result.notPlaced.join(", ") }));
      const taskSheet = result.plan.sheets.find((p) => p.sheet.role === "tasks");
      if (result.tasksNamed && taskSheet) lines.push(say({ code: "template-tasks-named", sheet: taskSheet.targetName, rows: result.tasksNamed }, lang()));
      if (this.autoOpen && this.offersAutoOpen()) lines.push(await this.saveAutoOpen(this.wantsAutoOpen()));
      this.insertLines = lines;
      this.host.inserted();
      return t("insertDone");
    });
  }

  /** Only a set the add-in does not ship needs the pane before its DTI.* functions can score. */
  private offersAutoOpen(): boolean {
    return this.autoOpen !== undefined && !isBuiltInSet(this.sets.set.id);
  }

  private wantsAutoOpen(): boolean {
    return this.autoOpenChoice ?? (this.formulas === "functions" || this.autoOpen?.isOn() === true);
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

  /** The button "read the sheet Bộ chỉ số": offer and select its set. */
  private async loadSheetSet(): Promise<void> {
    await this.host.task(t("setReading"), async () => {
      const got = await this.sets.loadSheet();
      if (got.selected) {
        this.layout = null;
        this.existing = null;
      }
      return got.status;
    });
  }
}
