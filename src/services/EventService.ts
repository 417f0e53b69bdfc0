/**
 * The server's events as Effect `Stream`s: a directory's (`GET /event`) or every directory's
 * (`GET /global/event`), one session's, its lifecycle, its text as generated, `waitForIdle`, and
 * handlers that answer permission and question requests. More in docs/events.md.
 *
 * **Connections.** One connection per directory (and one global) is shared by a service's
 * subscribers: opened by the first, closed when the last leaves. It reconnects when it ends,
 * fails, or is silent past `heartbeatTimeout`; an attempt without headers within `attemptTimeout`
 * is abandoned (see `SseConnection`). Subscribers fail only on an answer retrying cannot fix (401,
 * 403, 404, not an event stream) or after `maxReconnects` consecutive failed attempts.
 *
 * **Slow consumers.** Subscribers share a bounded buffer (`bufferSize`, 4096 decoded events, in
 * batches of ≤ 256). A subscriber that far behind stops the connection's decoding and reading (TCP
 * pushes back on the server) until it catches up: memory stays bounded and no subscriber misses an
 * event (`waitForIdle` and `lifecycle` never lose their `session.idle`), but one stalled
 * subscriber holds the others back. To lose events rather than wait:
 * `events.events().pipe(Stream.buffer({ capacity: 1000, strategy: "sliding" }))`.
 *
 * **Gaps.** The server replays nothing on a new connection. `items` streams carry a `Reconnected`
 * marker where a gap was; the per-session views (`lifecycle`, `waitForIdle`, `textStream`, the
 * handlers) re-read the server's state there, so a `session.idle` or a permission request missed
 * in the gap is still seen.
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Latch from "effect/Latch"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as PubSub from "effect/PubSub"
import * as RcMap from "effect/RcMap"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import { type RequestError, SessionError, TimeoutError, type ValidationError } from "../Errors.ts"
import { requireId } from "../internal/validate.ts"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import * as EventSchema from "../schema/Event.ts"
import * as Message from "../schema/Message.ts"
import * as Permission from "../schema/Permission.ts"
import * as Question from "../schema/Question.ts"
import * as S from "../schema/Session.ts"
import * as Decode from "../streams/Decode.ts"
import * as Lifecycle from "../streams/Lifecycle.ts"
import * as SseConnection from "../streams/SseConnection.ts"
import * as TextStream from "../streams/TextStream.ts"
import * as Turn from "../tasks/Turn.ts"
import { readMessages } from "./MessageService.ts"
import { readSession, readStatus } from "./SessionService.ts"

type Event = EventSchema.Event
type Reconnected = SseConnection.Reconnected

/**
 * An event, or the `Reconnected` marker that tells a gap in the stream (see
 * `SseConnection.Reconnected`). Both have a `type`, so one `switch` handles them.
 */
export type StreamItem = Event | Reconnected

/** A frame of the global stream, or the `Reconnected` marker. */
export type GlobalItem = EventSchema.GlobalEvent | Reconnected

/** How an event stream fails (see `SseConnection.ConnectionError`). */
export type EventsError = SseConnection.ConnectionError

/** Settings of the service's connections. */
export interface Options {
  /** A connection silent for this long is replaced. Default 30 seconds (the server sends a heartbeat about every 10 s). */
  readonly heartbeatTimeout?: Duration.Input | undefined
  /**
   * A connection attempt whose response headers have not come within this long is abandoned and
   * the next attempt starts (a restarting server accepts connections before it answers them).
   * Default 5 seconds (`SseConnection.defaultAttemptTimeout`); raise it for a server slower to answer.
   */
  readonly attemptTimeout?: Duration.Input | undefined
  /** Consecutive failed connection attempts tolerated before the streams fail. Default unlimited. */
  readonly maxReconnects?: number | undefined
  /** Delays between connection attempts. Default `SseConnection.defaultSchedule` (100 ms doubling, capped at 5 s, jittered). */
  readonly reconnectSchedule?: Schedule.Schedule<unknown> | undefined
  /**
   * Decoded events buffered per connection for its subscribers before the connection waits (it
   * then decodes and reads nothing more until the slowest subscriber catches up). Default 4096.
   * Held in batches of at most `SseConnection.defaultMaxBatch` (256) events, so it is rounded up
   * to a whole number of batches; a smaller value also makes the batches smaller. A value that
   * is not a finite number counts as the default.
   */
  readonly bufferSize?: number | undefined
}

/** Which directory's events to read; the client's directory by default. */
export interface DirectoryOption {
  readonly directory?: string | undefined
}

