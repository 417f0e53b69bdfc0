/**
 * Messages of a session, discriminated by `role` (generated schemas, re-exported): `UserMessage`
 * (`summary.diffs`: files the prompt changed), `AssistantMessage` (`providerID`, `modelID`,
 * `cost`, `tokens`, `finish` reason, `time.completed` once done, `error`; `mode: "compaction"`
 * with `summary: true` is a compaction's summary), {@link MessageWithParts} and {@link MessageList}.
 *
 * Gotchas: the union is open: an unknown `role` decodes to {@link UnknownMessage}, so match with a
 * default branch. Unknown keys are dropped.
 *
 * @example
 * ```ts
 * import { Message } from "effect-opencode"
 * const model = (m: Message.Message) => (m.role === "assistant" ? `${m.providerID}/${m.modelID}` : undefined)
 * const answer = (m: Message.MessageWithParts) => Message.textOf(m.parts)
 * ```
 */
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { knownTags, lastOf } from "./internal.ts"
import type { Part } from "./Part.ts"
import { lazy } from "../internal/lazy.ts"

export { AssistantMessage, Message, OutputFormat, UserMessage } from "../api/Schemas.ts"

/** The `role`s this library knows. */
export const knownRoles: ReadonlySet<string> = /* @__PURE__ */ lazy(() => knownTags(Schemas.Message.members, "role"))

/** A message of a `role` this library does not know: `{ role: "unknown", originalRole, raw }`. */
export const UnknownMessage = /* @__PURE__ */ lazy(() => lastOf(Schemas.Message.members))
export type UnknownMessage = typeof UnknownMessage.Type

/**
 * A message with its parts: an element of `GET /session/{id}/message`, the answer of `GET
 * …/message/{messageID}` and of `POST …/message` (the prompt's last assistant message).
 */
export const MessageWithParts = Op.sessionMessage.success.schema
export type MessageWithParts = typeof MessageWithParts.Type

/** A session's messages, oldest first: the answer of `GET /session/{id}/message`. */
export const MessageList = Op.sessionMessages.success.schema

/** The text of a message's `text` parts (not `synthetic` or `ignored` ones), joined by newlines. */
export const textOf = (parts: ReadonlyArray<Part>): string => {
  const texts: Array<string> = []
  for (const part of parts) {
    if (part.type === "text" && part.synthetic !== true && part.ignored !== true && part.text !== "") {
      texts.push(part.text)
    }
  }
  return texts.join("\n")
}
