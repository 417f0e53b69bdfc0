import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Stream } from "effect"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as EventServiceModule from "../../src/services/EventService.ts"
import { EventService } from "../../src/services/EventService.ts"
import * as SseConnection from "../../src/streams/SseConnection.ts"
import * as FakeSse from "../../src/testing/FakeSse.ts"
import { capture } from "../schema/helpers.ts"

const SES = "ses_dede01aa8ffeAx2PhV8t3om4A1"
const USER = "msg_2121fe5930012yWuYxcUlWm0wi"
const REPLY = "msg_2121fe5930023yWuYxcUlWm0wj"

const Events = (server: FakeSse.FakeSse, options: EventServiceModule.Options = {}) =>
  EventServiceModule.layerWith({
    heartbeatTimeout: "2 seconds",
    reconnectSchedule: SseConnection.backoff("10 millis", "50 millis"),
    ...options
  }).pipe(
    Layer.provide(Client.layer({ baseUrl: server.url, maxRetries: 0 })),
    Layer.provide(OpencodeNode.layerHttpClient)
  )

/** A fake server that also answers the state reads of the re-syncs. */
const fakeServer = (state: { status: Record<string, unknown>; messages: Array<unknown> }, options: FakeSse.Options = {}) =>
  FakeSse.make({
    ...options,
    handle: ({ path }) => {
      if (path === "/session/status") return { status: 200, body: JSON.stringify(state.status) }
      if (path === `/session/${SES}/message`) return { status: 200, body: JSON.stringify(state.messages) }
      return undefined
    }
  })

const ev = (type: string, properties: Record<string, unknown>) => ({ id: FakeSse.eventId(), type, properties })
const idle = () => ev("session.idle", { sessionID: SES })
const busy = () => ev("session.status", { sessionID: SES, status: { type: "busy" } })

const assistantInfo = (() => {
  const e = capture.events.find((x: any) => x.type === "message.updated" && x.properties.info.role === "assistant") as any
  return e.properties.info
})()
const assistant = (extra: Record<string, unknown>) => ({
  ...assistantInfo,
  id: REPLY,
  sessionID: SES,
  parentID: USER,
  ...extra
})

