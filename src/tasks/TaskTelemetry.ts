/**
 * The telemetry of batch tasks and batches, one mechanism for the three engines (`Batch`,
 * `DurableBatch`, `ClusterBatch`): the `opencode.batch` span with its counts and usage, the
 * `opencode.batch.task` span with its outcome, session and usage, and the task metrics
 * (`opencode.tasks.started`/`finished`/`failed`, tokens, cost, prompt latency). The names and
 * the metrics themselves are `Telemetry`'s; each engine only says where a task starts, how it
 * ended ({@link Ending}) and where a batch ends.
 */
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Metric from "effect/Metric"
import type * as Prompt from "../schema/PromptInput.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import type { Output, TaskEnd } from "./TaskResult.ts"

/**
 * How a task's span ends, as the engine saw it:
 *
 * - `Finished` / `Failed`: the task ended here (counted in `opencode.tasks.finished` / `failed`,
 *   a failure by its `error.type`, the error's tag or `interrupted`/`defect` where a stopped task
 *   is over);
 * - `Skipped`: a budget kept it from starting (outcome `skipped`, not counted);
 * - `Stopped`: this process stopped following it but the task is not over — another process, or
 *   a later run, carries it on (a durable or cluster task interrupted, a claim another process
 *   won); outcome `interrupted`, `defect` or `taken`, not counted as failed.
 *
 * @example
 * ```ts
 * import type { TaskTelemetry } from "effect-opencode"
 * const skipped: TaskTelemetry.Ending = { _tag: "Skipped" }
 * ```
 */
export type Ending =
  | { readonly _tag: "Finished"; readonly sessionID: string; readonly output: Output }
  | { readonly _tag: "Failed"; readonly outcome: string; readonly sessionID?: string | undefined }
  | { readonly _tag: "Skipped" }
  | { readonly _tag: "Stopped"; readonly outcome: string; readonly sessionID?: string | undefined }

/**
 * The ending of a task result (any engine's: `Tasks.TaskEnd`, `Tasks.TaskResult`).
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * const ending = (end: Parameters<typeof TaskTelemetry.endingOf>[0]) => TaskTelemetry.endingOf(end)._tag
 * ```
 */
export const endingOf = (end: TaskEnd): Ending =>
  end._tag === "Finished"
    ? { _tag: "Finished", sessionID: end.sessionID, output: end.output }
    : end._tag === "Failed"
    ? { _tag: "Failed", outcome: end.error._tag, sessionID: end.sessionID }
    : { _tag: "Skipped" }

/**
 * The `opencode.outcome` of an ending: `success`, the error's tag, `skipped`, or why it stopped.
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * TaskTelemetry.outcomeOf({ _tag: "Skipped" }) // "skipped"
 * ```
 */
export const outcomeOf = (ending: Ending): string => {
  switch (ending._tag) {
    case "Finished":
      return "success"
    case "Skipped":
      return "skipped"
    default:
      return ending.outcome
  }
}

/**
 * Counts one task started (`opencode.tasks.started`). {@link traceTask} does it, unless told
 * not to (an engine that replays its tasks counts where the work really starts).
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * const count = TaskTelemetry.started
 * ```
 */
export const started: Effect.Effect<void> = Metric.update(Telemetry.Metrics.tasksStarted, 1)

/**
 * Records a task's end in the metrics: a finished task's count, tokens, cost and prompt latency
 * (its output's `millis`), a failed task's count by `error.type`; nothing for a skipped or
 * stopped one. {@link traceTask} does it, unless told not to.
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * const count = TaskTelemetry.recordEnd({ _tag: "Failed", outcome: "SessionError" })
 * ```
 */
export const recordEnd = (ending: Ending): Effect.Effect<void> =>
  Effect.gen(function*() {
    if (ending._tag === "Finished") {
      yield* Metric.update(Telemetry.Metrics.tasksFinished, 1)
      yield* Telemetry.recordUsage(ending.output)
      yield* Telemetry.recordPromptDuration(ending.output.millis, "success")
    } else if (ending._tag === "Failed") {
      yield* Metric.update(
        Metric.withAttributes(Telemetry.Metrics.tasksFailed, { [Telemetry.Attributes.errorType]: ending.outcome }),
        1
      )
    }
  })

/**
 * Puts a task's end on the current span: `opencode.outcome`, `opencode.session.id` when known,
 * and a finished task's usage.
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * const mark = TaskTelemetry.annotateEnd({ _tag: "Skipped" })
 * ```
 */
export const annotateEnd = (ending: Ending): Effect.Effect<void> =>
  Effect.annotateCurrentSpan({
    [Telemetry.Attributes.outcome]: outcomeOf(ending),
    ...(ending._tag !== "Skipped" && ending.sessionID !== undefined ? { [Telemetry.Attributes.sessionId]: ending.sessionID } : {}),
    ...(ending._tag === "Finished" ? Telemetry.usageAttributes(ending.output) : {})
  })

/**
 * What a task's span says from its start: its index and key, the server it runs on (an index
 * into the batch's servers, or a server's URL without credentials) and its prompt (recorded
 * only with `Telemetry.CaptureContent`).
 *
 * @example
 * ```ts
 * import type { TaskTelemetry } from "effect-opencode"
 * const info: TaskTelemetry.TaskInfo = { index: 0, key: "k1", server: 0, prompt: { parts: [] } }
 * ```
 */
