/**
 * One generic, typed call of the OpenCode API, derived from the generated operations
 * (`src/api/Operations.ts`): `callWith(client)(Operations.v2SessionGet, { path: { sessionID } })`,
 * or by operationId through the table (`src/api/OperationTable.ts`):
 * `call("v2.session.get", { path: { sessionID } })`.
 *
 * Pay for what you use: the `…With` forms (`callWith`, `streamWith`, `bytesWith`, `socketWith`)
 * take only an operation object, so a bundle keeps just the operations (and schemas) its code
 * imports; the services use them. `call`, `stream`, `bytes`, `socket` and `prepare` also take an
 * operationId, which keeps the whole table (all 189 operations, every schema) in a bundle that
 * uses them.
 *
 * The input type comes from the table entry: `path` (the path parameters by name, only when the
 * operation has any), `query` (the Type of its query Struct, without `directory`, which the
 * transport sends), `body` (the Type of its body schema, when it has one), plus the per-call
 * options `timeout` and `directory`. The success type comes from `success.kind`: the schema's
 * Type for `json` and `true`, `void` for `none`, `string` for `text`.
 *
 * Before anything is sent, every path parameter is checked against its `idPrefix` and the
 * library's safe-character rule (`Ids.safeIdPattern`; a parameter without a prefix, such as an MCP
 * server's name, keeps to the looser name rule), the query and the body are encoded with
 * their schemas (a key set to `undefined` is left out first, as `JSON.stringify` does); any
 * failure is a `ValidationError` and no request leaves the process. The call
 * itself goes through `OpencodeClient.call`, so directory scoping, auth, bounded bodies, the
 * HTML-200 check, deadlines and retries of idempotent calls stay in one place.
 *
 * Operations a plain call cannot serve are left out of {@link call}'s type: `sse` ones are read
 * with {@link stream}, `binary` ones (`v2.fs.read`, the bytes of a file) with {@link bytes}, and
 * `websocket` ones (the pty terminals) are opened with {@link socket}.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Socket from "effect/socket/Socket"
import { type RequestError, ValidationError } from "../Errors.ts"
import * as OpencodeClient from "../layers/OpencodeClient.ts"
import { isSafeName } from "../internal/names.ts"
import { type IdKind, idPrefixes, safeIdPattern, validateId } from "../schema/Ids.ts"
import * as SseConnection from "../streams/SseConnection.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import type { Operation } from "./Descriptor.ts"
import { type OperationId, type Operations, operations } from "./OperationTable.ts"

// ---------------------------------------------------------------------------------------------
// Types derived from the table
// ---------------------------------------------------------------------------------------------

type Simplify<A> = { [K in keyof A]: A[K] } & {}

/** The operation an id or an operation object stands for. */
type OpOf<K> = K extends OperationId ? Operations[K] : K extends Operation ? K : never

/**
 * What names an operation: its operationId (`"session.get"`) or its generated constant
 * (`Operations.sessionGet`).
 *
 * @since 0.1.0
 * @category models
 */
export type OperationRef = OperationId | Operation

/**
 * The per-call options every operation accepts.
 *
 * - `timeout`: overrides the configured request deadline for this call.
 * - `directory`: overrides the configured project directory (sent as `?directory=`); `null`
 *   sends none.
 * - `idempotent`: whether a transient failure may be retried. By default only GET, PUT and
 *   DELETE are; pass `true` for a POST or PATCH that is safe to send twice (a configuration
 *   merge, connecting an MCP server), `false` to never retry.
 * - `headers`: extra request headers, for what the document cannot say (a PTY connect ticket is
 *   handed out only to a request with `x-opencode-ticket: 1`).
 * - `onHeaders`: receives the success answer's headers (lower-case names) before its body is
 *   decoded: for what the server says only in a header, such as the `x-next-cursor` of a page of
 *   messages.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  readonly timeout?: Duration.Input | undefined
  readonly directory?: string | null | undefined
  readonly idempotent?: boolean | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly onHeaders?: ((headers: Readonly<Record<string, string>>) => void) | undefined
}

type PathParamNames<O extends Operation> = O["pathParams"][number]["name"]

type PathInput<O extends Operation> = [PathParamNames<O>] extends [never] ? {}
  : { readonly path: { readonly [N in PathParamNames<O>]: string } }

type QueryType<O extends Operation> = Omit<O["query"]["Type"], "directory">

type QueryInput<O extends Operation> = string extends keyof O["query"]["Type"] ? {}
  : [keyof QueryType<O>] extends [never] ? {}
  : {} extends QueryType<O> ? { readonly query?: Simplify<QueryType<O>> | undefined }
  : { readonly query: Simplify<QueryType<O>> }

type BodyInput<O extends Operation> = O["body"] extends { readonly schema: infer S extends Schema.Top; readonly required: infer R }
  ? R extends true ? { readonly body: S["Type"] } : { readonly body?: S["Type"] | undefined }
  : {}

/**
 * The input of one operation: `path`, `query` and `body` as its table entry demands, plus
 * {@link CallOptions}.
 *
 * @example
 * ```ts
 * import type { ApiCall } from "effect-opencode"
 * const input: ApiCall.Input<"v2.session.history"> = { path: { sessionID: "ses_1" }, query: { limit: "10" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Input<K extends OperationRef> = Simplify<
  PathInput<OpOf<K>> & QueryInput<OpOf<K>> & BodyInput<OpOf<K>> & CallOptions
>

/**
 * The arguments after the operation id: the input, optional when every part of it is.
 *
 * @since 0.1.0
 * @category models
 */