describe("EventService (fake SSE server)", () => {
  it.live("subscribers share one connection, opened by the first and closed with the last", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      yield* Effect.gen(function*() {
        const events = yield* EventService
        const take = (n: number) => events.events().pipe(Stream.take(n), Stream.runCollect, Effect.forkChild)
        const a = yield* take(3)
        const b = yield* take(3)
        yield* server.awaitConnection(1)
        yield* Effect.sleep("50 millis")
        yield* server.send(idle())
        yield* server.send(busy())
        const [ra, rb] = [yield* Fiber.join(a), yield* Fiber.join(b)]
        expect(ra.map((e) => e.type)).toEqual(["server.connected", "session.idle", "session.status"])
        expect(rb.map((e) => e.type)).toEqual(["server.connected", "session.idle", "session.status"])
        expect(server.connections.length).toBe(1)
        yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
        expect(server.connections[0]!.closedByClient).toBe(true)
        // a new subscriber opens a new connection
        const c = yield* take(1)
        expect((yield* Fiber.join(c)).length).toBe(1)
        expect(server.connections.length).toBe(2)
        // a per-session view drops other sessions and sessionless events
        const d = yield* events.session(SES).pipe(Stream.take(1), Stream.runCollect, Effect.forkChild)
        yield* server.awaitConnection(3)
        yield* Effect.sleep("50 millis")
        yield* server.send(ev("session.idle", { sessionID: "ses_other0000000000000000000" }))
        yield* server.send(ev("plugin.added", { id: "x" }))
        yield* server.send(idle())
        expect((yield* Fiber.join(d)).map((e) => e.type)).toEqual(["session.idle"])
        const e = yield* Effect.flip(Stream.runDrain(events.session("not-a-session")))
        expect(e._tag).toBe("ValidationError")
      }).pipe(Effect.provide(Events(server)))
    }))

  it.live("malformed payloads are skipped and counted; the stream goes on", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      yield* Effect.gen(function*() {
        const events = yield* EventService
        const f = yield* events.events().pipe(Stream.take(2), Stream.runCollect, Effect.forkChild)
        yield* server.awaitConnection(1)
        yield* server.sendRaw("data: {\"type\":\n\ndata: null\n\ndata: \"x\"\n\n")
        yield* server.send(idle())
        expect((yield* Fiber.join(f)).map((e) => e.type)).toEqual(["server.connected", "session.idle"])
        const stats = yield* events.stats
        expect(stats.malformed).toBe(3)
        expect(stats.connections).toBe(1)
      }).pipe(Effect.provide(Events(server)))
    }))

  it.live("a fatal answer fails every subscriber; the next subscriber tries again", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      yield* server.answer({ status: 401 })
      yield* Effect.gen(function*() {
        const events = yield* EventService
        const error = yield* Effect.flip(Stream.runDrain(events.events()))
        expect(error._tag === "ApiError" && error.status).toBe(401)
        yield* server.answer({ status: 200 })
        const ok = yield* events.events().pipe(Stream.take(1), Stream.runCollect)
        expect(ok.length).toBe(1)
      }).pipe(Effect.provide(Events(server)))
    }))

  it.live("a slow consumer: the connection waits for it, memory stays bounded, nothing is lost", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      const total = 200_000
      yield* Effect.gen(function*() {
        const events = yield* EventService
        let count = 0
        let last = -1
        let ordered = true
        const consumer = yield* events.events().pipe(
          Stream.filter((e) => e.type === "message.part.delta"),
          Stream.runForEachArray((batch) => {
            const first = count === 0
            for (const e of batch) {
              const n = Number(e.type === "message.part.delta" ? e.properties.delta : -1)
              if (n !== last + 1) ordered = false
              last = n
              count++
            }
            return first ? Effect.sleep("700 millis") : Effect.void // stalls once, early
          }),
          Effect.forkChild
        )
        yield* server.awaitConnection(1)
        const heapBefore = process.memoryUsage().heapUsed
        const pump = yield* server.pump(total, (i) => ({
          id: FakeSse.eventId(),
          type: "message.part.delta",
          properties: { sessionID: SES, messageID: REPLY, partID: "prt_2121fe5930014yWuYxcUlWm0wk", field: "text", delta: String(i) }
        })).pipe(Effect.forkChild)
        yield* Effect.sleep("500 millis")
        // the consumer is stalled: the server could only write what the bounded buffers hold
        const written = server.progress()
        expect(written).toBeLessThan(total / 2)
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024)
        yield* Fiber.join(pump)
        while (count < total) yield* Effect.sleep("20 millis")
        expect(count).toBe(total)
        expect(ordered).toBe(true)
        yield* Fiber.interrupt(consumer)
      }).pipe(Effect.provide(Events(server, { bufferSize: 16 })))
    }), 30_000)

  it.live("a stalled subscriber: the connection decodes no more than bufferSize events ahead of it", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      const total = 100_000
      yield* Effect.gen(function*() {
        const events = yield* EventService
        let consumed = 0
        // takes its first batch, then never finishes with it
        const consumer = yield* events.events().pipe(
          Stream.runForEachArray((batch) => {
            consumed += batch.length
            return Effect.never
          }),
          Effect.forkChild
        )
        yield* server.awaitConnection(1)
        const pump = yield* server.pump(total, (i) => ({
          id: FakeSse.eventId(),
          type: "message.part.delta",
          properties: { sessionID: SES, messageID: REPLY, partID: "prt_2121fe5930014yWuYxcUlWm0wk", field: "text", delta: String(i) }
        })).pipe(Effect.forkChild)
        // wait until the writer is held back (the socket buffers are full)
        let written = -1
        while (server.progress() !== written) {
          written = server.progress()
          yield* Effect.sleep("300 millis")
        }
        expect(written).toBeLessThan(total)
        const { received } = yield* events.stats
        // the hub's 4096 (default bufferSize) and the one batch the connection is publishing
        expect(received - consumed).toBeLessThanOrEqual(4096 + SseConnection.defaultMaxBatch)
        yield* Fiber.interrupt(consumer)
        yield* Fiber.interrupt(pump)
      }).pipe(Effect.provide(Events(server)))
    }), 30_000)

  it.live("nothing keeps the process alive after the consumer stops", () =>
    Effect.gen(function*() {
      const handles = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "Timeout").length
      const before = handles()
      const server = yield* FakeSse.make({ heartbeatMillis: 20 })
      yield* Effect.gen(function*() {
        const events = yield* EventService
        const got = yield* events.events().pipe(Stream.take(3), Stream.runCollect)
        expect(got.length).toBe(3)
        yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
      }).pipe(Effect.provide(Events(server)))
      yield* server.stop
      // getActiveResourcesInfo lists what keeps the event loop alive (unref'd timers are left out)
      for (let i = 0; i < 50 && handles() > before; i++) yield* Effect.sleep("20 millis")
      expect(handles()).toBeLessThanOrEqual(before)
    }))
})

