/**
 * The task pane's "Theo cơ quan" tab: one agency's share of the set (the indicators it leads
 * or coordinates, how many are scored) and its open errors, from the last validation.
 */
import { num, t } from "../i18n/strings";
import { agencyNames, agencySummary } from "../layout/summary";
import type { Finding } from "../layout/validate";
import { el } from "./dom";
import type { ScoringHost } from "./host";

export class AgencyTab {
  private agency = "";

  constructor(
    private readonly host: ScoringHost,
    /** Validates the workbook (the validate tab's run). */
    private readonly validate: () => Promise<void>,
    /** A finding as the validate tab lists it, with "Đến ô". */
    private readonly findingItem: (f: Finding) => HTMLLIElement,
  ) {}

  render(panel: HTMLElement): void {
    panel.appendChild(el("h2", t("agencyTitle")));
    const label = el("label", `${t("agencyPick")} `, { class: "pane-choice" });
    const select = el("select", undefined, { "data-testid": "agency-select" });
    const set = this.host.set();
    const all = agencyNames(set);
    if (!this.agency) this.agency = all[0] ?? "";
    for (const a of all) {
      const option = el("option", a, { value: a });
      option.selected = a === this.agency;
      select.appendChild(option);
    }
    select.addEventListener("change", () => {
      this.agency = select.value;
      this.host.render();
    });
    label.appendChild(select);
    panel.appendChild(label);
    const { result, report } = this.host.scored();
    if (!result || !report) {
      panel.appendChild(el("p", t("agencyNeedsData"), { class: "pane-hint" }));
      panel.appendChild(this.host.button(t("validateRun"), "agency-refresh", () => void this.validate(), true));
      return;
    }
    const a = agencySummary(set, result, report, this.agency);
    const percent = a.completion.total ? `${num((a.completion.scored / a.completion.total) * 100, 0)} %` : "–";
    panel.appendChild(el("p", t("agencyCompletion", { scored: a.completion.scored, total: a.completion.total, percent }), { "data-testid": "agency-completion" }));
    const list = el("ul", undefined, { "data-testid": "agency-indicators", class: "pane-findings" });
    for (const [role, items] of [["agencyLeads", a.leads], ["agencyCoordinates", a.coordinates]] as const) {
      for (const i of items) {
        const score = i.score === null ? "–" : num(i.score);
        list.appendChild(el("li", `${t(role)} · ${i.id} ${i.name}: ${score} / ${i.maxPoints}`, { "data-indicator": i.id }));
      }
    }
    // What it must verify (issue 13, point 4): the indicators naming it "Đơn vị phối hợp xác minh", with the evidence required.
    for (const i of a.verifies) {
      const evidence = i.evidenceRequired ? ` — ${t("agencyEvidence", { evidence: i.evidenceRequired })}` : "";
      list.appendChild(el("li", `${t("agencyVerifies")} · ${i.id} ${i.name}${evidence}`, { "data-indicator": i.id, "data-role": "verifies" }));
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
