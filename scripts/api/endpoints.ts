/**
 * The endpoint table generator: writes `docs/endpoints.md` from the operation table, the library's
 * own code and its tests. For each operation it finds
 *
 * - the service methods that reach it, by a static scan of `src/services/*Service.ts` (see
 *   {@link scanServices}): the methods are the properties of the object literal given to
 *   `<Service>.of({ … })`, and a method reaches an operation when its code, or a helper of
 *   `src/services/` it uses, calls `callWith(client)(Op.<name>, …)` with a generated operation
 *   constant of `src/api/Operations.ts` (namespace or named import, or a const holding one) or an
 *   operationId literal (also `ApiCall.call`, `stream`, `streamWith`), or
 *   `client.call/request/stream({ method, path })` with a path that
 *   matches the operation's template (`route\`/session/${id}\`` matches `/session/{sessionID}`);
 * - the `OpencodeV2` method (the same rule as `src/api/V2.ts`) and whether plain
 *   `ApiCall.call` / `ApiCall.stream` serves it (by its answer's kind);
 * - the test files that drive it against the real server: files that use
 *   `src/testing/TestServer.ts` and call one of those methods on a service they obtained with
 *   `yield* <Service>` (or `<Service>.use(…)`), or call `ApiCall.call("<operationId>", …)` (or
 *   a `…With` form with an operation constant), or that
 *   the notes declare as a probe of every `OpencodeV2` operation (see {@link scanTests}).
 *
 * The scan reads TypeScript syntax only (the compiler's parser, no type checking), so it is fast
 * and needs nothing built. It fails with a {@link GenerateError} naming the file and line of a call
 * whose operation it cannot tell, rather than guess: a new way of calling the server must be
 * taught here.
 */
import ts from "typescript"
import { GenerateError, operationName } from "./generator.ts"

const fail = (message: string): never => {
  throw new GenerateError({ message })
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** What the table needs of one operation. */
export interface OperationInfo {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly api: "v1" | "v2"
  readonly kind: string
}

/**
 * Hand-written facts the scan cannot know (`scripts/api/endpoint-notes.json`):
 * `left`: operations no service wraps on purpose, with the reason; `untested`: operations a
 * service wraps that no real-server test drives yet, with the reason; `probes`: test files that
 * drive every `OpencodeV2` operation in a loop over `OpencodeV2.v2Operations` (a loop the scan
 * cannot follow), with what shows it.
 */
export interface Notes {
  readonly left: Readonly<Record<string, string>>
  readonly untested: Readonly<Record<string, string>>
  readonly probes: ReadonlyArray<{ readonly test: string; readonly covers: "OpencodeV2"; readonly why: string }>
  /** Routes the server serves outside its own document (`GET /doc`), as `METHOD /path`: reason. */
  readonly undocumented: Readonly<Record<string, string>>
  /**
   * Where the scan reaches an operation from more methods than really call it (a route chosen at
   * run time, like EventService's one connection code for `/event` and `/global/event`): `only`
   * the named methods reach it, or all `except` them. Each name must be one the scan found.
   */
  readonly reachedBy: Readonly<Record<string, { readonly only?: ReadonlyArray<string>; readonly except?: ReadonlyArray<string>; readonly why: string }>>
}

/** Decodes the notes file, failing with a message that says what is wrong. */
export const parseNotes = (json: unknown): Notes => {
  const isStrings = (u: unknown): u is Record<string, string> =>
    typeof u === "object" && u !== null && !Array.isArray(u) &&
    Object.values(u).every((v) => typeof v === "string" && v.trim().length >= 10)
  const j = json as Partial<Record<keyof Notes, unknown>> | null
  if (j === null || typeof j !== "object" || !isStrings(j.left) || !isStrings(j.untested) || !Array.isArray(j.probes) || !isStrings(j.undocumented)) {
    return fail("the endpoint notes must be {left: {id: reason}, untested: {id: reason}, probes: [{test, covers, why}], undocumented: {\"METHOD /path\": reason}}, each reason 10 characters or more")
  }
  const reachedBy = j.reachedBy
  if (typeof reachedBy !== "object" || reachedBy === null) return fail("the endpoint notes need reachedBy: {id: {only|except, why}}")
  for (const [id, r] of Object.entries(reachedBy as Record<string, Record<string, unknown>>)) {
    const names = (u: unknown) => u === undefined || (Array.isArray(u) && u.length > 0 && u.every((x) => typeof x === "string"))
    if (typeof r?.why !== "string" || r.why.length < 10 || !names(r.only) || !names(r.except) || (r.only === undefined) === (r.except === undefined)) {
      fail(`the endpoint notes: reachedBy["${id}"] must have one of only/except (a list of Service.method) and a why`)
    }
  }
  for (const p of j.probes as Array<Record<string, unknown>>) {
    if (typeof p?.test !== "string" || p.covers !== "OpencodeV2" || typeof p.why !== "string" || p.why.length < 10) {
      fail(`the endpoint notes: a probe must be {test, covers: "OpencodeV2", why} (got ${JSON.stringify(p)})`)
    }
  }
  return j as unknown as Notes
}

/** Read access to the repository, relative paths (`src/services/SessionService.ts`). */
export interface Repository {
  /** The files under a folder, recursively, as relative paths. */
  readonly list: (folder: string) => ReadonlyArray<string>
  /** A file's text, `undefined` when there is none. */
  readonly read: (relative: string) => string | undefined
}

// ---------------------------------------------------------------------------------------------
// Modules and names
// ---------------------------------------------------------------------------------------------

interface Module {
  readonly path: string
  readonly source: ts.SourceFile
}

class Modules {
  private readonly cache = new Map<string, Module | undefined>()
  readonly repo: Repository
  constructor(repo: Repository) {
    this.repo = repo
  }
  get(path: string): Module | undefined {
    if (!this.cache.has(path)) {
      const text = this.repo.read(path)
      this.cache.set(path, text === undefined ? undefined : { path, source: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) })
    }
    return this.cache.get(path)
  }
}

