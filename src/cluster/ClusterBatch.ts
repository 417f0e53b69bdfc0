/**
 * Cluster batches: the durable batch run by any number of runners on any number of machines
 * through Effect's cluster and workflow engine, PostgreSQL the only shared piece. Submitting
 * records the task list and starts one workflow per task (`TaskWorkflow`, id from `batchId/key`,
 * so a resubmission starts nothing twice); any machine reads the results back. Topology and
 * failure modes: docs/scale-out.md.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Latch from "effect/Latch"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import type * as WorkflowEngine from "effect/workflow/WorkflowEngine"
import * as NodeCrypto from "node:crypto"
import { ValidationError } from "../Errors.ts"
import { call } from "../internal/callback.ts"
import type * as Kernel from "../tasks/index.ts"
import * as StructuredOutput from "../services/StructuredOutput.ts"
import { normalize, type Task, taskKey, taskKeys, toPlain } from "../tasks/Task.ts"
import * as TaskTelemetry from "../tasks/TaskTelemetry.ts"
import * as Store from "./Store.ts"
import * as TaskWorkflow from "./TaskWorkflow.ts"

/** Options of {@link submit}. */
export interface SubmitOptions {
  /** The batch's id (default: a hash of its task keys, so the same tasks are the same batch). */
  readonly batchId?: string | undefined
  /** Abort a task whose session stays silent this long (default 10 minutes). */
  readonly stallTimeout?: Duration.Input | undefined
  /** A deadline for each task that gives none. */
  readonly timeoutPerTask?: Duration.Input | undefined
  /** New attempts (new session, new prompt) after a failure safe to retry (`Tasks.isRetryable`). Default 0. */
  readonly retries?: number | undefined
  /** The wait before the first retry, doubled for each next one, at most 60 s (default 5 seconds). */
  readonly retryDelay?: Duration.Input | undefined
  /**
   * Dollars: once finished tasks cost this much, a task about to start is `skipped`
   * (`BudgetExceeded`); running ones finish. Gotcha: fixed at first submission; a resubmission
   * does not change it.
   */
  readonly maxCost?: number | undefined
  /** Like `maxCost`, for the finished tasks' total tokens. */
  readonly maxTokens?: number | undefined
}

/** A submitted batch. */
export interface Submitted {
  readonly batchId: string
  readonly keys: ReadonlyArray<string>
  /** Whether the database already held this batch (a resubmission). */
  readonly existed: boolean
}

/** The kernel's `Tasks.Progress`. Gotcha: `running` counts queued tasks too (a reader cannot tell). */
export type Progress = Kernel.Progress

/** A batch's results, from the database. */
export interface BatchResult {
  readonly batchId: string
  readonly results: ReadonlyArray<Store.StoredResult>
  readonly finished: ReadonlyArray<Store.StoredResult>
  readonly failed: ReadonlyArray<Store.StoredResult>
  /** Not started: the batch's budget was used up. */
  readonly skipped: ReadonlyArray<Store.StoredResult>
  readonly cost: number
  readonly tokens: number
  readonly millis: number
}

/** Options of {@link follow}. */
export interface FollowOptions {
  /**
   * How often the results are read while no `LISTEN` is up (default 500 ms). With a `PgClient`
   * (as `Cluster.layer` provides) the reader reads when a result is recorded, and every 5 s anyway.
   */
  readonly pollInterval?: Duration.Input | undefined
  readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
  readonly onResult?: ((result: Store.StoredResult) => void | Effect.Effect<void>) | undefined
  /** Give up after this long with a `ValidationError` (field `timeout`); default: no limit. */
  readonly timeout?: Duration.Input | undefined
}

const millisOf = (d: Duration.Input | undefined): number | undefined =>
  d === undefined ? undefined : Duration.toMillis(Duration.fromInputUnsafe(d))

/** The default id of a batch: a hash of its task keys. */
export const defaultBatchId = (keys: ReadonlyArray<string>): string =>
  `b-${NodeCrypto.createHash("sha256").update(JSON.stringify(keys)).digest("hex").slice(0, 16)}`

