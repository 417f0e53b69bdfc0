/**
 * The library's telemetry vocabulary (span names, attributes, metrics; docs/telemetry.md has the
 * tables) and the helpers that emit it, on Effect's own tracing and `Metric`: export with
 * `@effect/opentelemetry` or {@link layerOtlp}. Gotchas: no password or header is ever an
 * attribute; prompt text only with {@link CaptureContent}; Effect's `HttpClient` span under each
 * call span has `url.full` with the query (`?directory=`): filter it with
 * `HttpClient.TracerDisabledWhen` if unwanted.
 */
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as References from "effect/References"
import * as Tracer from "effect/Tracer"
import type * as HttpClient from "effect/http/HttpClient"
import * as OtlpExporter from "effect/observability/OtlpExporter"
import * as OtlpMetrics from "effect/observability/OtlpMetrics"
import * as OtlpSerialization from "effect/observability/OtlpSerialization"
import * as OtlpTracer from "effect/observability/OtlpTracer"
import type { Operation } from "../api/Descriptor.ts"
import { operations } from "../api/OperationTable.ts"

/** The library's span names. A call's span is `"<METHOD> <route template>"` (OpenTelemetry's HTTP client convention). */
export const SpanNames = {
  /** One prompt carried to its end by `Run.run`. */
  run: "opencode.run",
  /** One batch (`Batch.run`, `Batch.runAcross`, `Batch.stream`, `DurableBatch.run`, `ClusterBatch.run`). */
  batch: "opencode.batch",
  /** One task of a batch (in cluster mode: on the runner that ran it). */
  task: "opencode.batch.task"
} as const

/**
 * The attribute keys of the library's spans and metrics. Standard OpenTelemetry keys where one
 * exists (`http.*`, `url.template`, `server.*`, `error.type`, `gen_ai.*`), `opencode.*` otherwise.
 */
export const Attributes = {
  method: "http.request.method",
  route: "url.template",
  status: "http.response.status_code",
  serverAddress: "server.address",
  serverPort: "server.port",
  errorType: "error.type",
  operationId: "opencode.operation.id",
  attempts: "opencode.call.attempts",
  sessionId: "opencode.session.id",
  messageId: "opencode.message.id",
  provider: "gen_ai.provider.name",
  model: "gen_ai.request.model",
  agent: "opencode.agent",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  reasoningTokens: "opencode.usage.reasoning_tokens",
  cacheReadTokens: "opencode.usage.cache_read_tokens",
  cacheWriteTokens: "opencode.usage.cache_write_tokens",
  totalTokens: "opencode.usage.total_tokens",
  cost: "opencode.cost",
  outcome: "opencode.outcome",
  promptText: "opencode.prompt.text",
  tokenType: "gen_ai.token.type",
  taskIndex: "opencode.task.index",
  taskKey: "opencode.task.key",
  taskServer: "opencode.task.server",
  batchTasks: "opencode.batch.tasks",
  batchConcurrency: "opencode.batch.concurrency",
  batchFinished: "opencode.batch.finished",
  batchFailed: "opencode.batch.failed",
  batchSkipped: "opencode.batch.skipped",
  batchId: "opencode.batch.id",
  reconnectReason: "opencode.reconnect.reason"
} as const

/**
 * The library's metrics (docs/telemetry.md): `opencode.tasks.started|finished|failed` (a failed
 * task carries `error.type`), `opencode.tokens` (one series per `gen_ai.token.type`) and
 * `opencode.cost` (USD), `opencode.prompt.duration` (seconds, send to end, with `opencode.outcome`),
 * `opencode.events.reconnects` (with `opencode.reconnect.reason`).
 */
export const Metrics = {
  tasksStarted: /* @__PURE__ */ Metric.counter("opencode.tasks.started", { description: "Batch tasks started", incremental: true }),
  tasksFinished: /* @__PURE__ */ Metric.counter("opencode.tasks.finished", { description: "Batch tasks finished", incremental: true }),
  tasksFailed: /* @__PURE__ */ Metric.counter("opencode.tasks.failed", { description: "Batch tasks failed", incremental: true }),
  tokens: /* @__PURE__ */ Metric.counter("opencode.tokens", { description: "Tokens used by runs and batch tasks", incremental: true }),
  cost: /* @__PURE__ */ Metric.counter("opencode.cost", { description: "Cost of runs and batch tasks (USD)", incremental: true }),
  promptDuration: /* @__PURE__ */ Metric.histogram("opencode.prompt.duration", {
    description: "Seconds from a prompt's send to its end (runs and batch tasks)",
    boundaries: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]
  }),
  reconnects: /* @__PURE__ */ Metric.counter("opencode.events.reconnects", { description: "Event-stream reconnects", incremental: true })
} as const

