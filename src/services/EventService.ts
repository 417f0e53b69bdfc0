/**
 * The server's events as Effect `Stream`s: every event of a directory (`GET /event`) or of all
 * directories (`GET /global/event`), one session's events, its lifecycle, its text as it is
 * generated, `waitForIdle`, and handlers that answer permission and question requests.
 *
 * **Connections.** One connection per directory (and one for the global stream) is shared by all
 * subscribers of a service: it opens when the first subscriber arrives and closes as soon as the
 * last one leaves. It reconnects when it ends, fails, or is silent past `heartbeatTimeout`; an
 * attempt whose headers do not come within `attemptTimeout` is abandoned for the next one (see
 * `SseConnection`). It fails the subscribers only on an answer that retrying cannot fix (401,
 * 403, 404, not an event stream) or after `maxReconnects` consecutive failed attempts.
 *
 * **Slow consumers.** Subscribers share a bounded buffer of decoded events (`bufferSize`, 4096 by
 * default, in batches of at most 256). When a subscriber falls that far behind, the connection stops
 * decoding and reading (what it read stays undecoded bytes, and TCP pushes back on the server)
 * until it catches up: memory stays bounded and no subscriber ever
 * misses an event, so `waitForIdle` and `lifecycle` never lose their `session.idle`. The price is
 * that one stalled subscriber holds the others back; a consumer that would rather lose events than
 * wait can decouple itself: `events.events().pipe(Stream.buffer({ capacity: 1000, strategy: "sliding" }))`.
 *
 * **Gaps.** The OpenCode server replays nothing on a new connection. The `items` streams carry a
 * `Reconnected` marker where a gap was; the per-session views (`lifecycle`, `waitForIdle`,
 * `textStream`, the permission and question handlers) re-read the server's state at each marker, so
 * a `session.idle` (or a permission request) missed during the gap is still seen.
 *
 * @since 0.1.0
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
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const describe = (item: EventService.StreamItem) =>
 *   item.type === "client.reconnected" ? `gap of ${item.attempt} attempt(s)` : item.type
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type StreamItem = Event | Reconnected

/**
 * A frame of the global stream, or the `Reconnected` marker.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const where = (item: EventService.GlobalItem) =>
 *   item.type === "client.reconnected" ? "gap" : item.directory
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type GlobalItem = EventSchema.GlobalEvent | Reconnected

/**
 * How an event stream fails (see `SseConnection.ConnectionError`).
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { EventService } from "effect-opencode"
 * const run = (s: Stream.Stream<unknown, EventService.EventsError>) =>
 *   Stream.runDrain(s).pipe(Effect.catchTag("ApiError", (e) => Effect.logError(e.status)))
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export type EventsError = SseConnection.ConnectionError

/**
 * Settings of the service's connections.
 *
 * @example
 * ```ts
 * import { EventService, SseConnection } from "effect-opencode"
 * const options: EventService.Options = {
 *   heartbeatTimeout: "20 seconds",
 *   attemptTimeout: "5 seconds",
 *   maxReconnects: 20,
 *   reconnectSchedule: SseConnection.backoff("200 millis", "10 seconds")
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
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

/**
 * Which directory's events to read; the client's directory by default.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const other: EventService.DirectoryOption = { directory: "/work/other-repo" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface DirectoryOption {
  readonly directory?: string | undefined
}

/**
 * Options of {@link Service.waitForIdle}.
 *
 * @example
 * ```ts
 * import { EventService, Ids } from "effect-opencode"
 * const messageID = Ids.newMessageID() // send it with the prompt
 * const options: EventService.WaitOptions = { after: messageID, timeout: "5 minutes" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
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
   * What starts the turn (usually the `prompt_async` of `after`), run once the wait has
   * subscribed to the events and their connection is up. Every event the turn causes then reaches
   * the wait, so it reads nothing from the server up front: it ends on the reply's completion and
   * the `session.idle` it sees, and re-reads the status and the messages only after a gap in the
   * stream (a `Reconnected` marker) or an idle without a finished reply. Without `start` (the
   * prompt was sent before the call) the wait reads the status, and with `after` the messages,
   * first: the turn may have ended before it subscribed.
   *
   * Gotcha: `start`'s failure is the wait's failure; when it fails nothing was started.
   */
  readonly start?: Effect.Effect<unknown, E, R> | undefined
}

