import { memberName } from "../../scripts/api/generator.ts"
import { describe, expect, it } from "@effect/vitest"
import { Exit } from "effect"
import * as E from "../../src/schema/Event.ts"
import { base, capture, decodeFails, decodeOk, MSG, MSG2, PRT, SES } from "./helpers.ts"

const session = {
  id: SES,
  slug: "sunny-forest",
  projectID: "global",
  directory: "/work/p",
  title: "New session",
  version: "1.18.33",
  time: { created: 1, updated: 2 }
}
const userMessage = {
  id: MSG,
  sessionID: SES,
  role: "user",
  time: { created: 1 },
  agent: "build",
  model: { providerID: "local", modelID: "echo" }
}
const ev = (type: string, properties: unknown) => ({ id: "evt_212203e56001hm3xLlF2ydCVzq", type, properties })

/** One fixture per event kind, shaped after the document (and the real server where observed). */
const fixtures = [
  ev("server.connected", {}),
  ev("server.heartbeat", {}),
  ev("session.created", { sessionID: SES, info: session }),
  ev("session.updated", { sessionID: SES, info: { ...session, title: "Renamed" } }),
  ev("session.deleted", { sessionID: SES, info: session }),
  ev("session.status", { sessionID: SES, status: { type: "busy" } }),
  ev("session.status", { sessionID: SES, status: { type: "retry", attempt: 1, message: "429", next: 5 } }),
  ev("session.idle", { sessionID: SES }),
  ev("session.error", { sessionID: SES, error: { name: "MessageAbortedError", data: { message: "Aborted" } } }),
  ev("session.error", {}),
  ev("session.diff", { sessionID: SES, diff: [{ file: "a", patch: "p", additions: 1, deletions: 0, status: "added" }] }),
  ev("session.compacted", { sessionID: SES }),
  ev("message.updated", { sessionID: SES, info: userMessage }),
  ev("message.removed", { sessionID: SES, messageID: MSG }),
  ev("message.part.updated", { sessionID: SES, part: { ...base, type: "text", text: "" }, time: 1 }),
  ev("message.part.delta", { sessionID: SES, messageID: MSG, partID: PRT, field: "text", delta: "Hel" }),
  ev("message.part.removed", { sessionID: SES, messageID: MSG, partID: PRT }),
  ev("permission.asked", {
    id: "per_1",
    sessionID: SES,
    permission: "bash",
    patterns: ["echo hi"],
    metadata: { command: "echo hi" },
    always: ["echo *"],
    tool: { messageID: MSG2, callID: "call_1" }
  }),
  ev("permission.replied", { sessionID: SES, requestID: "per_1", reply: "once" }),
  ev("question.asked", {
    id: "que_1",
    sessionID: SES,
    questions: [{ question: "Deploy?", header: "Deploy", options: [{ label: "Yes", description: "go" }], multiple: false }],
    tool: { messageID: MSG2, callID: "call_2" }
  }),
  ev("question.replied", { sessionID: SES, requestID: "que_1", answers: [["Yes"]] }),
  ev("question.rejected", { sessionID: SES, requestID: "que_1" }),
  ev("todo.updated", { sessionID: SES, todos: [{ content: "x", status: "pending", priority: "high" }] }),
  ev("file.edited", { file: "/work/p/hello.txt" }),
  ev("file.watcher.updated", { file: "/work/p/hello.txt", event: "add" }),
  ev("plugin.added", { id: "plugin-1" }),
  ev("catalog.updated", {}),
  ev("command.executed", { name: "init", sessionID: SES, arguments: "", messageID: MSG }),
  ev("vcs.branch.updated", { branch: "main" }),
  ev("installation.updated", { version: "1.18.34" }),
  ev("server.instance.disposed", { directory: "/work/p" }),
  ev("tui.toast.show", { message: "hi", variant: "info" }),
  ev("pty.exited", { id: "pty_1", exitCode: 0 }),
  ev("session.next.text.delta", {
    timestamp: 1,
    sessionID: SES,
    assistantMessageID: MSG2,
    textID: "t1",
    delta: "x"
  })
]

