/**
 * The HTTP transport to one OpenCode server: JSON in and out, Basic auth, directory scoping,
 * per-call `Duration` deadlines, bounded bodies, retries for idempotent calls only, and the
 * mapping of every failure to a typed error ({@link ApiError}, {@link DecodeError},
 * {@link TransportError}).
 *
 * @example
 * ```ts
 * import { Layer, Schema } from "effect"
 * import { OpencodeClient, OpencodeConfig } from "effect-opencode"
 *
 * const Explicit = OpencodeClient.layer({ baseUrl: "http://127.0.0.1:4096" }).pipe(Layer.provide(OpencodeClient.layerFetch))
 * const FromConfig = OpencodeClient.layerFromConfig.pipe(
 *   Layer.provide(OpencodeConfig.layerConfig()),
 *   Layer.provide(OpencodeClient.layerFetch)
 * )
 * const health = OpencodeClient.OpencodeClient.use((client) =>
 *   client.call({ method: "GET", path: "/global/health", response: Schema.Unknown })
 * )
 * ```
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpBody from "effect/http/HttpBody"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as Headers from "effect/http/Headers"
import * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import { ApiError, DecodeError, excerpt, type RequestError, TransportError } from "../Errors.ts"
import * as Base64 from "../internal/base64.ts"
import { deadline } from "../internal/deadline.ts"
import * as Redact from "../internal/redact.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import { isLoopback, sanitizeUrl } from "../internal/url.ts"
import { parseServerError } from "../schema/ServerError.ts"
import * as OpencodeConfig from "./OpencodeConfig.ts"

/** HTTP methods the server uses. */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE"

/** One call as data; `response` says how its answer is read. */
export interface Call<A> {
  readonly method: Method
  /** Path below the base URL; build it with {@link route} so ids are encoded. */
  readonly path: string
  readonly query?: Record<string, string | number | boolean | undefined> | undefined
  readonly body?: unknown
  /**
   * A Schema for a JSON body, `"none"` to ignore the body (`204`, a bare `true`), `{ text: [...] }`
   * for text whose content type starts with one of those, `{ bytes: true }` for the raw body (any type,
   * so an unknown route's HTML page is not told apart). Every kind is bounded by `maxBodyBytes`.
   */
  readonly response: Schema.Codec<A, any> | "none" | { readonly text: ReadonlyArray<string> } | { readonly bytes: true }
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Safe to resend after a transient failure; default true for GET, PUT and DELETE. */
  readonly idempotent?: boolean | undefined
  /** Overrides `requestTimeout` (the whole call, retries included); such a call is not cut by `attemptTimeout`. */
  readonly timeout?: Duration.Input | undefined
  /** Overrides the configured directory; `null` sends none. */
  readonly directory?: string | null | undefined
  /** Receives the headers of a successful answer (`X-Next-Cursor` of a page). */
  readonly onHeaders?: ((headers: Readonly<Record<string, string>>) => void) | undefined
  /** The API operation (`ApiCall` sets it), naming the span; without it, path segments after the first show as `{}` (no ids in spans). */
  readonly operation?: { readonly id: string; readonly path: string } | undefined
}

/** The transport service. */
export interface Service {
  readonly config: OpencodeConfig.Resolved
  /** The client with base URL and auth applied, for streaming endpoints. */
  readonly http: HttpClient.HttpClient
  readonly call: <A>(call: Call<A>) => Effect.Effect<A, RequestError>
  /** Builds a call's request (URL, auth, directory) without sending it. */
  readonly request: (call: Omit<Call<unknown>, "response">) => HttpClientRequest.HttpClientRequest
  readonly mapHttpError: (error: HttpClientError.HttpClientError, method: string, path: string) => RequestError
  /**
   * Bounds several requests that make one operation (a prompt's send and the look-ups before a
   * resend) by one deadline (default `requestTimeout`); past it the work is interrupted and fails
   * with `TransportError` (`reason: "Timeout"`). The earliest of this and the inner deadlines wins.
   */
  readonly withDeadline: <A, E, R>(
    self: Effect.Effect<A, E, R>,
    options: { readonly method: Method; readonly path: string; readonly timeout?: Duration.Input | undefined }
  ) => Effect.Effect<A, E | TransportError, R>
}

