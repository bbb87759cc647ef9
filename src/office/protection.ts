/**
 * Changing cells on protected template sheets: unprotect, change, protect again with the
 * options the sheet had, all in one batch, and put the protection back if the batch fails.
 * Used by marking cells (./marks.ts) and by the workbook's switches (./options.ts).
 *
 * The template sheets are protected without a password. A sheet someone protected with one
 * makes `unprotect()` fail; Excel then stops the batch at that call, so nothing queued after
 * it changes. Probing (unprotect and protect again at once, before the change) makes that
 * hold for every sheet of the batch, not only the first one unprotected.
 *
 * No Office global is read; everything goes through the request context.
 */

/** A worksheet and the protection it had when loaded ("items/protection/options"). */
export interface SheetProtection {
  readonly ws: Excel.Worksheet;
  readonly options: Excel.WorksheetProtectionOptions;
}

/** Whether a failed batch failed because a sheet has a password (`unprotect()` refused). */
export function isPasswordFailure(e: unknown): boolean {
  const err = e as { code?: unknown; debugInfo?: { errorLocation?: unknown } } | null | undefined;
  return err?.code === "BadPassword" || /unprotect/i.test(String(err?.debugInfo?.errorLocation ?? ""));
}

/**
 * Queues, in the current batch, `change` between unprotecting `sheets` and protecting them
 * again with their options. With `probe`, each sheet is first unprotected and protected again
 * at once, so a password on any of them stops the batch before anything changed.
 */
export function queueUnprotected(sheets: readonly SheetProtection[], change: () => void, options: { readonly probe?: boolean } = {}): void {
  if (options.probe) {
    for (const s of sheets) {
      s.ws.protection.unprotect();
      s.ws.protection.protect(s.options);
    }
  }
  for (const s of sheets) s.ws.protection.unprotect();
  change();
  for (const s of sheets) s.ws.protection.protect(s.options);
}

/**
 * After a failed batch: protect again, with their options, the sheets left unprotected. Best
 * effort (1 round trip, 2 when a sheet was left open); never throws, as the original error is
 * the one worth reporting.
 */
export async function putProtectionBack(context: Excel.RequestContext, sheets: readonly SheetProtection[]): Promise<void> {
  if (sheets.length === 0) return;
  try {
    const states = sheets.map((s) => ({ s, protection: context.workbook.worksheets.getItem(s.ws.name).protection.load("protected") }));
    await context.sync();
    const open = states.filter(({ protection }) => !protection.protected);
    for (const { s, protection } of open) protection.protect(s.options);
    if (open.length > 0) await context.sync();
  } catch {
    // The original error is the one worth reporting.
  }
}