describe("Event", () => {
  it("knows all 89 event types of the document plus server.heartbeat", () => {
    expect(E.knownEventTypes.size).toBe(90)
    for (const t of ["session.idle", "message.part.delta", "permission.asked", "question.rejected", "server.heartbeat"]) {
      expect(E.knownEventTypes.has(t)).toBe(true)
    }
  })

  for (const fixture of fixtures) {
    it(`decodes ${fixture.type} exactly`, () => {
      const event = decodeOk(E.Event, fixture)
      expect(event.type).toBe(fixture.type)
      expect(event).toEqual(fixture)
    })
  }

  it("narrows on type", () => {
    const event = decodeOk(E.Event, fixtures.find((f) => f.type === "message.part.delta"))
    if (event.type !== "message.part.delta") throw new Error("expected a delta")
    expect(event.properties.delta).toBe("Hel")
    expect(event.properties.field).toBe("text")
    const status = decodeOk(E.Event, fixtures.find((f) => f.type === "session.status"))
    if (status.type !== "session.status") throw new Error("expected a status")
    expect(status.properties.status.type).toBe("busy")
  })

  it("every member of the document's union is named after its type (src/api/Events.ts, generated)", () => {
    expect(Object.keys(E.byType).length).toBe(E.Event.members.length - 1) // the last member is the unknown fallback
    expect(E.byType["session.idle"]).toBe(E.SessionIdle)
    expect(E.byType["installation.update-available"]).toBe(E.InstallationUpdateAvailable)
    expect(E.byType["models-dev.refreshed"]).toBe(E.ModelsDevRefreshed)
    expect(E.knownEventTypes.has("server.heartbeat")).toBe(true)
    expect(memberName("session.next.tool.input-started")).toBe("SessionNextToolInputStarted")
  })

  it("a known event needs the evt_ id the server always sends (the document's rule)", () => {
    const event = decodeOk(E.Event, { id: "evt_1", type: "session.idle", properties: { sessionID: SES } })
    expect(event).toEqual({ id: "evt_1", type: "session.idle", properties: { sessionID: SES } })
    decodeFails(E.Event, { type: "session.idle", properties: { sessionID: SES } })
    decodeFails(E.Event, { id: "1", type: "session.idle", properties: { sessionID: SES } })
  })

  it("an unknown type becomes UnknownEvent: original type, properties and raw kept", () => {
    const raw = { id: "evt_9", type: "galaxy.spun", properties: { sessionID: SES, n: 1 }, extra: true }
    const event = decodeOk(E.Event, raw)
    expect(event).toEqual({ type: "unknown", originalType: "galaxy.spun", id: "evt_9", properties: raw.properties, raw })
    if (event.type !== "unknown") throw new Error("expected unknown")
    expect(event.raw).toBe(raw)
    expect(E.eventSessionID(event)).toBe(SES)
    const bare = decodeOk(E.Event, { type: "x" })
    expect(bare).toEqual({ type: "unknown", originalType: "x", raw: { type: "x" } })
  })

  it("invalid events fail with a SchemaError, never a throw", () => {
    for (const value of [null, 1, "session.idle", [], {}, { type: 7, properties: {} }, { properties: {} }]) {
      decodeFails(E.Event, value)
      expect(Exit.isFailure(E.decodeEvent(value))).toBe(true)
    }
    // A known type with a missing field fails instead of becoming UnknownEvent.
    decodeFails(E.Event, { type: "session.idle", properties: {} })
    decodeFails(E.Event, { type: "message.part.delta", properties: { sessionID: SES, messageID: MSG, partID: PRT, field: "text" } })
    decodeFails(E.Event, { type: "session.status", properties: { sessionID: SES, status: { type: "asleep" } } })
    decodeFails(E.Event, { type: "session.idle", properties: { sessionID: "../../etc" } })
    decodeFails(E.Event, { type: "session.idle" })
  })

  it("an unknown part inside message.part.updated stays an event with an UnknownPart", () => {
    const part = { ...base, type: "hologram" }
    const event = decodeOk(E.Event, ev("message.part.updated", { sessionID: SES, part, time: 1 }))
    if (event.type !== "message.part.updated") throw new Error("expected a part event")
    expect(event.properties.part).toEqual({ type: "unknown", originalType: "hologram", raw: part })
    expect(E.eventSessionID(event)).toBe(SES)
  })

  it("tolerates fields a newer server adds", () => {
    const event = decodeOk(E.Event, { ...ev("session.idle", { sessionID: SES, reason: "done" }), seq: 5 })
    expect(event).toEqual(ev("session.idle", { sessionID: SES }))
  })

  it("eventSessionID finds the session of each event kind", () => {
    const expected: Record<string, string | undefined> = {
      "server.connected": undefined,
      "server.heartbeat": undefined,
      "plugin.added": undefined,
      "file.edited": undefined,
      "file.watcher.updated": undefined,
      "catalog.updated": undefined,
      "vcs.branch.updated": undefined,
      "session.error": SES
    }
    for (const fixture of fixtures) {
      const event = decodeOk(E.Event, fixture)
      const want = fixture.type in expected ? expected[fixture.type] : SES
      if (fixture.type === "session.error" && Object.keys(fixture.properties as object).length === 0) {
        expect(E.eventSessionID(event)).toBeUndefined()
        continue
      }
      if (["installation.updated", "server.instance.disposed", "tui.toast.show", "pty.exited"].includes(fixture.type)) {
        expect(E.eventSessionID(event)).toBeUndefined()
        continue
      }
      expect(E.eventSessionID(event), fixture.type).toBe(want)
    }
  })

  it("eventSessionID falls back to info.id, info.sessionID and part.sessionID", () => {
    const other = "ses_other"
    const created = decodeOk(E.Event, { id: "evt_1", type: "session.created", properties: { sessionID: SES, info: session } })
    expect(E.eventSessionID(created)).toBe(SES)
    // Unknown events carrying the same nesting as their known counterparts:
    const u1 = decodeOk(E.Event, { type: "session.renamed", properties: { info: { ...session, id: other } } })
    expect(E.eventSessionID(u1)).toBeUndefined()
    const u2 = decodeOk(E.Event, { type: "message.moved", properties: { info: { ...userMessage, sessionID: other } } })
    expect(E.eventSessionID(u2)).toBe(other)
    const u3 = decodeOk(E.Event, { type: "message.part.moved", properties: { part: { ...base, sessionID: other } } })
    expect(E.eventSessionID(u3)).toBe(other)
    const hostile = decodeOk(E.Event, { type: "x.y", properties: { sessionID: "../../etc/passwd" } })
    expect(E.eventSessionID(hostile)).toBeUndefined()
  })

  it("decodes every event the real server sent on /event", () => {
    expect(capture.events.length).toBeGreaterThan(200)
    const seen = new Set<string>()
    for (const raw of capture.events) {
      const exit = E.decodeEvent(raw)
      if (Exit.isFailure(exit)) throw new Error(`${raw.type}: ${String(exit.cause)}`)
      expect(exit.value.type).toBe(raw.type)
      seen.add(exit.value.type)
    }
    for (const t of [
      "server.connected",
      "session.created",
      "session.updated",
      "session.deleted",
      "session.status",
      "session.idle",
      "session.error",
      "session.diff",
      "session.compacted",
      "message.updated",
      "message.part.updated",
      "message.part.delta",
      "permission.asked",
      "permission.replied",
      "question.asked",
      "question.replied",
      "todo.updated",
      "file.edited",
      "file.watcher.updated",
      "plugin.added"
    ]) {
      expect(seen.has(t), t).toBe(true)
    }
  })

  it("the real server's tool part goes pending → running → completed", () => {
    const states: Array<string> = []
    for (const raw of capture.events) {
      const exit = E.decodeEvent(raw)
      if (Exit.isSuccess(exit) && exit.value.type === "message.part.updated") {
        const part = exit.value.properties.part
        if (part.type === "tool" && part.tool === "write") states.push(part.state.status)
      }
    }
    expect(states).toEqual(["pending", "running", "completed"])
  })

  it("the real server's session.error of an abort is a MessageAbortedError", () => {
    const errors = capture.events.flatMap((raw) => {
      const exit = E.decodeEvent(raw)
      return Exit.isSuccess(exit) && exit.value.type === "session.error" ? [exit.value] : []
    })
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]!.properties.error?.name).toBe("MessageAbortedError")
    expect(E.eventSessionID(errors[0]!)).toMatch(/^ses_/)
  })

  it("decodes the real server's /global/event frames (the first has no directory)", () => {
    for (const raw of capture.globalEvents) {
      const exit = E.decodeGlobalEvent(raw)
      if (Exit.isFailure(exit)) throw new Error(String(exit.cause))
      expect(exit.value.payload.type).toBe(raw.payload.type)
    }
    const types = new Set(capture.globalEvents.map((e) => e.payload.type))
    expect(types.has("sync")).toBe(true)
    const first = decodeOk(E.GlobalEvent, capture.globalEvents[0])
    expect(first.payload.type).toBe("server.connected")
    expect(first.directory).toBeUndefined()
    const later = decodeOk(E.GlobalEvent, capture.globalEvents[5])
    expect(later.directory).toBe("/work/sandbox/proj")
    decodeFails(E.GlobalEvent, { directory: "/p" })
    decodeFails(E.GlobalEvent, { directory: "/p", payload: { type: "sync", syncEvent: { type: "x.1" } } })
  })

  it("decodes the sync payloads of /global/event (durable events with a seq)", () => {
    const syncs = capture.globalEvents.filter((e) => e.payload.type === "sync")
    expect(syncs.length).toBeGreaterThan(0)
    for (const raw of syncs) {
      const frame = decodeOk(E.GlobalEvent, raw)
      if (frame.payload.type !== "sync") throw new Error("expected sync")
      expect(frame.payload.syncEvent.type).toMatch(/\.\d+$/)
      expect(typeof frame.payload.syncEvent.seq).toBe("number")
      expect(E.eventSessionID(frame.payload)).toMatch(/^ses_/)
    }
    // "sync" is a GlobalEvent payload, not an /event event: there it stays unknown.
    const onEvent = decodeOk(E.Event, syncs[0]!.payload)
    expect(onEvent.type).toBe("unknown")
    // An unknown payload type on /global/event is an UnknownEvent too.
    const other = decodeOk(E.GlobalEvent, { directory: "/p", payload: { type: "nova", properties: { sessionID: SES } } })
    expect(other.payload).toEqual({ type: "unknown", originalType: "nova", properties: { sessionID: SES }, raw: { type: "nova", properties: { sessionID: SES } } })
    expect(E.eventSessionID(other.payload)).toBe(SES)
  })

  it("decodes 20,000 deltas in a row with the compiled decoder, each to the same value", () => {
    // Its speed is a figure of bench/events.ts (decode: "decodeEvent, deltas"), not a unit test's.
    const delta = fixtures.find((f) => f.type === "message.part.delta")
    const text = JSON.stringify(delta)
    let ok = 0
    for (let i = 0; i < 20_000; i++) {
      const exit = E.decodeEvent(JSON.parse(text))
      if (Exit.isSuccess(exit) && exit.value.type === "message.part.delta" && exit.value.properties.delta === "Hel") ok++
    }
    expect(ok).toBe(20_000)
  })
})