/** The transport to one OpenCode server. */
export class OpencodeClient extends Context.Service<OpencodeClient, Service>()("effect-opencode/OpencodeClient") {}

/**
 * Builds a path from a template, percent-encoding every value so an id cannot change the route
 * (route`/session/${"../x"}` is `/session/..%2Fx`). An empty, `.` or `..` value throws a
 * `RangeError`: URL parsers collapse such a segment, `%2E%2E` included.
 */
export const route = (strings: TemplateStringsArray, ...values: ReadonlyArray<string>): string =>
  strings.reduce((acc, s, i) => acc + s + (i < values.length ? encodeSegment(values[i]!) : ""), "")

const encodeSegment = (value: string): string => {
  if (value === "" || value === "." || value === "..") {
    throw new RangeError(`route: ${JSON.stringify(value)} cannot be a path segment (it would change the route)`)
  }
  return encodeURIComponent(value).replace(/\./g, "%2E")
}

const lowerKeys = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const k in headers) out[k.toLowerCase()] = headers[k]!
  return out
}

const defaultIdempotent = (method: Method): boolean => method === "GET" || method === "PUT" || method === "DELETE"

const retryableStatus = new Set([429, 502, 503, 504])

/** Moves `user:password@` and `?auth_token=` out of a base URL into an `Authorization` value. */
const splitCredentials = (
  config: OpencodeConfig.Resolved
): {
  readonly baseUrl: string
  readonly authorization: Redacted.Redacted<string> | undefined
  /** Every form of the credentials (option and URL) that must never come back in an error. */
  readonly secrets: ReadonlyArray<string>
} => {
  const passwords = config.password === undefined ? [] : [Redacted.value(config.password)]
  const optionSecrets = Redact.credentialForms({ username: config.username, passwords, tokens: [] })
  let u: URL
  try {
    u = new URL(config.baseUrl)
  } catch {
    return { baseUrl: config.baseUrl, authorization: undefined, secrets: optionSecrets }
  }
  const token = u.searchParams.get("auth_token")
  if (token === null && u.username === "" && u.password === "") {
    return { baseUrl: config.baseUrl, authorization: undefined, secrets: optionSecrets }
  }
  const user = u.username === "" ? config.username : decodeURIComponent(u.username)
  const password = decodeURIComponent(u.password)
  const secrets = Redact.credentialForms({
    username: user,
    passwords: [...passwords, password],
    tokens: token === null ? [] : [token],
    literals: [u.password]
  })
  u.username = ""
  u.password = ""
  u.searchParams.delete("auth_token")
  return {
    baseUrl: u.toString().replace(/\/+$/, ""),
    authorization: Redacted.make(`Basic ${token ?? Base64.encode(`${user}:${password}`)}`),
    secrets: [...optionSecrets, ...secrets]
  }
}

const errorCode = (cause: unknown, depth = 0): string | undefined => {
  if (depth > 5 || cause === null || typeof cause !== "object") return undefined
  const c = cause as { code?: unknown; cause?: unknown; name?: unknown }
  if (typeof c.code === "string") return c.code
  if (c.name === "AbortError" || c.name === "TimeoutError") return String(c.name)
  return errorCode(c.cause, depth + 1)
}

const errorDetail = (cause: unknown): string => {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause
    return inner instanceof Error && inner.message !== cause.message ? `${cause.message}: ${inner.message}` : cause.message
  }
  return cause === undefined ? "" : String(cause)
}