/**
 * Whether run and task spans record the prompt text (`opencode.prompt.text`). Default `false`: a
 * prompt can hold secrets or personal data.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Run, Telemetry } from "effect-opencode"
 *
 * const traced = Run.run("Fix the build").pipe(Effect.provideService(Telemetry.CaptureContent, true))
 * ```
 */
export const CaptureContent = /* @__PURE__ */ Context.Reference<boolean>("effect-opencode/Telemetry/CaptureContent", {
  defaultValue: () => false
})

interface Node {
  readonly literal: Map<string, Node>
  param: Node | undefined
  readonly ends: Map<string, Operation>
}

const makeNode = (): Node => ({ literal: new Map(), param: undefined, ends: new Map() })

let routes: Node | undefined

const segmentsOf = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s !== "")

/** A trie of the operation table's path templates, built on first use. */
const routeTable = (): Node => {
  if (routes !== undefined) return routes
  const root = makeNode()
  for (const op of Object.values(operations) as ReadonlyArray<Operation>) {
    let node = root
    for (const segment of segmentsOf(op.path)) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        node.param ??= makeNode()
        node = node.param
      } else {
        let next = node.literal.get(segment)
        if (next === undefined) {
          next = makeNode()
          node.literal.set(segment, next)
        }
        node = next
      }
    }
    node.ends.set(op.method, op)
  }
  routes = root
  return root
}

const find = (node: Node, segments: ReadonlyArray<string>, i: number, method: string): Operation | undefined => {
  if (i === segments.length) return node.ends.get(method)
  const literal = node.literal.get(segments[i]!)
  const viaLiteral = literal === undefined ? undefined : find(literal, segments, i + 1, method)
  if (viaLiteral !== undefined) return viaLiteral
  return node.param === undefined ? undefined : find(node.param, segments, i + 1, method)
}

/**
 * The route template and operation id of a concrete call from the operation table:
 * `GET /session/ses_1/message` → `/session/{sessionID}/message` (`session.messages`). An unknown
 * path keeps its first segment and gets `{}` for every other, so no id reaches a span. Gotcha: it
 * pulls the whole operation table (every schema) into a bundle; {@link traceCall} does not use it.
 */
export const routeOf = (method: string, path: string): { readonly route: string; readonly operationId?: string } => {
  const bare = path.split("?")[0]!
  const segments = segmentsOf(bare)
  const op = find(routeTable(), segments, 0, method.toUpperCase())
  if (op !== undefined) return { route: op.path, operationId: op.id }
  return { route: anonymousRoute(segments) }
}

/** A path with every segment after the first replaced by `{}`: no id or name of it is kept. */
const anonymousRoute = (segments: ReadonlyArray<string>): string => "/" + segments.map((s, i) => (i === 0 ? s : "{}")).join("/")

const errorType = (cause: Cause.Cause<unknown>): string => {
  if (Cause.hasInterruptsOnly(cause)) return "interrupted"
  const error = Cause.findErrorOption(cause)
  if (Option.isNone(error)) return "defect"
  const e = error.value
  return typeof e === "object" && e !== null && "_tag" in e && typeof e._tag === "string" ? e._tag : "error"
}

const statusOf = (cause: Cause.Cause<unknown>): number | undefined => {
  const error = Cause.findErrorOption(cause)
  if (Option.isNone(error)) return undefined
  const e = error.value as { readonly _tag?: unknown; readonly status?: unknown }
  return e._tag === "ApiError" && typeof e.status === "number" ? e.status : undefined
}

/**
 * Whether a fiber's spans go anywhere: a tracer other than Effect's default `Tracer.nativeTracer`
 * is installed and `References.TracerEnabled` is on. For hot paths, to skip work only a tracing
 * backend sees (a span per call, its attributes, `traceparent`), as the transport does per call;
 * skipping is unobservable except that no trace context reaches the server.
 */
export const isTracing = (fiber: { readonly getRef: <A>(ref: Context.Reference<A>) => A }): boolean =>
  fiber.getRef(Tracer.Tracer) !== Tracer.nativeTracer && fiber.getRef(References.TracerEnabled)

/**
 * Runs `self` with no `HttpClient` span and no trace context sent (`Tracer.DisablePropagation`):
 * the transport's path when {@link isTracing} is false.
 */
export const untraced = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(self, Tracer.DisablePropagation, true)

/**
 * Wraps one server call in its span `"<METHOD> <route template>"`: method, route and operation id
 * (from `call.operation`; without one, the path with `{}` after the first segment), server address,
 * and on exit the status (from the answer or `ApiError`), `error.type` on failure and
 * `opencode.call.attempts` when `call.attempts` is given. Always makes the span; the transport
 * calls it only while {@link isTracing}.
 */
