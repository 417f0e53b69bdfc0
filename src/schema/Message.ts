/**
 * Messages of a session: `UserMessage`, `AssistantMessage`, discriminated by `role`, and
 * `MessageWithParts` (`{ info, parts }`), the shape `GET /session/{id}/message` lists and
 * `POST /session/{id}/message` answers.
 *
 * A message with a `role` this library does not know decodes to {@link UnknownMessage}
 * `{ role: "unknown", originalRole, raw }` instead of failing.
 *
 * @since 0.1.0
 */
import { Schema, SchemaTransformation } from "effect"
import { MessageID, SessionID } from "./Ids.ts"
import { JsonObject, literalsOf, unrecognised } from "./internal.ts"
import { Part } from "./Part.ts"
import { MessageError } from "./ServerError.ts"
import { FileDiff, Tokens } from "./Session.ts"

/**
 * The requested output format of a prompt: plain text, or JSON following a JSON schema.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const format: Message.OutputFormat = { type: "json_schema", schema: { type: "object" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const OutputFormat = Schema.Union([
  Schema.Struct({ type: Schema.Literal("text") }),
  Schema.Struct({
    type: Schema.Literal("json_schema"),
    schema: JsonObject,
    retryCount: Schema.optional(Schema.Number)
  })
])

/**
 * The decoded type of {@link OutputFormat}.
 *
 * @since 0.1.0
 * @category models
 */
export type OutputFormat = typeof OutputFormat.Type

/**
 * A message sent by the user (a prompt). `summary.diffs` lists the files the prompt changed.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const changed = (m: Message.UserMessage) => m.summary?.diffs.map((d) => d.file) ?? []
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const UserMessage = Schema.Struct({
  id: MessageID,
  sessionID: SessionID,
  role: Schema.Literal("user"),
  time: Schema.Struct({ created: Schema.Number }),
  format: Schema.optional(OutputFormat),
  summary: Schema.optional(
    Schema.Struct({
      title: Schema.optional(Schema.String),
      body: Schema.optional(Schema.String),
      diffs: Schema.Array(FileDiff)
    })
  ),
  agent: Schema.String,
  model: Schema.Struct({
    providerID: Schema.String,
    modelID: Schema.String,
    variant: Schema.optional(Schema.String)
  }),
  system: Schema.optional(Schema.String),
  tools: Schema.optional(Schema.Record(Schema.String, Schema.Boolean))
})

/**
 * The decoded type of {@link UserMessage}.
 *
 * @since 0.1.0
 * @category messages
 */
export type UserMessage = typeof UserMessage.Type

/**
 * A message written by the model: its model, `cost`, `tokens`, `finish` reason (`"stop"`,
 * `"tool-calls"`, …), `time.completed` once done, and `error` when it failed.
 * `mode: "compaction"` with `summary: true` marks the summary of a compaction.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const done = (m: Message.AssistantMessage) => m.time.completed !== undefined
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const AssistantMessage = Schema.Struct({
  id: MessageID,
  sessionID: SessionID,
  role: Schema.Literal("assistant"),
  time: Schema.Struct({
    created: Schema.Number,
    completed: Schema.optional(Schema.Number)
  }),
  error: Schema.optional(MessageError),
  parentID: MessageID,
  modelID: Schema.String,
  providerID: Schema.String,
  mode: Schema.String,
  agent: Schema.String,
  path: Schema.Struct({ cwd: Schema.String, root: Schema.String }),
  summary: Schema.optional(Schema.Boolean),
  cost: Schema.Number,
  tokens: Tokens,
  structured: Schema.optional(Schema.Unknown),
  variant: Schema.optional(Schema.String),
  finish: Schema.optional(Schema.String)
})

/**
 * The decoded type of {@link AssistantMessage}.
 *
 * @since 0.1.0
 * @category messages
 */
export type AssistantMessage = typeof AssistantMessage.Type

/**
 * The `role`s this library knows.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * Message.knownRoles.has("user") // true
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const knownRoles: ReadonlySet<string> = literalsOf("role", [UserMessage, AssistantMessage])

/**
 * A message with a `role` this library does not know: `{ role: "unknown", originalRole, raw }`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Message } from "effect-opencode"
 * Schema.decodeUnknownSync(Message.Message)({ role: "system", id: "msg_1" })
 * // { role: "unknown", originalRole: "system", raw: { role: "system", id: "msg_1" } }
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const UnknownMessage = unrecognised("role", knownRoles, "a message (an object with a string \"role\")").pipe(
  Schema.decodeTo(
    Schema.Struct({
      role: Schema.Literal("unknown"),
      originalRole: Schema.String,
      raw: Schema.Unknown
    }),
    SchemaTransformation.transform({
      decode: (raw) => ({ role: "unknown" as const, originalRole: raw.role, raw: raw as unknown }),
      encode: (value) => value.raw as { readonly role: string }
    })
  )
)

/**
 * The decoded type of {@link UnknownMessage}.
 *
 * @since 0.1.0
 * @category messages
 */
export type UnknownMessage = typeof UnknownMessage.Type

/**
 * Any message, discriminated by `role`.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const model = (m: Message.Message) => (m.role === "assistant" ? `${m.providerID}/${m.modelID}` : undefined)
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const Message = Schema.Union([UserMessage, AssistantMessage, UnknownMessage])

/**
 * The decoded type of {@link Message}.
 *
 * @since 0.1.0
 * @category messages
 */
export type Message = typeof Message.Type

/**
 * A message with its parts: an element of `GET /session/{id}/message`, the answer of
 * `GET /session/{id}/message/{messageID}` and of `POST /session/{id}/message` (the last
 * assistant message of the prompt).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Message } from "effect-opencode"
 * const decodeList = Schema.decodeUnknownExit(Schema.Array(Message.MessageWithParts))
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const MessageWithParts = Schema.Struct({
  info: Message,
  parts: Schema.Array(Part)
})

/**
 * The decoded type of {@link MessageWithParts}.
 *
 * @since 0.1.0
 * @category messages
 */
export type MessageWithParts = typeof MessageWithParts.Type

/**
 * A session's messages, oldest first: the answer of `GET /session/{id}/message`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Message } from "effect-opencode"
 * const decode = Schema.decodeUnknownSync(Message.MessageList)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const MessageList = Schema.Array(MessageWithParts)

/**
 * The text a message's parts say: its `text` parts (without `synthetic` or `ignored` ones),
 * joined by newlines.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const answer = (m: Message.MessageWithParts) => Message.textOf(m.parts)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const textOf = (parts: ReadonlyArray<Part>): string => {
  const texts: Array<string> = []
  for (const part of parts) {
    if (part.type === "text" && part.synthetic !== true && part.ignored !== true && part.text !== "") {
      texts.push(part.text)
    }
  }
  return texts.join("\n")
}
