/**
 * The task pane's "Tính điểm" tab: read and score the workbook, show the pillar totals and
 * the DTI index with a chart, the ministry's published result with the gaps and the previous
 * period with the change (when the workbook has them), the change from the previous year and the gaps to targets, and
 * switch the workbook's alternative threshold reading (../office/options.ts).
 *
 * "Lập báo cáo quý" makes the quarterly report `dti report` writes (../layout/quarterly-report.ts,
 * ../layout/report-book.ts) from the open workbook, as a separate .xlsx to download or open in
 * Excel, as split's parts are: the workbook itself is not changed. The .xlsx writer (exceljs) is
 * the chunk split and merge load, fetched on first use.
 */
import { DEFAULT_CALENDAR, parseCalendar } from "../catalog/calendar";
import { formatPeriodEnglish, parsePeriod, type Period } from "../catalog/period";
import { findingText } from "../i18n/findings";
import { lang, num, t } from "../i18n/strings";
import { MERGE_LOG_SHEET } from "../layout/merge-log";
import { names, REPORT_CELLS, sheetNames } from "../layout/names";
import type { ComputeSummary } from "../layout/summary";
import { setOption } from "../office/options";
import { readReportSources } from "../office/read-report-sources";
import { toNamedCell } from "../office/read-unit";
import { el, svg } from "./dom";
import type { ScoringHost } from "./host";

/** A period as the pane's language writes it: "Quý III/2026" or "Q3 2026". */
function periodShown(text: string): string {
  const period = parsePeriod(text);
  return period && lang() === "en" ? formatPeriodEnglish(period) : text;
}

/** A signed 4-decimal gap ("+0,0123", computed exactly by the summary) in the pane's language. */
function gapShown(display: string | null | undefined): string {
  if (display === null || display === undefined) return "–";
  return lang() === "en" ? display.replace(",", ".") : display;
}