export const traceCall = <A, E, R>(
  self: Effect.Effect<A, E, R>,
  call: {
    readonly method: string
    readonly path: string
    readonly baseUrl: string
    readonly operation?: { readonly id: string; readonly path: string } | undefined
    readonly attempts?: (() => number) | undefined
  }
): Effect.Effect<A, E, R> => {
  const operationId = call.operation?.id
  const route = call.operation?.path ?? anonymousRoute(segmentsOf(call.path.split("?")[0]!))
  const attributes: Record<string, unknown> = {
    [Attributes.method]: call.method,
    [Attributes.route]: route
  }
  if (operationId !== undefined) attributes[Attributes.operationId] = operationId
  Object.assign(attributes, serverAttributes(call.baseUrl))
  return self.pipe(
    Effect.onExit((exit) => {
      const attempts = call.attempts === undefined ? {} : { [Attributes.attempts]: call.attempts() }
      if (Exit.isSuccess(exit)) return call.attempts === undefined ? Effect.void : Effect.annotateCurrentSpan(attempts)
      const status = statusOf(exit.cause)
      return Effect.annotateCurrentSpan({
        ...attempts,
        [Attributes.errorType]: status === undefined ? errorType(exit.cause) : String(status),
        ...(status === undefined ? {} : { [Attributes.status]: status })
      })
    }),
    // No stack trace: capturing one per call would cost more than the rest of the span.
    Effect.withSpan(`${call.method} ${route}`, { kind: "client", attributes }, { captureStackTrace: false })
  )
}

const servers = new Map<string, Readonly<Record<string, unknown>>>()

/** `server.address` and `server.port` of a base URL, parsed once per base URL (at most 64 kept). */
const serverAttributes = (baseUrl: string): Readonly<Record<string, unknown>> => {
  let found = servers.get(baseUrl)
  if (found === undefined) {
    found = {}
    try {
      const url = new URL(baseUrl)
      found = { [Attributes.serverAddress]: url.hostname, ...(url.port !== "" ? { [Attributes.serverPort]: Number(url.port) } : {}) }
    } catch {
      // a base URL that does not parse: the transport reports it on the call itself
    }
    if (servers.size >= 64) servers.clear()
    servers.set(baseUrl, found)
  }
  return found
}

/** Records the status of a call's answer on the current call span. */
export const annotateStatus = (status: number, attempts: number): Effect.Effect<void> =>
  Effect.annotateCurrentSpan({ [Attributes.status]: status, [Attributes.attempts]: attempts })

/** Tokens and cost of a run or a task, as the library reports them. */
export interface Usage {
  readonly tokens: {
    readonly total: number
    readonly input: number
    readonly output: number
    readonly reasoning: number
    readonly cache: { readonly read: number; readonly write: number }
  }
  readonly cost: number
}

/** The span attributes of a usage. */
export const usageAttributes = (usage: Usage): Record<string, unknown> => ({
  [Attributes.inputTokens]: usage.tokens.input,
  [Attributes.outputTokens]: usage.tokens.output,
  [Attributes.reasoningTokens]: usage.tokens.reasoning,
  [Attributes.cacheReadTokens]: usage.tokens.cache.read,
  [Attributes.cacheWriteTokens]: usage.tokens.cache.write,
  [Attributes.totalTokens]: usage.tokens.total,
  [Attributes.cost]: usage.cost
})

const tokenSeries = [
  ["input", (u: Usage) => u.tokens.input],
  ["output", (u: Usage) => u.tokens.output],
  ["reasoning", (u: Usage) => u.tokens.reasoning],
  ["cache_read", (u: Usage) => u.tokens.cache.read],
  ["cache_write", (u: Usage) => u.tokens.cache.write]
] as const

const finite = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0)

/** Adds a run's or a task's tokens and cost to the `opencode.tokens` and `opencode.cost` metrics. */
export const recordUsage = (usage: Usage): Effect.Effect<void> =>
  Effect.gen(function*() {
    for (const [type, get] of tokenSeries) {
      const n = finite(get(usage))
      if (n > 0) yield* Metric.update(Metric.withAttributes(Metrics.tokens, { [Attributes.tokenType]: type }), n)
    }
    const cost = finite(usage.cost)
    if (cost > 0) yield* Metric.update(Metrics.cost, cost)
  })

/** Records a prompt's latency (send to end) in `opencode.prompt.duration`. */
export const recordPromptDuration = (millis: number, outcome: string): Effect.Effect<void> =>
  Metric.update(Metric.withAttributes(Metrics.promptDuration, { [Attributes.outcome]: outcome }), Math.max(0, millis) / 1000)

/** An exit as `opencode.outcome` says it: `success`, the error's tag, `interrupted` or `defect`. */
export const outcomeOf = (exit: Exit.Exit<unknown, unknown>): string =>
  Exit.isSuccess(exit) ? "success" : errorType(exit.cause)

