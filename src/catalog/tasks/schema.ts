/**
 * The shape of a task list ("danh mục nhiệm vụ"): the appendix of a provincial plan that
 * assigns tasks to agencies with a deadline (Phụ lục 1 of Ninh Thuận's Kế hoạch
 * 4233/KH-UBND, the "Danh mục các nhiệm vụ trọng tâm" of Bình Dương's Kế hoạch 1906/KH-UBND).
 *
 * A task list is data, like an indicator set: texts are verbatim from the source, and the
 * "Nhiệm vụ" sheet (src/layout/tasks-sheet.ts) is built from it.
 */

/**
 * One row of the list, as the source table writes it.
 *
 * Section headings ("A. Nhóm nhiệm vụ…", "I. Nhóm Nhận thức số") are rows too, so that the
 * list keeps the source's order in one array: a heading has `section` set to its title,
 * `stt` set to its number ("A", "I"), and every other field "". A task has no `section`.
 * Use `isSectionRow` rather than testing fields.
 */
export interface TaskRow {
  /** The row's number as written: "1", "2" for tasks (restarting in each section), "A"/"I" for headings. */
  readonly stt: string;
  /** Nhiệm vụ (the task text); "" on a heading. */
  readonly task: string;
  /** Cơ quan chủ trì (lead agency). */
  readonly lead: string;
  /** Cơ quan phối hợp (coordinating agencies). */
  readonly coordinating: string;
  /**
   * Thời gian hoàn thành, as written ("Tháng 10/2022", "Quý IV/2022", "2022-2025", …);
   * read by src/layout/deadline.ts. "" when the source gives none.
   */
  readonly deadline: string;
  /** Ghi chú. */
  readonly note: string;
  /** Set on section headings only: the heading's title. */
  readonly section?: string;
}

/** A task list with the document it comes from, for the sheet's source line. */
export interface TaskList {
  /** Citation of the source document (Vietnamese). */
  readonly source: string;
  readonly tasks: readonly TaskRow[];
}

export function isSectionRow(row: TaskRow): boolean {
  return row.section !== undefined;
}

/**
 * Statuses offered by the sheet's drop-down, in the order shown. The source tables have no
 * status column; these are the product's, and only TASK_STATUS_DONE has a meaning to the
 * formulas (a done task is never overdue).
 */
export const TASK_STATUSES = ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Tạm dừng"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_DONE: TaskStatus = "Hoàn thành";