const where = (node: ts.Node): string => {
  const sf = node.getSourceFile()
  return `${sf.fileName}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
}

/** `a/b/../c.ts` relative to the importing file, or undefined for a package import. */
const importTarget = (from: string, specifier: string): string | undefined => {
  if (!specifier.startsWith(".")) return undefined
  const parts = from.split("/").slice(0, -1)
  for (const segment of specifier.split("/")) {
    if (segment === "..") parts.pop()
    else if (segment !== ".") parts.push(segment)
  }
  return parts.join("/")
}

const strip = (e: ts.Expression): ts.Expression => {
  while (
    ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)
  ) e = e.expression
  return e
}

const bindingNames = (name: ts.BindingName): Array<ts.Identifier> =>
  ts.isIdentifier(name) ? [name] : name.elements.flatMap((el) => ts.isOmittedExpression(el) ? [] : bindingNames(el.name))

/** The declaration a name refers to, by the lexical scopes around it (no type checker). */
type Declaration =
  | { readonly kind: "variable"; readonly node: ts.VariableDeclaration; readonly name: ts.Identifier }
  | { readonly kind: "function"; readonly node: ts.FunctionDeclaration }
  | { readonly kind: "parameter"; readonly node: ts.ParameterDeclaration }
  | { readonly kind: "import"; readonly module: string; readonly imported: string | "*" }
  | { readonly kind: "other" }

const declarationsIn = (statements: ts.NodeArray<ts.Statement>, name: string): Declaration | undefined => {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const id = bindingNames(d.name).find((n) => n.text === name)
        if (id !== undefined) return { kind: "variable", node: d, name: id }
      }
    } else if (ts.isFunctionDeclaration(s) && s.name?.text === name) return { kind: "function", node: s }
    else if ((ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name?.text === name) return { kind: "other" }
    else if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.importClause !== undefined) {
      const module = s.moduleSpecifier.text
      const clause = s.importClause
      if (clause.name?.text === name) return { kind: "import", module, imported: "default" }
      const bindings = clause.namedBindings
      if (bindings !== undefined && ts.isNamespaceImport(bindings) && bindings.name.text === name) return { kind: "import", module, imported: "*" }
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        const spec = bindings.elements.find((e) => e.name.text === name)
        if (spec !== undefined) return { kind: "import", module, imported: (spec.propertyName ?? spec.name).text }
      }
    }
  }
  return undefined
}

const resolve = (id: ts.Identifier): Declaration | undefined => {
  const name = id.text
  for (let n: ts.Node | undefined = id.parent; n !== undefined; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      for (const p of n.parameters) if (bindingNames(p.name).some((b) => b.text === name)) return { kind: "parameter", node: p }
      // a named function expression sees its own name (recursion: not followed)
      if (ts.isFunctionExpression(n) && n.name?.text === name) return { kind: "other" }
    }
    if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const found = declarationsIn(n.statements, name)
      if (found !== undefined) return found
    }
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isForStatement(n)) && n.initializer !== undefined && ts.isVariableDeclarationList(n.initializer)) {
      for (const d of n.initializer.declarations) if (bindingNames(d.name).some((b) => b.text === name)) return { kind: "other" }
    }
    if (ts.isCatchClause(n) && n.variableDeclaration !== undefined && bindingNames(n.variableDeclaration.name).some((b) => b.text === name)) {
      return { kind: "other" }
    }
  }
  return undefined
}

/** The exported declaration `name` of a module, following `export { a as b }` inside it. */
const exported = (module: Module, name: string): Declaration | undefined => {
  for (const s of module.source.statements) {
    const isExported = ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    if (isExported && (ts.isVariableStatement(s) || ts.isFunctionDeclaration(s))) {
      const found = declarationsIn(ts.factory.createNodeArray([s]), name)
      if (found !== undefined) return found
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Values: what strings an expression can be
// ---------------------------------------------------------------------------------------------

/** A string with holes (`${…}` of a template whose value the scan does not know). */
type Shape = ReadonlyArray<string | null>

type Values =
  | { readonly known: true; readonly shapes: ReadonlyArray<Shape> }
  /** `fromParameter`: the value is an argument that the caller supplies (the caller is scanned). */
  | { readonly known: false; readonly fromParameter: boolean }

type Env = ReadonlyMap<ts.ParameterDeclaration, { readonly arg: ts.Expression | undefined; readonly env: Env }>

const unknown = (fromParameter: boolean): Values => ({ known: false, fromParameter })
const known = (shapes: ReadonlyArray<Shape>): Values => ({ known: true, shapes })

const union = (all: ReadonlyArray<Values>): Values => {
  const shapes: Array<Shape> = []
  for (const v of all) {
    if (!v.known) return v
    shapes.push(...v.shapes)
  }
  return known(shapes)
}

/**
 * The operations of the scan under way, by id: `operations["<id>"].path` (or `.method`) in a
 * service is the table's own value (set by {@link scanServices}).
 */
let tableOperations: ReadonlyMap<string, OperationInfo> = new Map()

/** The same operations by the name of their constant in `src/api/Operations.ts` (`sessionGet`). */
let namedOperations: ReadonlyMap<string, OperationInfo> = new Map()

const OPERATIONS_MODULE = /(^|\/)api\/Operations\.ts$/

/**
 * The operation `e` names when it is one of the generated constants: `Op.sessionGet` (`Op` a
 * namespace import of `src/api/Operations.ts`) or `sessionGet` imported by name from it.
 */
const operationConstantOf = (e: ts.Expression): OperationInfo | undefined => {
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(strip(e.expression))) {
    const d = resolve(strip(e.expression) as ts.Identifier)
    return d?.kind === "import" && d.imported === "*" && OPERATIONS_MODULE.test(d.module) ? namedOperations.get(e.name.text) : undefined
  }
  if (ts.isIdentifier(e)) {
    const d = resolve(e)
    return d?.kind === "import" && d.imported !== "*" && OPERATIONS_MODULE.test(d.module) ? namedOperations.get(d.imported) : undefined
  }
  return undefined
}

/** The operationId an argument names: a string literal of one, or a generated constant. */
const operationIdOf = (expr: ts.Expression, ids: ReadonlySet<string>): string | undefined => {
  const e = strip(expr)
  if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && ids.has(e.text)) return e.text
  return operationConstantOf(e)?.id
}

/** The operation `e` names when it is `operations["<id>"]`, a generated constant, or a const holding one. */
const tableOperationOf = (expr: ts.Expression, depth: number): OperationInfo | undefined => {
  if (depth > 20) return undefined
  const e = strip(expr)
  const constant = operationConstantOf(e)
  if (constant !== undefined) return constant
  if (ts.isIdentifier(e)) {
    const d = resolve(e)
    return d?.kind === "variable" && d.node.initializer !== undefined ? tableOperationOf(d.node.initializer, depth + 1) : undefined
  }
  if (ts.isElementAccessExpression(e) && ts.isIdentifier(strip(e.expression)) && (strip(e.expression) as ts.Identifier).text === "operations") {
    const arg = strip(e.argumentExpression)
    return ts.isStringLiteral(arg) ? tableOperations.get(arg.text) : undefined
  }
  return undefined
}

const valuesOf = (expr: ts.Expression, env: Env, depth = 0): Values => {
  if (depth > 20) return unknown(false)
  const e = strip(expr)
  if (ts.isPropertyAccessExpression(e) && (e.name.text === "path" || e.name.text === "method")) {
    const op = tableOperationOf(e.expression, depth + 1)
    if (op !== undefined) {
      if (e.name.text === "method") return known([[op.method]])
      // the template's text between its parameters, a parameter being any value (null)
      return known([op.path.split(/\{[^}]+\}/).flatMap((text, i) => (i === 0 ? [text] : [null, text]))])
    }
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return known([[e.text]])
  // a generated operation constant stands for its id (the generic call's first argument)
  const constant = operationConstantOf(e)
  if (constant !== undefined) return known([[constant.id]])
  if (ts.isTaggedTemplateExpression(e)) return valuesOf(e.template as ts.Expression, env, depth + 1)
  if (ts.isTemplateExpression(e)) {
    const shape: Array<string | null> = [e.head.text]
    for (const span of e.templateSpans) shape.push(null, span.literal.text)
    return known([shape])
  }
  if (ts.isConditionalExpression(e)) return union([valuesOf(e.whenTrue, env, depth + 1), valuesOf(e.whenFalse, env, depth + 1)])
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return union([valuesOf(e.left, env, depth + 1), valuesOf(e.right, env, depth + 1)])
  }
  if (ts.isIdentifier(e)) {
    const d = resolve(e)
    if (d?.kind === "variable" && d.node.initializer !== undefined && ts.isIdentifier(d.node.name)) {
      return valuesOf(d.node.initializer, env, depth + 1)
    }
    if (d?.kind === "parameter") {
      const bound = env.get(d.node)
      if (bound === undefined) return unknown(true)
      if (bound.arg === undefined) return d.node.initializer !== undefined ? valuesOf(d.node.initializer, env, depth + 1) : unknown(true)
      return valuesOf(bound.arg, bound.env, depth + 1)
    }
    return unknown(false)
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(strip(e.expression))) {
    // a local function's answer: the values of its return expressions, its parameters bound to the arguments
    const d = resolve(strip(e.expression) as ts.Identifier)
    const fn = d === undefined ? undefined : functionOf(d)
    if (fn?.body === undefined) return unknown(false)
    const bound = new Map(env)
    fn.parameters.forEach((p, i) => bound.set(p, { arg: e.arguments[i], env }))
    if (!ts.isBlock(fn.body)) return valuesOf(fn.body as ts.Expression, bound, depth + 1)
    const returned: Array<ts.Expression> = []
    const returns = (n: ts.Node): void => {
      if (ts.isFunctionLike(n)) return
      if (ts.isReturnStatement(n) && n.expression !== undefined) returned.push(n.expression)
      ts.forEachChild(n, returns)
    }
    ts.forEachChild(fn.body, returns)
    return returned.length === 0 ? unknown(false) : union(returned.map((r) => valuesOf(r, bound, depth + 1)))
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const key = ts.isPropertyAccessExpression(e)
      ? e.name.text
      : ts.isStringLiteral(strip(e.argumentExpression)) ? (strip(e.argumentExpression) as ts.StringLiteral).text : undefined
    const object = objectLiteralOf(e.expression, env, depth + 1)
    if (object === undefined) {
      // `options.path` of a parameter the caller has not bound: the caller supplies it
      const base = strip(e.expression)
      const d = ts.isIdentifier(base) ? resolve(base) : undefined
      return unknown(d?.kind === "parameter" && !env.has(d.node))
    }
    const props = object.node.properties.filter((p) => key === undefined || (p.name !== undefined && propertyName(p.name) === key))
    if (props.length === 0) return unknown(false)
    return union(props.map((p) => propertyValue(p, object.env, depth + 1)))
  }
  return unknown(false)
}

const propertyName = (name: ts.PropertyName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined

const propertyValue = (p: ts.ObjectLiteralElementLike, env: Env, depth: number): Values => {
  if (ts.isPropertyAssignment(p)) return valuesOf(p.initializer, env, depth)
  if (ts.isShorthandPropertyAssignment(p)) return valuesOf(p.name, env, depth)
  return unknown(false)
}

/** The object literal an expression stands for (a const's initializer, an argument), if any. */
const objectLiteralOf = (expr: ts.Expression, env: Env, depth: number): { node: ts.ObjectLiteralExpression; env: Env } | undefined => {
  if (depth > 20) return undefined
  const e = strip(expr)
  if (ts.isObjectLiteralExpression(e)) return { node: e, env }
  if (!ts.isIdentifier(e)) return undefined
  const d = resolve(e)
  if (d?.kind === "variable" && d.node.initializer !== undefined && ts.isIdentifier(d.node.name)) return objectLiteralOf(d.node.initializer, env, depth + 1)
  if (d?.kind === "parameter") {
    const bound = env.get(d.node)
    return bound?.arg === undefined ? undefined : objectLiteralOf(bound.arg, bound.env, depth + 1)
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Matching a path to operations
// ---------------------------------------------------------------------------------------------

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Whether a path shape can be the operation's template: the same segments, a `{param}` segment
 * only for a segment that is one whole hole, a literal segment only for a segment whose text (its
 * holes standing for any text) can be it. So `route\`/session/${id}\`` is `/session/{sessionID}`
 * and not `/session/status`, and `` `/tui/open-${dialog}` `` is each of the four `/tui/open-…`.
 */
const pathMatches = (shape: Shape, template: string): boolean => {
  const HOLE = "\u0000"
  const text = shape.map((p) => p ?? HOLE).join("")
  const segments = text.split("/")
  const expected = template.split("/")
  if (segments.length !== expected.length) return false
  return expected.every((t, i) => {
    const s = segments[i]!
    if (/^\{[^}]+\}$/.test(t)) return s === HOLE
    if (s === HOLE) return false
    return new RegExp(`^${s.split(HOLE).map(escape).join(".+")}$`).test(t)
  })
}

