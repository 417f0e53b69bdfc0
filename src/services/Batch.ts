/**
 * Batches: many tasks with bounded concurrency, in memory, for orchestration scripts. Each task
 * runs the kernel's steps (`TaskSteps`: session, prompt, wait for the turn's end, the summary it
 * asks for, output) and ends in its own result, the kernel's `Finished` or `Failed` (as
 * `DurableBatch` and `ClusterBatch` report them), so one failure loses nothing else. Progress
 * comes as a callback or a `Stream`; interrupting a batch aborts its unfinished tasks' sessions;
 * sessions are ephemeral by default; a batch can be spread over several servers.
 * Gotcha: nothing is recorded, so a stopped batch starts again from nothing (`DurableBatch` keeps
 * a journal).
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Result from "effect/Result"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import { TimeoutError, ValidationError } from "../Errors.ts"
import { call } from "../internal/callback.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import * as Kernel from "../tasks/index.ts"
import * as TaskTelemetry from "../tasks/TaskTelemetry.ts"
import * as TaskSteps from "../tasks/TaskSteps.ts"
import type * as Run from "./Run.ts"
import * as SessionService from "./SessionService.ts"

/**
 * One task: the kernel's task (`Tasks.Task`). Its `summarize` is honoured (the summary is in the
 * output); its `key` names it in the results (no journal keeps it).
 */
export type Task = Kernel.Task

/**
 * The counts of a batch at one moment: the kernel's `Tasks.Progress` (`total`, `finished`,
 * `failed`, `skipped` — always 0 here: an in-memory batch has no budget — and `running`). The
 * tasks started so far are `finished + failed + skipped + running`.
 */
export type Progress = Kernel.Progress

/**
 * A task that finished: the kernel's `Tasks.TaskFinished` (its output: text, files, tokens,
 * cost, summary, wall time; `source: "run"`), with the index of the server that ran it (0 with
 * one server).
 *
 * Gotcha: the assistant's messages are not kept; with `ephemeral` (the default) the session is
 * gone once the task ends, so pass `ephemeral: false` to read them (`MessageService`) afterwards.
 */
export type TaskFinished = Kernel.TaskFinished & { readonly server: number }

/**
 * A task that failed: the kernel's `Tasks.TaskFailed` (its typed error, `source: "run"`), with
 * the index of the server that ran it. `journaled` is always false: nothing records the failure,
 * and nothing takes the task up again.
 */
export type TaskFailed = Kernel.TaskFailed & { readonly server: number }

/** How one task ended (a kernel `Tasks.TaskResult`; an in-memory batch skips none). */
export type TaskResult = TaskFinished | TaskFailed

/**
 * What a batch returns: every task's result in task order, split into finished and failed tasks
 * (the names of `DurableBatch.BatchResult`).
 */
export interface BatchResult {
  readonly results: ReadonlyArray<TaskResult>
  readonly finished: ReadonlyArray<TaskFinished>
  readonly failed: ReadonlyArray<TaskFailed>
  readonly millis: number
}

/**
 * What the progress `Stream` of {@link stream} emits: a task started, a task ended (its result
 * is `Finished` or `Failed`), and at the end the whole result. Each carries the counts after it.
 */
export type BatchEvent =
  | { readonly _tag: "Started"; readonly index: number; readonly task: Task; readonly progress: Progress }
  | { readonly _tag: "Ended"; readonly index: number; readonly result: TaskResult; readonly progress: Progress }
  | { readonly _tag: "Done"; readonly result: BatchResult; readonly progress: Progress }

/** Options of a batch. */
export interface BatchOptions {
  /**
   * Tasks running at once, over all servers. Default 5 per server. (The server works on prompts
   * about one at a time, so more concurrency mostly lengthens its queue: see the README.)
   */
  readonly concurrency?: number | undefined
  /**
   * Deadline of each task, from its session's creation to its output (its `TimeoutError`,
   * `operation: "task"`, aborts its session); a task's own `timeout` wins.
   */
  readonly timeoutPerTask?: Duration.Input | undefined
  /**
   * Delete each task's session when the task ends. Default true; a task with its own
   * `sessionID` keeps that session.
   */
  readonly ephemeral?: boolean | undefined
  /** Called after every change of the counts (a task started or ended). */
  readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
}

