/**
 * The API description generator: reads the pinned server's OpenAPI document and our patch file
 * and writes `src/api/Schemas.ts` (every component schema as Effect Schema code) and
 * `src/api/Operations.ts` (one constant per operation, a typed descriptor, each droppable by a bundler)
 * and `src/api/OperationTable.ts` (all of them by operationId).
 *
 * Pure functions, no file access: {@link generate} takes the parsed inputs and returns the files'
 * contents, so tests can run it on a modified document. `scripts/generate.ts` is the command.
 *
 * The schema code comes from effect's own machinery (what `@effect/openapi-generator` is built on):
 * `JsonSchema.fromSchemaOpenApi3_1` → `SchemaRepresentation.fromJsonSchemaMultiDocument` →
 * `toRepresentations` → `toCodeDocument`. All component schemas and all operation-level inline
 * schemas are roots of one multi-document, so they share one reference table. One step of ours
 * sits on each side of the import: {@link openEnums} marks the string enumerations a newer server
 * may extend, and `openEnumRepresentations` turns each marked one into `openLiterals([...])`.
 * Each component's `title`/`description` becomes the JSDoc of its type and schema ({@link docComment}).
 */
import { JsonPatch, JsonSchema, Schema, SchemaRepresentation } from "effect"

/** Why the generator stopped: the inputs say something it cannot turn into code. */
export class GenerateError extends Schema.TaggedError<GenerateError>("effect-opencode/GenerateError")("GenerateError", {
  message: Schema.String
}) {}

const fail = (message: string): never => {
  throw new GenerateError({ message })
}

// ---------------------------------------------------------------------------------------------
// The patch file
// ---------------------------------------------------------------------------------------------

const Why = Schema.NonEmptyString
const PatchOperation = Schema.Union([
  Schema.Struct({ op: Schema.Literal("add"), path: Schema.String, value: Schema.Json, why: Why }),
  Schema.Struct({ op: Schema.Literal("replace"), path: Schema.String, value: Schema.Json, why: Why }),
  Schema.Struct({ op: Schema.Literal("remove"), path: Schema.String, why: Why }),
  Schema.Struct({ op: Schema.Literal("test"), path: Schema.String, value: Schema.Json, why: Why })
])

/**
 * One RFC 6902 operation of our patch file, with the human reason it exists. `test` (checked here:
 * effect's `JsonPatch` knows only add, remove and replace) guards an operation whose path holds an
 * array index, so an upstream reordering stops the generator instead of patching the wrong item.
 */
export type PatchOperation = typeof PatchOperation.Type

/** The patch file: a list of operations, applied in order. */
export const PatchFile = Schema.Array(PatchOperation)

const decodePatchFile = Schema.decodeUnknownSync(PatchFile)

/** Decodes a patch file's JSON, failing with a {@link GenerateError} that says what is wrong. */
export const parsePatchFile = (json: unknown): ReadonlyArray<PatchOperation> => {
  try {
    return decodePatchFile(json)
  } catch (error) {
    return fail(`the patch file is not a list of {op, path, value?, why}: ${String(error)}`)
  }
}

const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~")

const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && sameJson((a as any)[k], (b as any)[k]))
}

/** The value at a JSON pointer, or `undefined` when the pointer leads nowhere. */
const lookUp = (document: unknown, pointer: string): unknown => {
  if (pointer === "") return document
  let current: unknown = document
  for (const token of pointer.slice(1).split("/").map(unescapeToken)) {
    if (current === null || typeof current !== "object") return undefined
    if (!Object.hasOwn(current, token)) return undefined
    current = (current as Record<string, unknown>)[token]
  }
  return current
}

/**
 * Applies the patch operations one by one with `JsonPatch.apply`. An operation must apply cleanly:
 * `add` must not overwrite an existing member (when the upstream document starts saying the same
 * thing, the patch op is to be reviewed, not silently kept), `replace` and `remove` must find their
 * target. Any failure names the operation's index, path and reason.
 */
