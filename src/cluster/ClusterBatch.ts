/**
 * Cluster batches: the same durable batch as `DurableBatch`, run by any number of runner
 * processes on any number of machines through Effect's cluster and workflow engine, with
 * PostgreSQL as the only shared piece. Submitting records the task list and starts one workflow
 * per task (`TaskWorkflow`); results are read back from the database by any machine.
 *
 * Submitting the same batch again (same id, or the same tasks) starts nothing twice: each task's
 * workflow id is derived from `batchId/key`.
 *
 * Read docs/scale-out.md for the topology and what happens when a runner or the database fails.
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

/**
 * Options of {@link submit}.
 *
 * @example
 * ```ts
 * import type { ClusterBatch } from "effect-opencode/cluster"
 * const options: ClusterBatch.SubmitOptions = { batchId: "nightly-2026-11-25", stallTimeout: "5 minutes" }
 * ```
 */
export interface SubmitOptions {
  /** The batch's id (default: a hash of its task keys, so the same tasks are the same batch). */
  readonly batchId?: string | undefined
  /** Abort a task whose session stays silent this long (default 10 minutes). */
  readonly stallTimeout?: Duration.Input | undefined
  /** A deadline for each task that gives none. */
  readonly timeoutPerTask?: Duration.Input | undefined
  /**
   * New attempts of a task (new session, new prompt) after a failure that is safe to retry
   * (`Tasks.isRetryable`: the turn ended, or the prompt never reached the server). Default 0.
   */
  readonly retries?: number | undefined
  /** The wait before the first retry, doubled for each next one, at most 60 s (default 5 seconds). */
  readonly retryDelay?: Duration.Input | undefined
  /**
   * Budget of the batch in dollars: once its finished tasks have cost this much, a task that
   * would start is skipped instead (recorded as `skipped`, with a `BudgetExceeded` reason);
   * running tasks finish. Checked by the runner when the task gets its slot, against what the
   * database holds. Kept with each task when the batch is first submitted: a resubmission does not
   * change it.
   */
  readonly maxCost?: number | undefined
  /** Like `maxCost`, for the finished tasks' total tokens. */
  readonly maxTokens?: number | undefined
}

/**
 * A submitted batch.
 *
 * @example
 * ```ts
 * import type { ClusterBatch } from "effect-opencode/cluster"
 * const size = (s: ClusterBatch.Submitted) => s.keys.length
 * ```
 */
export interface Submitted {
  readonly batchId: string
  readonly keys: ReadonlyArray<string>
  /** Whether the database already held this batch (a resubmission). */
  readonly existed: boolean
}

/**
 * What a batch's reader sees as it goes: the kernel's `Tasks.Progress`. A reader cannot tell a
 * queued task from a running one: `running` counts every task not yet ended; `skipped` the tasks
 * its budget (`maxCost`/`maxTokens`) kept from starting.
 *
 * @example
 * ```ts
 * import type { ClusterBatch } from "effect-opencode/cluster"
 * const line = (p: ClusterBatch.Progress) => `${p.finished + p.failed}/${p.total}`
 * ```
 */
export type Progress = Kernel.Progress

/**
 * A batch's results, from the database.
 *
 * @example
 * ```ts
 * import type { ClusterBatch } from "effect-opencode/cluster"
 * const ok = (r: ClusterBatch.BatchResult) => r.failed.length === 0
 * ```
 */
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

/**
 * Options of {@link follow}.
 *
 * @example
 * ```ts
 * import type { ClusterBatch } from "effect-opencode/cluster"
 * const options: ClusterBatch.FollowOptions = { pollInterval: "1 second", onProgress: (p) => console.error(p) }
 * ```
 */
export interface FollowOptions {
  /**
   * How often the results table is read while no notification listener is up (default 500 ms).
   * On PostgreSQL (a `PgClient` in context, as `Cluster.layer` provides) the reader listens for
   * the runners' recordings instead (`LISTEN`, on `ClusterStore.resultsChannel`): it reads the
   * new rows when one is recorded, and every 5 seconds all the same.
   */
  readonly pollInterval?: Duration.Input | undefined
  readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
  readonly onResult?: ((result: Store.StoredResult) => void | Effect.Effect<void>) | undefined
  /** Give up after this long (a `TimeoutError`-free wait by default). */
  readonly timeout?: Duration.Input | undefined
}

const millisOf = (d: Duration.Input | undefined): number | undefined =>
  d === undefined ? undefined : Duration.toMillis(Duration.fromInputUnsafe(d))

/**
 * The default id of a batch: a hash of its task keys.
 *
 * @example
 * ```ts
 * import { ClusterBatch } from "effect-opencode/cluster"
 * ClusterBatch.defaultBatchId(["k1", "k2"]) // "b-…" (16 hex digits)
 * ```
 */
