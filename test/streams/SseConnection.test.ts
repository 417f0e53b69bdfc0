import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Stream } from "effect"
import { HttpClient, HttpClientRequest, HttpClientResponse } from "effect/http"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import { decodeEvent, type Event } from "../../src/schema/Event.ts"
import * as SseConnection from "../../src/streams/SseConnection.ts"
import * as FakeSse from "../../src/testing/FakeSse.ts"

const decode = (json: object): Event | undefined => {
  const exit = decodeEvent(json)
  return Exit.isSuccess(exit) ? exit.value : undefined
}

const connect = (
  server: FakeSse.FakeSse,
  options: Partial<SseConnection.Options<Event>> = {}
) =>
  Effect.map(HttpClient.HttpClient, (http) =>
    SseConnection.connect<Event>({
      http: http.pipe(HttpClient.mapRequest(HttpClientRequest.prependUrl(server.url))),
      request: HttpClientRequest.get("/event"),
      decode,
      idOf: (e) => e.id,
      heartbeatTimeout: "2 seconds",
      schedule: SseConnection.backoff("10 millis", "50 millis"),
      ...options
    }))

const idle = (n: number, id = FakeSse.eventId()) => ({ id, type: "session.idle", properties: { sessionID: `ses_${n}` } })

const typeOf = (item: Event | SseConnection.Reconnected) =>
  item.type === "session.idle" ? `idle:${item.properties.sessionID}` : item.type

const withHttp = Effect.provide(OpencodeNode.layerHttpClient)


/** An HttpClient whose every answer is an event stream of these chunks (each one read), left open. */
const streaming = (chunks: ReadonlyArray<string>) =>
  HttpClient.make((request) =>
    Effect.succeed(HttpClientResponse.fromWeb(
      request,
      new Response(
        new ReadableStream({
          start(controller) {
            for (const c of chunks) controller.enqueue(new TextEncoder().encode(c))
          }
        }),
        { headers: { "content-type": "text/event-stream" } }
      )
    ))
  )