// A browser reports a refused request (a CORS refusal too, on purpose like an unreachable server)
// as a bare `TypeError` with one of these messages; Node's `fetch` failures carry a coded cause.
const browserFetchFailures: ReadonlySet<string> = new Set([
  "Failed to fetch",
  "NetworkError when attempting to fetch resource.",
  "Load failed"
])

/** The detail of a failed `fetch`, with what to check when it is a browser's opaque refusal. */
const fetchFailureDetail = (cause: unknown, detail: string): string => {
  if (!(cause instanceof TypeError) || cause.cause !== undefined || !browserFetchFailures.has(cause.message)) return detail
  const origin = (globalThis as { readonly location?: { readonly origin?: unknown } }).location?.origin
  const cors = typeof origin === "string" && origin !== "null" ? origin : "<the page's origin>"
  return `${detail}; in a browser a CORS refusal looks the same: the server must allow the page's origin (opencode serve --cors ${cors}), or it is unreachable`
}

const transportReason = (code: string | undefined): TransportError["reason"] => {
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "ConnectionRefused"
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
    case "ERR_STREAM_PREMATURE_CLOSE":
      return "ConnectionReset"
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
    case "TimeoutError":
      return "Timeout"
    case "AbortError":
    case "UND_ERR_ABORTED":
      return "Aborted"
    default:
      return "Unknown"
  }
}

/** Maps an `HttpClientError` to this library's errors, never exposing credentials. */
export const mapHttpClientError = (
  error: HttpClientError.HttpClientError,
  method: string,
  path: string
): RequestError => {
  const reason = error.reason
  const url = sanitizeUrl(reason.request.url)
  switch (reason._tag) {
    case "StatusCodeError":
      return new ApiError({ status: reason.response.status, message: reason.message, method, path })
    case "DecodeError":
    case "EmptyBodyError": {
      const code = errorCode(reason.cause)
      if (code !== undefined) {
        return new TransportError({ reason: transportReason(code), method, url, detail: errorDetail(reason.cause) })
      }
      return new DecodeError({ endpoint: `${method} ${path}`, issue: reason.message, body: "" })
    }
    default: {
      const cause = "cause" in reason ? reason.cause : undefined
      return new TransportError({
        reason: transportReason(errorCode(cause)),
        method,
        url,
        detail: fetchFailureDetail(cause, errorDetail(cause) || reason.message)
      })
    }
  }
}

/** A declared `content-length` over the limit: the body is refused before it is read. */
const declaredOverLimit = (
  headers: Headers.Headers,
  maxBytes: number,
  endpoint: string
): DecodeError | undefined => {
  const declared = Number(headers["content-length"])
  return Number.isFinite(declared) && declared > maxBytes
    ? new DecodeError({ endpoint, issue: `response body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`, body: "" })
    : undefined
}

/** A body read up to a limit: its chunks, and whether it went on past the limit. */
interface Bounded {
  readonly chunks: ReadonlyArray<Uint8Array>
  readonly size: number
  /** The body crossed `maxBytes`: reading stopped there, the chunk that crossed it is not kept. */
  readonly tooBig: boolean
}

const ignore = () => {}

/**
 * Reads a `fetch` answer's body with its own reader, up to `maxBytes`: no fiber, no `Stream`, no
 * cached `Effect` per body. Crossing the limit, or an interruption, cancels the reader, which
 * aborts the request and releases its connection.
 */
const readWebBounded = (
  source: globalThis.Response,
  maxBytes: number,
  onError: (cause: unknown) => RequestError
): Effect.Effect<Bounded, RequestError> =>
  Effect.callback<Bounded, RequestError>((resume) => {
    const body = source.body
    if (body === null) return resume(Effect.succeed({ chunks: [], size: 0, tooBig: false }))
    const reader = body.getReader()
    const chunks: Array<Uint8Array> = []
    let size = 0
    let over = false
    const step = (result: ReadableStreamReadResult<Uint8Array>): void => {
      if (over) return
      if (result.done) {
        over = true
        return resume(Effect.succeed({ chunks, size, tooBig: false }))
      }
      const chunk = result.value
      if (size + chunk.byteLength > maxBytes) {
        over = true
        reader.cancel().catch(ignore)
        return resume(Effect.succeed({ chunks, size, tooBig: true }))
      }
      size += chunk.byteLength
      chunks.push(chunk)
      reader.read().then(step, failed)
    }
    const failed = (cause: unknown): void => {
      if (over) return
      over = true
      resume(Effect.fail(onError(cause)))
    }
    reader.read().then(step, failed)
    return Effect.sync(() => {
      if (over) return
      over = true
      reader.cancel().catch(ignore)
    })
  })