export type Args<K extends OperationRef> = {} extends Input<K> ? [input?: Input<K>] : [input: Input<K>]

type SuccessOf<S> = S extends { readonly kind: "json" | "true"; readonly schema: infer Sc extends Schema.Top } ? Sc["Type"]
  : S extends { readonly kind: "none" } ? void
  : S extends { readonly kind: "text" } ? string
  : S extends { readonly kind: "sse"; readonly schema: infer Sc extends Schema.Top } ? Sc["Type"]
  : never

/**
 * What a successful call of an operation gives: the decoded body (`json`, `true`), `void`
 * (`none`), the text (`text`); for an `sse` operation, the type of one event.
 *
 * @since 0.1.0
 * @category models
 */
export type Success<K extends OperationRef> = SuccessOf<OpOf<K>["success"]>

/**
 * The operations a plain {@link call} serves: those whose success is `json`, `true`, `none` or
 * `text`.
 *
 * @since 0.1.0
 * @category models
 */
export type CallableId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "json" | "true" | "none" | "text" ? K : never
}[OperationId]

/**
 * The operation objects a plain {@link callWith} serves (answers `json`, `true`, `none` or `text`).
 *
 * @since 0.1.0
 * @category models
 */
export type CallableOperation = Operation & { readonly success: { readonly kind: "json" | "true" | "none" | "text" } }

/**
 * The operation objects {@link streamWith} serves (answers `text/event-stream`).
 *
 * @since 0.1.0
 * @category models
 */
export type StreamOperation = Operation & { readonly success: { readonly kind: "sse" } }

/**
 * The operation objects {@link bytesWith} serves (answers `binary`).
 *
 * @since 0.1.0
 * @category models
 */
export type BytesOperation = Operation & { readonly success: { readonly kind: "binary" } }

/**
 * The operation objects {@link socketWith} serves (upgrades to a WebSocket).
 *
 * @since 0.1.0
 * @category models
 */
export type SocketOperation = Operation & { readonly success: { readonly kind: "websocket" } }

/**
 * The operations {@link stream} serves: those whose success is a `text/event-stream`.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "sse" ? K : never
}[OperationId]

// ---------------------------------------------------------------------------------------------
// Preparing a call
// ---------------------------------------------------------------------------------------------

// The document's patterns give a prefix without its underscore (`^ses`); the library's id kinds
// have it (`ses_`). Keyed by the bare prefix, so each operation's parameter gets its kind's whole
// rule (`validateId`: the prefix with its underscore and at least one more character).
const kindOfPrefix = new Map<string, IdKind>(
  (Object.entries(idPrefixes) as Array<[IdKind, string | undefined]>).flatMap(([kind, prefix]) =>
    prefix === undefined ? [] : [[prefix.replace(/_$/, ""), kind] as [string, IdKind]]
  )
)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Leaves out the keys set to `undefined`, at every depth of plain objects, as `JSON.stringify`
 * does: the input types allow `{ limit: options.limit }`, which must mean "no limit", not fail
 * the schema of an optional key.
 */
const withoutUndefined = (u: unknown): unknown => {
  if (Array.isArray(u)) return u.map(withoutUndefined)
  if (!isRecord(u)) return u
  const proto = Object.getPrototypeOf(u)
  if (proto !== Object.prototype && proto !== null) return u
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(u)) {
    if (value !== undefined) out[key] = withoutUndefined(value)
  }
  return out
}