describe("EventService.waitForIdle (fake SSE server)", () => {
  it.live("an idle session completes at once; a busy one at its session.idle", () =>
    Effect.gen(function*() {
      const state = { status: {} as Record<string, unknown>, messages: [] as Array<unknown> }
      const server = yield* fakeServer(state)
      yield* Effect.gen(function*() {
        const events = yield* EventService
        yield* events.waitForIdle(SES, { timeout: "2 seconds" })
        state.status = { [SES]: { type: "busy" } }
        const f = yield* events.waitForIdle(SES, { timeout: "5 seconds" }).pipe(Effect.forkChild)
        yield* server.awaitConnection(2)
        yield* Effect.sleep("100 millis")
        expect(f.pollUnsafe()).toBeUndefined()
        yield* server.send(idle())
        yield* Fiber.join(f)
      }).pipe(Effect.provide(Events(server)))
    }))

  it.live("session.error fails with the server's error; a deadline fails with TimeoutError", () =>
    Effect.gen(function*() {
      const state = { status: { [SES]: { type: "busy" } } as Record<string, unknown>, messages: [] as Array<unknown> }
      const server = yield* fakeServer(state)
      yield* Effect.gen(function*() {
        const events = yield* EventService
        const f = yield* Effect.flip(events.waitForIdle(SES)).pipe(Effect.forkChild)
        yield* server.awaitConnection(1)
        yield* Effect.sleep("100 millis")
        yield* server.send(ev("session.error", { sessionID: SES, error: { name: "MessageAbortedError", data: { message: "Aborted" } } }))
        const error = yield* Fiber.join(f)
        expect(error._tag).toBe("SessionError")
        expect(error._tag === "SessionError" && [error.name, error.message]).toEqual(["MessageAbortedError", "Aborted"])
        const timeout = yield* Effect.flip(events.waitForIdle(SES, { timeout: "200 millis" }))
        expect(timeout._tag).toBe("TimeoutError")
        expect(timeout._tag === "TimeoutError" && timeout.sessionID).toBe(SES)
      }).pipe(Effect.provide(Events(server)))
    }))

  it.live("an idle missed while disconnected is found by the re-sync", () =>
    Effect.gen(function*() {
      const state = { status: { [SES]: { type: "busy" } } as Record<string, unknown>, messages: [] as Array<unknown> }
      const server = yield* fakeServer(state)
      yield* Effect.gen(function*() {
        const events = yield* EventService
        const f = yield* events.waitForIdle(SES, { timeout: "5 seconds" }).pipe(Effect.forkChild)
        yield* server.awaitConnection(1)
        yield* Effect.sleep("100 millis")
        // the run ends while the connection is down: no session.idle will ever arrive
        yield* server.stop
        state.status = {}
        yield* Effect.sleep("100 millis")
        yield* server.start
        yield* Fiber.join(f)
        expect((yield* events.stats).reconnects).toBe(1)
      }).pipe(Effect.provide(Events(server)))
    }))

  it.live("`after`: an idle session waits for the prompt's reply to finish", () =>
    Effect.gen(function*() {
      const state = { status: {} as Record<string, unknown>, messages: [] as Array<unknown> }
      const server = yield* fakeServer(state)
      yield* Effect.gen(function*() {
        const events = yield* EventService
        // prompt_async returned, the server has not marked the session busy yet: it looks idle
        const f = yield* events.waitForIdle(SES, { after: USER, timeout: "5 seconds" }).pipe(Effect.forkChild)
        yield* server.awaitConnection(1)
        yield* Effect.sleep("100 millis")
        expect(f.pollUnsafe()).toBeUndefined()
        yield* server.send(busy())
        yield* server.send(ev("message.updated", { sessionID: SES, info: assistant({ time: { created: 1 } }) }))
        yield* server.send(ev("message.updated", { sessionID: SES, info: assistant({ time: { created: 1, completed: 2 } }) }))
        yield* Effect.sleep("50 millis")
        expect(f.pollUnsafe()).toBeUndefined()
        yield* server.send(idle())
        yield* Fiber.join(f)
        // already finished before the call: the messages tell
        state.messages = [{ info: assistant({ time: { created: 1, completed: 2 } }), parts: [] }]
        yield* events.waitForIdle(SES, { after: USER, timeout: "2 seconds" })
        // a reply that failed
        state.messages = [{ info: assistant({ time: { created: 1 }, error: { name: "MessageAbortedError", data: { message: "Aborted" } } }), parts: [] }]
        const error = yield* Effect.flip(events.waitForIdle(SES, { after: USER, timeout: "2 seconds" }))
        expect(error._tag === "SessionError" && error.name).toBe("MessageAbortedError")
      }).pipe(Effect.provide(Events(server)))
    }))
})

