/**
 * Pure helpers on what prompts return: a message with its parts, or a list of them (a session's
 * history, the replies of one prompt). The assistant's final text, its tool calls with their
 * states, the files it touched, tokens and cost summed over assistant messages, the replies of
 * one user message, and the assistant's error.
 *
 * Every helper takes one `MessageWithParts` or an array of them.
 */
import { isAbsolute, resolve } from "../internal/path.ts"
import * as Message from "../schema/Message.ts"
import type * as P from "../schema/Part.ts"
import type { MessageError } from "../schema/ServerError.ts"
import type { Tokens } from "../schema/Session.ts"

/**
 * One message with its parts, or several (in history order).
 *
 * @example
 * ```ts
 * import type { MessageResult } from "effect-opencode"
 * const count = (input: MessageResult.Messages) => (Array.isArray(input) ? input.length : 1)
 * ```
 */
export type Messages = Message.MessageWithParts | ReadonlyArray<Message.MessageWithParts>

/**
 * A message known to be the model's.
 *
 * @example
 * ```ts
 * import type { MessageResult } from "effect-opencode"
 * const model = (m: MessageResult.AssistantWithParts) => `${m.info.providerID}/${m.info.modelID}`
 * ```
 */
export interface AssistantWithParts {
  readonly info: Message.AssistantMessage
  readonly parts: ReadonlyArray<P.Part>
}

const all = (input: Messages): ReadonlyArray<Message.MessageWithParts> =>
  Array.isArray(input) ? input : [input as Message.MessageWithParts]

/**
 * Tells whether a message is the model's.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const replies = history.filter(MessageResult.isAssistant)
 * ```
 */
export const isAssistant = (message: Message.MessageWithParts): message is AssistantWithParts =>
  message.info.role === "assistant"

/**
 * The id of a message (`undefined` only for a message of an unknown role without one).
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const ids = history.map(MessageResult.idOf)
 * ```
 */
export const idOf = (message: Message.MessageWithParts): string | undefined => {
  const info = message.info
  if (info.role !== "unknown") return info.id
  const raw = info.raw as { readonly id?: unknown } | null
  return typeof raw?.id === "string" ? raw.id : undefined
}

/**
 * The assistant messages among the input, in order.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const n = MessageResult.assistantMessages(history).length
 * ```
 */
export const assistantMessages = (input: Messages): ReadonlyArray<AssistantWithParts> => all(input).filter(isAssistant)

/**
 * The text of one message: its `text` parts (without synthetic or ignored ones) joined by
 * newlines.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const said = MessageResult.textOf(reply)
 * ```
 */
export const textOf = (message: Message.MessageWithParts): string => Message.textOf(message.parts)

/**
 * The assistant's final answer: the text of the last assistant message that has any text
 * (a prompt that calls tools ends with the message that carries the answer; the tool-calling
 * messages before it usually have none). `""` when no assistant message has text.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const answer = MessageResult.finalText(yield* messages.list(sessionID))
 * ```
 */
export const finalText = (input: Messages): string => {
  const messages = all(input)
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!
    if (m.info.role !== "assistant") continue
    const text = textOf(m)
    if (text !== "") return text
  }
  return ""
}

/**
 * A tool call of the assistant with its current state.
 *
 * @example
 * ```ts
 * import type { MessageResult } from "effect-opencode"
 * const failed = (calls: ReadonlyArray<MessageResult.ToolCall>) => calls.filter((c) => c.status === "error")
 * ```
 */
export interface ToolCall {
  /** The tool's name (`"bash"`, `"write"`, `"edit"`, `"read"`, …). */
  readonly tool: string
  readonly callID: string
  /** `pending`, `running`, `completed`, `error`, or `unknown` (a status this library does not know). */
  readonly status: P.ToolState["status"]
  /** The arguments the model gave (`{}` for an unknown state). */
  readonly input: { readonly [key: string]: unknown }
  /** The tool's output once completed. */
  readonly output: string | undefined
  /** The error text of a failed call. */
  readonly error: string | undefined
  readonly title: string | undefined
  readonly messageID: string
  /** The part itself, with every field. */
  readonly part: P.ToolPart
}

const stateInput = (state: P.ToolState): { readonly [key: string]: unknown } => {
  if (state.status !== "unknown") return state.input
  const raw = state.raw as { readonly input?: unknown } | null
  return typeof raw?.input === "object" && raw.input !== null ? (raw.input as { readonly [key: string]: unknown }) : {}
}

