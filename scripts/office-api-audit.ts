/**
 * Office API audit (issue 10): every Excel, Office, OfficeRuntime and CustomFunctions member
 * the add-in's code uses, with the requirement set it needs, and a failure when one above the
 * manifest's minimum is used without a requirement check on its path.
 *
 * Our browser tests run against a fake Excel, so a call that needs ExcelApi 1.13 would pass them
 * and fail on a user's Excel 2019. This reads the code with the TypeScript compiler instead:
 *
 * - Members: each property access in src/ (the files of tsconfig.build.json, i.e. what the task
 *   pane and the functions bundle) whose declaration is in the Office type definitions
 *   (@types/office-js, @types/custom-functions-runtime), plus each property path named in a
 *   `load("a,b/c")` string, followed through the loaded object's type. OfficeRuntime is read
 *   through a cast (there are no typings for it installed), so it is found by name.
 * - Requirement set: the `[Api set: ExcelApi 1.x]` annotation in the member's JSDoc ("1.1 for
 *   get, 1.8 for set" counts the set version for an assignment). No annotation: listed as "—".
 * - Minimums: the manifest's <Set Name="ExcelApi" MinVersion="1.8"/> and, for the functions,
 *   <bt:Set Name="CustomFunctionsRuntime" …/>. Excel does not load the add-in below them, so
 *   uses within them need no check. A set the manifest does not name has no minimum.
 * - Guarded "on that path": a use above the minimum passes when a requirement check for that
 *   set, at that version or higher, is
 *   (a) in the function that contains the use, or in a function around it; or
 *   (b) in a function it calls directly (a helper that asks and returns the answer, e.g.
 *       `openMarksSession` returning `notes = supports("ExcelApi", "1.10")`); or
 *   (c) on the path of every call site of the function that contains the use, by the same rule
 *       (e.g. `writeRules` is only called from `writeLayout`, which checks ExcelApi 1.9).
 *   A requirement check is a call `….isSetSupported("Set", "1.x")` or `supports("Set", "1.x")`
 *   (the pane's injected `Supports`, src/office/write-layout.ts) with the set and the version
 *   written as literals. That the code then branches on the answer is for review and tests to
 *   see; the audit makes sure the question was asked on the way.
 *
 * `npm run audit:office` writes the table to docs/office-api.md and exits 1 on a problem;
 * `--check` only compares. test/build/office-api-audit.test.ts runs it in npm test.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface Requirement {
  readonly set: string;
  readonly version: string;
}

export interface ApiUse {
  /** "Excel.Range.values" */
  readonly member: string;
  /** From the member's `[Api set: …]`; undefined when it has none. */
  readonly requirement?: Requirement;
  /** The annotation as written, or "—". */
  readonly annotation: string;
  /** Relative to the audit's root, "/"-separated. */
  readonly file: string;
  readonly line: number;
  /** The named function (or method) the use is in; "top level" outside any. */
  readonly fn: string;
  /** Named in a load() string rather than accessed. */
  readonly viaLoad: boolean;
  /** Above the manifest's minimum for its set (or its set has none). */
  readonly aboveMinimum: boolean;
  /** How the use is guarded when above the minimum: "isSetSupported ExcelApi 1.10 in openMarksSession", … */
  readonly guard?: string;
}

export interface AuditResult {
  readonly uses: readonly ApiUse[];
  /** One line per unguarded use above the minimum. */
  readonly problems: readonly string[];
  readonly minimums: ReadonlyMap<string, string>;
}

export interface AuditOptions {
  /** The files to audit (absolute). */
  readonly files: readonly string[];
  readonly compilerOptions: ts.CompilerOptions;
  /** Paths in the result are relative to it. */
  readonly rootDir: string;
  /** Set name → the manifest's minimum version. */
  readonly minimums: ReadonlyMap<string, string>;
}

const TYPINGS = /[\\/]@types[\\/](?:office-js|custom-functions-runtime)[\\/]/;
const CHECK_CALLEES = new Set(["isSetSupported", "supports"]);

