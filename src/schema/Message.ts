/**
 * Messages of a session: `UserMessage`, `AssistantMessage`, discriminated by `role`, and
 * `MessageWithParts` (`{ info, parts }`), the shape `GET /session/{id}/message` lists and
 * `POST /session/{id}/message` answers.
 *
 * A message with a `role` this library does not know decodes to {@link UnknownMessage}
 * `{ role: "unknown", originalRole, raw }` instead of failing.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts` under the library's names
 * (`MessageWithParts` and `MessageList` are the answers of `session.message` and
 * `session.messages`). Hand-written only: {@link knownRoles} (read off the generated union) and
 * {@link textOf} (a function).
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { knownTags, lastOf } from "./internal.ts"
import type { Part } from "./Part.ts"

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
export const OutputFormat = Schemas.OutputFormat

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
export const UserMessage = Schemas.UserMessage

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
export const AssistantMessage = Schemas.AssistantMessage

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
export const knownRoles: ReadonlySet<string> = knownTags(Schemas.Message.members, "role")

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
export const UnknownMessage = lastOf(Schemas.Message.members)

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
export const Message = Schemas.Message

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
export const MessageWithParts = operations["session.message"].success.schema

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
export const MessageList = operations["session.messages"].success.schema

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
