/**
 * One generic, typed call of any OpenCode operation, derived from the generated table:
 * `callWith(client)(Operations.v2SessionGet, { path: { sessionID } })` or, by operationId,
 * `call("v2.session.get", { path: { sessionID } })`.
 *
 * The `…With` forms take an operation object, so a bundle keeps only the operations it imports (the
 * services use them); the forms taking an operationId keep the whole table (189 operations).
 * Before anything is sent, path parameters are checked (id prefix, `Ids.safeIdPattern`, or the
 * looser name rule when the parameter has no prefix) and query and body are encoded with their
 * schemas (`undefined` keys dropped first, as `JSON.stringify` does): a failure is a
 * `ValidationError`. The request then goes through `OpencodeClient.call` (directory, auth, bounded
 * bodies, HTML-200 check, deadlines, retries). `sse` operations are read with {@link stream},
 * `binary` ones with {@link bytes}, `websocket` ones with {@link socket}; {@link call} refuses them.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { ApiCall, OpencodeClient, Operations } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const { data } = yield* ApiCall.call("v2.session.get", { path: { sessionID: "ses_1" } })
 *   yield* ApiCall.call("v2.session.switchAgent", { path: { sessionID: data.id }, body: { agent: "plan" } })
 *   const client = yield* OpencodeClient.OpencodeClient // the bundle-friendly form: only this operation is kept
 *   const page = yield* ApiCall.callWith(client)(Operations.v2SessionList, { query: { limit: 10 } })
 *   const events = yield* ApiCall.stream("v2.event.subscribe").pipe(Stream.take(3), Stream.runCollect)
 * })
 * ```
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

type Simplify<A> = { [K in keyof A]: A[K] } & {}

/** The operation an id or an operation object stands for. */
type OpOf<K> = K extends OperationId ? Operations[K] : K extends Operation ? K : never

/** An operationId (`"session.get"`) or its generated constant (`Operations.sessionGet`). */
export type OperationRef = OperationId | Operation

/**
 * Per-call options: `timeout` and `directory` (`null`: none) override the configuration;
 * `idempotent` allows (`true`) or forbids (`false`) retries, by default only GET, PUT and DELETE
 * are retried; `headers` adds request headers (a PTY ticket is handed out only with
 * `x-opencode-ticket: 1`); `onHeaders` receives the success answer's headers (lower-case) before
 * the body is decoded, for what the server says only there (`x-next-cursor` of a message page).
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

/** The input of one operation: `path`, `query` and `body` as its table entry demands, plus {@link CallOptions}. */
export type Input<K extends OperationRef> = Simplify<
  PathInput<OpOf<K>> & QueryInput<OpOf<K>> & BodyInput<OpOf<K>> & CallOptions
>

/** The arguments after the operation: the input, optional when every part of it is. */
export type Args<K extends OperationRef> = {} extends Input<K> ? [input?: Input<K>] : [input: Input<K>]

type SuccessOf<S> = S extends { readonly kind: "json" | "true"; readonly schema: infer Sc extends Schema.Top } ? Sc["Type"]
  : S extends { readonly kind: "none" } ? void
  : S extends { readonly kind: "text" } ? string
  : S extends { readonly kind: "sse"; readonly schema: infer Sc extends Schema.Top } ? Sc["Type"]
  : never

/** A call's success: the decoded body (`json`, `true`), `void` (`none`), text (`text`), or one event (`sse`). */
export type Success<K extends OperationRef> = SuccessOf<OpOf<K>["success"]>

/** The operationIds {@link call} serves (success `json`, `true`, `none` or `text`). */
export type CallableId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "json" | "true" | "none" | "text" ? K : never
}[OperationId]

/** The operation objects {@link callWith} serves. */
export type CallableOperation = Operation & { readonly success: { readonly kind: "json" | "true" | "none" | "text" } }

/** The operation objects {@link streamWith} serves (`text/event-stream`). */
export type StreamOperation = Operation & { readonly success: { readonly kind: "sse" } }

/** The operation objects {@link bytesWith} serves (`binary`). */
export type BytesOperation = Operation & { readonly success: { readonly kind: "binary" } }

