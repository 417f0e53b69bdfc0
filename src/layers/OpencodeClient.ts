/**
 * The HTTP transport to one OpenCode server: JSON in and out, Basic auth, directory scoping,
 * per-call `Duration` deadlines, bounded bodies, retries for idempotent calls only, and the
 * mapping of every failure to a typed error ({@link ApiError}, {@link DecodeError},
 * {@link TransportError}).
 *
 * @since 0.1.0
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
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import type * as HttpClientError from "effect/http/HttpClientError"
import { ApiError, DecodeError, excerpt, type RequestError, TransportError } from "../Errors.ts"
import * as Base64 from "../internal/base64.ts"
import * as Redact from "../internal/redact.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import { isLoopback, sanitizeUrl } from "../internal/url.ts"
import { parseServerError } from "../schema/ServerError.ts"
import * as OpencodeConfig from "./OpencodeConfig.ts"

/**
 * HTTP methods the server uses.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE"

/**
 * One call, described as data. `response` is the Schema of the decoded JSON body, or
 * `"none"` when the body is ignored (the server answers `204` or a bare `true`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Call<A> {
  readonly method: Method
  /** Path below the base URL; build it with {@link route} so ids are encoded. */
  readonly path: string
  readonly query?: Record<string, string | number | boolean | undefined> | undefined
  readonly body?: unknown
  /**
   * How the answer is read: a Schema for JSON, `"none"` to ignore it, `{ text: [...] }` to
   * return the body as text when its content type starts with one of the given types, or
   * `{ bytes: true }` to return the raw body as a `Uint8Array` (any content type: a file's bytes
   * come with the file's own type; so an unknown route's HTML page is not told apart here).
   * Every kind is bounded by `maxBodyBytes`.
   */
  readonly response: Schema.Codec<A, any> | "none" | { readonly text: ReadonlyArray<string> } | { readonly bytes: true }
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Safe to resend after a transient failure. Defaults to true for GET, PUT and DELETE. */
  readonly idempotent?: boolean | undefined
  /**
   * Overrides the configured `requestTimeout`: the deadline of the whole call, retries included.
   * A call with its own timeout (one that waits for the model, a long poll) is not cut by
   * `attemptTimeout`: each of its attempts may take the whole deadline.
   */
  readonly timeout?: Duration.Input | undefined
  /** Overrides the configured directory; `null` sends none. */
  readonly directory?: string | null | undefined
  /** Receives the headers of a successful answer (e.g. the `X-Next-Cursor` of a page). */
  readonly onHeaders?: ((headers: Readonly<Record<string, string>>) => void) | undefined
  /**
   * The API operation this call is (`ApiCall` sets it): its span is named after the operation's
   * route template and carries its id. Without it the span's route is the path with every segment
   * after the first replaced by `{}` (no table look-up, so no id of a concrete path reaches it).
   */
  readonly operation?: { readonly id: string; readonly path: string } | undefined
}

/**
 * The transport service.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly config: OpencodeConfig.Resolved
  /** The underlying client with base URL and auth applied, for streaming endpoints. */
  readonly http: HttpClient.HttpClient
  /** Sends one call and decodes its answer. */
  readonly call: <A>(call: Call<A>) => Effect.Effect<A, RequestError>
  /** Builds the request of a call (URL, auth, directory) without sending it. */
  readonly request: (call: Omit<Call<unknown>, "response">) => HttpClientRequest.HttpClientRequest
  /** Maps a failure of `http` to this library's errors. */
  readonly mapHttpError: (error: HttpClientError.HttpClientError, method: string, path: string) => RequestError
  /**
   * Bounds a composite call — several requests that make one operation, like a prompt's send and
   * the look-ups before a resend — by one deadline (default `requestTimeout`): when it passes,
   * the work is interrupted and the call fails with `TransportError` (`reason: "Timeout"`) for
   * `method` and `path`. The calls inside keep their own deadlines; the earliest wins.
   */
  readonly withDeadline: <A, E, R>(
    self: Effect.Effect<A, E, R>,
    options: { readonly method: Method; readonly path: string; readonly timeout?: Duration.Input | undefined }
  ) => Effect.Effect<A, E | TransportError, R>
}

