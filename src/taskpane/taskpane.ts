/**
 * Task pane entry. This thin file is the only place that touches the Office and Excel
 * globals: it waits for Office.onReady, checks the host, and hands the pane an
 * `Excel.run` and the requirement-set check. Everything else takes them as arguments.
 */
import { t } from "../i18n/strings";
import { officeSupports } from "../office/write-layout";
import type { SetStorage } from "../catalog/set-storage";
import { autoOpenFor, type DocumentSettings } from "../office/auto-open";
import { PaneApp } from "./app";

// The manifest's minimum (defined names, data validation, protection: Office 2019 and later).
const EXCEL_API_MINIMUM = "1.8";

function showStatus(text: string): void {
  const status = document.getElementById("host-status");
  if (status) status.textContent = text;
}

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    showStatus(t("notExcel"));
    return;
  }
  if (!Office.context.requirements.isSetSupported("ExcelApi", EXCEL_API_MINIMUM)) {
    showStatus(t("tooOld"));
    return;
  }
  const root = document.getElementById("app");
  if (!root) return;
  document.getElementById("host-status")?.remove();
  // Excel.createWorkbook (ExcelApi 1.8) opens a split part in Excel; absent elsewhere (e.g. some hosts).
  const createWorkbook = typeof Excel.createWorkbook === "function" ? (base64: string) => Excel.createWorkbook(base64) : undefined;
  // OfficeRuntime.storage: shared with the DTI.* functions' runtime (a province's own set goes there).
  const storage = (globalThis as { OfficeRuntime?: { storage?: SetStorage } }).OfficeRuntime?.storage;
  // The workbook's own settings (autoopen); absent where the host has no document settings.
  const autoOpen = autoOpenFor((Office.context.document as Office.Document | undefined)?.settings as DocumentSettings | undefined);
  const app = new PaneApp(root, (batch) => Excel.run(batch), officeSupports, createWorkbook, storage, autoOpen);
  void app.start();
}).catch((error: unknown) => {
  showStatus(`${t("officeFailed")}${error instanceof Error ? error.message : String(error)}`);
});
