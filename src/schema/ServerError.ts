/**
 * Errors as the server writes them, two families:
 * - message errors `{ name, data }` of an assistant message, a `retry` part or `session.error`
 *   ({@link MessageError}): `APIError` (the provider's error answer: `statusCode`, `isRetryable`,
 *   body), `ProviderAuthError`, `UnknownError` (`ref` into the server's log; also a 500's body),
 *   `MessageAbortedError`, `MessageOutputLengthError`, `StructuredOutputError`,
 *   `ContextOverflowError`, `ContentFilterError`, and {@link UnknownMessageError} for other names;
 * - HTTP error bodies: `{ name, data: { message } }` (`NotFoundError`, `BadRequestError` with
 *   `data.kind`, `UnknownError`) or `{ _tag, message? }` ({@link TaggedBadRequest};
 *   `SessionBusyError` 409; `PermissionNotFoundError`, `QuestionNotFoundError` 404), all read by
 *   {@link parseServerError}.
 * The schemas are the generated ones, re-exported. Gotchas: a known name whose `data` has another
 * shape is a `DecodeError` of what carries it; not every member has `data.message`: read
 * {@link messageErrorText}.
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
import { isObject, lastOf } from "./internal.ts"
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

// The document's message error union, opened by the patch file: an unknown name decodes as `{ name: "unknown", originalName, raw }`.
const MessageErrorUnion = /* @__PURE__ */ lazy(() => Schemas.AssistantMessage.fields.error.schema)

/**
 * An error of a name this version does not know (a newer server's): `{ name: "unknown",
 * originalName, raw }`, `raw` as received (its text: {@link messageErrorText}). The member the
 * patch file adds (docs/api-description.md). An error object without a string `name` is a
 * `DecodeError` of what carries it.
 */
export const UnknownMessageError = /* @__PURE__ */ lazy(() => lastOf(MessageErrorUnion.members))

export type UnknownMessageError = typeof UnknownMessageError.Type

/** The error of an assistant message or a `session.error` event. */
export const MessageError = MessageErrorUnion

export type MessageError = typeof MessageError.Type

/** The server's name of a message error (`"APIError"`, …), the unknown fallback's too. */
export const messageErrorName = (error: MessageError): string =>
  error.name === "unknown" ? error.originalName : error.name

/** A readable text for a message error: its (or the raw object's) `data.message`, `message` or `error`, else its name. */
export const messageErrorText = (error: MessageError): string => {
  if (error.name === "unknown") return (isObject(error.raw) ? messageOf(error.raw) : undefined) ?? error.originalName
  const data: unknown = error.data
  return isObject(data) && typeof data.message === "string" ? data.message : error.name
}

/** A 400 body of the `_tag` shape: a bare `{"_tag":"BadRequest"}`, or `InvalidRequestError` with a message. */
export const TaggedBadRequest = /* @__PURE__ */ lazy(() => Schema.Union([Schemas.Effect_HttpApiError_BadRequest.members[0], Schemas.InvalidRequestError]))

export type TaggedBadRequest = typeof TaggedBadRequest.Type

/** What {@link parseServerError} extracts from an error body. */
export interface ParsedServerError {
  /** `name`, or `_tag` in the other shape. */
  readonly name?: string
  /** `data.message` or `message`, at most ~500 characters. */
  readonly message?: string
  /** `data` of the `{ name, data }` shape, the other fields of the `_tag` shape. */
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
 * Reads any error body without failing: `{ name, data: { message } }`, `{ _tag, message? }`,
 * `{ error }`, a string, anything (what is missing is left out). The transport builds `ApiError`
 * from it: `parseServerError("<html>")` is `{ message: "<html>" }`.
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
