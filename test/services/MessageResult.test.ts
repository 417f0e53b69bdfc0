import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Message from "../../src/schema/Message.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
import { capture } from "../schema/helpers.ts"

const decode = Schema.decodeUnknownSync(Schema.Array(Message.MessageWithParts))
// user "say hello" → reply; user "please WRITE a file" → tool-call reply (write hello.txt) + text reply
const history = decode(capture.responses.messages!.body)
const writeUser = history[2]!
const afterAbort = decode(capture.responses.messagesAfterAbort!.body)

const withError = (m: Message.MessageWithParts, error: unknown): Message.MessageWithParts =>
  decode([{ info: { ...(Schema.encodeSync(Message.Message)(m.info) as object), error }, parts: [] }])[0]!

describe("MessageResult", () => {
  it("finalText is the last assistant text; one message gives its own text", () => {
    expect(MessageResult.finalText(history)).toBe(MessageResult.textOf(history[4]!))
    expect(MessageResult.finalText(history)).not.toBe("")
    expect(MessageResult.finalText(history[1]!)).toBe(Message.textOf(history[1]!.parts))
    // The tool-calling message has no text of its own.
    expect(MessageResult.finalText(history[3]!)).toBe("")
    expect(MessageResult.finalText(history.slice(0, 1))).toBe("")
    expect(MessageResult.finalText([])).toBe("")
  })

  it("toolCalls lists the write call with its completed state", () => {
    const calls = MessageResult.toolCalls(history)
    expect(calls.length).toBe(1)
    const [call] = calls
    expect(call!.tool).toBe("write")
    expect(call!.status).toBe("completed")
    expect(call!.input.filePath).toBeTypeOf("string")
    expect(call!.output).toBeTypeOf("string")
    expect(call!.error).toBeUndefined()
    expect(call!.messageID).toBe(MessageResult.idOf(history[3]!))
    expect(MessageResult.toolCalls(history[1]!)).toEqual([])
  })

  it("idOf reads known and unknown messages' ids", () => {
    expect(MessageResult.idOf(history[0]!)).toMatch(/^msg_/)
    const [odd] = decode([{ info: { role: "system", id: "msg_sys" }, parts: [] }])
    expect(odd!.info.role).toBe("unknown")
    expect(MessageResult.idOf(odd!)).toBe("msg_sys")
  })

  it("filesTouched takes patch parts and write inputs, absolute, each once", () => {
    const files = MessageResult.filesTouched(history)
    const cwd = (history[3]!.info as Message.AssistantMessage).path.cwd
    expect(files).toEqual([`${cwd}/hello.txt`])
    expect(MessageResult.filesTouched(history[1]!)).toEqual([])
  })

  it("tokens and cost add up over assistant messages only", () => {
    const assistants = MessageResult.assistantMessages(history)
    expect(assistants.length).toBe(3)
    const t = MessageResult.tokens(history)
    expect(t.input).toBe(assistants.reduce((s, m) => s + m.info.tokens.input, 0))
    expect(t.output).toBe(assistants.reduce((s, m) => s + m.info.tokens.output, 0))
    expect(t.total).toBe(assistants.reduce((s, m) => s + (m.info.tokens.total ?? m.info.tokens.input + m.info.tokens.output), 0))
    expect(t.input).toBeGreaterThan(0)
    expect(MessageResult.tokens([])).toEqual({ total: 0, input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } })
    expect(MessageResult.cost(history)).toBe(assistants.reduce((s, m) => s + m.info.cost, 0))
  })

  it("assistantReplies gives both assistant messages of a tool prompt", () => {
    const replies = MessageResult.assistantReplies(history, writeUser.info.role === "user" ? writeUser.info.id : "")
    expect(replies.map((m) => m.info.finish)).toEqual(["tool-calls", "stop"])
    expect(MessageResult.assistantReplies(history, "msg_none")).toEqual([])
  })

  it("errorOf finds the abort error, and nothing on a clean history", () => {
    expect(MessageResult.errorOf(history)).toBeUndefined()
    const error = MessageResult.errorOf(afterAbort)
    expect(error?.name).toBe("MessageAbortedError")
    const failed = withError(history[1]!, { name: "UnknownError", data: { message: "boom" } })
    expect(MessageResult.errorOf([failed, history[4]!])?.name).toBe("UnknownError")
    expect(MessageResult.errorOf(failed)?.name).toBe("UnknownError")
  })
})