/**
 * Records the batch and starts one workflow per task; answers at once (runners do the work). A
 * batch id that holds a different task list is a `ValidationError`.
 *
 * Gotcha: tasks travel as JSON (`Tasks.toPlain`): an `options.output` Schema goes as its JSON
 * Schema, and runners cannot decode with it; {@link run} does, after `submit` alone decode
 * `output.structured` yourself (`StructuredOutput.decode`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Cluster, ClusterBatch } from "effect-opencode/cluster"
 *
 * const program = Effect.gen(function*() {
 *   const { batchId } = yield* ClusterBatch.submit(["Fix src/a.ts", "Fix src/b.ts"], { batchId: "nightly-1", retries: 2 })
 *   // later, from any machine:
 *   return yield* ClusterBatch.follow(batchId, { onProgress: (p) => Effect.log(`${p.finished}/${p.total}`) })
 * }).pipe(Effect.provide(Cluster.layer({ database: "postgres://app@db/batches", clientOnly: true })))
 * ```
 */
export const submit = (
  input: Iterable<string | Task>,
  options?: SubmitOptions
): Effect.Effect<Submitted, ValidationError | SqlError, WorkflowEngine.WorkflowEngine | SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const tasks = Array.from(input, normalize)
    const keys = yield* taskKeys(tasks)
    if (keys.length === 0) {
      return yield* new ValidationError({ field: "tasks", message: "a batch needs at least one task" })
    }
    const batchId = options?.batchId ?? defaultBatchId(keys)
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(batchId)) {
      return yield* new ValidationError({
        field: "batchId",
        message: `batch id ${JSON.stringify(batchId)}: use 1 to 128 letters, digits, '.', '_', ':' or '-'`
      })
    }
    // Tasks travel as JSON: one that does not survive it (a `Duration` object, a function) would
    // run as something else on the runner.
    const plain = yield* Effect.forEach(tasks, (task, i) => toPlain(task, i))
    for (const [i, task] of plain.entries()) {
      const copy = JSON.parse(JSON.stringify(task)) as Task
      if (taskKey(copy) !== taskKey(task) || typeof task.options?.timeout === "object") {
        return yield* new ValidationError({
          field: `tasks[${i}]`,
          message: "a cluster task must be plain JSON (give a timeout as milliseconds or a string such as \"5 minutes\")"
        })
      }
    }
    yield* Store.migrate
    const before = yield* Store.getBatch(batchId)
    const stored = before ?? (yield* Store.insertBatch(batchId, keys, plain))
    if (stored.keys.length !== keys.length || stored.keys.some((k, i) => k !== keys[i])) {
      return yield* new ValidationError({
        field: "batchId",
        message: `batch ${batchId} already holds a different task list (${stored.keys.length} tasks); use another batch id`
      })
    }
    const stallMillis = millisOf(options?.stallTimeout)
    const timeoutMillis = millisOf(options?.timeoutPerTask)
    const retryDelayMillis = millisOf(options?.retryDelay)
    const retries = options?.retries
    if (retries !== undefined && (!Number.isInteger(retries) || retries < 0)) {
      return yield* new ValidationError({ field: "retries", message: `retries must be a whole number ≥ 0, not ${retries}` })
    }
    for (const field of ["maxCost", "maxTokens"] as const) {
      const limit = options?.[field]
      if (limit !== undefined && !(Number.isFinite(limit) && limit >= 0)) {
        return yield* new ValidationError({ field, message: `${field} must be a number ≥ 0, not ${limit}` })
      }
    }
    yield* Effect.forEach(
      plain,
      (task, index) =>
        TaskWorkflow.TaskWorkflow.execute({
          batchId,
          key: keys[index]!,
          index,
          task: JSON.stringify(task),
          ...(stallMillis !== undefined ? { stallMillis } : {}),
          ...(timeoutMillis !== undefined ? { timeoutMillis } : {}),
          ...(retries !== undefined && retries > 0 ? { retries } : {}),
          ...(retryDelayMillis !== undefined ? { retryDelayMillis } : {}),
          ...(options?.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
          ...(options?.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {})
        }, { discard: true }),
      { concurrency: 16, discard: true }
    )
    return { batchId, keys, existed: before !== undefined }
  })