export const applyPatch = (spec: unknown, patch: ReadonlyArray<PatchOperation>): unknown => {
  let document = spec as Schema.Json
  patch.forEach((operation, index) => {
    const where = `patch op #${index} (${operation.op} ${operation.path}: ${operation.why})`
    if (!operation.path.startsWith("/")) fail(`${where}: the path must be a JSON pointer starting with "/"`)
    const parent = operation.path.slice(0, operation.path.lastIndexOf("/"))
    const existing = lookUp(document, operation.path)
    if (operation.op === "add" && existing !== undefined && !Array.isArray(lookUp(document, parent))) {
      fail(`${where}: the target already exists (${JSON.stringify(existing).slice(0, 120)}); use replace`)
    }
    if (operation.op !== "add" && existing === undefined) fail(`${where}: the target does not exist`)
    if (operation.op === "test") {
      if (!sameJson(existing, operation.value)) fail(`${where}: the target is ${JSON.stringify(existing).slice(0, 120)}`)
      return
    }
    const { why: _why, ...rfc6902 } = operation
    try {
      document = JsonPatch.apply([rfc6902 as JsonPatch.JsonPatchOperation], document)
    } catch (error) {
      fail(`${where}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  return document
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document
// ---------------------------------------------------------------------------------------------

type Json = Record<string, any>

const METHODS = ["get", "post", "put", "patch", "delete"] as const

interface RawOperation {
  readonly method: (typeof METHODS)[number]
  readonly path: string
  readonly operation: Json
}

/** Every operation of the document, in document order. */
export const listOperations = (spec: Json): ReadonlyArray<RawOperation> => {
  const out: Array<RawOperation> = []
  for (const [path, item] of Object.entries<Json>(spec.paths ?? {})) {
    for (const key of Object.keys(item)) {
      if (METHODS.includes(key as any)) out.push({ method: key as any, path, operation: item[key] })
      else if (key !== "parameters" && !key.startsWith("x-")) fail(`${path}: unknown path item member "${key}"`)
    }
    if (item.parameters !== undefined) fail(`${path}: path-level parameters are not supported`)
  }
  return out
}

const mediaType = (contentType: string): string => contentType.split(";")[0]!.trim().toLowerCase()

const resolveParameter = (spec: Json, parameter: Json): Json => {
  if (typeof parameter.$ref !== "string") return parameter
  const target = lookUp(spec, parameter.$ref.replace(/^#/, ""))
  return target === undefined ? fail(`unresolved parameter ${parameter.$ref}`) : (target as Json)
}

// ---------------------------------------------------------------------------------------------
// Schema code: one multi-document for everything
// ---------------------------------------------------------------------------------------------

/** Collects the schemas to translate and hands out their root index. */
class Roots {
  readonly schemas: Array<JsonSchema.JsonSchema> = []
  /** The roots only ever encoded (an operation's path, query and body schemas). */
  readonly requests = new Set<number>()
  add(openApiSchema: JsonSchema.JsonSchema, side: "answer" | "request" = "answer"): number {
    this.schemas.push(JsonSchema.fromSchemaOpenApi3_1(openApiSchema).schema)
    if (side === "request") this.requests.add(this.schemas.length - 1)
    return this.schemas.length - 1
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** Every `#/$defs/<name>` a schema refers to directly (a reference is emitted as its identifier). */
const directRefs = (node: unknown, into: Set<string>): Set<string> => {
  if (Array.isArray(node)) for (const item of node) directRefs(item, into)
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (!value.startsWith("#/$defs/") || value.slice(8).includes("/")) fail(`unsupported reference ${value}`)
        into.add(unescapeToken(value.slice(8)))
      } else directRefs(value, into)
    }
  }
  return into
}

// ---------------------------------------------------------------------------------------------
// Open enumerations
// ---------------------------------------------------------------------------------------------

/** The marker the pre-pass puts on a string enumeration to open; kept by the import as an annotation. */
const OPEN = "x-effect-opencode-open"
/** The patch file's escape hatch: this enumeration stays exact. */
const CLOSED = "x-effect-opencode-closed"
/** The marker the pre-pass puts on an id string (`^ses`…): the branded id schema of `src/schema/Ids.ts` to use. */
const ID = "x-effect-opencode-id"
/**
 * The patch file's marker of a union a newer server may extend: `{ key, fallback? }`. An object
 * whose `key` (a string) is none of the members' gives the `fallback` of `src/internal/lenient.ts`
 * (`unknownMember` by default: `{ [key]: "unknown", original<Key>, raw }`) instead of failing.
 */
const OPEN_UNION = "x-effect-opencode-open-union"
/** The id prefixes of the document's patterns (`^ses`, `^msg_`…), with the branded schema of each. */
const ID_BRANDS: Readonly<Record<string, string>> = {
  ses: "SessionID",
  msg: "MessageID",
  prt: "PartID",
  per: "PermissionID",
  que: "QuestionID"
}
/** The fallbacks `src/internal/lenient.ts` exports for open unions, with the type of each. */
const FALLBACKS: Readonly<Record<string, (key: string) => string>> = {
  unknownMember: (key) => `UnknownMember<${quote(key)}>`,
  unknownEvent: () => "UnknownEvent"
}
/** JSON's spelling of the non-finite numbers (`anyOf: [number, enum]`): a fixed set, not a vocabulary. */
const NON_FINITE = new Set(["Infinity", "-Infinity", "NaN"])

/** Figures about the enumerations of one run. */
export interface EnumCounts {
  /** Multi-valued string enumerations of answers that decode any string. */
  readonly open: number
  /** Single values (tags), discriminators, non-finite spellings, `x-effect-opencode-closed` and request-only enums. */
  readonly closed: number
}

type Node = Record<string, unknown>
const isNode = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value)

/** The keywords whose value is a schema, an array of schemas, or a map of schemas. */
const SCHEMA_KEYWORDS = ["additionalProperties", "items", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems"]
const SCHEMA_ARRAY_KEYWORDS = ["anyOf", "oneOf", "allOf", "prefixItems"]
const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "dependentSchemas"]

const forEachSubschema = (schema: Node, f: (child: Node) => void): void => {
  for (const key of SCHEMA_KEYWORDS) if (isNode(schema[key])) f(schema[key])
  for (const key of SCHEMA_ARRAY_KEYWORDS) if (Array.isArray(schema[key])) for (const child of schema[key]) if (isNode(child)) f(child)
  for (const key of SCHEMA_MAP_KEYWORDS) if (isNode(schema[key])) for (const child of Object.values(schema[key])) if (isNode(child)) f(child)
}

/**
 * Opens the string enumerations a newer server may extend (OpenCode releases weekly), so that
 * an unknown value decodes as the string itself instead of failing the whole answer. Returns the
 * schemas with each such enum marked {@link OPEN}; {@link openEnumRepresentations} turns the mark
 * into `openLiterals([...])` (the known values | any string). An enumeration stays exact when:
 *
 * - it has one value: a tag (`type: "text"` of a Part, an Event's `type`, a status's tag);
 * - it is a discriminator: a property that two or more members of one `anyOf`/`oneOf` declare
 *   (opened, the first member would take every value and the union would decode wrongly);
 * - it spells the non-finite numbers (`"Infinity"`, `"-Infinity"`, `"NaN"`);
 * - the patch file marks it `x-effect-opencode-closed: true`;
 * - it is only sent, never decoded: the inline query, path and body schemas of an operation
 *   (`request` roots are not passed here), so a caller's typo stays a type error.
 *
 * Works on the converted JSON Schemas and does not modify them.
 */
const openEnums = (
  definitions: JsonSchema.Definitions,
  roots: ReadonlyArray<JsonSchema.JsonSchema>,
  requests: ReadonlySet<number>
): { readonly definitions: JsonSchema.Definitions; readonly roots: ReadonlyArray<JsonSchema.JsonSchema>; readonly counts: EnumCounts } => {
  const resolve = (schema: Node): Node => {
    let current = schema
    for (let hops = 0; typeof current.$ref === "string" && hops < 16; hops++) {
      const target = definitions[unescapeToken(current.$ref.slice("#/$defs/".length))]
      if (!isNode(target)) return current
      current = target
    }
    return current
  }

  // An open union's mark: its key, the members' values of that key, and the fallback to add.
  const openUnionMark = (schema: Node, spec: unknown): string => {
    const where = `${OPEN_UNION} ${JSON.stringify(spec)}`
    if (!isNode(spec) || typeof spec.key !== "string" || (spec.fallback !== undefined && typeof spec.fallback !== "string")) {
      return fail(`${where}: must be { key: string, fallback?: string }`)
    }
    const fallback = spec.fallback ?? "unknownMember"
    if (!Object.hasOwn(FALLBACKS, fallback)) fail(`${where}: unknown fallback ${fallback} (known: ${Object.keys(FALLBACKS).join(", ")})`)
    const members = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : fail(`${where}: not on an anyOf/oneOf`)
    const known = (members as Array<unknown>).map((member) => {
      const property = isNode(member) && isNode(resolve(member).properties) ? (resolve(member).properties as Node)[spec.key as string] : undefined
      const values = isNode(property) ? property.enum ?? (property.const !== undefined ? [property.const] : undefined) : undefined
      return Array.isArray(values) && values.length === 1 && typeof values[0] === "string"
        ? values[0]
        : fail(`${where}: a member has no single string value for "${spec.key}": ${JSON.stringify(member).slice(0, 120)}`)
    })
    return JSON.stringify({ key: spec.key, fallback, known })
  }

  // Pass 1: every property schema that discriminates the members of a union (identity set).
  const discriminators = new Set<Node>()
  const seen = new Set<Node>()
  const collect = (schema: Node): void => {
    if (seen.has(schema)) return
    seen.add(schema)
    for (const key of ["anyOf", "oneOf"]) {
      const members = Array.isArray(schema[key]) ? (schema[key] as Array<unknown>).filter(isNode).map(resolve) : []
      const objects = members.filter((m) => isNode(m.properties))
      const counts = new Map<string, number>()
      for (const m of objects) for (const name of Object.keys(m.properties as Node)) counts.set(name, (counts.get(name) ?? 0) + 1)
      for (const m of objects) {
        for (const [name, property] of Object.entries(m.properties as Node)) {
          if ((counts.get(name) ?? 0) >= 2 && isNode(property)) {
            discriminators.add(property)
            discriminators.add(resolve(property))
          }
        }
      }
    }
    forEachSubschema(schema, collect)
  }
  for (const schema of Object.values(definitions)) if (isNode(schema)) collect(schema)
  for (const schema of roots) if (isNode(schema)) collect(schema)

  // Pass 2: copy the schemas, marking the enumerations to open.
  let open = 0
  let closed = 0
  const copies = new Map<Node, Node>()
  const mark = (schema: Node): Node => {
    const done = copies.get(schema)
    if (done !== undefined) return done
    const copy: Node = { ...schema }
    copies.set(schema, copy)
    for (const key of SCHEMA_KEYWORDS) if (isNode(copy[key])) copy[key] = mark(copy[key])
    for (const key of SCHEMA_ARRAY_KEYWORDS) {
      if (Array.isArray(copy[key])) copy[key] = (copy[key] as Array<unknown>).map((c) => (isNode(c) ? mark(c) : c))
    }
    for (const key of SCHEMA_MAP_KEYWORDS) {
      if (isNode(copy[key])) copy[key] = Object.fromEntries(Object.entries(copy[key]).map(([k, c]) => [k, isNode(c) ? mark(c) : c]))
    }
    if (schema.type === "string" && typeof schema.pattern === "string") {
      const brand = ID_BRANDS[/^\^([a-z]+)_?$/.exec(schema.pattern)?.[1] ?? ""]
      if (brand !== undefined) copy[ID] = brand
    }
    const openUnion = schema[OPEN_UNION]
    if (openUnion !== undefined) copy[OPEN_UNION] = openUnionMark(schema, openUnion)
    const values = schema.enum
    const hatch = schema[CLOSED]
    if (hatch !== undefined) {
      if (hatch !== true) fail(`${CLOSED} must be true, not ${JSON.stringify(hatch)}`)
      if (!Array.isArray(values) || values.length < 2 || !values.every((v) => typeof v === "string")) {
        fail(`${CLOSED} on a schema that is not a string enumeration of two values or more: ${JSON.stringify(schema).slice(0, 120)}`)
      }
      delete copy[CLOSED]
    }
    const isStringEnum = Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === "string") &&
      (schema.type === undefined || schema.type === "string")
    if (!isStringEnum) return copy
    if (values.length === 1 || hatch === true || discriminators.has(schema) || values.every((v) => NON_FINITE.has(v as string))) {
      closed++
    } else {
      open++
      copy[OPEN] = true
    }
    return copy
  }
  const markedDefinitions: JsonSchema.Definitions = {}
  for (const [name, schema] of Object.entries(definitions)) markedDefinitions[name] = isNode(schema) ? mark(schema) : schema
  const markedRoots = roots.map((schema, i) => (isNode(schema) && !requests.has(i) ? mark(schema) : schema))
  // The request-only schemas stay as they are; their enumerations count as closed (hatch checked).
  const before = open
  roots.forEach((schema, i) => {
    if (isNode(schema) && requests.has(i)) mark(schema)
  })
  closed += open - before
  open = before
  return { definitions: markedDefinitions, roots: markedRoots, counts: { open, closed } }
}