/**
 * Reads a body until it ends or crosses `maxBytes`; then it stops reading, and so releases the
 * socket, at once. A `fetch` answer is read with its own reader ({@link readWebBounded}), any
 * other (Node's `http`, a test double) as effect's `Stream`.
 */
const readBounded = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number,
  method: string,
  path: string
): Effect.Effect<Bounded, RequestError> => {
  const web = HttpClientResponse.toWeb(response)
  if (Option.isSome(web)) {
    return readWebBounded(web.value, maxBytes, (cause) =>
      mapHttpClientError(
        new HttpClientError.HttpClientError({
          reason: new HttpClientError.DecodeError({ request: response.request, response, cause })
        }),
        method,
        path
      ))
  }
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    let tooBig = false
    return response.stream.pipe(
      Stream.takeWhile((chunk) => {
        if (size + chunk.byteLength > maxBytes) {
          tooBig = true
          return false
        }
        size += chunk.byteLength
        chunks.push(chunk)
        return true
      }),
      Stream.runDrain,
      Effect.catchIf((e) => e.reason._tag === "EmptyBodyError", () => Effect.void),
      Effect.mapError((e) => mapHttpClientError(e, method, path)),
      Effect.map((): Bounded => ({ chunks, size, tooBig }))
    )
  })
}

/** The chunks of a body as one array (the chunk itself when there is one). */
const concat = ({ chunks, size }: Bounded): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

// Without `stream: true` a decode keeps no state: one decoder serves every body.
const utf8 = new TextDecoder()

const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers,
  maxBytes: number,
  method: string,
  path: string,
  redact: (text: string) => string
): Effect.Effect<string, RequestError> => {
  const endpoint = `${method} ${path}`
  const refused = declaredOverLimit(headers, maxBytes, endpoint)
  if (refused !== undefined) return Effect.fail(refused)
  // A declared length within the limit bounds the body already (Node's parsers stop there), unless
  // it is compressed: then the decompressed text is counted as it streams. A `fetch` answer is
  // read by `readBounded` either way: its own reader costs less than `response.text`.
  const declared = Number(headers["content-length"])
  const encoding = headers["content-encoding"]
  if (
    Number.isFinite(declared) && (encoding === undefined || encoding === "identity") &&
    Option.isNone(HttpClientResponse.toWeb(response))
  ) {
    return response.text.pipe(
      Effect.catchIf((e) => e.reason._tag === "EmptyBodyError", () => Effect.succeed("")),
      Effect.mapError((e) => mapHttpClientError(e, method, path))
    )
  }
  return Effect.flatMap(readBounded(response, maxBytes, method, path), (bounded) => {
    const text = utf8.decode(concat(bounded))
    return bounded.tooBig
      ? Effect.fail(
        new DecodeError({
          endpoint,
          issue: `response body exceeds the limit of ${maxBytes} bytes`,
          body: excerpt(redact(text))
        })
      )
      : Effect.succeed(text)
  })
}

/** Reads a success body as bytes, bounded like {@link readBody}. */
const readBytes = (
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers,
  maxBytes: number,
  method: string,
  path: string
): Effect.Effect<Uint8Array, RequestError> => {
  const endpoint = `${method} ${path}`
  const refused = declaredOverLimit(headers, maxBytes, endpoint)
  if (refused !== undefined) return Effect.fail(refused)
  return Effect.flatMap(readBounded(response, maxBytes, method, path), (bounded) =>
    bounded.tooBig
      ? Effect.fail(new DecodeError({ endpoint, issue: `response body exceeds the limit of ${maxBytes} bytes`, body: "" }))
      : Effect.succeed(concat(bounded)))
}