// ---------------------------------------------------------------------------------------------
// Scanning the services
// ---------------------------------------------------------------------------------------------

const CALL_MODULE = /(^|\/)api\/Call\.ts$/

/** Whether an expression is the generic typed call: `callWith(client)`, `ApiCall.call`, … */
const isCallBinding = (modules: Modules, from: Module, expr: ts.Expression, depth = 0): boolean => {
  if (depth > 10) return false
  const e = strip(expr)
  const importOfCall = (d: Declaration | undefined, names: ReadonlyArray<string>) =>
    d?.kind === "import" && names.includes(d.imported) && CALL_MODULE.test(importTarget(from.path, d.module) ?? d.module)
  const isCallNamespace = (x: ts.Expression): boolean => {
    const s = strip(x)
    if (!ts.isIdentifier(s)) return false
    const d = resolve(s)
    return (d?.kind === "import" && d.imported === "*" && CALL_MODULE.test(importTarget(from.path, d.module) ?? d.module)) ||
      (d?.kind === "import" && d.imported === "ApiCall")
  }
  if (ts.isIdentifier(e)) {
    const d = resolve(e)
    if (importOfCall(d, ["call", "stream", "bytes", "socket"])) return true
    if (d?.kind === "variable" && d.node.initializer !== undefined && ts.isIdentifier(d.node.name)) return isCallBinding(modules, from, d.node.initializer, depth + 1)
    return false
  }
  if (ts.isPropertyAccessExpression(e)) return ["call", "stream", "bytes", "socket"].includes(e.name.text) && isCallNamespace(e.expression)
  if (ts.isCallExpression(e)) {
    const callee = strip(e.expression)
    if (ts.isIdentifier(callee)) return importOfCall(resolve(callee), ["callWith", "streamWith", "bytesWith", "socketWith"])
    if (ts.isPropertyAccessExpression(callee)) return ["callWith", "streamWith", "bytesWith", "socketWith"].includes(callee.name.text) && isCallNamespace(callee.expression)
  }
  return false
}

