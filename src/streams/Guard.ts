/**
 * A fast `Schema.is` for JSON-shaped values: compiles a schema's type AST once into small
 * predicates (`typeof` tests, literals, unions dispatched on a discriminating literal, string-keyed
 * records, `Schema.Json`, the schema's own checks) with the answers of `Schema.is(schema)`; what
 * it does not compile (other index signatures, template literals, recursion, `oneOf`) uses
 * `Schema.is` for that part. Effect's JIT gives up on a whole schema at its first declaration
 * (`Schema.Json`, `openLiterals`: the generated schemas have many); this does not, which makes the
 * event stream's validation several times faster. Gotchas: `Schema.Json` values are walked in
 * full, values deeper than 64 levels or over 10,000 objects (or cyclic) go to effect's check; an
 * anchored literal prefix pattern (`^evt_`) is tested with `startsWith`.
 */
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"

type Guard = (u: unknown) => boolean

const options: SchemaAST.ParseOptions = {}

const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** The schema's own `Schema.is`, for a part this compiler leaves alone. */
const generic = (ast: SchemaAST.AST): Guard => Schema.is(Schema.make(ast))

const checksPass = (checks: ReadonlyArray<SchemaAST.Check<any>>, value: unknown, ast: SchemaAST.AST): boolean => {
  for (const check of checks) {
    if (check._tag === "FilterGroup") {
      if (!checksPass(check.checks, value, ast)) return false
    } else if (check.run(value, ast, options)) {
      return false
    }
  }
  return true
}

/** Types that accept a missing key's `undefined`: such a key must still be present. */
const needsPresence = (ast: SchemaAST.AST): boolean => {
  switch (ast._tag) {
    case "Undefined":
    case "Void":
    case "Any":
    case "Unknown":
      return true
    case "Union":
      return ast.types.some(needsPresence)
    default:
      return false
  }
}

/** The values a member can only be, when it is a literal-like node without checks. */
const memberValues = (ast: SchemaAST.AST): ReadonlyArray<unknown> | undefined => {
  if (ast.checks !== undefined || ast.encoding !== undefined) return undefined
  switch (ast._tag) {
    case "Null":
      return [null]
    case "Undefined":
      return [undefined]
    case "Literal":
      return [ast.literal]
    case "UniqueSymbol":
      return [ast.symbol]
    case "Enum":
      return ast.enums.map((entry) => entry[1])
    default:
      return undefined
  }
}

/** The literal a pattern only anchors at the start (`^evt_` → `evt_`), tested with `startsWith`; flags `i`, `m`, `g`, `y` exclude it. */
const literalPrefix = (source: string, flags: string): string | undefined =>
  /^\^[A-Za-z0-9_\-]+$/.test(source) && /^[dsuv]*$/.test(flags) ? source.slice(1) : undefined

/** An effect number check (`Finite`, `Int`, bounds) as its comparison; effect orders `NaN` below every number. */
const numberCheck = (id: unknown, payload: Readonly<Record<string, unknown>> | undefined): Guard | undefined => {
  const bound = (key: string): number | undefined => {
    const value = payload?.[key]
    return typeof value === "number" && Number.isFinite(value) ? value : undefined
  }
  switch (id) {
    case "effect/schema/isFinite":
      return (u) => Number.isFinite(u)
    case "effect/schema/isInt":
      return (u) => Number.isSafeInteger(u)
    case "effect/schema/isGreaterThanOrEqualTo": {
      const minimum = bound("minimum")
      return minimum === undefined ? undefined : (u) => (u as number) >= minimum
    }
    case "effect/schema/isGreaterThan": {
      const minimum = bound("exclusiveMinimum")
      return minimum === undefined ? undefined : (u) => (u as number) > minimum
    }
    case "effect/schema/isLessThanOrEqualTo": {
      const maximum = bound("maximum")
      return maximum === undefined ? undefined : (u) => !((u as number) > maximum)
    }
    case "effect/schema/isLessThan": {
      const maximum = bound("exclusiveMaximum")
      return maximum === undefined ? undefined : (u) => !((u as number) >= maximum)
    }
    default:
      return undefined
  }
}