/** The operation objects {@link socketWith} serves (WebSocket). */
export type SocketOperation = Operation & { readonly success: { readonly kind: "websocket" } }

/** The operationIds {@link stream} serves. */
export type StreamId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "sse" ? K : never
}[OperationId]

// The document's id patterns lack the underscore (`^ses`); keyed by that bare prefix, each path
// parameter gets its id kind's whole rule (`validateId`).
const kindOfPrefix = new Map<string, IdKind>(
  (Object.entries(idPrefixes) as Array<[IdKind, string | undefined]>).flatMap(([kind, prefix]) =>
    prefix === undefined ? [] : [[prefix.replace(/_$/, ""), kind] as [string, IdKind]]
  )
)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Drops `undefined` keys of plain objects at every depth: `{ limit: undefined }` means no limit. */
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

// Compiled once per schema or operation, not per call: decoders, encoders, path templates.
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

/** The literal pieces of a path template around its parameters (split once per operation), or the name of a parameter missing from it. */
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

/** Encodes the query with its schema and flattens `deepObject` parameters (`location[directory]=/p`). */
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

/** Whether a value has the shape of a generated operation (JavaScript callers may pass anything). */
const isOperation = (u: unknown): u is Operation =>
  isRecord(u) && typeof u.id === "string" && typeof u.method === "string" && typeof u.path === "string" &&
  Array.isArray(u.pathParams) && Array.isArray(u.deepObjectQuery) && isRecord(u.success) && typeof u.success.kind === "string"

const unknownOperation = (id: unknown) =>
  new ValidationError({
    field: "operationId",
    message: typeof id === "string" ? `unknown operation ${preview(id)}` : `${preview(id)} is neither an operationId nor an operation`
  })

const resolveRef = (ref: unknown): Effect.Effect<Operation, ValidationError> => {
  const op = typeof ref === "string" ? lookup(ref) : isOperation(ref) ? ref : undefined
  return op === undefined ? Effect.fail(unknownOperation(ref)) : Effect.succeed(op)
}

const checkOperation = (op: unknown): Effect.Effect<Operation, ValidationError> =>
  isOperation(op) ? Effect.succeed(op) : Effect.fail(unknownOperation(op))

/** What {@link call} would send for an operation and its input, checked; nothing is sent. */
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

type Send = (client: OpencodeClient.Service, input: unknown) => Effect.Effect<unknown, RequestError>

const senders = new WeakMap<Operation, Send>()

/** `body` in an `Effect.fn(name)` span only when a tracer is installed: otherwise the span and its stack trace cost more than preparing the request. */
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

const senderFor = (op: Operation): Send => {
  let send = senders.get(op)
  if (send === undefined) {
    send = spanWhenTracing(op.id, (client, input) => Effect.flatMap(prepareCall(op, input), client.call))
    senders.set(op, send)
  }
  return send
}

/**
 * Calls an operation given as its generated constant, with a given transport. Use it where a
 * bundle should keep only the operations it calls (the services do). Takes no operationId string.
 */
export const callWith = (client: OpencodeClient.Service) =>
<O extends CallableOperation>(op: O, ...args: Args<O>): Effect.Effect<Success<O>, RequestError> =>
  (isOperation(op) ? senderFor(op)(client, args[0]) : Effect.fail(unknownOperation(op))) as Effect.Effect<Success<O>, RequestError>

/**
 * Calls an operation by operationId (or constant) with the transport from the context, input
 * typed and answer decoded from the table. `query` has no `directory`: the transport sends it. An
 * error answer is an `ApiError` named from the server's body (`SessionNotFoundError`, …).
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

/** Options of {@link stream} besides the call's: those of `SseConnection.Options`. */
export interface StreamOptions {
  /** Deadline for the headers and for each read (default 30 s). */
  readonly heartbeatTimeout?: Duration.Input | undefined
  /** Consecutive failed attempts before the stream fails (default unlimited). */
  readonly maxReconnects?: number | undefined
  readonly stats?: SseConnection.Stats | undefined
}

/** The arguments of {@link stream} after the operation. */
export type StreamArgs<K extends OperationRef> = {} extends Input<K> ? [input?: Input<K> & StreamOptions]
  : [input: Input<K> & StreamOptions]