/**
 * The transport to one OpenCode server.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { OpencodeClient } from "effect-opencode"
 *
 * const health = OpencodeClient.OpencodeClient.use((client) =>
 *   client.call({ method: "GET", path: "/global/health", response: Schema.Unknown })
 * )
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class OpencodeClient extends Context.Service<OpencodeClient, Service>()("effect-opencode/OpencodeClient") {}

/**
 * Builds a path from a template, percent-encoding every interpolated value so an id can never
 * change which route a request reaches. A value that is empty, `.` or `..` cannot be a path
 * segment (every URL parser removes or collapses it, `%2E%2E` included, and the request would
 * reach another route): it throws a `RangeError` instead.
 *
 * @example
 * ```ts
 * import { route } from "effect-opencode/layers/OpencodeClient"
 * route`/session/${"ses_1"}/message` // "/session/ses_1/message"
 * route`/session/${"../x"}` // "/session/..%2Fx"
 * ```
 *
 * @since 0.1.0
 * @category utils
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

// A browser reports a request it refused — a CORS refusal included, on purpose indistinguishable
// from an unreachable server — as a bare `TypeError` with one of these messages (Chromium,
// Firefox, WebKit): no code, no cause. Node's `fetch` failures carry a cause with a code.
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

/**
 * Maps an `HttpClientError` to this library's errors (never exposing credentials).
 *
 * @since 0.1.0
 * @category errors
 */
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

/**
 * A response's headers as one record. Gotcha: effect's `HttpClientResponse.headers` is a getter
 * that converts the whole web `Headers` again at every access (undici sorts and copies them), so
 * a call reads them once, here, and passes the record on.
 */
type ResponseHeaders = Readonly<Record<string, string>>

/** A declared `content-length` over the limit: the body is refused before it is read. */
const declaredOverLimit = (
  headers: ResponseHeaders,
  maxBytes: number,
  endpoint: string
): DecodeError | undefined => {
  const declared = Number(headers["content-length"])
  return Number.isFinite(declared) && declared > maxBytes
    ? new DecodeError({ endpoint, issue: `response body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`, body: "" })
    : undefined
}

/**
 * Streams a body to `onChunk` until it ends or crosses `maxBytes`; then it stops reading, and so
 * releases the socket, at once. Answers whether the limit was crossed (the chunk that crossed it
 * is not passed on).
 */
const streamBounded = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number,
  method: string,
  path: string,
  onChunk: (chunk: Uint8Array) => void
): Effect.Effect<boolean, RequestError> =>
  Effect.suspend(() => {
    let size = 0
    let tooBig = false
    return response.stream.pipe(
      Stream.takeWhile((chunk) => {
        size += chunk.byteLength
        if (size > maxBytes) {
          tooBig = true
          return false
        }
        onChunk(chunk)
        return true
      }),
      Stream.runDrain,
      Effect.catchIf((e) => e.reason._tag === "EmptyBodyError", () => Effect.void),
      Effect.mapError((e) => mapHttpClientError(e, method, path)),
      Effect.map(() => tooBig)
    )
  })

const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  headers: ResponseHeaders,
  maxBytes: number,
  method: string,
  path: string,
  redact: (text: string) => string
): Effect.Effect<string, RequestError> => {
  const endpoint = `${method} ${path}`
  const refused = declaredOverLimit(headers, maxBytes, endpoint)
  if (refused !== undefined) return Effect.fail(refused)
  // A declared length within the limit bounds the body already (both of Node's HTTP parsers stop
  // a message at its content-length), unless the body is compressed: then the length is that of
  // the compressed bytes, and the decompressed text must be counted as it streams.
  const declared = Number(headers["content-length"])
  const encoding = headers["content-encoding"]
  if (Number.isFinite(declared) && (encoding === undefined || encoding === "identity")) {
    return response.text.pipe(
      Effect.catchIf((e) => e.reason._tag === "EmptyBodyError", () => Effect.succeed("")),
      Effect.mapError((e) => mapHttpClientError(e, method, path))
    )
  }
  return Effect.suspend(() => {
    const decoder = new TextDecoder()
    let text = ""
    return streamBounded(response, maxBytes, method, path, (chunk) => {
      text += decoder.decode(chunk, { stream: true })
    }).pipe(
      Effect.flatMap((tooBig) =>
        tooBig
          ? Effect.fail(
            new DecodeError({
              endpoint,
              issue: `response body exceeds the limit of ${maxBytes} bytes`,
              body: excerpt(redact(text))
            })
          )
          : Effect.succeed(text + decoder.decode())
      )
    )
  })
}

/**
 * Reads a success body as bytes, bounded like {@link readBody}: a declared length over the limit
 * fails before reading, and the stream stops (releasing the socket) as soon as the limit is
 * crossed.
 */