/** A check as a predicate: `isPattern` as its RegExp (or `startsWith`), number checks as comparisons, others as the schema runs them. */
const compileCheck = (check: SchemaAST.Check<any>, ast: SchemaAST.AST): Guard => {
  if (check._tag === "Filter") {
    const representation = (check.annotations as { readonly representation?: unknown } | undefined)?.representation as
      | { readonly id?: unknown; readonly payload?: { readonly source?: unknown; readonly flags?: unknown } }
      | undefined
    const payload = representation?.payload
    if (ast._tag === "Number" && ast.encoding === undefined) {
      const compiled = numberCheck(representation?.id, payload as Readonly<Record<string, unknown>> | undefined)
      if (compiled !== undefined) return compiled
    }
    if (
      representation?.id === "effect/schema/isPattern" && typeof payload?.source === "string" &&
      typeof payload.flags === "string" && !payload.flags.includes("g") && !payload.flags.includes("y")
    ) {
      const re = new RegExp(payload.source, payload.flags)
      const prefix = literalPrefix(payload.source, payload.flags)
      // A prefix test costs less than remembering the value (event ids are all different).
      if (prefix !== undefined) return (u) => typeof u === "string" ? u.startsWith(prefix) : re.test(u as string)
      // The same ids recur across events: remember short strings that matched, the last two first.
      let matched = new Set<string>()
      let last0: unknown = matched // (a value no input can be)
      let last1: unknown = matched
      return (u) => {
        if (u === last0 || u === last1) return true
        if (typeof u !== "string") return re.test(u as string)
        if (!matched.has(u)) {
          if (!re.test(u)) return false
          if (u.length > 64) return true
          if (matched.size >= 4096) matched = new Set()
          matched.add(u)
        }
        last1 = last0
        last0 = u
        return true
      }
    }
  }
  return (u) => checksPass([check], u, ast)
}

/** The `typeof` of a keyword node without checks. */
const keywordTypeof = (ast: SchemaAST.AST): string | undefined => {
  if (ast.checks !== undefined || ast.encoding !== undefined) return undefined
  switch (ast._tag) {
    case "String":
      return "string"
    case "Number":
      return "number"
    case "Boolean":
      return "boolean"
    case "Symbol":
      return "symbol"
    case "BigInt":
      return "bigint"
    default:
      return undefined
  }
}

// One cache per mode (generated object guards or closures only), for the compile in progress.
const caches = { generated: new WeakMap<SchemaAST.AST, Guard>(), closures: new WeakMap<SchemaAST.AST, Guard>() }
let cache = caches.generated
let generating = true

const compile = (ast: SchemaAST.AST): Guard => {
  const cached = cache.get(ast)
  if (cached !== undefined) return cached
  // placeholder while compiling, for (unexpected) cycles
  let self: Guard | undefined
  cache.set(ast, (u) => self!(u))
  const base = compileBase(ast)
  if (ast.checks === undefined) self = base
  else {
    const checks = allOf(ast.checks.map((check) => compileCheck(check, ast)))
    self = (u) => base(u) && checks(u)
  }
  cache.set(ast, self)
  return self
}

/** Every guard of a list (in order). */
const allOf = (guards: ReadonlyArray<Guard>): Guard => {
  if (guards.length === 1) return guards[0]!
  if (guards.length === 2) {
    const [a, b] = guards as [Guard, Guard]
    return (u) => a(u) && b(u)
  }
  return (u) => {
    for (const guard of guards) if (!guard(u)) return false
    return true
  }
}