const preview = (u: unknown): string => {
  if (typeof u !== "string") return u === null ? "null" : typeof u
  return JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}… (${u.length} characters)` : u)
}

const schemaMessage = (cause: Cause.Cause<Schema.SchemaError>): string => {
  const error = Cause.findErrorOption(cause)
  return Option.isSome(error) ? error.value.message : Cause.pretty(cause)
}

// Per-schema and per-operation work done once, not on every call: compiled decoders and encoders,
// the split path template, the encoding of an absent query.
type Compiled = (u: unknown) => Exit.Exit<unknown, Schema.SchemaError>

/** One compiled function per schema, made on first use and kept. */
const cachedBy = (compile: (schema: Schema.Codec<unknown, unknown>) => Compiled) => {
  const cache = new WeakMap<object, Compiled>()
  return (schema: Schema.Top): Compiled => {
    let compiled = cache.get(schema)
    if (compiled === undefined) {
      compiled = compile(schema as Schema.Codec<unknown, unknown>)
      cache.set(schema, compiled)
    }
    return compiled
  }
}

const decoderOf = cachedBy((schema) => Schema.decodeUnknownExit(schema))
const encoderOf = cachedBy((schema) => Schema.encodeUnknownExit(schema))

/**
 * Checks one path parameter: the id prefix the server demands (with at least one character after
 * it), the library's safe-character rule, and the parameter's own schema.
 */
const checkPathParam = (param: Operation["pathParams"][number], value: unknown): Result.Result<string, string> => {
  const name = param.name
  const prefix = param.idPrefix
  const kind = prefix === undefined ? undefined : kindOfPrefix.get(prefix.replace(/_$/, ""))
  if (kind !== undefined) {
    const checked = validateId(kind, value)
    if (Result.isFailure(checked)) return Result.fail(`${name}: ${checked.failure}`)
  }
  if (prefix === undefined) {
    // a name (an MCP server, a provider, a file path segment): the server accepts dots, `@`…
    if (!isSafeName(value)) {
      return Result.fail(`${name}: ${preview(value)} is not 1 to 200 printable characters without spaces or slashes`)
    }
  } else if (typeof value !== "string" || !safeIdPattern.test(value)) {
    return Result.fail(`${name}: ${preview(value)} is not 1 to 200 characters among A-Z a-z 0-9 _ -`)
  }
  if (prefix !== undefined && (!value.startsWith(prefix) || value.length === prefix.length)) {
    return Result.fail(`${name}: ${preview(value)} must be "${prefix}" followed by at least one character`)
  }
  const exit = decoderOf(param.schema)(value)
  if (Exit.isFailure(exit)) return Result.fail(`${name}: ${schemaMessage(exit.cause)}`)
  return Result.succeed(value)
}

const templates = new WeakMap<Operation, ReadonlyArray<string> | string>()

/**
 * The literal pieces of an operation's path template around its parameters, in order (split once
 * per operation); or the name of a parameter missing from the template.
 */
const splitTemplate = (op: Operation): ReadonlyArray<string> | string => {
  let split = templates.get(op)
  if (split === undefined) {
    const strings: Array<string> = []
    let rest = op.path
    split = strings
    for (const param of op.pathParams) {
      const placeholder = `{${param.name}}`
      const at = rest.indexOf(placeholder)
      if (at < 0) {
        split = param.name
        break
      }
      strings.push(rest.slice(0, at))
      rest = rest.slice(at + placeholder.length)
    }
    if (split === strings) strings.push(rest)
    templates.set(op, split)
  }
  return split
}

/**
 * Builds the path of an operation from its template with `route` (every value percent-encoded),
 * after checking each path parameter.
 */
const buildPath = (op: Operation, path: unknown): Effect.Effect<string, ValidationError> => {
  const template = op.path
  if (op.pathParams.length === 0) return Effect.succeed(template)
  if (!isRecord(path)) {
    return Effect.fail(new ValidationError({ field: "path", message: `${op.id} needs path parameters ${op.pathParams.map((p) => p.name).join(", ")}` }))
  }
  const split = splitTemplate(op)
  if (typeof split === "string") return Effect.fail(new ValidationError({ field: `path.${split}`, message: `${op.id}: {${split}} is not in ${template}` }))
  const strings = split.slice()
  const values: Array<string> = []
  for (const param of op.pathParams) {
    const checked = checkPathParam(param, path[param.name])
    if (Result.isFailure(checked)) {
      return Effect.fail(new ValidationError({ field: `path.${param.name}`, message: `${op.id} ${checked.failure}` }))
    }
    values.push(checked.success)
  }
  const unknownKeys = Object.keys(path).filter((k) => !op.pathParams.some((p) => p.name === k))
  if (unknownKeys.length > 0) {
    return Effect.fail(new ValidationError({ field: "path", message: `${op.id} has no path parameter ${unknownKeys.join(", ")}` }))
  }
  try {
    return Effect.succeed(OpencodeClient.route(Object.assign(strings, { raw: strings }), ...values))
  } catch (e) {
    return Effect.fail(new ValidationError({ field: "path", message: `${op.id}: ${(e as Error).message}` }))
  }
}

type QueryValue = string | number | boolean | undefined

const scalar = (value: unknown): QueryValue | null =>
  value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? value
    : null

/**
 * Encodes the query with its schema and flattens it into query parameters: a `deepObject`
 * parameter `{ location: { directory: "/p" } }` becomes `location[directory]=/p`.
 */
const emptyQueries = new WeakMap<Operation, Effect.Effect<Record<string, QueryValue>, ValidationError>>()

const isAbsent = (query: unknown): boolean =>
  query === undefined || (isRecord(query) && Object.values(query).every((value) => value === undefined))

/** An absent query of an operation with no required query parameter: nothing to send. */
const noQuery: Effect.Effect<Record<string, QueryValue>, ValidationError> = Effect.succeed(Object.freeze({}))

const buildQuery = (op: Operation, query: unknown): Effect.Effect<Record<string, QueryValue>, ValidationError> => {
  // No query, or one whose every key is `undefined` (`{ limit: options.limit }` without a limit),
  // for an operation whose query parameters are all optional: encoding `{}` with a struct of
  // optional keys gives `{}`, so the operation's query schema is not even built (a first call
  // used to build it and compile its encoder only to send nothing).
  if (op.requiredQuery !== undefined && op.requiredQuery.length === 0 && isAbsent(query)) return noQuery
  if (query === undefined) {
    // The same every time for an operation: encoded once. The record is frozen, as it is shared.
    let built = emptyQueries.get(op)
    if (built === undefined) {
      built = Effect.map(encodeQuery(op, {}), (q) => Object.freeze(q))
      const exit = Effect.runSyncExit(built)
      built = Exit.isSuccess(exit) ? Effect.succeed(exit.value) : built
      emptyQueries.set(op, built)
    }
    return built
  }
  return encodeQuery(op, query)
}

const encodeQuery = (op: Operation, query: unknown): Effect.Effect<Record<string, QueryValue>, ValidationError> => {
  if (!isRecord(query)) return Effect.fail(new ValidationError({ field: "query", message: `${op.id}: the query must be an object` }))
  const exit = encoderOf(op.query)(withoutUndefined(query))
  if (Exit.isFailure(exit)) {
    return Effect.fail(new ValidationError({ field: "query", message: `${op.id}: ${schemaMessage(exit.cause)}` }))
  }
  const encoded = exit.value as Readonly<Record<string, unknown>>
  const out: Record<string, QueryValue> = {}
  for (const [name, value] of Object.entries(encoded)) {
    if (op.deepObjectQuery.includes(name) && isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) {
        const v = scalar(inner)
        if (v === null) {
          return Effect.fail(new ValidationError({ field: `query.${name}.${key}`, message: `${op.id}: ${name}[${key}] must be a string, number or boolean` }))
        }
        if (v !== undefined) out[`${name}[${key}]`] = v
      }
      continue
    }
    const v = scalar(value)
    if (v === null) {
      return Effect.fail(new ValidationError({ field: `query.${name}`, message: `${op.id}: ${name} must be a string, number or boolean` }))
    }
    if (v !== undefined) out[name] = v
  }
  return Effect.succeed(out)
}

/** Encodes the body with its schema; a missing required body or a bad one is a `ValidationError`. */
const buildBody = (op: Operation, body: unknown): Effect.Effect<unknown, ValidationError> => {
  const spec = op.body
  if (spec === undefined) {
    return body === undefined
      ? Effect.succeed(undefined)
      : Effect.fail(new ValidationError({ field: "body", message: `${op.id} takes no body` }))
  }
  if (body === undefined) {
    return spec.required
      ? Effect.fail(new ValidationError({ field: "body", message: `${op.id} needs a body` }))
      : Effect.succeed(undefined)
  }
  const exit = encoderOf(spec.schema)(withoutUndefined(body))
  return Exit.isSuccess(exit)
    ? Effect.succeed(exit.value)
    : Effect.fail(new ValidationError({ field: "body", message: `${op.id}: ${schemaMessage(exit.cause)}` }))
}

const responseOf = (op: Operation): OpencodeClient.Call<unknown>["response"] => {
  const success = op.success
  switch (success.kind) {
    case "json":
    case "true":
      return success.schema as Schema.Codec<unknown, any>
    case "none":
      return "none"
    case "text":
      return { text: [success.contentType] }
    default:
      // Never reached through the typed API: `call` refuses these kinds before sending.
      return "none"
  }
}

const lookup = (id: string): Operation | undefined =>
  Object.hasOwn(operations, id) ? (operations as Readonly<Record<string, Operation>>)[id] : undefined

/** Whether a value has the shape of a generated operation (a JavaScript caller may pass anything). */
const isOperation = (u: unknown): u is Operation =>
  isRecord(u) && typeof u.id === "string" && typeof u.method === "string" && typeof u.path === "string" &&
  Array.isArray(u.pathParams) && Array.isArray(u.deepObjectQuery) && isRecord(u.success) && typeof u.success.kind === "string"

const unknownOperation = (id: unknown) =>
  new ValidationError({
    field: "operationId",
    message: typeof id === "string" ? `unknown operation ${preview(id)}` : `${preview(id)} is neither an operationId nor an operation`
  })

/** The operation an id (looked up in the table) or an operation object names. */
const resolveRef = (ref: unknown): Effect.Effect<Operation, ValidationError> => {
  const op = typeof ref === "string" ? lookup(ref) : isOperation(ref) ? ref : undefined
  return op === undefined ? Effect.fail(unknownOperation(ref)) : Effect.succeed(op)
}

/** An operation object, checked (no table look-up: for the `…With` forms). */
const checkOperation = (op: unknown): Effect.Effect<Operation, ValidationError> =>
  isOperation(op) ? Effect.succeed(op) : Effect.fail(unknownOperation(op))

/**
 * Turns an operation (its id or its object) and its input into the transport's
 * {@link OpencodeClient.Call}, checking every part; nothing is sent. Useful to inspect what
 * {@link call} would send.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ApiCall } from "effect-opencode"
 * const spec = ApiCall.prepare("v2.session.get", { path: { sessionID: "ses_1" } })
 * // Effect.succeed({ method: "GET", path: "/api/session/ses_1", ... })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const prepare = (id: OperationRef, input?: unknown): Effect.Effect<OpencodeClient.Call<unknown>, ValidationError> =>
  Effect.flatMap(resolveRef(id), (op) => prepareCall(op, input))

/** {@link prepare} for an operation already resolved: no table look-up. */
const prepareCall = (op: Operation, input: unknown): Effect.Effect<OpencodeClient.Call<unknown>, ValidationError> => {
  const kind = op.success.kind
  if (kind === "sse" || kind === "binary" || kind === "websocket") {
    return Effect.fail(new ValidationError({ field: "operationId", message: `${op.id} answers ${kind}: a plain call cannot read it${kind === "sse" ? " (use stream)" : ""}` }))
  }
  return prepareRequest(op, input).pipe(Effect.map((spec) => ({ ...spec, response: responseOf(op) })))
}

const prepareRequest = (op: Operation, input: unknown): Effect.Effect<Omit<OpencodeClient.Call<unknown>, "response">, ValidationError> =>
  Effect.gen(function*() {
    if (input !== undefined && !isRecord(input)) {
      return yield* new ValidationError({ field: "input", message: `${op.id}: the input must be an object` })
    }
    const i = input ?? {}
    const path = yield* buildPath(op, i.path)
    const query = yield* buildQuery(op, i.query)
    const body = yield* buildBody(op, i.body)
    const timeout = i.timeout as Duration.Input | undefined
    if (timeout !== undefined && Option.isNone(Duration.fromInput(timeout))) {
      return yield* new ValidationError({ field: "timeout", message: `${op.id}: ${preview(timeout)} is not a duration` })
    }
    const directory = i.directory
    if (directory !== undefined && directory !== null && typeof directory !== "string") {
      return yield* new ValidationError({ field: "directory", message: `${op.id}: the directory must be a string or null` })
    }
    const idempotent = i.idempotent
    if (idempotent !== undefined && typeof idempotent !== "boolean") {
      return yield* new ValidationError({ field: "idempotent", message: `${op.id}: idempotent must be a boolean` })
    }
    const headers = i.headers
    if (headers !== undefined && !(isRecord(headers) && Object.values(headers).every((v) => typeof v === "string"))) {
      return yield* new ValidationError({ field: "headers", message: `${op.id}: headers must be an object of strings` })
    }
    const onHeaders = i.onHeaders
    if (onHeaders !== undefined && typeof onHeaders !== "function") {
      return yield* new ValidationError({ field: "onHeaders", message: `${op.id}: onHeaders must be a function` })
    }
    return {
      method: op.method,
      path,
      operation: op,
      query,
      ...(onHeaders === undefined ? {} : { onHeaders: onHeaders as CallOptions["onHeaders"] }),
      ...(body === undefined ? {} : { body }),
      ...(timeout === undefined ? {} : { timeout }),
      ...(directory === undefined ? {} : { directory }),
      ...(idempotent === undefined ? {} : { idempotent }),
      ...(headers === undefined ? {} : { headers: headers as Readonly<Record<string, string>> })
    }
  })

// ---------------------------------------------------------------------------------------------
// Calling
// ---------------------------------------------------------------------------------------------

type Send = (client: OpencodeClient.Service, input: unknown) => Effect.Effect<unknown, RequestError>

const senders = new WeakMap<Operation, Send>()

/**
 * `body` in an `Effect.fn(name)` span when a tracer is installed (`Telemetry.isTracing`), else
 * `body` alone: with no tracer, a span and a call-site stack trace per call would cost more than
 * preparing the request.
 */
const spanWhenTracing = <A, E>(
  name: string,
  body: (client: OpencodeClient.Service, input: unknown) => Effect.Effect<A, E>
): (client: OpencodeClient.Service, input: unknown) => Effect.Effect<A, E> => {
  const traced = Effect.fn(name)(function*(client: OpencodeClient.Service, input: unknown) {
    return yield* body(client, input)
  })
  return (client, input) =>
    Effect.withFiber((fiber) => Telemetry.isTracing(fiber) ? traced(client, input) : body(client, input))
}

/** One traced function per operation, its span named after the operation id. */
const senderFor = (op: Operation): Send => {
  let send = senders.get(op)
  if (send === undefined) {
    send = spanWhenTracing(op.id, (client, input) => Effect.flatMap(prepareCall(op, input), client.call))
    senders.set(op, send)
  }
  return send
}

/**
 * Calls one operation of the API, given as its generated constant (`Operations.sessionGet`),
 * with a given transport (see {@link call} for the version that takes the transport from the
 * context, and an operationId as well).
 *
 * When to use: in code that should pay only for the operations it calls, as the services do: a
 * bundle keeps the operations imported, not the whole table. Gotcha: it takes no operationId
 * string (that needs the table: use {@link call}); anything that is not an operation is a
 * `ValidationError`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ApiCall, OpencodeClient, Operations } from "effect-opencode"
 * const program = Effect.gen(function*() {
 *   const client = yield* OpencodeClient.OpencodeClient
 *   return yield* ApiCall.callWith(client)(Operations.v2SessionList, { query: { limit: 10 } })
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const callWith = (client: OpencodeClient.Service) =>
<O extends CallableOperation>(op: O, ...args: Args<O>): Effect.Effect<Success<O>, RequestError> =>
  (isOperation(op) ? senderFor(op)(client, args[0]) : Effect.fail(unknownOperation(op))) as Effect.Effect<Success<O>, RequestError>

/**
 * Calls one operation of the OpenCode API by its operationId (or its generated constant), with an
 * input typed from the generated table, and decodes the answer with the table's schema.
 * An operationId keeps the whole table in a bundle; {@link callWith} with the constant does not.
 *
 * Gotchas: a path parameter that breaks its id prefix or the safe-character rule, a query or a
 * body its schema rejects, all fail with `ValidationError` before anything is sent (a key whose
 * value is `undefined` counts as absent, as in JSON). The
 * transport's `directory` (configured, or this call's `directory` option) is sent as
 * `?directory=` on every call, which is why `query` has no `directory` key. An error answer is an
 * `ApiError` whose `name` and `message` come from the server's body (`ServiceUnavailableError`,
 * `SessionNotFoundError`, …). Calls are retried only when idempotent (GET, PUT, DELETE, or the
 * `idempotent` option).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ApiCall } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const { data } = yield* ApiCall.call("v2.session.get", { path: { sessionID: "ses_1" } })
 *   yield* ApiCall.call("v2.session.switchAgent", { path: { sessionID: data.id }, body: { agent: "plan" } })
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const call = <K extends CallableId | CallableOperation>(
  id: K,
  ...args: Args<K>
): Effect.Effect<Success<K>, RequestError, OpencodeClient.OpencodeClient> =>
  Effect.flatMap(resolveRef(id), (op) =>
    OpencodeClient.OpencodeClient.use((client) => senderFor(op)(client, args[0]))) as Effect.Effect<
      Success<K>,
      RequestError,
      OpencodeClient.OpencodeClient
    >

// ---------------------------------------------------------------------------------------------
// Streaming
// ---------------------------------------------------------------------------------------------

/**
 * Options of {@link stream}: those of a call plus the reconnecting connection's own (see
 * `SseConnection.Options`).
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamOptions {
  /** Deadline for the response headers and for each read (default 30 seconds). */
  readonly heartbeatTimeout?: Duration.Input | undefined
  /** Consecutive failed attempts tolerated before the stream fails (default unlimited). */
  readonly maxReconnects?: number | undefined
  /** Counters to update. */
  readonly stats?: SseConnection.Stats | undefined
}

/**
 * The arguments of {@link stream} after the operation id.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamArgs<K extends OperationRef> = {} extends Input<K> ? [input?: Input<K> & StreamOptions]
  : [input: Input<K> & StreamOptions]

const idOf = (value: unknown): string | undefined => {
  const id = isRecord(value) ? value.id : undefined
  return typeof id === "string" ? id : undefined
}

/**
 * Reads a `text/event-stream` operation, given as its generated constant
 * (`Operations.globalEvent`), with a given transport (see {@link stream}, which also takes an
 * operationId).
 *
 * @since 0.1.0
 * @category constructors
 */
export const streamWith = (client: OpencodeClient.Service) =>
<K extends StreamOperation>(
  op: K,
  ...args: StreamArgs<K>
): Stream.Stream<Success<K> | SseConnection.Reconnected, SseConnection.ConnectionError | ValidationError> =>
  streamOf(client, checkOperation(op), args[0])

const streamOf = <A>(
  client: OpencodeClient.Service,
  resolved: Effect.Effect<Operation, ValidationError>,
  input: (Record<string, unknown> & StreamOptions) | undefined
): Stream.Stream<A | SseConnection.Reconnected, SseConnection.ConnectionError | ValidationError> =>
  Stream.unwrap(Effect.gen(function*() {
    const op = yield* resolved
    if (op.success.kind !== "sse") {
      return yield* new ValidationError({ field: "operationId", message: `${op.id} is not an event stream` })
    }
    const spec = yield* prepareRequest(op, input)
    const decode = Schema.decodeUnknownExit(op.success.schema as Schema.Codec<unknown, unknown>)
    return SseConnection.connect({
      http: client.http,
      request: client.request(spec),
      decode: (json) => {
        const exit = decode(json)
        return Exit.isSuccess(exit) ? exit.value as A : undefined
      },
      idOf,
      heartbeatTimeout: input?.heartbeatTimeout,
      maxReconnects: input?.maxReconnects,
      stats: input?.stats
    })
  }))

/**
 * Reads an operation that answers `text/event-stream` (`v2.event.subscribe`,
 * `v2.session.events`, `event.subscribe`, `global.event`) as a `Stream` of events decoded with
 * the table's schema, through the library's reconnecting SSE connection (`SseConnection`).
 *
 * Gotchas: the stream reconnects forever by default (set `maxReconnects`), with a
 * `SseConnection.Reconnected` marker before the first event of each new connection; payloads the
 * schema rejects are skipped and counted in `stats.malformed`, not failed. The socket closes as
 * soon as the consumer stops. On opencode 1.18.33, `v2.session.events` never answers (not even
 * its headers): the stream keeps timing out on `heartbeatTimeout` and reconnecting.
 *
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import { ApiCall } from "effect-opencode"
 * const firstEvents = ApiCall.stream("v2.event.subscribe").pipe(Stream.take(3), Stream.runCollect)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const stream = <K extends StreamId | StreamOperation>(
  id: K,
  ...args: StreamArgs<K>
): Stream.Stream<
  Success<K> | SseConnection.Reconnected,
  SseConnection.ConnectionError | ValidationError,
  OpencodeClient.OpencodeClient
> => Stream.unwrap(Effect.map(OpencodeClient.OpencodeClient, (client) => streamOf<Success<K>>(client, resolveRef(id), args[0])))

// ---------------------------------------------------------------------------------------------
// Bytes
// ---------------------------------------------------------------------------------------------

/**
 * The operations {@link bytes} serves: those whose success is `binary` (`v2.fs.read`).
 *
 * @since 0.1.0
 * @category models
 */
export type BytesId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "binary" ? K : never
}[OperationId]

/**
 * The input of {@link bytes}: the operation's input, plus `rest`, the path that the trailing `*`
 * of its template stands for (for `v2.fs.read`, the file's path relative to the directory, such as
 * `"src/index.ts"`).
 *
 * @since 0.1.0
 * @category models
 */
export type BytesInput<K extends OperationRef> = Input<K> & { readonly rest: string }

/**
 * Fills the trailing `*` of a template with `rest`: each segment percent-encoded; an empty, `.`
 * or `..` segment, a leading slash or a control character is a `ValidationError`.
 */
const fillWildcard = (op: Operation, path: string, rest: unknown): Effect.Effect<string, ValidationError> => {
  if (!path.endsWith("/*")) return Effect.succeed(path)
  if (typeof rest !== "string" || rest.length === 0 || rest.length > 4096) {
    return Effect.fail(new ValidationError({ field: "rest", message: `${op.id} needs rest: the path its trailing * stands for (1 to 4096 characters)` }))
  }
  const segments = rest.split("/")
  for (const segment of segments) {
    // eslint-disable-next-line no-control-regex
    if (segment === "" || segment === "." || segment === ".." || /[\u0000-\u001f\u007f]/.test(segment)) {
      return Effect.fail(new ValidationError({ field: "rest", message: `${op.id}: rest ${preview(rest)} must be a relative path without empty, . or .. segments` }))
    }
  }
  return Effect.succeed(path.slice(0, -1) + segments.map(encodeURIComponent).join("/"))
}

const bytesSenders = new WeakMap<Operation, (client: OpencodeClient.Service, input: unknown) => Effect.Effect<Uint8Array, RequestError>>()

const bytesSenderFor = (op: Operation) => {
  let send = bytesSenders.get(op)
  if (send === undefined) {
    send = spanWhenTracing(op.id, Effect.fnUntraced(function*(client: OpencodeClient.Service, input: unknown) {
      if (op.success.kind !== "binary") {
        return yield* new ValidationError({ field: "operationId", message: `${op.id} answers ${op.success.kind}, not binary` })
      }
      const { rest, ...others } = isRecord(input) ? input : {}
      const spec = yield* prepareRequest(op, others)
      const path = yield* fillWildcard(op, spec.path, rest)
      return yield* client.call<Uint8Array>({ ...spec, path, response: { bytes: true } })
    }))
    bytesSenders.set(op, send)
  }
  return send
}

/**
 * Reads a `binary` operation, given as its generated constant (`Operations.v2FsRead`), with a
 * given transport (see {@link bytes}, which also takes an operationId).
 *
 * @since 0.1.0
 * @category constructors
 */
export const bytesWith = (client: OpencodeClient.Service) =>
<K extends BytesOperation>(op: K, input: BytesInput<K>): Effect.Effect<Uint8Array, RequestError> =>
  isOperation(op) ? bytesSenderFor(op)(client, input) : Effect.fail(unknownOperation(op))

/**
 * Reads an operation that answers raw bytes (`v2.fs.read`: a file of the project directory) as a
 * `Uint8Array`, through the same transport as {@link call} (directory, auth, deadlines, retries
 * of GETs, typed errors).
 *
 * Gotchas: the body is bounded by the transport's `maxBodyBytes` (a larger file is a
 * `DecodeError`, read no further than the limit). Any content type is accepted, since the server
 * sends the file's own (`text/plain`, `application/octet-stream`…). On opencode 1.18.33 a missing
 * file answers 500 `UnknownError`, not 404.
 *
 * @example
 * ```ts
 * import { ApiCall } from "effect-opencode"
 * const readme = ApiCall.bytes("v2.fs.read", { rest: "README.md" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const bytes = <K extends BytesId | BytesOperation>(
  id: K,
  input: BytesInput<K>
): Effect.Effect<Uint8Array, RequestError, OpencodeClient.OpencodeClient> =>
  Effect.flatMap(resolveRef(id), (op) => OpencodeClient.OpencodeClient.use((client) => bytesSenderFor(op)(client, input)))

// ---------------------------------------------------------------------------------------------
// WebSockets
// ---------------------------------------------------------------------------------------------

/**
 * The operations {@link socket} serves: those whose success is a WebSocket (`pty.connect`,
 * `v2.pty.connect`).
 *
 * @since 0.1.0
 * @category models
 */
export type SocketId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "websocket" ? K : never
}[OperationId]

/**
 * Options of {@link socket}, besides the operation's input: the subprotocols, and the deadline of
 * the opening handshake (default: the call's `timeout`, else the configured `requestTimeout`).
 *
 * @since 0.1.0
 * @category models
 */
export interface SocketOptions {
  readonly protocols?: string | Array<string> | undefined
}

/**
 * Builds the `ws://` (`wss://`) URL of a WebSocket operation: the client's base URL (its
 * user and password, if any, removed), the path, the directory and the query. No credential is
 * ever put in it.
 *
 * @since 0.1.0
 * @category utils
 */
export const socketUrl = (client: OpencodeClient.Service, spec: Omit<OpencodeClient.Call<unknown>, "response">): string => {
  const url = new URL(client.config.baseUrl.replace(/\/+$/, "") + spec.path)
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:"
  url.username = ""
  url.password = ""
  const directory = spec.directory === undefined ? client.config.directory : spec.directory
  if (directory !== null && directory !== undefined) url.searchParams.set("directory", directory)
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value))
  }
  return url.href
}