/** Options of {@link Service.waitForIdle}. */
export interface WaitOptions<E = never, R = never> extends DirectoryOption {
  /** Fail with a `TimeoutError` after this long. Default: wait as long as it takes. */
  readonly timeout?: Duration.Input | undefined
  /**
   * The id of a user message (a prompt): wait until the session is idle **and** this message has
   * an assistant reply that finished. Use it after `prompt_async` to close the race where the
   * server has not yet marked the session busy (so it still looks idle); choose the id yourself
   * (`Ids.newMessageID()`) and send it with the prompt.
   */
  readonly after?: string | undefined
  /**
   * What starts the turn (usually the `prompt_async` of `after`), run once the wait has subscribed
   * and the connection is up: every event of the turn then reaches the wait, which reads the
   * server's state only after a gap (`Reconnected`) or an idle without a finished reply. Without
   * `start` the wait first reads the status (and with `after` the messages): the turn may have
   * ended before it subscribed. Gotcha: `start`'s failure is the wait's; nothing was started then.
   */
  readonly start?: Effect.Effect<unknown, E, R> | undefined
}

/** Options of {@link Service.textStream} and {@link Service.textDeltas}. */
export interface TextOptions extends DirectoryOption {
  /**
   * End the stream at the session's next `session.idle` (the end of the run); with `after`, at
   * the first idle once a reply to `after` was seen. Default true.
   */
  readonly untilIdle?: boolean | undefined
  /**
   * The id of a user message (a prompt): follow only the replies to it, and read what they already
   * hold when the stream starts, so a stream started after `prompt_async` misses nothing. Without
   * it, start the stream before sending the prompt.
   */
  readonly after?: string | undefined
}

/** Options of {@link Service.lifecycle}. */
export interface LifecycleOptions extends DirectoryOption {
  /** Emit the session's current state first (read from the server). Default true. */
  readonly initial?: boolean | undefined
}

/** Options of the permission and question handlers. */
export interface HandlerOptions extends DirectoryOption {
  /** Only this session's requests. Default: every session of the directory. */
  readonly sessionID?: string | undefined
  /** Requests handled at the same time. Default 8. */
  readonly concurrency?: number | undefined
}

/** An answer to a permission request. */
export type PermissionDecision = Permission.PermissionReply

/**
 * How to answer permission requests: one decision for all, a decision per permission name (`"*"`
 * for the rest; requests matching nothing are rejected), or an effectful handler.
 */
export type PermissionPolicy<E = never, R = never> =
  | PermissionDecision
  | Readonly<Record<string, PermissionDecision>>
  | ((request: Permission.PermissionRequest) => Effect.Effect<PermissionDecision, E, R>)

/** An answer to a question request: the selected labels of each question, in order, or `"reject"`. */
export type QuestionDecision = ReadonlyArray<ReadonlyArray<string>> | "reject"

/** Counters of the service's connections (see `SseConnection.Stats`), summed over all of them. */
export type Stats = Readonly<SseConnection.Stats>

/**
 * A subscription made now: `items` carries every event from this moment on; `ready` completes
 * once the shared connection is live (its first frame arrived), after which state read from the
 * server cannot miss a later event.
 */
export interface Subscription {
  readonly items: Stream.Stream<StreamItem, EventsError>
  readonly ready: Effect.Effect<void>
}