/**
 * Reads a batch's results as they are recorded, until every task has ended; a database that goes
 * away is waited for (logged, read again every second). It reads only new rows, on each
 * recording's `NOTIFY`: about one read per result however long the batch runs.
 *
 * Gotcha: it knows the batch by id only, so `output.structured` is returned undecoded (checked
 * against the JSON Schema by the server); {@link run} decodes it.
 */
export const follow = (
  batchId: string,
  options?: FollowOptions
): Effect.Effect<BatchResult, ValidationError, SqlClient.SqlClient> => followChecked(batchId, options, Effect.succeed)

/** How often a listening reader reads anyway: a recording without a notification (an older runner) is seen this late. */
const recheckInterval = Duration.seconds(5)

/**
 * Listens for `batchId`'s recordings (`LISTEN`, given a `PgClient`) for the scope: the latch opens
 * at each, and on each (re)connection (one may have come before). While no listener is up (none
 * yet, no `PgClient`, a lost connection, retried every second) `listening()` is false: poll.
 */
const listen = Effect.fnUntraced(function*(batchId: string) {
  const latch = yield* Latch.make(false)
  let up = false
  const pg = yield* Effect.serviceOption(PgClient.PgClient)
  if (Option.isSome(pg)) {
    yield* Effect.scoped(Effect.gen(function*() {
      const notifications = yield* pg.value.listen(Store.resultsChannel)
      up = true
      latch.openUnsafe()
      while (true) {
        const notification = yield* Queue.take(notifications)
        if (notification.payload === batchId) latch.openUnsafe()
      }
    })).pipe(
      Effect.ensuring(Effect.sync(() => {
        up = false
      })),
      Effect.tapError((e) => Effect.logDebug(`listening for the results of ${batchId}: ${e.message}; polling meanwhile`)),
      Effect.retry({ schedule: Schedule.spaced("1 second") }),
      Effect.forkScoped
    )
  }
  return { latch, listening: () => up }
})

/** {@link follow}, each result passed once through `check` before it is reported (how {@link run} decodes). */
const followChecked = (
  batchId: string,
  options: FollowOptions | undefined,
  check: (result: Store.StoredResult) => Effect.Effect<Store.StoredResult>
): Effect.Effect<BatchResult, ValidationError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const started = Date.now()
    const retrying = <A>(effect: Effect.Effect<A, SqlError, SqlClient.SqlClient>) =>
      effect.pipe(
        Effect.tapError((e) => Effect.logWarning(`reading batch ${batchId}: ${e.message}; retrying`)),
        Effect.retry({ schedule: Schedule.spaced("1 second") }),
        Effect.orDie
      )
    const batch = yield* retrying(Store.getBatch(batchId))
    if (batch === undefined) {
      return yield* new ValidationError({ field: "batchId", message: `no batch ${batchId} in the database` })
    }
    const total = batch.keys.length
    const checked = new Map<number, Store.StoredResult>()
    let last = -1
    const poll = Duration.fromInputUnsafe(options?.pollInterval ?? "500 millis")
    const wake = yield* listen(batchId)
    while (true) {
      // Closed before the read: a result recorded while it runs opens it again.
      wake.latch.closeUnsafe()
      // Only the rows not read yet: the others are neither sent again nor decoded again.
      const stored = yield* retrying(Store.results(batchId, { except: new Set(checked.keys()) }))
      for (const r of stored) {
        if (checked.has(r.index)) continue
        const result = yield* check(r)
        checked.set(r.index, result)
        yield* call(options?.onResult, result)
      }
      if (checked.size !== last) {
        last = checked.size
        let finished = 0, skipped = 0
        for (const r of checked.values()) {
          if (r.status === "finished") finished++
          else if (r.status === "skipped") skipped++
        }
        yield* call(options?.onProgress, {
          total,
          finished,
          failed: checked.size - finished - skipped,
          skipped,
          running: total - checked.size
        })
      }
      if (checked.size >= total) {
        const results = [...checked.values()].sort((a, b) => a.index - b.index)
        const finished = results.filter((r) => r.status === "finished")
        return {
          batchId,
          results,
          finished,
          failed: results.filter((r) => r.status === "failed"),
          skipped: results.filter((r) => r.status === "skipped"),
          cost: finished.reduce((n, r) => n + (r.output?.cost ?? 0), 0),
          tokens: finished.reduce((n, r) => n + (r.output?.tokens.total ?? 0), 0),
          millis: Date.now() - started
        }
      }
      // Listening: read again on a recording (or after `recheckInterval`); else every `pollInterval`.
      if (wake.listening()) yield* Effect.timeoutOption(wake.latch.await, recheckInterval)
      else yield* Effect.sleep(poll)
    }
  }).pipe(Effect.scoped, (self) =>
    options?.timeout === undefined ? self : Effect.timeoutOrElse(self, {
      duration: options.timeout,
      orElse: () =>
        Effect.fail(new ValidationError({ field: "timeout", message: `batch ${batchId} not done within ${Duration.format(Duration.fromInputUnsafe(options.timeout!))}` }))
    })
  )