/**
 * Replaces each union the import made of a marked enumeration (its string literals, the mark as an
 * annotation) by a declaration whose code is `openLiterals([...])` of `src/internal/lenient.ts`:
 * it decodes any string, types as `"a" | "b" | (string & {})` and encodes strings only.
 * Modifies the document in place.
 */
const openEnumRepresentations = (document: SchemaRepresentation.MultiDocument): void => {
  const visited = new Set<object>()
  const replace = (node: Node): Node => {
    const annotations = node.annotations as Node | undefined
    if (typeof annotations?.[ID] === "string") {
      // An id: the branded schema of src/schema/Ids.ts (its own prefix and safe-character rule).
      const { [ID]: brand, ...rest } = annotations
      if (node._tag !== "String") return fail(`an id string did not import as a String: ${JSON.stringify(node).slice(0, 160)}`)
      const toCode: SchemaRepresentation.Generation.Declaration = () => ({ runtime: `Ids.${brand}`, Type: `Ids.${brand}` })
      return { _tag: "Declaration", annotations: { ...rest, toCode }, typeParameters: [], checks: [] }
    }
    if (typeof annotations?.[OPEN_UNION] === "string") {
      // An open union: its members, then the fallback for a value of the key none of them has.
      const { [OPEN_UNION]: mark, ...rest } = annotations
      const { fallback, key, known } = JSON.parse(mark as string) as { key: string; fallback: string; known: Array<string> }
      if (node._tag !== "Union") return fail(`an open union did not import as a Union: ${JSON.stringify(node).slice(0, 160)}`)
      const args = fallback === "unknownMember" ? `${quote(key)}, [${known.map(quote).join(", ")}]` : `[${known.map(quote).join(", ")}]`
      const toCode: SchemaRepresentation.Generation.Declaration = () => ({ runtime: `${fallback}(${args})`, Type: FALLBACKS[fallback]!(key) })
      const member: Node = { _tag: "Declaration", annotations: { toCode }, typeParameters: [], checks: [] }
      return { ...node, annotations: rest, types: [...(node.types as Array<Node>), member] }
    }
    if (node._tag !== "Union" || annotations?.[OPEN] !== true) return node
    const types = node.types as Array<Node>
    if ((node.checks as Array<unknown>).length > 0 || !types.every((t) => t._tag === "Literal" && typeof t.literal === "string" && (t.checks as Array<unknown>).length === 0)) {
      return fail(`an open enumeration did not import as a union of string literals: ${JSON.stringify(node).slice(0, 160)}`)
    }
    const literals = types.map((t) => quote(t.literal as string))
    const { [OPEN]: _open, ...rest } = annotations
    const toCode: SchemaRepresentation.Generation.Declaration = () => ({
      runtime: `openLiterals([${literals.join(", ")}])`,
      Type: `${literals.join(" | ")} | (string & {})`
    })
    return { _tag: "Declaration", annotations: { ...rest, toCode }, typeParameters: [], checks: [] }
  }
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object" || visited.has(value)) return
    visited.add(value)
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isNode(item)) value[i] = replace(item)
        walk(value[i])
      })
      return
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return
    for (const [key, item] of Object.entries(value)) {
      if (key === "annotations") continue
      if (isNode(item)) (value as Node)[key] = replace(item)
      walk((value as Node)[key])
    }
  }
  walk(document.representations)
  walk(document.references)
}

