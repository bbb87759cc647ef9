/**
 * npm run bench: scores 1,000 units × the whole 2022 set (min-max and ratio-to-best across
 * all of them) with the exact engine, and the same arithmetic in plain floats as the floor.
 * Prints milliseconds, units per second and the ratio to the floor.
 * Goals (issue 2): the exact run under 1 s; within 20× of the float floor.
 */
import { dtiProvince2022 as set } from "../src/catalog";
import { scoreUnits } from "../src/engine/score";
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