export const defaultBatchId = (keys: ReadonlyArray<string>): string =>
  `b-${NodeCrypto.createHash("sha256").update(JSON.stringify(keys)).digest("hex").slice(0, 16)}`

/**
 * Records the batch and starts one workflow per task; answers at once (runners do the work).
 * A batch id that already holds a different task list is a `ValidationError`.
 *
 * Tasks travel as JSON (`Tasks.toPlain`): a task's `options.output` Schema goes as its JSON
 * Schema, in the prompt's `format`; the runner requires a structured value in the answer but
 * cannot decode it with the Schema. {@link run} does; after `submit` alone, decode
 * `output.structured` yourself (`StructuredOutput.decode`). An `output` that is not a Schema is a
 * `ValidationError` (field `tasks[i].options.output`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Cluster, ClusterBatch } from "effect-opencode/cluster"
 *
 * const program = ClusterBatch.submit(["Fix src/a.ts", "Fix src/b.ts"]).pipe(
 *   Effect.provide(Cluster.layer({ database: "postgres://app@db/batches", clientOnly: true }))
 * )
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
    // Tasks travel as JSON: a task's output Schema goes as its JSON Schema (the prompt's
    // format); one that does not survive it otherwise (a `Duration` object, a function) would
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
 * Reads a batch's results as they are recorded, until every task has ended; a database that
 * goes away is waited for (logged, read again every second).
 *
 * It reads only the rows it has not read yet, when a runner records one (PostgreSQL `NOTIFY`),
 * so following a batch costs the database about one read per result, however long the batch
 * runs. A recording without a notification (a runner of an earlier version) is seen within 5
 * seconds; without a `PgClient` it polls every `pollInterval`.
 *
 * Gotcha: it knows the batch by its id only, not its tasks' Schemas: a structured value
 * (`output.structured`) is returned as the runner recorded it (checked against the JSON Schema by
 * the server), not decoded; {@link run} decodes it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClusterBatch } from "effect-opencode/cluster"
 *
 * const done = (batchId: string) =>
 *   ClusterBatch.follow(batchId, { onProgress: (p) => Effect.log(`${p.finished}/${p.total}`) })
 * ```
 */
export const follow = (
  batchId: string,
  options?: FollowOptions
): Effect.Effect<BatchResult, ValidationError, SqlClient.SqlClient> => followChecked(batchId, options, Effect.succeed)

/**
 * How often a reader that listens for recordings reads the results table all the same: a
 * recording made without a notification (a runner of an earlier version) is seen this late.
 */
const recheckInterval = Duration.seconds(5)

/**
 * Listens for the recordings of `batchId` (PostgreSQL `LISTEN` on `Store.resultsChannel`, when
 * the database is PostgreSQL) for the rest of the scope: the latch opens at each one, and once
 * each time the listener is (re)established, since a recording may have come before it. While no
 * listener is up (none yet, no `PgClient`, a lost connection — tried again every second),
 * `listening()` is false and the reader polls.
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

/**
 * {@link follow}, with each result passed through `check` once, before it is reported or counted
 * (what {@link run} decodes structured output with).
 */
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
      // Listening: the next read when a result is recorded (or after `recheckInterval`, for a
      // recording that sent no notification); otherwise every `pollInterval`.
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
 * A finished result whose task asked for structured output (`options.output`), with the value
 * decoded by the task's Schema: a value the Schema rejects makes it a failed result with the
 * `DecodeError` (and no output), as in the other engines. The runners only check the value
 * against the JSON Schema (the server does): they never see the Schema.
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
 * Submits a batch and follows it to its end. A task with `options.output` has its structured
 * value decoded by its Schema here, on the caller's side, before the result is reported
 * (`onResult`, the counts, the result): a value the Schema rejects makes the task failed with a
 * `DecodeError` (its row in the database stays `finished`: the runner's check passed); a model
 * that could not comply is recorded by the runner as a `SessionError` named
 * `"StructuredOutputError"`, as in the other engines.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Cluster, ClusterBatch } from "effect-opencode/cluster"
 *
 * const program = Effect.gen(function*() {
 *   const result = yield* ClusterBatch.run(["Fix src/a.ts", "Fix src/b.ts"])
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

/**
 * Counts of one batch, or of every batch (newest first).
 *
 * @example
 * ```ts
 * import { ClusterBatch } from "effect-opencode/cluster"
 * const all = ClusterBatch.status()
 * ```
 */
export const status = (
  batchId?: string
): Effect.Effect<ReadonlyArray<Store.BatchCounts>, SqlError, SqlClient.SqlClient> =>
  Effect.andThen(Store.migrate, Store.counts(batchId))
