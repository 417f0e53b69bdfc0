/**
 * Batches: many runs with bounded concurrency, for orchestration scripts. Every task ends in its
 * own result — the run's result, or its typed error — so one failure loses nothing else.
 * Progress comes as a callback or as a `Stream`; interrupting a batch stops its unfinished tasks
 * and aborts their sessions; sessions are ephemeral by default; and a batch can be spread over
 * several servers.
 *
 * @since 0.1.0
 */
import { type Context, type Duration, Effect, Layer, Queue, Result, Stream } from "effect"
import { ValidationError } from "../Errors.ts"
import { call } from "../internal/callback.ts"
import type * as Prompt from "../schema/PromptInput.ts"
import * as EventService from "./EventService.ts"
import * as Run from "./Run.ts"

/**
 * One task: a prompt and, optionally, run options of its own and a name.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const task: Batch.Task = { name: "auth", prompt: "Review src/auth", options: { timeout: "5 minutes" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Task {
  readonly prompt: string | Prompt.PromptInput
  readonly options?: Run.RunOptions | undefined
  /** A label for reports; the task's index when left out. */
  readonly name?: string | undefined
}

/**
 * The counts of a batch at one moment. `started` counts tasks that began, `running` those under
 * way, `succeeded` and `failed` those that ended.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const bar = (p: Batch.Progress) => `${p.succeeded + p.failed}/${p.total} (${p.failed} failed)`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  readonly total: number
  readonly started: number
  readonly running: number
  readonly succeeded: number
  readonly failed: number
}

/**
 * A task that ended with the run's result.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const text = (s: Batch.TaskSuccess) => s.result.text
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface TaskSuccess {
  readonly _tag: "Success"
  readonly index: number
  readonly task: Task
  readonly result: Run.RunResult
  /** Wall time of the task in milliseconds. */
  readonly millis: number
  /** Index of the server that ran it (0 with one server). */
  readonly server: number
}

/**
 * A task that ended with the run's typed error.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const why = (f: Batch.TaskFailure) => `${f.error._tag}: ${f.error.message}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface TaskFailure {
  readonly _tag: "Failure"
  readonly index: number
  readonly task: Task
  readonly error: Run.RunError
  readonly millis: number
  readonly server: number
}

/**
 * How one task ended.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const ok = (r: Batch.TaskResult) => r._tag === "Success"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type TaskResult = TaskSuccess | TaskFailure

/**
 * What a batch returns: every task's result in task order, split into successes and failures.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const report = (b: Batch.BatchResult) => `${b.succeeded.length} ok, ${b.failed.length} failed in ${b.millis} ms`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchResult {
  readonly results: ReadonlyArray<TaskResult>
  readonly succeeded: ReadonlyArray<TaskSuccess>
  readonly failed: ReadonlyArray<TaskFailure>
  readonly millis: number
}

/**
 * What the progress `Stream` of {@link stream} emits: a task started, a task finished, and at the
 * end the whole result. Each carries the counts after it.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const line = (e: Batch.BatchEvent) =>
 *   e._tag === "Done" ? "done" : `${e._tag} #${e.index}: ${e.progress.succeeded}/${e.progress.total}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type BatchEvent =
  | { readonly _tag: "Started"; readonly index: number; readonly task: Task; readonly progress: Progress }
  | { readonly _tag: "Finished"; readonly index: number; readonly result: TaskResult; readonly progress: Progress }
  | { readonly _tag: "Done"; readonly result: BatchResult; readonly progress: Progress }

/**
 * Options of a batch.
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * const options: Batch.BatchOptions = {
 *   concurrency: 5,
 *   timeoutPerTask: "10 minutes",
 *   onProgress: (p) => console.log(`${p.succeeded + p.failed}/${p.total}`)
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchOptions {
  /**
   * Tasks running at once, over all servers. Default 5 per server. (The server works on prompts
   * about one at a time, so more concurrency mostly lengthens its queue: see the README.)
   */
  readonly concurrency?: number | undefined
  /** Deadline of each task (its `TimeoutError` aborts its session); a task's own `timeout` wins. */
  readonly timeoutPerTask?: Duration.Input | undefined
  /**
   * Delete each task's session when the task ends. Default true; a task with its own
   * `sessionID` keeps that session.
   */
  readonly ephemeral?: boolean | undefined
  /** Called after every change of the counts (a task started or ended). */
  readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
}

