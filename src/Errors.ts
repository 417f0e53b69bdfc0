/**
 * Every error this library fails with: `Schema.TaggedError` classes, matched with
 * `Effect.catchTag`, serializable, compared structurally. None ever holds a password or an
 * `Authorization` header. docs/errors.md tells what each means and what to do.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionService } from "effect-opencode"
 *
 * const title = SessionService.SessionService.use((sessions) => sessions.get("ses_1")).pipe(
 *   Effect.map((session) => session.title),
 *   Effect.catchTag("ApiError", (e) => e.isNotFound ? Effect.succeed(undefined) : Effect.fail(e)),
 *   Effect.catchTag("TransportError", (e) => Effect.logWarning(`${e.reason} ${e.method} ${e.url}`))
 * )
 * ```
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

const excerptLimit = 500

/** Shortens a body or message to a bounded excerpt (500 characters by default) for an error message. */
export const excerpt = (text: string, limit: number = excerptLimit): string =>
  text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`

/**
 * The server answered with a non-success HTTP status. `name` is the server's error name when its
 * body had one (`NotFoundError`, `BadRequest`, `SessionBusyError`, `UnknownError`, …); the getters
 * classify the status (`isBusy`: 409 or `SessionBusyError`; `isUnauthorized`: 401 or 403).
 */
export class ApiError extends Schema.TaggedError<ApiError>("effect-opencode/ApiError")("ApiError", {
  status: Schema.Number,
  name: Schema.optional(Schema.String),
  message: Schema.String,
  data: Schema.optional(Schema.Unknown),
  method: Schema.String,
  path: Schema.String
}) {
  get isNotFound(): boolean {
    return this.status === 404
  }
  get isBadRequest(): boolean {
    return this.status === 400
  }
  get isBusy(): boolean {
    return this.status === 409 || this.name === "SessionBusyError"
  }
  get isUnauthorized(): boolean {
    return this.status === 401 || this.status === 403
  }
  get isServerError(): boolean {
    return this.status >= 500
  }
}

/** A response or event did not match its schema, or was not JSON (an HTML page, a truncated body). */
export class DecodeError extends Schema.TaggedError<DecodeError>("effect-opencode/DecodeError")("DecodeError", {
  endpoint: Schema.String,
  issue: Schema.String,
  body: Schema.String
}) {
  override get message(): string {
    return `Could not decode the response of ${this.endpoint}: ${this.issue}`
  }
}

/** The request got no HTTP answer: connection refused or reset, DNS failure, timeout, abort. */
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

/** Input rejected before any request was sent (a malformed id, a path escaping its route, a bad option). */
export class ValidationError extends Schema.TaggedError<ValidationError>("effect-opencode/ValidationError")(
  "ValidationError",
  {
    field: Schema.String,
    message: Schema.String
  }
) {}

/**
 * A session's work ended with an error: the model failed, the run was aborted, or the assistant
 * message carries an error; `error` is the server's `{ name, data }`.
 */
export class SessionError extends Schema.TaggedError<SessionError>("effect-opencode/SessionError")("SessionError", {
  sessionID: Schema.String,
  name: Schema.String,
  message: Schema.String,
  error: Schema.optional(Schema.Unknown)
}) {}

/** An operation did not finish within its `Duration` deadline. */
export class TimeoutError extends Schema.TaggedError<TimeoutError>("effect-opencode/TimeoutError")("TimeoutError", {
  operation: Schema.String,
  timeoutMillis: Schema.Number,
  sessionID: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `${this.operation} timed out after ${this.timeoutMillis} ms`
  }
}

/** The managed `opencode serve` could not be found, started, or made ready; `output`: its last lines. */
export class ServerStartError extends Schema.TaggedError<ServerStartError>("effect-opencode/ServerStartError")(
  "ServerStartError",
  {
    reason: Schema.Literals(["BinaryNotFound", "SpawnFailed", "Exited", "NotReady", "VersionMismatch"]),
    message: Schema.String,
    binary: Schema.optional(Schema.String),
    output: Schema.Array(Schema.String)
  }
) {}

/** Any error this library fails with. */
export type OpencodeError =
  | ApiError
  | DecodeError
  | TransportError
  | ValidationError
  | SessionError
  | TimeoutError
  | ServerStartError

/** The errors of a single HTTP call. */
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

/** Whether a value is one of this library's errors. */
export const isOpencodeError = (u: unknown): u is OpencodeError =>
  Predicate.hasProperty(u, "_tag") && typeof u._tag === "string" && tags.has(u._tag)
