/**
 * One batch task as a durable workflow: the `TaskSteps` as activities whose results the engine
 * stores in PostgreSQL, so a runner that dies mid-task is replaced by one that replays them and
 * carries on; the prompt's `messageID` is stored first and looked up before any send, so it is
 * never sent twice. Activities: `create-session` (slot, budget check, least busy server, session,
 * prompt id), `run-prompt` (send unless present, wait, record the result), `collect-result` (a
 * failure not retried). Telemetry counts a task's start in the first `create-session` that runs
 * and its end where its row is written first, so replays and takeovers count once. See
 * docs/scale-out.md.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import * as Activity from "effect/workflow/Activity"
import * as DurableClock from "effect/workflow/DurableClock"
import * as Workflow from "effect/workflow/Workflow"
import * as NodeOs from "node:os"
import { sanitizeUrl } from "../internal/url.ts"
import type * as Ids from "../schema/Ids.ts"
import { BudgetExceeded, type BudgetLimits, overBudget, TaskLost } from "../tasks/errors.ts"
import type { Task } from "../tasks/Task.ts"
import { isRetryable, Output, TaskError } from "../tasks/TaskResult.ts"
import * as TaskSteps from "../tasks/TaskSteps.ts"
import * as TaskTelemetry from "../tasks/TaskTelemetry.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import * as ServerPool from "./ServerPool.ts"
import * as Store from "./Store.ts"

/** What the engine stores to start a task: batch, key, place, the task as JSON, deadlines, budget. */
export const Payload = Schema.Struct({
  batchId: Schema.String,
  key: Schema.String,
  index: Schema.Number,
  /** The task (`Tasks.Task`) as JSON. */
  task: Schema.String,
  /** Abort the task when its session stays silent this long (default 10 minutes). */
  stallMillis: Schema.optional(Schema.Number),
  /** The task's deadline when the task gives none. */
  timeoutMillis: Schema.optional(Schema.Number),
  /** New attempts (new session, new prompt) after a failure that is safe to retry (default 0). */
  retries: Schema.optional(Schema.Number),
  /** The wait before the first retry, doubled for each next one (default 5000, at most 60 s). */
  retryDelayMillis: Schema.optional(Schema.Number),
  /** The batch's budget in dollars: skip the task once the finished tasks cost this much. */
  maxCost: Schema.optional(Schema.Number),
  /** The batch's budget in tokens, likewise. */
  maxTokens: Schema.optional(Schema.Number)
})

/** A finished task: where it ran and its result. */
export const Outcome = Schema.Struct({
  server: Schema.String,
  sessionID: Schema.String,
  messageID: Schema.String,
  output: Output
})

export type Outcome = typeof Outcome.Type

const Started = Schema.Struct({
  server: Schema.String,
  /** The project directory of the session on that server. */
  directory: Schema.optional(Schema.String),
  sessionID: Schema.String,
  messageID: Schema.String,
  at: Schema.Number
})

/** The workflow; its execution id is derived from `batchId/key`, so a task submitted twice starts once. */
export const TaskWorkflow = Workflow.make("effect-opencode/Task", {
  payload: Payload,
  success: Outcome,
  error: Schema.Union([TaskError, BudgetExceeded]),
  idempotencyKey: (p) => `${p.batchId}/${p.key}`
})

/** The name a runner records its results under (default `hostname:pid`). */
export const RunnerName = Context.Reference<string>("effect-opencode/cluster/RunnerName", {
  defaultValue: () => `${NodeOs.hostname()}:${process.pid}`
})

/**
 * How long a task's server may stay unreachable before the task is `TaskLost` (`ServerUnreachable`):
 * while its turn runs, or when a takeover cannot reach it to look its prompt up. Default 30 s
 * (`ClusterRunner.layer`'s `serverLostAfter`). Gotcha: a restarted server must be back within it,
 * or its running tasks are recorded as lost (never sent again elsewhere).
 */
export const ServerLostAfter = Context.Reference<Duration.Duration>("effect-opencode/cluster/ServerLostAfter", {
  defaultValue: () => Duration.seconds(30)
})

const decodeTask = (json: string): Task => JSON.parse(json) as Task

