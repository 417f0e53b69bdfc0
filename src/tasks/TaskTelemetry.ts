/**
 * The telemetry of batch tasks and batches, one mechanism for the three engines: the
 * `opencode.batch` and `opencode.batch.task` spans and the task metrics (`opencode.tasks.*`,
 * tokens, cost, prompt latency; names from `Telemetry`). An engine only says where a task starts,
 * how it ended ({@link Ending}) and where the batch ends.
 */
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Metric from "effect/Metric"
import type * as Prompt from "../schema/PromptInput.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import type { Output, TaskEnd } from "./TaskResult.ts"

/**
 * How a task's span ends, as the engine saw it. `Finished`/`Failed`: it ended here (counted; a
 * failure by `error.type`: its tag, `interrupted` or `defect`). `Skipped`: a budget kept it from starting (not counted). `Stopped`:
 * this process stopped following it but another process or a later run carries it on (outcome
 * `interrupted`, `defect` or `taken`; not counted as failed).
 */
export type Ending =
  | { readonly _tag: "Finished"; readonly sessionID: string; readonly output: Output }
  | { readonly _tag: "Failed"; readonly outcome: string; readonly sessionID?: string | undefined }
  | { readonly _tag: "Skipped" }
  | { readonly _tag: "Stopped"; readonly outcome: string; readonly sessionID?: string | undefined }

/** The ending of any engine's task result. */
export const endingOf = (end: TaskEnd): Ending =>
  end._tag === "Finished"
    ? { _tag: "Finished", sessionID: end.sessionID, output: end.output }
    : end._tag === "Failed"
    ? { _tag: "Failed", outcome: end.error._tag, sessionID: end.sessionID }
    : { _tag: "Skipped" }

/** The `opencode.outcome` of an ending: `success`, the error's tag, `skipped`, or why it stopped. */
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

/** Counts one task started; for engines that pass `record: false` to {@link traceTask}. */
export const started: Effect.Effect<void> = Metric.update(Telemetry.Metrics.tasksStarted, 1)

/**
 * Records a task's end in the metrics (finished: count, tokens, cost, latency; failed: count by
 * `error.type`; else nothing); for engines that pass `record: false` to {@link traceTask}.
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

/** Puts a task's end on the current span: outcome, session id when known, a finished task's usage. */
export const annotateEnd = (ending: Ending): Effect.Effect<void> =>
  Effect.annotateCurrentSpan({
    [Telemetry.Attributes.outcome]: outcomeOf(ending),
    ...(ending._tag !== "Skipped" && ending.sessionID !== undefined ? { [Telemetry.Attributes.sessionId]: ending.sessionID } : {}),
    ...(ending._tag === "Finished" ? Telemetry.usageAttributes(ending.output) : {})
  })

/**
 * What a task's span says from its start. `server`: an index into the batch's servers or a URL
 * without credentials; the prompt is recorded only with `Telemetry.CaptureContent`.
 */
export interface TaskInfo {
  readonly index: number
  readonly key: string
  readonly server?: number | string | undefined
  readonly prompt: Prompt.PromptInput
}

/**
 * Runs one task in its `opencode.batch.task` span: counts it started and, on exit, records its
 * end on the span and in the metrics. `record: false`: only the span's attributes, and the engine
 * counts ({@link started}, {@link recordEnd}) where they happen once (a workflow body can replay).
 *
 * Gotcha: the task's server calls are children of the span only when run in its context (provide
 * services captured under another span with `Context.omit(Tracer.ParentSpan)`).
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

/** Runs a batch in its `opencode.batch` span; end it with {@link batchEnded}. */
export const traceBatch = (info: { readonly tasks: number; readonly id?: string | undefined }) =>
<A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.withSpan(self, Telemetry.SpanNames.batch, {
    attributes: {
      [Telemetry.Attributes.batchTasks]: info.tasks,
      ...(info.id !== undefined ? { [Telemetry.Attributes.batchId]: info.id } : {})
    }
  })

/** The summed tokens and cost of the finished results. */
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

/** Puts a batch's end on the current (batch) span: its counts, summed usage, id and concurrency. */
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
