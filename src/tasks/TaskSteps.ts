/**
 * The steps of one batch task, shared by `Batch`, `DurableBatch` (journal) and `ClusterBatch`
 * (workflow activities); each engine records their results its own way. Use them to build an
 * engine of your own: {@link createSession}, {@link newMessageID} (record it before sending),
 * {@link send} (looked up by its id first, so a resend never adds it twice), {@link follow} (the
 * wait with stall detection and timeout, then the result).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TaskSteps } from "effect-opencode/durable"
 *
 * const task = { prompt: "Fix the lint errors in src/a.ts" }
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const tracker = yield* TaskSteps.makeTracker // one per batch
 *   const sessionID = yield* TaskSteps.createSession(task)
 *   const messageID = TaskSteps.newMessageID()
 *   return yield* TaskSteps.follow({
 *     tracker, key: "fix-a", task, sessionID, messageID, startedAt: Date.now(), reattached: false,
 *     stallMillis: 600_000, timeout: "10 minutes",
 *     send: TaskSteps.send(task, sessionID, messageID) // sent once the wait has subscribed
 *   })
 * }))
 * ```
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { SessionError, TimeoutError } from "../Errors.ts"
import * as Ids from "../schema/Ids.ts"
import * as EventSchema from "../schema/Event.ts"
import type * as Prompt from "../schema/PromptInput.ts"
import { messageErrorName, messageErrorText } from "../schema/ServerError.ts"
import * as EventService from "../services/EventService.ts"
import * as MessageService from "../services/MessageService.ts"
import * as Run from "../services/Run.ts"
import * as SessionService from "../services/SessionService.ts"
import * as StructuredOutput from "../services/StructuredOutput.ts"
import * as SseConnection from "../streams/SseConnection.ts"
import { StallError, TaskLost } from "./errors.ts"
import type { Task } from "./Task.ts"
import { toOutput } from "./TaskResult.ts"
import * as Turn from "./Turn.ts"

/**
 * A task's steps, in order. Cluster mode runs the first three in one stored activity, `run-task`
 * (a failure not retried gets a `collect-result` of its own).
 */
export const names = ["create-session", "prompt", "await-idle", "collect-result"] as const

/** The prompt a task sends: its prompt with its run options applied. */
export const promptOf = (task: Task): Prompt.PromptInput =>
  Run.promptInput(MessageService.toPromptInput(task.prompt), task.options)

/** Step 1: the task's session (its `options.sessionID` when it names one), titled after its prompt. */
export const createSession = Effect.fn("TaskSteps.createSession")(function*(task: Task) {
  if (task.options?.sessionID !== undefined) return task.options.sessionID
  const sessions = yield* SessionService.SessionService
  const session = yield* sessions.create(
    Run.sessionOptions(MessageService.toPromptInput(task.prompt), task.options, "effect-opencode task")
  )
  return session.id as string
})

/** Step 2: a fresh client-chosen prompt id, to record before sending. */
export const newMessageID = (): Ids.MessageID => Ids.newMessageID()

/**
 * Step 3: sends the prompt with its recorded id; answers whether it was sent now. With
 * `lookupFirst` (a step that may repeat after a crash) it is not sent when the server has it.
 */
export const send = Effect.fn("TaskSteps.send")(function*(
  task: Task,
  sessionID: string,
  messageID: Ids.MessageID,
  options?: { readonly lookupFirst?: boolean | undefined }
) {
  const messages = yield* MessageService.MessageService
  if (options?.lookupFirst === true) {
    // Not `messages.find`: the server refuses to return a prompt sent with a json_schema format.
    if (yield* StructuredOutput.exists(sessionID, messageID)) return false
  }
  yield* messages.promptAsync(sessionID, { ...promptOf(task), messageID })
  return true
})

const detailOf = (event: EventService.StreamItem): string | undefined => {
  switch (event.type) {
    case "message.part.updated":
      return event.properties.part.type
    case "session.status":
      return event.properties.status.type
    case "message.updated":
      return event.properties.info.role
    default:
      return undefined
  }
}