function signed(n: number, decimals: number): string {
  return `${n > 0 ? "+" : ""}${num(n, decimals)}`;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The .xlsx chunk (exceljs and the layout writer), shared with split and merge. */
/** The report's layout and writer, with exceljs: fetched on first use, not with the pane (../xlsx/report-file.ts). */
const loadReport = () => import(/* webpackChunkName: "xlsx" */ "../xlsx/report-file");


/** "bao-cao-quy-III-2026.xlsx", "bao-cao-nam-2026.xlsx". */
export function reportFileName(period: Period): string {
  return period.kind === "quarter" ? `bao-cao-quy-${["I", "II", "III", "IV"][period.quarter - 1]}-${period.year}.xlsx` : `bao-cao-nam-${period.year}.xlsx`;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** What the tab needs of the pane: scoring, and `Excel.createWorkbook` where the host has it. */
export interface ComputeHost extends ScoringHost {
  readonly createWorkbook?: (base64: string) => Promise<void>;
}

export class ComputeTab {
  /** The last report made: its file, to download or open. */
  private reportFile: { readonly name: string; readonly bytes: Uint8Array<ArrayBuffer>; readonly url: string } | null = null;

  constructor(private readonly host: ComputeHost) {}

  private async makeReport(): Promise<void> {
    await this.host.task(t("computeReportMaking"), async () => {
      if (!(await this.host.readAndScore())) return t("noTemplate");
      const { read, result, report: validation } = this.host.scored();
      if (!read || !result || !validation) return t("noTemplate");
      const set = this.host.set();
      const period = read.period === undefined ? undefined : parsePeriod(read.period);
      if (!period) return t("computeReportNoPeriod");
      const tasksSheet = sheetNames(0).tasks;
      const src = await this.host.run((context) => readReportSources(context, [tasksSheet, MERGE_LOG_SHEET], REPORT_CELLS));
      const get = (name: string) => toNamedCell(src.values.get(name));
      const part = get(names.partAgency);
      if (part.kind === "value" && typeof part.value === "string" && part.value.trim() !== "") return t("computeReportIsPart", { agency: part.value });
      const calendarCell = get(names.calendar);
      const parsed = parseCalendar(calendarCell.kind === "value" && typeof calendarCell.value === "string" ? calendarCell.value : "");
      const now = new Date();
      const xlsx = await loadReport();
      // The report is for the Ban Điều hành: in Vietnamese whatever the pane's language.
      const { bytes, problems } = await xlsx.quarterlyReportFile(
        {
          set,
          read,
          result,
          options: read.options,
          validation,
          period,
          calendar: "error" in parsed ? DEFAULT_CALENDAR : parsed.calendar,
          tasksGrid: src.grids.get(tasksSheet) ?? null,
          logGrid: src.grids.get(MERGE_LOG_SHEET) ?? null,
          today: { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() },
        },
        (f) => findingText(f, "vi"),
      );
      if (this.reportFile) URL.revokeObjectURL(this.reportFile.url);
      const name = reportFileName(period);
      this.reportFile = { name, bytes, url: URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE })) };
      return t("computeReportDone", { period: read.period ?? "", problems });
    });
  }

  private async openReport(): Promise<void> {
    const create = this.host.createWorkbook;
    const file = this.reportFile;
    if (!create || !file) return;
    await this.host.task(t("working"), async () => {
      await create(toBase64(file.bytes));
      return t("computeReportOpened", { file: file.name });
    });
  }

  private reportView(panel: HTMLElement): void {
    const box = el("div", undefined, { class: "pane-report", "data-testid": "compute-report-box" });
    box.appendChild(el("h3", t("computeReport")));
    box.appendChild(el("p", t("computeReportHint"), { class: "pane-hint" }));
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.host.button(t("computeReport"), "compute-report", () => void this.makeReport()));
    const file = this.reportFile;
    if (file && this.host.createWorkbook) buttons.appendChild(this.host.button(t("splitOpen"), "compute-report-open", () => void this.openReport()));
    box.appendChild(buttons);
    if (file) {
      const link = el("a", t("computeReportDownload", { file: file.name }), { href: file.url, download: file.name, "data-testid": "compute-report-download", class: "pane-link" });
      box.appendChild(el("p")).appendChild(link);
    }
    panel.appendChild(box);
  }

  /** The status line after scoring: the index, once there is one. */
  private indexLine(): string {
    const summary = this.host.scored().summary;
    return summary ? `${t("computeIndex")}: ${summary.indexDisplay}` : "";
  }

  private async compute(): Promise<void> {
    await this.host.task(t("computeReading"), async () => {
      const ok = await this.host.readAndScore();
      if (!ok) return this.host.scored().read?.problems.find((p) => p.severity === "fatal")?.code === "newer-template" ? t("newerTemplate") : t("noTemplate");
      return this.indexLine();
    });
  }

  private async toggleAlt(on: boolean): Promise<void> {
    await this.host.task(t("computeReading"), async () => {
      await this.host.run((context) => setOption(context, names.optionAltThreshold, on));
      await this.host.readAndScore();
      return this.indexLine();
    });
  }

  render(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("computeTitle")));
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.host.button(t("computeRun"), "compute-run", () => void this.compute(), true));
    panel.appendChild(buttons);
    const s = this.host.scored().summary;
    panel.appendChild(this.host.check(t("computeAlt"), "compute-alt", s?.altThreshold === true, (on) => void this.toggleAlt(on)));
    if (!s) {
      this.reportView(panel);
      return;
    }
    const period = this.host.scored().read?.period;
    if (period !== undefined) panel.appendChild(el("p", t("computePeriod", { period }), { "data-testid": "compute-period" }));
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
    // The published result and the previous period: shown only when the workbook has them, each
    // in a table of its own (the pane is 320 px wide), the main index's name in the row's title.
    const published = s.published;
    const last = s.lastPeriod;
    const lastPeriod = last?.period ? periodShown(last.period) : null;
    if (published) {
      panel.appendChild(el("h3", t("computePublishedTitle")));
      panel.appendChild(
        this.compareTable(s, "compute-published-table", [t("computeSelf"), t("computePublished"), t("computePublishedGap")], (p) => [
          ["self", p.percent === null ? "–" : num(p.percent, 4)],
          ["published", p.published === null || p.published === undefined ? "–" : num(p.published, 4)],
          ["published-gap", gapShown(p.publishedGapDisplay)],
        ]),
      );
    }
    if (published?.index !== null && published?.index !== undefined) {
      panel.appendChild(
        el("p", t("computePublishedIndex", { published: num(published.index, 4), now: s.indexDisplay, gap: gapShown(published.gapDisplay) }), { "data-testid": "compute-published" }),
      );
    }
    if (published) panel.appendChild(el("p", t("computePublishedHint"), { class: "pane-hint" }));
    if (last) {
      panel.appendChild(el("h3", lastPeriod ? t("computeLastOf", { period: lastPeriod }) : t("computeLast")));
      panel.appendChild(
        this.compareTable(s, "compute-last-table", [t("computeLast"), t("computeScore"), t("computeLastDelta")], (p) => [
          ["last", p.last === null || p.last === undefined ? "–" : num(p.last)],
          ["score", num(p.score)],
          ["last-delta", p.lastDelta === null || p.lastDelta === undefined ? "–" : signed(p.lastDelta, 2)],
        ]),
      );
    }
    if (last && last.index !== null) {
      panel.appendChild(
        el("p", t("computeLastIndex", { period: lastPeriod ?? t("computeLast"), last: num(last.index, 4), now: s.indexDisplay, delta: gapShown(last.indexDeltaDisplay) }), {
          "data-testid": "compute-last",
        }),
      );
    }
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
    this.reportView(panel);
  }

  /** One row per main index (its number; its name as the title), with the given cells (data-col, text). */
  private compareTable(s: ComputeSummary, testid: string, heads: readonly string[], cells: (p: ComputeSummary["pillars"][number]) => readonly [string, string][]): HTMLTableElement {
    const table = el("table", undefined, { class: "pane-table", "data-testid": testid });
    const head = el("tr");
    for (const h of [t("computePillar"), ...heads]) head.appendChild(el("th", h, { scope: "col" }));
    table.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    for (const p of s.pillars) {
      const tr = el("tr", undefined, { "data-pillar": p.id });
      tr.appendChild(el("th", p.id, { scope: "row", title: `${p.id}. ${p.name}` }));
      for (const [col, text] of cells(p)) tr.appendChild(el("td", text, { "data-col": col }));
      body.appendChild(tr);
    }
    table.appendChild(body);
    return table;
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
}