/** The event operations. */
export interface Service {
  /**
   * Every event of a directory, decoded (unknown types as `UnknownEvent`; malformed payloads
   * skipped and counted in {@link Service.stats}). Never ends on its own.
   */
  readonly events: (options?: DirectoryOption) => Stream.Stream<Event, EventsError>
  /** {@link Service.events} with the `Reconnected` markers. */
  readonly items: (options?: DirectoryOption) => Stream.Stream<StreamItem, EventsError>
  /** Every event of every directory (`GET /global/event`), each with its `directory`. */
  readonly globalEvents: () => Stream.Stream<EventSchema.GlobalEvent, EventsError>
  /** {@link Service.globalEvents} with the `Reconnected` markers. */
  readonly globalItems: () => Stream.Stream<GlobalItem, EventsError>
  /**
   * Subscribes now (in the current scope) and returns the subscription: subscribe, await
   * `ready`, then act (send a prompt), then read `items` — nothing the action causes is missed.
   * Read `items` promptly (or close the scope): an unread subscription holds the shared
   * connection back once its buffer is full.
   */
  readonly subscribe: (options?: DirectoryOption) => Effect.Effect<Subscription, never, Scope.Scope>
  /** The events of one session (its messages, parts, status, permissions…); events of no session are dropped. */
  readonly session: (sessionID: string, options?: DirectoryOption) => Stream.Stream<Event, EventsError | ValidationError>
  /** {@link Service.session} with the `Reconnected` markers (after each, re-read what you track). */
  readonly sessionItems: (
    sessionID: string,
    options?: DirectoryOption
  ) => Stream.Stream<StreamItem, EventsError | ValidationError>
  /**
   * The session's state changes (see `Lifecycle` for the state machine): created, active, idle,
   * completed, error, reverted, archived, deleted. Starts with the current state (unless
   * `initial: false`); re-reads the state after a reconnect; ends after `deleted`.
   */
  readonly lifecycle: (
    sessionID: string,
    options?: LifecycleOptions
  ) => Stream.Stream<Lifecycle.Change, EventsError | RequestError>
  /**
   * Completes when the session is idle: at once when it is, else at its next `session.idle`
   * (subscribing before reading the status, so nothing between is missed; with `start`, reading
   * nothing up front). Fails with `SessionError` on `session.error` (an abort is named
   * `MessageAbortedError`) or deletion, and with `TimeoutError` after `timeout`.
   *
   * Right after `prompt_async` the session may still look idle: pass the prompt's message id as
   * `after`. When after a gap the session stays idle ~2 s with no finished reply to `after` (the
   * server restarted mid-turn), it fails with a `SessionError` named `TurnLost`, not waiting forever.
   */
  readonly waitForIdle: <E = never, R = never>(
    sessionID: string,
    options?: WaitOptions<E, R>
  ) => Effect.Effect<void, SessionError | TimeoutError | EventsError | RequestError | E, R>
  /**
   * The assistant's text as it is generated (see `TextStream`); ends at the session's next
   * `session.idle` unless `untilIdle: false`; fails with `SessionError` on `session.error`.
   */
  readonly textStream: (
    sessionID: string,
    options?: TextOptions
  ) => Stream.Stream<string, EventsError | RequestError | SessionError>
  /** {@link Service.textStream} with the message and part of each piece of text. */
  readonly textDeltas: (
    sessionID: string,
    options?: TextOptions
  ) => Stream.Stream<TextStream.TextDelta, EventsError | RequestError | SessionError>
  /**
   * The permission requests (`permission.asked`), including those already pending when the stream
   * starts and those asked during a reconnect gap; each request once.
   */
  readonly permissionRequests: (
    options?: HandlerOptions
  ) => Stream.Stream<Permission.PermissionRequest, EventsError | RequestError>
  /**
   * Answers every permission request by a policy, until interrupted (fork it), or until the
   * handler fails (with its error). A request already answered elsewhere (404) is skipped.
   */
  readonly answerPermissions: <E = never, R = never>(
    policy: PermissionPolicy<E, R>,
    options?: HandlerOptions
  ) => Effect.Effect<never, EventsError | RequestError | E, R>
  /** Answers one permission request. */
  readonly replyPermission: (
    requestID: string,
    reply: PermissionDecision,
    options?: DirectoryOption & { readonly message?: string | undefined }
  ) => Effect.Effect<void, RequestError>
  /** The question requests (`question.asked`), including pending ones; each once. */
  readonly questionRequests: (
    options?: HandlerOptions
  ) => Stream.Stream<Question.QuestionRequest, EventsError | RequestError>
  /**
   * Answers every question request with a handler, until interrupted (fork it), or until the
   * handler fails (with its error). A request already answered elsewhere (404) is skipped.
   */
  readonly answerQuestions: <E = never, R = never>(
    handler: (request: Question.QuestionRequest) => Effect.Effect<QuestionDecision, E, R>,
    options?: HandlerOptions
  ) => Effect.Effect<never, EventsError | RequestError | E, R>
  /** Answers (or, with `"reject"`, rejects) one question request. */
  readonly replyQuestion: (
    requestID: string,
    answer: QuestionDecision,
    options?: DirectoryOption
  ) => Effect.Effect<void, RequestError>
  /**
   * The counters of all connections so far: connections, reconnects, events received, malformed
   * payloads skipped, duplicates dropped.
   */
  readonly stats: Effect.Effect<Stats>
}