/** The prompt's text parts as `opencode.prompt.text`, when {@link CaptureContent} is on. */
export const promptAttributes = (
  prompt: { readonly parts: ReadonlyArray<{ readonly type: string; readonly text?: string | undefined }> }
): Effect.Effect<Record<string, unknown>> =>
  Effect.map(CaptureContent.useSync((capture) => capture), (capture) =>
    capture
      ? {
        [Attributes.promptText]: prompt.parts.flatMap((p) => (p.type === "text" && typeof p.text === "string" ? [p.text] : []))
          .join("\n")
      }
      : {})

/** Counts one reconnect of an event stream. */
export const recordReconnect = (reason: string): Effect.Effect<void> =>
  Metric.update(Metric.withAttributes(Metrics.reconnects, { [Attributes.reconnectReason]: reason }), 1)

/**
 * Exports the library's spans and metrics over OTLP/HTTP JSON (effect's own exporter, no
 * OpenTelemetry SDK) to `endpoint`'s `/v1/traces` and `/v1/metrics`. Buffers are flushed when the
 * layer is released (bounded by `shutdownTimeout`, default 3 s), so a short program loses nothing.
 * For a small program or a CLI; for sampling or other exporters use `@effect/opentelemetry`.
 * Gotcha: the exporter's requests go through the `HttpClient` you give it; use another one than
 * the OpenCode server's if you filter that one's spans.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { OpencodeClient, Telemetry } from "effect-opencode"
 *
 * const Otel = Telemetry.layerOtlp({ endpoint: "http://127.0.0.1:4318" }).pipe(Layer.provide(OpencodeClient.layerFetch))
 * ```
 */
export const layerOtlp = (options: {
  readonly endpoint: string
  readonly serviceName?: string | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly exportInterval?: import("effect").Duration.Input | undefined
  readonly shutdownTimeout?: import("effect").Duration.Input | undefined
}): Layer.Layer<OtlpExporter.Flusher, never, HttpClient.HttpClient> => {
  const base = options.endpoint.replace(/\/+$/, "")
  const resource = { serviceName: options.serviceName ?? "effect-opencode" }
  return Layer.mergeAll(
    OtlpTracer.layer({
      url: `${base}/v1/traces`,
      resource,
      headers: options.headers,
      exportInterval: options.exportInterval,
      shutdownTimeout: options.shutdownTimeout
    }),
    OtlpMetrics.layer({
      url: `${base}/v1/metrics`,
      resource,
      headers: options.headers,
      exportInterval: options.exportInterval,
      shutdownTimeout: options.shutdownTimeout
    })
  ).pipe(Layer.provide(OtlpSerialization.layerJson))
}

const parseHeaders = (text: string): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const pair of text.split(",")) {
    const at = pair.indexOf("=")
    if (at <= 0) continue
    try {
      out[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim())
    } catch {
      // a malformed pair is skipped, as OpenTelemetry SDKs do
    }
  }
  return out
}

/**
 * {@link layerOtlp} configured by the standard variables: `OTEL_EXPORTER_OTLP_ENDPOINT` (nothing
 * exported when unset or `OTEL_SDK_DISABLED=true`), `OTEL_EXPORTER_OTLP_HEADERS` (`key=value,…`,
 * never logged), `OTEL_SERVICE_NAME` (default `effect-opencode`). Unlike effect's
 * `Otlp.layerFromConfig` it needs no `OTEL_TRACES_EXPORTER=otlp`: the endpoint alone turns export
 * on, as in the OpenTelemetry SDKs. The CLI uses it.
 */
// Marked pure, as every top-level call here: a bundle that never provides the exporter drops it
// and effect's OTLP modules with it.
export const layerOtlpFromEnv: Layer.Layer<OtlpExporter.Flusher, Config.ConfigError, HttpClient.HttpClient> = /* @__PURE__ */ Layer.unwrap(
  /* @__PURE__ */ Effect.gen(function*() {
    const { disabled, endpoint, headers, serviceName } = yield* Config.all({
      disabled: Config.Boolean("OTEL_SDK_DISABLED").pipe(Config.withDefault(false)),
      endpoint: Config.String("OTEL_EXPORTER_OTLP_ENDPOINT").pipe(Config.option),
      headers: Config.String("OTEL_EXPORTER_OTLP_HEADERS").pipe(Config.withDefault("")),
      serviceName: Config.String("OTEL_SERVICE_NAME").pipe(Config.withDefault("effect-opencode"))
    })
    if (disabled || Option.isNone(endpoint) || endpoint.value.trim() === "") return OtlpExporter.layerFlusher
    return layerOtlp({ endpoint: endpoint.value.trim(), serviceName, headers: parseHeaders(headers) })
  })
)
