/**
 * A reconnecting Server-Sent Events connection: the transport under `EventService`.
 *
 * {@link connect} opens `GET` on an SSE endpoint and decodes each `data:` payload, at most
 * `maxBatch` per pull (the rest waits undecoded). When the connection ends, fails, goes silent
 * past `heartbeatTimeout` or gets no headers within `attemptTimeout`, it reconnects with capped,
 * jittered backoff, drops events already emitted (by their sortable `evt_…` id), and emits a
 * {@link Reconnected} marker before the new connection's first event: the gap must be re-read.
 * When the consumer stops, the request is aborted and the socket closed at once.
 */
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Channel from "effect/Channel"
import * as Sse from "effect/encoding/Sse"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Pull from "effect/Pull"
import { ApiError, DecodeError, TimeoutError, TransportError } from "../Errors.ts"
import { mapHttpClientError } from "../layers/OpencodeClient.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"

/** Why a connection was reopened: the previous one ended, failed, or was silent past the heartbeat deadline. */
export type DisconnectReason = "ended" | "error" | "heartbeat"

/**
 * Emitted before the first event of a new connection. The server has no replay: events sent while
 * no connection was open are lost, so a consumer tracking state must re-read it (`EventService`
 * does for its per-session views). `attempt`: attempts this reconnect took (1: the first
 * succeeded); `downtime`: from the loss to the new connection's first frame; `reconnects`: so far,
 * this one included.
 */
export class Reconnected extends Data.Class<{
  readonly attempt: number
  readonly downtime: Duration.Duration
  readonly reason: DisconnectReason
  readonly reconnects: number
}> {
  /** Lets a `switch (item.type)` over events also match this marker. */
  readonly type = "client.reconnected" as const
}

/** Whether a stream item is the {@link Reconnected} marker. */
export const isReconnected = (u: unknown): u is Reconnected => u instanceof Reconnected

/**
 * How an event stream fails: `ApiError` for an answer not retried (4xx but 408/429), `DecodeError`
 * when the answer is not `text/event-stream` (a wrong base URL serving the web UI), and, once
 * `maxReconnects` consecutive attempts failed, the last `TransportError`, `ApiError` or
 * `TimeoutError` (no headers within `attemptTimeout`, or silent past `heartbeatTimeout`).
 */
export type ConnectionError = ApiError | DecodeError | TransportError | TimeoutError

/**
 * Counters of one or more connections. Malformed payloads (not JSON, not an object, or failing
 * their type's schema) are skipped and counted, the stream goes on.
 */
export interface Stats {
  /** Connections answered with an event stream. */
  connections: number
  /** {@link Reconnected} markers emitted. */
  reconnects: number
  received: number
  malformed: number
  /** Events dropped after a reconnect as already emitted. */
  duplicates: number
}

/** Zeroed {@link Stats}. */
export const makeStats = (): Stats => ({ connections: 0, reconnects: 0, received: 0, malformed: 0, duplicates: 0 })

/** The default reconnect schedule: exponential from 100 ms, each delay capped at 5 s, ±20 % jitter. */
export const defaultSchedule: Schedule.Schedule<unknown> = backoff("100 millis", "5 seconds")

/**
 * The default deadline from request to response headers: 5 s. A running server answers `GET
 * /event` within milliseconds, but a restarting one accepts TCP ~200 ms before it answers, and a
 * request accepted then is never answered: without this deadline the stream would wait for the
 * 30 s heartbeat, losing the restarted server's events. Gotcha: a server or proxy always slower
 * than this is never connected; raise `attemptTimeout` for it.
 */
export const defaultAttemptTimeout: Duration.Duration = Duration.seconds(5)

/** Capped exponential backoff: `base`, `2 × base`, … each capped at `max`, then ±20 % jitter. */
export function backoff(base: Duration.Input, max: Duration.Input): Schedule.Schedule<unknown> {
  const maxMillis = Duration.toMillis(Duration.fromInputUnsafe(max))
  return Schedule.exponential(base).pipe(
    Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.millis(Math.min(Duration.toMillis(duration), maxMillis)))),
    Schedule.jittered
  )
}

