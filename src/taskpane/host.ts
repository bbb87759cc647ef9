/**
 * What the task pane's tabs get from the shell around them (./app.ts) and from Excel: a way
 * to run a batch against the workbook, the busy flag and status line, and the shared
 * controls. The entry (./taskpane.ts) passes `Excel.run`; the browser tests pass a runner
 * over the fake host. Every tab takes these from here, so no tab imports another or the shell.
 */
import type { IndicatorSet } from "../catalog";
import { DtiError } from "../engine/errors";
import type { UnitResult } from "../engine/types";
import { say } from "../i18n/findings";
import { lang, t } from "../i18n/strings";
import type { ReadResult } from "../layout/read-inputs";
import type { ComputeSummary } from "../layout/summary";
import type { ValidationReport } from "../layout/validate";
import { WriteLayoutError } from "../office/write-layout";

/** Runs a batch against the workbook (Excel.run in the add-in; a fake host in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What a tab needs of the pane around it. */
export interface PaneHost {
  readonly run: ExcelRunner;
  busy(): boolean;
  /** Runs `work` with the pane marked busy; its result becomes the status line. */
  task(message: string, work: () => Promise<string>): Promise<void>;
  /** Shows progress while a task runs. */
  progress(message: string): void;
  /** Shows a status line outside a task (and renders). */
  say(message: string): void;
  render(): void;
  button(text: string, testid: string, onClick: () => void, primary?: boolean): HTMLButtonElement;
  check(text: string, testid: string, checked: boolean, onChange: (on: boolean) => void): HTMLLabelElement;
}

/** A readable line for anything Excel or an adapter reports. */
export function describeError(error: unknown): string {
  if (error instanceof WriteLayoutError) return error.message;
  // The engine's shape errors (a duplicate unit, an unknown indicator) are findings: in the pane's language.
  if (error instanceof DtiError && error.problem) return say(error.problem, lang());
  const e = error as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const where = e.debugInfo?.errorLocation ? ` (${e.debugInfo.errorLocation})` : "";
  return `${t("excelError")}${where}: ${e.message ?? String(error)}${e.code ? ` [${e.code}]` : ""}`;
}

/** The open workbook as last read and scored (by the validate, compute and agency tabs). */
export interface ScoredWorkbook {
  readonly read: ReadResult | null;
  readonly result: UnitResult | null;
  readonly report: ValidationReport | null;
  readonly summary: ComputeSummary | null;
}

/** What the tabs that read and score the workbook need of the pane around them. */
export interface ScoringHost extends PaneHost {
  /** The indicator set of the open workbook. */
  set(): IndicatorSet;
  scored(): ScoredWorkbook;
  /** Reads the workbook (2 round trips) and scores it; false when it holds no usable template. */
  readAndScore(): Promise<boolean>;
}
