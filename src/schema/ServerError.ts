/**
 * Errors as the server writes them.
 *
 * Two families share this module:
 *
 * - the **message errors** (`{ name, data }`) that an assistant message, a `retry` part or a
 *   `session.error` event carry: `APIError`, `ProviderAuthError`, `UnknownError`,
 *   `MessageAbortedError`, `MessageOutputLengthError`, `StructuredOutputError`,
 *   `ContextOverflowError`, `ContentFilterError`, plus a fallback for any other;
 * - the **HTTP error bodies** of non-2xx answers, which come in two shapes:
 *   `{ name, data: { message, … } }` (`NotFoundError`, `BadRequest`, `UnknownError`) and
 *   `{ _tag, message?, … }` (`{"_tag":"BadRequest"}`, `PermissionNotFoundError`,
 *   `SessionBusyError`, …). {@link parseServerError} reads both, and anything else.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts` under the library's names. Hand-written
 * only: {@link TaggedBadRequest} (the two `_tag` shapes of a 400 as one schema, a library name),
 * {@link messageErrorName} / {@link messageErrorText} and {@link parseServerError} (functions).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Schemas from "../api/Schemas.ts"
import { excerpt } from "../Errors.ts"
import { lastOf } from "./internal.ts"

// The document's union of message errors (an assistant message's `error`), opened by the patch
// file: a name this version does not know decodes as `{ name: "unknown", originalName, raw }`.
const MessageErrorUnion = Schemas.AssistantMessage.fields.error.schema

// ---------------------------------------------------------------------------------------------
// Message errors
// ---------------------------------------------------------------------------------------------

/**
 * The model provider answered with an error (`statusCode`, `isRetryable`, the response body…).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.APIError)({
 *   name: "APIError",
 *   data: { message: "Rate limited", statusCode: 429, isRetryable: true }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const APIError = Schemas.APIError

/**
 * The decoded type of {@link APIError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type APIError = typeof APIError.Type

/**
 * The provider rejected the credentials.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.ProviderAuthError)({
 *   name: "ProviderAuthError",
 *   data: { providerID: "anthropic", message: "invalid key" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const ProviderAuthError = Schemas.ProviderAuthError

/**
 * The decoded type of {@link ProviderAuthError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type ProviderAuthError = typeof ProviderAuthError.Type

/**
 * An unexpected error (`ref` points into the server's log). Also the body of a 500 answer.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.UnknownError)({
 *   name: "UnknownError",
 *   data: { message: "Unexpected server error", ref: "err_123" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const UnknownError = Schemas.UnknownError

/**
 * The decoded type of {@link UnknownError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type UnknownError = typeof UnknownError.Type

/**
 * The model stopped because it reached its output limit.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.MessageOutputLengthError)({ name: "MessageOutputLengthError", data: {} })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const MessageOutputLengthError = Schemas.MessageOutputLengthError

/**
 * The decoded type of {@link MessageOutputLengthError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type MessageOutputLengthError = typeof MessageOutputLengthError.Type

/**
 * The run was aborted (`POST /session/{id}/abort`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.MessageAbortedError)({
 *   name: "MessageAbortedError",
 *   data: { message: "The operation was aborted." }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const MessageAbortedError = Schemas.MessageAbortedError

/**
 * The decoded type of {@link MessageAbortedError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type MessageAbortedError = typeof MessageAbortedError.Type

/**
 * The model did not produce the requested structured output.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.StructuredOutputError)({
 *   name: "StructuredOutputError",
 *   data: { message: "no output", retries: 2 }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const StructuredOutputError = Schemas.StructuredOutputError

/**
 * The decoded type of {@link StructuredOutputError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type StructuredOutputError = typeof StructuredOutputError.Type

/**
 * The conversation no longer fits the model's context window.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.ContextOverflowError)({
 *   name: "ContextOverflowError",
 *   data: { message: "too long" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const ContextOverflowError = Schemas.ContextOverflowError

/**
 * The decoded type of {@link ContextOverflowError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type ContextOverflowError = typeof ContextOverflowError.Type

/**
 * The provider's content filter stopped the answer.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.ContentFilterError)({
 *   name: "ContentFilterError",
 *   data: { message: "filtered" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category message errors
 */
export const ContentFilterError = Schemas.ContentFilterError

/**
 * The decoded type of {@link ContentFilterError}.
 *
 * @since 0.1.0
 * @category message errors
 */
