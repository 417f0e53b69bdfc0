/**
 * Structured output typed by an Effect Schema: the prompt carries the Schema's JSON Schema
 * (`format: { type: "json_schema", schema, retryCount }`) and the server's answer
 * (`AssistantMessage.structured`) is decoded with the same Schema. Use {@link prompt} inside a
 * session you manage, `Run.run(prompt, { output })` otherwise.
 *
 * The server (1.18.33) gives the model a `StructuredOutput` tool with `tool_choice: "required"`;
 * its arguments become `structured`. Two failures, kept distinct: the model could not comply →
 * `SessionError` named `"StructuredOutputError"`; the server accepted a value the Schema rejects
 * (a refinement JSON Schema cannot express) → `DecodeError` with endpoint `"structured output"`.
 *
 * Server trap ({@link sincePrompt}, {@link exists}): in 1.18.33 any message page holding a user
 * message sent with a `json_schema` format answers 400 ("Expected OutputFormatJsonSchema … at
 * [n].info.format"), and so does reading that message alone; assistant messages stay readable.
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

/** A Schema for a structured output (no services); its JSON Schema comes from its encoded side. */
export type Output<A> = Schema.Codec<A, any, never, never>

/**
 * The self-contained JSON Schema (draft 2020-12, named definitions under `$defs`) of a Schema's
 * JSON form. Gotcha: it cannot say all a Schema checks, so the server may accept what
 * {@link decode} then rejects.
 */
export const jsonSchema = (schema: Schema.Top): Record<string, unknown> => {
  const document = Schema.toJsonSchemaDocument(schema)
  const definitions = document.definitions
  return {
    ...(document.schema as Record<string, unknown>),
    ...(definitions !== undefined && Object.keys(definitions).length > 0 ? { $defs: definitions } : {})
  }
}

/** The prompt `format` asking for `schema`; `retryCount`: re-asks after an invalid answer (server default 2). */
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
 * Decodes a structured JSON value with the Schema; a rejection is a `DecodeError` (endpoint
 * `"structured output"`) with the issue and the value. Use it to read back a stored value (a
 * durable or cluster task's `Output.structured`).
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
 * `structured` of the last reply that has one: a reply carrying an error (e.g.
 * `StructuredOutputError`) is a `SessionError`, a turn without a value a `DecodeError`.
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
 * A prompt's messages, newest first, back to its own user message, paged 20 at a time. When the
 * prompt used a `json_schema` format its user message cannot be read (the trap above) and is left
 * out: callers read its fields (the diff summary) only when present.
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

/** Whether a prompt's `format` asks for structured output (a JSON schema). */
export const isStructured = (format: Message.OutputFormat | undefined): boolean => format?.type === "json_schema"

/**
 * Whether the server has a message, for a resend check: true when returned, and when refused
 * because it is a `json_schema` user message (the trap above proves it exists, where
 * `MessageService.find` would fail); false on 404.
 */
export const exists = (sessionID: string, messageID: string): Effect.Effect<boolean, RequestError, MessageService.MessageService> =>
  Effect.flatMap(MessageService.MessageService, (messages) =>
    messages.find(sessionID, messageID).pipe(
      Effect.map(Option.isSome),
      Effect.catchIf(isFormatEncodeBug, () => Effect.succeed(true))
    ))

/** A run's result with its value decoded by `schema` as `output`; fails like {@link valueOf} and {@link decode}. */
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
 * `MessageService.prompt` (synchronous) asking for structured output: the reply with its value
 * decoded as `output`. Fails like {@link valueOf} and {@link decode}.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Schema } from "effect"
 * import { MessageService, OpencodeClient, StructuredOutput } from "effect-opencode"
 *
 * const Verdict = Schema.Struct({ ok: Schema.Boolean, reasons: Schema.Array(Schema.String) })
 * const program = StructuredOutput.prompt("ses_1", "Does src/ build?", Verdict, { retryCount: 1 }).pipe(
 *   Effect.map((reply) => reply.output.ok),
 *   Effect.provide(MessageService.layer.pipe(Layer.provide(OpencodeClient.layerConfig())))
 * )
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
