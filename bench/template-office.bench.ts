/**
 * npx tsx bench/template-office.bench.ts: writes the full 2022 template set through the
 * Office.js writer into the fake Excel host (test/fakes/excel.ts), fresh and as an update in
 * place, plus a synthetic sheet of BENCH_ROWS rows (default 2,000). Prints the round trips
 * (`context.sync()` calls), the size of the write request and the wall time of the writer
 * and the fake together — the round trips are what cost on a real host (tens to hundreds
 * of ms each on the web), so their number must not grow with the rows.
 */
import { FakeExcel } from "../test/fakes/excel";
import { writeLayout } from "../src/office/write-layout";
import { buildWorkbookLayout } from "../src/layout/build";
import { dtiProvince2022 } from "../src/catalog";
import { cellRef, type CellContent, type DefinedName, type WorkbookLayout } from "../src/layout/model";
import type { ConflictChoice } from "../src/layout/plan";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 2000);

/** One visible sheet of `rows` indicator rows: an input, a score formula, formats, a validation. */
function syntheticLayout(rows: number): WorkbookLayout {
  const name = "Chỉ số tổng hợp";
  const grid: CellContent[][] = [["Mã", "Chỉ số", "Số liệu", "Điểm"]];
  const names: DefinedName[] = [];
  for (let i = 1; i <= rows; i++) {
    grid.push([`1.${i}`, `Chỉ số thử ${i}`, null, { f: `IF(C${i + 1}="","",C${i + 1}*2)` }]);
    names.push({ name: `DTI_1_${i}_a`, sheet: name, ref: cellRef(i, 2, true), kind: "input" });
  }
  return {
    indicatorSet: "synthetic",
    templateVersion: 1,
    formulas: "portable",
    names,
    sheets: [
      {
        name,
        role: "indicators",
        visibility: "visible",
        columnWidths: [8, 40, 14, 12],
        grid,
        merges: [],
        formats: [
          { ref: "A1:D1", format: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", border: true } },
          { ref: `C2:C${rows + 1}`, format: { fill: "#FFF2CC", locked: false, numberFormat: "#,##0" } },
          { ref: `D2:D${rows + 1}`, format: { numberFormat: "0.00" } },
        ],
        validations: [{ ref: `C2:C${rows + 1}`, rule: { kind: "decimal", min: 0 }, promptTitle: "Số liệu", prompt: "Nhập số ≥ 0.", errorTitle: "Sai", error: "Phải là số ≥ 0." }],
        conditionalFormats: [],
        freeze: { rows: 1, columns: 2 },
        print: { landscape: true, repeatRows: "1:1" },
        protect: true,
        charts: [],
      },
    ],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

interface Run {
  syncs: number;
  ms: number;
  payload: number;
  cells: number;
}

async function bench(layout: WorkbookLayout, choice: ConflictChoice, prepare: (fake: FakeExcel) => Promise<void>): Promise<{ first: Run; median: Run }> {
  const runs: Run[] = [];
  for (let n = 0; n < RUNS; n++) {
    const fake = new FakeExcel();
    await prepare(fake);
    const before = fake.syncCount;
    const t0 = process.hrtime.bigint();
    const result = await writeLayout(fake.context, layout, () => choice, fake.supports);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const log = fake.syncLog.slice(before);
    if (result.syncs !== fake.syncCount - before) throw new Error("sync count mismatch");
    runs.push({
      syncs: result.syncs,
      ms,
      payload: Math.max(...log.map((s) => s.payloadBytes)),
      cells: layout.sheets.reduce((s, sh) => s + sh.grid.length * (sh.grid[0]?.length ?? 0), 0),
    });
  }
  const byTime = [...runs].sort((a, b) => a.ms - b.ms);
  return { first: runs[0] as Run, median: { ...(byTime[Math.floor(byTime.length / 2)] as Run), ms: median(runs.map((r) => r.ms)) } };
}

const fresh = async (): Promise<void> => {};

async function main(): Promise<void> {
  const full = buildWorkbookLayout(dtiProvince2022, { formulas: "portable" });
  const synthetic = syntheticLayout(ROWS);
  const earlierCopy = async (fake: FakeExcel): Promise<void> => {
    await writeLayout(fake.context, full, () => "rename");
  };
  const cases: [string, WorkbookLayout, ConflictChoice, (fake: FakeExcel) => Promise<void>][] = [
    [`full template set (${dtiProvince2022.id}), new workbook`, full, "rename", fresh],
    ["full template set, update in place of an earlier copy", full, "update", earlierCopy],
    [`synthetic sheet of ${ROWS} rows, new workbook`, synthetic, "rename", fresh],
  ];
  console.log(`Office.js template writer on the fake host, ${RUNS} runs, median`);
  let worst = 0;
  for (const [label, layout, choice, prepare] of cases) {
    const r = await bench(layout, choice, prepare);
    worst = Math.max(worst, r.median.syncs);
    console.log(`  ${label}`);
    console.log(
      `    ${r.median.syncs} syncs   ${r.median.ms.toFixed(1).padStart(7)} ms (first run ${r.first.ms.toFixed(1)} ms)   ` +
        `${r.median.cells.toLocaleString("en-US")} grid cells   largest request ${(r.median.payload / 1024).toFixed(0)} KiB`,
    );
  }
  console.log(`  goal: ≤ 5 syncs whatever the rows   ${worst <= 5 ? "met" : "NOT met"}`);
  console.log(`  goal: request under 5 MB (Excel on the web)   checked by the fake on every sync`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