/**
 * Options of {@link Service.textStream} and {@link Service.textDeltas}.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const options: EventService.TextOptions = { after: "msg_123", untilIdle: true }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
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

/**
 * Options of {@link Service.lifecycle}.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const changesOnly: EventService.LifecycleOptions = { initial: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface LifecycleOptions extends DirectoryOption {
  /** Emit the session's current state first (read from the server). Default true. */
  readonly initial?: boolean | undefined
}

/**
 * Options of the permission and question handlers.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const options: EventService.HandlerOptions = { sessionID: "ses_123", concurrency: 1 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface HandlerOptions extends DirectoryOption {
  /** Only this session's requests. Default: every session of the directory. */
  readonly sessionID?: string | undefined
  /** Requests handled at the same time. Default 8. */
  readonly concurrency?: number | undefined
}

/**
 * An answer to a permission request.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const decision: EventService.PermissionDecision = "always"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionDecision = Permission.PermissionReply

/**
 * How to answer permission requests: one decision for all, a decision per permission name (`"*"`
 * for the rest; requests matching nothing are rejected), or an effectful handler.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { EventService } from "effect-opencode"
 *
 * const allowAll: EventService.PermissionPolicy = "once"
 * const byName: EventService.PermissionPolicy = { bash: "once", edit: "reject", "*": "reject" }
 * const handler: EventService.PermissionPolicy = (req) =>
 *   Effect.succeed(req.patterns.every((p) => p.startsWith("echo ")) ? "once" : "reject")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionPolicy<E = never, R = never> =
  | PermissionDecision
  | Readonly<Record<string, PermissionDecision>>
  | ((request: Permission.PermissionRequest) => Effect.Effect<PermissionDecision, E, R>)

/**
 * An answer to a question request: the selected labels of each question, in order, or `"reject"`.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const yes: EventService.QuestionDecision = [["Yes"]]
 * const no: EventService.QuestionDecision = "reject"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionDecision = ReadonlyArray<ReadonlyArray<string>> | "reject"

/**
 * Counters of the service's connections (see `SseConnection.Stats`), summed over all of them.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventService } from "effect-opencode"
 * const report = EventService.EventService.use((e) => e.stats).pipe(
 *   Effect.tap((s: EventService.Stats) => Effect.log(`${s.received} events, ${s.malformed} malformed`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Stats = Readonly<SseConnection.Stats>

/**
 * A subscription made now: `items` carries every event from this moment on; `ready` completes
 * once the shared connection is live (its first frame arrived), after which state read from the
 * server cannot miss a later event.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { EventService } from "effect-opencode"
 * const firstIdle = (send: Effect.Effect<void>) =>
 *   Effect.scoped(Effect.gen(function*() {
 *     const sub: EventService.Subscription = yield* EventService.EventService.use((e) => e.subscribe())
 *     yield* sub.ready
 *     yield* send
 *     return yield* sub.items.pipe(Stream.filter((i) => i.type === "session.idle"), Stream.runHead)
 *   }))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Subscription {
  readonly items: Stream.Stream<StreamItem, EventsError>
  readonly ready: Effect.Effect<void>
}

/**
 * The event operations.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventService } from "effect-opencode"
 * const wait = (id: string) =>
 *   EventService.EventService.use((events: EventService.Service) => events.waitForIdle(id, { timeout: "1 minute" }))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Every event of a directory, decoded (unknown types as `UnknownEvent`; malformed payloads
   * skipped and counted in {@link Service.stats}). Never ends on its own.
   *
   * @example
   * ```ts
   * yield* events.events().pipe(Stream.take(10), Stream.runForEach((e) => Effect.log(e.type)))
   * ```
   */
  readonly events: (options?: DirectoryOption) => Stream.Stream<Event, EventsError>
  /**
   * {@link Service.events} with the `Reconnected` markers.
   *
   * @example
   * ```ts
   * events.items().pipe(Stream.runForEach((item) =>
   *   item.type === "client.reconnected" ? Effect.log(`gap of ${Duration.format(item.downtime)}`) : Effect.void))
   * ```
   */
  readonly items: (options?: DirectoryOption) => Stream.Stream<StreamItem, EventsError>
  /**
   * Every event of every directory (`GET /global/event`), each with its `directory`.
   *
   * @example
   * ```ts
   * events.globalEvents().pipe(Stream.runForEach((e) => Effect.log(e.directory, e.payload.type)))
   * ```
   */
  readonly globalEvents: () => Stream.Stream<EventSchema.GlobalEvent, EventsError>
  /**
   * {@link Service.globalEvents} with the `Reconnected` markers.
   *
   * @example
   * ```ts
   * events.globalItems().pipe(Stream.take(5), Stream.runCollect)
   * ```
   */
  readonly globalItems: () => Stream.Stream<GlobalItem, EventsError>
  /**
   * Subscribes now (in the current scope) and returns the subscription: subscribe, await
   * `ready`, then act (send a prompt), then read `items` — nothing the action causes is missed.
   * Read `items` promptly (or close the scope): an unread subscription holds the shared
   * connection back once its buffer is full.
   *
   * @example
   * ```ts
   * Effect.scoped(Effect.gen(function*() {
   *   const sub = yield* events.subscribe()
   *   yield* sub.ready
   *   yield* sendPrompt
   *   yield* sub.items.pipe(Stream.takeUntil((e) => e.type === "session.idle"), Stream.runDrain)
   * }))
   * ```
   */
  readonly subscribe: (options?: DirectoryOption) => Effect.Effect<Subscription, never, Scope.Scope>
  /**
   * The events of one session (its messages, parts, status, permissions…); events of no session
   * are dropped.
   *
   * @example
   * ```ts
   * events.session(id).pipe(Stream.filter((e) => e.type === "message.part.updated"), Stream.runCollect)
   * ```
   */
  readonly session: (sessionID: string, options?: DirectoryOption) => Stream.Stream<Event, EventsError | ValidationError>
  /**
   * {@link Service.session} with the `Reconnected` markers (after each, re-read what you track).
   *
   * @example
   * ```ts
   * events.sessionItems(id).pipe(Stream.runForEach((item) => Effect.log(item.type)))
   * ```
   */
  readonly sessionItems: (
    sessionID: string,
    options?: DirectoryOption
  ) => Stream.Stream<StreamItem, EventsError | ValidationError>
  /**
   * The session's state changes (see `Lifecycle` for the state machine): created, active, idle,
   * completed, error, reverted, archived, deleted. Starts with the current state (unless
   * `initial: false`); re-reads the state after a reconnect; ends after `deleted`.
   *
   * @example
   * ```ts
   * events.lifecycle(id).pipe(
   *   Stream.takeUntil((c) => c.state === "completed" || c.state === "error"),
   *   Stream.runForEach((c) => Effect.log(c.state))
   * )
   * ```
   */
  readonly lifecycle: (
    sessionID: string,
    options?: LifecycleOptions
  ) => Stream.Stream<Lifecycle.Change, EventsError | RequestError>
  /**
   * Completes when the session is idle: at once when it already is, else at its next
   * `session.idle`. Subscribes first, then reads the status, so an idle between the two is not
   * missed; with `start` (the action that starts the turn, run once subscribed) it reads nothing
   * up front, only after a gap in the stream. Fails with `SessionError` (the server's error name and message) on `session.error` —
   * an abort is a `SessionError` named `MessageAbortedError` — or when the session is deleted, and
   * with `TimeoutError` after `timeout`.
   *
   * Right after `prompt_async` the session may still look idle (the server has not marked it busy
   * yet): pass the prompt's message id as `after` to wait for its reply. When, after a gap in the
   * event stream, the session stays idle for ~2 s without a finished reply to `after` (the server
   * was restarted mid-turn), it fails with a `SessionError` named `TurnLost` instead of waiting
   * forever.
   *
   * @example
   * ```ts
   * const messageID = Ids.newMessageID()
   * yield* sendPromptAsync(sessionID, { messageID, parts: [Prompt.text("hi")] })
   * yield* events.waitForIdle(sessionID, { after: messageID, timeout: "5 minutes" })
   * ```
   */
  readonly waitForIdle: <E = never, R = never>(
    sessionID: string,
    options?: WaitOptions<E, R>
  ) => Effect.Effect<void, SessionError | TimeoutError | EventsError | RequestError | E, R>
  /**
   * The assistant's text as it is generated (see `TextStream`); ends at the session's next
   * `session.idle` unless `untilIdle: false`; fails with `SessionError` on `session.error`.
   *
   * @example
   * ```ts
   * yield* events.textStream(id).pipe(Stream.runForEach((t) => Effect.sync(() => process.stdout.write(t))))
   * ```
   */
  readonly textStream: (
    sessionID: string,
    options?: TextOptions
  ) => Stream.Stream<string, EventsError | RequestError | SessionError>
  /**
   * {@link Service.textStream} with the message and part of each piece of text.
   *
   * @example
   * ```ts
   * events.textDeltas(id).pipe(Stream.runForEach((d) => Effect.log(d.partID, d.text)))
   * ```
   */
  readonly textDeltas: (
    sessionID: string,
    options?: TextOptions
  ) => Stream.Stream<TextStream.TextDelta, EventsError | RequestError | SessionError>
  /**
   * The permission requests (`permission.asked`), including those already pending when the stream
   * starts and those asked during a reconnect gap; each request once.
   *
   * @example
   * ```ts
   * events.permissionRequests({ sessionID: id }).pipe(Stream.runForEach((r) => Effect.log(r.permission, r.patterns)))
   * ```
   */
  readonly permissionRequests: (
    options?: HandlerOptions
  ) => Stream.Stream<Permission.PermissionRequest, EventsError | RequestError>
  /**
   * Answers every permission request by a policy, until interrupted (fork it), or until the
   * handler fails (with its error). A request already answered elsewhere (404) is skipped.
   *
   * @example
   * ```ts
   * yield* Effect.forkScoped(events.answerPermissions({ bash: "once", "*": "reject" }, { sessionID: id }))
   * ```
   */
  readonly answerPermissions: <E = never, R = never>(
    policy: PermissionPolicy<E, R>,
    options?: HandlerOptions
  ) => Effect.Effect<never, EventsError | RequestError | E, R>
  /**
   * Answers one permission request.
   *
   * @example
   * ```ts
   * yield* events.replyPermission("per_123", "always")
   * ```
   */
  readonly replyPermission: (
    requestID: string,
    reply: PermissionDecision,
    options?: DirectoryOption & { readonly message?: string | undefined }
  ) => Effect.Effect<void, RequestError>
  /**
   * The question requests (`question.asked`), including pending ones; each once.
   *
   * @example
   * ```ts
   * events.questionRequests().pipe(Stream.runForEach((q) => Effect.log(q.questions[0]?.question)))
   * ```
   */
  readonly questionRequests: (
    options?: HandlerOptions
  ) => Stream.Stream<Question.QuestionRequest, EventsError | RequestError>
  /**
   * Answers every question request with a handler, until interrupted (fork it), or until the
   * handler fails (with its error). A request already answered elsewhere (404) is skipped.
   *
   * @example
   * ```ts
   * yield* Effect.forkScoped(events.answerQuestions((q) =>
   *   Effect.succeed(q.questions.map((item) => [item.options[0]?.label ?? ""]))))
   * ```
   */
  readonly answerQuestions: <E = never, R = never>(
    handler: (request: Question.QuestionRequest) => Effect.Effect<QuestionDecision, E, R>,
    options?: HandlerOptions
  ) => Effect.Effect<never, EventsError | RequestError | E, R>
  /**
   * Answers (or, with `"reject"`, rejects) one question request.
   *
   * @example
   * ```ts
   * yield* events.replyQuestion("que_123", [["Yes"]])
   * ```
   */
  readonly replyQuestion: (
    requestID: string,
    answer: QuestionDecision,
    options?: DirectoryOption
  ) => Effect.Effect<void, RequestError>
  /**
   * The counters of all connections so far: connections, reconnects, events received, malformed
   * payloads skipped, duplicates dropped.
   *
   * @example
   * ```ts
   * const { malformed } = yield* events.stats
   * ```
   */
  readonly stats: Effect.Effect<Stats>
}

/**
 * The event service.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { EventService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const events = yield* EventService.EventService
 *   yield* events.session("ses_123").pipe(
 *     Stream.takeUntil((e) => e.type === "session.idle"),
 *     Stream.runForEach((e) => Effect.log(e.type))
 *   )
 * })
 * ```
 *
 * @since 0.1.0
 * @category services
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

/**
 * Builds the service from an {@link OpencodeClient}; its connections are closed when the scope
 * closes.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { EventService } from "effect-opencode"
 * const Custom = Layer.effect(EventService.EventService, EventService.make({ bufferSize: 64 }))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
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

/**
 * The event service over the {@link OpencodeClient} in context, with default settings.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { EventService, OpencodeClient } from "effect-opencode"
 *
 * const Live = EventService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<EventService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(EventService, /* @__PURE__ */ make())

/**
 * The event service with explicit settings.
 *
 * @example
 * ```ts
 * import { EventService } from "effect-opencode"
 * const Events = EventService.layerWith({ heartbeatTimeout: "20 seconds", maxReconnects: 10 })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options: Options): Layer.Layer<EventService, never, OpencodeClient> =>
  Layer.effect(EventService, make(options))