const isBytesResponse = (response: Call<unknown>["response"]): response is { readonly bytes: true } =>
  typeof response === "object" && response !== null && "bytes" in response && response.bytes === true

const decoderCache = new WeakMap<object, (input: unknown) => Exit.Exit<unknown, Schema.SchemaError>>()

const decoderFor = <A>(schema: Schema.Codec<A, any>): (input: unknown) => Exit.Exit<A, Schema.SchemaError> => {
  let decode = decoderCache.get(schema)
  if (decode === undefined) {
    decode = Schema.decodeUnknownExit(schema as Schema.Codec<unknown, unknown>)
    decoderCache.set(schema, decode)
  }
  return decode as (input: unknown) => Exit.Exit<A, Schema.SchemaError>
}

/**
 * Decodes JSON text with a schema; every failure is a {@link DecodeError}. `redact` is applied to
 * the text and the issue before an excerpt is cut: a server may echo the credentials.
 */
export const decodeJson = <A>(
  schema: Schema.Codec<A, any>,
  text: string,
  endpoint: string,
  redact: (text: string) => string = (t) => t
): Effect.Effect<A, DecodeError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return Effect.fail(
      new DecodeError({ endpoint, issue: redact(`invalid JSON: ${(e as Error).message}`), body: excerpt(redact(text)) })
    )
  }
  const exit = decoderFor(schema)(json)
  if (Exit.isSuccess(exit)) return Effect.succeed(exit.value)
  const error = Cause.findErrorOption(exit.cause)
  return Effect.fail(
    new DecodeError({
      endpoint,
      issue: redact(Option.isSome(error) ? error.value.message : Cause.pretty(exit.cause)),
      body: excerpt(redact(text))
    })
  )
}

const isJsonContentType = (contentType: string | undefined): boolean =>
  contentType !== undefined && /\bjson\b/i.test(contentType)