/** The imports generated code needs besides effect's `Schema`: the lenient building blocks and the ids. */
const importsFor = (code: ReadonlyArray<string>): ReadonlyArray<string> => {
  const all = code.join("\n")
  const lenient = ["openLiterals", "unknownMember", "unknownEvent"].filter((name) => new RegExp(`\\b${name}\\(`).test(all))
  const types = ["UnknownMember", "UnknownEvent"].filter((name) => new RegExp(`\\b${name}\\b(?!\\()`).test(all))
  const names = [...lenient, ...types.map((t) => `type ${t}`)]
  return [
    ...(names.length > 0 ? [`import { ${names.join(", ")} } from "../internal/lenient.ts"`] : []),
    ...(/\bIds\./.test(all) ? [`import * as Ids from "../schema/Ids.ts"`] : [])
  ]
}

const translate = (
  allDefinitions: JsonSchema.Definitions,
  allRoots: Roots
): { readonly code: SchemaRepresentation.CodeDocument; readonly enums: EnumCounts } => {
  const { counts, definitions, roots } = openEnums(allDefinitions, allRoots.schemas, allRoots.requests)
  let imported: ReadonlyArray<Schema.Top>
  try {
    imported = SchemaRepresentation.fromJsonSchemaMultiDocument(
      { dialect: "draft-2020-12", schemas: roots as [JsonSchema.JsonSchema, ...Array<JsonSchema.JsonSchema>], definitions },
      {
        includeAnnotationKey: (key) => key === OPEN || key === ID || key === OPEN_UNION,
        // The document comes from the pinned server, so its patterns are trusted and enforced.
        patterns: "apply",
        // An object with declared properties and no `additionalProperties` becomes a Struct that
        // strips unknown keys when decoding (a newer server may add fields), instead of a Struct
        // intersected with a `Record<string, Json>`. A bare `{type: "object"}` stays any object.
        onEnter: (schema) =>
          schema.type === "object" && schema.additionalProperties === undefined && schema.properties !== undefined &&
            Object.keys(schema.properties as object).length > 0
            ? { ...schema, additionalProperties: false }
            : schema
      }
    )
  } catch (error) {
    return fail(`effect's JSON Schema import rejected the document: ${error instanceof Error ? error.message : error}`)
  }
  const asts = imported.map((schema) => schema.ast) as [Schema.Top["ast"], ...Array<Schema.Top["ast"]>]
  const document = SchemaRepresentation.toRepresentations(asts)
  openEnumRepresentations(document)
  return { code: SchemaRepresentation.toCodeDocument(document), enums: counts }
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

type SuccessPlan =
  | { readonly status: number; readonly kind: "json" | "true" | "sse" | "text" | "binary"; readonly contentType: string; readonly root: number }
  | { readonly status: number; readonly kind: "none" | "websocket" }

interface OperationPlan {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly api: "v1" | "v2"
  readonly pathParams: ReadonlyArray<{ readonly name: string; readonly idPrefix: string | undefined; readonly root: number }>
  readonly query: number
  readonly requiredQuery: ReadonlyArray<string>
  readonly deepObjectQuery: ReadonlyArray<string>
  readonly body: { readonly contentType: string; readonly required: boolean; readonly root: number } | undefined
  readonly success: SuccessPlan
  readonly errors: ReadonlyArray<readonly [status: number, root: number]>
}

const RESPONSE_KINDS = ["none", "true", "websocket"] as const

const planOperation = (spec: Json, raw: RawOperation, roots: Roots): OperationPlan => {
  const { operation, path } = raw
  const id: string = operation.operationId ?? fail(`${raw.method.toUpperCase()} ${path}: no operationId`)
  const where = `${id} (${raw.method.toUpperCase()} ${path})`
  const parameters = ((operation.parameters ?? []) as Array<Json>).map((p) => resolveParameter(spec, p))

  // Path parameters, in the order of the template.
  const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
  const pathParams = templateNames.map((name) => {
    const parameter = parameters.find((p) => p.in === "path" && p.name === name)
    if (parameter === undefined) return fail(`${where}: path parameter {${name}} is not declared`)
    const schema: Json = parameter.schema ?? {}
    let idPrefix: string | undefined = parameter["x-id-prefix"]
    if (idPrefix === undefined && typeof schema.pattern === "string") {
      const match = /^\^([a-z]+)_?$/.exec(schema.pattern)
      idPrefix = match?.[1] ?? fail(`${where}: path parameter ${name} has a pattern that is not an id prefix: ${schema.pattern}`)
    }
    return { name, idPrefix, root: roots.add(schema, "request") }
  })
  for (const p of parameters) {
    if (p.in === "path" && !templateNames.includes(p.name)) fail(`${where}: path parameter ${p.name} is not in the template`)
    if (p.in !== "path" && p.in !== "query") fail(`${where}: ${p.in} parameters are not supported (${p.name})`)
  }

  // Query parameters: one object schema.
  const queryParams = parameters.filter((p) => p.in === "query")
  const deepObjectQuery: Array<string> = []
  for (const p of queryParams) {
    if (p.style === "deepObject") deepObjectQuery.push(p.name)
    else if (p.style !== undefined && p.style !== "form") fail(`${where}: query style ${p.style} is not supported`)
  }
  const query = roots.add({
    type: "object",
    properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema ?? {}])),
    required: queryParams.filter((p) => p.required === true).map((p) => p.name),
    additionalProperties: false
  }, "request")

  // The request body.
  let body: OperationPlan["body"]
  if (operation.requestBody !== undefined) {
    const content = Object.entries<Json>(operation.requestBody.content ?? {})
    if (content.length !== 1) fail(`${where}: a request body with ${content.length} media types is not supported`)
    const [contentType, media] = content[0]!
    if (mediaType(contentType) !== "application/json") fail(`${where}: request body ${contentType} is not supported`)
    body = { contentType: mediaType(contentType), required: operation.requestBody.required === true, root: roots.add(media.schema ?? {}, "request") }
  }

  // Responses.
  const responses = Object.entries<Json>(operation.responses ?? {})
  const successes = responses.filter(([status]) => /^2\d\d$/.test(status))
  if (successes.length !== 1) fail(`${where}: ${successes.length} success responses; exactly one is supported`)
  const [successStatus, successResponse] = successes[0]!
  const status = Number(successStatus)
  const declared: string | undefined = operation["x-effect-opencode-response"]
  const stream: string | undefined = operation["x-effect-stream"]
  if (declared !== undefined && !RESPONSE_KINDS.includes(declared as any)) {
    fail(`${where}: x-effect-opencode-response must be one of ${RESPONSE_KINDS.join(", ")}, not ${declared}`)
  }
  if (stream !== undefined && stream !== "sse") fail(`${where}: x-effect-stream must be "sse", not ${stream}`)
  const content = Object.entries<Json>(successResponse.content ?? {})
  if (content.length > 1) fail(`${where}: a success response with ${content.length} media types is not supported`)
  let success: SuccessPlan
  if (content.length === 0) {
    if (declared !== undefined && declared !== "none") fail(`${where}: the document says no content, the patch says ${declared}`)
    success = { status, kind: "none" }
  } else {
    const [rawContentType, media] = content[0]!
    const contentType = mediaType(rawContentType)
    if (contentType === "text/event-stream") {
      if (stream !== "sse") fail(`${where}: a text/event-stream answer needs x-effect-stream: "sse" in the patch file`)
      success = { status, kind: "sse", contentType, root: roots.add(media.schema ?? {}) }
    } else if (stream !== undefined) {
      success = fail(`${where}: x-effect-stream on a ${contentType} answer`)
    } else if (declared === "none" || declared === "websocket") {
      success = { status, kind: declared }
    } else if (contentType === "application/json") {
      const schema: Json = media.schema ?? {}
      if (declared === "true" && schema.type !== "boolean") fail(`${where}: x-effect-opencode-response "true" on a non-boolean answer`)
      success = { status, kind: declared === "true" ? "true" : "json", contentType, root: roots.add(schema) }
    } else if (contentType.startsWith("text/")) {
      success = { status, kind: "text", contentType, root: roots.add({ type: "string" }) }
    } else if (contentType === "application/octet-stream") {
      success = { status, kind: "binary", contentType, root: roots.add({ type: "string" }) }
    } else {
      success = fail(`${where}: success content type ${contentType} is not supported`)
    }
  }

  const errors = responses
    .filter(([code]) => !/^2\d\d$/.test(code))
    .map(([code, response]): readonly [number, number] => {
      if (!/^[1-5]\d\d$/.test(code)) fail(`${where}: response "${code}" is not a status code`)
      const errorContent = Object.entries<Json>(response.content ?? {})
      if (errorContent.length !== 1 || mediaType(errorContent[0]![0]) !== "application/json") {
        fail(`${where}: error ${code} must have exactly one application/json body`)
      }
      return [Number(code), roots.add(errorContent[0]![1].schema ?? {})]
    })

  return {
    id,
    method: raw.method.toUpperCase(),
    path,
    api: path.startsWith("/api/") ? "v2" : "v1",
    pathParams,
    query,
    requiredQuery: queryParams.filter((p) => p.required === true).map((p) => p.name),
    deepObjectQuery,
    body,
    success,
    errors
  }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/** Where the inputs came from, for the generated files' first lines. */
