/**
 * The DTI.* custom functions as a HyperFormula plugin, calling the same runner the add-in
 * registers with Excel, so a test can compute a template written with DTI.* formulas and
 * compare it with the plain formulas and the engine (tests only; HyperFormula is GPL).
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, type ImplementedFunctions, type SimpleRangeValue } from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { ProcedureAst } from "hyperformula/typings/parser";
import { run, type CellValue, type ExcelArgument, type FunctionResult } from "../../src/functions/runner";
import type { FunctionId } from "../../src/functions/registry";

const ERRORS: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
};

/** HyperFormula passes an empty cell as a symbol and rich numbers as objects; Excel passes null and numbers. */
function excelArg(v: unknown): ExcelArgument {
  if (typeof v === "symbol" || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v === null) return v;
  const n = Number(v);
  return Number.isFinite(n) ? n : String(v);
}

function toHf(result: FunctionResult): number | CellError {
  return typeof result === "number" ? result : new CellError(ERRORS[result.error] ?? ErrorType.VALUE, result.message);
}

const scalar = { argumentType: FunctionArgumentType.SCALAR };

export class DtiFunctionsPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    "DTI.SCORE": { method: "score", parameters: [scalar, { ...scalar, optionalArg: true }], repeatLastArgs: 1 },
    "DTI.THRESHOLD": { method: "threshold", parameters: [scalar, scalar, scalar, scalar, { ...scalar, optionalArg: true }] },
    "DTI.BEST": { method: "best", parameters: [scalar, { argumentType: FunctionArgumentType.RANGE }, scalar] },
  };

  private invoke(fn: FunctionId, metadataId: string, ast: ProcedureAst, state: InterpreterState, shape: (args: ExcelArgument[]) => ExcelArgument[]) {
    return this.runFunction(ast.args, state, this.metadata(metadataId), (...args: unknown[]) => toHf(run(fn, shape(args.map(excelArg)))));
  }

  score(ast: ProcedureAst, state: InterpreterState) {
    // Excel hands a repeating parameter to the function as one array.
    return this.invoke("SCORE", "DTI.SCORE", ast, state, ([id, ...inputs]) => [id ?? null, inputs as unknown as ExcelArgument]);
  }

  best(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata("DTI.BEST"), (value: unknown, range: SimpleRangeValue, max: unknown) =>
      toHf(run("BEST", [excelArg(value), range.data.map((row) => row.map((v) => excelArg(v) ?? null)) as CellValue[][], excelArg(max)])),
    );
  }

  threshold(ast: ProcedureAst, state: InterpreterState) {
    return this.invoke("THRESHOLD", "DTI.THRESHOLD", ast, state, (args) => args);
  }
}

let registered = false;

/** Registers the plugin once per process. */
export function registerDtiFunctions(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(DtiFunctionsPlugin, {
    enGB: { "DTI.SCORE": "DTI.SCORE", "DTI.THRESHOLD": "DTI.THRESHOLD", "DTI.BEST": "DTI.BEST" },
  });
  registered = true;
}