/** Compares "1.10" and "1.9" as versions (1.10 is higher). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The requirement sets the manifest declares, with their minimum versions. */
export function manifestMinimums(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:bt:)?Set\s+Name="([^"]+)"\s+MinVersion="([^"]+)"\s*\/>/g)) out.set(m[1] as string, m[2] as string);
  return out;
}

/** `[Api set: ExcelApi 1.1 for get, 1.8 for set]` → the requirement for a read or a write. */
export function parseAnnotation(annotation: string, write: boolean): Requirement | undefined {
  const first = /^\s*([A-Za-z]+)\s+(\d+(?:\.\d+)*)/.exec(annotation);
  if (!first) return undefined;
  const forSet = write ? /(\d+(?:\.\d+)*)\s+for set\b/.exec(annotation) : null;
  return { set: first[1] as string, version: forSet ? (forSet[1] as string) : (first[2] as string) };
}

type FunctionLike = ts.FunctionDeclaration | ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

const isFunctionLike = (node: ts.Node): node is FunctionLike =>
  ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);

function enclosingFunctions(node: ts.Node): FunctionLike[] {
  const out: FunctionLike[] = [];
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(p)) out.push(p);
  return out;
}

/** In a type (`ReturnType<typeof f>`): a mention, not a call. */
function inTypePosition(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isStatement(p); p = p.parent) if (ts.isTypeNode(p)) return true;
  return false;
}

/** The node that names a function: its own name, or the variable/property it is assigned to. */
function nameNodeOf(fn: FunctionLike): ts.Node | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === fn) return parent.name;
  return undefined;
}