export interface Sources {
  readonly spec: string
  readonly patch: string
}

/** The generated files, by path relative to the repository root. */
export type Files = Readonly<Record<string, string>>

/** What the endpoint table (scripts/api/endpoints.ts) needs of each operation. */
export interface OperationSummary {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly api: "v1" | "v2"
  readonly kind: string
}

/** Figures about one run, for the command's log. */
export interface Summary {
  readonly schemas: number
  readonly operations: number
  readonly v2: number
  readonly patchOperations: number
  readonly enums: EnumCounts
}

const header = (sources: Sources): string =>
  [
    "// GENERATED FILE: do not edit by hand.",
    `// Written by \`npm run generate\` (scripts/generate.ts) from ${sources.spec}`,
    `// and our patch file ${sources.patch}; change those and regenerate.`,
    "// `npm test` fails while this file differs from what they generate.",
    ""
  ].join("\n")

const quote = (value: string): string => JSON.stringify(value)

/**
 * A top-level initializer a bundler may drop when nothing uses its constant: an IIFE marked
 * `/* @__PURE__ *\/`, which esbuild, Rollup, rolldown and terser all honour for the whole body
 * (the mark on a plain call covers that call only, not its arguments nor a chained call's inner one).
 */
const pure = (code: string): string => `/* @__PURE__ */ (() => ${code})()`