/**
 * The tool calls of the assistant messages, in order, with their states.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * for (const call of MessageResult.toolCalls(history)) console.log(call.tool, call.status, call.output)
 * ```
 */
export const toolCalls = (input: Messages): ReadonlyArray<ToolCall> => {
  const calls: Array<ToolCall> = []
  for (const m of all(input)) {
    if (m.info.role !== "assistant") continue
    for (const part of m.parts) {
      if (part.type !== "tool") continue
      const state = part.state
      calls.push({
        tool: part.tool,
        callID: part.callID,
        status: state.status,
        input: stateInput(state),
        output: state.status === "completed" ? state.output : undefined,
        error: state.status === "error" ? state.error : undefined,
        title: state.status === "completed" || state.status === "running" ? state.title : undefined,
        messageID: part.messageID,
        part
      })
    }
  }
  return calls
}

const writingTools: ReadonlySet<string> = new Set(["write", "edit", "multiedit"])

/**
 * The files the assistant changed, as absolute paths, each once, in the order first seen: the
 * files of `patch` parts (the server's record of what a step changed), and the `filePath` of
 * completed `write`/`edit`/`multiedit` tool calls (a relative path is resolved against the
 * message's working directory).
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const changed = MessageResult.filesTouched(MessageResult.assistantReplies(history, userMessageID))
 * ```
 */
export const filesTouched = (input: Messages): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const files: Array<string> = []
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file)
      files.push(file)
    }
  }
  for (const m of all(input)) {
    if (m.info.role !== "assistant") continue
    const cwd = m.info.path.cwd
    for (const part of m.parts) {
      if (part.type === "patch") {
        for (const file of part.files) add(isAbsolute(file) ? file : resolve(cwd, file))
      } else if (part.type === "tool" && writingTools.has(part.tool) && part.state.status === "completed") {
        const filePath = part.state.input.filePath
        if (typeof filePath === "string" && filePath !== "") add(isAbsolute(filePath) ? filePath : resolve(cwd, filePath))
      }
    }
  }
  return files
}

/**
 * Token counts summed over the assistant messages. `total` is the sum of each message's
 * `total`, or of its `input + output + reasoning` when the server gave none.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const { input, output } = MessageResult.tokens(history)
 * ```
 */
export const tokens = (input: Messages): Tokens & { readonly total: number } => {
  let total = 0
  let inTokens = 0
  let output = 0
  let reasoning = 0
  let read = 0
  let write = 0
  for (const m of all(input)) {
    if (m.info.role !== "assistant") continue
    const t = m.info.tokens
    total += t.total ?? t.input + t.output + t.reasoning
    inTokens += t.input
    output += t.output
    reasoning += t.reasoning
    read += t.cache.read
    write += t.cache.write
  }
  return { total, input: inTokens, output, reasoning, cache: { read, write } }
}

/**
 * The cost summed over the assistant messages (in the provider's currency, usually USD).
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * console.log(`$${MessageResult.cost(history).toFixed(4)}`)
 * ```
 */
export const cost = (input: Messages): number => {
  let sum = 0
  for (const m of all(input)) if (m.info.role === "assistant") sum += m.info.cost
  return sum
}

/**
 * Every assistant message answering one user message (its `parentID`), in history order: a
 * prompt that calls tools gets several.
 *
 * @example
 * ```ts
 * import { MessageResult } from "effect-opencode"
 * const replies = MessageResult.assistantReplies(yield* messages.list(sessionID), userMessageID)
 * ```
 */
export const assistantReplies = (
  history: ReadonlyArray<Message.MessageWithParts>,
  userMessageID: string
): ReadonlyArray<AssistantWithParts> =>
  history.filter((m): m is AssistantWithParts => m.info.role === "assistant" && m.info.parentID === userMessageID)

/**
 * The assistant's error, if any: the `error` of the last assistant message that carries one
 * (a failed model call, an abort: `MessageAbortedError`, …).
 *
 * @example
 * ```ts
 * import { MessageResult, ServerError } from "effect-opencode"
 * const error = MessageResult.errorOf(reply)
 * if (error) console.error(ServerError.messageErrorText(error))
 * ```
 */
export const errorOf = (input: Messages): MessageError | undefined => {
  const messages = all(input)
  for (let i = messages.length - 1; i >= 0; i--) {
    const info = messages[i]!.info
    if (info.role === "assistant" && info.error !== undefined) return info.error
  }
  return undefined
}
