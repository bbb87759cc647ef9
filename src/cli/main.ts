/**
 * dti: the command line of DTI Workbench. Same catalog and engine as the add-in.
 *   dti catalog [--json] [--set ID]
 *   dti score FILE.json [--alt-threshold] [--minmax-as-best]
 * Exit 0 when the input was read (value problems are statuses in the report),
 * 1 when it cannot be read or has the wrong shape, with a message on stderr, no stack trace.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getIndicatorSet, indicatorSets } from "../catalog";
import { describeIndicator } from "../catalog/describe";
import { DtiError } from "../engine/errors";
import { toReport } from "../engine/report";
import { scoreUnits } from "../engine/score";
import type { ScoreOptions } from "../engine/types";
import { parseScoreInput } from "./json-input";

const USAGE = `Cách dùng / Usage:
  npm run -s dti -- catalog [--json] [--set <mã bộ chỉ số>]
      Liệt kê bộ chỉ số: trụ cột, chỉ số thành phần, điểm tối đa, cách tính, biến.
  npm run -s dti -- score <tệp.json> [--alt-threshold] [--minmax-as-best]
      Tính điểm, tổng trụ cột và chỉ số DTI; in báo cáo JSON.
      --alt-threshold   cách đọc khác của ngưỡng (tỷ lệ/ngưỡng × điểm tối đa), §2; mặc định tắt
      --minmax-as-best  tính mọi chỉ số "Min-Max" theo tỷ lệ so với đơn vị cao nhất, §10; mặc định tắt
`;

/** Output and exit code, so the CLI can be tested without spawning a process. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function fail(message: string): CliResult {
  return { code: 1, stdout: "", stderr: `Lỗi: ${message}\n` };
}

function catalog(args: readonly string[]): CliResult {
  const { values } = parseArgs({ args: [...args], options: { json: { type: "boolean" }, set: { type: "string" } } });
  const setId = values.set ?? "dti-province-2022";
  const set = getIndicatorSet(setId);
  if (!set) {
    return fail(`không có bộ chỉ số "${setId}". Có: ${indicatorSets.map((s) => s.id).join(", ")}.`);
  }
  if (values.json) return { code: 0, stdout: `${JSON.stringify(set, null, 2)}\n`, stderr: "" };
  const lines = [`${set.name} (${set.id})`, `Nguồn: ${set.source}`, "", "THÔNG TIN CHUNG"];
  for (const item of set.infoItems) {
    lines.push(`  ${item.id}. ${item.name}${item.unit ? ` [${item.unit}]` : ""} — ${item.responsible}`);
  }
  for (const pillar of set.pillars) {
    lines.push("", `${pillar.id}. ${pillar.name} — ${pillar.maxPoints} điểm`);
    for (const ind of set.indicators.filter((i) => i.pillar === pillar.id)) {
      lines.push(...describeIndicator(ind).map((l) => `  ${l}`));
    }
  }
  lines.push("", `Tổng điểm tối đa: ${set.maxTotal}. Chỉ số DTI = tổng điểm / ${set.maxTotal}.`);
  return { code: 0, stdout: `${lines.join("\n")}\n`, stderr: "" };
}

function score(args: readonly string[], readFile: (path: string) => string): CliResult {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { "alt-threshold": { type: "boolean" }, "minmax-as-best": { type: "boolean" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) return fail(`cần đúng một tệp đầu vào.\n${USAGE}`);
  if (!file.toLowerCase().endsWith(".json")) {
    return fail(`${file}: hiện chỉ đọc được tệp .json (tệp .xlsx sẽ được hỗ trợ cùng mẫu biểu).`);
  }
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "không tìm thấy tệp" : "không đọc được tệp";
    return fail(`${file}: ${reason}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`${file}: không phải JSON hợp lệ (${(e as Error).message}).`);
  }
  const options: ScoreOptions = {
    altThreshold: values["alt-threshold"] === true,
    minMaxAsRatioToBest: values["minmax-as-best"] === true,
  };
  const input = parseScoreInput(data, file);
  const results = scoreUnits(input.set, input.units, options);
  return { code: 0, stdout: `${JSON.stringify(toReport(input.set, results, options), null, 2)}\n`, stderr: "" };
}

export function run(argv: readonly string[], readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): CliResult {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "catalog":
        return catalog(rest);
      case "score":
        return score(rest, readFile);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        return { code: command === undefined ? 1 : 0, stdout: USAGE, stderr: "" };
      default:
        return fail(`lệnh không rõ "${command}".\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof DtiError) return fail(e.message);
    // parseArgs reports unknown options with a TypeError carrying a code.
    if ((e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) return fail(`${(e as Error).message}\n${USAGE}`);
    return fail(`lỗi không mong đợi: ${(e as Error).message}`);
  }
}

if (require.main === module) {
  const result = run(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
