/**
 * Reading a set that templates will be made from: the catalog's checks, plus the length of the
 * defined names the templates would give its ids (Excel refuses a name over 255 characters).
 * Every reader of a set from a file or a sheet uses this; the catalog's own parse without the
 * names serves sets already accepted (shipped, or stored by the pane).
 */
import { parseIndicatorSet, type ParseOptions, type ParseResult } from "../catalog/load";
import { names } from "./names";

export function parseTemplateSet(data: unknown, source: string, options: ParseOptions = {}): ParseResult {
  return parseIndicatorSet(data, source, names, options);
}
