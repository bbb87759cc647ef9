/**
 * The task pane's "Chèn mẫu biểu" section: choose the sheets and the kind of score
 * formulas, see what will be created before it is, decide for each sheet whose name is
 * taken, then write the templates through the Office.js adapter.
 * DOM text is always set with textContent, never innerHTML.
 */
import { dtiProvince2022 } from "../catalog";
import { ninhThuan2022TaskList } from "../catalog/tasks/ninh-thuan-2022";
import { buildWorkbookLayout, VISIBLE_ROLES } from "../layout/build";
import type { SheetRole, WorkbookLayout } from "../layout/model";
import { planInsert, type ConflictChoice } from "../layout/plan";
import { WriteLayoutError, writeLayout, type Supports } from "../office/write-layout";

/** Runs a batch against the workbook (Excel.run in the add-in; a fake host in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const ROLE_LABELS: Record<SheetRole, string> = {
  info: "Thông tin chung",
  indicators: "Chỉ số DTI 2022",
  summary: "Tổng hợp",
  assignment: "Phân công",
  tasks: "Nhiệm vụ",
  lists: "Danh mục",
  meta: "DTI_META",
};

const CHOICE_LABELS: Record<ConflictChoice, string> = {
  rename: "Tạo trang mới bên cạnh (không đụng trang cũ)",
  update: "Cập nhật tại chỗ, giữ nguyên số liệu đã nhập",
  cancel: "Hủy, không chèn gì",
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A readable Vietnamese line for anything Excel or the adapter reports. */
export function describeError(error: unknown): string {
  if (error instanceof WriteLayoutError) return error.message;
  const e = error as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const where = e.debugInfo?.errorLocation ? ` (tại ${e.debugInfo.errorLocation})` : "";
  const known: Record<string, string> = {
    InvalidArgument: "Excel không chấp nhận một giá trị gửi tới",
    AccessDenied: "Excel từ chối thao tác (trang tính đang được bảo vệ hoặc sổ chỉ đọc)",
    ItemAlreadyExists: "Tên trang hoặc tên ô đã có trong sổ",
    RequestPayloadSizeLimitExceeded: "Yêu cầu quá lớn cho Excel trên web",
    ApiNotFound: "Phiên bản Excel này không hỗ trợ thao tác cần dùng",
    GeneralException: "Excel gặp lỗi chung",
  };
  const text = (e.code && known[e.code]) ?? "Excel báo lỗi";
  return `${text}${where}: ${e.message ?? String(error)}${e.code ? ` [${e.code}]` : ""}. Chưa có số liệu nào bị xóa; có thể thử lại.`;
}

export interface InsertUi {
  readonly root: HTMLElement;
  readonly status: HTMLElement;
}