/** A compaction (summary) assistant message that carries an error, seen in an event. */
const failedCompaction = (sessionID: string, event: EventService.StreamItem): SessionError | undefined => {
  if (event.type !== "message.updated") return undefined
  const info = event.properties.info
  if (info.role !== "assistant" || info.error === undefined) return undefined
  if (info.summary !== true && info.mode !== "compaction") return undefined
  return new SessionError({
    sessionID,
    name: `CompactionFailed: ${messageErrorName(info.error)}`,
    message: messageErrorText(info.error),
    error: info.error
  })
}

/** `Tasks.toOutput`, re-exported for the steps' callers. */
export { toOutput }

/** What the tracker saw last of a followed session (exported: the tracker's declared type names it). */
export interface Watch {
  activity: { type: string; at: number; detail?: string }
  compaction: SessionError | undefined
}

/**
 * One event subscription for the whole batch (scoped; it keeps the connection open): the last
 * activity of each followed session, and a failed compaction. A gap in the stream counts as
 * activity of every followed session, so a reconnection never causes a stall.
 */
export const makeTracker = Effect.gen(function*() {
  const events = yield* EventService.EventService
  const watched = new Map<string, Watch>()
  const touchAll = (type: string) => {
    const at = Date.now()
    for (const w of watched.values()) w.activity = { type, at }
  }
  const follow = Stream.runForEach(events.items(), (item) =>
    Effect.sync(() => {
      if (SseConnection.isReconnected(item)) return touchAll("reconnected")
      const sessionID = EventSchema.eventSessionID(item)
      const w = sessionID === undefined ? undefined : watched.get(sessionID)
      if (w === undefined) return
      const detail = detailOf(item)
      w.activity = detail === undefined ? { type: item.type, at: Date.now() } : { type: item.type, at: Date.now(), detail }
      w.compaction ??= failedCompaction(sessionID!, item)
    }))
  // Restarted when the connection fails for good (the services open a fresh one).
  yield* Effect.forkScoped(Effect.forever(
    follow.pipe(Effect.ignore, Effect.andThen(Effect.sync(() => touchAll("reconnected"))), Effect.andThen(Effect.sleep("1 second")))
  ))
  return {
    watch: (sessionID: string, type: string) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          const w: Watch = { activity: { type, at: Date.now() }, compaction: undefined }
          watched.set(sessionID, w)
          return w
        }),
        () => Effect.sync(() => watched.delete(sessionID))
      )
  }
})

/** The event tracker made by {@link makeTracker}. */
export type Tracker = Effect.Success<typeof makeTracker>

/** What {@link follow} needs to wait for a prompt. */
export interface Follow {
  readonly tracker: Tracker
  readonly key: string
  readonly task: {
    readonly prompt?: string | Prompt.PromptInput | undefined
    readonly summarize?: boolean | SessionService.ModelRef | undefined
    readonly options?: { readonly output?: Schema.Top | undefined } | undefined
  }
  readonly sessionID: string
  readonly messageID: Ids.MessageID
  readonly startedAt: number
  readonly reattached: boolean
  readonly stallMillis: number
  readonly timeout: Duration.Input | undefined
  /**
   * End with a `TaskLost` (`ServerUnreachable`) when the server stays unreachable this long while
   * the session is silent (default 30 000 ms): the prompt reached it, so it is not safe to resend.
   */
  readonly serverLostMillis?: number | undefined
  /**
   * The prompt's {@link send}, when not sent yet: run once the wait has subscribed, so nothing is
   * read up front. Left out (sent before), the wait first re-reads the session's status and messages.
   */
  readonly send?: Effect.Effect<unknown, Run.RunError, Run.RunServices> | undefined
}

/**
 * Step 4: waits for the prompt's end with stall detection and the task's timeout (both abort the
 * session), checks structured output, and makes the summary the task asks for.
 */