describe("EventService permission and question handlers (fake SSE server)", () => {
  const permission = (id: string, name: string, sessionID = SES) => ({
    id,
    sessionID,
    permission: name,
    patterns: ["echo hi"],
    metadata: {},
    always: ["echo *"]
  })

  it.live("pending requests first, then asked ones; each once; a policy by name; other sessions left alone", () =>
    Effect.gen(function*() {
      const replies: Array<string> = []
      const pending = [permission("per_pending0000000000000001", "bash")]
      const server = yield* FakeSse.make({
        handle: ({ method, path, body }) => {
          if (method === "GET" && path === "/permission") return { status: 200, body: JSON.stringify(pending) }
          if (method === "GET" && path === "/question") {
            return {
              status: 200,
              body: JSON.stringify([{
                id: "que_pending0000000000000001",
                sessionID: SES,
                questions: [{ question: "Deploy?", header: "Deploy", options: [{ label: "Yes", description: "go" }] }]
              }])
            }
          }
          if (method === "POST" && (path.startsWith("/permission/") || path.startsWith("/question/"))) {
            replies.push(`${path} ${body}`)
            if (path.includes("gone")) return { status: 404, body: "{\"name\":\"NotFoundError\",\"data\":{}}" }
            return { status: 200, body: "true" }
          }
          return undefined
        }
      })
      yield* Effect.gen(function*() {
        const events = yield* EventService
        yield* events.answerPermissions({ bash: "once", "*": "reject" }, { sessionID: SES }).pipe(Effect.forkScoped)
        yield* events.answerQuestions((q) => Effect.succeed(q.questions.map((item) => [item.options[0]!.label])), {
          sessionID: SES
        }).pipe(Effect.forkScoped)
        yield* server.awaitConnection(1) // one connection, shared by both handlers
        yield* Effect.sleep("100 millis")
        for (
          const p of [
            permission("per_pending0000000000000001", "bash"), // already handled from the pending list
            permission("per_asked00000000000000001", "constructor"), // not in the policy: "*"
            permission("per_gone000000000000000001", "bash"), // answered elsewhere: 404, skipped
            permission("per_other00000000000000001", "bash", "ses_other0000000000000000000") // another session
          ]
        ) yield* server.send(ev("permission.asked", p))
        yield* server.send(ev("question.asked", {
          id: "que_asked00000000000000001",
          sessionID: SES,
          questions: [{ question: "Sure?", header: "Sure", options: [{ label: "No", description: "stop" }] }]
        }))
        for (let i = 0; i < 100 && replies.length < 5; i++) yield* Effect.sleep("20 millis")
        yield* Effect.sleep("100 millis")
        expect(server.connections.length).toBe(1)
        expect([...replies].sort()).toEqual([
          "/permission/per_asked00000000000000001/reply {\"reply\":\"reject\"}",
          "/permission/per_gone000000000000000001/reply {\"reply\":\"once\"}",
          "/permission/per_pending0000000000000001/reply {\"reply\":\"once\"}",
          "/question/que_asked00000000000000001/reply {\"answers\":[[\"No\"]]}",
          "/question/que_pending0000000000000001/reply {\"answers\":[[\"Yes\"]]}"
        ])
      }).pipe(Effect.scoped, Effect.provide(Events(server)))
    }))
})