const normalize = (task: string | Task): Task => (typeof task === "string" ? { prompt: task } : task)

type Provide = <A, E>(effect: Effect.Effect<A, E, Run.RunServices>) => Effect.Effect<A, E>

/**
 * Keeps a server's event connection open for the whole batch: the connection is shared by its
 * subscribers and closes when the last one leaves, so without this a batch running one task at a
 * time would open a connection per task.
 */
const holdEvents = (provide: Provide) =>
  Effect.forkScoped(
    provide(Effect.ignore(EventService.EventService.use((events) => Stream.runDrain(events.events()))))
  )

/** What a batch of no tasks returns: no results, at once. */
const emptyResult: BatchResult = { results: [], succeeded: [], failed: [], millis: 0 }

const emptyProgress: Progress = { total: 0, started: 0, running: 0, succeeded: 0, failed: 0 }

/**
 * The engine: `Effect.forEach` with bounded concurrency; each task picks the server with the
 * fewest tasks in flight, and ends in a `TaskResult`. No tasks: the empty result (and `Done`) at
 * once, without touching a server.
 */
const execute = (
  tasks: ReadonlyArray<Task>,
  options: BatchOptions,
  servers: ReadonlyArray<Provide>,
  emit: (event: BatchEvent) => Effect.Effect<void>
): Effect.Effect<BatchResult> =>
  Effect.suspend(() => {
    if (tasks.length === 0) return Effect.as(emit({ _tag: "Done", result: emptyResult, progress: emptyProgress }), emptyResult)
    const inFlight = servers.map(() => 0)
    const counts = { total: tasks.length, started: 0, running: 0, succeeded: 0, failed: 0 }
    const snapshot = (): Progress => ({ ...counts })
    const report = (event: BatchEvent): Effect.Effect<void> => {
      return Effect.andThen(call(options.onProgress, event.progress), emit(event))
    }
    const ephemeral = options.ephemeral ?? true
    const concurrency = Math.max(1, options.concurrency ?? 5 * servers.length)
    const started = Date.now()

    const one = (task: Task, index: number): Effect.Effect<TaskResult> =>
      Effect.gen(function*() {
        let server = 0
        for (let i = 1; i < inFlight.length; i++) if (inFlight[i]! < inFlight[server]!) server = i
        inFlight[server]!++
        counts.started++
        counts.running++
        yield* report({ _tag: "Started", index, task, progress: snapshot() })
        const t0 = Date.now()
        const timeout = task.options?.timeout ?? options.timeoutPerTask
        const outcome = yield* Effect.result(
          servers[server]!(
            Run.run(task.prompt, {
              ephemeral,
              ...task.options,
              ...(timeout !== undefined ? { timeout } : {})
            })
          )
        ).pipe(Effect.ensuring(Effect.sync(() => {
          inFlight[server]!--
          counts.running--
        })))
        const millis = Date.now() - t0
        const result: TaskResult = Result.isSuccess(outcome)
          ? { _tag: "Success", index, task, result: outcome.success, millis, server }
          : { _tag: "Failure", index, task, error: outcome.failure, millis, server }
        if (result._tag === "Success") counts.succeeded++
        else counts.failed++
        yield* report({ _tag: "Finished", index, result, progress: snapshot() })
        return result
      })

    return Effect.forEach(servers, holdEvents).pipe(
      Effect.andThen(Effect.forEach(tasks, one, { concurrency })),
      Effect.flatMap((results) => {
        const result: BatchResult = {
          results,
          succeeded: results.filter((r): r is TaskSuccess => r._tag === "Success"),
          failed: results.filter((r): r is TaskFailure => r._tag === "Failure"),
          millis: Date.now() - started
        }
        return Effect.as(emit({ _tag: "Done", result, progress: snapshot() }), result)
      }),
      Effect.scoped
    )
  })