export interface TaskInfo {
  readonly index: number
  readonly key: string
  readonly server?: number | string | undefined
  readonly prompt: Prompt.PromptInput
}

/**
 * Runs one task of a batch in its `opencode.batch.task` span: counts it started, and on exit
 * puts its end (`ending` of the exit) on the span and in the metrics. With `record: false` the
 * span only gets the end's attributes, and the engine counts the start and the end itself
 * ({@link started}, {@link recordEnd}) where they happen once (a cluster task's workflow body
 * can run again on replay).
 *
 * Gotcha: the task's server calls become children of the span only when the effect runs in the
 * span's context (provide services with `Context.omit(Tracer.ParentSpan)` when they were
 * captured under another span).
 *
 * @example
 * ```ts
 * import { Effect, Exit } from "effect"
 * import { TaskTelemetry } from "effect-opencode"
 * const traced = Effect.succeed(1).pipe(
 *   TaskTelemetry.traceTask({ index: 0, key: "k1", prompt: { parts: [] } }, (exit) =>
 *     Exit.isSuccess(exit) ? { _tag: "Skipped" } : { _tag: "Stopped", outcome: "interrupted" })
 * )
 * ```
 */
export const traceTask = <A, E>(
  info: TaskInfo,
  ending: (exit: Exit.Exit<A, E>) => Ending,
  options?: { readonly record?: boolean | undefined }
) =>
<A2 extends A, E2 extends E, R>(self: Effect.Effect<A2, E2, R>): Effect.Effect<A2, E2, R> =>
  Effect.gen(function*() {
    const record = options?.record !== false
    if (record) yield* started
    const attributes = {
      [Telemetry.Attributes.taskIndex]: info.index,
      [Telemetry.Attributes.taskKey]: info.key,
      ...(info.server !== undefined ? { [Telemetry.Attributes.taskServer]: info.server } : {}),
      ...(yield* Telemetry.promptAttributes(info.prompt))
    }
    return yield* self.pipe(
      Effect.onExit((exit) => {
        const end = ending(exit)
        return record ? Effect.andThen(annotateEnd(end), recordEnd(end)) : annotateEnd(end)
      }),
      Effect.withSpan(Telemetry.SpanNames.task, { attributes })
    )
  })

/**
 * Runs a batch in its `opencode.batch` span, with the attributes known at its start
 * (`opencode.batch.tasks`, and `opencode.batch.id` where the batch has one).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TaskTelemetry } from "effect-opencode"
 * const traced = Effect.void.pipe(TaskTelemetry.traceBatch({ tasks: 3 }))
 * ```
 */
export const traceBatch = (info: { readonly tasks: number; readonly id?: string | undefined }) =>
<A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.withSpan(self, Telemetry.SpanNames.batch, {
    attributes: {
      [Telemetry.Attributes.batchTasks]: info.tasks,
      ...(info.id !== undefined ? { [Telemetry.Attributes.batchId]: info.id } : {})
    }
  })

/**
 * The summed tokens and cost of the finished results.
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * TaskTelemetry.totalUsage([]).cost // 0
 * ```
 */
export const totalUsage = (results: ReadonlyArray<TaskEnd>): Telemetry.Usage => {
  const tokens = { total: 0, input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } }
  let cost = 0
  for (const r of results) {
    if (r._tag !== "Finished") continue
    tokens.total += r.output.tokens.total
    tokens.input += r.output.tokens.input
    tokens.output += r.output.tokens.output
    tokens.reasoning += r.output.tokens.reasoning
    tokens.cache.read += r.output.tokens.cache.read
    tokens.cache.write += r.output.tokens.cache.write
    cost += r.output.cost
  }
  return { tokens, cost }
}

/**
 * Puts a batch's end on the current (batch) span: its finished, failed and skipped counts, the
 * summed usage of its finished tasks, and the attributes known only now (`opencode.batch.id`,
 * `opencode.batch.concurrency`).
 *
 * @example
 * ```ts
 * import { TaskTelemetry } from "effect-opencode"
 * const mark = TaskTelemetry.batchEnded([], { concurrency: 5 })
 * ```
 */
export const batchEnded = (
  results: ReadonlyArray<TaskEnd>,
  more?: { readonly concurrency?: number | undefined; readonly id?: string | undefined }
): Effect.Effect<void> =>
  Effect.annotateCurrentSpan({
    ...(more?.concurrency !== undefined ? { [Telemetry.Attributes.batchConcurrency]: more.concurrency } : {}),
    ...(more?.id !== undefined ? { [Telemetry.Attributes.batchId]: more.id } : {}),
    [Telemetry.Attributes.batchFinished]: results.filter((r) => r._tag === "Finished").length,
    [Telemetry.Attributes.batchFailed]: results.filter((r) => r._tag === "Failed").length,
    [Telemetry.Attributes.batchSkipped]: results.filter((r) => r._tag === "Skipped").length,
    ...Telemetry.usageAttributes(totalUsage(results))
  })
