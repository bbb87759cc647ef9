/**
 * Plain Excel formulas generated from each structured rule, so a template computes the
 * engine's result in old Excel, in Excel without the add-in, and in LibreOffice.
 *
 * Only IF, AND, OR, NOT, MIN, MAX, SUM, INDEX, MATCH, ISNUMBER, ISNA, IFERROR are used,
 * and cells are referred to by their defined names (DTI_3_1_a), so users may insert rows.
 * A score is "" (blank) exactly where the engine's score is null (missing or unusable
 * input, no reference values), 0 on a zero denominator (§12), and never an error: totals
 * always compute.
 */
import { DEFAULT_SET_ID } from "../catalog";
import type { CaseRule, GroupPart, Indicator, Measure, Part, RatioSpec, Rule } from "../catalog/schema";
import { gatedAmounts, ratioSpecs } from "../catalog/rule-parts";
import { names } from "./names";

/** Excel number literal from an exact catalog number ("1/2" stays a division Excel computes). */
function lit(text: string): string {
  return text.includes("/") ? `(${text})` : text;
}

/** Guards (all TRUE for the value to be meaningful) and the fraction-of-max expression. */
interface Expr {
  readonly guards: readonly string[];
  readonly value: string;
}

const optAlt = `${names.optionAltThreshold}="Có"`;
const optBest = `${names.optionMinMaxAsBest}="Có"`;

export class RuleFormulas {
  /**
   * `setId` qualifies the indicator id in DTI.* calls for sets other than the default one
   * ("dti-province-2020:1.1"); a bare id means one of the default set (DEFAULT_SET_ID).
   */
  constructor(
    private readonly ind: Indicator,
    private readonly setId = DEFAULT_SET_ID,
  ) {}

  private functionId(): string {
    return this.setId === DEFAULT_SET_ID ? this.ind.id : `${this.setId}:${this.ind.id}`;
  }

  private name(key: string): string {
    return names.input(this.ind.id, key);
  }

  /** A number variable is usable. */
  numberOk(key: string): string {
    const n = this.name(key);
    return `AND(ISNUMBER(${n}),${n}>=0)`;
  }

  /** A choice variable holds one of its options. */
  choiceOk(key: string): string {
    const n = this.name(key);
    return `ISNUMBER(MATCH(${n},${names.optionLabels(this.ind.id, key)},0))`;
  }

  choiceFraction(key: string): string {
    const n = this.name(key);
    return `INDEX(${names.optionFractions(this.ind.id, key)},MATCH(${n},${names.optionLabels(this.ind.id, key)},0))`;
  }