const here: Provide = (effect) => effect as never

const inContext = (context: Context.Context<Run.RunServices>): Provide => (effect) => Effect.provide(effect, context)

/**
 * Runs every task (`Run.run` each) with at most `concurrency` at once and returns every task's
 * result in task order; it never fails: a task's error is its `TaskFailure`, and no tasks is the
 * empty result (no server is contacted). Each task's session is deleted when the task ends (unless
 * `ephemeral: false`). Interrupting the batch interrupts the running tasks — their sessions are
 * aborted on the server and, when ephemeral, deleted — and starts no more.
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
 *     onProgress: (p) => console.log(`${p.succeeded + p.failed}/${p.total}`)
 *   })
 *   for (const f of batch.failed) console.error(f.index, f.error._tag, f.error.message)
 * }).pipe(Effect.provide(Run.layer({ baseUrl: "http://127.0.0.1:4096" })))
 * ```
 *
 * @since 0.1.0
 * @category batches
 */
export const run = (
  tasks: Iterable<string | Task>,
  options: BatchOptions = {}
): Effect.Effect<BatchResult, never, Run.RunServices> =>
  Effect.flatMap(
    Effect.context<Run.RunServices>(),
    (context) => execute(Array.from(tasks, normalize), options, [inContext(context)], () => Effect.void)
  )

/**
 * {@link run} spread over several servers: each task goes to the server with the fewest tasks in
 * flight. `servers` are the services of each server (e.g. `Run.layer({ baseUrl })` per base
 * URL); they are built for the batch and released after it. `concurrency` counts over all
 * servers (default 5 per server).
 *
 * No servers is a `ValidationError` (field `servers`). No tasks is the empty result, and no server
 * is built.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Batch, Run } from "effect-opencode"
 *
 * const servers = ["http://10.0.0.1:4096", "http://10.0.0.2:4096"].map((baseUrl) => Run.layer({ baseUrl }))
 * const program = Batch.runAcross(servers, tasks, { concurrency: 10 })
 * ```
 *
 * @since 0.1.0
 * @category batches
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
    const list = Array.from(tasks, normalize)
    if (list.length === 0) return Effect.succeed(emptyResult)
    return Effect.scoped(
      Effect.flatMap(
        // Fresh: each server's layers are built on their own, never shared with another server's
        // or with layers already built around the batch.
        Effect.forEach(servers, (server) => Layer.build(Layer.fresh(server))),
        (contexts) => execute(list, options, contexts.map(inContext), () => Effect.void)
      )
    )
  })

/**
 * {@link run} as a `Stream` of progress events: `Started` and `Finished` for each task as they
 * happen, then `Done` with the whole result (only `Done`, with the empty result, when there are no
 * tasks). The batch runs while the stream is consumed; stopping the stream interrupts it.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Batch } from "effect-opencode"
 *
 * const program = Batch.stream(tasks, { concurrency: 5 }).pipe(
 *   Stream.runForEach((e) =>
 *     Effect.sync(() => {
 *       if (e._tag !== "Started") process.stdout.write(`\r${e.progress.succeeded + e.progress.failed}/${e.progress.total}`)
 *     }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category batches
 */
export const stream = (
  tasks: Iterable<string | Task>,
  options: BatchOptions = {}
): Stream.Stream<BatchEvent, never, Run.RunServices> =>
  Stream.callback<BatchEvent, never, Run.RunServices>((queue) =>
    execute(Array.from(tasks, normalize), options, [here], (event) => Effect.asVoid(Queue.offer(queue, event))).pipe(
      Effect.andThen(Queue.end(queue))
    )
  )