const compileBase = (ast: SchemaAST.AST): Guard => {
  if ("encodingChecks" in ast && ast.encodingChecks !== undefined) return generic(ast)
  switch (ast._tag) {
    case "Null":
      return (u) => u === null
    case "Undefined":
      return (u) => u === undefined
    case "Void":
    case "Any":
    case "Unknown":
      return () => true
    case "Never":
      return () => false
    case "ObjectKeyword":
      return (u) => (u !== null && typeof u === "object") || typeof u === "function"
    case "String":
      return (u) => typeof u === "string"
    case "Number":
      return (u) => typeof u === "number"
    case "Boolean":
      return (u) => typeof u === "boolean"
    case "Symbol":
      return (u) => typeof u === "symbol"
    case "BigInt":
      return (u) => typeof u === "bigint"
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal
    }
    case "UniqueSymbol": {
      const symbol = ast.symbol
      return (u) => u === symbol
    }
    case "Enum": {
      const values = new Set(ast.enums.map((entry) => entry[1]))
      return (u) => values.has(u as never)
    }
    case "Declaration":
      return compileDeclaration(ast)
    case "Objects":
      return compileObjects(ast)
    case "Arrays":
      return compileArrays(ast)
    case "Union":
      return compileUnion(ast)
    default:
      // TemplateLiteral, Suspend
      return generic(ast)
  }
}

/** `Schema.Json`'s own test (and that of its annotated copies, which keep its `run`). */
const jsonRun = (Schema.Json.ast as SchemaAST.Declaration).run
const isJsonExact = Schema.is(Schema.Json)

/** Past these, a JSON value goes to effect's own check (which also answers cyclic values). */
const JSON_MAX_DEPTH = 64
const JSON_MAX_OBJECTS = 10_000

/**
 * `Schema.Json`'s answer (null, string, boolean, finite number, array or plain object of such), by a
 * recursive walk without bookkeeping; too deep or too large (cyclic is both) goes to effect's
 * check, whose per-call `WeakMap` is what makes it slow on an event stream's many small objects.
 */
const isJson = (u: unknown): boolean => {
  let objects = 0
  // true / false, or undefined: gave up
  const walk = (u: unknown, depth: number): boolean | undefined => {
    if (u === null) return true
    switch (typeof u) {
      case "string":
      case "boolean":
        return true
      case "number":
        return Number.isFinite(u)
      case "object":
        break
      default:
        return false
    }
    if (depth >= JSON_MAX_DEPTH || ++objects > JSON_MAX_OBJECTS) return undefined
    const value = u as Record<string, unknown>
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const ok = walk(value[i], depth + 1)
        if (ok !== true) return ok
      }
      return true
    }
    const prototype = Object.getPrototypeOf(value)
    if (prototype !== null && prototype !== Object.prototype && Object.getPrototypeOf(prototype) !== null) return false
    const keys = Object.keys(value)
    for (let i = 0; i < keys.length; i++) {
      const ok = walk(value[keys[i]!], depth + 1)
      if (ok !== true) return ok
    }
    return true
  }
  const ok = walk(u, 0)
  return ok === undefined ? isJsonExact(u) : ok
}

const compileDeclaration = (ast: SchemaAST.Declaration): Guard => {
  if (ast.run === jsonRun && ast.typeParameters.length === 0) return isJson
  const fallback = generic(ast)
  let run: ReturnType<SchemaAST.Declaration["run"]> | undefined
  try {
    run = ast.run(ast.typeParameters)
  } catch {
    return fallback
  }
  const parse = run
  return (u) => {
    const result: unknown = parse(u, ast, options)
    return Exit.isExit(result) ? Exit.isSuccess(result) : fallback(u)
  }
}

/** How a property is checked in the object's loop: common leaf types inline, others by their guard. */
const Kind = {
  Guard: 0,
  String: 1,
  Number: 2,
  Boolean: 3,
  Literal: 4,
  /** a string with its compiled checks (an id pattern) */
  CheckedString: 5,
  /** a number with its compiled checks (finite, integer, bounds) */
  CheckedNumber: 6
} as const

type Kind = (typeof Kind)[keyof typeof Kind]

interface Field {
  readonly name: PropertyKey
  readonly kind: Kind
  readonly literal: unknown
  readonly guard: Guard
}

