/**
 * npm run bench: scores 1,000 units × the whole 2022 set (min-max and ratio-to-best across
 * all of them) with the exact engine, and the same arithmetic in plain floats as the floor.
 * Prints milliseconds, units per second and the ratio to the floor.
 * Goals (issue 2): the exact run under 1 s; within 20× of the float floor.
 *
 * It first prints the first-call latency (issue 12, point 4): the time from a cold import of
 * the catalog (which reads the shipped sets' JSON and checks them with `parseIndicatorSet`) and
 * the engine to the first scored indicator of the 2022 set, as DTI.SCORE meets it. Under tsx
 * the imports include compiling the TypeScript on the fly, which a production bundle does not.
 */
import type { IndicatorSet } from "../src/catalog/schema";
import type { scoreUnits as ScoreUnits } from "../src/engine/score";
import { floatScore } from "../test/support/float-floor";
import { randomUnits } from "../test/support/generate";

const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(run: () => unknown): { first: number; median: number } {
  const times: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { first: times[0] as number, median: median(times) };
}

const ms = (from: bigint, to: bigint): number => Number(to - from) / 1e6;

/** Cold import of the catalog and the engine, then one indicator scored (3.1, as DTI.SCORE would). */
async function firstCall(): Promise<{ set: IndicatorSet; scoreUnits: typeof ScoreUnits }> {
  const t0 = process.hrtime.bigint();
  await import("../src/catalog/load");
  const t1 = process.hrtime.bigint();
  const { dtiProvince2022 } = await import("../src/catalog");
  const t2 = process.hrtime.bigint();
  const { scoreIndicator, scoreUnits } = await import("../src/engine/score");
  const t3 = process.hrtime.bigint();
  const outcome = scoreIndicator(dtiProvince2022, "3.1", { a: 450000, b: 600000 });
  const t4 = process.hrtime.bigint();
  if (outcome.score === null) throw new Error("bench: 3.1 did not score");
  console.log(`DTI first call: cold import to the first scored indicator (${dtiProvince2022.id}, 3.1 = ${outcome.score.toString()} points)`);
  console.log(`  import the set checker     ${ms(t0, t1).toFixed(1).padStart(8)} ms`);
  console.log(`  import the catalog         ${ms(t1, t2).toFixed(1).padStart(8)} ms  (reads and checks the shipped sets)`);
  console.log(`  import the engine          ${ms(t2, t3).toFixed(1).padStart(8)} ms`);
  console.log(`  score the first indicator  ${ms(t3, t4).toFixed(1).padStart(8)} ms`);
  console.log(`  first call, in all         ${ms(t0, t4).toFixed(1).padStart(8)} ms`);
  return { set: dtiProvince2022, scoreUnits };
}

async function main(): Promise<void> {
  const { set, scoreUnits } = await firstCall();
  const { units, floats } = randomUnits(set, UNITS, 2022);
  const indicators = set.indicators.length;

  let checksum = 0;
  const exact = time(() => {
    const results = scoreUnits(set, units);
    checksum = results.reduce((s, r) => s + r.total.score.toNumber(), 0);
  });
  let floatChecksum = 0;
  const floor = time(() => {
    floatChecksum = floatScore(set, floats).reduce((s, r) => s + r.total, 0);
  });

  const fmt = (ms: number): string => ms.toFixed(1).padStart(8);
  const perSecond = (ms: number): string => Math.round((UNITS / ms) * 1000).toLocaleString("en-US");
  console.log(`DTI engine benchmark: ${UNITS} units × ${indicators} indicators (${set.id}), ${RUNS} runs, median`);
  console.log(`  exact (decimal.js)  ${fmt(exact.median)} ms  (first run ${exact.first.toFixed(1)} ms)  ${perSecond(exact.median)} units/s`);
  console.log(`  float floor         ${fmt(floor.median)} ms  (first run ${floor.first.toFixed(1)} ms)  ${perSecond(floor.median)} units/s`);
  const ratio = exact.median / floor.median;
  console.log(`  exact / floor       ${ratio.toFixed(1)}×`);
  console.log(`  totals agree        ${Math.abs(checksum - floatChecksum) < 1e-6 ? "yes" : "NO"} (Σ total ${checksum.toFixed(6)} vs ${floatChecksum.toFixed(6)})`);
  console.log(`  goal: whole run < 1000 ms     ${exact.median < 1000 ? "met" : "NOT met"}`);
  console.log(`  goal: within 20× of the floor ${ratio <= 20 ? "met" : "NOT met"}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
