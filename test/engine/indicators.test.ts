/**
 * One case (at least) per indicator of the 2022 provincial set, whose points follow from
 * the official text of Phụ lục 2 read as ../shared/reference/README.md decides.
 * A unit is scored alone; min-max and ratio-to-best rows get reference values (§9, §10).
 */
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreIndicator } from "../../src/engine/score";
import type { IndicatorValues, ReferenceRange } from "../../src/engine/types";

interface Case {
  readonly id: string;
  readonly why: string;
  readonly values: IndicatorValues;
  readonly points: number;
  readonly reference?: ReferenceRange;
  readonly info?: Record<string, number>;
  readonly alt?: boolean;
}

const yes = true;
const no = false;

const cases: readonly Case[] = [
  // I. Nhận thức số
  { id: "1.1", why: "Trưởng ban là Phó Bí thư/Phó Chủ tịch tỉnh: 1/2*Điểm tối đa", values: { a: 2 }, points: 5 },
  { id: "1.1", why: "Trưởng ban là Bí thư/Chủ tịch tỉnh: Điểm tối đa (by label)", values: { a: "Trưởng ban là Bí thư/Chủ tịch tỉnh" }, points: 10 },
  { id: "1.2", why: "tham gia đầy đủ (1/2) but không chủ trì (0)", values: { a: yes, b: no }, points: 5 },
  { id: "1.2", why: "both halves", values: { a: yes, b: yes }, points: 10 },
  { id: "1.3", why: "Tỷ lệ=a/b; 3 of 4 documents", values: { a: 3, b: 4 }, points: 7.5 },
  { id: "1.4", why: "updated less than weekly: 1/2 Điểm tối đa", values: { a: 2 }, points: 5 },
  { id: "1.5", why: "Từ 10 đến 19 tin bài: 1/2 *Điểm tối đa", values: { a: yes, b: 15 }, points: 5 },
  { id: "1.5", why: "Dưới 10: 1/4* Điểm tối đa", values: { a: yes, b: 3 }, points: 2.5 },
  { id: "1.5", why: "Từ 20 trở lên: điểm tối đa", values: { a: yes, b: 20 }, points: 10 },
  { id: "1.5", why: "Chưa có chuyên mục: 0 điểm, articles not needed", values: { a: no }, points: 0 },
  { id: "1.6", why: "Đã có chuyên mục riêng: Điểm tối đa", values: { a: yes }, points: 10 },
  { id: "1.7", why: "Chưa có chuyên mục: 0 điểm", values: { a: no }, points: 0 },
  { id: "1.8", why: "Tần suất từ 1 tháng/1 lần: 1/2 Điểm tối đa", values: { a: 2 }, points: 5 },
  { id: "1.9", why: "Đã có: Điểm tối đa", values: { a: 1 }, points: 10 },
  { id: "1.10", why: "dưới 1 tháng/1 lần: 0 điểm", values: { a: 3 }, points: 0 },
  // II. Thể chế số
  { id: "2.1", why: "Đã ban hành: Điểm tối đa", values: { a: yes }, points: 5 },
  { id: "2.2", why: "Chưa ban hành: 0 điểm", values: { a: no }, points: 0 },
  { id: "2.3", why: "Đã ban hành", values: { a: yes }, points: 10 },
  { id: "2.4", why: "issued but not updated is not defined: read as not issued (§7); added after the text's options", values: { a: 3 }, points: 0 },
  { id: "2.4", why: "Chưa ban hành: 0 điểm (position 2, as the text lists it)", values: { a: 2 }, points: 0 },
  { id: "2.4", why: "issued and updated", values: { a: 1 }, points: 10 },
  { id: "2.5", why: "Đã tổ chức", values: { a: yes }, points: 10 },
  { id: "2.6", why: "Đã ban hành", values: { a: yes }, points: 10 },
  { id: "2.7", why: "Không tổ chức", values: { a: no }, points: 0 },
  { id: "2.8", why: "Đã ban hành", values: { a: yes }, points: 10 },
  { id: "2.9", why: "Chưa ban hành", values: { a: no }, points: 0 },
  { id: "2.10", why: "Đã ban hành", values: { a: yes }, points: 10 },
  { id: "2.11", why: "Đã ban hành", values: { a: yes }, points: 10 },
  // III. Hạ tầng số
  { id: "3.1", why: "450 000 of 600 000 people", values: { a: 450000, b: 600000 }, points: 7.5 },
  { id: "3.1", why: "b linked to general item 4 (dân số)", values: { a: 450000 }, info: { "4": 600000 }, points: 7.5 },
  { id: "3.2", why: "households with a smartphone, b = item 6", values: { a: 150000 }, info: { "6": 200000 }, points: 7.5 },
  { id: "3.3", why: "fibre households", values: { a: 100000, b: 200000 }, points: 5 },
  { id: "3.4", why: "communes on the special data network, b = item 8", values: { a: 65 }, info: { "8": 65 }, points: 10 },
  { id: "3.5", why: "đạt tiêu chuẩn (1/2) + kết nối (1/2)", values: { a: 1, b: yes }, points: 30 },
  { id: "3.5", why: "chưa đạt tiêu chuẩn (1/4) + chưa kết nối (0)", values: { a: 2, b: no }, points: 7.5 },
  { id: "3.6", why: "5 of the 7 platforms (5/7 × 10) + 3 of 5 on the data centre (3/5 × 10)", values: { a: 5, c: 3 }, points: 5 / 7 * 10 + 6 },
  { id: "3.6", why: "more than 7 platforms caps the first half; d = 0 scores 0 on the second (§6)", values: { a: 0, c: 0 }, points: 0 },
  { id: "3.6", why: "9 platforms, all on the data centre", values: { a: 9, c: 9 }, points: 20 },
  { id: "3.7", why: "2 AI platforms of 8 deployed", values: { a: 2, b: 8 }, points: 2.5 },
  // IV. Nhân lực số
  { id: "4.1", why: "Đã có", values: { a: yes }, points: 10 },
  { id: "4.2", why: "Chưa có", values: { a: no }, points: 0 },
  { id: "4.3", why: "Đã có", values: { a: yes }, points: 10 },
  { id: "4.4", why: "Không có", values: { a: no }, points: 0 },
  {
    id: "4.5",
    why: "Min-Max on (a+b+c+d)/(e+f) against a reference 1 %–5 %: 3 % → half",
    values: { a: 100, b: 200, c: 100, d: 200, e: 10000, f: 10000 },
    reference: { min: 0.01, max: 0.05 },
    points: 5,
  },
  { id: "4.6", why: "Min-Max on a/b = 2 %, reference 0 %–4 %", values: { a: 400, b: 20000 }, reference: { min: 0, max: 0.04 }, points: 5 },
  { id: "4.7", why: "trained civil servants, b = items 11 + 12", values: { a: 5000 }, info: { "11": 4000, "12": 16000 }, points: 2.5 },
  { id: "4.8", why: "2 of 4 institutions", values: { a: 2, b: 4 }, points: 2.5 },
  { id: "4.9", why: "Tỷ lệ/50%: 20 % of graduates → 0.4 × 5", values: { a: 20, b: 100 }, points: 2 },
  { id: "4.9", why: "no cap in the text, capped all the same (§3)", values: { a: 90, b: 100 }, points: 5 },
  { id: "4.10", why: "workers trained, b = item 5", values: { a: 10000 }, info: { "5": 100000 }, points: 0.5 },
  { id: "4.11", why: "Min-Max on a/b, reference 0–0.2: 0.1 → half", values: { a: 60000, b: 600000 }, reference: { min: 0, max: 0.2 }, points: 2.5 },
  { id: "4.12", why: "Tỷ lệ < 80%: Tỷ lệ*Điểm tối đa: 60 % → 3", values: { a: 6, b: 10 }, points: 3 },
  { id: "4.12", why: "Tỷ lệ ≥80%: điểm tối đa", values: { a: 8, b: 10 }, points: 5 },
  { id: "4.12", why: "alternative reading: 60 %/80 % × 5", values: { a: 6, b: 10 }, points: 3.75, alt: true },
  { id: "4.13", why: "Tỷ lệ < 70%: 50 % → 2.5", values: { a: 50, b: 100 }, points: 2.5 },
  // V. An toàn thông tin mạng
  { id: "5.1", why: "Min-Max on the count: 30 systems, reference 10–50 → half", values: { a: 30 }, reference: { min: 10, max: 50 }, points: 5 },
  { id: "5.2", why: "8 of 10 approved systems fully protected", values: { a: 8, b: 10 }, points: 8 },
  { id: "5.3", why: "servers sharing with NCSC, b = item 13", values: { a: 30 }, info: { "13": 40 }, points: 7.5 },
  { id: "5.4", why: "workstations, b = item 14", values: { a: 900 }, info: { "14": 1000 }, points: 9 },
  { id: "5.5", why: "4 of 5 botnet IPs cleaned", values: { a: 4, b: 5 }, points: 4 },
  { id: "5.5", why: "none detected and confirmed 'không phát sinh': max (§12)", values: { a: 0, b: 0, none: yes }, points: 5 },
  { id: "5.5", why: "none detected, not confirmed: 0 with a zero-denominator status (§12)", values: { a: 0, b: 0 }, points: 0 },
  { id: "5.6", why: "systems monitored by SOC, b = item 15", values: { a: 10 }, info: { "15": 20 }, points: 5 },
  { id: "5.7", why: "systems checked", values: { a: 15, b: 20 }, points: 7.5 },
  { id: "5.8", why: "systems with response plans", values: { a: 20, b: 20 }, points: 5 },
  { id: "5.9", why: "Min-Max on drills: 4, reference 0–8", values: { a: 4 }, reference: { min: 0, max: 8 }, points: 2.5 },
  { id: "5.10", why: "Min-Max on incidents: 50, reference 0–100", values: { a: 50 }, reference: { min: 0, max: 100 }, points: 2.5 },
  { id: "5.11", why: "9 of 10 incidents handled", values: { a: 9, b: 10 }, points: 4.5 },
  { id: "5.11", why: "no incident, confirmed 'không phát sinh'", values: { a: 0, b: 0, none: 1 }, points: 5 },
  { id: "5.12.1", why: "(a+b)/c = 8 %: Mức 2 ≥ 7% (70% điểm)", values: { a: 3, b: 5, c: 100 }, points: 3.5 },
  { id: "5.12.1", why: "c = item 19 (tỷ đồng): 12 % → Mức 1", values: { a: 6, b: 6 }, info: { "19": 100 }, points: 5 },
  { id: "5.12.2", why: "≥ 1 tỷ: 70% điểm phần này", values: { a: 1.5 }, points: 1.4 },
  { id: "5.12.3", why: "≥ 2 tỷ: 100%", values: { a: 2 }, points: 2 },
  { id: "5.12.4", why: "≥ 0,5 tỷ: 30%", values: { a: 0.5 }, points: 0.6 },
  { id: "5.12.5", why: "< 0,5 tỷ: 0%", values: { a: 0.4 }, points: 0 },
  { id: "5.12.6", why: "≥ 1 tỷ", values: { a: 1 }, points: 1.4 },
  // VI. Hoạt động chính quyền số
  { id: "6.1", why: "đáp ứng yêu cầu: 4/5*Điểm tối đa, chưa IPv6", values: { a: yes, b: no }, points: 8 },
  { id: "6.2", why: "có Cổng dữ liệu mở (1/2), chưa đáp ứng (0)", values: { a: yes, b: no }, points: 2.5 },
  { id: "6.3", why: "hợp nhất 1/5 + đáp ứng 3/5, chưa IPv6", values: { a: yes, b: yes, c: no }, points: 8 },
  { id: "6.4", why: "thông tin (1/2) + DVCTT (1/2)", values: { a: yes, b: yes }, points: 5 },
  { id: "6.5", why: "Đã triển khai", values: { a: yes }, points: 5 },
  { id: "6.6", why: "apps connected via LGSP", values: { a: 3, b: 4 }, points: 3.75 },
  { id: "6.7", why: "NDXP services used", values: { a: 1, b: 4 }, points: 2.5 },
  { id: "6.8", why: "Tỷ lệ<100%: 0 điểm", values: { a: 99, b: 100 }, points: 0 },
  { id: "6.8", why: "Tỷ lệ=100%: Điểm tối đa", values: { a: 100, b: 100 }, points: 10 },
  { id: "6.9", why: "pre-filled services", values: { a: 50, b: 200 }, points: 2.5 },
  { id: "6.10", why: "personalised services", values: { a: 100, b: 200 }, points: 5 },
  { id: "6.11", why: "(c+d)/(a+b)", values: { a: 100, b: 100, c: 50, d: 50 }, points: 5 },
  { id: "6.12", why: "(b+c)/a = 40 %, Tỷ lệ<80%: Tỷ lệ/80%*Điểm tối đa", values: { a: 1000, b: 300, c: 100 }, points: 10 },
  { id: "6.12", why: "Tỷ lệ>=80%: Điểm tối đa", values: { a: 1000, b: 500, c: 300 }, points: 20 },
  { id: "6.13", why: "'Tỷ lệ 1*Điểm tối đa' read as ratio × max (§11)", values: { a: 30, b: 20, c: 60, d: 40 }, points: 2.5 },
  { id: "6.14", why: "(b+d)/(a+c) satisfied", values: { a: 100, b: 90, c: 100, d: 70 }, points: 4 },
  { id: "6.15", why: "Đã triển khai", values: { a: yes }, points: 10 },
  { id: "6.16", why: "Chưa triển khai", values: { a: no }, points: 0 },
  { id: "6.17", why: "đến các cơ quan (1/2), chưa đến thiết bị cá nhân", values: { a: yes, b: no }, points: 5 },
  { id: "6.18", why: "Đã triển khai", values: { a: yes }, points: 10 },
  { id: "6.19", why: "triển khai, chưa cá thể hóa: 1/2*Điểm tối đa", values: { a: 2 }, points: 5 },
  { id: "6.20", why: "có thể cá thể hóa: Điểm tối đa", values: { a: 1 }, points: 10 },
  { id: "6.21", why: "mỗi hoạt động 1 điểm: 7 activities", values: { a: 7 }, points: 7 },
  { id: "6.21", why: "tổng điểm không quá Điểm tối đa: 12 activities", values: { a: 12 }, points: 10 },
  { id: "6.22", why: "(a+b)/c = 0.5 %, Tỷ lệ/1%*Điểm tối đa", values: { a: 20, b: 30, c: 10000 }, points: 5 },
  // VII. Hoạt động kinh tế số
  { id: "7.1", why: "10 % of GRDP, literal: 0.1 × 20", values: { a: 1000, b: 10000 }, points: 2 },
  { id: "7.1", why: "alternative: 10 %/20 % × 20", values: { a: 1000, b: 10000 }, points: 10, alt: true },
  { id: "7.2", why: "Tỷ lệ ≥ 5%: điểm tối đa, b = item 16", values: { a: 300 }, info: { "16": 5000 }, points: 20 },
  { id: "7.3", why: "'< 10' means 10 % (§11): 5 % → 0.05 × 10", values: { a: 50, b: 1000 }, points: 0.5 },
  { id: "7.4", why: "8 % SMEs in SMEdx → 0.08 × 20", values: { a: 80 }, info: { "17": 1000 }, points: 1.6 },
  { id: "7.5", why: "Tỷ lệ ≥ 50%: max", values: { a: 500, b: 1000 }, points: 10 },
  { id: "7.6", why: "'<80' means 80 %: 40 % → 4", values: { a: 400, b: 1000 }, points: 4 },
  { id: "7.7", why: "Điểm = Tỷ lệ*Điểm tối đa: 90 % e-tax", values: { a: 900 }, info: { "16": 1000 }, points: 9 },
  { id: "7.8", why: "'<50' means 50 %: 30 % of postal points → 3", values: { a: 30 }, info: { "18": 100 }, points: 3 },
  { id: "7.9", why: "Tỷ lệ ≥ 5%: max", values: { a: 60, b: 1000 }, points: 10 },
  { id: "7.10", why: "ratio to the best province: 0.2 of a best 0.4", values: { a: 200, b: 1000 }, reference: { max: 0.4 }, points: 5 },
  { id: "7.11", why: "0.1 % of the budget, below 0.25 %: 0.001 × 10", values: { a: 10, b: 10000 }, points: 0.01 },
  { id: "7.12", why: "Tỷ lệ ≥ 0.25%: max", values: { a: 30, b: 10000 }, points: 10 },
  // VIII. Hoạt động xã hội số
  { id: "8.1", why: "digital identities, b = item 4", values: { a: 300000 }, info: { "4": 600000 }, points: 10 },
  { id: "8.2", why: "60 % with accounts, Tỷ lệ/80%", values: { a: 600, b: 1000 }, points: 15 },
  { id: "8.2", why: "'Tỷ lệ<=80%' overlaps: at 80 % the score is max either way (§11)", values: { a: 800, b: 1000 }, points: 20 },
  { id: "8.3", why: "25 % with a digital signature, Tỷ lệ/50%", values: { a: 250, b: 1000 }, points: 10 },
  { id: "8.4", why: "households with a digital address, b = item 6", values: { a: 50000 }, info: { "6": 200000 }, points: 5 },
  { id: "8.5", why: "35 % of workers, Tỷ lệ/70%, b = item 5", values: { a: 35000 }, info: { "5": 100000 }, points: 5 },
  { id: "8.6", why: "ratio to the top spender: 1.5 of 3 tỷ đồng", values: { a: 1.5 }, reference: { max: 3 }, points: 10 },
  { id: "8.7", why: "ratio to the top spender: 3 of 3", values: { a: 3 }, reference: { max: 3 }, points: 20 },
  { id: "8.8", why: "mỗi hoạt động hiệu quả: 1 điểm", values: { a: 12 }, points: 12 },
  { id: "8.8", why: "tổng điểm không quá Điểm tối đa", values: { a: 25 }, points: 20 },
  // IX. Đô thị thông minh
  { id: "9.1", why: "Không tính điểm", values: {}, points: 0 },
  { id: "9.2", why: "Không tính điểm", values: {}, points: 0 },
  { id: "9.3", why: "Không tính điểm", values: {}, points: 0 },
];

describe("every indicator scores as its official text says", () => {
  it.each(cases.map((c) => [c.id, c.why, c] as const))("%s: %s", (_id, _why, c) => {
    const outcome = scoreIndicator(set, c.id, c.values, {
      ...(c.reference ? { reference: c.reference } : {}),
      ...(c.info ? { info: c.info } : {}),
      altThreshold: c.alt === true,
    });
    expect(outcome.score).not.toBeNull();
    expect(outcome.score?.toNumber()).toBeCloseTo(c.points, 12);
    expect(outcome.score?.lte(outcome.maxPoints)).toBe(true);
  });

  it("has a case for every scored indicator except 5.12, which is tested through its children", () => {
    const tested = new Set(cases.map((c) => c.id));
    const untested = set.indicators.filter((i) => !tested.has(i.id) && i.rule.kind !== "sum-of-children").map((i) => i.id);
    expect(untested).toEqual([]);
  });
});
