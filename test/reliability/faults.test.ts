/**
 * Fault injection between the client and a real `opencode serve`: a FaultProxy on loopback
 * refuses, resets, stalls, rewrites statuses and bodies, and counts what reached the server; the
 * scripted model fails mid-stream. Each scenario asserts its typed outcome and records a row of
 * the table printed at the end (see scenarios.ts).
 */
import { afterAll, expect, layer } from "@effect/vitest"
import { Context, Duration, Effect, type Exit, Fiber, Layer, Redacted, Schema, Stream } from "effect"
import type { OpencodeError } from "../../src/Errors.ts"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import type * as OpencodeConfig from "../../src/layers/OpencodeConfig.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Ids from "../../src/schema/Ids.ts"
import { Prompt } from "../../src/schema/PromptInput.ts"
import { EventService } from "../../src/services/EventService.ts"
import * as EventServiceModule from "../../src/services/EventService.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as SseConnection from "../../src/streams/SseConnection.ts"
import * as FaultProxy from "../../src/testing/FaultProxy.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { report, scenario } from "./scenarios.ts"

afterAll(() => report("faults"))

const Live = FaultProxy.layerFromServer({ stallLimit: "30 seconds", lifetime: "10 minutes", maxRequests: 20_000 }).pipe(
  Layer.provideMerge(TestServer.layer())
)

/** The services of a client that talks to the server through the proxy. */
const through = (options: Partial<OpencodeConfig.Options> = {}) =>
  Layer.unwrap(
    Effect.gen(function*() {
      const server = yield* OpencodeServer.OpencodeServer
      const proxy = yield* FaultProxy.FaultProxy
      const project = yield* TestServer.TestProject
      return Run.layerFromClient.pipe(
        Layer.provideMerge(
          Client.layer({
            baseUrl: proxy.url,
            username: server.username,
            password: server.password,
            directory: project.directory,
            requestTimeout: "15 seconds",
            retryBaseDelay: "20 millis",
            retryMaxDelay: "200 millis",
            ...options
          })
        ),
        Layer.provide(OpencodeNode.layerHttpClient)
      )
    })
  )

const fresh = Effect.gen(function*() {
  const proxy = yield* FaultProxy.FaultProxy
  const model = yield* ScriptedModel.ScriptedModel
  yield* proxy.clear
  yield* proxy.accept
  yield* proxy.clearRequests
  yield* model.reset
  return { proxy, model }
})

const requestsTo = (method: string, path: string | RegExp) =>
  Effect.map(FaultProxy.FaultProxy.use((p) => p.requests), (all) =>
    all.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path))))

const elapsed = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const t0 = Date.now()
    return Effect.map(Effect.exit(self), (exit) => ({ exit, millis: Date.now() - t0 }))
  })

const failure = <A, E = OpencodeError>(exit: Exit.Exit<A, E>): E => {
  if (exit._tag === "Success") throw new Error(`expected a failure, got ${JSON.stringify(exit.value).slice(0, 200)}`)
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (error === undefined || error._tag !== "Fail") throw new Error(`expected a typed failure, got a defect or interruption`)
  return error.error
}

/** Polls (bounded) until `done` holds; false when `within` passed first. */
const until = (done: () => boolean, within: Duration.Input) =>
  Effect.gen(function*() {
    const deadline = Date.now() + Duration.toMillis(Duration.fromInputUnsafe(within))
    while (!done()) {
      if (Date.now() > deadline) return false
      yield* Effect.sleep("20 millis")
    }
    return true
  })

/** The session an event belongs to, when it names one. */
const sessionOf = (event: { readonly properties?: unknown }): string | undefined => {
  const p = event.properties as Record<string, unknown> | undefined
  if (p === undefined || p === null) return undefined
  const nested = (key: string) => {
    const v = p[key]
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>).sessionID : undefined
  }
  const id = p.sessionID ?? nested("info") ?? nested("part")
  return typeof id === "string" ? id : undefined
}

/** The `id` of a message or part (none for one of an unknown shape). */
const idField = (value: unknown): string | undefined => {
  const id = typeof value === "object" && value !== null ? (value as Record<string, unknown>).id : undefined
  return typeof id === "string" ? id : undefined
}

/** Polls (bounded) until the session is idle. */
const untilIdle = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    for (let i = 0; i < 300; i++) {
      if ((yield* sessions.statusOf(sessionID)).type === "idle") return true
      yield* Effect.sleep("50 millis")
    }
    return false
  })