/**
 * A schema built on first use (`lazy` of src/internal/lazy.ts), not at import: a program builds
 * only the schemas of the calls it makes. A plain reference (`Session`, `Schema.String`,
 * `Ids.SessionID`) is kept as it is: it builds nothing, and a stand-in would only cost a proxy.
 * Marked `/* @__PURE__ *\/` so that a bundler drops it when nothing uses it.
 */
const deferred = (code: string): string => (isReference(code) ? code : `/* @__PURE__ */ lazy(() => ${code})`)

/** Whether generated schema code is a plain reference to a schema defined elsewhere (`Session`, `Ids.SessionID`). */
const isReference = (code: string): boolean => /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?$/.test(code)

/** The import of {@link deferred}'s `lazy`, for a module whose code uses it. */
const lazyImport = (code: ReadonlyArray<string>): ReadonlyArray<string> =>
  code.some((c) => /\blazy\(/.test(c)) ? [`import { lazy } from "../internal/lazy.ts"`] : []

/**
 * `session.prompt_async` → `sessionPromptAsync`: the name of an operation's constant in
 * `src/api/Operations.ts`, from its operationId.
 */
export const operationName = (id: string): string =>
  id.split(/[.\-_]/).filter((w) => w.length > 0).map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("")

/**
 * The JSDoc block of a component from its own `title` and `description` (the server's words), or
 * no line at all when it has neither. `*\/` is escaped so a description cannot end the comment;
 * line breaks are kept, trailing spaces dropped, so the output is the same on every run.
 */
export const docComment = (component: unknown): ReadonlyArray<string> => {
  if (!isNode(component)) return []
  const texts = [...new Set([component.title, component.description])]
    .filter((t): t is string => typeof t === "string" && t.trim().length > 0)
    .map((t) => t.trim().replace(/\*\//g, "*\\/"))
  if (texts.length === 0) return []
  const lines = texts.join("\n\n").split(/\r?\n/).map((line) => line.trimEnd())
  if (lines.length === 1) return [`/** ${lines[0]} */`]
  return ["/**", ...lines.map((line) => (line === "" ? " *" : ` * ${line}`)), " */"]
}

/** The server facts of the patched document's `x-effect-opencode` member, checked. */
const serverFacts = (spec: Json): Json => {
  const facts = spec["x-effect-opencode"]
  if (facts === undefined) return fail(`the patch file must add the document-level "x-effect-opencode" server facts`)
  const { unknownRoute, unauthorized } = facts
  if (typeof unknownRoute?.status !== "number" || typeof unknownRoute?.contentType !== "string") {
    fail(`x-effect-opencode.unknownRoute must be {status, contentType}`)
  }
  if (typeof unauthorized?.status !== "number" || unauthorized?.body !== "empty" || typeof unauthorized?.header !== "string") {
    fail(`x-effect-opencode.unauthorized must be {status, body: "empty", header}`)
  }
  return { unknownRoute, unauthorized }
}

/** The patch file's marker of a union whose members get a module of their own: `{ module, key }`. */
const MEMBERS = "x-effect-opencode-members"

/** `session.next.text-delta` → `SessionNextTextDelta`: the library's name of a union member, from its tag. */
export const memberName = (tag: string): string =>
  tag.split(/[.\-_]/).filter((w) => w.length > 0).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")

/**
 * For each component marked {@link MEMBERS} (a union of `$ref`s, each member tagged by `key`), a
 * module `src/api/<module>.ts` that names every member after its tag (`memberName`): the
 * library's public names (`EventSchema.SessionIdle`) come from the document, not from a list kept
 * by hand; a new member of the union gets its name when the generator runs.
 */
const membersModules = (
  components: Readonly<Record<string, JsonSchema.JsonSchema>>,
  identifierOf: ReadonlyMap<string, string>,
  sources: Sources
): Files => {
  const files: Record<string, string> = {}
  for (const [name, component] of Object.entries(components as Record<string, Json>)) {
    const spec = component[MEMBERS]
    if (spec === undefined) continue
    const where = `${MEMBERS} on ${name}`
    if (!isNode(spec) || typeof spec.module !== "string" || !IDENTIFIER.test(spec.module) || typeof spec.key !== "string") {
      fail(`${where}: must be { module: an identifier, key: string }`)
    }
    const members = Array.isArray(component.anyOf) ? component.anyOf : Array.isArray(component.oneOf) ? component.oneOf : fail(`${where}: not an anyOf/oneOf`)
    const seen = new Map<string, string>()
    const lines: Array<string> = [header(sources), `import * as Schemas from "./Schemas.ts"`, ""]
    const byTag: Array<string> = []
    for (const member of members as Array<Json>) {
      const ref = typeof member.$ref === "string" && member.$ref.startsWith("#/components/schemas/") ? member.$ref.slice(21) : fail(`${where}: a member is not a component reference`)
      const tagSchema = (components as Record<string, Json>)[ref]?.properties?.[spec.key]
      const tag = Array.isArray(tagSchema?.enum) && tagSchema.enum.length === 1 && typeof tagSchema.enum[0] === "string" ? tagSchema.enum[0] as string : fail(`${where}: ${ref} has no single "${spec.key}"`)
      const publicName = memberName(tag)
      if (!IDENTIFIER.test(publicName)) fail(`${where}: ${tag} gives no identifier`)
      if (seen.has(publicName)) fail(`${where}: ${tag} and ${seen.get(publicName)} both give the name ${publicName}`)
      seen.set(publicName, tag)
      const identifier = identifierOf.get(ref) ?? fail(`${where}: unknown component ${ref}`)
      lines.push(`/** The \`${tag}\` member of \`${name}\` (\`Schemas.${identifier}\`). */`)
      lines.push(`export const ${publicName} = Schemas.${identifier}`)
      lines.push(`/** The decoded type of {@link ${publicName}}. */`)
      lines.push(`export type ${publicName} = Schemas.${identifier}`)
      byTag.push(`  ${quote(tag)}: ${publicName}`)
    }
    lines.push("")
    lines.push(`/** Every member of \`${name}\`, by its \`${spec.key}\` (the open union's fallback aside). */`)
    lines.push(`export const by${memberName(spec.key)} = {\n${byTag.join(",\n")}\n} as const`)
    lines.push("")
    files[`src/api/${spec.module}.ts`] = lines.join("\n")
  }
  return files
}

/**
 * Generates the API description from the server's OpenAPI document and our patch file.
 * Throws a {@link GenerateError} for anything it cannot describe faithfully.
 */
export const generate = (
  spec: unknown,
  patch: ReadonlyArray<PatchOperation>,
  sources: Sources
): { readonly files: Files; readonly summary: Summary; readonly operations: ReadonlyArray<OperationSummary> } => {
  const patched = applyPatch(spec, patch) as Json
  if (typeof patched?.openapi !== "string" || !patched.openapi.startsWith("3.1")) {
    fail(`only OpenAPI 3.1 documents are supported (got ${patched?.openapi})`)
  }
  const components: Record<string, JsonSchema.JsonSchema> = patched.components?.schemas ?? {}
  const componentNames = Object.keys(components)
  const definitions: JsonSchema.Definitions = {}
  for (const name of componentNames) definitions[name] = JsonSchema.fromSchemaOpenApi3_1(components[name]!).schema

  // Roots 0..n-1: each component by reference, so its identifier can be read off its code.
  const roots = new Roots()
  for (const name of componentNames) roots.schemas.push({ $ref: `#/$defs/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` })
  const plans = listOperations(patched).map((raw) => planOperation(patched, raw, roots))
  const facts = serverFacts(patched)

  if (roots.schemas.length === 0) fail("the document has no schemas and no operations")
  const { code, enums } = translate(definitions, roots)

  // The identifier effect gave each component.
  const identifierOf = new Map<string, string>()
  componentNames.forEach((name, i) => {
    const identifier = code.codes[i]!.runtime
    if (!IDENTIFIER.test(identifier)) fail(`component ${name} did not become a named reference (got ${identifier.slice(0, 80)})`)
    identifierOf.set(name, identifier)
  })
  const recursive = code.references.recursives
  const reserved = new Set(["Schema", "Ids", "lazy", "openLiterals", "unknownMember", "unknownEvent", "UnknownMember", "UnknownEvent"])
  for (const identifier of identifierOf.values()) {
    if (reserved.has(identifier)) fail(`a component is named ${identifier}, which the generated module imports`)
  }

  // src/api/Schemas.ts
  const schemaCode = [...code.references.nonRecursives.map((r) => r.code), ...Object.values(recursive)]
  const schemaLines: Array<string> = [
    header(sources),
    `import * as Schema from "effect/Schema"`,
    ...importsFor(schemaCode.flatMap((c) => [c.runtime, c.Type]))
  ]
  schemaLines.push("")
  // Each component's own title and description, above its type and its schema.
  const componentOf = new Map([...identifierOf].map(([name, identifier]) => [identifier, name]))
  const doc = (identifier: string): ReadonlyArray<string> => {
    const name = componentOf.get(identifier)
    return name === undefined ? [] : docComment(components[name])
  }
  if (Object.keys(recursive).length > 0) {
    // A recursive definition refers to itself before it is defined: declare it through suspend.
    for (const [name, c] of Object.entries(recursive)) {
      schemaLines.push(...doc(name), `export type ${name} = ${c.Type}`)
      schemaLines.push(...doc(name), `export const ${name}: Schema.Codec<${name}> = /* @__PURE__ */ Schema.suspend((): Schema.Codec<${name}> => ${name}$)`)
    }
  }
  for (const { $ref, code: c } of code.references.nonRecursives) {
    schemaLines.push(...doc($ref), `export type ${$ref} = ${c.Type}`)
    schemaLines.push(...doc($ref), `export const ${$ref} = ${deferred(c.runtime)}`)
  }
  for (const [name, c] of Object.entries(recursive)) schemaLines.push(`const ${name}$ = ${deferred(c.runtime)}`)
  schemaLines.splice(2, 0, ...lazyImport(schemaLines))
  if (code.artifacts.length > 0) fail(`effect's code generator emitted ${code.artifacts.length} artifacts (symbols, enums or imports); not supported`)
  schemaLines.push("")
  schemaLines.push("/** The document's component names, each with the identifier of its schema in this module. */")
  schemaLines.push("export const componentNames = {")
  for (const [name, identifier] of identifierOf) schemaLines.push(`  ${quote(name)}: ${quote(identifier)},`)
  schemaLines.push("} as const")
  schemaLines.push("")

  // A module of named members for each union marked x-effect-opencode-members (src/api/Events.ts).
  const memberModules = membersModules(components, identifierOf, sources)

  // src/api/Operations.ts
  const used = new Set<string>()
  const runtime = (root: number): string => {
    for (const name of directRefs(roots.schemas[root], new Set())) used.add(identifierOf.get(name) ?? fail(`unknown component ${name}`))
    return code.codes[root]!.runtime
  }
  // A schema that several operations spell alike (the `directory`/`workspace` query of most v1
  // operations, a union of error bodies) is one module-level constant, `shared$<n>`: built once and
  // bundled once. One used by a single operation stays in it.
  const rootsOf = (plan: (typeof plans)[number]): ReadonlyArray<number> => [
    ...plan.pathParams.map((p) => p.root),
    plan.query,
    ...(plan.body === undefined ? [] : [plan.body.root]),
    ...("root" in plan.success ? [plan.success.root] : []),
    ...plan.errors.map(([, root]) => root)
  ]
  const spellings = new Map<string, number>()
  for (const plan of plans) {
    for (const root of rootsOf(plan)) {
      const c = code.codes[root]!.runtime
      if (!isReference(c)) spellings.set(c, (spellings.get(c) ?? 0) + 1)
    }
  }
  const shared = new Map<string, string>()
  const schemaOf = (root: number): string => {
    const c = runtime(root)
    if (isReference(c) || (spellings.get(c) ?? 0) < 2) return deferred(c)
    let name = shared.get(c)
    if (name === undefined) {
      name = `shared$${shared.size}`
      shared.set(c, name)
    }
    return name
  }
  const entries: Array<string> = []
  const tableEntries: Array<string> = []
  const tableTypes: Array<string> = []
  const seen = new Set<string>()
  const names = new Map<string, string>()
  const taken = new Set(["Schema", "Ids", "lazy", "serverFacts", "openLiterals", "unknownMember", "unknownEvent", ...identifierOf.values()])
  for (const plan of plans) {
    if (seen.has(plan.id)) fail(`operationId ${plan.id} is used twice`)
    seen.add(plan.id)
    const name = operationName(plan.id)
    if (!IDENTIFIER.test(name)) fail(`operationId ${plan.id} gives no identifier (${name})`)
    if (names.has(name)) fail(`operationIds ${plan.id} and ${names.get(name)} both give the name ${name}`)
    if (taken.has(name)) fail(`operationId ${plan.id} gives the name ${name}, which Operations.ts already uses`)
    names.set(name, plan.id)
    const success = plan.success
    const successCode = "root" in success
      ? `{ status: ${success.status}, kind: ${quote(success.kind)}, contentType: ${quote(success.contentType)}, schema: ${schemaOf(success.root)} }`
      : `{ status: ${success.status}, kind: ${quote(success.kind)} }`
    const body = [
      `{`,
      `  id: ${quote(plan.id)},`,
      `  method: ${quote(plan.method)},`,
      `  path: ${quote(plan.path)},`,
      `  api: ${quote(plan.api)},`,
      `  pathParams: [${plan.pathParams.map((p) =>
        `{ name: ${quote(p.name)}, idPrefix: ${p.idPrefix === undefined ? "undefined" : quote(p.idPrefix)}, schema: ${schemaOf(p.root)} }`
      ).join(", ")}],`,
      `  query: ${schemaOf(plan.query)},`,
      `  requiredQuery: [${plan.requiredQuery.map(quote).join(", ")}],`,
      `  deepObjectQuery: [${plan.deepObjectQuery.map(quote).join(", ")}],`,
      `  body: ${plan.body === undefined ? "undefined" : `{ contentType: ${quote(plan.body.contentType)}, required: ${plan.body.required}, schema: ${schemaOf(plan.body.root)} }`},`,
      `  success: ${successCode},`,
      `  errors: { ${plan.errors.map(([status, root]) => `${status}: ${schemaOf(root)}`).join(", ")} }`,
      `} as const satisfies Operation`
    ].join("\n")
    entries.push([`/** \`${plan.method} ${plan.path}\` (\`${plan.id}\`). */`, `export const ${name} = ${pure(`(${body})`)}`].join("\n"))
    tableEntries.push(`  ${quote(plan.id)}: Op.${name}`)
    tableTypes.push(`  readonly ${quote(plan.id)}: typeof Op.${name}`)
  }
  const imports = [...used].sort()
  const sharedLines = [...shared].map(([c, name]) => `const ${name} = ${deferred(c)}`)
  const operationLines: Array<string> = [
    header(sources),
    `import * as Schema from "effect/Schema"`,
    ...lazyImport([...sharedLines, ...entries]),
    ...importsFor([...sharedLines, ...entries]),
    `import type { Operation, ServerFacts } from "./Descriptor.ts"`,
    imports.length > 0 ? `import {\n${imports.map((i) => `  ${i}`).join(",\n")}\n} from "./Schemas.ts"` : "",
    "",
    "// One constant per operation, named after its operationId (`session.get` → `sessionGet`), each",
    "// dropped by a bundler when unused: import the ones you call. `OperationTable.ts` has them all by id.",
    "",
    "// The schemas several operations spell alike, each built once, on first use.",
    ...sharedLines,
    "",
    entries.join("\n\n"),
    "",
    "/** What the server does beyond any one operation (from the patch file). */",
    `export const serverFacts = ${JSON.stringify(facts)} as const satisfies ServerFacts`,
    ""
  ]
  const tableLines: Array<string> = [
    header(sources),
    `import type { Operation } from "./Descriptor.ts"`,
    `import * as Op from "./Operations.ts"`,
    "",
    "/**",
    " * Every operation of the OpenCode API, by operationId: for the calls that take an id",
    " * (`ApiCall.call(\"session.get\", …)`, `OpencodeV2`). Importing it keeps every operation and",
    " * every schema in a bundle; a service imports its operations from `Operations.ts` instead.",
    " */",
    `export const operations: Operations = {\n${tableEntries.join(",\n")}\n} satisfies Record<string, Operation>`,
    "",
    "/** The operations' table type (spelled out: a declaration file cannot print the inferred one). */",
    `export type Operations = {\n${tableTypes.join("\n")}\n}`,
    "",
    "/** An operationId. */",
    "export type OperationId = keyof Operations",
    ""
  ]

  return {
    files: {
      "src/api/Schemas.ts": schemaLines.join("\n"),
      "src/api/Operations.ts": operationLines.join("\n"),
      "src/api/OperationTable.ts": tableLines.join("\n"),
      ...memberModules
    },
    operations: plans.map((p) => ({ id: p.id, method: p.method, path: p.path, api: p.api, kind: p.success.kind })),
    summary: {
      schemas: componentNames.length,
      operations: plans.length,
      v2: plans.filter((p) => p.api === "v2").length,
      patchOperations: patch.length,
      enums
    }
  }
}

/**
 * The generated files that differ from what is on disk (`read` answers `undefined` for a missing
 * file), in a stable order.
 */
export const staleFiles = (files: Files, read: (path: string) => string | undefined): ReadonlyArray<string> =>
  Object.keys(files).sort().filter((path) => read(path) !== files[path])