/** The options of {@link connect}. */
export interface Options<A> {
  /** The client to send with (base URL and auth already applied). */
  readonly http: HttpClient.HttpClient
  readonly request: HttpClientRequest.HttpClientRequest
  /** Decodes one parsed JSON object; `undefined` marks it malformed (skipped, counted). Must not throw. */
  readonly decode: (json: object) => A | undefined
  /** The event's id, to drop duplicates after a reconnect. */
  readonly idOf: (value: A) => string | undefined
  /** Deadline for each read of an open connection (default 30 s; the server's heartbeat comes every ~10 s). */
  readonly heartbeatTimeout?: Duration.Input | undefined
  /** Deadline from request to headers (default {@link defaultAttemptTimeout}); past it the attempt failed. */
  readonly attemptTimeout?: Duration.Input | undefined
  /** Consecutive failed attempts tolerated before failing with the last error (default unlimited); reset by a delivered frame. */
  readonly maxReconnects?: number | undefined
  /** Delays between attempts. Default {@link defaultSchedule}. */
  readonly schedule?: Schedule.Schedule<unknown> | undefined
  /** Counters to update (may be shared between connections). */
  readonly stats?: Stats | undefined
  /** Called synchronously at a connection's first frame, and when it is lost. */
  readonly onState?: ((state: "connected" | "disconnected") => void) | undefined
  /** Largest SSE event accepted, in characters (larger: skipped, counted). Default 16 MiB. */
  readonly maxEventSize?: number | undefined
  /**
   * Most events per emitted batch (default {@link defaultMaxBatch}), decoded per pull: a waiting
   * consumer holds at most one decoded batch. At least 1; `Infinity`: all of each read; NaN: default.
   */
  readonly maxBatch?: number | undefined
}

/**
 * The default batch of {@link connect}: 256 events, ~85 KiB of JSON (about one 64 KiB read) at
 * ~340 bytes an event. Smaller batches pay the stream's and the hub's per-batch cost more often:
 * 64 took ~10 % more CPU per event than 1024 in the event benchmark.
 */
export const defaultMaxBatch: number = 256

const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429

const isEventStream = (contentType: string | undefined): boolean =>
  contentType !== undefined && contentType.toLowerCase().includes("text/event-stream")

const sortable = (id: string): boolean => id.length > 4 && id.charCodeAt(3) === 95 /* _ */ && id.startsWith("evt_")

/**
 * The decoded events of an SSE endpoint, with {@link Reconnected} markers. The server replays
 * nothing, but a proxy might: after a reconnect an `evt_…` id sorting at or before the last one
 * emitted is dropped; ids of other shapes are checked against the last 1024 seen.
 *
 * @example
 * ```ts
 * import { Effect, Exit, Stream } from "effect"
 * import { HttpClientRequest } from "effect/http"
 * import { EventSchema, OpencodeClient, SseConnection } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* OpencodeClient.OpencodeClient
 *   const events = SseConnection.connect({
 *     http: client.http,
 *     request: HttpClientRequest.get("/event"),
 *     decode: (json) => { const e = EventSchema.decodeEvent(json); return Exit.isSuccess(e) ? e.value : undefined },
 *     idOf: (e) => e.id,
 *     maxReconnects: 10
 *   })
 *   yield* events.pipe(Stream.take(10), Stream.runForEach((e) => Effect.log(e.type)))
 * })
 * ```
 */
