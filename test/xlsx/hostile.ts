/**
 * Hostile .xlsx files for the bounded-reading tests, built in the test: zip bombs that inflate
 * to hundreds of megabytes from well under a megabyte, without ever holding those megabytes.
 *
 * DEFLATE lets independent pieces follow one another: a piece compressed on its own and ended
 * with a sync flush is byte-aligned and not final, so "prefix, N × the same compressed chunk,
 * suffix (final)" is one valid stream. A megabyte of repeated rows compresses once to ~1 kB;
 * repeating those bytes 400 times gives 400 MB of rows for ~0.4 MB. The zip around it is
 * written here (fflate writes only what it compresses itself); CRCs are left at 0, as no reader
 * on the way to a refusal checks them.
 */
import { constants, deflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";

const sync = (text: string | Uint8Array): Buffer => deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH });

/** A raw DEFLATE stream of prefix + times × unit + suffix, and the size it inflates to. */
export function repeatedDeflate(prefix: string, unit: string, times: number, suffix: string): { data: Uint8Array; size: number } {
  const chunk = sync(unit);
  const head = sync(prefix);
  const tail = deflateRawSync(suffix); // final block
  const data = Buffer.concat([head, ...Array.from({ length: times }, () => chunk), tail]);
  return { data, size: Buffer.byteLength(prefix) + times * Buffer.byteLength(unit) + Buffer.byteLength(suffix) };
}

export interface RawEntry {
  readonly name: string;
  /** Deflated bytes (method 8) or stored bytes (method 0). */
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  /** The size the central directory declares once inflated. */
  readonly size: number;
}

/** A zip of these entries, in order, with a central directory as any writer makes it. */
export function writeZip(entries: readonly RawEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(Math.min(e.size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, Buffer.from(e.data));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(Math.min(e.size, 0xfffffffe), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
}

/** The entries of a real .xlsx, deflated again one by one. */
export function entriesOf(xlsx: Uint8Array): RawEntry[] {
  return Object.entries(unzipSync(xlsx)).map(([name, bytes]) => ({ name, data: deflateRawSync(bytes), method: 8 as const, size: bytes.length }));
}

/** A real workbook with one part replaced (or added) by the given raw entry. */
export function withEntry(xlsx: Uint8Array, entry: RawEntry): Uint8Array {
  const entries = entriesOf(xlsx).filter((e) => e.name !== entry.name);
  return writeZip([...entries, entry]);
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = "</sheetData></worksheet>";

/**
 * A worksheet part of `megabytes` MB of rows of three cells each (the rows and cells carry no
 * address: they follow one another, as a writer may put them).
 */
export function rowsBomb(name: string, megabytes: number): RawEntry {
  const row = "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>";
  const unit = row.repeat(Math.ceil((1024 * 1024) / row.length));
  const { data, size } = repeatedDeflate(SHEET_HEAD, unit, megabytes, SHEET_TAIL);
  return { name, data, method: 8, size };
}

/** A part of `megabytes` MB of zeros (a picture, say): nothing to parse, only to inflate. */
export function zerosBomb(name: string, megabytes: number, declared?: number): RawEntry {
  const { data, size } = repeatedDeflate("", "\0".repeat(1024 * 1024), megabytes, "");
  return { name, data, method: 8, size: declared ?? size };
}
