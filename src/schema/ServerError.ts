/**
 * Errors as the server writes them. Two families share this module:
 *
 * - the **message errors** (`{ name, data }`) that an assistant message, a `retry` part or a
 *   `session.error` event carry, united as {@link MessageError}: `APIError` (the model provider
 *   answered with an error: `statusCode`, `isRetryable`, the response body…), `ProviderAuthError`
 *   (the provider rejected the credentials), `UnknownError` (an unexpected error, `ref` pointing
 *   into the server's log; also the body of a 500 answer), `MessageAbortedError` (the run was
 *   aborted), `MessageOutputLengthError` (the model reached its output limit),
 *   `StructuredOutputError` (no structured output as requested), `ContextOverflowError` (the
 *   conversation no longer fits the context window), `ContentFilterError` (the provider's filter
 *   stopped the answer), and {@link UnknownMessageError} for any other name;
 * - the **HTTP error bodies** of non-2xx answers, in two shapes: `{ name, data: { message, … } }`
 *   (`NotFoundError`: a 404 such as `Session not found: …`; `BadRequestError`: a 400 with
 *   `data.kind`; `UnknownError`) and `{ _tag, message?, … }` ({@link TaggedBadRequest};
 *   `SessionBusyError`: a 409, the session is running a prompt; `PermissionNotFoundError` and
 *   `QuestionNotFoundError`: a 404 reply to an unknown request). {@link parseServerError} reads
 *   both, and anything else.
 *
 * The named schemas are the generated ones of `src/api/Schemas.ts`, re-exported under their
 * names. Hand-written only: {@link TaggedBadRequest} (the two `_tag` shapes of a 400 as one
 * schema), {@link messageErrorName} / {@link messageErrorText} and {@link parseServerError}.
 *
 * Gotchas: the message error union is open (an unknown `name` decodes to
 * {@link UnknownMessageError}), but a known name whose `data` has another shape is a
 * `DecodeError` of the message or event carrying it. Read a readable text with
 * {@link messageErrorText} rather than `data.message`, which not every member has.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * const error = Schema.decodeUnknownSync(ServerError.MessageError)({
 *   name: "APIError", data: { message: "Rate limited", statusCode: 429, isRetryable: true }
 * })
 * const retryable = error.name === "APIError" && error.data.isRetryable
 * ServerError.parseServerError({ _tag: "SessionBusyError", sessionID: "ses_1", message: "busy" }).name // "SessionBusyError"
 * ```
 */
import * as Schema from "effect/Schema"
import * as Schemas from "../api/Schemas.ts"
import { excerpt } from "../Errors.ts"
import { lastOf } from "./internal.ts"
import { lazy } from "../internal/lazy.ts"

export {
  APIError,
  BadRequestError,
  ContentFilterError,
  ContextOverflowError,
  MessageAbortedError,
  MessageOutputLengthError,
  NotFoundError,
  PermissionNotFoundError,
  ProviderAuthError,
  QuestionNotFoundError,
  SessionBusyError,
  StructuredOutputError,
  UnknownError
} from "../api/Schemas.ts"

// The document's union of message errors (an assistant message's `error`), opened by the patch
// file: a name this version does not know decodes as `{ name: "unknown", originalName, raw }`.
const MessageErrorUnion = /* @__PURE__ */ lazy(() => Schemas.AssistantMessage.fields.error.schema)

