/**
 * The stable workbook-level names of the templates. Readers find every figure by these
 * names, never by position, so users may insert rows and columns freely.
 *   DTI_3_1_a        input a of indicator 3.1 (dots become underscores)
 *   DTI_INFO_4       general-information item 4
 *   DTI_REF_4_5_MIN  reference minimum of a cross-unit row (§9), and _MAX
 *   DTI_3_1_SCORE    points of indicator 3.1
 *   DTI_PILLAR_III   a pillar total; DTI_TOTAL; DTI_INDEX
 */

export const TEMPLATE_VERSION = 1;

const idPart = (id: string): string => id.trim().replace(/\./g, "_");

export const names = {
  input: (indicatorId: string, variable: string): string => `DTI_${idPart(indicatorId)}_${variable}`,
  info: (item: number): string => `DTI_INFO_${item}`,
  referenceMin: (indicatorId: string): string => `DTI_REF_${idPart(indicatorId)}_MIN`,
  referenceMax: (indicatorId: string): string => `DTI_REF_${idPart(indicatorId)}_MAX`,
  score: (indicatorId: string): string => `DTI_${idPart(indicatorId)}_SCORE`,
  /** Typed annotations of an indicator row: annual target, evidence, note. */
  target: (indicatorId: string): string => `DTI_${idPart(indicatorId)}_TARGET`,
  evidence: (indicatorId: string): string => `DTI_${idPart(indicatorId)}_EVIDENCE`,
  note: (indicatorId: string): string => `DTI_${idPart(indicatorId)}_NOTE`,
  infoNote: (item: number): string => `DTI_INFO_${item}_NOTE`,
  pillar: (pillarId: string): string => `DTI_PILLAR_${pillarId}`,
  total: "DTI_TOTAL",
  index: "DTI_INDEX",
  /** The previous year's published results, typed on Tổng hợp for comparison. */
  previousPillar: (pillarId: string): string => `DTI_PREV_PILLAR_${pillarId}`,
  previousTotal: "DTI_PREV_TOTAL",
  previousIndex: "DTI_PREV_INDEX",
  /**
   * The ministry's published result (dti.gov.vn), typed on Tổng hợp as index values 0..1 with
   * 4 decimals ("0,5234"): per main index, and the DTI itself.
   */
  publishedPillar: (pillarId: string): string => `DTI_PUB_PILLAR_${pillarId}`,
  publishedIndex: "DTI_PUB_INDEX",
  /**
   * The previous reporting period's figures on Tổng hợp, written as values by the rollover
   * (`dti template --update --period …` to a later period): its period text ("Quý II/2026"),
   * main-index points, total points and index.
   */
  lastPeriod: "DTI_LAST_PERIOD",
  lastPillar: (pillarId: string): string => `DTI_LAST_PILLAR_${pillarId}`,
  lastTotal: "DTI_LAST_TOTAL",
  lastIndex: "DTI_LAST_INDEX",
  /** The labels and fractions of a choice variable's options, on the lists sheet. */
  optionLabels: (indicatorId: string, variable: string): string => `DTI_LIST_${idPart(indicatorId)}_${variable}`,
  optionFractions: (indicatorId: string, variable: string): string => `DTI_FRAC_${idPart(indicatorId)}_${variable}`,
  /** The indicator set id and template version the workbook was made from. */
  metaSet: "DTI_META_SET",
  metaVersion: "DTI_META_VERSION",
  /** Whether the §2 alternative threshold reading is on (TRUE/FALSE) in this workbook. */
  optionAltThreshold: "DTI_OPT_ALT_THRESHOLD",
  /** Whether every "Min-Max" row is scored as a ratio to the best unit (§10), "Có"/"Không". */
  optionMinMaxAsBest: "DTI_OPT_MINMAX_AS_BEST",
  /** On DTI_META of a part written by `dti split`: the agency, and the master's file name. */
  partAgency: "DTI_META_PART",
  partMaster: "DTI_META_MASTER",
  /** The "Có"/"Không" list the option cells validate against, on the lists sheet. */
  yesNoList: "DTI_LIST_YESNO",
  /** The "Nhiệm vụ" sheet's report date, and the list of task statuses. */
  tasksReportDate: "DTI_TASKS_REPORT_DATE",
  taskStatusList: "DTI_LIST_TASK_STATUS",
  /** The reporting period ("Quý III/2026", "Năm 2026") on Tổng hợp, and the drop-down it takes. */
  period: "DTI_PERIOD",
  periodList: "DTI_LIST_PERIOD",
  /** The reporting calendar setting on the master's Tổng hợp ("ninh-thuan", "25, 20/12; 30, 25/12"). */
  calendar: "DTI_CALENDAR",
  /** A part's due date at Sở TTTT (an Excel date), on its Tổng hợp. */
  dueDate: "DTI_DUE_DATE",
  /**
   * The cells of task row `no` of the "Nhiệm vụ" sheet (1 = its first task row when the template
   * was made): a task's identity between a master and the parts that carry it (./part-tasks.ts).
   */
  task: (no: number, field: TaskField): string => `DTI_TASK_${no}_${field}`,
  taskLead: (no: number): string => `DTI_TASK_${no}_LEAD`,
  taskStatus: (no: number): string => `DTI_TASK_${no}_STATUS`,
  taskProgress: (no: number): string => `DTI_TASK_${no}_PROGRESS`,
  taskNote: (no: number): string => `DTI_TASK_${no}_NOTE`,
} as const;

/** The cells the quarterly report reads beside the figures (./quarterly-report.ts): the calendar, and the mark of a part (refused). */
export const REPORT_CELLS: readonly string[] = [names.calendar, names.partAgency];

/** The named cells of a task row, one per typed column of "Nhiệm vụ". */
export const TASK_FIELDS = ["STT", "TEXT", "LEAD", "COORD", "DEADLINE", "STATUS", "PROGRESS", "NOTE"] as const;
export type TaskField = (typeof TASK_FIELDS)[number];
/** The fields an agency updates in its part and merge brings back. */
export const TASK_MERGED_FIELDS = ["STATUS", "PROGRESS", "NOTE"] as const satisfies readonly TaskField[];

/** The task number and field of a task cell's name ("DTI_TASK_5_STATUS" → 5, "STATUS"); undefined otherwise. */
export function parseTaskName(name: string): { readonly no: number; readonly field: TaskField } | undefined {
  const m = /^DTI_TASK_([1-9][0-9]{0,5})_([A-Z]+)$/i.exec(name);
  const field = m?.[2]?.toUpperCase();
  if (!m || !(TASK_FIELDS as readonly string[]).includes(field ?? "")) return undefined;
  return { no: Number(m[1]), field: field as TaskField };
}

/**
 * Sheet names of the templates (Vietnamese, as users know them). The indicator sheet of the
 * ministry's DTI sets (the built-in ones) is "Chỉ số DTI <year>"; a province's own set for its
 * departments, districts or communes is not the DTI, so its sheet is "Chỉ số <year>" (its
 * title row carries the set's own name). `legacyIndicators`: the name earlier versions gave.
 */
export function sheetNames(year: number, options: { readonly dti?: boolean } = {}): {
  info: string;
  indicators: string;
  summary: string;
  assignment: string;
  tasks: string;
  lists: string;
  meta: string;
} {
  return {
    info: "Thông tin chung",
    indicators: options.dti === false ? `Chỉ số ${year}` : `Chỉ số DTI ${year}`,
    summary: "Tổng hợp",
    assignment: "Phân công",
    tasks: "Nhiệm vụ",
    lists: "Danh mục",
    meta: "DTI_META",
  };
}