/** Builds the transport from its settings and an `HttpClient`. */
export const make = Effect.fnUntraced(function*(resolved: OpencodeConfig.Resolved) {
  const base = yield* HttpClient.HttpClient
  // Credentials in the base URL travel as a redacted header: URLs end up in errors, logs, spans.
  const { authorization, baseUrl, secrets } = splitCredentials(resolved)
  const config: OpencodeConfig.Resolved = { ...resolved, baseUrl }
  // A server may echo the request: excerpts in errors leave without the credentials.
  const redactor = Redact.make(secrets)
  const http = base.pipe(
    HttpClient.mapRequest((request) => {
      let r = HttpClientRequest.prependUrl(request, config.baseUrl)
      if (config.password !== undefined) {
        r = HttpClientRequest.basicAuth(r, config.username, config.password)
      } else if (authorization !== undefined) {
        r = HttpClientRequest.setHeader(r, "authorization", Redacted.value(authorization))
      }
      return r
    })
  )

  // Built once per client: the Basic credentials are not encoded per request.
  const authHeader = config.password !== undefined
    ? `Basic ${Base64.encode(`${config.username}:${Redacted.value(config.password)}`)}`
    : authorization !== undefined
    ? Redacted.value(authorization)
    : undefined
  // A server on this machine is asked for uncompressed answers: gzip saves nothing on loopback,
  // and decompressing costs the client CPU per call (undici's zlib stream) and the server CPU
  // (the bottleneck of a batch) to compress. Across a network the default negotiation stays.
  const encoding: Record<string, string> = isLoopback(config.baseUrl) ? { "accept-encoding": "identity" } : {}
  const baseHeaders: Record<string, string> = authHeader === undefined
    ? { accept: "application/json", ...encoding }
    : { accept: "application/json", ...encoding, authorization: authHeader }

  const build = (call: Omit<Call<unknown>, "response">, prefix: string, auth: boolean): HttpClientRequest.HttpClientRequest => {
    const directory = call.directory === undefined ? config.directory : call.directory
    const params: Record<string, string> = {}
    let hasParams = false
    if (directory !== null && directory !== undefined) {
      params.directory = directory
      hasParams = true
    }
    if (call.query !== undefined) {
      for (const k in call.query) {
        const v = call.query[k]
        if (v !== undefined) {
          params[k] = String(v)
          hasParams = true
        }
      }
    }
    let headers: Record<string, string> = auth ? baseHeaders : { accept: "application/json" }
    // A call's own headers come before the client's credentials, which always win.
    if (call.headers !== undefined) {
      headers = { ...headers, ...lowerKeys(call.headers) }
      if (auth && authHeader !== undefined) headers.authorization = authHeader
      if (headers.accept === undefined) headers.accept = "application/json"
    }
    return HttpClientRequest.make(call.method)(prefix + call.path, {
      headers,
      ...(hasParams ? { urlParams: params } : {}),
      ...(call.body !== undefined ? { body: HttpBody.text(JSON.stringify(call.body), "application/json") } : {})
    })
  }

  /** The request for {@link http}, which adds the base URL and the credentials. */
  const request = (call: Omit<Call<unknown>, "response">): HttpClientRequest.HttpClientRequest => build(call, "", false)

  const once = <A>(call: Call<A>, tracing: boolean): Effect.Effect<A, RequestError> => {
    const method = call.method
    const path = call.path
    const endpoint = `${method} ${path}`
    // Base URL and credentials are in already: sent with the base client, not `http`'s mapping.
    const req = build(call, config.baseUrl, true)
    const redact = redactor.text
    // No Scope per call: the connection is released when the body is read, aborted if interrupted.
    return Effect.gen(function*() {
        const response = yield* base.execute(req).pipe(
          Effect.mapError((e) => mapHttpClientError(e, method, path))
        )
        if (tracing) yield* Effect.annotateCurrentSpan(Telemetry.Attributes.status, response.status)
        // Read once: over `fetch`, each read of `response.headers` copies the answer's headers
        // into a new record.
        const headers = response.headers
        const contentType = headers["content-type"]
        if (response.status >= 400) {
          // Only an error is made from this body: redact it whole, before any excerpt is cut.
          const text = redact(
            yield* readBody(response, headers, Math.min(config.maxBodyBytes, 1024 * 1024), method, path, redact).pipe(
              Effect.catch(() => Effect.succeed(""))
            )
          )
          let json: unknown = undefined
          try {
            json = text.length > 0 ? redactor.value(JSON.parse(text)) : undefined
          } catch {
            json = undefined
          }
          const parsed = parseServerError(json)
          const error = new ApiError({
            status: response.status,
            ...(parsed.name !== undefined ? { name: parsed.name } : {}),
            message: parsed.message ?? (text.length > 0 ? excerpt(text, 200) : `HTTP ${response.status}`),
            ...(parsed.data !== undefined ? { data: parsed.data } : {}),
            method,
            path
          })
          const after = parseRetryAfter(headers["retry-after"])
          if (after !== undefined) retryAfter.set(error, after)
          return yield* Effect.fail(error)
        }
        if (isBytesResponse(call.response)) {
          const bytes = yield* readBytes(response, headers, config.maxBodyBytes, method, path)
          call.onHeaders?.(headers)
          return bytes as A
        }
        const text = yield* readBody(response, headers, config.maxBodyBytes, method, path, redact)
        call.onHeaders?.(headers)
        if (call.response === "none") {
          if (text.length > 0 && !isJsonContentType(contentType)) {
            return yield* Effect.fail(
              new DecodeError({
                endpoint,
                issue: `expected an empty or JSON answer, got ${contentType ?? "no content type"}`,
                body: excerpt(redact(text))
              })
            )
          }
          return undefined as A
        }
        if (typeof call.response === "object" && "text" in call.response) {
          const accepted = call.response.text
          const type = (contentType ?? "").toLowerCase()
          if (!accepted.some((t) => type.startsWith(t))) {
            return yield* Effect.fail(
              new DecodeError({
                endpoint,
                issue: `expected ${accepted.join(" or ")}, got ${contentType || "no content type"} (status ${response.status})`,
                body: excerpt(redact(text))
              })
            )
          }
          return text as A
        }
        if (!isJsonContentType(contentType)) {
          return yield* Effect.fail(
            new DecodeError({
              endpoint,
              issue: `expected JSON, got ${contentType ?? "no content type"} (status ${response.status})`,
              body: excerpt(redact(text))
            })
          )
        }
        return yield* decodeJson(call.response, text, endpoint, redact)
      })
  }

  const timeoutError = (method: string, path: string, timeout: Duration.Duration, what: string) =>
    new TransportError({
      reason: "Timeout",
      method,
      url: sanitizeUrl(config.baseUrl + path),
      detail: `no answer within ${Duration.format(timeout)}${what}`
    })

  const withDeadline: Service["withDeadline"] = (self, options) => {
    const timeout = options.timeout === undefined ? config.requestTimeout : Duration.fromInputUnsafe(options.timeout)
    return deadline(self, timeout, () => timeoutError(options.method, options.path, timeout, ""))
  }

  const isTransient = (error: RequestError): boolean =>
    (error._tag === "TransportError" && error.reason !== "Aborted") ||
    (error._tag === "ApiError" && retryableStatus.has(error.status))

  // Exponential backoff from `retryBaseDelay` with jitter, or a `Retry-After` hint; capped at
  // `retryMaxDelay`. Made on the first retry, not with the client.
  let schedule: Schedule.Schedule<Duration.Duration, RequestError> | undefined
  const retrySchedule = () =>
    schedule ??= Schedule.exponential(config.retryBaseDelay).pipe(
      Schedule.jittered,
      Schedule.setInputType<RequestError>(),
      Schedule.modifyDelay(({ duration, input }) => {
        const hinted = input._tag === "ApiError" ? retryAfterMillis(input) : undefined
        return Effect.succeed(Duration.min(hinted === undefined ? duration : Duration.millis(hinted), config.retryMaxDelay))
      })
    )

  // `Effect.retry` (up to `maxRetries`, transient failures) entered only after a first transient
  // failure: it sets up its schedule before the first attempt, which cost most of a first call's
  // bookkeeping (issue 18). The first failure is replayed into it, so waits and counts are the same.
  const retryAfterFirstFailure = <A>(attempt: Effect.Effect<A, RequestError>): Effect.Effect<A, RequestError> =>
    Effect.catchIf(attempt, isTransient, (first) => {
      let replay: RequestError | undefined = first
      const again = Effect.suspend(() => {
        if (replay === undefined) return attempt
        const error = replay
        replay = undefined
        return Effect.fail(error)
      })
      return Effect.retry(again, { schedule: retrySchedule(), times: config.maxRetries, while: isTransient })
    })

  /**
   * One call: attempts (each within `attemptTimeout` if ordinary), retried when idempotent, all within
   * `requestTimeout` or `timeout`; errors redacted. One span (`Telemetry.traceCall`) only when a tracer
   * is installed: without one no span at all, Effect's `HttpClient` span included.
   */
  const call = <A>(spec: Call<A>): Effect.Effect<A, RequestError> =>
    Effect.withFiber((fiber) => {
      const tracing = Telemetry.isTracing(fiber)
      let attempts = 0
      const bounded = bound(spec, Effect.suspend(() => {
        attempts++
        return once(spec, tracing)
      }), () => attempts).pipe(Effect.mapError(redactor.error))
      return tracing
        ? Telemetry.traceCall(bounded, {
          method: spec.method,
          path: spec.path,
          baseUrl: config.baseUrl,
          operation: spec.operation,
          attempts: () => attempts
        })
        : Telemetry.untraced(bounded)
    })

  /** The deadlines and retries of a call around its attempt. */
  const bound = <A>(
    spec: Call<A>,
    attempt: Effect.Effect<A, RequestError>,
    attempts: () => number
  ): Effect.Effect<A, RequestError> => {
    const idempotent = spec.idempotent ?? defaultIdempotent(spec.method)
    const whole = spec.timeout === undefined ? config.requestTimeout : Duration.fromInputUnsafe(spec.timeout)
    const attemptLimit = spec.timeout === undefined ? config.attemptTimeout : undefined
    const retries = idempotent && config.maxRetries > 0
    const attemptFirst = attemptLimit !== undefined && Duration.isLessThan(attemptLimit, whole)
    if (!retries) {
      // One attempt: one timer, the earlier of the two limits.
      const limit = attemptFirst ? attemptLimit : whole
      return deadline(attempt, limit, () => timeoutError(spec.method, spec.path, limit, attemptFirst ? " (attemptTimeout)" : ""))
    }
    const limited = attemptFirst
      ? deadline(attempt, attemptLimit, () => timeoutError(spec.method, spec.path, attemptLimit, " (attemptTimeout)"))
      : attempt
    const retried = retryAfterFirstFailure(limited)
    return deadline(
      retried,
      whole,
      () => timeoutError(spec.method, spec.path, whole, attempts() > 1 ? ` (${attempts()} attempts)` : "")
    )
  }

  return OpencodeClient.of({
    config,
    http,
    call,
    request,
    mapHttpError: mapHttpClientError,
    withDeadline
  })
})