export const connect = <A>(options: Options<A>): Stream.Stream<A | Reconnected, ConnectionError> =>
  Stream.fromChannel(Channel.fromTransform((_upstream, streamScope) =>
    Effect.gen(function*() {
      const heartbeat = Duration.fromInputUnsafe(options.heartbeatTimeout ?? "30 seconds")
      const heartbeatMillis = Duration.toMillis(heartbeat)
      const attempt = options.attemptTimeout === undefined
        ? defaultAttemptTimeout
        : Duration.fromInputUnsafe(options.attemptTimeout)
      const attemptMillis = Duration.toMillis(attempt)
      const maxReconnects = options.maxReconnects ?? Number.POSITIVE_INFINITY
      const schedule = options.schedule ?? defaultSchedule
      const stats = options.stats ?? makeStats()
      const onState = options.onState
      const http = HttpClient.withScope(options.http)
      const request = options.request
      const method = request.method
      const path = pathOf(request.url)

      // Connection state
      let scope: Scope.Closeable | undefined
      let pull: Pull.Pull<ReadonlyArray<Uint8Array>, unknown, unknown> | undefined
      let framed = false
      let decoder = new TextDecoder()

      // Reconnect state
      let step: ((now: number, input: unknown) => Pull.Pull<[unknown, Duration.Duration], never, unknown>) | undefined
      let failures = 0
      let everConnected = false
      let lostAt: number | undefined
      let lostReason: DisconnectReason = "ended"
      let lastError: ConnectionError | undefined

      // Duplicates
      let lastId: string | undefined
      let dedupeBelow: string | undefined
      const recent = new Set<string>()

      let out: Array<A | Reconnected> = []

      const emit = (json: object): void => {
        const value = options.decode(json)
        if (value === undefined) {
          stats.malformed++
          return
        }
        const id = options.idOf(value)
        if (id !== undefined) {
          if (sortable(id)) {
            if (dedupeBelow !== undefined && id <= dedupeBelow && sortable(dedupeBelow)) {
              stats.duplicates++
              return
            }
            if (lastId === undefined || id > lastId) lastId = id
          } else {
            if (recent.has(id)) {
              stats.duplicates++
              return
            }
            recent.add(id)
            if (recent.size > 1024) recent.delete(recent.values().next().value!)
            lastId = id
          }
        }
        out.push(value)
      }

      const onData = (data: string): void => {
        let json: unknown
        try {
          json = JSON.parse(data)
        } catch {
          stats.malformed++
          return
        }
        if (typeof json !== "object" || json === null || Array.isArray(json)) {
          stats.malformed++
          return
        }
        emit(json)
      }
      const onParse = (event: Sse.AnyEvent): void => {
        if (event._tag === "Event") onData(event.data)
      }
      const maxEventSize = options.maxEventSize ?? 16 * 1024 * 1024
      // NaN would stop every pull from parsing (a stream that never emits): the default instead
      const maxBatch = options.maxBatch === undefined || Number.isNaN(options.maxBatch)
        ? defaultMaxBatch
        : Math.max(1, Math.floor(options.maxBatch))
      const parser = Sse.makeParser(onParse, { maxEventSize })

      // Framing: the server writes each event as one `data: <json>\n\n` frame, split here with
      // `indexOf` (several times faster than a character scan); any other frame (comments,
      // `id:`/`event:`/`retry:`, multi-line data) goes whole to Effect's SSE parser; a stream with
      // any CR goes to it entirely. A pull decodes only up to `maxBatch` events: the rest stays
      // bytes here and in the socket, so a slow consumer holds the connection back.
      let chunks: ReadonlyArray<Uint8Array> = []
      let chunkIndex = 0
      let text = "" // the chunk being scanned, from `at` on
      let at = 0
      let pending = "" // the start of a frame not finished in the chunks read so far
      let fast = true
      let first = true
      // Takes the next chunk; a frame begun earlier is completed from its head, the rest scanned in place (not joined).
      const accept = (next: string): void => {
        if (first) {
          first = false
          if (next.charCodeAt(0) === 0xfeff) next = next.slice(1)
        }
        if (!fast) {
          if (parser.feed(next) !== undefined) stats.malformed++
          return
        }
        if (next.indexOf("\r") >= 0) {
          fast = false
          const rest = pending + next
          pending = ""
          if (parser.feed(rest) !== undefined) stats.malformed++
          return
        }
        let from = 0
        if (pending.length > 0) {
          if (pending.charCodeAt(pending.length - 1) === 10 && next.charCodeAt(0) === 10) {
            from = 1 // the blank line straddles the chunks
          } else {
            const end = next.indexOf("\n\n")
            if (end < 0) {
              pending += next
              if (pending.length > maxEventSize) overflow()
              return
            }
            from = end + 2
          }
          // exactly one frame: `pending` holds no complete one
          const head = pending + next.slice(0, from)
          pending = ""
          scan(head, 0, Number.POSITIVE_INFINITY)
        }
        text = next
        at = from
      }
      // Frames of `buffer` from `from` on, until `out` holds `limit` items; returns where the rest begins.
      const scan = (buffer: string, from: number, limit: number): number => {
        const length = buffer.length
        let start = from
        while (start < length && out.length < limit) {
          // one scan: the first line end; a single-line frame ends right there
          const nl = buffer.indexOf("\n", start)
          if (nl < 0) break
          if (buffer.charCodeAt(nl + 1) === 10 && buffer.startsWith("data: ", start)) {
            onData(buffer.slice(start + 6, nl))
            start = nl + 2
            continue
          }
          const end = buffer.charCodeAt(nl + 1) === 10 ? nl : buffer.indexOf("\n\n", nl)
          if (end < 0) break
          if (end > start) {
            if (parser.feed(buffer.slice(start, end + 2)) !== undefined) stats.malformed++
          }
          start = end + 2
        }
        return start
      }
      // Parses what was read until `out` holds `maxBatch` items or nothing complete is left.
      const fill = (): void => {
        while (out.length < maxBatch) {
          if (at < text.length) {
            at = scan(text, at, maxBatch)
            if (at < text.length && out.length >= maxBatch) return
            // an unfinished frame is left (or nothing): keep it for the next chunk
            if (at < text.length) pending = at === 0 ? text : text.slice(at)
            if (pending.length > maxEventSize) overflow()
          }
          text = ""
          at = 0
          if (chunkIndex >= chunks.length) return
          const chunk = chunks[chunkIndex]!
          chunkIndex++
          if (chunkIndex >= chunks.length) {
            chunks = []
            chunkIndex = 0
          }
          accept(decoder.decode(chunk, { stream: true }))
        }
      }
      const overflow = () => {
        stats.malformed++
        pending = ""
        fast = false // resynchronise on the next blank line with Effect's parser
        parser.reset()
      }
      const resetFraming = () => {
        chunks = []
        chunkIndex = 0
        text = ""
        at = 0
        pending = ""
        fast = true
        first = true
        parser.reset()
      }

      const closeConnection = (reason: DisconnectReason): Effect.Effect<void> => {
        const current = scope
        scope = undefined
        pull = undefined
        if (framed) {
          lostAt = Date.now()
          lostReason = reason
        }
        framed = false
        onState?.("disconnected")
        return current === undefined ? Effect.void : Scope.close(current, Exit.void)
      }

      yield* Scope.addFinalizer(streamScope, Effect.suspend(() => {
        const current = scope
        scope = undefined
        pull = undefined
        return current === undefined ? Effect.void : Scope.close(current, Exit.void)
      }))

      const fatal = (error: ConnectionError) => Effect.fail(error)

      // Waits before the next attempt; fails once the attempts are used up.
      const pause: Effect.Effect<void, ConnectionError> = Effect.suspend(() => {
        if (failures === 0) return Effect.void
        if (failures > maxReconnects) {
          return Effect.fail(
            lastError ??
              new TransportError({ reason: "Unknown", method, url: path, detail: "the event stream ended" })
          )
        }
        return Effect.gen(function*() {
          if (step === undefined) step = yield* Schedule.toStep(schedule)
          const next = yield* Effect.exit(step(Date.now(), lastError))
          if (Exit.isFailure(next)) {
            // The schedule is exhausted: give up with the last error.
            return yield* Effect.fail(
              lastError ?? new TransportError({ reason: "Unknown", method, url: path, detail: "reconnect schedule exhausted" })
            )
          }
          const delay = next.value[1]
          if (Duration.toMillis(delay) > 0) yield* Effect.sleep(delay)
        })
      })

      // Opens one connection; on a retryable failure leaves `scope` undefined and records the error.
      const open: Effect.Effect<void, ConnectionError> = Effect.gen(function*() {
        const s = yield* Scope.make()
        // Registered at once, so an interruption while waiting for the headers aborts the request.
        scope = s
        const drop = Effect.suspend(() => {
          scope = undefined
          return Scope.close(s, Exit.void)
        })
        const exit = yield* http.execute(request).pipe(
          Scope.provide(s),
          Effect.mapError((e) => mapHttpClientError(e, method, path)),
          // the attempt's own deadline (see defaultAttemptTimeout)
          Effect.timeoutOption(attempt),
          Effect.exit
        )
        if (Exit.isFailure(exit)) {
          yield* drop
          const error = Cause.findErrorOption(exit.cause)
          if (Option.isNone(error)) return yield* Effect.failCause(exit.cause as Cause.Cause<never>)
          if (error.value._tag === "ValidationError") {
            return yield* fatal(new DecodeError({ endpoint: `${method} ${path}`, issue: error.value.message, body: "" }))
          }
          if (error.value._tag === "DecodeError") return yield* fatal(error.value)
          lastError = error.value
          failures++
          return
        }
        if (Option.isNone(exit.value)) {
          yield* drop
          lastError = new TimeoutError({ operation: `${method} ${path} (response headers)`, timeoutMillis: attemptMillis })
          failures++
          return
        }
        const response = exit.value.value
        if (response.status >= 400) {
          yield* drop
          const error = new ApiError({ status: response.status, message: `HTTP ${response.status}`, method, path })
          if (!retryableStatus(response.status)) return yield* fatal(error)
          lastError = error
          failures++
          return
        }
        if (!isEventStream(response.headers["content-type"])) {
          yield* drop
          return yield* fatal(
            new DecodeError({
              endpoint: `${method} ${path}`,
              issue: `expected text/event-stream, got ${response.headers["content-type"] ?? "no content type"} (status ${response.status})`,
              body: ""
            })
          )
        }
        stats.connections++
        // Events of this connection at or before the last one emitted are replays.
        if (everConnected) dedupeBelow = lastId
        decoder = new TextDecoder()
        resetFraming()
        pull = yield* Channel.toPullScoped(Stream.toChannel(response.stream), s) as Effect.Effect<
          Pull.Pull<ReadonlyArray<Uint8Array>, unknown, unknown>
        >
      })

      const readTimeout = (p: Pull.Pull<ReadonlyArray<Uint8Array>, unknown, unknown>) =>
        Effect.timeoutOption(p, heartbeat)

      const loop: Pull.Pull<ReadonlyArray<A | Reconnected>, ConnectionError, void> = Effect.gen(function*() {
        while (true) {
          // what was read already comes first; the transport is read only once it is used up
          if (out.length < maxBatch) fill()
          if (out.length > 0) {
            let batch = out
            if (out.length > maxBatch) batch = out.splice(0, maxBatch) // Effect's parser fed a whole chunk
            else out = []
            stats.received += batch.length - (batch[0] instanceof Reconnected ? 1 : 0)
            return batch
          }
          if (pull === undefined) {
            yield* pause
            yield* open
            continue
          }
          const read = yield* Effect.exit(readTimeout(pull))
          if (Exit.isFailure(read)) {
            const isEnd = Pull.isDoneCause(read.cause)
            if (!isEnd) {
              const error = Cause.findErrorOption(read.cause)
              if (Option.isNone(error)) return yield* Effect.failCause(read.cause as Cause.Cause<never>)
              lastError = mapHttpClientError(error.value as never, method, path) as ConnectionError
            }
            yield* closeConnection(isEnd ? "ended" : "error")
            failures++
            continue
          }
          if (Option.isNone(read.value)) {
            lastError = new TimeoutError({ operation: `${method} ${path} (heartbeat)`, timeoutMillis: heartbeatMillis })
            yield* closeConnection("heartbeat")
            failures++
            continue
          }
          chunks = read.value.value
          chunkIndex = 0
          if (!framed && chunks.length > 0) {
            framed = true
            onState?.("connected")
            if (everConnected) {
              stats.reconnects++
              yield* Telemetry.recordReconnect(lostReason)
              // `out` is empty here: the marker comes before the first event of this connection
              out.push(
                new Reconnected({
                  attempt: failures,
                  downtime: Duration.millis(Math.max(0, Date.now() - (lostAt ?? Date.now()))),
                  reason: lostReason,
                  reconnects: stats.reconnects
                })
              )
            }
            everConnected = true
            failures = 0
            step = undefined
            lastError = undefined
          }
        }
      })
      return loop as Pull.Pull<Arr<A | Reconnected>, ConnectionError, void>
    })
  ))

type Arr<A> = readonly [A, ...Array<A>]

const pathOf = (url: string): string => {
  try {
    return new URL(url, "http://localhost").pathname
  } catch {
    return url
  }
}