export type ContentFilterError = typeof ContentFilterError.Type

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
 *
 * @since 0.1.0
 * @category message errors
 */
export const UnknownMessageError = lastOf(MessageErrorUnion.members)

/**
 * The decoded type of {@link UnknownMessageError}.
 *
 * @since 0.1.0
 * @category message errors
 */
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
 *
 * @since 0.1.0
 * @category message errors
 */
export const MessageError = MessageErrorUnion

/**
 * The decoded type of {@link MessageError}.
 *
 * @since 0.1.0
 * @category message errors
 */
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
 *
 * @since 0.1.0
 * @category message errors
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
 *
 * @since 0.1.0
 * @category message errors
 */
export const messageErrorText = (error: MessageError): string => {
  if (error.name === "unknown") return (isObject(error.raw) ? messageOf(error.raw) : undefined) ?? error.originalName
  const data: unknown = error.data
  return isObject(data) && typeof data.message === "string" ? data.message : error.name
}

// ---------------------------------------------------------------------------------------------
// HTTP error bodies
// ---------------------------------------------------------------------------------------------

/**
 * 404 body: `{"name":"NotFoundError","data":{"message":"Session not found: …"}}`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.NotFoundError)({ name: "NotFoundError", data: { message: "Session not found" } })
 * ```
 *
 * @since 0.1.0
 * @category http errors
 */
export const NotFoundError = Schemas.NotFoundError

/**
 * The decoded type of {@link NotFoundError}.
 *
 * @since 0.1.0
 * @category http errors
 */
export type NotFoundError = typeof NotFoundError.Type

/**
 * 400 body of the `{ name, data }` shape: `{"name":"BadRequest","data":{"message":"Missing key…","kind":"Payload"}}`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.BadRequestError)({ name: "BadRequest", data: { message: "Missing key", kind: "Payload" } })
 * ```
 *
 * @since 0.1.0
 * @category http errors
 */
export const BadRequestError = Schemas.BadRequestError

/**
 * The decoded type of {@link BadRequestError}.
 *
 * @since 0.1.0
 * @category http errors
 */
export type BadRequestError = typeof BadRequestError.Type

/**
 * 409 body: the session is running a prompt (`{"_tag":"SessionBusyError","sessionID":…,"message":…}`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.SessionBusyError)({ _tag: "SessionBusyError", sessionID: "ses_1", message: "busy" })
 * ```
 *
 * @since 0.1.0
 * @category http errors
 */
export const SessionBusyError = Schemas.SessionBusyError

/**
 * The decoded type of {@link SessionBusyError}.
 *
 * @since 0.1.0
 * @category http errors
 */
export type SessionBusyError = typeof SessionBusyError.Type

/**
 * 404 body of a permission reply for an unknown request.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.PermissionNotFoundError)({ _tag: "PermissionNotFoundError", requestID: "per_1", message: "not found" })
 * ```
 *
 * @since 0.1.0
 * @category http errors
 */
export const PermissionNotFoundError = Schemas.PermissionNotFoundError

/**
 * The decoded type of {@link PermissionNotFoundError}.
 *
 * @since 0.1.0
 * @category http errors
 */
export type PermissionNotFoundError = typeof PermissionNotFoundError.Type

/**
 * 404 body of a question reply for an unknown request.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ServerError } from "effect-opencode"
 * Schema.decodeUnknownSync(ServerError.QuestionNotFoundError)({ _tag: "QuestionNotFoundError", requestID: "que_1", message: "not found" })
 * ```
 *
 * @since 0.1.0
 * @category http errors
 */
export const QuestionNotFoundError = Schemas.QuestionNotFoundError

/**
 * The decoded type of {@link QuestionNotFoundError}.
 *
 * @since 0.1.0
 * @category http errors
 */
export type QuestionNotFoundError = typeof QuestionNotFoundError.Type

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
 *
 * @since 0.1.0
 * @category http errors
 */
export const TaggedBadRequest = Schema.Union([Schemas.Effect_HttpApiError_BadRequest.members[0], Schemas.InvalidRequestError])

/**
 * The decoded type of {@link TaggedBadRequest}.
 *
 * @since 0.1.0
 * @category http errors
 */
export type TaggedBadRequest = typeof TaggedBadRequest.Type

/**
 * What {@link parseServerError} extracts from an error body.
 *
 * @since 0.1.0
 * @category http errors
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
 *
 * @since 0.1.0
 * @category http errors
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