/** One way a method reaches an operation: the helpers it went through (empty: its own code). */
export interface Reach {
  readonly operation: string
  readonly via: ReadonlyArray<string>
}

interface WalkState {
  readonly modules: Modules
  readonly ops: ReadonlyArray<OperationInfo>
  readonly ids: ReadonlySet<string>
  readonly followable: (path: string) => boolean
  readonly undocumented: ReadonlySet<string>
  readonly found: Map<string, Reach>
}

const record = (state: WalkState, operation: string, via: ReadonlyArray<string>) => {
  const before = state.found.get(operation)
  if (before === undefined || before.via.length > via.length) state.found.set(operation, { operation, via })
}

const functionOf = (d: Declaration): ts.SignatureDeclaration & { body?: ts.Node | undefined } | undefined => {
  if (d.kind === "function") return d.node
  if (d.kind === "variable" && d.node.initializer !== undefined) {
    const init = strip(d.node.initializer)
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init
  }
  return undefined
}

/** The declaration an identifier names, in its own module or through a relative import. */
const declarationOf = (state: WalkState, module: Module, id: ts.Identifier): { d: Declaration; module: Module; name: string } | undefined => {
  const d = resolve(id)
  if (d === undefined) return undefined
  if (d.kind !== "import") return { d, module, name: id.text }
  if (d.imported === "*" || d.imported === "default") return undefined
  const target = importTarget(module.path, d.module)
  if (target === undefined || !state.followable(target)) return undefined
  const other = state.modules.get(target)
  const found = other === undefined ? undefined : exported(other, d.imported)
  return found === undefined || other === undefined ? undefined : { d: found, module: other, name: d.imported }
}

const walk = (state: WalkState, module: Module, node: ts.Node, env: Env, via: ReadonlyArray<string>, stack: ReadonlySet<ts.Node>): void => {
  const follow = (target: { d: Declaration; module: Module; name: string }, args: ReadonlyArray<ts.Expression> | undefined, argEnv: Env) => {
    const { d } = target
    const fn = functionOf(d)
    const body: ts.Node | undefined = fn !== undefined ? fn.body : d.kind === "variable" ? d.node.initializer : undefined
    if (body === undefined || stack.has(body)) return
    // A declaration inside the node being walked is walked with it.
    const declNode = d.kind === "variable" || d.kind === "function" ? d.node : undefined
    if (declNode !== undefined && isInside(declNode, node) && args === undefined) return
    let next: Env = env
    if (fn !== undefined && args !== undefined) {
      const m = new Map(env)
      fn.parameters.forEach((p, i) => m.set(p, { arg: args[i], env: argEnv }))
      next = m
    }
    walk(state, target.module, body, next, [...via, target.name], new Set([...stack, body]))
  }

  const visit = (n: ts.Node): void => {
    if (ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isImportDeclaration(n)) return
    if (ts.isCallExpression(n)) {
      const callee = strip(n.expression)
      if (isCallBinding(state.modules, module, callee)) {
        const first = n.arguments[0]
        const values = first === undefined ? unknown(false) : valuesOf(first, env)
        if (!values.known) {
          if (!values.fromParameter) fail(`${where(n)}: cannot tell which operation this call makes (its first argument must be an operation id literal, a generated operation constant, a const, or a parameter given one)`)
        } else {
          for (const shape of values.shapes) {
            const id = shape.length === 1 ? shape[0] : null
            if (id === null || id === undefined || !state.ids.has(id)) fail(`${where(n)}: "${shape.map((p) => p ?? "${…}").join("")}" is not an operation id`)
            record(state, id as string, via)
          }
        }
      } else if (ts.isPropertyAccessExpression(callee) && ["call", "request", "stream"].includes(callee.name.text)) {
        for (const arg of n.arguments) {
          const a = strip(arg)
          if (!ts.isObjectLiteralExpression(a)) continue
          const prop = (name: string) => a.properties.find((p) => p.name !== undefined && propertyName(p.name) === name)
          const pathProp = prop("path")
          if (pathProp === undefined) continue
          const methodProp = prop("method")
          const paths = propertyValue(pathProp, env, 0)
          if (!paths.known) {
            if (paths.fromParameter) continue
            fail(`${where(n)}: cannot tell the path of this call (give it a string, a \`route\` template, or a const of one)`)
          }
          const methods = methodProp === undefined ? undefined : propertyValue(methodProp, env, 0)
          if (methods !== undefined && !methods.known) {
            if (methods.fromParameter) continue
            fail(`${where(n)}: cannot tell the HTTP method of this call`)
          }
          const methodNames = methods?.known === true ? methods.shapes.map((s) => s.join("").toUpperCase()) : undefined
          for (const shape of (paths as { shapes: ReadonlyArray<Shape> }).shapes) {
            const matching = state.ops.filter((op) => pathMatches(shape, op.path) && (methodNames === undefined || methodNames.includes(op.method)))
            const text = shape.map((p) => p ?? "${…}").join("")
            if (matching.length === 0 && methodNames?.length === 1 && state.undocumented.has(`${methodNames[0]} ${text}`)) continue
            if (matching.length === 0) fail(`${where(n)}: no operation is ${methodNames?.join("/") ?? "any method of"} ${text}`)
            if (methodNames === undefined && new Set(matching.map((op) => op.path)).size < matching.length) {
              fail(`${where(n)}: ${text} has several methods; give the call a \`method\``)
            }
            for (const op of matching) record(state, op.id, via)
          }
        }
      } else if (ts.isIdentifier(callee)) {
        const target = declarationOf(state, module, callee)
        if (target !== undefined && state.followable(target.module.path)) follow(target, n.arguments, env)
        n.arguments.forEach(visit)
        return
      }
    } else if (ts.isIdentifier(n) && isReference(n)) {
      const target = declarationOf(state, module, n)
      if (target !== undefined && state.followable(target.module.path) && (target.d.kind === "variable" || target.d.kind === "function")) {
        follow(target, undefined, env)
      }
    }
    ts.forEachChild(n, visit)
  }
  visit(node)
}

