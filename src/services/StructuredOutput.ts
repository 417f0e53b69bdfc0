/**
 * Structured output typed by an Effect Schema: the prompt asks the server for JSON that follows
 * the Schema's JSON Schema (`format: { type: "json_schema", schema, retryCount }`), and the value
 * the server returns (`AssistantMessage.structured`) is decoded with the same Schema.
 *
 * How the server does it (opencode 1.18.33): it gives the model a `StructuredOutput` tool whose
 * parameters are the JSON Schema and requires a tool call (`tool_choice: "required"`); the turn
 * ends when the model calls it with valid arguments, and the arguments become `structured` on the
 * last assistant message. A model that never calls it ends the turn with the server's
 * `StructuredOutputError` (a `SessionError` named `"StructuredOutputError"` here).
 *
 * Two kinds of failure, on purpose distinct:
 * - the model could not comply: `SessionError` with `name: "StructuredOutputError"`;
 * - the server accepted a value the Schema rejects (a refinement or a transformation that the JSON
 *   Schema cannot express): `DecodeError` whose `endpoint` is `"structured output"`.
 *
 * Server trap handled here ({@link sincePrompt}): in 1.18.33 `GET /session/{id}/message` answers
 * `400 BadRequest` ("Expected OutputFormatJsonSchema … at [n].info.format") for any page that
 * holds a user message sent with a `json_schema` format, and so does reading that message alone.
 * The assistant messages stay readable.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Stream from "effect/Stream"
import { DecodeError, type RequestError, SessionError } from "../Errors.ts"
import { isFormatEncodeBug } from "../internal/formatBug.ts"
import type * as Message from "../schema/Message.ts"
import type * as Prompt from "../schema/PromptInput.ts"
import { messageErrorName, messageErrorText } from "../schema/ServerError.ts"
import type * as MessageResult from "./MessageResult.ts"
import * as MessageService from "./MessageService.ts"

/**
 * A Schema that describes a structured output: it decodes the server's JSON value into `A` and
 * needs no services. Its JSON Schema is derived from its encoded (JSON) side.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import type { StructuredOutput } from "effect-opencode"
 * const Verdict: StructuredOutput.Output<{ readonly ok: boolean }> = Schema.Struct({ ok: Schema.Boolean })
 * ```
 */
export type Output<A> = Schema.Codec<A, any, never, never>

/**
 * The JSON Schema of a Schema's JSON form (draft 2020-12), self-contained: named definitions are
 * put under `$defs`, where the generated `$ref`s point.
 *
 * Gotcha: JSON Schema cannot say everything a Schema checks (most refinements, transformations):
 * the server validates against this, the Schema then decodes and may still reject.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { StructuredOutput } from "effect-opencode"
 * StructuredOutput.jsonSchema(Schema.Struct({ name: Schema.String })) // { type: "object", … }
 * ```
 */
export const jsonSchema = (schema: Schema.Top): Record<string, unknown> => {
  const document = Schema.toJsonSchemaDocument(schema)
  const definitions = document.definitions
  return {
    ...(document.schema as Record<string, unknown>),
    ...(definitions !== undefined && Object.keys(definitions).length > 0 ? { $defs: definitions } : {})
  }
}

/**
 * The prompt's `format` asking for output that follows `schema`: the server's own
 * `{ type: "json_schema", schema, retryCount }`. `retryCount` is how often the server asks the
 * model again after an invalid answer (the server's default, 2, when left out).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { StructuredOutput } from "effect-opencode"
 * const format = StructuredOutput.format(Schema.Struct({ ok: Schema.Boolean }), { retryCount: 1 })
 * ```
 */
export const format = (
  schema: Schema.Top,
  options?: { readonly retryCount?: number | undefined }
): Message.OutputFormat => ({
  type: "json_schema",
  schema: jsonSchema(schema) as never,
  ...(options?.retryCount !== undefined ? { retryCount: options.retryCount } : {})
})

const preview = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text
}

/**
 * Decodes a structured value (JSON, as the server returned it) with the Schema: a rejection is a
 * `DecodeError` (endpoint `"structured output"`) holding the issue and the value.
 *
 * Use it to read back a value stored as JSON (a durable or cluster task's `Output.structured`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { StructuredOutput } from "effect-opencode"
 * const ok = StructuredOutput.decode(Schema.Struct({ ok: Schema.Boolean }), { ok: true })
 * ```
 */
export const decode = <A>(schema: Output<A>, value: unknown): Effect.Effect<A, DecodeError> =>
  Schema.decodeUnknownEffect(Schema.toCodecJson(schema))(value).pipe(
    Effect.mapError((issue) =>
      new DecodeError({
        endpoint: "structured output",
        issue: SchemaIssue.makeFormatterDefault()(issue.issue),
        body: preview(value)
      })
    )
  ) as Effect.Effect<A, DecodeError>

/**
 * The structured value of a prompt's replies: `structured` of the last reply that has one. A turn
 * that ended without one (the server should have failed it) is a `DecodeError`; a reply that
 * carries an error (e.g. `StructuredOutputError`) is a `SessionError`.
 *
 * @example
 * ```ts
 * import { StructuredOutput } from "effect-opencode"
 * const value = StructuredOutput.valueOf("ses_1", [])
 * ```
 */