type Provide = <A, E>(effect: Effect.Effect<A, E, Run.RunServices>) => Effect.Effect<A, E>

/** What a batch of no tasks returns: no results, at once. */
const emptyResult: BatchResult = { results: [], finished: [], failed: [], millis: 0 }

/** A task's failure, with the session of its attempt when it got one. */
interface FailedAttempt {
  readonly error: Kernel.TaskError
  readonly sessionID: string | undefined
}

/**
 * One task through the kernel's steps, on one server: its session (deleted at the end when
 * ephemeral), its prompt, the wait for its turn's end with the summary it asks for, its output.
 * Interrupted (the batch, or its deadline) once the prompt may have been sent, it aborts the
 * session. The whole is bounded by the task's deadline.
 */
const runTask = (
  tracker: TaskSteps.Tracker,
  key: string,
  task: Task,
  ephemeral: boolean,
  timeout: Duration.Input | undefined
) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const own = task.options?.sessionID !== undefined
    const startedAt = Date.now()
    let sessionID: string | undefined
    const failed = (error: Kernel.TaskError): FailedAttempt => ({ error, sessionID })
    const body = Effect.gen(function*() {
      const id = yield* Effect.acquireRelease(
        TaskSteps.createSession(task),
        (id) => (ephemeral && !own ? Effect.ignore(sessions.delete(id)) : Effect.void)
      )
      sessionID = id
      const messageID = TaskSteps.newMessageID()
      let sent = false
      const output = yield* TaskSteps.follow({
        tracker,
        key,
        task,
        sessionID: id,
        messageID,
        startedAt,
        reattached: false,
        // No stall detection (`DurableBatch` has it); the server-lost probe stays on.
        stallMillis: Number.POSITIVE_INFINITY,
        timeout: undefined,
        // Sent once the wait listens: the wait then re-reads nothing (no journal to write first).
        send: Effect.suspend(() => {
          sent = true
          return TaskSteps.send(task, id, messageID)
        })
      }).pipe(
        Effect.onInterrupt(() => (sent ? Effect.ignore(sessions.abort(id)) : Effect.void))
      )
      return { sessionID: id, messageID: messageID as string, output }
    }).pipe(Effect.scoped)
    if (timeout === undefined) return yield* Effect.mapError(body, failed)
    const duration = Duration.fromInputUnsafe(timeout)
    return yield* Effect.timeoutOrElse(body, {
      duration,
      orElse: () =>
        Effect.fail(
          new TimeoutError({
            operation: "task",
            timeoutMillis: Duration.toMillis(duration),
            ...(sessionID !== undefined ? { sessionID } : {})
          })
        )
    }).pipe(Effect.mapError(failed))
  })

/**
 * The engine: `Effect.forEach` with bounded concurrency; each task picks the server with the
 * fewest tasks in flight, and ends in a `TaskResult`. One event tracker per server (it also
 * keeps the server's event connection open for the whole batch). No tasks: the empty result (and
 * `Done`) at once, without touching a server.
 */