describe("SseConnection (fake SSE server)", () => {
  it.live("decodes events, skips and counts malformed payloads, goes on", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      const stats = SseConnection.makeStats()
      const stream = yield* connect(server, { stats })
      const fiber = yield* stream.pipe(Stream.take(4), Stream.runCollect, Effect.forkChild)
      yield* server.awaitConnection(1)
      yield* server.sendRaw("data: {not json\n\n")
      yield* server.sendRaw("data: [1,2]\n\n")
      yield* server.sendRaw("data: 42\n\n")
      yield* server.send({ type: "session.idle", properties: { sessionID: 5 } }) // known type, wrong shape
      yield* server.send(idle(1))
      yield* server.sendRaw(": a comment line\n\n")
      yield* server.send({ id: FakeSse.eventId(), type: "galaxy.spun", properties: { n: 1 } })
      // one event split across writes, and a multi-line data field
      const split = FakeSse.frame(idle(2))
      yield* server.sendRaw(split.slice(0, 10))
      yield* Effect.sleep("20 millis")
      yield* server.sendRaw(split.slice(10))
      const items = yield* Fiber.join(fiber)
      expect(items.map(typeOf)).toEqual(["server.connected", "idle:ses_1", "unknown", "idle:ses_2"])
      expect(stats.malformed).toBe(4)
      expect(stats.received).toBe(4)
    }).pipe(withHttp))

  it.live("frames of every shape: comments, fields, multi-line data, blank lines, split writes, CRLF", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make({ connected: false })
      const stats = SseConnection.makeStats()
      const stream = yield* connect(server, { stats })
      const fiber = yield* stream.pipe(Stream.take(8), Stream.runCollect, Effect.forkChild)
      yield* server.awaitConnection(1)
      const json = (n: number) => JSON.stringify(idle(n))
      yield* server.sendRaw(`\uFEFFdata: ${json(1)}\n\n`) // BOM
      yield* server.sendRaw(`: keep-alive\n\ndata:${json(2)}\n\n`) // comment; no space after the colon
      yield* server.sendRaw(`id: 7\nevent: message\ndata: ${json(3)}\n\n\n\n`) // fields, extra blank lines
      const multi = json(4).replace(",", ",\ndata: ")
      yield* server.sendRaw(`data: ${multi}\n\n`) // data over two lines
      const five = `data: ${json(5)}\n\n`
      for (const piece of [five.slice(0, 3), five.slice(3, 20), five.slice(20, -1), five.slice(-1)]) {
        yield* server.sendRaw(piece)
        yield* Effect.sleep("10 millis")
      }
      yield* server.sendRaw(`data: ${json(6)}\r\n\r\n`) // CRLF from here on
      yield* server.sendRaw(`data: ${json(7)}\r\n\r\ndata: ${json(8)}\r\rdata: ${json(9)}\n\n`)
      const items = yield* Fiber.join(fiber)
      expect(items.map(typeOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `idle:ses_${n}`))
      expect(stats.malformed).toBe(0)
    }).pipe(withHttp))

  it.effect("framing: the same events whatever the chunk boundaries and line ends (2000 random splits)", () =>
    Effect.gen(function*() {
      const json = (n: number) => JSON.stringify(idle(n, `evt_${String(n).padStart(26, "0")}`))
      const text = [
        `data: ${json(1)}\n\n`,
        `: comment\n\n`,
        `data:${json(2)}\n\n`,
        `id: 3\nevent: message\ndata: ${json(3)}\n\n\n`,
        `data: ${json(4).replace(",", ",\ndata: ")}\n\n`,
        `data: {"broken"\n\n`,
        `data: ${json(5)}\n\n`,
        `data: ${json(6)}\n\n`
      ].join("")
      const crlf = text.replaceAll("\n", "\r\n")
      const expected = [1, 2, 3, 4, 5, 6].map((n) => `idle:ses_${n}`)
      let seed = 42
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
      for (let round = 0; round < 2000; round++) {
        const input = round % 4 === 3 ? crlf : text // every fourth with CRLF line ends
        const cuts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * input.length)).sort(
          (a, b) => a - b
        )
        const chunks: Array<string> = []
        let at = 0
        for (const cut of [...cuts, input.length]) {
          if (cut > at) chunks.push(input.slice(at, cut))
          at = Math.max(at, cut)
        }
        const http = streaming(chunks)
        const stats = SseConnection.makeStats()
        // batches of 1, 2 and 3 events stop the scan mid-chunk, and resume it at the next pull
        const maxBatch = [1, 2, 3, 64][Math.floor(round / 4) % 4]
        const items = yield* SseConnection.connect<Event>({
          http,
          request: HttpClientRequest.get("http://fake/event"),
          decode,
          idOf: (e) => e.id,
          stats,
          maxBatch
        }).pipe(Stream.take(6), Stream.runCollect)
        expect(items.map(typeOf)).toEqual(expected)
        expect(stats.malformed).toBe(1)
      }
    }))

  it.effect("a pull decodes at most maxBatch events; the rest of a read waits undecoded", () =>
    Effect.gen(function*() {
      // one read of the transport holds 500 events
      const text = Array.from({ length: 500 }, (_, i) => FakeSse.frame(idle(i))).join("")
      const http = streaming([text])
      let decoded = 0
      const pull = yield* Stream.toPull(SseConnection.connect<Event>({
        http,
        request: HttpClientRequest.get("http://fake/event"),
        decode: (json) => {
          decoded++
          return decode(json)
        },
        idOf: (e) => e.id,
        maxBatch: 10
      }))
      const first = yield* pull
      expect(first.length).toBe(10)
      expect(decoded).toBe(10)
      const sizes = [first.length]
      while (sizes.reduce((a, b) => a + b, 0) < 500) sizes.push((yield* pull).length)
      expect(sizes.every((n) => n === 10)).toBe(true)
      expect(decoded).toBe(500)
      // NaN counts as the default (it must not stop every pull from parsing)
      const pullDefault = yield* Stream.toPull(SseConnection.connect<Event>({
        http,
        request: HttpClientRequest.get("http://fake/event"),
        decode,
        idOf: (e) => e.id,
        maxBatch: Number.NaN
      }))
      expect((yield* pullDefault).length).toBe(SseConnection.defaultMaxBatch)
    }).pipe(Effect.scoped))

  it.live("a cut connection reconnects, emits Reconnected, and drops replayed duplicates", () =>
    Effect.gen(function*() {
      const replay: Array<unknown> = []
      const server = yield* FakeSse.make({
        // a replaying server: sends the events it already sent before, then the new ones
        onConnect: (c) => {
          for (const e of replay) c.write(FakeSse.frame(e))
        }
      })
      const stats = SseConnection.makeStats()
      const stream = yield* connect(server, { stats })
      const fiber = yield* stream.pipe(
        Stream.filter((i) => i.type !== "server.connected"),
        Stream.take(5),
        Stream.runCollect,
        Effect.forkChild
      )
      yield* server.awaitConnection(1)
      const a = idle(1)
      const b = idle(2)
      replay.push(a, b)
      yield* server.send(a)
      yield* server.send(b)
      yield* Effect.sleep("50 millis")
      yield* server.cut
      yield* server.awaitConnection(2)
      yield* server.send(idle(3))
      yield* server.send(idle(4))
      const items = yield* Fiber.join(fiber)
      expect(items.map(typeOf)).toEqual(["idle:ses_1", "idle:ses_2", "client.reconnected", "idle:ses_3", "idle:ses_4"])
      const marker = items[2] as SseConnection.Reconnected
      expect(marker.attempt).toBe(1)
      expect(marker.reason).toBe("error")
      expect(stats.duplicates).toBe(2)
      expect(server.connections[0]!.closed).toBe(true)
    }).pipe(withHttp))

  it.live("a restarted server: the gap is reported with its downtime", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      const stream = yield* connect(server)
      const fiber = yield* stream.pipe(
        Stream.filter((i) => i.type !== "server.connected"),
        Stream.take(3),
        Stream.runCollect,
        Effect.forkChild
      )
      yield* server.awaitConnection(1)
      yield* server.send(idle(1))
      yield* Effect.sleep("30 millis")
      yield* server.stop
      yield* Effect.sleep("200 millis")
      yield* server.start
      yield* server.awaitConnection(2)
      yield* server.send(idle(2))
      const items = yield* Fiber.join(fiber)
      expect(items.map(typeOf)).toEqual(["idle:ses_1", "client.reconnected", "idle:ses_2"])
      const marker = items[1] as SseConnection.Reconnected
      expect(marker.attempt).toBeGreaterThanOrEqual(2) // refused at least once while stopped
      expect(Duration.toMillis(marker.downtime)).toBeGreaterThanOrEqual(150)
    }).pipe(withHttp))

  it.live("a silent server: the heartbeat deadline replaces the connection", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      const stream = yield* connect(server, { heartbeatTimeout: "300 millis" })
      const started = Date.now()
      const fiber = yield* stream.pipe(
        Stream.filter((i) => i.type === "client.reconnected"),
        Stream.take(1),
        Stream.runCollect,
        Effect.forkChild
      )
      const items = yield* Fiber.join(fiber)
      const elapsed = Date.now() - started
      expect((items[0] as SseConnection.Reconnected).reason).toBe("heartbeat")
      expect(elapsed).toBeLessThan(3000)
      expect(server.connections.length).toBe(2)
      yield* Effect.sleep("50 millis")
      expect(server.connections[0]!.closedByClient).toBe(true)
    }).pipe(withHttp))

  it.live("heartbeats keep a connection alive past the deadline", () =>
    Effect.gen(function*() {
      // 50 heartbeats 50 ms apart span 2.5 s, 2.5× the 1 s deadline. The deadline is 20 heartbeat
      // periods long, so only an event-loop stall of about a second (not the 200 ms that a loaded CI
      // machine does show) could fire it while the server keeps beating.
      const server = yield* FakeSse.make({ heartbeatMillis: 50 })
      const stream = yield* connect(server, { heartbeatTimeout: "1 second" })
      const started = Date.now()
      const items = yield* stream.pipe(Stream.take(50), Stream.runCollect)
      expect(Date.now() - started).toBeGreaterThan(1000)
      expect(items.every((i) => i.type !== "client.reconnected")).toBe(true)
      expect(server.connections.length).toBe(1)
    }).pipe(withHttp))

  it.live("a consumer that stops early closes the socket at once", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make({ heartbeatMillis: 20 })
      const stream = yield* connect(server)
      const items = yield* stream.pipe(Stream.take(2), Stream.runCollect)
      expect(items.length).toBe(2)
      yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
      expect(server.connections[0]!.closedByClient).toBe(true)
      expect(server.openConnections()).toBe(0)
      // an interrupted consumer too
      const fiber = yield* stream.pipe(Stream.runDrain, Effect.forkChild)
      yield* server.awaitConnection(2)
      yield* Fiber.interrupt(fiber)
      yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
      expect(server.connections[1]!.closedByClient).toBe(true)
    }).pipe(withHttp))

  it.live("401, 403, 404 and a non-SSE answer fail at once, typed, without retrying", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      for (const status of [401, 403, 404]) {
        yield* server.answer({ status })
        const stream = yield* connect(server)
        const error = yield* Effect.flip(Stream.runDrain(stream))
        expect(error._tag).toBe("ApiError")
        expect(error._tag === "ApiError" && error.status).toBe(status)
      }
      yield* server.answer({ status: 200, contentType: "text/html", body: "<html></html>" })
      const error = yield* Effect.flip(Stream.runDrain(yield* connect(server)))
      expect(error._tag).toBe("DecodeError")
    }).pipe(withHttp))

  it.live("503 is retried; maxReconnects bounds consecutive failures", () =>
    Effect.gen(function*() {
      const server = yield* FakeSse.make()
      yield* server.answer({ status: 503 })
      const error = yield* Effect.flip(Stream.runDrain(yield* connect(server, { maxReconnects: 3 })))
      expect(error._tag).toBe("ApiError")
      expect(error._tag === "ApiError" && error.status).toBe(503)
      // refused connections
      yield* server.stop
      const refused = yield* Effect.flip(Stream.runDrain(yield* connect(server, { maxReconnects: 2 })))
      expect(refused._tag).toBe("TransportError")
    }).pipe(withHttp))

  describe("attemptTimeout: an attempt accepted but never answered", () => {
    // A heartbeat deadline far beyond every bound below: only the attempt's own deadline can end
    // the wait for the headers of a request the server accepted and never answers.
    const deaf = { heartbeatTimeout: "5 minutes", attemptTimeout: "200 millis" } as const

    it.live("the first attempt is abandoned and the next one connects", () =>
      Effect.gen(function*() {
        let requests = 0
        const server = yield* FakeSse.make({ handle: () => ++requests === 1 ? { status: 200, hang: true } : undefined })
        const stats = SseConnection.makeStats()
        const stream = yield* connect(server, { ...deaf, stats })
        const items = yield* stream.pipe(Stream.take(1), Stream.runCollect, Effect.timeout("10 seconds"))
        expect(items.map(typeOf)).toEqual(["server.connected"])
        expect(server.hung()).toBe(1)
        expect(stats.connections).toBe(1)
        expect(stats.reconnects).toBe(0)
        // the abandoned attempt's socket was closed by the client, not left open
        yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
        expect(server.hangingOpen()).toBe(0)
      }).pipe(withHttp))

    it.live("a reconnect attempt is abandoned: Reconnected comes from the next attempt", () =>
      Effect.gen(function*() {
        let requests = 0
        const server = yield* FakeSse.make({ handle: () => ++requests === 2 ? { status: 200, hang: true } : undefined })
        const stream = yield* connect(server, deaf)
        const fiber = yield* stream.pipe(Stream.take(4), Stream.runCollect, Effect.forkChild)
        yield* server.awaitConnection(1)
        yield* server.send(idle(1))
        yield* Effect.sleep("50 millis")
        yield* server.cut
        const items = yield* Fiber.join(fiber).pipe(Effect.timeout("10 seconds"))
        expect(items.map(typeOf)).toEqual(["server.connected", "idle:ses_1", "client.reconnected", "server.connected"])
        const marker = items[2] as SseConnection.Reconnected
        expect(marker.attempt).toBe(2) // the deaf attempt, then the one that connected
        expect(marker.reason).toBe("error")
        expect(server.hung()).toBe(1)
        expect(server.connections.length).toBe(2)
        yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
        expect(server.hangingOpen()).toBe(0)
      }).pipe(withHttp))

    it.live("it bounds only the headers: a connected stream quiet for longer is kept", () =>
      Effect.gen(function*() {
        const server = yield* FakeSse.make()
        const stream = yield* connect(server, { heartbeatTimeout: "10 seconds", attemptTimeout: "50 millis" })
        const fiber = yield* stream.pipe(Stream.take(3), Stream.runCollect, Effect.forkChild)
        yield* server.awaitConnection(1)
        // quiet for many attempt deadlines, well within the heartbeat deadline
        yield* Effect.sleep("400 millis")
        yield* server.send(idle(1))
        yield* Effect.sleep("400 millis")
        yield* server.send(idle(2))
        const items = yield* Fiber.join(fiber).pipe(Effect.timeout("10 seconds"))
        expect(items.map(typeOf)).toEqual(["server.connected", "idle:ses_1", "idle:ses_2"])
        expect(server.connections.length).toBe(1)
      }).pipe(withHttp))

    it.live("a server that never answers: maxReconnects ends it with a TimeoutError of the headers", () =>
      Effect.gen(function*() {
        const server = yield* FakeSse.make()
        yield* server.answer({ status: 200, hang: true })
        const error = yield* Effect.flip(Stream.runDrain(yield* connect(server, { ...deaf, maxReconnects: 2 }))).pipe(
          Effect.timeout("10 seconds")
        )
        expect(error._tag).toBe("TimeoutError")
        if (error._tag !== "TimeoutError") return
        expect(error.operation).toBe("GET /event (response headers)")
        expect(error.timeoutMillis).toBe(200)
        expect(server.hung()).toBe(3) // the first attempt and 2 reconnect attempts
        yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
        expect(server.hangingOpen()).toBe(0)
      }).pipe(withHttp))
  })
})