const isInside = (inner: ts.Node, outer: ts.Node): boolean => inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile()

/** Whether an identifier is read as a value (not a declared name, a property name or a label). */
const isReference = (id: ts.Identifier): boolean => {
  const p = id.parent
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)) return false
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isBindingElement(p)) && p.name === id) return false
  if (ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isLabeledStatement(p)) return false
  return true
}

/** One service: its class name, file and the operations each method reaches. */
export interface ServiceScan {
  readonly name: string
  readonly file: string
  readonly methods: ReadonlyMap<string, ReadonlyArray<Reach>>
}

/**
 * Scans `src/services/*Service.ts`. Each file must declare `class <Name> extends
 * Context.Service<…>` and build its methods as the object literal given to `<Name>.of({ … })`;
 * a shorthand property (`{ list }`) is its local declaration. A method's code is walked with the
 * helpers of `src/services/` it refers to (the arguments of a call bound to the helper's
 * parameters, so `post("/tui/clear-prompt")` reaches `POST /tui/clear-prompt`).
 */
export const scanServices = (repo: Repository, ops: ReadonlyArray<OperationInfo>, notes: Notes): ReadonlyArray<ServiceScan> => {
  const undocumented = new Set(Object.keys(notes.undocumented))
  const modules = new Modules(repo)
  const ids = new Set(ops.map((op) => op.id))
  tableOperations = new Map(ops.map((op) => [op.id, op]))
  namedOperations = new Map(ops.map((op) => [operationName(op.id), op]))
  const files = repo.list("src/services").filter((f) => /\/[A-Z][A-Za-z]*Service\.ts$/.test(f)).sort()
  return files.map((file) => {
    const module = modules.get(file)!
    const cls = module.source.statements.find((s): s is ts.ClassDeclaration =>
      ts.isClassDeclaration(s) && s.name !== undefined &&
      (s.heritageClauses ?? []).some((h) => h.getText().includes("Context.Service<"))
    )
    if (cls?.name === undefined) return fail(`${file}: no \`class … extends Context.Service<…>\``)
    const name = cls.name.text
    let literal: ts.ObjectLiteralExpression | undefined
    const find = (n: ts.Node): void => {
      if (
        literal === undefined && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === "of" && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name
      ) {
        const arg = n.arguments[0]
        if (arg !== undefined && ts.isObjectLiteralExpression(strip(arg))) literal = strip(arg) as ts.ObjectLiteralExpression
      }
      if (literal === undefined) ts.forEachChild(n, find)
    }
    find(module.source)
    if (literal === undefined) return fail(`${file}: the methods must be built as \`${name}.of({ … })\` with an object literal`)
    const methods = new Map<string, ReadonlyArray<Reach>>()
    for (const p of literal.properties) {
      const methodName = p.name === undefined ? undefined : propertyName(p.name)
      if (methodName === undefined) return fail(`${where(p)}: a method of ${name}.of needs a plain name (no spread, no computed key)`)
      const state: WalkState = { modules, ops, ids, followable: (path) => path.startsWith("src/services/"), undocumented, found: new Map() }
      // `{ list }` and `{ delete: remove }` name a local declaration: its code is the method's own.
      const named = ts.isShorthandPropertyAssignment(p)
        ? p.name
        : ts.isPropertyAssignment(p) && ts.isIdentifier(strip(p.initializer)) ? strip(p.initializer) as ts.Identifier : undefined
      if (named !== undefined) {
        const d = resolve(named)
        const fn = d === undefined ? undefined : functionOf(d)
        const body = fn?.body ?? (d?.kind === "variable" ? d.node.initializer : undefined)
        if (body === undefined) return fail(`${where(p)}: ${name}.${methodName} is not a local declaration`)
        walk(state, module, body, new Map(), [], new Set([body]))
      } else {
        walk(state, module, p, new Map(), [], new Set())
      }
      methods.set(methodName, [...state.found.values()].sort((a, b) => a.operation.localeCompare(b.operation)))
    }
    return { name, file, methods }
  })
}

// ---------------------------------------------------------------------------------------------
// Scanning the tests
// ---------------------------------------------------------------------------------------------

/** What one test file that uses the real server calls. */
export interface TestScan {
  readonly file: string
  /** `Service.method` of every service method it calls. */
  readonly methods: ReadonlySet<string>
  /** Operation ids it names in `ApiCall.call`/`stream` (or a bound `callWith`), and `v2.*` ids of `OpencodeV2` methods it calls. */
  readonly operations: ReadonlySet<string>
}