const field = (p: SchemaAST.PropertySignature): Field => {
  const t = p.type
  const guard = compile(t)
  if (t.encoding === undefined && !("encodingChecks" in t && t.encodingChecks !== undefined)) {
    if (t.checks === undefined) {
      if (t._tag === "String") return { name: p.name, kind: Kind.String, literal: undefined, guard }
      if (t._tag === "Number") return { name: p.name, kind: Kind.Number, literal: undefined, guard }
      if (t._tag === "Boolean") return { name: p.name, kind: Kind.Boolean, literal: undefined, guard }
      if (t._tag === "Literal") return { name: p.name, kind: Kind.Literal, literal: t.literal, guard }
    } else if (t._tag === "String" || t._tag === "Number") {
      return {
        name: p.name,
        kind: t._tag === "String" ? Kind.CheckedString : Kind.CheckedNumber,
        literal: undefined,
        guard: allOf(t.checks.map((check) => compileCheck(check, t)))
      }
    }
  }
  return { name: p.name, kind: Kind.Guard, literal: undefined, guard }
}

const fieldOk = (f: Field, value: unknown): boolean => {
  switch (f.kind) {
    case Kind.String:
      return typeof value === "string"
    case Kind.Number:
      return typeof value === "number"
    case Kind.Boolean:
      return typeof value === "boolean"
    case Kind.Literal:
      return value === f.literal
    case Kind.CheckedString:
      return typeof value === "string" && f.guard(value)
    case Kind.CheckedNumber:
      return typeof value === "number" && f.guard(value)
    default:
      return f.guard(value)
  }
}

const compileObjects = (ast: SchemaAST.Objects): Guard => {
  if (ast.indexSignatures.length > 0) return compileRecord(ast)
  if (ast.propertySignatures.length === 0) return (u) => u !== null && u !== undefined
  if (ast.propertySignatures.some((p) => p.name === "__proto__")) return generic(ast)
  const requiredSignatures = ast.propertySignatures.filter((p) => !SchemaAST.isOptional(p.type))
  const required = requiredSignatures.map(field)
  // a required key whose type accepts `undefined` must still be present
  const requiredPresence = requiredSignatures.map((p) => needsPresence(p.type))
  const optional = ast.propertySignatures.filter((p) => SchemaAST.isOptional(p.type)).map(field)
  const r = required.length
  const o = optional.length
  if (generating) {
    const generated = generateObjects(required, requiredPresence, optional)
    if (generated !== undefined) return generated
  }
  return (u) => {
    if (!isRecord(u)) return false
    for (let i = 0; i < r; i++) {
      const f = required[i]!
      if (requiredPresence[i] && !(f.name in u)) return false
      if (!fieldOk(f, u[f.name])) return false
    }
    for (let i = 0; i < o; i++) {
      const f = optional[i]!
      if (f.name in u && !fieldOk(f, u[f.name])) return false
    }
    return true
  }
}

/** Whether this runtime compiles code at run time (a Content Security Policy may forbid it). */
let canGenerate: boolean | undefined
const generationWorks = (): boolean => {
  if (canGenerate === undefined) {
    try {
      canGenerate = new globalThis.Function("return true")() === true
    } catch {
      canGenerate = false
    }
  }
  return canGenerate
}

/** A literal written into generated code as itself (the others are passed in). */
const inlineLiteral = (literal: unknown): string | undefined =>
  typeof literal === "string" || typeof literal === "boolean" || literal === null ||
    (typeof literal === "number" && Number.isFinite(literal) && !Object.is(literal, -0))
    ? JSON.stringify(literal)
    : undefined

/**
 * {@link compileObjects}'s struct loop unrolled by `new Function`, same tests in the same order: each
 * property read at its own site, which the engine caches for its one shape (the shared loop's one site
 * is a slow generic lookup). `undefined` where generated code is forbidden, or for a non-string key.
 */
