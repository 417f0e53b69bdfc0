import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as P from "../../src/schema/Part.ts"
import { base, decodeFails, decodeOk, MSG } from "./helpers.ts"

const tokens = { input: 11, output: 7, reasoning: 0, cache: { read: 0, write: 0 } }

const fixtures: Record<string, Record<string, unknown>> = {
  text: { ...base, type: "text", text: "Hello from the echo model.", time: { start: 1, end: 2 } },
  reasoning: { ...base, type: "reasoning", text: "thinking…", metadata: { openai: { id: "r1" } }, time: { start: 1 } },
  file: {
    ...base,
    type: "file",
    mime: "text/plain",
    filename: "README.md",
    url: "file:///work/p/README.md",
    source: { type: "file", path: "README.md", text: { value: "@README.md", start: 0, end: 10 } }
  },
  tool: {
    ...base,
    type: "tool",
    callID: "call_abc",
    tool: "bash",
    state: {
      status: "completed",
      input: { command: "echo hi", description: "Say hi" },
      output: "hi\n",
      title: "Say hi",
      metadata: { exit: 0, output: "hi\n" },
      time: { start: 1, end: 2 }
    }
  },
  "step-start": { ...base, type: "step-start", snapshot: "634c0745" },
  "step-finish": { ...base, type: "step-finish", reason: "stop", snapshot: "634c0745", cost: 0, tokens },
  snapshot: { ...base, type: "snapshot", snapshot: "634c0745" },
  patch: { ...base, type: "patch", hash: "634c0745", files: ["/work/p/hello.txt"] },
  agent: { ...base, type: "agent", name: "explore", source: { value: "@explore", start: 0, end: 8 } },
  subtask: {
    ...base,
    type: "subtask",
    prompt: "List the TODOs",
    description: "find todos",
    agent: "explore",
    model: { providerID: "local", modelID: "echo" },
    command: "todos"
  },
  retry: {
    ...base,
    type: "retry",
    attempt: 2,
    error: { name: "APIError", data: { message: "Rate limited", statusCode: 429, isRetryable: true } },
    time: { created: 1 }
  },
  compaction: { ...base, type: "compaction", auto: false, overflow: true, tail_start_id: MSG }
}

describe("Part", () => {
  it("knows every part type of the document", () => {
    expect([...P.knownPartTypes].sort()).toEqual(Object.keys(fixtures).sort())
  })

  for (const [type, fixture] of Object.entries(fixtures)) {
    it(`decodes a ${type} part exactly`, () => {
      const part = decodeOk(P.Part, fixture)
      expect(part.type).toBe(type)
      expect(part).toEqual(fixture)
    })
  }

  it("decodes every tool state", () => {
    const pending = { status: "pending", input: {}, raw: "" }
    const running = { status: "running", input: { command: "ls" }, title: "ls", metadata: {}, time: { start: 1 } }
    const error = { status: "error", input: { command: "ls" }, error: "Cancelled", metadata: { interrupted: true }, time: { start: 1, end: 2 } }
    const completed = {
      status: "completed",
      input: {},
      output: "ok",
      title: "t",
      metadata: {},
      time: { start: 1, end: 2, compacted: 3 },
      attachments: [{ ...base, type: "file", mime: "image/png", url: "data:image/png;base64,AAAA" }]
    }
    for (const state of [pending, running, error, completed]) {
      expect(decodeOk(P.ToolState, state)).toEqual(state)
      const part = decodeOk(P.Part, { ...fixtures.tool, state })
      expect(part.type === "tool" && part.state.status).toBe(state.status)
    }
  })

  it("a tool state with an unknown status becomes UnknownToolState, raw preserved", () => {
    const state = { status: "paused", input: { a: 1 }, since: 5 }
    const part = decodeOk(P.Part, { ...fixtures.tool, state })
    if (part.type !== "tool") throw new Error("expected a tool part")
    expect(part.state).toEqual({ status: "unknown", originalStatus: "paused", raw: state })
    expect(part.state.status === "unknown" && part.state.raw).toBe(state)
  })

  it("an unknown part type becomes UnknownPart with the original object as raw", () => {
    const raw = { ...base, type: "hologram", beam: { intensity: 3 } }
    const part = decodeOk(P.Part, raw)
    expect(part).toEqual({ type: "unknown", originalType: "hologram", raw })
    if (part.type !== "unknown") throw new Error("expected unknown")
    expect(part.raw).toBe(raw)
    // Even without the usual id fields.
    expect(decodeOk(P.Part, { type: "x" })).toEqual({ type: "unknown", originalType: "x", raw: { type: "x" } })
    // "unknown" itself is not a known type either.
    expect(decodeOk(P.Part, { type: "unknown" }).type).toBe("unknown")
  })

  it("values that are not objects with a string type fail with a SchemaError", () => {
    for (const value of [null, undefined, 1, "text", [], [fixtures.text], {}, { type: 5 }, { type: null }]) {
      decodeFails(P.Part, value)
    }
  })

  it("a known type with a missing or wrong field fails (it is not turned into UnknownPart)", () => {
    const { text: _text, ...noText } = fixtures.text!
    decodeFails(P.Part, noText)
    decodeFails(P.Part, { ...fixtures["step-finish"], tokens: { input: 1 } })
    decodeFails(P.Part, { ...fixtures.tool, state: { status: "completed", input: {} } })
    decodeFails(P.Part, { ...fixtures.text, sessionID: "../../x" })
    decodeFails(P.Part, { ...fixtures.file, source: { type: "telepathy" } })
  })

  it("tolerates fields a newer server adds", () => {
    const part = decodeOk(P.Part, { ...fixtures.text, sparkle: true })
    expect(part).toEqual(fixtures.text)
  })

  it("keeps free-form objects (tool input, metadata) as sent: any JSON, checked as JSON", () => {
    const input = { command: "ls", nested: { deep: [1, 2, 3] } }
    const part = decodeOk(P.Part, { ...fixtures.tool, state: { status: "pending", input, raw: "" } })
    if (part.type !== "tool" || part.state.status !== "pending") throw new Error("expected a pending tool")
    expect(part.state.input).toEqual(input)
    // the document's JSON value: not an array at the top, no undefined or function inside
    decodeFails(P.Part, { ...fixtures.tool, state: { status: "pending", input: [1], raw: "" } })
    decodeFails(P.Part, { ...fixtures.tool, state: { status: "pending", input: { f: () => 1 }, raw: "" } })
  })

  it("decodes with a compiled decoder many times", () => {
    const decode = Schema.decodeUnknownExit(P.Part)
    let ok = 0
    for (let i = 0; i < 1000; i++) if (Exit.isSuccess(decode(fixtures.tool))) ok++
    expect(ok).toBe(1000)
  })
})