export function auditOfficeApi(options: AuditOptions): AuditResult {
  const program = ts.createProgram({ rootNames: [...options.files], options: options.compilerOptions });
  const checker = program.getTypeChecker();
  const audited = new Set(options.files.map((f) => path.resolve(f)));
  const sources = program.getSourceFiles().filter((sf) => audited.has(path.resolve(sf.fileName)));
  const rel = (sf: ts.SourceFile): string => path.relative(options.rootDir, sf.fileName).split(path.sep).join("/");

  // ---- Annotations -------------------------------------------------------------------
  const annotationCache = new Map<ts.Declaration, string | undefined>();
  function annotationOf(decl: ts.Declaration): string | undefined {
    if (annotationCache.has(decl)) return annotationCache.get(decl);
    const sf = decl.getSourceFile();
    const ranges = ts.getLeadingCommentRanges(sf.text, decl.pos) ?? [];
    const text = ranges.map((r) => sf.text.slice(r.pos, r.end)).join("\n");
    const found = /\[Api set:\s*([^\]]*)\]/.exec(text)?.[1]?.replace(/\s+/g, " ").trim();
    annotationCache.set(decl, found);
    return found;
  }

  /** The API symbol's name and annotation, or undefined when it is not from the Office typings. */
  function apiMember(symbol: ts.Symbol | undefined): { member: string; annotation?: string } | undefined {
    if (!symbol) return undefined;
    const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const decls = (resolved.declarations ?? []).filter((d) => TYPINGS.test(d.getSourceFile().fileName));
    if (decls.length === 0) return undefined;
    const annotation = decls.map(annotationOf).find((a) => a !== undefined);
    let member = checker.getFullyQualifiedName(resolved);
    if (!member.includes(".") || member.startsWith("__")) {
      // A property of an anonymous type (Office.onReady's `info`) or of a union: named after
      // the nearest declaration with a name around it.
      let owner: ts.Node | undefined = decls[0]?.parent;
      while (owner && !((ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner) || ts.isFunctionDeclaration(owner) || ts.isMethodSignature(owner)) && owner.name)) owner = owner.parent;
      const ownerSymbol = owner && (owner as ts.NamedDeclaration).name ? checker.getSymbolAtLocation((owner as ts.NamedDeclaration).name as ts.Node) : undefined;
      const plain = resolved.getName();
      if (ownerSymbol) member = `${checker.getFullyQualifiedName(ownerSymbol)}${owner && ts.isInterfaceDeclaration(owner) ? "" : "(…)"}.${plain}`;
    }
    return annotation === undefined ? { member } : { member, annotation };
  }

  // ---- Requirement checks and functions --------------------------------------------------
  const checkCache = new Map<ts.Node, { set: string; version: string }[]>();
  /** The literal requirement checks anywhere inside `node`. */
  function checksIn(node: ts.Node): { set: string; version: string }[] {
    const cached = checkCache.get(node);
    if (cached) return cached;
    const found: { set: string; version: string }[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        const [setArg, versionArg] = n.arguments;
        if (name && CHECK_CALLEES.has(name) && setArg && ts.isStringLiteralLike(setArg) && versionArg && (ts.isStringLiteralLike(versionArg) || ts.isNumericLiteral(versionArg))) {
          found.push({ set: setArg.text, version: versionArg.text });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    checkCache.set(node, found);
    return found;
  }
  const checks = (node: ts.Node, need: Requirement): string | undefined => {
    const hit = checksIn(node).find((c) => c.set === need.set && compareVersions(c.version, need.version) >= 0);
    return hit ? `${hit.set} ${hit.version}` : undefined;
  };

  /** Function symbol → its declaration, for the functions of the audited files. */
  const functionsBySymbol = new Map<ts.Symbol, FunctionLike>();
  /** Function declaration → where it is referenced (call sites, or passed along as a value). */
  const referencesOf = new Map<FunctionLike, ts.Node[]>();
  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      if (isFunctionLike(n)) {
        const nameNode = nameNodeOf(n);
        const symbol = nameNode ? checker.getSymbolAtLocation(nameNode) : undefined;
        if (symbol) functionsBySymbol.set(symbol, n);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  const nameOf = (fn: FunctionLike): string => nameNodeOf(fn)?.getText() ?? "(anonymous)";
  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
        let symbol = checker.getSymbolAtLocation(n);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const fn = symbol ? functionsBySymbol.get(symbol) : undefined;
        if (fn && nameNodeOf(fn) !== n && !(ts.isImportSpecifier(n.parent) || ts.isExportSpecifier(n.parent)) && !inTypePosition(n)) {
          const list = referencesOf.get(fn) ?? [];
          list.push(n);
          referencesOf.set(fn, list);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  /** The innermost enclosing function that has a name (anonymous callbacks belong to theirs). */
  const namedEnclosing = (node: ts.Node): FunctionLike | undefined => enclosingFunctions(node).find((fn) => nameNodeOf(fn) !== undefined);

  /** Functions of the audited files that `fn` calls directly. */
  function directCallees(fn: FunctionLike): FunctionLike[] {
    const out: FunctionLike[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
        let symbol = checker.getSymbolAtLocation(callee);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const target = symbol ? functionsBySymbol.get(symbol) : undefined;
        if (target && target !== fn) out.push(target);
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    return out;
  }

  /** How the code at `node` is guarded for `need`, or undefined. `visiting` breaks call cycles. */
  function guardAt(node: ts.Node, need: Requirement, visiting: Set<FunctionLike>): string | undefined {
    for (const fn of enclosingFunctions(node)) {
      const hit = checks(fn, need);
      if (hit) return `isSetSupported ${hit} in ${nameOf(fn)}`;
    }
    const fn = namedEnclosing(node);
    if (!fn || visiting.has(fn)) return undefined;
    for (const callee of directCallees(fn)) {
      const hit = checks(callee, need);
      if (hit) return `isSetSupported ${hit} in ${nameOf(callee)}, called by ${nameOf(fn)}`;
    }
    const refs = referencesOf.get(fn) ?? [];
    if (refs.length === 0) return undefined;
    const next = new Set(visiting).add(fn);
    const callers: string[] = [];
    for (const ref of refs) {
      const guard = guardAt(ref, need, next);
      if (!guard) return undefined;
      callers.push(guard);
    }
    return `every caller of ${nameOf(fn)}: ${[...new Set(callers)].join("; ")}`;
  }

  // ---- Uses ------------------------------------------------------------------------------
  const uses: ApiUse[] = [];
  const problems: string[] = [];
  function record(sf: ts.SourceFile, at: ts.Node, member: string, annotation: string | undefined, write: boolean, viaLoad: boolean): void {
    const requirement = annotation === undefined ? undefined : parseAnnotation(annotation, write);
    const minimum = requirement ? options.minimums.get(requirement.set) : undefined;
    const aboveMinimum = requirement !== undefined && (minimum === undefined || compareVersions(requirement.version, minimum) > 0);
    const fn = namedEnclosing(at);
    const line = sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1;
    const guard = aboveMinimum && requirement ? guardAt(at, requirement, new Set()) : undefined;
    const use: ApiUse = {
      member,
      ...(requirement ? { requirement } : {}),
      annotation: annotation ?? "—",
      file: rel(sf),
      line,
      fn: fn ? nameOf(fn) : "top level",
      viaLoad,
      aboveMinimum,
      ...(guard ? { guard } : {}),
    };
    uses.push(use);
    if (aboveMinimum && !guard && requirement) {
      const min = minimum === undefined ? "a set the manifest does not require" : `above the manifest's ${requirement.set} ${minimum}`;
      problems.push(
        `${use.file}:${line} (${use.fn}): ${member}${viaLoad ? " (load)" : ""} needs ${requirement.set} ${requirement.version}, ${min}, ` +
          `and no isSetSupported("${requirement.set}", "${requirement.version}") is on its path`,
      );
    }
  }

  /** Follows "format/fill/pattern" from the loaded object's type; records each step. */
  function recordLoadPath(sf: ts.SourceFile, at: ts.Node, type: ts.Type, loadPath: string): void {
    let current: ts.Type | undefined = type;
    for (const segment of loadPath.split("/").map((s) => s.trim())) {
      if (!current || segment === "") return;
      const prop = checker.getPropertyOfType(checker.getNonNullableType(current), segment);
      if (!prop) return;
      const api = apiMember(prop);
      if (api && segment !== "items") record(sf, at, api.member, api.annotation, false, true);
      let next = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, at));
      if (checker.isArrayType(next)) next = checker.getTypeArguments(next as ts.TypeReference)[0] ?? next;
      current = next;
    }
  }

  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n) && !ts.isHeritageClause(n.parent) && !ts.isExpressionWithTypeArguments(n.parent)) {
        const api = apiMember(checker.getSymbolAtLocation(n.name));
        const write = ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
        if (api) record(sf, n.name, api.member, api.annotation, write, false);
        else if (ts.isIdentifier(n.name) && (n.expression.getText(sf).endsWith("OfficeRuntime") || /\bOfficeRuntime\??$/.test(n.expression.getText(sf)))) {
          // No typings for OfficeRuntime here: found by name, with no requirement set to check.
          record(sf, n.name, `OfficeRuntime.${n.name.text}`, undefined, write, false);
        }
        if (api && n.name.text === "load" && ts.isCallExpression(n.parent) && n.parent.expression === n) {
          const receiver = checker.getTypeAtLocation(n.expression);
          const literals: string[] = [];
          const collect = (x: ts.Node): void => {
            if (ts.isStringLiteralLike(x)) literals.push(x.text);
            ts.forEachChild(x, collect);
          };
          for (const arg of n.parent.arguments) collect(arg);
          for (const text of literals) for (const p of text.split(",")) recordLoadPath(sf, n.parent, receiver, p.trim());
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { uses, problems, minimums: options.minimums };
}

// ---- The table -------------------------------------------------------------------------

const sortKey = (u: ApiUse): [number, string, string] => [u.requirement ? 0 : 1, u.requirement?.set ?? "", u.member];

/** docs/office-api.md. No line numbers: the table changes when API use changes, not when code moves. */
export function renderTable(result: AuditResult): string {
  const byMember = new Map<string, ApiUse[]>();
  for (const u of result.uses) {
    const list = byMember.get(u.member) ?? [];
    list.push(u);
    byMember.set(u.member, list);
  }
  const rows = [...byMember.values()].sort((a, b) => {
    const ua = a[0] as ApiUse;
    const ub = b[0] as ApiUse;
    const [ra, sa, ma] = sortKey(ua);
    const [rb, sb, mb] = sortKey(ub);
    if (ra !== rb) return ra - rb;
    if (sa !== sb) return sa.localeCompare(sb);
    const v = compareVersions(ub.requirement?.version ?? "0", ua.requirement?.version ?? "0");
    return v !== 0 ? v : ma.localeCompare(mb);
  });
  const cell = (s: string): string => s.replace(/\|/g, "\\|");
  const minimums = [...result.minimums].map(([set, v]) => `${set} ${v}`).join(", ");
  const lines = [
    "# Office API members the add-in uses",
    "",
    "Generated by `npm run audit:office` (scripts/office-api-audit.ts) from the code in src/ and the",
    "`[Api set: …]` annotations of the Office type definitions; `npm test` fails when this file is out of",
    "date or when a member above the manifest's minimum is used with no requirement check on its path.",
    "The rule for \"on its path\" is in the script's header.",
    "",
    `Manifest minimums: ${minimums}. Members within them need no check: Excel does not load the add-in`,
    "without them. \"(load)\": named in a `load()` string. \"—\": the typings give no requirement set.",
    "",
    "| Member | Requirement set | Used in | Check on the path |",
    "| --- | --- | --- | --- |",
  ];
  for (const list of rows) {
    const first = list[0] as ApiUse;
    const where = [...new Set(list.map((u) => `${u.file} (${u.fn}${u.viaLoad ? ", load" : ""})`))].sort().join("<br>");
    const needs = [...new Set(list.map((u) => (u.requirement ? `${u.requirement.set} ${u.requirement.version}` : "—")))].join(", ");
    const guards = list.some((u) => u.aboveMinimum)
      ? [...new Set(list.filter((u) => u.aboveMinimum).map((u) => u.guard ?? "**none**"))].sort().join("<br>")
      : "within the minimum";
    lines.push(`| \`${cell(first.member)}\` | ${cell(needs)} | ${cell(where)} | ${cell(guards)} |`);
  }
  lines.push("");
  return lines.join("\n");
}

// ---- The project's audit -----------------------------------------------------------------

/** The audit of this repository: tsconfig.build.json's files in src/, the minimums of manifest.xml. */
export function auditProject(rootDir: string): AuditResult {
  const configPath = path.join(rootDir, "tsconfig.build.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const src = path.join(rootDir, "src") + path.sep;
  const files = parsed.fileNames.filter((f) => path.resolve(f).startsWith(src));
  const minimums = manifestMinimums(fs.readFileSync(path.join(rootDir, "manifest.xml"), "utf8"));
  return auditOfficeApi({ files, compilerOptions: { ...parsed.options, noEmit: true }, rootDir, minimums });
}

export const DOC_FILE = "docs/office-api.md";

function main(): void {
  const rootDir = path.resolve(__dirname, "..");
  const check = process.argv.includes("--check");
  const result = auditProject(rootDir);
  const table = renderTable(result);
  const docPath = path.join(rootDir, DOC_FILE);
  const current = fs.existsSync(docPath) ? fs.readFileSync(docPath, "utf8") : "";
  let failed = false;
  if (check) {
    if (current !== table) {
      console.error(`${DOC_FILE} is out of date: run npm run audit:office`);
      failed = true;
    }
  } else if (current !== table) {
    const tmp = `${docPath}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, table);
    fs.renameSync(tmp, docPath);
    console.log(`wrote ${DOC_FILE} (${new Set(result.uses.map((u) => u.member)).size} members)`);
  }
  for (const problem of result.problems) console.error(problem);
  if (result.problems.length > 0) failed = true;
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) main();