  private sum(keys: readonly string[]): string {
    const parts = keys.map((k) => this.name(k));
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join("+")})`;
  }

  num(spec: RatioSpec): string {
    return this.sum(spec.numerator);
  }

  den(spec: RatioSpec): string {
    return spec.denominator.kind === "variables" ? this.sum(spec.denominator.variables) : lit(spec.denominator.constant);
  }

  ratioKeys(spec: RatioSpec): string[] {
    return [...spec.numerator, ...(spec.denominator.kind === "variables" ? spec.denominator.variables : [])];
  }

  /** The ratio expression and what a zero denominator gives (§6, §12). */
  private ratioExpr(spec: RatioSpec, then: (r: string) => string): Expr {
    const guards = this.ratioKeys(spec).map((k) => this.numberOk(k));
    const num = this.num(spec);
    const den = this.den(spec);
    let onZero = "0";
    if (spec.noneAnswer !== undefined) {
      const none = this.name(spec.noneAnswer);
      guards.push(`OR(${none}="",${this.choiceOk(spec.noneAnswer)})`);
      onZero = `IF(${none}="",0,IF(AND(${num}=0,${this.choiceFraction(spec.noneAnswer)}>0),1,0))`;
    }
    const value = spec.denominator.kind === "variables" ? `IF(${den}=0,${onZero},${then(`${num}/${den}`)})` : then(`${num}/${den}`);
    return { guards, value };
  }

  private tiers(x: string, tiers: readonly { atLeast: string; fraction: string }[]): string {
    let out = "0";
    for (const t of [...tiers].reverse()) out = `IF(${x}>=${lit(t.atLeast)},${lit(t.fraction)},${out})`;
    return out;
  }

  /**
   * What a part adds, as a fraction of the indicator's max: a ratio or choice times its share,
   * a capped count MIN(n × each, share × max)/max, a group MIN(Σ its parts, share).
   */
  private part(part: Part | GroupPart): Expr {
    const share = lit(part.share);
    const rule = part.rule;
    switch (rule.kind) {
      case "ratio": {
        const e = this.ratioExpr(rule.ratio, (r) => `MIN(${r},1)`);
        return { guards: e.guards, value: `${share}*${e.value}` };
      }
      case "choice":
        return { guards: [this.choiceOk(rule.variable)], value: `${share}*${this.choiceFraction(rule.variable)}` };
      case "capped-count": {
        const max = this.ind.maxPoints;
        return { guards: [this.numberOk(rule.count)], value: `MIN(${this.name(rule.count)}*${lit(rule.pointsEach)},${share}*${max})/${max}` };
      }
      case "group": {
        const parts = rule.parts.map((p) => this.part(p));
        return { guards: parts.flatMap((p) => p.guards), value: `MIN(${parts.map((p) => p.value).join("+")},${share})` };
      }
    }
  }

  /** The measure a cross-unit rule compares, with its guards; "" guard-failed → blank score. */
  measure(m: Measure): { guards: string[]; x: string; zeroDen?: string } {
    if (m.kind === "amount") return { guards: [this.numberOk(m.amount)], x: this.name(m.amount) };
    const spec = m.ratio;
    return {
      guards: this.ratioKeys(spec).map((k) => this.numberOk(k)),
      x: `${this.num(spec)}/${this.den(spec)}`,
      zeroDen: `${this.den(spec)}=0`,
    };
  }

  private crossUnit(rule: Extract<Rule, { kind: "min-max" | "ratio-to-best" }>): Expr {
    const m = this.measure(rule.measure);
    const lo = names.referenceMin(this.ind.id);
    const hi = names.referenceMax(this.ind.id);
    const best = `IF(${hi}<=0,0,MIN(MAX(${m.x}/${hi},0),1))`;
    let refOk: string;
    let value: string;
    if (rule.kind === "ratio-to-best") {
      refOk = `AND(ISNUMBER(${hi}),${hi}>=0)`;
      value = best;
    } else {
      const minMax = `IF(${hi}=${lo},IF(AND(${m.x}>0,${m.x}>=${hi}),1,0),MIN(MAX((${m.x}-${lo})/(${hi}-${lo}),0),1))`;
      refOk = `AND(ISNUMBER(${hi}),${hi}>=0,OR(${optBest},AND(ISNUMBER(${lo}),${lo}>=0,${lo}<=${hi})))`;
      value = `IF(${optBest},${best},${minMax})`;
    }
    // A zero denominator in the measure scores 0 (§12), with or without reference values.
    if (m.zeroDen) {
      value = `IF(${m.zeroDen},0,${value})`;
      refOk = `OR(${m.zeroDen},${refOk})`;
    }
    return { guards: [...m.guards, refOk], value };
  }

  /** Guards and fraction for a rule evaluated on this unit's inputs. */
  expr(rule: Rule | CaseRule): Expr | null {
    switch (rule.kind) {
      case "ratio":
        return this.ratioExpr(rule.ratio, (r) => `MIN(${r},1)`);
      case "threshold-literal": {
        const t = lit(rule.threshold);
        return this.ratioExpr(rule.ratio, (r) => `IF(${r}>=${t},1,IF(${optAlt},MIN(${r}/${t},1),MIN(${r},1)))`);
      }
      case "threshold-scaled":
        return this.ratioExpr(rule.ratio, (r) => `MIN(${r}/${lit(rule.threshold)},1)`);
      case "all-or-nothing":
        return this.ratioExpr(rule.ratio, (r) => `IF(${r}>=1,1,0)`);
      case "tiers-ratio":
        return this.ratioExpr(rule.ratio, (r) => this.tiers(r, rule.tiers));
      case "tiers-amount": {
        const amount = this.name(rule.amount);
        const tiers = this.tiers(amount, rule.tiers);
        if (rule.gate === undefined) return { guards: [this.numberOk(rule.amount)], value: tiers };
        const gate = this.choiceFraction(rule.gate);
        return {
          guards: [this.choiceOk(rule.gate), `OR(${gate}=0,${this.numberOk(rule.amount)})`],
          value: `IF(${gate}=0,0,${tiers})`,
        };
      }
      case "multi-part": {
        const parts = rule.parts.map((p) => this.part(p));
        return { guards: parts.flatMap((p) => p.guards), value: parts.map((p) => p.value).join("+") };
      }
      case "best-of": {
        // MAX of the cases; every case's inputs are needed, as the engine needs them.
        const cases = rule.cases.map((c) => this.expr(c.rule) as Expr);
        return { guards: cases.flatMap((c) => c.guards), value: `MAX(${cases.map((c) => c.value).join(",")})` };
      }
      case "choice":
        return { guards: [this.choiceOk(rule.variable)], value: this.choiceFraction(rule.variable) };
      case "capped-count": {
        const n = this.name(rule.count);
        return { guards: [this.numberOk(rule.count)], value: `MIN(${n}*${lit(rule.pointsEach)},${this.ind.maxPoints})/${this.ind.maxPoints}` };
      }
      case "min-max":
      case "ratio-to-best":
        return this.crossUnit(rule);
      case "sum-of-children":
      case "unscored":
        return null;
    }
  }

  /** The points: a plain formula for the score cell. */
  score(): string {
    const rule = this.ind.rule;
    if (rule.kind === "unscored") return "0";
    if (rule.kind === "sum-of-children") return `SUM(${rule.children.map((c) => names.score(c)).join(",")})`;
    const e = this.expr(rule) as Expr;
    const guards = [...new Set(e.guards)];
    const cond = guards.length === 1 ? guards[0] : `AND(${guards.join(",")})`;
    return `IFERROR(IF(${cond},(${e.value})*${this.ind.maxPoints},""),"")`;
  }

  /** The ratio the row defines, for display; "" where there is none or it cannot be computed. */
  ratio(): string | null {
    const rule = this.ind.rule;
    let spec: RatioSpec | undefined;
    if ("ratio" in rule) spec = rule.ratio;
    else if ((rule.kind === "min-max" || rule.kind === "ratio-to-best") && rule.measure.kind === "ratio") spec = rule.measure.ratio;
    if (!spec || spec.denominator.kind !== "variables") return null;
    const guards = this.ratioKeys(spec).map((k) => this.numberOk(k));
    return `IFERROR(IF(AND(${guards.join(",")}),IF(${this.den(spec)}=0,"",${this.num(spec)}/${this.den(spec)}),""),"")`;
  }

  /** Required variables given the rule (a gated amount is required only when the gate is open). */
  private required(): { numbers: string[]; choices: string[] } {
    const rule = this.ind.rule;
    const optional = new Set(this.ind.variables.filter((v) => v.optional).map((v) => v.key));
    const gated = gatedAmounts(rule);
    const numbers: string[] = [];
    const choices: string[] = [];
    for (const v of this.ind.variables) {
      if (optional.has(v.key)) continue;
      if (gated.some((g) => g.amount === v.key)) continue;
      (v.type === "choice" ? choices : numbers).push(v.key);
    }
    return { numbers, choices };
  }

  /** A Vietnamese status for the row, by the same precedence as the engine's statuses. */
  status(): string {
    const rule = this.ind.rule;
    if (rule.kind === "unscored") return `"Không tính điểm"`;
    if (rule.kind === "sum-of-children") {
      const blanks = rule.children.map((c) => `(${names.score(c)}="")`).join("+");
      return `IF(${blanks}>0,"Thiếu chỉ số con","Đã tính")`;
    }
    const invalid: string[] = [];
    for (const v of this.ind.variables) {
      const n = this.name(v.key);
      invalid.push(
        v.type === "choice"
          ? `AND(${n}<>"",ISNA(MATCH(${n},${names.optionLabels(this.ind.id, v.key)},0)))`
          : `AND(${n}<>"",OR(NOT(ISNUMBER(${n})),${n}<0))`,
      );
    }
    const { numbers, choices } = this.required();
    const missing = [...numbers, ...choices].map((k) => `${this.name(k)}=""`);
    for (const g of gatedAmounts(rule)) {
      missing.push(`AND(${this.choiceOk(g.gate)},${this.name(g.amount)}="",${this.choiceFraction(g.gate)}>0)`);
    }
    const checks: [string, string][] = [];
    if (invalid.length) checks.push([`OR(${invalid.join(",")})`, "Số liệu không hợp lệ"]);
    if (missing.length) checks.push([`OR(${missing.join(",")})`, "Thiếu số liệu"]);
    for (const spec of ratioSpecs(rule)) {
      if (spec.denominator.kind !== "variables") continue;
      if (spec.zeroDenominator !== "scores-zero") {
        const zero =
          spec.noneAnswer !== undefined
            ? `AND(${this.den(spec)}=0,OR(${this.name(spec.noneAnswer)}="",${this.num(spec)}<>0))`
            : `${this.den(spec)}=0`;
        checks.push([zero, "Mẫu số bằng 0"]);
      }
      if (spec.subset) checks.push([`${this.num(spec)}>${this.den(spec)}`, "Tử số lớn hơn mẫu số"]);
    }
    if (rule.kind === "min-max" || rule.kind === "ratio-to-best") {
      const lo = names.referenceMin(this.ind.id);
      const hi = names.referenceMax(this.ind.id);
      const need = rule.kind === "min-max" ? `OR(NOT(ISNUMBER(${hi})),AND(NOT(${optBest}),NOT(ISNUMBER(${lo}))))` : `NOT(ISNUMBER(${hi}))`;
      checks.push([need, "Cần giá trị tham chiếu"]);
    }
    let out = `"Đã tính"`;
    for (const [cond, text] of [...checks].reverse()) out = `IF(${cond},"${text}",${out})`;
    return `IFERROR(${out},"Lỗi trong ô nhập")`;
  }

  /** The score with DTI.* custom functions instead (opt-in): DTI.SCORE with the row's inputs. */
  functionScore(): string {
    const rule = this.ind.rule;
    if (rule.kind === "unscored") return "0";
    if (rule.kind === "sum-of-children") return this.score();
    const args = [`"${this.functionId()}"`, ...this.ind.variables.map((v) => this.name(v.key))];
    if (rule.kind === "min-max") {
      args.push(names.referenceMin(this.ind.id), names.referenceMax(this.ind.id));
      // §10 switch: scored as the ratio to the best unit (DTI.BEST), as the engine does.
      const m = this.measure(rule.measure);
      const hi = names.referenceMax(this.ind.id);
      const bestCall = `DTI.BEST(${m.x},${hi},${this.ind.maxPoints})`;
      const best = `IFERROR(IF(AND(${m.guards.join(",")}),${m.zeroDen ? `IF(${m.zeroDen},0,${bestCall})` : bestCall},""),"")`;
      return `IF(${optBest},${best},IFERROR(DTI.SCORE(${args.join(",")}),""))`;
    }
    // Ratio to the best has only a best (the maximum); its minimum is not given.
    if (rule.kind === "ratio-to-best") args.push(`""`, names.referenceMax(this.ind.id));
    if (rule.kind === "threshold-literal") {
      const r = rule.ratio;
      const den = this.den(r);
      return `IFERROR(DTI.THRESHOLD(${this.num(r)},${den},${lit(rule.threshold)},${this.ind.maxPoints},${optAlt}),IFERROR(IF(AND(ISNUMBER(${den}),${den}=0),0,""),""))`;
    }
    return `IFERROR(DTI.SCORE(${args.join(",")}),"")`;
  }
}
