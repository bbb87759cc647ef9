/**
 * "Go to cell" for the task pane: shows the cell of a workbook-level defined name, in two
 * round trips:
 *   1. the name (its type and address) and the sheets' visibility;
 *   2. activate its sheet and select its cells.
 *
 * The sheet is activated before the range is selected: `range.select()` alone does not
 * switch sheets reliably on every host (OfficeDev/office-js#5118). A hidden sheet is never
 * unhidden for this: users hid it, or it is one of the template's helper sheets.
 *
 * No Office global is read; everything goes through the request context.
 */

/** The sheet part of a range address as Excel reports it ("'Chỉ số DTI 2022'!$F$14", "=Data!$A$1"). */
export function sheetOfAddress(address: unknown): string | undefined {
  if (typeof address !== "string") return undefined;
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!./.exec(address.replace(/^=/, ""));
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/**
 * Activates the sheet of `name` and selects its cells. False, with nothing changed, when the
 * name is missing, broken (#REF!) or not a range, or when its sheet is hidden.
 */
export async function selectName(context: Excel.RequestContext, name: string): Promise<boolean> {
  const item = context.workbook.names.getItemOrNullObject(name);
  item.load("type,value");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();

  if (item.isNullObject || item.type !== "Range") return false;
  const sheetName = sheetOfAddress(item.value);
  const key = sheetName?.toLocaleLowerCase("vi");
  const sheet = sheets.items.find((ws) => ws.name.toLocaleLowerCase("vi") === key);
  if (sheet === undefined || sheet.visibility !== "Visible") return false;

  sheet.activate();
  item.getRange().select();
  await context.sync();
  return true;
}