export const follow = (f: Follow) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const w = yield* f.tracker.watch(f.sessionID, f.reattached ? "reattached" : "prompt.sent")
    const check = Math.max(50, Math.min(1_000, Math.floor(f.stallMillis / 4)))
    let stalled: StallError | undefined
    const lostMillis = f.serverLostMillis ?? 30_000
    // Probed after 10 s of silence (or the stall timeout, when shorter), then every few seconds.
    const probeAfter = Math.min(10_000, lostMillis)
    const probeEvery = Math.min(5_000, Math.max(check, Math.floor(lostMillis / 6)))
    let lastProbe = 0
    let unreachableSince: number | undefined
    const watchdog = Effect.gen(function*() {
      while (true) {
        yield* Effect.sleep(check)
        const now = Date.now()
        const idle = now - w.activity.at
        if (idle < Math.min(f.stallMillis, probeAfter)) continue
        if (idle < f.stallMillis && now - lastProbe < probeEvery) continue
        lastProbe = now
        // Silent for a while by the events; ask the server: is it still there, is the session idle?
        const status = yield* Effect.result(sessions.statusOf(f.sessionID))
        if (status._tag === "Failure" && status.failure._tag === "TransportError") {
          // An unreachable server will not finish the turn: say so well before the stall timeout.
          unreachableSince ??= now
          if (now - unreachableSince >= lostMillis || idle >= f.stallMillis) {
            // Not a TransportError: the prompt reached the server, so a retry is not safe.
            return yield* new TaskLost({
              key: f.key,
              sessionID: f.sessionID,
              messageID: f.messageID,
              reason: "ServerUnreachable",
              detail: status.failure.message
            })
          }
          continue
        }
        unreachableSince = undefined
        if (status._tag === "Success" && status.success.type === "idle") {
          w.activity = { type: "status", at: Date.now(), detail: "idle" }
          continue
        }
        if (idle < f.stallMillis) continue
        // Decided before the abort: the abort's own `session.error` must not pass for the cause.
        stalled = new StallError({
          key: f.key,
          sessionID: f.sessionID,
          idleMillis: idle,
          stallTimeoutMillis: f.stallMillis,
          lastActivity: w.activity
        })
        yield* Effect.ignore(sessions.abort(f.sessionID))
        return yield* stalled
      }
    })
    const wait = Effect.raceFirst(Run.awaitResult(f.sessionID, f.messageID, f.send !== undefined ? { send: f.send } : {}), watchdog).pipe(
      Effect.mapError((e) => stalled ?? e)
    )
    const bounded: Effect.Effect<Run.RunResult, Run.RunError | StallError | TaskLost, Run.RunServices> = f.timeout === undefined
      ? wait
      : Effect.timeoutOrElse(wait, {
        duration: f.timeout,
        orElse: () =>
          Effect.andThen(
            Effect.ignore(sessions.abort(f.sessionID)),
            Effect.fail(
              new TimeoutError({
                operation: "task",
                timeoutMillis: Duration.toMillis(Duration.fromInputUnsafe(f.timeout!)),
                sessionID: f.sessionID
              })
            )
          )
      })
    const result = yield* bounded
    // The value must decode with the task's Schema (the JSON is stored); a plain task
    // (`Tasks.toPlain`) has only the JSON Schema, so its answer must just hold a value.
    const schema = f.task.options?.output
    if (schema !== undefined) yield* StructuredOutput.attach(result, schema)
    else if (typeof f.task.prompt === "object" && StructuredOutput.isStructured(f.task.prompt.format)) {
      yield* StructuredOutput.valueOf(result.sessionID, result.messages)
    }
    if (w.compaction !== undefined) return yield* w.compaction
    let summary: string | undefined
    if (f.task.summarize !== undefined && f.task.summarize !== false) {
      const model = f.task.summarize === true ? undefined : f.task.summarize
      let existing: string | undefined
      if (f.reattached) {
        // An earlier process may have summarized already: use that summary.
        const all = yield* messages.list(f.sessionID)
        const from = all.findIndex((m) => m.info.role !== "unknown" && m.info.id === f.messageID)
        for (const m of all.slice(from + 1)) {
          if (m.info.role === "assistant" && m.info.summary === true) {
            if (m.info.error !== undefined) {
              return yield* new SessionError({
                sessionID: f.sessionID,
                name: messageErrorName(m.info.error),
                message: messageErrorText(m.info.error),
                error: m.info.error
              })
            }
            existing = m.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("")
          }
        }
      }
      summary = existing ?? (yield* sessions.summarize(f.sessionID, model !== undefined ? { model } : {})).summary
    }
    return toOutput(result, Date.now() - f.startedAt, summary)
  }).pipe(Effect.scoped)

/** Whether a prompt's turn was cut off: the session is idle and the turn has not ended (`Tasks.ended`). */
export const interruptedTurn = (sessionID: string, messageID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const status = yield* sessions.statusOf(sessionID)
    if (status.type !== "idle") return false
    return !Turn.ended(Turn.turnOf(yield* messages.list(sessionID), messageID))
  })