const readBytes = (
  response: HttpClientResponse.HttpClientResponse,
  headers: ResponseHeaders,
  maxBytes: number,
  method: string,
  path: string
): Effect.Effect<Uint8Array, RequestError> => {
  const endpoint = `${method} ${path}`
  const refused = declaredOverLimit(headers, maxBytes, endpoint)
  if (refused !== undefined) return Effect.fail(refused)
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return streamBounded(response, maxBytes, method, path, (chunk) => {
      chunks.push(chunk)
      size += chunk.byteLength
    }).pipe(
      Effect.flatMap((tooBig) => {
        if (tooBig) {
          return Effect.fail(new DecodeError({ endpoint, issue: `response body exceeds the limit of ${maxBytes} bytes`, body: "" }))
        }
        if (chunks.length === 1) return Effect.succeed(chunks[0]!)
        const out = new Uint8Array(size)
        let at = 0
        for (const chunk of chunks) {
          out.set(chunk, at)
          at += chunk.byteLength
        }
        return Effect.succeed(out)
      })
    )
  })
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
 * Decodes a JSON text with a schema, mapping every failure to a {@link DecodeError}. `redact`
 * (default: none) is applied to the text before its excerpt is cut, and to the issue: the
 * transport passes one that removes its own credentials, which a server may have echoed.
 *
 * @since 0.1.0
 * @category utils
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

