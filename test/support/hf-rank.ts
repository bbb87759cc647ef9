/**
 * Excel's RANK(number, ref, [order]) as a HyperFormula plugin (HyperFormula has no RANK), so
 * the ranking book's ranks can be recalculated in tests: 1 + how many numbers of ref are
 * greater (order 0 or omitted) or smaller (order ≠ 0); equal numbers share a rank.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, type ImplementedFunctions, type SimpleRangeValue } from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { ProcedureAst } from "hyperformula/typings/parser";

export class RankPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    RANK: {
      method: "rank",
      parameters: [{ argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 }],
    },
  };

  rank(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata("RANK"), (value: number, range: SimpleRangeValue, order: number) => {
      // Computed numbers may come as HyperFormula's rich numbers ({ val }).
      const numbers = range.data
        .flat()
        .map((v: unknown) => (typeof v === "number" ? v : typeof v === "object" && v !== null && typeof (v as { val?: unknown }).val === "number" ? (v as { val: number }).val : undefined))
        .filter((v): v is number => v !== undefined);
      if (!numbers.includes(value)) return new CellError(ErrorType.NA, "RANK: the number is not in the range");
      return 1 + numbers.filter((n) => (order === 0 ? n > value : n < value)).length;
    });
  }
}

let registered = false;

/** Registers the plugin once per process. */
export function registerRank(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(RankPlugin, { enGB: { RANK: "RANK" } });
  registered = true;
}
