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
import type * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
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
    // Waits for the database when it goes away (the engine needs it too to go on).
    const retryingSql = <A>(what: string, effect: Effect.Effect<A, SqlError, SqlClient.SqlClient>) =>
      effect.pipe(
        Effect.tapError((e) => Effect.logWarning(`${what} of ${payload.key}: ${e.message}; retrying`)),
        Effect.retry({ schedule: Schedule.spaced("1 second") }),
        Effect.orDie
      )
    const recording = (fields: Fields) =>
      retryingSql(
        "recording the result",
        Store.recordResult({ batchId: payload.batchId, key: payload.key, index: payload.index, runner, ...fields })
      )
    // A failure's record (a success is recorded by the `run-task` activity itself). The task
    // metrics count an end where its row is written first: once per task, replays and
    // takeovers included.
    const record = (fields: Fields) =>
      Activity.make({
        name: "collect-result",
        success: Schema.Boolean,
        execute: Effect.tap(recording(fields), (first) =>
          first && fields.error !== undefined
            ? TaskTelemetry.recordEnd({ _tag: "Failed", outcome: fields.error._tag, sessionID: fields.sessionID })
            : Effect.void)
      })


    // One activity per attempt, from the slot to the recorded result. Attempt 1's keeps its plain
    // name; a retry's is suffixed `#2`, `#3`…: each attempt is a new session and a new prompt id.
    const steps = (attempt: number) => Effect.gen(function*() {
      const named = (name: string) => (attempt === 1 ? name : `${name}#${attempt}`)
      started = undefined
      // A task takes one slot from before its session exists to its end, so that a session is
      // created only when its prompt can go out. Taken for the whole task: a task resumed past
      // its start (taken over from another runner, on its server) needs none here.
      const task$ = yield* Effect.scope
      // Where the attempt runs: recorded in `effect_opencode_started` before its prompt is sent,
      // and read first by every execution, so that a re-execution (a takeover, a restart) finishes
      // it on the session it started on, and never starts another. That row, not a stored
      // activity of its own, is what makes the send at most once: the engine stores a
      // `create-session` activity with a request, a reply, a storage read and a shard-lock check
      // (about six statements), the row with two (its look-up and its insert).
      const start = Effect.gen(function*() {
        const recorded = yield* retryingSql("reading the start", Store.startOf(payload.batchId, payload.key, attempt))
        if (recorded !== undefined) return { recorded, fresh: false }
        yield* pool.slot.pipe(Scope.provide(task$))
        // Checked once the task may start (it holds a slot), as the other engines do. A task
        // holds its slot until its result is recorded, so the next task on this runner sees this
        // one's cost and tokens.
        if (budget.maxCost !== undefined || budget.maxTokens !== undefined) {
          const spent = yield* retryingSql("reading the budget", Store.spent(payload.batchId))
          const over = overBudget(budget, spent)
          if (over !== undefined) return yield* Effect.fail(over)
        }
        // The server counts one more task while the session is created (`pick`), then while the
        // task runs on it (`hold`, below: also for a task resumed here).
        const { first, sessionID } = yield* Effect.scoped(Effect.gen(function*() {
          const server = yield* pool.pick
          const sessionID = yield* pool.use(server.url, server.directory, TaskSteps.createSession(task))
          const first = yield* retryingSql(
            "recording the start",
            Store.recordStart({
              batchId: payload.batchId,
              key: payload.key,
              attempt,
              server: server.url,
              directory: server.directory,
              sessionID,
              messageID: TaskSteps.newMessageID(),
              startedAt: Date.now()
            })
          )
          return { first, sessionID }
        }))
        // Counted where the task really starts, once per task (not per attempt, not per
        // execution: a concurrent execution that recorded its start first keeps its own).
        const fresh = first.sessionID === sessionID
        if (attempt === 1 && fresh) yield* TaskTelemetry.started
        return { recorded: first, fresh }
      })
      const run = Effect.gen(function*() {
        const { fresh, recorded } = yield* start
        started = {
          server: recorded.server,
          ...(recorded.directory !== undefined ? { directory: recorded.directory } : {}),
          sessionID: recorded.sessionID,
          messageID: recorded.messageID,
          at: recorded.startedAt
        }
        const { directory, server, sessionID } = started
        const messageID = started.messageID as Ids.MessageID
        yield* pool.hold(server).pipe(Scope.provide(task$))
        // The prompt is looked up before the send unless this execution has just created the
        // session and recorded it: nobody can have sent on a session before its row exists, so a
        // first execution saves the look-up (a request to the server per task); a re-execution,
        // or one that lost the recording to another, looks it up.
        const send = pool.use(server, directory, TaskSteps.send(task, sessionID, messageID, { lookupFirst: !fresh })).pipe(
          (send) =>
            pool.servers.some((s) => s.url === server)
              ? send
              // Another runner's server (a takeover): that runner may have sent the prompt before
              // it died, so an unreachable server is not a failure safe to retry elsewhere. It
              // gets `serverLostAfter` to come back, then the task is lost, like a lost server
              // while the turn runs.
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
        // The send (after a look-up of the prompt: a re-execution finds it there and only waits),
        // the turn and the recorded result, whose row is written once (`ON CONFLICT DO NOTHING`)
        // whoever writes it.
        yield* send
        const output = yield* pool.use(
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
      // The task's span (this body's, not the activity's) names the server once it is known.
      const annotateServer = (server: string | undefined) =>
        server === undefined ? Effect.void : Effect.annotateCurrentSpan(Telemetry.Attributes.taskServer, sanitizeUrl(server))
      // One stored activity per attempt (and one stored message for the workflow's start): each
      // activity costs the engine a stored request, a stored reply, a storage read and a
      // shard-lock check.
      const output = yield* Activity.make({
        name: named("run-task"),
        success: Output,
        error: Schema.Union([TaskError, BudgetExceeded]),
        execute: run
      }).pipe(Effect.onExit(() => annotateServer(started?.server)))
      // A replayed activity (the workflow resumed after its end) set no `started`.
      const where = started ?? (yield* retryingSql("reading the start", Store.startOf(payload.batchId, payload.key, attempt)))
      if (started === undefined) yield* annotateServer(where?.server)
      return {
        server: where?.server ?? "",
        sessionID: where?.sessionID ?? "",
        messageID: where?.messageID ?? "",
        output
      }
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
      // A replayed failure (the workflow resumed after a restart) set no `started`: the row has it.
      const where = started ?? (yield* retryingSql("reading the start", Store.startOf(payload.batchId, payload.key, attempt)))
      yield* record({
        status: "failed",
        sessionID: where?.sessionID,
        messageID: where?.messageID,
        server: where?.server,
        output: undefined,
        error,
        attempts: attempt
      })
      return yield* Effect.fail(error)
    }
  }).pipe(
    // The span of this runner's execution of the task (a takeover's runner has its own); its
    // start and end are counted by the activities above.
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

