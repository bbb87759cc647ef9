import { officeSupports } from "../office/write-layout";
import { mountInsert } from "./insert";

/**
 * Task pane entry: the insert section for now; validation and scoring come later.
 * This thin file is the only place that waits for Office.onReady, so modules it will import
 * later stay free of import-time side effects. Text goes in with textContent, never innerHTML.
 */

// The manifest's minimum (defined names, data validation, protection: Office 2019 and later).
const EXCEL_API_MINIMUM = "1.8";

function showStatus(vi: string, en: string): void {
  const status = document.getElementById("host-status");
  if (!status) return;
  while (status.firstChild) status.removeChild(status.firstChild);
  const english = document.createElement("span");
  english.lang = "en";
  english.textContent = en;
  status.appendChild(document.createTextNode(`${vi} `));
  status.appendChild(english);
}

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    showStatus("Hãy mở bảng tác vụ này trong Excel.", "Open this task pane in Excel.");
    return;
  }
  if (!Office.context.requirements.isSetSupported("ExcelApi", EXCEL_API_MINIMUM)) {
    showStatus(
      `Phiên bản Excel này quá cũ: cần ExcelApi ${EXCEL_API_MINIMUM} (Excel 2019 trở lên).`,
      `This version of Excel is too old: ExcelApi ${EXCEL_API_MINIMUM} (Excel 2019 or later) is required.`,
    );
    return;
  }
  showStatus("Đã kết nối với Excel.", "Connected to Excel.");
  const insert = document.getElementById("insert");
  if (insert) {
    mountInsert(insert, (batch) => Excel.run(batch), officeSupports);
    insert.hidden = false;
  }
}).catch((error: unknown) => {
  const detail = error instanceof Error ? error.message : String(error);
  showStatus(`Không tải được Office: ${detail}`, `Office failed to load: ${detail}`);
});