/**
 * The event service.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Stream } from "effect"
 * import { EventService, Ids, MessageService, OpencodeClient, Prompt } from "effect-opencode"
 *
 * const ask = (sessionID: string, text: string) =>
 *   Effect.gen(function*() {
 *     const events = yield* EventService.EventService
 *     const messages = yield* MessageService.MessageService
 *     // answer bash requests once, refuse the rest, while the scope lives
 *     yield* Effect.forkScoped(events.answerPermissions({ bash: "once", "*": "reject" }, { sessionID }))
 *     const messageID = Ids.newMessageID()
 *     // subscribes, then sends: no event of the turn can be missed
 *     yield* events.waitForIdle(sessionID, {
 *       after: messageID,
 *       timeout: "5 minutes",
 *       start: messages.promptAsync(sessionID, { messageID, parts: [Prompt.text(text)] })
 *     })
 *     // or follow the text as it is generated
 *     const next = yield* messages.promptAsync(sessionID, "And now the tests")
 *     yield* events.textStream(sessionID, { after: next }).pipe(Stream.runForEach((t) => Effect.sync(() => process.stdout.write(t))))
 *   }).pipe(
 *     Effect.scoped,
 *     Effect.provide(Layer.mergeAll(EventService.layer, MessageService.layer).pipe(Layer.provide(OpencodeClient.layerConfig())))
 *   )
 * ```
 */
export class EventService extends Context.Service<EventService, Service>()("effect-opencode/EventService") {}

// -----------------------------------------------------------------------------
// internal: shared connections
// -----------------------------------------------------------------------------

class Failed {
  readonly error: EventsError
  constructor(error: EventsError) {
    this.error = error
  }
}

type Batch<A> = ReadonlyArray<A | Reconnected | Failed>

interface Hub<A> {
  readonly pubsub: PubSub.PubSub<Batch<A>>
  readonly ready: Latch.Latch
  failure: EventsError | undefined
}

const GLOBAL = "global"

/** Reads a subscription as a stream of items; fails with the hub's error once it failed. */
const fromSubscription = <A>(sub: PubSub.Subscription<Batch<A>>): Stream.Stream<A | Reconnected, EventsError> =>
  Stream.fromPull(Effect.sync(() => {
    let failed: EventsError | undefined
    return Effect.suspend(() => {
      if (failed !== undefined) return Effect.fail(failed)
      return Effect.flatMap(PubSub.takeAll(sub), (batches) => {
        let out = (batches.length === 1 ? batches[0]! : batches.flat()) as ReadonlyArray<A | Reconnected | Failed>
        const last = out[out.length - 1]
        if (last instanceof Failed) {
          failed = last.error
          out = out.filter((item) => !(item instanceof Failed))
          if (out.length === 0) return Effect.fail(failed)
        }
        return Effect.succeed(out as unknown as readonly [A | Reconnected, ...Array<A | Reconnected>])
      })
    })
  }))

// The two event streams, as the operation table describes them (read by the shared connection).
const localEventsOp = Op.eventSubscribe
const globalEventsOp = Op.globalEvent

const isEvent = (item: StreamItem): item is Event => !SseConnection.isReconnected(item)
const isGlobalEvent = (item: GlobalItem): item is EventSchema.GlobalEvent => !SseConnection.isReconnected(item)


const decideBy = <E, R>(
  policy: PermissionPolicy<E, R>,
  request: Permission.PermissionRequest
): Effect.Effect<PermissionDecision, E, R> => {
  if (typeof policy === "function") return policy(request)
  if (typeof policy === "string") return Effect.succeed(policy)
  const own = (key: string) => (Object.hasOwn(policy, key) ? policy[key] : undefined)
  return Effect.succeed(own(request.permission) ?? own("*") ?? "reject")
}

