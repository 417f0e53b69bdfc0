import { describe, expect, it } from "@effect/vitest"
import { Exit } from "effect"
import { decodeEvent, type Event, eventSessionID } from "../../src/schema/Event.ts"
import * as Lifecycle from "../../src/streams/Lifecycle.ts"
import { capture } from "../schema/helpers.ts"

const events: ReadonlyArray<Event> = capture.events.map((raw) => {
  const exit = decodeEvent(raw)
  if (Exit.isFailure(exit)) throw new Error(`fixture event does not decode: ${raw.type}`)
  return exit.value
})

const sessions = [...new Set(events.map(eventSessionID).filter((id) => id !== undefined))]

const run = (sessionID: string, list: ReadonlyArray<Event>, machine = Lifecycle.initial(sessionID)) => {
  const changes: Array<Lifecycle.Change> = []
  for (const e of list) {
    if (eventSessionID(e) !== sessionID) continue
    const step = Lifecycle.transition(machine, e)
    machine = step.machine
    changes.push(...step.changes)
  }
  return { machine, changes, states: changes.map((c) => c.state) }
}

const S = "ses_dede01aa8ffeAx2PhV8t3om4A1"
const status = (type: "busy" | "idle"): Event =>
  ({ type: "session.status", properties: { sessionID: S, status: { type } } }) as Event
const idle: Event = { type: "session.idle", properties: { sessionID: S } } as Event
const sessionError: Event = {
  type: "session.error",
  properties: { sessionID: S, error: { name: "MessageAbortedError", data: { message: "Aborted" } } }
} as Event

describe("Lifecycle (recorded events of opencode 1.18.33)", () => {
  it("three prompts, a summary, a revert made permanent, another prompt", () => {
    const { states, changes } = run(sessions[0]!, events)
    expect(states).toEqual([
      "created",
      "active",
      "completed",
      "active",
      "completed",
      "active",
      "completed",
      "reverted",
      "idle",
      "active",
      "completed"
    ])
    const completed = changes.find((c) => c.state === "completed")!
    expect(completed.message?.role).toBe("assistant")
    expect(completed.message?.time.completed).toBeDefined()
    expect(changes.find((c) => c.state === "reverted")!.session?.revert?.messageID).toMatch(/^msg_/)
  })

  it("an abort is one error (MessageAbortedError), then idle; delete is final", () => {
    const { states, changes } = run(sessions[1]!, events)
    expect(states).toEqual(["created", "active", "completed", "active", "completed", "active", "error", "idle", "deleted"])
    const error = changes.find((c) => c.state === "error")!.error!
    expect(error._tag).toBe("SessionError")
    expect(error.name).toBe("MessageAbortedError")
    expect(error.message).toBe("Aborted")
  })

  it("busy and idle repeated emit each state once; a retry attempt is a change", () => {
    const retry = (attempt: number): Event =>
      ({
        type: "session.status",
        properties: { sessionID: S, status: { type: "retry", attempt, message: "429", next: 1 } }
      }) as Event
    const { states } = run(S, [status("busy"), status("busy"), retry(1), retry(1), retry(2), status("idle"), idle, idle])
    expect(states).toEqual(["active", "active", "active", "idle"])
  })

  it("a session.error without a preceding busy still ends in idle", () => {
    const { states } = run(S, [sessionError, status("idle"), idle])
    expect(states).toEqual(["error", "idle"])
  })
})

describe("Lifecycle.resync", () => {
  const session = (extra: Record<string, unknown> = {}) => {
    const created = events.find((e) => e.type === "session.created")!
    if (created.type !== "session.created") throw new Error("fixture")
    return { ...created.properties.info, id: S, ...extra } as any
  }
  const assistant = (extra: Record<string, unknown> = {}) => {
    const m = events.find((e) => e.type === "message.updated" && e.properties.info.role === "assistant")!
    if (m.type !== "message.updated") throw new Error("fixture")
    return { ...m.properties.info, sessionID: S, time: { created: 1, completed: 2 }, ...extra } as any
  }

  it("a fresh machine emits the current state once", () => {
    const m = Lifecycle.initial(S)
    expect(Lifecycle.resync(m, { session: session(), status: { type: "idle" } }).changes.map((c) => c.state)).toEqual(["idle"])
    expect(Lifecycle.resync(m, { session: session(), status: { type: "busy" } }).changes.map((c) => c.state)).toEqual(["active"])
    expect(
      Lifecycle.resync(m, { session: session({ time: { created: 1, updated: 2, archived: 3 } }), status: { type: "idle" } })
        .changes.map((c) => c.state)
    ).toEqual(["archived"])
    expect(Lifecycle.resync(m, { session: undefined, status: { type: "idle" } }).changes.map((c) => c.state)).toEqual([
      "deleted"
    ])
    expect(Lifecycle.resync(m, { session: session(), status: { type: "idle" } }).changes[0]!.resynced).toBe(true)
  })

  it("an idle missed during a gap becomes completed, or error then idle", () => {
    const active = run(S, [status("busy")]).machine
    expect(Lifecycle.needsMessages(active, { type: "idle" })).toBe(true)
    expect(Lifecycle.needsMessages(active, { type: "busy" })).toBe(false)
    const ok = Lifecycle.resync(active, { session: session(), status: { type: "idle" }, lastAssistant: assistant() })
    expect(ok.changes.map((c) => c.state)).toEqual(["completed"])
    const failed = Lifecycle.resync(active, {
      session: session(),
      status: { type: "idle" },
      lastAssistant: assistant({ error: { name: "MessageAbortedError", data: { message: "Aborted" } } })
    })
    expect(failed.changes.map((c) => c.state)).toEqual(["error", "idle"])
    // nothing missed: nothing emitted
    expect(Lifecycle.resync(active, { session: session(), status: { type: "busy" } }).changes).toEqual([])
  })
})