const idOf = (value: unknown): string | undefined => {
  const id = isRecord(value) ? value.id : undefined
  return typeof id === "string" ? id : undefined
}

/** {@link stream} for an operation constant and a given transport. */
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
 * Reads an `sse` operation (`v2.event.subscribe`, `global.event`, …) as a `Stream` of decoded
 * events over the reconnecting `SseConnection`. Gotchas: it reconnects forever unless
 * `maxReconnects` is set, with a `Reconnected` marker before each new connection's first event;
 * payloads the schema rejects are skipped and counted in `stats.malformed`. On opencode 1.18.33
 * `v2.session.events` never answers its headers: that stream only times out and reconnects.
 */
export const stream = <K extends StreamId | StreamOperation>(
  id: K,
  ...args: StreamArgs<K>
): Stream.Stream<
  Success<K> | SseConnection.Reconnected,
  SseConnection.ConnectionError | ValidationError,
  OpencodeClient.OpencodeClient
> => Stream.unwrap(Effect.map(OpencodeClient.OpencodeClient, (client) => streamOf<Success<K>>(client, resolveRef(id), args[0])))

/** The operationIds {@link bytes} serves (`v2.fs.read`). */
export type BytesId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "binary" ? K : never
}[OperationId]

/** The input of {@link bytes}: the operation's, plus `rest`, what the template's trailing `*` stands for (`"src/index.ts"`). */
export type BytesInput<K extends OperationRef> = Input<K> & { readonly rest: string }

/** Fills the template's trailing `*` with `rest`, segments percent-encoded; empty, `.`, `..` segments, a leading slash or a control character are refused. */
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

/** {@link bytes} for an operation constant and a given transport. */
export const bytesWith = (client: OpencodeClient.Service) =>
<K extends BytesOperation>(op: K, input: BytesInput<K>): Effect.Effect<Uint8Array, RequestError> =>
  isOperation(op) ? bytesSenderFor(op)(client, input) : Effect.fail(unknownOperation(op))

/**
 * Reads a `binary` operation (`v2.fs.read`: a project file) as a `Uint8Array` through the same
 * transport as {@link call}. Gotchas: bounded by `maxBodyBytes` (a larger file is a `DecodeError`);
 * any content type is accepted; on 1.18.33 a missing file answers 500 `UnknownError`, not 404.
 */
export const bytes = <K extends BytesId | BytesOperation>(
  id: K,
  input: BytesInput<K>
): Effect.Effect<Uint8Array, RequestError, OpencodeClient.OpencodeClient> =>
  Effect.flatMap(resolveRef(id), (op) => OpencodeClient.OpencodeClient.use((client) => bytesSenderFor(op)(client, input)))

/** The operationIds {@link socket} serves (`pty.connect`, `v2.pty.connect`). */
export type SocketId = {
  [K in OperationId]: Operations[K]["success"]["kind"] extends "websocket" ? K : never
}[OperationId]

/** Options of {@link socket} besides the input. The handshake's deadline is the call's `timeout`, else `requestTimeout`. */
export interface SocketOptions {
  readonly protocols?: string | Array<string> | undefined
}

/** The `ws://` (`wss://`) URL of a WebSocket operation: base URL without user and password, path, directory, query. */
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

/** {@link socket} for an operation constant and a given transport. */
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
 * Opens a WebSocket operation (a PTY's input and output) as effect's `Socket.Socket`, closed with
 * its scope; needs a `Socket.WebSocketConstructor`. Gotchas: browsers cannot send headers and the
 * password is never put in the URL, so authenticate with the `ticket` query
 * (`PtyService.connectToken`). Nothing is sent until the reader is acquired; a refused handshake
 * is then a `Socket.SocketError`. `headers` reach the handshake only with Node's `ws` or Bun.
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
 */
export const socket = <K extends SocketId | SocketOperation>(
  id: K,
  ...args: {} extends Input<K> ? [input?: Input<K> & SocketOptions] : [input: Input<K> & SocketOptions]
): Effect.Effect<Socket.Socket, ValidationError, OpencodeClient.OpencodeClient | Socket.WebSocketConstructor> =>
  Effect.flatMap(OpencodeClient.OpencodeClient, (client) => socketOf(client, resolveRef(id), args[0]))