const isObject = (u: unknown): u is { readonly [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * An error of a name this version does not know (a newer server's): `{ name: "unknown",
 * originalName, raw }`, where `raw` is the object as received (read its message with
 * {@link messageErrorText}). The member the patch file's open union adds to the document's error
 * union (docs/api-description.md).
 *
 * Gotcha: a known name whose `data` has another shape (an `APIError` without `isRetryable`), or an
 * error object without a string `name`, is a `DecodeError` of the message or event carrying it,
 * like any other answer the document does not describe.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.MessageError)({ name: "QuotaError", data: { message: "no" } })
 * // { name: "unknown", originalName: "QuotaError", raw: { name: "QuotaError", data: { message: "no" } } }
 * ```
 */
export const UnknownMessageError = /* @__PURE__ */ lazy(() => lastOf(MessageErrorUnion.members))

/** The decoded type of {@link UnknownMessageError}. */
export type UnknownMessageError = typeof UnknownMessageError.Type

/**
 * The error of an assistant message or of a `session.error` event: one of the server's named
 * errors, or {@link UnknownMessageError}.
 *
 * @example
 * ```ts
 * import { ServerError } from "effect-opencode"
 * const describe = (e: ServerError.MessageError) =>
 *   e.name === "APIError" ? `${e.data.statusCode}: ${e.data.message}` : ServerError.messageErrorText(e)
 * ```
 */
export const MessageError = MessageErrorUnion

/** The decoded type of {@link MessageError}. */
export type MessageError = typeof MessageError.Type

/**
 * The server's name of a message error (`"MessageAbortedError"`, `"APIError"`, …), also for the
 * unknown fallback.
 *
 * @example
 * ```ts
 * import { ServerError } from "effect-opencode"
 * ServerError.messageErrorName({ name: "MessageAbortedError", data: { message: "aborted" } }) // "MessageAbortedError"
 * ```
 */
export const messageErrorName = (error: MessageError): string =>
  error.name === "unknown" ? error.originalName : error.name

/**
 * A readable message for a message error: its `data.message` (for an unknown error, that of the
 * object as received, or its `message`, or `error`), else its name.
 *
 * @example
 * ```ts
 * import { ServerError } from "effect-opencode"
 * ServerError.messageErrorText({ name: "MessageOutputLengthError", data: {} }) // "MessageOutputLengthError"
 * ```
 */
export const messageErrorText = (error: MessageError): string => {
  if (error.name === "unknown") return (isObject(error.raw) ? messageOf(error.raw) : undefined) ?? error.originalName
  const data: unknown = error.data
  return isObject(data) && typeof data.message === "string" ? data.message : error.name
}

/**
 * 400 body of the `_tag` shape: a bare `{"_tag":"BadRequest"}`, or `InvalidRequestError` with a
 * message.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.TaggedBadRequest)({ _tag: "BadRequest" })
 * ```
 */
export const TaggedBadRequest = /* @__PURE__ */ lazy(() => Schema.Union([Schemas.Effect_HttpApiError_BadRequest.members[0], Schemas.InvalidRequestError]))

/** The decoded type of {@link TaggedBadRequest}. */
export type TaggedBadRequest = typeof TaggedBadRequest.Type

/**
 * What {@link parseServerError} extracts from an error body.
 */
export interface ParsedServerError {
  /** The server's error name (`name`, or `_tag` in the other shape). */
  readonly name?: string
  /** A readable message (`data.message`, or `message`), at most ~500 characters. */
  readonly message?: string
  /** The rest: `data` of the `{ name, data }` shape, the other fields of the `_tag` shape. */
  readonly data?: unknown
}

function messageOf(body: { readonly [key: string]: unknown }): string | undefined {
  if (isObject(body.data) && typeof body.data.message === "string") return body.data.message
  if (typeof body.message === "string") return body.message
  if (typeof body.error === "string") return body.error
  if (isObject(body.error) && typeof body.error.message === "string") return body.error.message
  return undefined
}

/**
 * Reads any error body the server may send, without failing: the `{ name, data: { message } }`
 * shape, the `{ _tag, message?, … }` shape, `{ error }`, a plain string, or anything else
 * (everything missing is left out). The transport builds `ApiError` from it.
 *
 * @example
 * ```ts
 * import { ServerError } from "effect-opencode"
 *
 * ServerError.parseServerError({ name: "NotFoundError", data: { message: "Session not found: ses_1" } })
 * // { name: "NotFoundError", message: "Session not found: ses_1", data: { message: "Session not found: ses_1" } }
 * ServerError.parseServerError({ _tag: "PermissionNotFoundError", requestID: "per_1", message: "gone" })
 * // { name: "PermissionNotFoundError", message: "gone", data: { requestID: "per_1" } }
 * ServerError.parseServerError("<html>") // { message: "<html>" }
 * ```
 */
export const parseServerError = (json: unknown): ParsedServerError => {
  if (typeof json === "string") {
    const text = json.trim()
    return text === "" ? {} : { message: excerpt(text) }
  }
  if (!isObject(json)) return json === null || json === undefined ? {} : { data: json }
  const raw = messageOf(json)
  const message = raw === undefined ? undefined : excerpt(raw)
  if (typeof json._tag === "string") {
    const rest: Record<string, unknown> = {}
    let hasRest = false
    for (const key of Object.keys(json)) {
      if (key === "_tag" || key === "message") continue
      rest[key] = json[key]
      hasRest = true
    }
    return {
      name: json._tag,
      ...(message === undefined ? {} : { message }),
      ...(hasRest ? { data: rest } : {})
    }
  }
  if (typeof json.name === "string") {
    return {
      name: json.name,
      ...(message === undefined ? {} : { message }),
      ...(json.data === undefined ? {} : { data: json.data })
    }
  }
  return { ...(message === undefined ? {} : { message }), data: json }
}