const retryAfter = new WeakMap<ApiError, number>()

const retryAfterMillis = (error: ApiError): number | undefined => retryAfter.get(error)

const parseRetryAfter = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/**
 * The `HttpClient` over `fetch`: browsers, Bun, Deno, Node, no `node:*` module; the transport of
 * {@link layerConfig}. Gotchas: Node's `fetch` gives up after 300 s without headers or a body
 * chunk, so a longer synchronous `MessageService.prompt` fails with `TransportError` (`Run`,
 * batches and event streams are not affected); on Node prefer `OpencodeNode.layerHttpClient`. In a
 * browser the server must allow the page's origin: `localhost`/`127.0.0.1` on its port by itself,
 * others with `opencode serve --cors <origin>` (`OpencodeServer`'s `cors`); a refused page gets
 * "Failed to fetch", a `TransportError` whose detail names that fix.
 */
export const layerFetch: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer

/**
 * The transport from explicit options; needs an `HttpClient` ({@link layerFetch},
 * `OpencodeNode.layerHttpClient`, or a test double).
 */
export const layer = (options: OpencodeConfig.Options): Layer.Layer<OpencodeClient, never, HttpClient.HttpClient> =>
  Layer.effect(OpencodeClient, make(OpencodeConfig.resolve(options)))

/** The transport from an {@link OpencodeConfig.OpencodeConfig} in context. */
export const layerFromConfig: Layer.Layer<OpencodeClient, never, HttpClient.HttpClient | OpencodeConfig.OpencodeConfig> =
  Layer.effect(OpencodeClient, Effect.flatMap(OpencodeConfig.OpencodeConfig, make))

/**
 * The transport configured from the environment (`OpencodeConfig.layerConfig`) over
 * {@link layerFetch}. On Node, `OpencodeNode.layerConfig` is the same without `fetch`'s 300 s limit.
 */
export const layerConfig = (overrides: Partial<OpencodeConfig.Options> = {}) =>
  layerFromConfig.pipe(
    Layer.provide(OpencodeConfig.layerConfig(overrides)),
    Layer.provide(layerFetch)
  )
