/**
 * What the task pane gets from Excel: a way to run a batch against the workbook. The entry
 * (./taskpane.ts) passes `Excel.run`; the browser tests pass a runner over the fake host.
 * The shell and every tab take it from here, so no tab imports another for it.
 */

/** Runs a batch against the workbook (Excel.run in the add-in; a fake host in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
