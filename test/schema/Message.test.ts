import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as M from "../../src/schema/Message.ts"
import * as SE from "../../src/schema/ServerError.ts"
import { base, capture, decodeFails, decodeOk, MSG, MSG2, SES } from "./helpers.ts"

const user = {
  id: MSG,
  sessionID: SES,
  role: "user",
  time: { created: 1795600410003 },
  summary: {
    diffs: [{ file: "hello.txt", patch: "Index: hello.txt", additions: 1, deletions: 0, status: "added" }]
  },
  agent: "build",
  model: { providerID: "local", modelID: "echo" }
}

const assistant = {
  id: MSG2,
  sessionID: SES,
  role: "assistant",
  time: { created: 1795600410010, completed: 1795600410200 },
  parentID: MSG,
  modelID: "echo",
  providerID: "local",
  mode: "build",
  agent: "build",
  path: { cwd: "/work/p", root: "/work/p" },
  cost: 0,
  tokens: { input: 11, output: 7, reasoning: 0, cache: { read: 0, write: 0 } },
  finish: "stop"
}

describe("Message", () => {
  it("decodes a user message, with every optional field", () => {
    expect(decodeOk(M.Message, user)).toEqual(user)
    const full = {
      ...user,
      format: { type: "json_schema", schema: { type: "object" }, retryCount: 2 },
      summary: { title: "t", body: "b", diffs: [] },
      model: { providerID: "local", modelID: "echo", variant: "high" },
      system: "be brief",
      tools: { bash: false, write: true }
    }
    expect(decodeOk(M.Message, full)).toEqual(full)
  })

  it("decodes an assistant message, with every optional field", () => {
    const message = decodeOk(M.Message, assistant)
    expect(message).toEqual(assistant)
    if (message.role !== "assistant") throw new Error("expected assistant")
    expect(message.tokens.cache.read).toBe(0)
    const full = {
      ...assistant,
      summary: true,
      mode: "compaction",
      structured: { answer: 42 },
      variant: "default",
      tokens: { ...assistant.tokens, total: 18 },
      error: { name: "MessageAbortedError", data: { message: "Aborted" } }
    }
    expect(decodeOk(M.AssistantMessage, full)).toEqual(full)
  })

  it("decodes each server error of an assistant message", () => {
    const errors = [
      { name: "ProviderAuthError", data: { providerID: "anthropic", message: "bad key" } },
      { name: "UnknownError", data: { message: "boom", ref: "err_1" } },
      { name: "MessageOutputLengthError", data: {} },
      { name: "MessageAbortedError", data: { message: "Aborted" } },
      { name: "StructuredOutputError", data: { message: "no json", retries: 2 } },
      { name: "ContextOverflowError", data: { message: "too long", responseBody: "{}" } },
      { name: "ContentFilterError", data: { message: "filtered" } },
      {
        name: "APIError",
        data: {
          message: "Rate limited",
          statusCode: 429,
          isRetryable: true,
          responseHeaders: { "retry-after": "1" },
          responseBody: "{}",
          metadata: { url: "http://x" }
        }
      }
    ]
    for (const error of errors) {
      const message = decodeOk(M.AssistantMessage, { ...assistant, error })
      expect(message.error).toEqual(error)
      expect(SE.messageErrorName(message.error!)).toBe(error.name)
    }
  })

  it("an error of another name decodes to the unknown fallback; a known name with another shape is a DecodeError", () => {
    const quota = { name: "QuotaError", data: { message: "out of credits", plan: "free" } }
    const m1 = decodeOk(M.AssistantMessage, { ...assistant, error: quota })
    expect(m1.error).toEqual({ name: "unknown", originalName: "QuotaError", raw: quota })
    expect(SE.messageErrorName(m1.error!)).toBe("QuotaError")
    expect(SE.messageErrorText(m1.error!)).toBe("out of credits")
    // the document's error union is exact for the names it lists (docs/api-description.md)
    decodeFails(M.AssistantMessage, { ...assistant, error: { name: "MessageAbortedError" } })
    decodeFails(M.AssistantMessage, { ...assistant, error: { _tag: "SomethingElse" } })
  })

  it("an unknown role becomes UnknownMessage with the original object as raw", () => {
    const raw = { id: MSG, sessionID: SES, role: "system", time: { created: 1 } }
    const message = decodeOk(M.Message, raw)
    expect(message).toEqual({ role: "unknown", originalRole: "system", raw })
    if (message.role !== "unknown") throw new Error("expected unknown")
    expect(message.raw).toBe(raw)
  })

  it("invalid messages fail with a SchemaError", () => {
    for (const value of [null, "user", 3, [], {}, { role: 1 }]) decodeFails(M.Message, value)
    const { agent: _agent, ...noAgent } = user
    decodeFails(M.Message, noAgent)
    const { parentID: _parent, ...noParent } = assistant
    decodeFails(M.Message, noParent)
    decodeFails(M.Message, { ...assistant, tokens: { input: 1, output: 1, reasoning: 0 } })
    decodeFails(M.Message, { ...user, id: "prt_wrong" })
  })

  it("MessageWithParts: info + parts, unknown parts kept", () => {
    const value = {
      info: assistant,
      parts: [
        { ...base, messageID: MSG2, type: "step-start" },
        { ...base, messageID: MSG2, type: "text", text: "hi" },
        { ...base, messageID: MSG2, type: "quantum", spin: "up" }
      ]
    }
    const decoded = decodeOk(M.MessageWithParts, value)
    expect(decoded.info).toEqual(assistant)
    expect(decoded.parts.map((p) => p.type)).toEqual(["step-start", "text", "unknown"])
    decodeFails(M.MessageWithParts, { info: assistant })
    decodeFails(M.MessageWithParts, { info: assistant, parts: [42] })
  })

  it("decodes what the real server answered to prompts and message lists", () => {
    const sync = decodeOk(M.MessageWithParts, capture.responses.promptSync!.body)
    expect(sync.info.role).toBe("assistant")
    expect(M.textOf(sync.parts)).toBe("Hello from the echo model.")
    const list = decodeOk(Schema.Array(M.MessageWithParts), capture.responses.messages!.body)
    const roles = list.map((m) => m.info.role)
    expect(roles).toContain("user")
    expect(roles).toContain("assistant")
    const types = new Set(list.flatMap((m) => m.parts.map((p) => p.type)))
    for (const t of ["text", "tool", "step-start", "step-finish", "patch"]) expect(types.has(t as any)).toBe(true)
    // The write prompt's user message carries the diff of the file it created.
    const diffs = list.flatMap((m) => (m.info.role === "user" ? m.info.summary?.diffs ?? [] : []))
    expect(diffs.some((d) => d.file === "hello.txt" && d.status === "added")).toBe(true)
    // A tool call gives two assistant messages: "tool-calls" then "stop", both children of the user message.
    const finishes = list.flatMap((m) => (m.info.role === "assistant" ? [m.info.finish] : []))
    expect(finishes).toContain("tool-calls")
  })

  it("decodes the messages after a summarize: a compaction part and a summary message", () => {
    const list = decodeOk(Schema.Array(M.MessageWithParts), capture.responses.messagesAfterSummarize!.body)
    const compaction = list.find((m) => m.parts.some((p) => p.type === "compaction"))
    expect(compaction?.info.role).toBe("user")
    const summary = list.find((m) => m.info.role === "assistant" && m.info.mode === "compaction")
    if (summary === undefined || summary.info.role !== "assistant") throw new Error("no summary message")
    expect(summary.info.summary).toBe(true)
    expect(M.textOf(summary.parts)).toBe("Summary of the conversation so far.")
  })

  it("decodes GET /session/{id}/message/{messageID}", () => {
    const one = decodeOk(M.MessageWithParts, capture.responses.message!.body)
    expect(one.info.role).toBe("user")
    expect(M.textOf(one.parts)).toBe("please WRITE a file")
  })

  it("decodes the aborted run: an assistant message with MessageAbortedError", () => {
    const list = decodeOk(Schema.Array(M.MessageWithParts), capture.responses.messagesAfterAbort!.body)
    const aborted = list.find((m) => m.info.role === "assistant" && m.info.error !== undefined)
    if (aborted === undefined || aborted.info.role !== "assistant") throw new Error("no aborted message")
    expect(aborted.info.error?.name).toBe("MessageAbortedError")
  })

  it("textOf skips synthetic and ignored text parts", () => {
    expect(M.textOf([])).toBe("")
    const decoded = decodeOk(M.MessageWithParts, {
      info: user,
      parts: [
        { ...base, type: "text", text: "a" },
        { ...base, type: "text", text: "hidden", synthetic: true },
        { ...base, type: "text", text: "ignored", ignored: true },
        { ...base, type: "step-start" },
        { ...base, type: "text", text: "b" }
      ]
    })
    expect(M.textOf(decoded.parts)).toBe("a\nb")
  })
})