const TEST_SERVER = /(^|\/)src\/testing\/(TestServer|index)\.ts$/

/** Whether a test file starts the real server: it imports `src/testing/TestServer.ts` (or `TestServer` from the testing index). */
const usesTestServer = (module: Module): boolean =>
  module.source.statements.some((s) => {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.importClause?.isTypeOnly === true) return false
    const target = importTarget(module.path, s.moduleSpecifier.text) ?? ""
    if (!TEST_SERVER.test(target)) return false
    if (target.endsWith("TestServer.ts")) return true
    const bindings = s.importClause?.namedBindings
    if (bindings !== undefined && ts.isNamedImports(bindings)) return bindings.elements.some((e) => (e.propertyName ?? e.name).text === "TestServer")
    return bindings !== undefined && ts.isNamespaceImport(bindings) && module.source.text.includes(`${bindings.name.text}.TestServer`)
  })

/**
 * Scans the test files that use the real server (`src/testing/TestServer.ts`) for the library
 * methods they call. A service is recognised where the test obtains it: `const s = yield* S` (or
 * `yield* NS.S`, `S` being a service class name), the parameter of `S.use((s) => …)`, or of
 * `Effect.map/flatMap/andThen(S, (s) => …)`; `s.method(…)` is then a call of `S.method`. The v2
 * service is `yield* OpencodeV2.V2` (or `V2`), and `v2.session.get(…)` calls `v2.session.get`.
 */
export const scanTests = (repo: Repository, services: ReadonlyArray<ServiceScan>, ops: ReadonlyArray<OperationInfo>): ReadonlyArray<TestScan> => {
  const modules = new Modules(repo)
  const serviceNames = new Map(services.map((s) => [s.name, s]))
  const ids = new Set(ops.map((op) => op.id))
  const files = repo.list("test").filter((f) => f.endsWith(".test.ts")).sort()
  const out: Array<TestScan> = []
  for (const file of files) {
    const text = repo.read(file) ?? ""
    if (!text.includes("TestServer")) continue
    const module = modules.get(file)!
    if (!usesTestServer(module)) continue
    const methods = new Set<string>()
    const operations = new Set<string>()
    const bound = new Map<ts.Node, string>() // a parameter -> service name, or "V2"
    const serviceOf = (e: ts.Expression): string | undefined => {
      const s = strip(e)
      const name = ts.isIdentifier(s) ? s.text : ts.isPropertyAccessExpression(s) ? s.name.text : undefined
      if (name === undefined) return undefined
      if (serviceNames.has(name)) return name
      if (name === "V2" && (ts.isPropertyAccessExpression(s) ? /OpencodeV2$/.test(s.expression.getText()) : true)) return "V2"
      return undefined
    }
    const bindParam = (fn: ts.Expression | undefined, service: string) => {
      const f = fn === undefined ? undefined : strip(fn)
      if (f !== undefined && (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) && f.parameters[0] !== undefined && ts.isIdentifier(f.parameters[0].name)) {
        bound.set(f.parameters[0], service)
      }
    }
    const collect = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = strip(n.expression)
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === "use") {
          const service = serviceOf(callee.expression)
          if (service !== undefined) bindParam(n.arguments[0], service)
        }
        if (ts.isPropertyAccessExpression(callee) && ["map", "flatMap", "andThen", "tap"].includes(callee.name.text) && n.arguments.length >= 2) {
          const service = serviceOf(n.arguments[0]!)
          if (service !== undefined) bindParam(n.arguments[1], service)
        }
      }
      ts.forEachChild(n, collect)
    }
    collect(module.source)
    /** The service a value is: `yield* S`, a variable holding one. */
    const serviceOfValue = (expr: ts.Expression, depth: number): string | undefined => {
      if (depth > 8) return undefined
      const e = strip(expr)
      if (ts.isYieldExpression(e) && e.asteriskToken !== undefined && e.expression !== undefined) return serviceOf(e.expression)
      if (ts.isIdentifier(e)) return serviceOfName(e, depth + 1)
      return undefined
    }
    /** The service the property `name` of a value is: `yield* setup` where `setup` is an `Effect.gen` returning `{ name, … }`. */
    const serviceOfProperty = (expr: ts.Expression, name: string, depth: number): string | undefined => {
      if (depth > 8) return undefined
      const e = strip(expr)
      const source = ts.isYieldExpression(e) && e.expression !== undefined ? strip(e.expression) : e
      if (!ts.isIdentifier(source)) return undefined
      const d = resolve(source)
      if (d?.kind !== "variable" || d.node.initializer === undefined) return undefined
      const init = strip(d.node.initializer)
      const gen = ts.isCallExpression(init) ? init.arguments.find((a) => ts.isFunctionExpression(strip(a))) : undefined
      if (gen === undefined) return undefined
      let found: string | undefined
      const returns = (n: ts.Node): void => {
        if (found !== undefined || ts.isFunctionLike(n)) return
        if (ts.isReturnStatement(n) && n.expression !== undefined && ts.isObjectLiteralExpression(strip(n.expression))) {
          const object = strip(n.expression) as ts.ObjectLiteralExpression
          const p = object.properties.find((q) => q.name !== undefined && propertyName(q.name) === name)
          if (p !== undefined && ts.isShorthandPropertyAssignment(p)) found = serviceOfName(p.name, depth + 1)
          if (p !== undefined && ts.isPropertyAssignment(p)) found = serviceOfValue(p.initializer, depth + 1)
        }
        ts.forEachChild(n, returns)
      }
      ts.forEachChild((strip(gen) as ts.FunctionExpression).body, returns)
      return found
    }
    const serviceOfName = (id: ts.Identifier, depth: number): string | undefined => {
      const d = resolve(id)
      if (d?.kind === "parameter") return bound.get(d.node)
      if (d?.kind !== "variable" || d.node.initializer === undefined) return undefined
      if (ts.isIdentifier(d.node.name)) return serviceOfValue(d.node.initializer, depth)
      const element = d.name.parent
      if (ts.isBindingElement(element) && ts.isObjectBindingPattern(element.parent) && element.parent === d.node.name) {
        const key = element.propertyName !== undefined ? propertyName(element.propertyName) : d.name.text
        return key === undefined ? undefined : serviceOfProperty(d.node.initializer, key, depth)
      }
      return undefined
    }
    const boundTo = (e: ts.Expression): string | undefined => {
      const s = strip(e)
      return ts.isIdentifier(s) ? serviceOfName(s, 0) : undefined
    }
    const calls = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = strip(n.expression)
        if (ts.isPropertyAccessExpression(callee)) {
          // s.method(…) or v2.a.b(…)
          const names: Array<string> = []
          let target: ts.Expression = callee
          while (ts.isPropertyAccessExpression(target)) {
            names.unshift(target.name.text)
            target = strip(target.expression)
          }
          const service = boundTo(target)
          if (service === "V2") {
            const id = `v2.${names.join(".")}`
            if (ids.has(id)) operations.add(id)
          } else if (service !== undefined && names.length === 1 && serviceNames.get(service)!.methods.has(names[0]!)) {
            methods.add(`${service}.${names[0]}`)
          }
        }
        if (isCallBinding(modules, module, callee) && n.arguments[0] !== undefined) {
          const id = operationIdOf(n.arguments[0], ids)
          if (id !== undefined) operations.add(id)
        }
      }
      ts.forEachChild(n, calls)
    }
    calls(module.source)
    out.push({ file, methods, operations })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** One operation's row. */