/**
 * Opens a WebSocket operation, given as its generated constant (`Operations.ptyConnect`), with a
 * given transport (see {@link socket}, which also takes an operationId).
 *
 * @since 0.1.0
 * @category constructors
 */
export const socketWith = (client: OpencodeClient.Service) =>
<K extends SocketOperation>(
  op: K,
  ...args: {} extends Input<K> ? [input?: Input<K> & SocketOptions] : [input: Input<K> & SocketOptions]
): Effect.Effect<Socket.Socket, ValidationError, Socket.WebSocketConstructor> => socketOf(client, checkOperation(op), args[0])

const socketOf = (
  client: OpencodeClient.Service,
  resolved: Effect.Effect<Operation, ValidationError>,
  args: unknown
): Effect.Effect<Socket.Socket, ValidationError, Socket.WebSocketConstructor> =>
  Effect.flatMap(resolved, (op) => Effect.gen(function*() {
    if (op.success.kind !== "websocket") {
      return yield* new ValidationError({ field: "operationId", message: `${op.id} answers ${op.success.kind}, not a WebSocket` })
    }
    const { protocols, ...input } = (args ?? {}) as Record<string, unknown> & SocketOptions
    const spec = yield* prepareRequest(op, input)
    return yield* Socket.makeWebSocket(socketUrl(client, spec), {
      openTimeout: spec.timeout ?? client.config.requestTimeout,
      ...(protocols === undefined ? {} : { protocols }),
      ...(spec.headers === undefined ? {} : { headers: spec.headers })
    })
  }).pipe(Effect.withSpan(op.id)))