/**
 * A finished result's structured value decoded by its task's Schema (runners never see it): a
 * value the Schema rejects makes a failed result with the `DecodeError`, as in the other engines.
 */
const decodeStructured = (tasks: ReadonlyArray<Task>) => (r: Store.StoredResult): Effect.Effect<Store.StoredResult> => {
  const schema = tasks[r.index]?.options?.output
  if (schema === undefined || r.status !== "finished" || r.output === undefined) return Effect.succeed(r)
  return StructuredOutput.decode(schema as StructuredOutput.Output<unknown>, r.output.structured).pipe(
    Effect.as(r),
    Effect.catch((error) => Effect.succeed<Store.StoredResult>({ ...r, status: "failed", output: undefined, error }))
  )
}

/**
 * Submits a batch and follows it to its end, decoding each task's structured output by its Schema
 * on the caller's side. A value the Schema rejects fails the task with a `DecodeError` (its row
 * stays `finished`: the runner's check passed); a model that could not comply is recorded as a
 * `SessionError` named `"StructuredOutputError"`, as in the other engines.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { Cluster, ClusterBatch } from "effect-opencode/cluster"
 *
 * const Verdict = Schema.Struct({ compiles: Schema.Boolean })
 * const tasks = ["src/a.ts", "src/b.ts"].map((f) => ({ key: f, prompt: `Does ${f} compile?`, options: { output: Verdict } }))
 * const program = Effect.gen(function*() {
 *   const result = yield* ClusterBatch.run(tasks, { retries: 2, maxCost: 5 })
 *   for (const r of result.finished) console.log(r.key, r.output?.structured) // decoded by Verdict
 *   for (const f of result.failed) console.error(f.key, f.error?.message)
 * }).pipe(Effect.provide(Cluster.layer({ database: "postgres://app@db/batches", clientOnly: true })))
 * ```
 */
export const run = (
  input: Iterable<string | Task>,
  options?: SubmitOptions & FollowOptions
): Effect.Effect<BatchResult, ValidationError | SqlError, WorkflowEngine.WorkflowEngine | SqlClient.SqlClient> =>
  Effect.suspend(() => {
    const tasks = Array.from(input, normalize)
    return Effect.gen(function*() {
      const submitted = yield* submit(tasks, options)
      const result = yield* followChecked(submitted.batchId, options, decodeStructured(tasks))
      yield* TaskTelemetry.batchEnded(result.results.map(Store.toTaskEnd), { id: submitted.batchId })
      return result
    }).pipe(TaskTelemetry.traceBatch({ tasks: tasks.length }))
  })

/** Counts of one batch, or of every batch (newest first). */
export const status = (
  batchId?: string
): Effect.Effect<ReadonlyArray<Store.BatchCounts>, SqlError, SqlClient.SqlClient> =>
  Effect.andThen(Store.migrate, Store.counts(batchId))