const generateObjects = (
  required: ReadonlyArray<Field>,
  requiredPresence: ReadonlyArray<boolean>,
  optional: ReadonlyArray<Field>
): Guard | undefined => {
  if (!generationWorks()) return undefined
  if ([...required, ...optional].some((f) => typeof f.name !== "string")) return undefined
  const guards: Array<Guard> = []
  const literals: Array<unknown> = []
  const test = (f: Field): string => {
    switch (f.kind) {
      case Kind.String:
        return `typeof v !== "string"`
      case Kind.Number:
        return `typeof v !== "number"`
      case Kind.Boolean:
        return `typeof v !== "boolean"`
      case Kind.Literal: {
        const inline = inlineLiteral(f.literal)
        if (inline !== undefined) return `v !== ${inline}`
        literals.push(f.literal)
        return `v !== l[${literals.length - 1}]`
      }
      case Kind.CheckedString:
        guards.push(f.guard)
        return `typeof v !== "string" || !g[${guards.length - 1}](v)`
      case Kind.CheckedNumber:
        guards.push(f.guard)
        return `typeof v !== "number" || !g[${guards.length - 1}](v)`
      default:
        guards.push(f.guard)
        return `!g[${guards.length - 1}](v)`
    }
  }
  const lines = [`if (typeof u !== "object" || u === null || Array.isArray(u)) return false;`, `let v;`]
  required.forEach((f, i) => {
    const key = JSON.stringify(f.name)
    if (requiredPresence[i]) lines.push(`if (!(${key} in u)) return false;`)
    lines.push(`v = u[${key}];`, `if (${test(f)}) return false;`)
  })
  for (const f of optional) {
    const key = JSON.stringify(f.name)
    // as `key in u && !ok(u[key])`: a missing key reads `undefined`, and only then is `in` asked
    lines.push(`v = u[${key}];`, `if ((v !== undefined || ${key} in u) && (${test(f)})) return false;`)
  }
  lines.push(`return true;`)
  try {
    const make = new globalThis.Function("g", "l", `"use strict"; return function guard(u) {\n${lines.join("\n")}\n};`)
    return make(guards, literals) as Guard
  } catch {
    return undefined
  }
}

/**
 * An object with string index signatures: declared keys as in a struct, then every own enumerable
 * string key (declared ones too, as effect does) against each signature. Other keys go to `Schema.is`.
 */
const compileRecord = (ast: SchemaAST.Objects): Guard => {
  const plain = ast.indexSignatures.every((signature) => signature.parameter === SchemaAST.string && !SchemaAST.isOptional(signature.type))
  if (!plain || ast.propertySignatures.some((p) => p.name === "__proto__")) return generic(ast)
  const declared = ast.propertySignatures.length > 0
    ? compileObjects(new SchemaAST.Objects(ast.propertySignatures, []))
    : undefined
  const values = ast.indexSignatures.map((signature) => compile(signature.type))
  const single = values.length === 1 ? values[0]! : undefined
  return (u) => {
    if (!isRecord(u)) return false
    if (declared !== undefined && !declared(u)) return false
    const keys = Object.keys(u)
    for (let i = 0; i < keys.length; i++) {
      const value = u[keys[i]!]
      if (single !== undefined) {
        if (!single(value)) return false
      } else {
        for (const guard of values) if (!guard(value)) return false
      }
    }
    return true
  }
}

const compileArrays = (ast: SchemaAST.Arrays): Guard => {
  const elements = ast.elements.map(compile)
  const firstOptional = ast.elements.findIndex(SchemaAST.isOptional)
  const required = firstOptional === -1 ? elements.length : firstOptional
  const rest = ast.rest.map(compile)
  const tail = Math.max(0, rest.length - 1)
  const restGuard = rest[0]
  return (u) => {
    if (!Array.isArray(u)) return false
    const length = u.length
    if (restGuard === undefined) {
      if (length < required || length > elements.length) return false
    } else if (length < required + tail) {
      return false
    }
    for (let i = 0; i < elements.length; i++) {
      if (i >= required && i >= length) break
      if (!elements[i]!(u[i])) return false
    }
    if (restGuard !== undefined) {
      for (let i = elements.length; i < length - tail; i++) if (!restGuard(u[i])) return false
      for (let i = 0; i < tail; i++) if (!rest[i + 1]!(u[length - tail + i])) return false
    }
    return true
  }
}

