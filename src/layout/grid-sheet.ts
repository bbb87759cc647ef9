/**
 * A sheet filled cell by cell, 1-based as formulas count (the books `dti aggregate` and
 * `dti trend` write), turned into a host-neutral SheetLayout that src/xlsx/workbook.ts writes.
 */
import { columnLetter, type CellContent, type CellFormat, type FormatRange, type SheetLayout } from "./model";

/** The header row's look: bold, centred labels on a blue fill. */
export const HEADER: CellFormat = { bold: true, fill: "#DDEBF7", wrap: true, vertical: "middle", horizontal: "center" };

/** A sheet being filled: 1-based rows and columns, as the formulas count them. */
export class GridSheet<Role extends string> {
  private readonly rows: CellContent[][] = [];
  readonly formats: FormatRange[] = [];
  private width = 0;

  constructor(
    readonly name: string,
    readonly role: Role,
  ) {}

  put(r: number, c: number, content: CellContent): void {
    while (this.rows.length < r) this.rows.push([]);
    (this.rows[r - 1] as CellContent[])[c - 1] = content;
    this.width = Math.max(this.width, c);
  }

  format(ref: string, format: CellFormat): void {
    this.formats.push({ ref, format });
  }

  /** The header row: bold, centred labels on a blue fill (48 points high: see layout()). */
  header(labels: readonly string[]): void {
    labels.forEach((label, n) => this.put(1, n + 1, label));
    this.format(`A1:${col(labels.length)}1`, HEADER);
  }

  layout(columnWidths: readonly number[], freeze: { rows: number; columns: number }, rowHeights?: Readonly<Record<number, number>>): SheetLayout<Role> {
    const width = Math.max(this.width, columnWidths.length);
    const grid = this.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
    return {
      name: this.name,
      role: this.role,
      visibility: "visible",
      columnWidths,
      grid,
      ...(rowHeights ? { rowHeights } : {}),
      merges: [],
      formats: this.formats,
      validations: [],
      conditionalFormats: [],
      freeze,
      print: { landscape: true },
      protect: false,
      charts: [],
    };
  }
}

const col = (c: number): string => columnLetter(c - 1);