/** The workflow's body (what {@link layer} registers): the activities of the module comment. */
export const execute = (payload: typeof Payload.Type, _executionId: string) => {
  const task = decodeTask(payload.task)
  let started: typeof Started.Type | undefined
  return Effect.gen(function*() {
    const pool = yield* ServerPool.ServerPool
    const runner = yield* RunnerName
    const lostAfter = yield* ServerLostAfter
    const budget: BudgetLimits = { maxCost: payload.maxCost, maxTokens: payload.maxTokens }
    type Fields = Pick<Store.StoredResult, "status" | "sessionID" | "messageID" | "server" | "output" | "error" | "attempts" | "reason">
    const recording = (fields: Fields) =>
      Store.recordResult({ batchId: payload.batchId, key: payload.key, index: payload.index, runner, ...fields }).pipe(
        // The database comes back: wait for it (the engine needs it too to go on).
        Effect.tapError((e) => Effect.logWarning(`recording ${payload.key}: ${e.message}; retrying`)),
        Effect.retry({ schedule: Schedule.spaced("1 second") }),
        Effect.orDie
      )
    // A failure's record (`run-prompt` records a success); metrics count an end where its row is written first.
    const record = (fields: Fields) =>
      Activity.make({
        name: "collect-result",
        success: Schema.Boolean,
        execute: Effect.tap(recording(fields), (first) =>
          first && fields.error !== undefined
            ? TaskTelemetry.recordEnd({ _tag: "Failed", outcome: fields.error._tag, sessionID: fields.sessionID })
            : Effect.void)
      })

    // A retry (new session, new prompt id) stores its activities apart, suffixed `#2`, `#3`…
    const steps = (attempt: number) => Effect.gen(function*() {
      const named = (name: string) => (attempt === 1 ? name : `${name}#${attempt}`)
      started = undefined
      // A slot from before the session exists to the task's end, so a session is created only when
      // its prompt can go out; a task resumed past this step (a takeover) needs none here.
      const task$ = yield* Effect.scope
      started = yield* Activity.make({
        name: named("create-session"),
        success: Started,
        error: Schema.Union([TaskError, BudgetExceeded]),
        execute: Effect.scoped(Effect.gen(function*() {
          yield* pool.slot.pipe(Scope.provide(task$))
          // Checked holding the slot, which is kept until the result is recorded: the next task
          // on this runner sees this one's cost.
          if (budget.maxCost !== undefined || budget.maxTokens !== undefined) {
            const spent = yield* Store.spent(payload.batchId).pipe(
              Effect.tapError((e) => Effect.logWarning(`reading the budget of ${payload.batchId}: ${e.message}; retrying`)),
              Effect.retry({ schedule: Schedule.spaced("1 second") }),
              Effect.orDie
            )
            const over = overBudget(budget, spent)
            if (over !== undefined) return yield* Effect.fail(over)
          }
          // Counted where the task really starts (a replay does not run this), once per task.
          if (attempt === 1) yield* TaskTelemetry.started
          const server = yield* pool.pick
          const sessionID = yield* pool.use(server.url, server.directory, TaskSteps.createSession(task))
          return {
            server: server.url,
            ...(server.directory !== undefined ? { directory: server.directory } : {}),
            sessionID,
            messageID: TaskSteps.newMessageID(),
            at: Date.now()
          }
        }))
      })
      const { directory, server, sessionID } = started
      const messageID = started.messageID as Ids.MessageID
      yield* Effect.annotateCurrentSpan(Telemetry.Attributes.taskServer, sanitizeUrl(server))
      yield* pool.hold(server)
      const send = pool.use(server, directory, TaskSteps.send(task, sessionID, messageID, { lookupFirst: true })).pipe(
        (send) =>
          pool.servers.some((s) => s.url === server)
            ? send
            // A takeover on another runner's server, which may hold the prompt: unreachable is not
            // safe to retry elsewhere, so it gets `serverLostAfter` to come back, then the task is lost.
            : send.pipe(
              Effect.retry({
                while: (e) => e._tag === "TransportError",
                schedule: Schedule.spaced(Duration.min(Duration.seconds(2), Duration.divideUnsafe(lostAfter, 5))).pipe(
                  Schedule.upTo({ duration: lostAfter })
                )
              }),
              Effect.catchTag("TransportError", (e) =>
                Effect.fail(
                  new TaskLost({ key: payload.key, sessionID, messageID, reason: "ServerUnreachable", detail: e.message })
                ))
            )
      )
      const startedAt = started.at
      const await$ = pool.use(
        server,
        directory,
        Effect.gen(function*() {
          const tracker = yield* ServerPool.Tracker
          const timeout = task.options?.timeout ??
            (payload.timeoutMillis !== undefined ? Duration.millis(payload.timeoutMillis) : undefined)
          return yield* TaskSteps.follow({
            tracker,
            key: payload.key,
            task,
            sessionID,
            messageID,
            startedAt,
            reattached: true,
            stallMillis: payload.stallMillis ?? 600_000,
            timeout,
            serverLostMillis: Duration.toMillis(lostAfter)
          })
        })
      )
      // One activity from send to recorded result: a re-execution looks the prompt up before any
      // send, and the row is written once (`ON CONFLICT DO NOTHING`). Each activity costs the
      // engine a stored request and reply: two per task instead of four (docs/scale-out.md "Cost").
      const output = yield* Activity.make({
        name: named("run-prompt"),
        success: Output,
        error: TaskError,
        execute: Effect.gen(function*() {
          yield* send
          const output = yield* await$
          const first = yield* recording({
            status: "finished",
            sessionID,
            messageID,
            server,
            output,
            error: undefined,
            attempts: attempt
          })
          if (first) yield* TaskTelemetry.recordEnd({ _tag: "Finished", sessionID, output })
          return output
        })
      })
      return { server, sessionID, messageID, output }
    }).pipe(Effect.scoped)

    const retries = Math.max(0, Math.floor(payload.retries ?? 0))
    const baseDelay = payload.retryDelayMillis ?? 5_000
    let attempt = 1
    while (true) {
      const outcome = yield* Effect.result(steps(attempt))
      if (outcome._tag === "Success") return outcome.success
      const error = outcome.failure
      if (error._tag === "BudgetExceeded") {
        yield* record({
          status: "skipped",
          sessionID: undefined,
          messageID: undefined,
          server: undefined,
          output: undefined,
          error: undefined,
          reason: error,
          attempts: attempt
        })
        return yield* Effect.fail(error)
      }
      // Only failures after which no prompt can still run (see Tasks.isRetryable).
      if (attempt <= retries && isRetryable(error)) {
        yield* Effect.logInfo(`task ${payload.key}: attempt ${attempt} failed (${error._tag}: ${error.message}); retrying`)
        // Stored like an activity: a runner that takes the task over does not wait again.
        yield* DurableClock.sleep({
          name: `retry-wait#${attempt + 1}`,
          duration: Duration.millis(Math.min(60_000, baseDelay * 2 ** (attempt - 1)))
        })
        attempt++
        continue
      }
      yield* record({
        status: "failed",
        sessionID: started?.sessionID,
        messageID: started?.messageID,
        server: started?.server,
        output: undefined,
        error,
        attempts: attempt
      })
      return yield* Effect.fail(error)
    }
  }).pipe(
    // This runner's execution's span; start and end are counted by the activities above.
    TaskTelemetry.traceTask(
      { index: payload.index, key: payload.key, prompt: TaskSteps.promptOf(task) },
      (exit: Exit.Exit<{ readonly sessionID: string; readonly output: Output }, TaskError | BudgetExceeded>): TaskTelemetry.Ending => {
        if (Exit.isSuccess(exit)) return { _tag: "Finished", sessionID: exit.value.sessionID, output: exit.value.output }
        const error = Cause.findErrorOption(exit.cause)
        if (Option.isNone(error)) return { _tag: "Stopped", outcome: Telemetry.outcomeOf(exit), sessionID: started?.sessionID }
        if (error.value._tag === "BudgetExceeded") return { _tag: "Skipped" }
        return { _tag: "Failed", outcome: error.value._tag, sessionID: started?.sessionID }
      },
      { record: false }
    )
  )
}

/**
 * Registers the workflow with the engine in context; needs a `ServerPool` (a runner's layer,
 * `ClusterRunner.layer`, builds it all).
 */
export const layer = TaskWorkflow.toLayer(execute)