const compileUnion = (ast: SchemaAST.Union): Guard => {
  if (ast.options?.mode === "oneOf") return generic(ast)
  const values = ast.types.map(memberValues)
  if (values.every((v) => v !== undefined)) {
    const set = new Set(values.flat())
    return (u) => set.has(u)
  }
  // literals and plain keywords only (e.g. `string | undefined`): one test
  const typeofs = ast.types.map(keywordTypeof)
  if (typeofs.every((k, i) => k !== undefined || values[i] !== undefined)) {
    const kinds = new Set(typeofs.filter((k) => k !== undefined))
    const set = new Set(values.flatMap((v) => v ?? []))
    return (u) => kinds.has(typeof u) || set.has(u)
  }
  const guards = ast.types.map(compile)
      // A discriminating key: members declare a single literal there, so only the member with the value's literal is tried.
  const key = discriminator(ast.types)
  if (key === undefined) {
    return (u) => {
      for (const g of guards) if (g(u)) return true
      return false
    }
  }
  const byValue = new Map<unknown, Array<Guard>>()
  const always: Array<Guard> = []
  ast.types.forEach((member, i) => {
    const literal = literalAt(member, key)
    if (literal === undefined) always.push(guards[i]!)
  })
  ast.types.forEach((member, i) => {
    const literal = literalAt(member, key)
    if (literal === undefined) return
    let list = byValue.get(literal.value)
    if (list === undefined) {
      list = []
      byValue.set(literal.value, list)
    }
    list.push(guards[i]!)
  })
  return (u) => {
    if (isRecord(u)) {
      const list = byValue.get(u[key])
      if (list !== undefined) for (const g of list) if (g(u)) return true
    }
    for (const g of always) if (g(u)) return true
    return false
  }
}

const literalAt = (ast: SchemaAST.AST, key: PropertyKey): { readonly value: unknown } | undefined => {
  if (ast._tag !== "Objects" || ast.checks !== undefined) return undefined
  const p = ast.propertySignatures.find((p) => p.name === key)
  if (p === undefined || SchemaAST.isOptional(p.type)) return undefined
  const t = p.type
  if (t._tag !== "Literal" || t.checks !== undefined) return undefined
  return { value: t.literal }
}

const discriminator = (members: ReadonlyArray<SchemaAST.AST>): PropertyKey | undefined => {
  const counts = new Map<PropertyKey, number>()
  for (const m of members) {
    if (m._tag !== "Objects") continue
    for (const p of m.propertySignatures) {
      if (literalAt(m, p.name) !== undefined) counts.set(p.name, (counts.get(p.name) ?? 0) + 1)
    }
  }
  let best: PropertyKey | undefined
  let bestCount = 1
  for (const [k, c] of counts) {
    if (c > bestCount) {
      best = k
      bestCount = c
    }
  }
  return best
}

/**
 * Compiles a type guard with the answers of `Schema.is(schema)`, for values read from JSON.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Guard } from "effect-opencode"
 *
 * const isPoint = Guard.compileGuard(Schema.Struct({ x: Schema.Number, y: Schema.Number }))
 * isPoint({ x: 1 }) // false
 * ```
 */
export const compileGuard = <S extends Schema.Top>(
  schema: S,
  options?: CompileOptions
): (u: unknown) => u is S["Type"] => {
  const previous = { cache, generating }
  generating = options?.generate !== false && generationWorks()
  cache = generating ? caches.generated : caches.closures
  try {
    return compile(SchemaAST.toType(schema.ast)) as (u: unknown) => u is S["Type"]
  } finally {
    cache = previous.cache
    generating = previous.generating
  }
}

/** Options of {@link compileGuard}. */
export interface CompileOptions {
  /**
   * Generate struct guards as code (`new Function`): 2–3× faster on event objects. Default true;
   * where the runtime forbids it (a CSP without `unsafe-eval`) the closures are used anyway, same answers.
   */
  readonly generate?: boolean | undefined
}
