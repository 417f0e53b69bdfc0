/**
 * Messages of a session, discriminated by `role`, and the shape the server lists them in:
 *
 * - `UserMessage`: a message sent by the user (a prompt); `summary.diffs` lists the files the
 *   prompt changed.
 * - `AssistantMessage`: a message written by the model: its model (`providerID`, `modelID`),
 *   `cost`, `tokens`, `finish` reason (`"stop"`, `"tool-calls"`, …), `time.completed` once done,
 *   and `error` when it failed. `mode: "compaction"` with `summary: true` marks the summary of a
 *   compaction.
 * - `Message`: either, or {@link UnknownMessage}. `OutputFormat`: the requested output format of
 *   a prompt (plain `text`, or `json_schema` with a JSON schema).
 * - {@link MessageWithParts} (`{ info, parts }`) and {@link MessageList}: what
 *   `GET /session/{id}/message` lists and `POST /session/{id}/message` answers.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under their own names
 * (`MessageWithParts` and `MessageList` are the answers of `session.message` and
 * `session.messages`). Hand-written only: {@link knownRoles} (read off the generated union),
 * {@link UnknownMessage} and {@link textOf}.
 *
 * Gotchas: the union is open: a message with a `role` this library does not know decodes to
 * {@link UnknownMessage} `{ role: "unknown", originalRole, raw }` instead of failing, so match on
 * `role` with a default branch. Unknown keys are dropped; ids are branded (`Ids.MessageID`,
 * `Ids.SessionID`).
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const model = (m: Message.Message) => (m.role === "assistant" ? `${m.providerID}/${m.modelID}` : undefined)
 * const done = (m: Message.AssistantMessage) => m.time.completed !== undefined
 * ```
 */
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { knownTags, lastOf } from "./internal.ts"
import type { Part } from "./Part.ts"
import { lazy } from "../internal/lazy.ts"

export { AssistantMessage, Message, OutputFormat, UserMessage } from "../api/Schemas.ts"

/**
 * The `role`s this library knows.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * Message.knownRoles.has("user") // true
 * ```
 */
export const knownRoles: ReadonlySet<string> = /* @__PURE__ */ lazy(() => knownTags(Schemas.Message.members, "role"))

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
 */
export const UnknownMessage = /* @__PURE__ */ lazy(() => lastOf(Schemas.Message.members))

/** The decoded type of {@link UnknownMessage}. */
export type UnknownMessage = typeof UnknownMessage.Type

/**
 * A message with its parts: an element of `GET /session/{id}/message`, the answer of
 * `GET /session/{id}/message/{messageID}` and of `POST /session/{id}/message` (the last
 * assistant message of the prompt).
 */
export const MessageWithParts = Op.sessionMessage.success.schema
/** The decoded type of {@link MessageWithParts}. */
export type MessageWithParts = typeof MessageWithParts.Type

/** A session's messages, oldest first: the answer of `GET /session/{id}/message`. */
export const MessageList = Op.sessionMessages.success.schema

/**
 * The text a message's parts say: its `text` parts (without `synthetic` or `ignored` ones),
 * joined by newlines.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const answer = (m: Message.MessageWithParts) => Message.textOf(m.parts)
 * ```
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