/**
 * Builds the transport from its settings and an `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.fnUntraced(function*(resolved: OpencodeConfig.Resolved) {
  const base = yield* HttpClient.HttpClient
  // Credentials in the base URL travel as a (redacted) header, never in a URL: URLs end up in
  // errors, logs and spans.
  const { authorization, baseUrl, secrets } = splitCredentials(resolved)
  const config: OpencodeConfig.Resolved = { ...resolved, baseUrl }
  // A server may echo the request (headers, query) in its answer: excerpts in errors leave
  // without the credentials.
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

  // The headers every call sends, built once per client: the Basic credentials are encoded here,
  // not on every request.
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
      headers = auth && authHeader !== undefined
        ? { ...encoding, ...lowerKeys(call.headers), authorization: authHeader }
        : { accept: "application/json", ...(auth ? encoding : {}), ...lowerKeys(call.headers) }
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
    // Base URL and credentials are already in: sent with the base client, not through `http`'s
    // per-request mapping.
    const req = build(call, config.baseUrl, true)
    const redact = redactor.text
    // No Scope per call: an unscoped request's connection is released when its body has been
    // read, or aborted when the read is interrupted (effect's `HttpClient`).
    return Effect.gen(function*() {
        const response = yield* base.execute(req).pipe(
          Effect.mapError((e) => mapHttpClientError(e, method, path))
        )
        if (tracing) yield* Effect.annotateCurrentSpan(Telemetry.Attributes.status, response.status)
        const headers: ResponseHeaders = response.headers
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
    return Effect.timeoutOrElse(self, {
      duration: timeout,
      orElse: () => Effect.fail(timeoutError(options.method, options.path, timeout, ""))
    })
  }

  const isTransient = (error: RequestError): boolean =>
    (error._tag === "TransportError" && error.reason !== "Aborted") ||
    (error._tag === "ApiError" && retryableStatus.has(error.status))

  // Exponential backoff from `retryBaseDelay` with jitter; a `Retry-After` hint replaces the
  // computed delay; either is capped at `retryMaxDelay`. Which errors, and how many times, is
  // said where it is used.
  const retrySchedule = Schedule.exponential(config.retryBaseDelay).pipe(
    Schedule.jittered,
    Schedule.setInputType<RequestError>(),
    Schedule.modifyDelay(({ duration, input }) => {
      const hinted = input._tag === "ApiError" ? retryAfterMillis(input) : undefined
      return Effect.succeed(Duration.min(hinted === undefined ? duration : Duration.millis(hinted), config.retryMaxDelay))
    })
  )

  /**
   * One call: attempts (each limited by `attemptTimeout` for an ordinary call), retried on a
   * transient failure when idempotent, all of it within one deadline (`requestTimeout`, or the
   * call's own `timeout`); every error leaves with the client's credentials redacted. Traced as
   * one span (`Telemetry.traceCall`: method, route template, status, attempts) when a tracer is
   * installed (`Telemetry.isTracing`); without one, no span is made at all, Effect's
   * `HttpClient` span included (`Telemetry.untraced`): a call then costs no span work.
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
    const deadline = spec.timeout === undefined ? config.requestTimeout : Duration.fromInputUnsafe(spec.timeout)
    const attemptLimit = spec.timeout === undefined ? config.attemptTimeout : undefined
    const retries = idempotent && config.maxRetries > 0
    const attemptFirst = attemptLimit !== undefined && Duration.isLessThan(attemptLimit, deadline)
    if (!retries) {
      // One attempt: one timer, the earlier of the two limits.
      const limit = attemptFirst ? attemptLimit : deadline
      return Effect.timeoutOrElse(attempt, {
        duration: limit,
        orElse: () => Effect.fail(timeoutError(spec.method, spec.path, limit, attemptFirst ? " (attemptTimeout)" : ""))
      })
    }
    const limited = attemptFirst
      ? Effect.timeoutOrElse(attempt, {
        duration: attemptLimit,
        orElse: () => Effect.fail(timeoutError(spec.method, spec.path, attemptLimit, " (attemptTimeout)"))
      })
      : attempt
    const retried = Effect.retry(limited, { schedule: retrySchedule, times: config.maxRetries, while: isTransient })
    return Effect.timeoutOrElse(retried, {
      duration: deadline,
      orElse: () =>
        Effect.fail(timeoutError(spec.method, spec.path, deadline, attempts() > 1 ? ` (${attempts()} attempts)` : ""))
    })
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
 * The `HttpClient` of the web platform: `fetch`. It works wherever `fetch` does — browsers, Bun,
 * Deno, Node — and loads no `node:*` module, so it is the transport of the client entry's
 * {@link layerConfig}.
 *
 * Gotchas: on Node, the built-in `fetch` gives up on an answer after 300 s without response
 * headers or without a body chunk; a synchronous `MessageService.prompt` that runs longer fails
 * with a `TransportError`. `Run`, batches and event streams are not affected (they send with
 * `promptAsync` and read heartbeated event streams). On Node prefer `OpencodeNode.layerHttpClient`
 * (`effect-opencode/node`), which has no such limit. In a browser, the server must allow the page's
 * origin: it allows `http://localhost:<port>` and `http://127.0.0.1:<port>` by itself, any other
 * needs `opencode serve --cors <origin>` (`OpencodeServer`'s `cors` option). A refused page gets
 * only "Failed to fetch" from the browser: a `TransportError` whose detail names that fix. Basic
 * auth, the event stream (read over `fetch`, not `EventSource`) and history paging work in pages.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { OpencodeClient } from "effect-opencode"
 *
 * const Live = OpencodeClient.layer({ baseUrl: "http://127.0.0.1:4096" }).pipe(
 *   Layer.provide(OpencodeClient.layerFetch)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFetch: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer

/**
 * The transport from explicit options; needs an `HttpClient` ({@link layerFetch},
 * `OpencodeNode.layerHttpClient` from `effect-opencode/node`, or a test double).
 *
 * @example
 * ```ts
 * import { OpencodeClient } from "effect-opencode"
 * const Client = OpencodeClient.layer({ baseUrl: "http://127.0.0.1:4096", directory: "/work/repo" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: OpencodeConfig.Options): Layer.Layer<OpencodeClient, never, HttpClient.HttpClient> =>
  Layer.effect(OpencodeClient, make(OpencodeConfig.resolve(options)))

/**
 * The transport from an {@link OpencodeConfig.OpencodeConfig} in context (e.g.
 * `OpencodeConfig.layerConfig()` reading the environment).
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { OpencodeClient, OpencodeConfig } from "effect-opencode"
 *
 * const Client = OpencodeClient.layerFromConfig.pipe(
 *   Layer.provide(OpencodeConfig.layerConfig()),
 *   Layer.provide(OpencodeClient.layerFetch)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromConfig: Layer.Layer<OpencodeClient, never, HttpClient.HttpClient | OpencodeConfig.OpencodeConfig> =
  Layer.effect(OpencodeClient, Effect.flatMap(OpencodeConfig.OpencodeConfig, make))

/**
 * The transport configured from the environment (see `OpencodeConfig.layerConfig`), over
 * {@link layerFetch}: it runs on any runtime with `fetch`. On Node, `OpencodeNode.layerConfig`
 * (`effect-opencode/node`) is the same over Node's own HTTP client, without `fetch`'s 300-second
 * limit on a synchronous prompt.
 *
 * @example
 * ```ts
 * import { OpencodeClient } from "effect-opencode"
 * // OPENCODE_BASE_URL=http://127.0.0.1:4096 node app.ts
 * const Live = OpencodeClient.layerConfig()
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (overrides: Partial<OpencodeConfig.Options> = {}) =>
  layerFromConfig.pipe(
    Layer.provide(OpencodeConfig.layerConfig(overrides)),
    Layer.provide(layerFetch)
  )