const execute = (
  tasks: ReadonlyArray<Task>,
  options: BatchOptions,
  servers: ReadonlyArray<Provide>,
  emit: (event: BatchEvent) => Effect.Effect<void>
): Effect.Effect<BatchResult, ValidationError> =>
  Effect.gen(function*() {
    const keys = yield* Kernel.taskKeys(tasks)
    const counts = { total: tasks.length, finished: 0, failed: 0, skipped: 0, running: 0 }
    const snapshot = (): Progress => ({ ...counts })
    if (tasks.length === 0) {
      yield* emit({ _tag: "Done", result: emptyResult, progress: snapshot() })
      return emptyResult
    }
    const inFlight = servers.map(() => 0)
    const report = (event: BatchEvent): Effect.Effect<void> => Effect.andThen(call(options.onProgress, event.progress), emit(event))
    const ephemeral = options.ephemeral ?? true
    const concurrency = Math.max(1, options.concurrency ?? 5 * servers.length)
    const started = Date.now()
    const scope = yield* Effect.scope
    const trackers = yield* Effect.forEach(servers, (provide) => provide(Scope.provide(TaskSteps.makeTracker, scope)))

    const one = (task: Task, index: number): Effect.Effect<TaskResult> =>
      Effect.gen(function*() {
        let server = 0
        for (let i = 1; i < inFlight.length; i++) if (inFlight[i]! < inFlight[server]!) server = i
        inFlight[server]!++
        counts.running++
        yield* report({ _tag: "Started", index, task, progress: snapshot() })
        const key = keys[index]!
        const timeout = task.options?.timeout ?? options.timeoutPerTask
        const outcome = yield* Effect.result(
          servers[server]!(runTask(trackers[server]!, key, task, ephemeral, timeout)).pipe(
            TaskTelemetry.traceTask({ index, key, server, prompt: TaskSteps.promptOf(task) }, endingOf)
          )
        ).pipe(Effect.ensuring(Effect.sync(() => {
          inFlight[server]!--
          counts.running--
        })))
        const result: TaskResult = Result.isSuccess(outcome)
          ? { _tag: "Finished", index, key, task, ...outcome.success, source: "run", server }
          : {
            _tag: "Failed",
            index,
            key,
            task,
            error: outcome.failure.error,
            source: "run",
            journaled: false,
            sessionID: outcome.failure.sessionID,
            server
          }
        if (result._tag === "Finished") counts.finished++
        else counts.failed++
        yield* report({ _tag: "Ended", index, result, progress: snapshot() })
        return result
      })

    const results = yield* Effect.forEach(tasks, one, { concurrency })
    const result: BatchResult = {
      results,
      finished: results.filter((r): r is TaskFinished => r._tag === "Finished"),
      failed: results.filter((r): r is TaskFailed => r._tag === "Failed"),
      millis: Date.now() - started
    }
    yield* TaskTelemetry.batchEnded(results, { concurrency })
    yield* emit({ _tag: "Done", result, progress: snapshot() })
    return result
  }).pipe(Effect.scoped, TaskTelemetry.traceBatch({ tasks: tasks.length }))

/**
 * How a task ended, for its span and the metrics. An interrupted task is over (nothing resumes
 * it): it counts as failed, with `error.type` `interrupted`.
 */
const endingOf = (
  exit: Exit.Exit<{ readonly sessionID: string; readonly output: Kernel.Output }, FailedAttempt>
): TaskTelemetry.Ending =>
  Exit.isSuccess(exit)
    ? { _tag: "Finished", sessionID: exit.value.sessionID, output: exit.value.output }
    : {
      _tag: "Failed",
      outcome: Telemetry.outcomeOf(Exit.mapError(exit, (f) => f.error)),
      sessionID: Option.getOrUndefined(Option.map(Exit.findErrorOption(exit), (f) => f.sessionID))
    }

const here: Provide = (effect) => effect as never

// Without the span the context was captured in: a task's calls stay children of its task span.
const inContext = (context: Context.Context<Run.RunServices>): Provide => {
  const services = Context.omit(Tracer.ParentSpan)(context)
  return (effect) => Effect.provide(effect, services)
}