export interface Row {
  readonly op: OperationInfo
  /** The service methods that reach it in the fewest helper steps, as `Service.method`. */
  readonly methods: ReadonlyArray<string>
  /** The other service methods that reach it (through helpers or other methods). */
  readonly also: ReadonlyArray<string>
  /** Its `OpencodeV2` method (`session.get`), if it has one. */
  readonly v2: string | undefined
  /** The generic typed call that serves it, by its answer's kind. */
  readonly generic: "ApiCall.call" | "ApiCall.stream" | "ApiCall.bytes" | "ApiCall.socket" | undefined
  /** The test files that drive it against the real server. */
  readonly tests: ReadonlyArray<string>
  readonly left: string | undefined
  readonly untested: string | undefined
  readonly reachedBy: string | undefined
}

/** Whether `src/api/V2.ts` serves an operation (its rule: under `/api/`, a `v2.` id, a JSON/none/text/SSE answer). */
const v2MethodOf = (op: OperationInfo): string | undefined =>
  op.api === "v2" && op.id.startsWith("v2.") && ["json", "true", "none", "text", "sse"].includes(op.kind) ? op.id.slice(3) : undefined

const genericOf = (op: OperationInfo): Row["generic"] =>
  ["json", "true", "none", "text"].includes(op.kind) ? "ApiCall.call"
  : op.kind === "sse" ? "ApiCall.stream"
  : op.kind === "binary" ? "ApiCall.bytes"
  : op.kind === "websocket" ? "ApiCall.socket"
  : undefined

/**
 * The rows, one per operation in document order, from the scans and the notes. Fails on a note
 * that names no operation or that the code contradicts (a `left` operation a service reaches, an
 * `untested` one a test drives, a `reachedBy` name the scan did not find, a probe file that does
 * not use the real server or never reads `OpencodeV2.v2Operations`).
 */
export const endpointRows = (
  ops: ReadonlyArray<OperationInfo>,
  services: ReadonlyArray<ServiceScan>,
  tests: ReadonlyArray<TestScan>,
  notes: Notes,
  repo: Repository
): ReadonlyArray<Row> => {
  const ids = new Set(ops.map((op) => op.id))
  for (const [kind, record] of [["left", notes.left], ["untested", notes.untested], ["reachedBy", notes.reachedBy]] as const) {
    for (const id of Object.keys(record)) if (!ids.has(id)) fail(`the endpoint notes: ${kind}["${id}"] names no operation`)
  }
  for (const route of Object.keys(notes.undocumented)) {
    if (ops.some((op) => `${op.method} ${op.path}` === route)) fail(`the endpoint notes: undocumented["${route}"] is an operation of the document now; remove the note`)
  }
  for (const probe of notes.probes) {
    if (!tests.some((t) => t.file === probe.test)) fail(`the endpoint notes: probe ${probe.test} is not a test file that uses src/testing/TestServer.ts`)
    if (!(repo.read(probe.test) ?? "").includes("v2Operations")) fail(`the endpoint notes: probe ${probe.test} never reads OpencodeV2.v2Operations`)
  }
  const reachers = new Map<string, Array<{ method: string; steps: number }>>()
  for (const service of services) {
    for (const [method, reaches] of service.methods) {
      for (const r of reaches) {
        const list = reachers.get(r.operation) ?? []
        list.push({ method: `${service.name}.${method}`, steps: r.via.length })
        reachers.set(r.operation, list)
      }
    }
  }
  return ops.map((op): Row => {
    let found = reachers.get(op.id) ?? []
    const override = notes.reachedBy[op.id]
    if (override !== undefined) {
      for (const name of [...(override.only ?? []), ...(override.except ?? [])]) {
        if (!found.some((f) => f.method === name)) fail(`the endpoint notes: reachedBy["${op.id}"] names ${name}, which the scan did not find reaching it`)
      }
      found = override.only !== undefined
        ? found.filter((f) => override.only!.includes(f.method)).map((f) => ({ ...f, steps: 0 }))
        : found.filter((f) => !override.except!.includes(f.method))
    }
    const fewest = Math.min(...found.map((f) => f.steps))
    const methods = found.filter((f) => f.steps === fewest).map((f) => f.method).sort()
    const also = found.filter((f) => f.steps !== fewest).map((f) => f.method).sort()
    const v2 = v2MethodOf(op)
    const driving = tests.filter((t) =>
      methods.some((m) => t.methods.has(m)) || t.operations.has(op.id) ||
      (v2 !== undefined && notes.probes.some((p) => p.test === t.file))
    ).map((t) => t.file)
    const services = new Set(methods.map((m) => m.split(".")[0]!))
    const mirrored = (file: string) => [...services].some((s) => file.split("/").pop()!.startsWith(`${s}.`))
    const testFiles = [...driving.filter(mirrored).sort(), ...driving.filter((f) => !mirrored(f)).sort()]
    const left = notes.left[op.id]
    const untested = notes.untested[op.id]
    if (left !== undefined && methods.length > 0) fail(`the endpoint notes: left["${op.id}"], but ${methods.join(", ")} reach${methods.length === 1 ? "es" : ""} it`)
    if (untested !== undefined && testFiles.length > 0) fail(`the endpoint notes: untested["${op.id}"], but ${testFiles[0]} drives it`)
    return { op, methods, also, v2, generic: genericOf(op), tests: testFiles, left, untested, reachedBy: override?.why }
  })
}

