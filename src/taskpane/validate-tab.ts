/**
 * The task pane's "Kiểm tra" tab: read and score the workbook, list the findings by pillar
 * or by agency, jump to a finding's cell ("Đến ô"), and mark or clear the offending cells
 * (../office/marks.ts).
 */
import { findingText } from "../i18n/findings";
import { lang, t, type StringKey } from "../i18n/strings";
import type { Finding } from "../layout/validate";
import { clearMarks, markCells } from "../office/marks";
import { selectName } from "../office/select";
import type { Supports } from "../office/write-layout";
import { el } from "./dom";
import { describeError, type ScoringHost } from "./host";
import type { SetChoice } from "./set-choice";
import { setProblemsView, storedSetView } from "./set-views";

const SEVERITY_KEY: Record<Finding["severity"], StringKey> = { error: "severityError", warning: "severityWarning", info: "severityInfo" };

export class ValidateTab {
  private group: "pillar" | "agency" = "pillar";

  constructor(
    private readonly host: ScoringHost,
    private readonly sets: SetChoice,
    private readonly supports: Supports,
  ) {}

  async validate(): Promise<void> {
    await this.host.task(t("validateReading"), async () => {
      await this.host.readAndScore();
      const c = this.host.scored().report?.totals;
      return c ? t("counts", { e: c.error, w: c.warning, i: c.info }) : "";
    });
  }

  /** One finding, with "Đến ô" where it names a cell (also listed by the agency tab). */
  findingItem(f: Finding): HTMLLIElement {
    const li = el("li", undefined, { class: `pane-finding pane-${f.severity}`, "data-testid": "finding", "data-code": f.code, "data-severity": f.severity, "data-name": f.name ?? "" });
    li.appendChild(el("span", t(SEVERITY_KEY[f.severity]), { class: "pane-badge" }));
    li.appendChild(el("span", ` ${findingText(f, lang())}`));
    if (f.name) {
      const name = f.name;
      const go = el("button", t("goToCell"), { type: "button", class: "pane-link", "aria-label": `${t("goToCell")} ${name}` });
      go.addEventListener("click", () => {
        void this.host.run((context) => selectName(context, name)).then(
          (ok) => {
            if (!ok) {
              this.host.say(t("selectFailed", { name }));
            }
          },
          (e: unknown) => {
            this.host.say(describeError(e));
          },
        );
      });
      li.appendChild(go);
    }
    return li;
  }

  render(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("validateTitle")));
    panel.appendChild(el("p", t("validateHint"), { class: "pane-hint" }));
    setProblemsView(panel, this.sets);
    storedSetView(panel, this.sets);
    const buttons = el("div", undefined, { class: "pane-buttons" });
    buttons.appendChild(this.host.button(t("validateRun"), "validate-run", () => void this.validate(), true));
    const report = this.host.scored().report;
    const marks = report?.findings.filter((f) => f.name && f.severity !== "info") ?? [];
    const mark = this.host.button(t("validateMark"), "validate-mark", () => void this.mark(marks));
    mark.disabled = this.host.busy() || marks.length === 0;
    buttons.append(mark, this.host.button(t("validateClear"), "validate-clear", () => void this.clearMarks()));
    panel.appendChild(buttons);

    const groupLabel = el("label", `${t("validateGroup")} `, { class: "pane-choice" });
    const group = el("select", undefined, { "data-testid": "validate-group" });
    for (const [value, key] of [["pillar", "groupPillar"], ["agency", "groupAgency"]] as const) {
      const option = el("option", t(key), { value });
      option.selected = this.group === value;
      group.appendChild(option);
    }
    group.addEventListener("change", () => {
      this.group = group.value === "agency" ? "agency" : "pillar";
      this.host.render();
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
      this.group === "pillar"
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
    await this.host.task(t("working"), async () => {
      const r = await this.host.run((context) => markCells(context, marks, this.supports));
      return t(r.notes ? "marked" : "markedFillOnly", { n: r.marked });
    });
  }

  private async clearMarks(): Promise<void> {
    await this.host.task(t("working"), async () => {
      const r = await this.host.run((context) => clearMarks(context, this.supports));
      return t("cleared", { n: r.restored });
    });
  }
}