/**
 * Runs every task with at most `concurrency` at once and returns every result in task order. A
 * task's error is its `Failed` result; the batch itself fails only with a `ValidationError`
 * (field `key`) for a repeated or invalid task `key`, before any task starts. No tasks: the empty
 * result, no server contacted. Interrupting the batch interrupts the running tasks (sessions
 * aborted, and deleted when ephemeral) and starts no more.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Batch, Run } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const files = ["src/a.ts", "src/b.ts", "src/c.ts"]
 *   const batch = yield* Batch.run(files.map((f) => `Add doc comments to ${f}`), {
 *     concurrency: 2,
 *     timeoutPerTask: "10 minutes",
 *     onProgress: (p) => console.log(`${p.finished + p.failed}/${p.total}`)
 *   })
 *   for (const f of batch.failed) console.error(f.index, f.error._tag, f.error.message)
 * }).pipe(Effect.provide(Run.layer({ baseUrl: "http://127.0.0.1:4096" })))
 * ```
 */
export const run = (
  tasks: Iterable<string | Task>,
  options: BatchOptions = {}
): Effect.Effect<BatchResult, ValidationError, Run.RunServices> =>
  Effect.flatMap(
    Effect.context<Run.RunServices>(),
    (context) => execute(Array.from(tasks, Kernel.normalize), options, [inContext(context)], () => Effect.void)
  )

/**
 * {@link run} spread over several servers: each task goes to the server with the fewest tasks in
 * flight (its result's `server` says which). Each server's layer is built fresh for the batch and
 * released after it; `concurrency` counts over all servers (default 5 per server). No servers is
 * a `ValidationError` (field `servers`); no tasks builds no server.
 *
 * @example
 * ```ts
 * import { Batch, Run } from "effect-opencode"
 *
 * const servers = ["http://10.0.0.1:4096", "http://10.0.0.2:4096"].map((baseUrl) => Run.layer({ baseUrl }))
 * const program = Batch.runAcross(servers, [{ key: "auth", prompt: "Review src/auth" }, "Review src/db"], { concurrency: 10 })
 * ```
 */
export const runAcross = <E>(
  servers: ReadonlyArray<Layer.Layer<Run.RunServices, E>>,
  tasks: Iterable<string | Task>,
  options: BatchOptions = {}
): Effect.Effect<BatchResult, E | ValidationError> =>
  Effect.suspend((): Effect.Effect<BatchResult, E | ValidationError> => {
    if (servers.length === 0) {
      return Effect.fail(new ValidationError({ field: "servers", message: "Batch.runAcross needs at least one server" }))
    }
    const list = Array.from(tasks, Kernel.normalize)
    if (list.length === 0) return Effect.succeed(emptyResult)
    return Effect.andThen(
      Kernel.taskKeys(list),
      Effect.scoped(
        Effect.flatMap(
          // Fresh: each server's layers are built on their own, never shared with another server's
          // or with layers already built around the batch.
          Effect.forEach(servers, (server) => Layer.build(Layer.fresh(server))),
          (contexts) => execute(list, options, contexts.map(inContext), () => Effect.void)
        )
      )
    )
  })

/**
 * {@link run} as a `Stream`: `Started` and `Ended` per task as they happen, then `Done` with the
 * whole result (only `Done` for no tasks). The batch runs while the stream is consumed; stopping
 * the stream interrupts it. A repeated or invalid `key` fails the stream before any event.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Batch, Run } from "effect-opencode"
 *
 * const program = Batch.stream(["Fix the lint errors", "Update the changelog"], { concurrency: 5 }).pipe(
 *   Stream.runForEach((e) =>
 *     Effect.sync(() => {
 *       if (e._tag !== "Started") process.stdout.write(`\r${e.progress.finished + e.progress.failed}/${e.progress.total}`)
 *     })),
 *   Effect.provide(Run.layer({ baseUrl: "http://127.0.0.1:4096" }))
 * )
 * ```
 */
export const stream = (
  tasks: Iterable<string | Task>,
  options: BatchOptions = {}
): Stream.Stream<BatchEvent, ValidationError, Run.RunServices> =>
  Stream.callback<BatchEvent, ValidationError, Run.RunServices>((queue) =>
    execute(Array.from(tasks, Kernel.normalize), options, [here], (event) => Effect.asVoid(Queue.offer(queue, event))).pipe(
      Effect.andThen(Queue.end(queue))
    )
  )
