/**
 * Every error this library can fail with. All are `Schema.TaggedError` classes, so they can be
 * matched with `Effect.catchTag`, serialized, and compared structurally. None of them ever holds
 * a password or an `Authorization` header.
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

const excerptLimit = 500

/**
 * Shortens a body or message to a bounded excerpt suitable for an error message.
 *
 * @example
 * ```ts
 * import { excerpt } from "effect-opencode"
 * excerpt("x".repeat(10_000)).length // <= 520
 * ```
 */
export const excerpt = (text: string, limit: number = excerptLimit): string =>
  text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`

/**
 * The server answered with a non-success HTTP status.
 *
 * `name` is the server's own error name when its body carried one (`NotFoundError`,
 * `BadRequest`, `SessionBusyError`, `UnknownError`, `PermissionNotFoundError`, …).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionService } from "effect-opencode"
 *
 * const program = SessionService.use((s) => s.get("ses_missing")).pipe(
 *   Effect.catchTag("ApiError", (e) => e.isNotFound ? Effect.succeed(undefined) : Effect.fail(e))
 * )
 * ```
 */
export class ApiError extends Schema.TaggedError<ApiError>("effect-opencode/ApiError")("ApiError", {
  status: Schema.Number,
  name: Schema.optional(Schema.String),
  message: Schema.String,
  data: Schema.optional(Schema.Unknown),
  method: Schema.String,
  path: Schema.String
}) {
  /** @since 0.1.0 */
  get isNotFound(): boolean {
    return this.status === 404
  }
  /** @since 0.1.0 */
  get isBadRequest(): boolean {
    return this.status === 400
  }
  /** @since 0.1.0 */
  get isBusy(): boolean {
    return this.status === 409 || this.name === "SessionBusyError"
  }
  /** @since 0.1.0 */
  get isUnauthorized(): boolean {
    return this.status === 401 || this.status === 403
  }
  /** @since 0.1.0 */
  get isServerError(): boolean {
    return this.status >= 500
  }
}

/**
 * A response (or an event) did not match the expected schema, or was not JSON at all
 * (an HTML page, a truncated body, garbage).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionService } from "effect-opencode"
 *
 * SessionService.use((s) => s.list()).pipe(
 *   Effect.catchTag("DecodeError", (e) => Effect.logError(e.endpoint, e.issue, e.body))
 * )
 * ```
 */
export class DecodeError extends Schema.TaggedError<DecodeError>("effect-opencode/DecodeError")("DecodeError", {
  endpoint: Schema.String,
  issue: Schema.String,
  body: Schema.String
}) {
  override get message(): string {
    return `Could not decode the response of ${this.endpoint}: ${this.issue}`
  }
}

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, or a timeout.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionService } from "effect-opencode"
 *
 * SessionService.use((s) => s.list()).pipe(
 *   Effect.catchTag("TransportError", (e) => Effect.logWarning(`${e.reason} ${e.url}`))
 * )
 * ```
 */
export class TransportError extends Schema.TaggedError<TransportError>("effect-opencode/TransportError")(
  "TransportError",
  {
    reason: Schema.Literals(["ConnectionRefused", "ConnectionReset", "Timeout", "Aborted", "Unknown"]),
    method: Schema.String,
    url: Schema.String,
    detail: Schema.String
  }
) {
  override get message(): string {
    return `${this.reason}: ${this.method} ${this.url}${this.detail ? ` (${this.detail})` : ""}`
  }
}

/**
 * Input was rejected before any request was sent (a malformed id, a path that would escape its
 * route, an invalid option).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionService } from "effect-opencode"
 *
 * SessionService.use((s) => s.get("not-a-session-id")).pipe(
 *   Effect.catchTag("ValidationError", (e) => Effect.logError(e.message))
 * )
 * ```
 */
export class ValidationError extends Schema.TaggedError<ValidationError>("effect-opencode/ValidationError")(
  "ValidationError",
  {
    field: Schema.String,
    message: Schema.String
  }
) {}

/**
 * A session ended its work with an error: the model failed, the run was aborted, or the
 * assistant message carries an error. `error` is the server's error object (`{ name, data }`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Run } from "effect-opencode"
 *
 * Run.run("hello").pipe(Effect.catchTag("SessionError", (e) => Effect.logError(e.name, e.message)))
 * ```
 */
export class SessionError extends Schema.TaggedError<SessionError>("effect-opencode/SessionError")("SessionError", {
  sessionID: Schema.String,
  name: Schema.String,
  message: Schema.String,
  error: Schema.optional(Schema.Unknown)
}) {}

/**
 * An operation did not finish within its `Duration` deadline.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventService } from "effect-opencode"
 *
 * EventService.use((e) => e.waitForIdle("ses_x", { timeout: "30 seconds" })).pipe(
 *   Effect.catchTag("TimeoutError", (e) => Effect.logWarning(e.message))
 * )
 * ```
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>("effect-opencode/TimeoutError")("TimeoutError", {
  operation: Schema.String,
  timeoutMillis: Schema.Number,
  sessionID: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `${this.operation} timed out after ${this.timeoutMillis} ms`
  }
}

/**
 * The managed `opencode serve` process could not be found, started, or did not become ready.
 * `output` holds the last lines the process printed.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { OpencodeServer } from "effect-opencode/server"
 *
 * OpencodeServer.OpencodeServer.pipe(
 *   Effect.catchTag("ServerStartError", (e) => Effect.logError(e.message, e.output))
 * )
 * ```
 */
export class ServerStartError extends Schema.TaggedError<ServerStartError>("effect-opencode/ServerStartError")(
  "ServerStartError",
  {
    reason: Schema.Literals(["BinaryNotFound", "SpawnFailed", "Exited", "NotReady", "VersionMismatch"]),
    message: Schema.String,
    binary: Schema.optional(Schema.String),
    output: Schema.Array(Schema.String)
  }
) {}

/**
 * Any error this library fails with.
 */
export type OpencodeError =
  | ApiError
  | DecodeError
  | TransportError
  | ValidationError
  | SessionError
  | TimeoutError
  | ServerStartError

/**
 * The errors of a single HTTP call.
 */
export type RequestError = ApiError | DecodeError | TransportError | ValidationError

const tags = new Set([
  "ApiError",
  "DecodeError",
  "TransportError",
  "ValidationError",
  "SessionError",
  "TimeoutError",
  "ServerStartError"
])

/**
 * Tells whether a value is one of this library's errors.
 *
 * @example
 * ```ts
 * import { isOpencodeError } from "effect-opencode"
 * isOpencodeError(new Error("x")) // false
 * ```
 */
export const isOpencodeError = (u: unknown): u is OpencodeError =>
  Predicate.hasProperty(u, "_tag") && typeof u._tag === "string" && tags.has(u._tag)