const userTexts = (sessionID: string) =>
  Effect.map(MessageService.use((m) => m.list(sessionID)), (history) =>
    history.filter((m) => m.info.role === "user").map((m) =>
      m.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("|")
    ))

layer(Live, { excludeTestServices: true, timeout: "300 seconds" })("reliability: faults between client and server", (it) => {
  it.effect("warm-up: the first session and prompt through the proxy", () =>
    Effect.gen(function*() {
      yield* fresh
      const result = yield* Run.run("warm up", { ephemeral: true })
      expect(result.text).toBe("warm up")
    }).pipe(Effect.provide(through())))

  it.effect("connection refused", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.refuse({ resetOpen: true })
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.list()))
      yield* proxy.accept
      const error = failure(exit)
      expect(error._tag).toBe("TransportError")
      if (error._tag !== "TransportError") return ""
      expect(error.reason).toBe("ConnectionRefused")
      expect((yield* proxy.requests).length).toBe(0)
      expect(millis).toBeLessThan(5_000)
      return `TransportError(ConnectionRefused) after 3 retries in ${millis} ms; 0 requests reached the proxy`
    }).pipe(
      scenario("connection refused", "TransportError(ConnectionRefused) after the retries, no request sent"),
      Effect.provide(through())
    ))

  it.effect("connection refused, then accepted again while retrying", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.refuse({ resetOpen: true })
      const fiber = yield* Effect.forkChild(SessionService.use((s) => s.list()))
      yield* Effect.sleep("150 millis")
      yield* proxy.accept
      const sessions = yield* Fiber.join(fiber)
      expect(Array.isArray(sessions)).toBe(true)
      return `GET /session retried and answered (${sessions.length} sessions) once the port accepted again`
    }).pipe(
      scenario("refused, then accepted again (server restarting)", "idempotent GET retried with backoff, succeeds"),
      Effect.provide(through({ retryBaseDelay: "200 millis", retryMaxDelay: "1 second" }))
    ))

  it.effect("reset mid-request on an idempotent call", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.reset, { method: "GET", path: "/session", times: 2 })
      const sessions = yield* SessionService.use((s) => s.list())
      const seen = yield* requestsTo("GET", "/session")
      expect(seen.length).toBe(3)
      expect(seen.filter((r) => r.forwarded).length).toBe(1)
      return `2 resets, retried, listed ${sessions.length} sessions; 3 requests at the proxy, 1 reached the server`
    }).pipe(
      scenario("reset mid-request (GET)", "retried with backoff, succeeds"),
      Effect.provide(through())
    ))

  it.effect("reset mid-request on a prompt: not resent", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "reset prompt" }))
      const path = `/session/${session.id}/prompt_async`
      yield* proxy.inject(FaultProxy.reset, { method: "POST", path, times: 1 })
      const exit = yield* Effect.exit(MessageService.use((m) => m.promptAsync(session.id, "never twice")))
      const error = failure(exit)
      expect(error._tag).toBe("TransportError")
      if (error._tag !== "TransportError") return ""
      expect(error.reason).toBe("ConnectionReset")
      const seen = yield* requestsTo("POST", path)
      expect(seen.length).toBe(1)
      expect(seen.filter((r) => r.forwarded).length).toBe(0)
      expect(yield* userTexts(session.id)).toEqual([])
      yield* SessionService.use((s) => s.delete(session.id))
      return "TransportError(ConnectionReset); looked up (absent), not resent: 1 POST at the proxy, 0 user messages"
    }).pipe(
      scenario("reset mid-request (prompt_async)", "TransportError(ConnectionReset); the prompt is not resent"),
      Effect.provide(through())
    ))

  it.effect("reset after the server took the prompt: recovered by lookup, not resent", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "reset after forward" }))
      const path = `/session/${session.id}/prompt_async`
      yield* proxy.inject(FaultProxy.resetAfterForward, { method: "POST", path, times: 1 })
      const exit = yield* Effect.exit(MessageService.use((m) => m.promptAsync(session.id, "exactly once")))
      expect(yield* untilIdle(session.id)).toBe(true)
      const seen = yield* requestsTo("POST", path)
      expect(seen.length).toBe(1)
      expect(seen[0]!.forwarded).toBe(true)
      expect(yield* userTexts(session.id)).toEqual(["exactly once"])
      yield* SessionService.use((s) => s.delete(session.id))
      const outcome = exit._tag === "Success"
        ? "the message was found by its id: success"
        : `${failure(exit)._tag} (the message was not stored yet at the lookup)`
      return `${outcome}; 1 POST reached the server, 1 user message "exactly once"`
    }).pipe(
      scenario("reset after the server answered (prompt_async)", "looked up by messageID, never resent; one user message"),
      Effect.provide(through({ retryBaseDelay: "400 millis", retryMaxDelay: "1 second" }))
    ))

  it.effect("reset after the server answered a synchronous prompt with a messageID", () =>
    Effect.gen(function*() {
      const { proxy, model } = yield* fresh
      yield* model.script(ScriptedModel.text("the reply"))
      const session = yield* SessionService.use((s) => s.create({ title: "sync reset" }))
      const path = `/session/${session.id}/message`
      yield* proxy.inject(FaultProxy.resetAfterForward, { method: "POST", path, times: 1 })
      const messageID = Ids.newMessageID()
      const reply = yield* MessageService.use((m) =>
        m.prompt(session.id, { parts: [Prompt.text("answer once")], messageID })
      )
      expect(MessageResult.finalText([reply])).toBe("the reply")
      const seen = yield* requestsTo("POST", path)
      expect(seen.length).toBe(1)
      expect(yield* userTexts(session.id)).toEqual(["answer once"])
      expect((yield* model.requests).filter((r) => r.kind === "chat").length).toBe(1)
      yield* SessionService.use((s) => s.delete(session.id))
      return "reply recovered by looking the message up; 1 POST, 1 user message, 1 model call"
    }).pipe(
      scenario("reset after answer (sync prompt + messageID)", "reply recovered by lookup; prompt sent once, one model call"),
      Effect.provide(through({ retryBaseDelay: "200 millis", retryMaxDelay: "1 second" }))
    ))

  it.effect("reset mid-SSE: the stream reconnects and marks the gap", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const events = yield* EventService
      const sessions = yield* SessionService
      yield* proxy.inject(FaultProxy.resetAfterBytes(300), { method: "GET", path: "/event", times: 1 })
      const result = yield* Effect.scoped(Effect.gen(function*() {
        const sub = yield* events.subscribe()
        const fiber = yield* Effect.forkScoped(
          sub.items.pipe(
            Stream.takeUntil((item) => item.type === "session.created" && item.properties.info.title === "after the cut"),
            Stream.runCollect
          )
        )
        yield* sub.ready
        // ~500 bytes of session.created: the cut lands inside it
        const before = yield* sessions.create({ title: "before the cut" })
        for (let i = 0; i < 100 && (yield* events.stats).reconnects === 0; i++) yield* Effect.sleep("50 millis")
        yield* sub.ready
        const after = yield* sessions.create({ title: "after the cut" })
        const items = yield* Fiber.join(fiber).pipe(Effect.timeout("20 seconds"))
        yield* sessions.delete(before.id)
        yield* sessions.delete(after.id)
        return items
      }))
      const marker = result.findIndex((i) => i.type === "client.reconnected")
      expect(marker).toBeGreaterThanOrEqual(0)
      const reconnected = result[marker]!
      if (reconnected.type !== "client.reconnected") return ""
      expect(reconnected.reason).toBe("error")
      const stats = yield* events.stats
      expect(stats.malformed).toBe(0)
      const connections = yield* requestsTo("GET", "/event")
      expect(connections.length).toBeGreaterThanOrEqual(2)
      return `cut after 300 bytes: Reconnected{reason: "error", attempt ${reconnected.attempt}} then later events; 0 malformed, ${connections.length} connections`
    }).pipe(
      scenario("reset mid-SSE", "stream reconnects, Reconnected marker, no garbage event"),
      Effect.provide(through())
    ))

  it.effect("reset mid-SSE during a run: the run still completes", () =>
    Effect.gen(function*() {
      const { proxy, model } = yield* fresh
      yield* model.script(ScriptedModel.delay("300 millis", ScriptedModel.text("finished anyway", { chunks: 20 })))
      yield* proxy.inject(FaultProxy.resetAfterBytes(2_000), { method: "GET", path: "/event", times: 1 })
      const result = yield* Run.run("cut my events", { ephemeral: true, timeout: "60 seconds" })
      expect(result.text).toBe("finished anyway")
      const stats = yield* EventService.use((e) => e.stats)
      expect(stats.reconnects).toBeGreaterThanOrEqual(1)
      return `run completed ("finished anyway") across ${stats.reconnects} reconnect(s); idle re-read from the server`
    }).pipe(
      scenario("reset mid-SSE during a run", "Run completes: waitForIdle re-reads state at the gap"),
      Effect.provide(through())
    ))

  it.effect("a reconnect accepted and never answered (a restarting server's deaf port): the next attempt reconnects, a later session's events all arrive", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const events = yield* EventService // through the proxy
      const sessions = yield* SessionService
      const messages = yield* MessageService
      const server = yield* OpencodeServer.OpencodeServer
      const project = yield* TestServer.TestProject
      // a control subscriber straight to the server, past the proxy and its faults
      const direct = EventServiceModule.layer.pipe(
        Layer.provide(Client.layer({
          baseUrl: server.url,
          username: server.username,
          password: server.password,
          directory: project.directory
        })),
        Layer.provide(OpencodeNode.layerHttpClient)
      )
      const control = Context.get(yield* Layer.build(direct), EventService)

      // an items() consumer, connected
      const seen: Array<EventServiceModule.StreamItem> = []
      yield* Effect.forkScoped(events.items().pipe(Stream.runForEach((item) => Effect.sync(() => void seen.push(item)))))
      expect(yield* until(() => seen.length > 0, "10 seconds")).toBe(true)

      // the stream is cut and its next /event request is accepted and never answered, as the
      // port of a restarting server does before it is ready
      yield* proxy.inject(FaultProxy.stall, { method: "GET", path: "/event", times: 1 })
      const cutAt = Date.now()
      yield* proxy.resetAll
      expect(yield* until(() => seen.some(SseConnection.isReconnected), "20 seconds"), "a Reconnected marker within 20 s of the cut").toBe(true)
      const reconnectMillis = Date.now() - cutAt
      const marker = seen.find(SseConnection.isReconnected)!
      // the default attempt deadline, the backoff before the deaf attempt and before the next
      // one (100 and 200 ms, +20 % jitter), and 3 s of slack for a loaded machine
      const bound = Duration.toMillis(SseConnection.defaultAttemptTimeout) + 360 + 3_000
      expect(reconnectMillis).toBeLessThan(bound)
      expect(marker.attempt).toBe(2)
      const eventRequests = yield* requestsTo("GET", "/event")
      expect(eventRequests.map((r) => [r.fault, r.forwarded])).toEqual([["Pass", true], ["Stall", false], ["Pass", true]])

      // a session whose prompt runs after the recovery: every one of its events reaches the
      // items() consumer (compared with the control subscriber and with the session's records)
      const controlSeen: Array<EventServiceModule.StreamItem> = []
      const controlSub = yield* control.subscribe()
      yield* Effect.forkScoped(controlSub.items.pipe(Stream.runForEach((item) => Effect.sync(() => void controlSeen.push(item)))))
      yield* controlSub.ready
      const session = yield* sessions.create({ title: "after the deaf reconnect" })
      const messageID = yield* messages.promptAsync(session.id, "every event of mine")
      yield* control.waitForIdle(session.id, { after: messageID, timeout: "60 seconds" })
      const history = yield* messages.list(session.id)
      expect(history.map((m) => m.info.role)).toEqual(["user", "assistant"])
      const wanted = new Set<string>()
      for (const m of history) {
        wanted.add(`message.updated:${idField(m.info)}`)
        for (const part of m.parts) wanted.add(`message.part.updated:${idField(part)}`)
      }
      wanted.add(`session.idle:${session.id}`)
      const keysOf = (items: ReadonlyArray<EventServiceModule.StreamItem>) =>
        new Set(items.flatMap((item) => {
          if (SseConnection.isReconnected(item) || sessionOf(item) !== session.id) return []
          const subject = item.type === "message.updated"
            ? idField(item.properties.info)
            : item.type === "message.part.updated"
            ? idField(item.properties.part)
            : session.id
          return item.id === undefined ? [`${item.type}:${subject}`] : [`${item.type}:${subject}`, item.id]
        }))
      // the control has seen the records' events and the three that follow session.idle
      expect(yield* until(() => [...wanted].every((k) => keysOf(controlSeen).has(k)), "10 seconds")).toBe(true)
      yield* Effect.sleep("1 second")
      const controlIds = [...keysOf(controlSeen)].filter((k) => k.startsWith("evt_"))
      expect(yield* until(() => controlIds.every((id) => keysOf(seen).has(id)), "10 seconds")).toBe(true)
      const got = keysOf(seen)
      expect(controlIds.filter((id) => !got.has(id))).toEqual([])
      expect([...wanted].filter((k) => !got.has(k))).toEqual([])
      const stats = yield* events.stats
      yield* sessions.delete(session.id)
      return `2nd /event accepted, never answered: abandoned, Reconnected{attempt ${marker.attempt}} ${reconnectMillis} ms after the cut (bound ${bound} ms); the next session's ${controlIds.length} events all delivered (= control subscriber; ${history.length} messages); ${stats.malformed} malformed`
    }).pipe(
      scenario(
        "reconnect accepted, never answered (deaf port)",
        "attempt abandoned after attemptTimeout, Reconnected within it + backoff, no event of a later session lost"
      ),
      Effect.scoped,
      Effect.provide(through())
    ), { timeout: 120_000 })

  it.effect("the response stalls: the timeout fires within its Duration", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.stall, { method: "GET", path: "/session/status" })
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.status()))
      const error = failure(exit)
      expect(error._tag).toBe("TransportError")
      if (error._tag !== "TransportError") return ""
      expect(error.reason).toBe("Timeout")
      expect(millis).toBeGreaterThanOrEqual(490)
      expect(millis).toBeLessThan(2_000)
      return `TransportError(Timeout) after ${millis} ms (requestTimeout 500 ms, no retries)`
    }).pipe(
      scenario("response stalls", "TransportError(Timeout) within its Duration (500 ms)"),
      Effect.provide(through({ requestTimeout: "500 millis", maxRetries: 0 }))
    ))

  it.effect("a stall once: the attempt times out, is retried within the deadline, and succeeds", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.stall, { method: "GET", path: "/session/status", times: 1 })
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.status()))
      expect(exit._tag).toBe("Success")
      expect(millis).toBeLessThan(6_000)
      // One stalled request, then the retry that answers (2 s per attempt, so a loaded CI
      // machine's slow answer is not taken for a second stall).
      expect((yield* requestsTo("GET", "/session/status")).length).toBe(2)
      return `stalled once (attemptTimeout 2 s), retried, answered in ${millis} ms`
    }).pipe(
      scenario("stall once, then answered", "attempt timeout, retry within the deadline, success"),
      Effect.provide(through({ requestTimeout: "15 seconds", attemptTimeout: "2 seconds" }))
    ))

  it.effect("a server that accepts and never answers: get fails at requestTimeout, retries included", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.stall, { method: "GET", path: /^\/session\/ses_/ })
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.get("ses_neveranswered000000")))
      const error = failure(exit)
      expect(error._tag === "TransportError" && error.reason).toBe("Timeout")
      // before, each of the 4 attempts had the whole 2 s (8.6 s in all)
      expect(millis).toBeGreaterThanOrEqual(1_990)
      expect(millis).toBeLessThan(3_500)
      return `TransportError(Timeout) after ${millis} ms (requestTimeout 2 s, maxRetries 3)`
    }).pipe(
      scenario("never answered (GET, retries allowed)", "TransportError(Timeout) at requestTimeout (2 s), not per attempt"),
      Effect.provide(through({ requestTimeout: "2 seconds", maxRetries: 3 }))
    ))

  it.effect("a server that accepts and never answers: promptAsync and its look-ups share requestTimeout", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "never answered" }))
      yield* proxy.inject(FaultProxy.stall, { path: new RegExp(`^/session/${session.id}/`) })
      const { exit, millis } = yield* elapsed(MessageService.use((m) => m.promptAsync(session.id, "never")))
      const error = failure(exit)
      expect(error._tag === "TransportError" && error.reason).toBe("Timeout")
      // before: the POST's 2 s, then a look-up retried 4 × 2 s (10.6 s in all)
      expect(millis).toBeGreaterThanOrEqual(1_990)
      expect(millis).toBeLessThan(3_500)
      const posts = yield* requestsTo("POST", `/session/${session.id}/prompt_async`)
      expect(posts.length).toBe(1)
      return `TransportError(Timeout) after ${millis} ms (requestTimeout 2 s); ${posts.length} POST, not resent`
    }).pipe(
      scenario("never answered (promptAsync)", "TransportError(Timeout) at requestTimeout (2 s), look-ups included; sent once"),
      Effect.provide(through({ requestTimeout: "2 seconds", maxRetries: 3 }))
    ))

  for (const code of [502, 503] as const) {
    it.effect(`${code} twice without Retry-After: retried with backoff`, () =>
      Effect.gen(function*() {
        const { proxy } = yield* fresh
        yield* proxy.inject(FaultProxy.status(code), { method: "GET", path: "/session", times: 2 })
        const { exit, millis } = yield* elapsed(SessionService.use((s) => s.list()))
        expect(exit._tag).toBe("Success")
        const seen = yield* requestsTo("GET", "/session")
        expect(seen.length).toBe(3)
        expect(millis).toBeGreaterThanOrEqual(20)
        return `2 × ${code}, retried after ${millis} ms in all, success; 3 requests`
      }).pipe(
        scenario(`${code} without Retry-After (GET)`, "retried with jittered backoff, succeeds"),
        Effect.provide(through())
      ))
  }

  it.effect("503 with Retry-After: the hint is waited", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.status(503, { retryAfter: "1" }), { method: "GET", path: "/session", times: 1 })
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.list()))
      expect(exit._tag).toBe("Success")
      expect(millis).toBeGreaterThanOrEqual(950)
      expect(millis).toBeLessThan(4_000)
      expect((yield* requestsTo("GET", "/session")).length).toBe(2)
      return `waited Retry-After 1 s (${millis} ms), then success; 2 requests`
    }).pipe(
      scenario("503 with Retry-After: 1 (GET)", "retried after the hinted delay, succeeds"),
      Effect.provide(through({ retryMaxDelay: "2 seconds" }))
    ))

  it.effect("502 with Retry-After larger than retryMaxDelay: capped", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.status(502, { retryAfter: "120" }), { method: "GET", path: "/session", times: 1 })
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.list()))
      expect(exit._tag).toBe("Success")
      expect(millis).toBeLessThan(2_000)
      return `Retry-After 120 s capped at retryMaxDelay 200 ms: success in ${millis} ms`
    }).pipe(
      scenario("502 with Retry-After: 120 (GET)", "hint capped at retryMaxDelay, succeeds"),
      Effect.provide(through())
    ))

  it.effect("500: not retried (the server's 500 is a deterministic UnknownError)", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.status(500, { retryAfter: "0" }), { method: "GET", path: "/session", times: 1 })
      const exit = yield* Effect.exit(SessionService.use((s) => s.list()))
      const error = failure(exit)
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return ""
      expect(error.status).toBe(500)
      expect(error.isServerError).toBe(true)
      expect((yield* requestsTo("GET", "/session")).length).toBe(1)
      return "ApiError(500) at once; 1 request (500 is the server's answer to bad input, not transient)"
    }).pipe(
      scenario("500 with/without Retry-After (GET)", "ApiError(500), not retried (429/502/503/504 are)"),
      Effect.provide(through())
    ))

  it.effect("503 on prompt_async: looked up, then resent once, one user message", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "503 prompt" }))
      const path = `/session/${session.id}/prompt_async`
      yield* proxy.inject(FaultProxy.status(503), { method: "POST", path, times: 1 })
      yield* MessageService.use((m) => m.promptAsync(session.id, "rejected then accepted"))
      expect(yield* untilIdle(session.id)).toBe(true)
      const seen = yield* requestsTo("POST", path)
      expect(seen.length).toBe(2)
      expect(seen.filter((r) => r.forwarded).length).toBe(1)
      expect(yield* userTexts(session.id)).toEqual(["rejected then accepted"])
      yield* SessionService.use((s) => s.delete(session.id))
      return "503 was never forwarded; absent by id → resent: 2 POSTs at the proxy, 1 reached the server, 1 user message"
    }).pipe(
      scenario("503 on a prompt (with messageID)", "resent only after a lookup proves it absent; delivered once"),
      Effect.provide(through())
    ))

  it.effect("503 on a synchronous prompt without messageID: not resent", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "503 sync" }))
      const path = `/session/${session.id}/message`
      yield* proxy.inject(FaultProxy.status(503, { retryAfter: "0" }), { method: "POST", path })
      const exit = yield* Effect.exit(MessageService.use((m) => m.prompt(session.id, "no id, no resend")))
      const error = failure(exit)
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return ""
      expect(error.status).toBe(503)
      expect((yield* requestsTo("POST", path)).length).toBe(1)
      yield* proxy.clear
      yield* SessionService.use((s) => s.delete(session.id))
      return "ApiError(503); 1 POST at the proxy (a prompt without an id is never resent)"
    }).pipe(
      scenario("503 on a sync prompt without messageID", "ApiError(503), sent exactly once"),
      Effect.provide(through())
    ))

  for (const code of [401, 403] as const) {
    it.effect(`${code}: typed, not retried`, () =>
      Effect.gen(function*() {
        const { proxy } = yield* fresh
        yield* proxy.inject(FaultProxy.status(code), { method: "GET", path: "/session" })
        const error = failure(yield* Effect.exit(SessionService.use((s) => s.list())))
        expect(error._tag).toBe("ApiError")
        if (error._tag !== "ApiError") return ""
        expect(error.status).toBe(code)
        expect(error.isUnauthorized).toBe(true)
        expect((yield* requestsTo("GET", "/session")).length).toBe(1)
        return `ApiError(${code}), isUnauthorized; 1 request`
      }).pipe(
        scenario(`${code} (GET)`, `ApiError(${code}).isUnauthorized, not retried`),
        Effect.provide(through())
      ))
  }

  it.effect("a wrong password against the real server: 401 on calls and on the event stream", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = failure(yield* Effect.exit(SessionService.use((s) => s.list())))
      expect(error._tag === "ApiError" && error.status === 401).toBe(true)
      const t0 = Date.now()
      const streamError = failure(
        yield* Effect.exit(EventService.use((e) => Stream.runDrain(e.events())).pipe(Effect.timeout("10 seconds")))
      )
      expect(streamError._tag === "ApiError" && streamError.status === 401).toBe(true)
      expect((yield* requestsTo("GET", "/event")).length).toBe(1)
      return `ApiError(401) on GET /session; the event stream fails with ApiError(401) in ${Date.now() - t0} ms, no reconnect loop`
    }).pipe(
      scenario("401 from the real server (wrong password)", "ApiError(401); the event stream fails at once"),
      Effect.provide(through({ password: Redacted.make("wrong password") }))
    ))

  it.effect("404 from the real server", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = failure(yield* Effect.exit(SessionService.use((s) => s.get("ses_doesnotexist000000"))))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return ""
      expect(error.isNotFound).toBe(true)
      expect(error.name).toBe("NotFoundError")
      expect((yield* requestsTo("GET", /^\/session\/ses_/)).length).toBe(1)
      return `ApiError(404, NotFoundError: "${error.message.slice(0, 40)}"); 1 request`
    }).pipe(
      scenario("404 (real server)", "ApiError(404) NotFoundError, not retried"),
      Effect.provide(through())
    ))

  it.effect("409 busy", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "busy" }))
      yield* proxy.inject(
        FaultProxy.status(409, {
          body: JSON.stringify({ name: "SessionBusyError", data: { message: `Session ${session.id} is busy` } }),
          contentType: "application/json"
        }),
        { method: "DELETE", path: `/session/${session.id}`, times: 1 }
      )
      const error = failure(yield* Effect.exit(SessionService.use((s) => s.delete(session.id))))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return ""
      expect(error.isBusy).toBe(true)
      expect(error.name).toBe("SessionBusyError")
      expect((yield* requestsTo("DELETE", `/session/${session.id}`)).length).toBe(1)
      yield* SessionService.use((s) => s.delete(session.id))
      return "ApiError(409, SessionBusyError).isBusy; not retried (1 request)"
    }).pipe(
      scenario("409 busy", "ApiError(409).isBusy with the server's name, not retried"),
      Effect.provide(through())
    ))

  it.effect("truncated JSON", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const session = yield* SessionService.use((s) => s.create({ title: "truncated" }))
      yield* proxy.inject(FaultProxy.truncate(40), { method: "GET", path: `/session/${session.id}`, times: 1 })
      const error = failure(yield* Effect.exit(SessionService.use((s) => s.get(session.id))))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return ""
      expect(error.issue).toContain("invalid JSON")
      expect(error.body.length).toBeLessThanOrEqual(40)
      yield* SessionService.use((s) => s.delete(session.id))
      return `DecodeError("${error.issue.slice(0, 50)}…"), body excerpt of ${error.body.length} chars`
    }).pipe(
      scenario("truncated JSON", "DecodeError (invalid JSON), with an excerpt"),
      Effect.provide(through())
    ))

  it.effect("HTML instead of JSON (injected and the real unknown route)", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      yield* proxy.inject(FaultProxy.html, { method: "GET", path: "/session", times: 1 })
      const injected = failure(yield* Effect.exit(SessionService.use((s) => s.list())))
      expect(injected._tag).toBe("DecodeError")
      const client = yield* Client.OpencodeClient
      const real = failure(
        yield* Effect.exit(client.call({ method: "GET", path: "/sessionz", response: Schema.Unknown }))
      )
      expect(real._tag).toBe("DecodeError")
      if (injected._tag !== "DecodeError" || real._tag !== "DecodeError") return ""
      expect(injected.issue).toContain("text/html")
      expect(real.issue).toContain("text/html")
      return `DecodeError("${injected.issue}") for both`
    }).pipe(
      scenario("HTML instead of JSON", "DecodeError (expected JSON, got text/html), never a success"),
      Effect.provide(through())
    ))

  it.effect("a huge body: bounded memory, clear error", () =>
    Effect.gen(function*() {
      const { proxy } = yield* fresh
      const hugeBytes = 1024 * 1024 * 1024
      yield* proxy.inject(FaultProxy.huge(hugeBytes), { method: "GET", path: "/session", times: 1 })
      yield* proxy.inject(FaultProxy.huge(hugeBytes, { contentLength: true }), { method: "GET", path: "/session", times: 1 })
      const rss0 = process.memoryUsage().rss
      const { exit, millis } = yield* elapsed(SessionService.use((s) => s.list()))
      const rss1 = process.memoryUsage().rss
      const chunked = failure(exit)
      const declared = failure(yield* Effect.exit(SessionService.use((s) => s.list())))
      expect(chunked._tag).toBe("DecodeError")
      expect(declared._tag).toBe("DecodeError")
      if (chunked._tag !== "DecodeError" || declared._tag !== "DecodeError") return ""
      expect(chunked.issue).toContain("exceeds the limit of 8388608 bytes")
      expect(declared.issue).toContain("exceeds the limit")
      expect(chunked.body.length).toBeLessThan(1_000)
      const seen = yield* requestsTo("GET", "/session")
      const sentMiB = seen[0]!.responseBytes / 1024 / 1024
      expect(sentMiB).toBeLessThan(64)
      const grewMiB = (rss1 - rss0) / 1024 / 1024
      expect(grewMiB).toBeLessThan(128)
      return `DecodeError("response body exceeds the limit of 8 MiB") after ${millis} ms; read stopped at ${
        sentMiB.toFixed(1)
      } of 1024 MiB sent, RSS +${Math.max(0, grewMiB).toFixed(0)} MiB; declared length refused before reading`
    }).pipe(
      scenario("huge body (1 GiB)", "DecodeError past maxBodyBytes, reading stops, memory bounded"),
      Effect.provide(through({ maxBodyBytes: 8 * 1024 * 1024 }))
    ))

  it.effect("the model fails mid-stream: SessionError", () =>
    Effect.gen(function*() {
      const { model } = yield* fresh
      // keyed on the prompt: a late request of an earlier test's session cannot take this reply
      yield* model.setFallback((request) =>
        request.lastUserText === "fail mid-stream" ? ScriptedModel.streamError("partial answer") : ScriptedModel.echo
      )
      const error = failure(yield* Effect.exit(Run.run("fail mid-stream", { ephemeral: true, timeout: "60 seconds" })))
      expect(error._tag).toBe("SessionError")
      if (error._tag !== "SessionError") return ""
      expect(error.name).not.toBe("")
      expect(error.sessionID.startsWith("ses")).toBe(true)
      return `SessionError(${error.name}: "${error.message.slice(0, 50)}")`
    }).pipe(
      scenario("model fails mid-stream (error frame)", "Run fails with SessionError carrying the server's error"),
      Effect.provide(through())
    ))

  it.effect("the model's connection is cut mid-stream: opencode retries, the run succeeds", () =>
    Effect.gen(function*() {
      const { model } = yield* fresh
      let calls = 0
      yield* model.setFallback((request) =>
        request.lastUserText !== "cut the model"
          ? ScriptedModel.echo
          : ++calls === 1
          ? ScriptedModel.streamError("half", { mode: "abort" })
          : ScriptedModel.text("second try")
      )
      const result = yield* Run.run("cut the model", { ephemeral: true, timeout: "60 seconds" })
      expect(result.text).toBe("second try")
      const chats = (yield* model.requests).filter((r) => r.kind === "chat" && r.lastUserText === "cut the model").length
      expect(chats).toBe(2)
      return `opencode retried the model (2 calls); Run returned "second try"`
    }).pipe(
      scenario("model connection cut mid-stream", "opencode retries the model; Run succeeds with one result"),
      Effect.provide(through())
    ))
})
