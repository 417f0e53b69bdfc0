/**
 * Pure helpers on what prompts return, each taking one `MessageWithParts` or an array of them (a
 * session's history, one prompt's replies): the final text, tool calls with their states, files
 * touched, tokens and cost summed over assistant messages, the replies of one user message, the
 * assistant's error. Gotcha: a prompt that calls a tool gets several assistant messages, so
 * prefer these over reading the last message.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { MessageResult, MessageService, OpencodeClient } from "effect-opencode"
 *
 * const report = (sessionID: string, userMessageID: string) =>
 *   Effect.gen(function*() {
 *     const messages = yield* MessageService.MessageService
 *     const replies = MessageResult.assistantReplies(yield* messages.list(sessionID), userMessageID)
 *     return {
 *       answer: MessageResult.finalText(replies),
 *       failedTools: MessageResult.toolCalls(replies).filter((c) => c.status === "error"),
 *       files: MessageResult.filesTouched(replies),
 *       tokens: MessageResult.tokens(replies).total,
 *       cost: MessageResult.cost(replies)
 *     }
 *   }).pipe(Effect.provide(MessageService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
import { isAbsolute, resolve } from "../internal/path.ts"
import * as Message from "../schema/Message.ts"
import type * as P from "../schema/Part.ts"
import type { MessageError } from "../schema/ServerError.ts"
import type { Tokens } from "../schema/Session.ts"

/** One message with its parts, or several (in history order). */
export type Messages = Message.MessageWithParts | ReadonlyArray<Message.MessageWithParts>

/** A message known to be the model's. */
export interface AssistantWithParts {
  readonly info: Message.AssistantMessage
  readonly parts: ReadonlyArray<P.Part>
}

const all = (input: Messages): ReadonlyArray<Message.MessageWithParts> =>
  Array.isArray(input) ? input : [input as Message.MessageWithParts]

/** Whether a message is the model's. */
export const isAssistant = (message: Message.MessageWithParts): message is AssistantWithParts =>
  message.info.role === "assistant"

/** The id of a message (`undefined` only for a message of an unknown role without one). */
export const idOf = (message: Message.MessageWithParts): string | undefined => {
  const info = message.info
  if (info.role !== "unknown") return info.id
  const raw = info.raw as { readonly id?: unknown } | null
  return typeof raw?.id === "string" ? raw.id : undefined
}

/** The assistant messages among the input, in order. */
export const assistantMessages = (input: Messages): ReadonlyArray<AssistantWithParts> => all(input).filter(isAssistant)

/** The text of one message: its `text` parts, without synthetic or ignored ones, joined by newlines. */
export const textOf = (message: Message.MessageWithParts): string => Message.textOf(message.parts)

/**
 * The assistant's answer: the text of the last assistant message that has any (the tool-calling
 * messages before it usually have none); `""` when none has text.
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

/** A tool call of the assistant with its current state. */
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

/** The tool calls of the assistant messages, in order, with their states. */
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
 * The files the assistant changed, absolute, each once, in order first seen: the files of `patch`
 * parts and the `filePath` of completed `write`/`edit`/`multiedit` calls (relative ones resolved
 * against the message's working directory).
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
 * Token counts summed over the assistant messages; `total` sums each message's `total`, or its
 * `input + output + reasoning` when the server gave none.
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

/** The cost summed over the assistant messages (the provider's currency, usually USD). */
export const cost = (input: Messages): number => {
  let sum = 0
  for (const m of all(input)) if (m.info.role === "assistant") sum += m.info.cost
  return sum
}

/** Every assistant message answering one user message (its `parentID`), in order: several when tools ran. */
export const assistantReplies = (
  history: ReadonlyArray<Message.MessageWithParts>,
  userMessageID: string
): ReadonlyArray<AssistantWithParts> =>
  history.filter((m): m is AssistantWithParts => m.info.role === "assistant" && m.info.parentID === userMessageID)

/** The `error` of the last assistant message that carries one (a failed model call, `MessageAbortedError`, …). */
export const errorOf = (input: Messages): MessageError | undefined => {
  const messages = all(input)
  for (let i = messages.length - 1; i >= 0; i--) {
    const info = messages[i]!.info
    if (info.role === "assistant" && info.error !== undefined) return info.error
  }
  return undefined
}