export const valueOf = (
  sessionID: string,
  replies: ReadonlyArray<MessageResult.AssistantWithParts>
): Effect.Effect<unknown, DecodeError | SessionError> =>
  Effect.suspend((): Effect.Effect<unknown, DecodeError | SessionError> => {
    for (let i = replies.length - 1; i >= 0; i--) {
      const info = replies[i]!.info
      if (info.error !== undefined) {
        return Effect.fail(
          new SessionError({ sessionID, name: messageErrorName(info.error), message: messageErrorText(info.error), error: info.error })
        )
      }
      if (info.structured !== undefined) return Effect.succeed(info.structured)
    }
    return Effect.fail(
      new DecodeError({ endpoint: "structured output", issue: "the turn ended without a structured value", body: "" })
    )
  })

/**
 * A prompt's messages, newest first, from the newest message back to the prompt's own user
 * message (included when the server can return it).
 *
 * It pages 20 at a time. A prompt sent with a `json_schema` format cannot be read back (the 1.18.33
 * trap above; `MessageService.readMessages` then reads the newer messages one at a time and stops
 * there), so its own user message is then left out: callers read the user message's fields (its
 * diff summary) only when it is there.
 *
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import { StructuredOutput } from "effect-opencode"
 * const newestFirst = Stream.runCollect(StructuredOutput.sincePrompt("ses_1", "msg_1"))
 * ```
 */
export const sincePrompt = (
  sessionID: string,
  messageID: string
): Effect.Effect<ReadonlyArray<Message.MessageWithParts>, RequestError, MessageService.MessageService> =>
  Effect.flatMap(MessageService.MessageService, (messages) => {
    const isPrompt = (m: Message.MessageWithParts) => m.info.role !== "unknown" && m.info.id === messageID
    return messages.stream(sessionID, { pageSize: 20 }).pipe(
      Stream.takeUntil(isPrompt),
      Stream.runCollect,
      Effect.map((chunk): ReadonlyArray<Message.MessageWithParts> => Array.from(chunk))
    )
  })

/**
 * Whether a prompt asks for structured output (its `format` is a JSON schema).
 *
 * @example
 * ```ts
 * import { StructuredOutput } from "effect-opencode"
 * StructuredOutput.isStructured({ type: "text" }) // false
 * ```
 */
export const isStructured = (format: Message.OutputFormat | undefined): boolean => format?.type === "json_schema"

/**
 * Whether the server has a message: true when it returns it, and when it refuses to because it is
 * a user message sent with a `json_schema` format (the 1.18.33 trap above: the refusal proves it
 * exists); false on 404. For a resend check, where `MessageService.find` would fail on that trap.
 *
 * @example
 * ```ts
 * import { StructuredOutput } from "effect-opencode"
 * const sentAlready = StructuredOutput.exists("ses_1", "msg_1")
 * ```
 */
export const exists = (sessionID: string, messageID: string): Effect.Effect<boolean, RequestError, MessageService.MessageService> =>
  Effect.flatMap(MessageService.MessageService, (messages) =>
    messages.find(sessionID, messageID).pipe(
      Effect.map(Option.isSome),
      Effect.catchIf(isFormatEncodeBug, () => Effect.succeed(true))
    ))

/**
 * A run's result with its structured value decoded by `schema` as `output` (unchanged when no
 * schema is given). Fails like {@link valueOf} and {@link decode}.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { StructuredOutput } from "effect-opencode"
 * const typed = StructuredOutput.attach({ sessionID: "ses_1", messages: [], structured: { ok: true } }, Schema.Struct({ ok: Schema.Boolean }))
 * ```
 */
export const attach = <R extends { readonly sessionID: string; readonly messages: ReadonlyArray<MessageResult.AssistantWithParts> }>(
  result: R,
  schema: Schema.Top | undefined
): Effect.Effect<R | (R & { readonly output: unknown }), DecodeError | SessionError> =>
  schema === undefined
    ? Effect.succeed(result)
    : valueOf(result.sessionID, result.messages).pipe(
      Effect.flatMap((value) => decode(schema as Output<unknown>, value)),
      Effect.map((output) => ({ ...result, output }))
    )

/**
 * `MessageService.prompt` asking for structured output: sends the prompt with the Schema's
 * `format`, waits for the reply (the synchronous `POST /session/{id}/message`) and returns it
 * with its value decoded by the Schema as `output`. Fails with a `SessionError` named
 * `"StructuredOutputError"` when the model could not comply, a `DecodeError` when the Schema
 * rejects the value.
 *
 * Use it inside a session you manage; `Run.run(prompt, { output })` does the same with a session,
 * a deadline and the run's result.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { StructuredOutput } from "effect-opencode"
 * const Answer = Schema.Struct({ answer: Schema.String })
 * const program = Effect.map(StructuredOutput.prompt("ses_1", "What is 2+2?", Answer), (r) => r.output.answer)
 * ```
 */
export const prompt = <S extends Output<any>>(
  sessionID: string,
  input: string | Prompt.PromptInput,
  schema: S,
  options?: { readonly retryCount?: number | undefined }
): Effect.Effect<
  Message.MessageWithParts & { readonly output: S["Type"] },
  RequestError | SessionError,
  MessageService.MessageService
> =>
  Effect.flatMap(MessageService.MessageService, (messages) =>
    messages.prompt(sessionID, { ...MessageService.toPromptInput(input), format: format(schema, options) }).pipe(
      Effect.flatMap((reply) =>
        reply.info.role === "assistant"
          ? Effect.map(
            attach({ sessionID, messages: [reply as MessageResult.AssistantWithParts] }, schema),
            (r) => ({ ...reply, output: (r as { readonly output: S["Type"] }).output })
          )
          : Effect.fail(new DecodeError({ endpoint: "structured output", issue: "the prompt's answer is not an assistant message", body: preview(reply.info) }))
      )
    ))