/**
 * Opens a WebSocket operation (`pty.connect`, `v2.pty.connect`: a terminal's input and output)
 * as effect's `Socket.Socket`: read its output with `socket.reader` (or `Socket.toChannel`),
 * write keystrokes with `socket.writer`, both in a `Scope`; the connection closes with the scope.
 * Needs a `Socket.WebSocketConstructor` (`Socket.layerWebSocketConstructorGlobal` uses the
 * global `WebSocket` of browsers and Node 22+).
 *
 * Gotchas: a browser's WebSocket cannot send headers, and the client never puts its password in
 * the URL, so authenticate with the operation's `ticket` query (from `PtyService.connectToken`),
 * which the server accepts in place of credentials. Nothing is sent until the socket's reader
 * is acquired: a refused handshake (a wrong ticket, an unknown terminal) is then a
 * `Socket.SocketError`. The input's `headers` are sent with the handshake
 * only by a constructor that supports them (Node's `ws`, Bun), not by the global one.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ApiCall, PtyService } from "effect-opencode"
 * const program = Effect.gen(function*() {
 *   const pty = yield* PtyService.PtyService
 *   const term = yield* pty.create({})
 *   const { ticket } = yield* pty.connectToken(term.id)
 *   return yield* ApiCall.socket("pty.connect", { path: { ptyID: term.id }, query: { ticket } })
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const socket = <K extends SocketId | SocketOperation>(
  id: K,
  ...args: {} extends Input<K> ? [input?: Input<K> & SocketOptions] : [input: Input<K> & SocketOptions]
): Effect.Effect<Socket.Socket, ValidationError, OpencodeClient.OpencodeClient | Socket.WebSocketConstructor> =>
  Effect.flatMap(OpencodeClient.OpencodeClient, (client) => socketOf(client, resolveRef(id), args[0]))