/** Builds the service from an {@link OpencodeClient}; its connections are closed when the scope closes. */
export const make = (options: Options = {}): Effect.Effect<Service, never, OpencodeClient | Scope.Scope> =>
  Effect.gen(function*() {
    const client = yield* OpencodeClient
    const call = callWith(client)
    const stats = SseConnection.makeStats()
    // The hub holds whole batches: `capacity` batches of at most `maxBatch` events each.
    const requested = options.bufferSize
    const bufferSize = requested === undefined || !Number.isFinite(requested) ? 4096 : Math.max(1, Math.floor(requested))
    const maxBatch = Math.min(SseConnection.defaultMaxBatch, bufferSize)
    const capacity = Math.ceil(bufferSize / maxBatch)
    const decoders = { event: Decode.makeEventDecoder(), global: Decode.makeGlobalEventDecoder() }

    const directoryOf = (o?: DirectoryOption): string | undefined => o?.directory ?? client.config.directory
    const keyOf = (o?: DirectoryOption): string => `dir:${directoryOf(o) ?? ""}`

    const requestFor = (key: string): HttpClientRequest.HttpClientRequest => {
      const base = key === GLOBAL
        ? client.request({ method: globalEventsOp.method, path: globalEventsOp.path, directory: null })
        : client.request({ method: localEventsOp.method, path: localEventsOp.path, directory: key.slice(4) === "" ? null : key.slice(4) })
      return HttpClientRequest.setHeader(base, "accept", "text/event-stream")
    }

    const makeHub = (key: string): Effect.Effect<Hub<unknown>, never, Scope.Scope> =>
      Effect.gen(function*() {
        const pubsub = yield* Effect.acquireRelease(PubSub.bounded<Batch<unknown>>(capacity), PubSub.shutdown)
        const ready = Latch.makeUnsafe(false)
        const hub: Hub<unknown> = { pubsub, ready, failure: undefined }
        const common = {
          http: client.http,
          request: requestFor(key),
          heartbeatTimeout: options.heartbeatTimeout,
          attemptTimeout: options.attemptTimeout,
          maxReconnects: options.maxReconnects,
          schedule: options.reconnectSchedule,
          maxBatch,
          stats,
          onState: (state: "connected" | "disconnected") => {
            if (state === "connected") ready.openUnsafe()
            else ready.closeUnsafe()
          }
        }
        const stream: Stream.Stream<unknown, EventsError> = key === GLOBAL
          ? SseConnection.connect({ ...common, decode: decoders.global, idOf: (e) => e.payload.id })
          : SseConnection.connect({ ...common, decode: decoders.event, idOf: (e) => e.id })
        yield* stream.pipe(
          Stream.runForEachArray((batch) => PubSub.publish(pubsub, batch)),
          Effect.catch((error: EventsError) =>
            Effect.suspend(() => {
              hub.failure = error
              ready.openUnsafe()
              return PubSub.end(pubsub, [new Failed(error)])
            })
          ),
          Effect.forkScoped
        )
        return hub
      })

    const hubs = yield* RcMap.make({ lookup: makeHub, idleTimeToLive: Duration.zero })

    const acquire = (key: string): Effect.Effect<{ hub: Hub<unknown>; sub: PubSub.Subscription<Batch<unknown>> }, never, Scope.Scope> =>
      Effect.gen(function*() {
        let hub = yield* RcMap.get(hubs, key)
        if (hub.failure !== undefined) {
          // a connection that failed for good: start a fresh one for this subscriber
          yield* RcMap.invalidate(hubs, key)
          hub = yield* RcMap.get(hubs, key)
        }
        const sub = yield* PubSub.subscribe(hub.pubsub)
        return { hub, sub }
      })

    const subscribe = (o?: DirectoryOption): Effect.Effect<Subscription, never, Scope.Scope> =>
      Effect.map(acquire(keyOf(o)), ({ hub, sub }) => ({
        items: fromSubscription(sub) as Stream.Stream<StreamItem, EventsError>,
        ready: hub.ready.await
      }))

    const items = (o?: DirectoryOption): Stream.Stream<StreamItem, EventsError> =>
      Stream.unwrap(Effect.map(acquire(keyOf(o)), ({ sub }) => fromSubscription(sub) as Stream.Stream<StreamItem, EventsError>))

    const globalItems = (): Stream.Stream<GlobalItem, EventsError> =>
      Stream.unwrap(Effect.map(acquire(GLOBAL), ({ sub }) => fromSubscription(sub) as Stream.Stream<GlobalItem, EventsError>))

    const forSession = (sessionID: string) => (item: StreamItem): boolean =>
      SseConnection.isReconnected(item) || EventSchema.eventSessionID(item) === sessionID

    const sessionItems: Service["sessionItems"] = (sessionID, o) =>
      Stream.unwrap(Effect.map(requireId("session", sessionID, "sessionID"), () => Stream.filter(items(o), forSession(sessionID))))

    // -- reads of the server's state, for re-syncs --------------------------------------------

    const statusOf = (sessionID: string, o?: DirectoryOption) =>
      Effect.map(
        readStatus(client, { directory: directoryOf(o) ?? null }),
        (all): S.SessionStatus => all[sessionID] ?? { type: "idle" }
      )

    const getSession = (sessionID: string) =>
      readSession(client, sessionID).pipe(
        Effect.map(Option.some),
        Effect.catchIf((e) => e._tag === "ApiError" && e.status === 404, () => Effect.succeedNone)
      )

    /**
     * The session's newest messages (oldest first), enough of them for `isEnough`: one page of
     * the newest 20, or the whole history when the page is full and not enough.
     */
    const messagesOf = (
      sessionID: string,
      isEnough: (page: ReadonlyArray<Message.MessageWithParts>) => boolean
    ) =>
      Effect.flatMap(
        readMessages(client, sessionID, { limit: 20 }),
        (page) => page.length < 20 || isEnough(page) ? Effect.succeed(page) : readMessages(client, sessionID)
      )

    const hasMessage = (id: string) => (page: ReadonlyArray<Message.MessageWithParts>) =>
      page.some((m) => m.info.role !== "unknown" && m.info.id === id)

    const lastAssistant = (messages: ReadonlyArray<Message.MessageWithParts>): Message.AssistantMessage | undefined => {
      for (let i = messages.length - 1; i >= 0; i--) {
        const info = messages[i]!.info
        if (info.role === "assistant") return info
      }
      return undefined
    }

    // -- lifecycle -------------------------------------------------------------------------------

    const lifecycle: Service["lifecycle"] = (sessionID, o = {}) =>
      Stream.unwrap(Effect.gen(function*() {
        yield* requireId("session", sessionID, "sessionID")
        const { hub, sub } = yield* acquire(keyOf(o))
        yield* hub.ready.await
        let machine = Lifecycle.initial(sessionID)
        const resync = Effect.gen(function*() {
          const session = yield* getSession(sessionID)
          const status = Option.isSome(session) ? yield* statusOf(sessionID, o) : ({ type: "idle" } as const)
          const last = Option.isSome(session) && Lifecycle.needsMessages(machine, status)
            ? lastAssistant(yield* messagesOf(sessionID, (page) => lastAssistant(page) !== undefined))
            : undefined
          const step = Lifecycle.resync(machine, {
            session: Option.getOrUndefined(session),
            status,
            lastAssistant: last
          })
          machine = step.machine
          return step.changes
        })
        const first = o.initial === false ? [] : yield* resync
        const rest = (fromSubscription(sub) as Stream.Stream<StreamItem, EventsError>).pipe(
          Stream.filter(forSession(sessionID)),
          Stream.mapEffect((item) => {
            if (SseConnection.isReconnected(item)) return resync
            const step = Lifecycle.transition(machine, item)
            machine = step.machine
            return Effect.succeed(step.changes)
          }),
          Stream.flattenIterable
        )
        return Stream.concat(Stream.fromIterable(first), rest).pipe(
          Stream.takeUntil((c) => c.state === "deleted")
        )
      }))

    // -- waitForIdle ---------------------------------------------------------------------------

    const waitForIdle: Service["waitForIdle"] = (sessionID, o = {}) => {
      const after = o.after
      const wait = Effect.scoped(Effect.gen(function*() {
        yield* requireId("session", sessionID, "sessionID")
        if (after !== undefined) yield* requireId("message", after, "after")
        const { hub, sub } = yield* acquire(keyOf(o))
        yield* hub.ready.await
        let replied = false

        // Is the session idle now (and has `after` its finished reply)?
        const check = Effect.gen(function*() {
          const status = yield* statusOf(sessionID, o)
          if (status.type !== "idle") return false
          if (after === undefined) return true
          const turn = Turn.turnOf(yield* messagesOf(sessionID, hasMessage(after)), after)
          if (turn.error !== undefined) return yield* Lifecycle.sessionError(sessionID, turn.error)
          return turn.completed
        })

        if (o.start !== undefined) {
          // Subscribed and connected before the turn starts: its events are all to come.
          yield* o.start
        } else if (yield* check) return
        let done = false
        yield* (fromSubscription(sub) as Stream.Stream<StreamItem, EventsError>).pipe(
          Stream.filter(forSession(sessionID)),
          Stream.runForEachWhile((item) =>
            Effect.gen(function*() {
              if (SseConnection.isReconnected(item)) {
                done = yield* check
                // After a gap (e.g. the server was restarted) a turn may be lost for good: the
                // session idle, and no finished reply to `after`, and it stays so. Confirmed over
                // ~2 s (a prompt about to start is idle for milliseconds only), it is an error.
                for (let i = 0; !done && after !== undefined && i < 4; i++) {
                  yield* Effect.sleep("500 millis")
                  if ((yield* statusOf(sessionID, o)).type !== "idle") return true
                  done = yield* check
                }
                if (!done && after !== undefined) {
                  return yield* new SessionError({
                    sessionID,
                    name: "TurnLost",
                    message: `the server has no running turn and no finished reply for message ${after} after a reconnect (was it restarted?)`
                  })
                }
                return !done
              }
              switch (item.type) {
                case "session.error":
                  return yield* Lifecycle.sessionError(sessionID, item.properties.error)
                case "session.deleted":
                  return yield* new SessionError({ sessionID, name: "SessionDeleted", message: `session ${sessionID} was deleted` })
                case "message.updated": {
                  const info = item.properties.info
                  if (after !== undefined && info.role === "assistant" && info.parentID === after) {
                    if (info.error !== undefined) return yield* Lifecycle.sessionError(sessionID, info.error)
                    if (info.time.completed !== undefined) replied = true
                  }
                  return true
                }
                case "session.idle":
                case "session.status": {
                  if (item.type === "session.status" && item.properties.status.type !== "idle") return true
                  done = after === undefined || replied || (yield* check)
                  return !done
                }
                default:
                  return true
              }
            })
          )
        )
      }))
      if (o.timeout === undefined) return wait
      const duration = Duration.fromInputUnsafe(o.timeout)
      return Effect.timeoutOrElse(wait, {
        duration,
        orElse: () =>
          Effect.fail(new TimeoutError({ operation: "waitForIdle", timeoutMillis: Duration.toMillis(duration), sessionID }))
      })
    }

    // -- text ------------------------------------------------------------------------------------

    const End = Symbol("End")

    const textDeltas: Service["textDeltas"] = (sessionID, o = {}) =>
      Stream.unwrap(Effect.gen(function*() {
        yield* requireId("session", sessionID, "sessionID")
        const after = o.after
        if (after !== undefined) yield* requireId("message", after, "after")
        const { hub, sub } = yield* acquire(keyOf(o))
        yield* hub.ready.await
        const untilIdle = o.untilIdle !== false
        const tracker = TextStream.makeTracker(
          after === undefined ? {} : { accept: (m) => m.parentID === after }
        )
        // After a reconnect, messages created before this (minus clock slack) are not re-read.
        const since = Date.now() - 2_000
        const include = (m: Message.AssistantMessage) => after !== undefined || m.time.created >= since
        let active = false
        // Re-reads the messages; ends the stream when the session is idle and its reply was seen.
        const resync = Effect.gen(function*() {
          const messages = yield* messagesOf(
            sessionID,
            after !== undefined
              ? hasMessage(after)
              : (page) => page[0]?.info.role !== "unknown" && (page[0]?.info.time.created ?? 0) < since
          )
          const deltas: Array<TextStream.TextDelta | typeof End> = [...tracker.resync(messages, include)]
          if (untilIdle && (after !== undefined ? tracker.seenReply() : active || deltas.length > 0)) {
            const status = yield* statusOf(sessionID, o)
            if (status.type === "idle") deltas.push(End)
          }
          return deltas
        })
        const first = after === undefined ? [] : yield* resync
        const rest = (fromSubscription(sub) as Stream.Stream<StreamItem, EventsError>).pipe(
          Stream.filter(forSession(sessionID)),
          Stream.mapEffect((item): Effect.Effect<ReadonlyArray<TextStream.TextDelta | typeof End>, RequestError | SessionError> => {
            if (SseConnection.isReconnected(item)) return resync
            switch (item.type) {
              case "session.error":
                return Effect.fail(Lifecycle.sessionError(sessionID, item.properties.error))
              case "session.idle":
                if (untilIdle && (after === undefined || tracker.seenReply())) return Effect.succeed([End])
                if (!untilIdle) tracker.reset()
                return Effect.succeed([])
              case "session.status":
                if (item.properties.status.type !== "idle") active = true
                return Effect.succeed([])
              default: {
                const deltas = tracker.step(item)
                if (deltas.length > 0) active = true
                return Effect.succeed(deltas)
              }
            }
          }),
          Stream.flattenIterable
        )
        return Stream.concat(Stream.fromIterable(first), rest).pipe(
          Stream.takeWhile((d): d is TextStream.TextDelta => d !== End)
        )
      }))

    const textStream: Service["textStream"] = (sessionID, o) =>
      Stream.map(textDeltas(sessionID, o), (d) => d.text)

    // -- permissions and questions -----------------------------------------------------------------

    const requests = <A extends { readonly id: string; readonly sessionID: string }>(
      o: HandlerOptions,
      list: Effect.Effect<ReadonlyArray<A>, RequestError>,
      pick: (event: Event) => A | undefined
    ): Stream.Stream<A, EventsError | RequestError> =>
      Stream.unwrap(Effect.gen(function*() {
        if (o.sessionID !== undefined) yield* requireId("session", o.sessionID, "sessionID")
        const { hub, sub } = yield* acquire(keyOf(o))
        yield* hub.ready.await
        const seen = new Set<string>()
        const fresh = (request: A): boolean => {
          if (o.sessionID !== undefined && request.sessionID !== o.sessionID) return false
          if (seen.has(request.id)) return false
          seen.add(request.id)
          if (seen.size > 10_000) seen.delete(seen.values().next().value!)
          return true
        }
        const pending = Effect.map(list, (all) => all.filter(fresh))
        const first = yield* pending
        const rest = (fromSubscription(sub) as Stream.Stream<StreamItem, EventsError>).pipe(
          Stream.mapEffect((item) => {
            if (SseConnection.isReconnected(item)) return pending
            const request = pick(item)
            return Effect.succeed(request !== undefined && fresh(request) ? [request] : [])
          }),
          Stream.flattenIterable
        )
        return Stream.concat(Stream.fromIterable(first), rest)
      }))

    const permissionRequests: Service["permissionRequests"] = (o = {}) =>
      requests(
        o,
        call(Op.permissionList, { directory: directoryOf(o) ?? null }),
        (e) => (e.type === "permission.asked" ? e.properties : undefined)
      )

    const questionRequests: Service["questionRequests"] = (o = {}) =>
      requests(
        o,
        call(Op.questionList, { directory: directoryOf(o) ?? null }),
        (e) => (e.type === "question.asked" ? e.properties : undefined)
      )

    const ignoreGone = <A>(effect: Effect.Effect<A, RequestError>): Effect.Effect<void, RequestError> =>
      effect.pipe(
        Effect.asVoid,
        Effect.catchIf((e) => e._tag === "ApiError" && e.status === 404, () => Effect.void)
      )

    const replyPermission: Service["replyPermission"] = (requestID, reply, o = {}) =>
      Effect.flatMap(requireId("permission", requestID, "requestID"), () =>
        Effect.asVoid(call(Op.permissionReply, {
          path: { requestID },
          body: { reply, ...(o.message !== undefined ? { message: o.message } : {}) },
          directory: directoryOf(o) ?? null
        })))

    const replyQuestion: Service["replyQuestion"] = (requestID, answer, o = {}) =>
      Effect.flatMap(requireId("question", requestID, "requestID"), () =>
        answer === "reject"
          ? Effect.asVoid(call(Op.questionReject, { path: { requestID }, directory: directoryOf(o) ?? null }))
          : Effect.asVoid(call(Op.questionReply, {
            path: { requestID },
            body: { answers: answer },
            directory: directoryOf(o) ?? null
          })))

    const answerPermissions: Service["answerPermissions"] = (policy, o = {}) =>
      permissionRequests(o).pipe(
        Stream.mapEffect(
          (request) =>
            Effect.flatMap(decideBy(policy, request), (decision) =>
              ignoreGone(replyPermission(request.id, decision, o))),
          { concurrency: o.concurrency ?? 8, unordered: true }
        ),
        Stream.runDrain,
        Effect.andThen(Effect.never)
      )

    const answerQuestions: Service["answerQuestions"] = (handler, o = {}) =>
      questionRequests(o).pipe(
        Stream.mapEffect(
          (request) => Effect.flatMap(handler(request), (answer) => ignoreGone(replyQuestion(request.id, answer, o))),
          { concurrency: o.concurrency ?? 8, unordered: true }
        ),
        Stream.runDrain,
        Effect.andThen(Effect.never)
      )

    return EventService.of({
      events: (o) => Stream.filter(items(o), isEvent),
      items,
      globalEvents: () => Stream.filter(globalItems(), isGlobalEvent),
      globalItems,
      subscribe,
      session: (sessionID, o) => Stream.filter(sessionItems(sessionID, o), isEvent),
      sessionItems,
      lifecycle,
      waitForIdle,
      textStream,
      textDeltas,
      permissionRequests,
      answerPermissions,
      replyPermission,
      questionRequests,
      answerQuestions,
      replyQuestion,
      stats: Effect.sync(() => ({ ...stats }))
    })
  })

/** The event service over the {@link OpencodeClient} in context, with default settings. */
export const layer: Layer.Layer<EventService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(EventService, /* @__PURE__ */ make())

/** The event service with explicit settings. */
export const layerWith = (options: Options): Layer.Layer<EventService, never, OpencodeClient> =>
  Layer.effect(EventService, make(options))