/** Wires the insert section inside `root`. */
export function mountInsert(root: HTMLElement, run: ExcelRunner, supports: Supports): void {
  clear(root);
  root.appendChild(el("h2", "Chèn mẫu biểu", { id: "insert-title" }));
  root.setAttribute("aria-labelledby", "insert-title");
  root.appendChild(el("p", "Chèn mẫu Phụ lục 2 vào sổ đang mở; cán bộ chỉ nhập số liệu vào ô màu vàng, điểm tự tính.", { class: "pane-hint" }));

  const sheets = el("fieldset");
  sheets.appendChild(el("legend", "Trang tính"));
  const boxes = new Map<SheetRole, HTMLInputElement>();
  for (const role of VISIBLE_ROLES) {
    const label = el("label", undefined, { class: "pane-check" });
    const box = el("input", undefined, { type: "checkbox", value: role });
    box.checked = true;
    boxes.set(role, box);
    label.append(box, document.createTextNode(` ${ROLE_LABELS[role]}`));
    sheets.appendChild(label);
  }
  root.appendChild(sheets);

  const kind = el("fieldset");
  kind.appendChild(el("legend", "Công thức ô điểm"));
  const radios: HTMLInputElement[] = [];
  for (const [value, text] of [
    ["portable", "Công thức Excel thường (khuyên dùng: tính được khi gửi cho người không có bổ trợ, Excel cũ, LibreOffice)"],
    ["functions", "Hàm DTI.* (cần bổ trợ ở mọi máy mở sổ)"],
  ] as const) {
    const label = el("label", undefined, { class: "pane-check" });
    const radio = el("input", undefined, { type: "radio", name: "formulas", value });
    radio.checked = value === "portable";
    radios.push(radio);
    label.append(radio, document.createTextNode(` ${text}`));
    kind.appendChild(label);
  }
  root.appendChild(kind);

  const sampleLabel = el("label", undefined, { class: "pane-check" });
  const sample = el("input", undefined, { type: "checkbox", id: "sample-tasks" });
  sampleLabel.append(sample, document.createTextNode(" Điền sẵn nhiệm vụ mẫu (Phụ lục 1, Kế hoạch 4233/KH-UBND Ninh Thuận)"));
  root.appendChild(sampleLabel);

  const protectLabel = el("label", undefined, { class: "pane-check" });
  const protect = el("input", undefined, { type: "checkbox", id: "protect" });
  protect.checked = true;
  protectLabel.append(protect, document.createTextNode(" Khóa trang tính, chỉ để mở các ô nhập (không mật khẩu)"));
  root.appendChild(protectLabel);

  const previewButton = el("button", "Xem trước", { type: "button", class: "pane-button" });
  const insertButton = el("button", "Chèn vào sổ làm việc", { type: "button", class: "pane-button pane-primary" });
  insertButton.disabled = true;
  const preview = el("div", undefined, { class: "pane-preview", "aria-live": "polite" });
  const status = el("p", "", { class: "pane-status", role: "status", "aria-live": "polite" });
  const buttons = el("div", undefined, { class: "pane-buttons" });
  buttons.append(previewButton, insertButton);
  root.append(buttons, preview, status);

  let layout: WorkbookLayout | null = null;
  const choices = new Map<string, ConflictChoice>();

  const currentLayout = (): WorkbookLayout => {
    const roles = VISIBLE_ROLES.filter((r) => boxes.get(r)?.checked);
    const formulas = radios.find((r) => r.checked)?.value === "functions" ? "functions" : "portable";
    return buildWorkbookLayout(dtiProvince2022, {
      formulas,
      sheets: roles,
      protect: protect.checked,
      ...(sample.checked ? { sampleTasks: ninhThuan2022TaskList } : {}),
    });
  };

  const busy = (on: boolean, text: string): void => {
    previewButton.disabled = on;
    insertButton.disabled = on || layout === null;
    status.textContent = text;
    status.classList.toggle("pane-busy", on);
    root.setAttribute("aria-busy", String(on));
  };

  const renderPlan = (existing: readonly string[]): void => {
    if (!layout) return;
    clear(preview);
    const current = layout;
    const plan = planInsert(current, existing, (name) => choices.get(name) ?? "rename");
    const list = el("ul");
    for (const line of plan.summary) list.appendChild(el("li", line));
    preview.appendChild(list);
    for (const sheet of current.sheets) {
      if (sheet.visibility !== "visible") continue;
      const clash = existing.find((n) => n.toLocaleLowerCase("vi") === sheet.name.toLocaleLowerCase("vi"));
      if (!clash) continue;
      const label = el("label", `Trang "${clash}" đã có: `, { class: "pane-choice" });
      const select = el("select");
      for (const c of ["rename", "update", "cancel"] as const) {
        const option = el("option", CHOICE_LABELS[c], { value: c });
        option.selected = (choices.get(clash) ?? "rename") === c;
        select.appendChild(option);
      }
      select.addEventListener("change", () => {
        choices.set(clash, select.value as ConflictChoice);
        renderPlan(existing);
      });
      label.appendChild(select);
      preview.appendChild(label);
    }
    insertButton.disabled = plan.cancelled;
  };

  previewButton.addEventListener("click", () => {
    busy(true, "Đang đọc các trang tính hiện có…");
    void run(async (context) => {
      const ws = context.workbook.worksheets;
      ws.load("items/name");
      await context.sync();
      return ws.items.map((w) => w.name);
    })
      .then((existing) => {
        layout = currentLayout();
        choices.clear();
        busy(false, "Kiểm tra danh sách dưới đây rồi bấm “Chèn vào sổ làm việc”.");
        renderPlan(existing);
      })
      .catch((e: unknown) => busy(false, describeError(e)));
  });

  insertButton.addEventListener("click", () => {
    const chosen = layout;
    if (!chosen) return;
    busy(true, "Đang chèn mẫu biểu… (có thể mất vài giây với Excel trên web)");
    void run((context) => writeLayout(context, chosen, (name) => choices.get(name) ?? "rename", supports))
      .then((result) => {
        layout = null;
        clear(preview);
        if (result.plan.cancelled) {
          busy(false, "Đã hủy: không có gì được ghi vào sổ làm việc.");
          return;
        }
        const lines = [...result.plan.summary];
        if (result.preserved.length) lines.push(`Giữ lại ${result.preserved.length} số liệu đã nhập.`);
        if (result.notPlaced.length) lines.push(`Không đặt lại được (báo để kiểm tra): ${result.notPlaced.join(", ")}.`);
        const list = el("ul");
        for (const line of lines) list.appendChild(el("li", line));
        preview.appendChild(list);
        busy(false, "Đã chèn xong. Chỉ nhập số liệu vào các ô màu vàng.");
      })
      .catch((e: unknown) => busy(false, describeError(e)));
  });
}