/** The counts of the summary. */
export interface EndpointSummary {
  readonly operations: number
  readonly v1: number
  readonly v2: number
  readonly service: number
  readonly v2Only: number
  readonly genericOnly: number
  readonly none: number
  readonly tested: number
  readonly untested: number
  readonly left: number
}

export const summarize = (rows: ReadonlyArray<Row>): EndpointSummary => ({
  operations: rows.length,
  v1: rows.filter((r) => r.op.api === "v1").length,
  v2: rows.filter((r) => r.op.api === "v2").length,
  service: rows.filter((r) => r.methods.length > 0).length,
  v2Only: rows.filter((r) => r.methods.length === 0 && r.v2 !== undefined).length,
  genericOnly: rows.filter((r) => r.methods.length === 0 && r.v2 === undefined && r.generic !== undefined).length,
  none: rows.filter((r) => r.methods.length === 0 && r.v2 === undefined && r.generic === undefined).length,
  tested: rows.filter((r) => r.tests.length > 0).length,
  untested: rows.filter((r) => r.tests.length === 0 && (r.methods.length > 0 || r.v2 !== undefined)).length,
  left: rows.filter((r) => r.left !== undefined).length
})

const code = (s: string) => `\`${s}\``
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

const libraryCell = (row: Row): string => {
  const parts: Array<string> = []
  if (row.methods.length > 0) parts.push(row.methods.map(code).join(", "))
  if (row.v2 !== undefined) parts.push(`${code("OpencodeV2")} ${code(row.v2)}`)
  if (parts.length === 0) parts.push(row.generic === undefined ? "none" : `only ${code(row.generic)}`)
  if (row.also.length > 0) parts.push(`(also: ${row.also.map(code).join(", ")})`)
  return parts.join("; ")
}

// One file, not all of them: adding another test that calls a method must not make the table stale.
const testCell = (row: Row): string => row.tests.length === 0 ? "—" : code(row.tests[0]!)

const noteCell = (row: Row): string =>
  [
    row.left !== undefined ? `left: ${row.left}` : undefined,
    row.untested !== undefined ? `untested: ${row.untested}` : undefined,
    row.reachedBy
  ].filter((s) => s !== undefined).join("; ")

const table = (rows: ReadonlyArray<Row>): Array<string> => [
  "| Method | Path | operationId | Library | Test against the real server | Note |",
  "| --- | --- | --- | --- | --- | --- |",
  ...[...rows]
    .sort((a, b) => a.op.path.localeCompare(b.op.path) || a.op.method.localeCompare(b.op.method))
    .map((r) => `| ${r.op.method} | ${code(r.op.path)} | ${code(r.op.id)} | ${cell(libraryCell(r))} | ${cell(testCell(r))} | ${cell(noteCell(r))} |`)
]

/** `docs/endpoints.md`. */
export const renderEndpointsDoc = (rows: ReadonlyArray<Row>, notes: Notes, sources: { readonly spec: string; readonly notes: string }): string => {
  const s = summarize(rows)
  return [
    "<!-- GENERATED FILE: do not edit by hand. Written by `npm run generate` (scripts/api/endpoints.ts) from",
    `     ${sources.spec}, src/services/, test/ and ${sources.notes}; \`npm test\` fails while it is stale. -->`,
    "",
    "# Endpoint coverage",
    "",
    `Every operation of the OpenCode server's document (\`${sources.spec}\`), with the library method that reaches it and the test file that drives it against the real server. It is generated: docs/api-description.md says how each column is derived; the reasons in the Note column come from \`${sources.notes}\`.`,
    "",
    `- **${s.operations}** operations (**${s.v1}** v1, **${s.v2}** v2 under \`/api/\`): **${s.service}** reached by a service method, **${s.v2Only}** by an \`OpencodeV2\` method only, **${s.genericOnly}** by \`ApiCall\` only (\`call\`, \`stream\`, \`bytes\` or \`socket\`), **${s.none}** by no typed call.`,
    `- **${s.tested}** driven by a test against the real server, **${s.untested}** reached by a method but not driven yet, **${s.left}** left on purpose (\`left:\`).`,
    "- Library: the service methods that reach the operation in the fewest helper steps (others that reach it on the way are listed as \"also\"); every operation with a JSON, empty or text answer is also reachable as `ApiCall.call(\"<operationId>\", …)`, one with an event stream as `ApiCall.stream`, one with a binary answer as `ApiCall.bytes` and a WebSocket as `ApiCall.socket`.",
    "- `OpencodeV2` `a.b`: the method `a.b(…)` of the `OpencodeV2.V2` service (the v2 API; `src/api/V2.ts`).",
    "- Test: a test file that uses `src/testing/TestServer.ts` (the real `opencode serve`) and calls one of those methods, names the operation in `ApiCall.call` (`stream`, `bytes`, `socket`), or probes every `OpencodeV2` operation; the service's own test file when it is one of them, else the first by name.",
    ...Object.entries(notes.undocumented).map(([route, why]) => `- Outside the document: ${code(route)}: ${why}.`),
    "",
    `## v1 (${s.v1})`,
    "",
    ...table(rows.filter((r) => r.op.api === "v1")),
    "",
    `## v2, under \`/api/\` (${s.v2})`,
    "",
    ...table(rows.filter((r) => r.op.api === "v2")),
    ""
  ].join("\n")
}

/**
 * The whole step: scans the services and the tests of `repo`, reads the notes, and returns
 * `docs/endpoints.md` with its figures. `scripts/generate.ts` runs it after the API description.
 */
export const endpointsDoc = (
  repo: Repository,
  operations: ReadonlyArray<OperationInfo>,
  sources: { readonly spec: string; readonly notes: string }
): { readonly content: string; readonly rows: ReadonlyArray<Row>; readonly summary: EndpointSummary } => {
  const text = repo.read(sources.notes) ?? fail(`${sources.notes} is missing`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return fail(`${sources.notes} is not JSON: ${String(error)}`)
  }
  const notes = parseNotes(json)
  const services = scanServices(repo, operations, notes)
  const rows = endpointRows(operations, services, scanTests(repo, services, operations), notes, repo)
  return { content: renderEndpointsDoc(rows, notes, sources), rows, summary: summarize(rows) }
}
