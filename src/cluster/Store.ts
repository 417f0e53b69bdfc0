/**
 * The batch tables of cluster mode: one row per submitted batch (its task list) and one per ended
 * task (result or typed error): what users read back (status, results, progress). Workflows,
 * shard locks and runners live in the engine's own `cluster_*` tables.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { SessionError } from "../Errors.ts"
import { BudgetExceeded } from "../tasks/errors.ts"
import { Output, TaskError, type TaskEnd } from "../tasks/TaskResult.ts"

/** An ended task as stored: finished (output), failed (typed error) or skipped (budget reason). */
export interface StoredResult {
  readonly batchId: string
  readonly key: string
  readonly index: number
  readonly status: "finished" | "failed" | "skipped"
  readonly sessionID: string | undefined
  readonly messageID: string | undefined
  /** The OpenCode server the task ran on. */
  readonly server: string | undefined
  /** The runner that recorded the result (`host:port`). */
  readonly runner: string
  /** How many attempts the task took (more than 1 with retries). */
  readonly attempts: number
  readonly output: Output | undefined
  readonly error: TaskError | undefined
  /** Why a `skipped` task was not started. */
  readonly reason?: BudgetExceeded | undefined
  readonly finishedAt: Date
}

/** A submitted batch: its id, task keys in order, and when it was submitted. */
export interface StoredBatch {
  readonly batchId: string
  readonly keys: ReadonlyArray<string>
  readonly tasks: ReadonlyArray<unknown>
  readonly createdAt: Date
}

/** Counts of one batch, read from the database. */
export interface BatchCounts {
  readonly batchId: string
  readonly total: number
  readonly finished: number
  readonly failed: number
  /** Not started: the batch's budget was used up. */
  readonly skipped: number
  readonly pending: number
  readonly cost: number
  readonly tokens: number
  readonly createdAt: Date
}

/**
 * A stored result as a `Tasks.TaskEnd` (`source: "other"`: a runner ran it). A `finished` row
 * without its output or ids (not written by this library) reads as `Failed`.
 */
export const toTaskEnd = (r: StoredResult): TaskEnd => {
  if (r.status === "skipped" && r.reason !== undefined) return { _tag: "Skipped", index: r.index, key: r.key, reason: r.reason }
  const common = { index: r.index, key: r.key, source: "other" } as const
  if (r.status === "finished" && r.output !== undefined && r.sessionID !== undefined && r.messageID !== undefined) {
    return { _tag: "Finished", ...common, sessionID: r.sessionID, messageID: r.messageID, output: r.output }
  }
  return {
    _tag: "Failed",
    ...common,
    error: r.error ?? new SessionError({ sessionID: r.sessionID ?? "", name: "Unknown", message: "the task ended without a result" }),
    journaled: true,
    sessionID: r.sessionID
  }
}

const OutputJson = Schema.toCodecJson(Output)
const ErrorJson = Schema.toCodecJson(TaskError)
const encodeOutput = Schema.encodeSync(OutputJson)
const decodeOutput = Schema.decodeUnknownSync(OutputJson)
const ReasonJson = Schema.toCodecJson(BudgetExceeded)
const encodeError = Schema.encodeSync(ErrorJson)
const decodeError = Schema.decodeUnknownSync(ErrorJson)
const encodeReason = Schema.encodeSync(ReasonJson)
const decodeReason = Schema.decodeUnknownSync(ReasonJson)

/** One key for the schema lock, so that runners starting together create the tables once. */
const migrationLock = 0x6f70656e

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))
const asJson = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v)

/** Creates the two tables when missing (safe from several runners at once). */
export const migrate: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.withTransaction(Effect.gen(function*() {
    yield* sql`SELECT pg_advisory_xact_lock(${migrationLock})`
    yield* sql`CREATE TABLE IF NOT EXISTS effect_opencode_batches (
      batch_id text PRIMARY KEY,
      keys jsonb NOT NULL,
      tasks jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`
    yield* sql`CREATE TABLE IF NOT EXISTS effect_opencode_results (
      batch_id text NOT NULL,
      key text NOT NULL,
      idx integer NOT NULL,
      status text NOT NULL,
      session_id text,
      message_id text,
      server text,
      runner text NOT NULL,
      output jsonb,
      error jsonb,
      finished_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (batch_id, key)
    )`
    yield* sql`ALTER TABLE effect_opencode_results ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 1`
    yield* sql`CREATE TABLE IF NOT EXISTS effect_opencode_started (
      batch_id text NOT NULL,
      key text NOT NULL,
      attempt integer NOT NULL,
      server text NOT NULL,
      directory text,
      session_id text NOT NULL,
      message_id text NOT NULL,
      started_at bigint NOT NULL,
      PRIMARY KEY (batch_id, key, attempt)
    )`
  }))
})

/** Records a batch's task list; a resubmitted id keeps and answers the first list, to check against. */
export const insertBatch = (
  batchId: string,
  keys: ReadonlyArray<string>,
  tasks: ReadonlyArray<unknown>
): Effect.Effect<StoredBatch, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql`INSERT INTO effect_opencode_batches (batch_id, keys, tasks)
      VALUES (${batchId}, ${JSON.stringify(keys)}::jsonb, ${JSON.stringify(tasks)}::jsonb)
      ON CONFLICT (batch_id) DO NOTHING`
    const found = yield* getBatch(batchId)
    return found!
  })

/** A submitted batch, or `undefined`. */
export const getBatch = (batchId: string): Effect.Effect<StoredBatch | undefined, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ batch_id: string; keys: unknown; tasks: unknown; created_at: unknown }>`
      SELECT batch_id, keys, tasks, created_at FROM effect_opencode_batches WHERE batch_id = ${batchId}`
    const row = rows[0]
    if (row === undefined) return undefined
    return {
      batchId: row.batch_id,
      keys: asJson(row.keys) as ReadonlyArray<string>,
      tasks: asJson(row.tasks) as ReadonlyArray<unknown>,
      createdAt: asDate(row.created_at)
    }
  })

/** Records a task's end once (a repeated activity keeps the first); answers whether this call wrote it. */
export const recordResult = (
  result: Omit<StoredResult, "finishedAt">
): Effect.Effect<boolean, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const output = result.output === undefined ? null : JSON.stringify(encodeOutput(result.output))
    // A skipped task's reason goes where a failed task's error does.
    const error = result.error !== undefined
      ? JSON.stringify(encodeError(result.error))
      : result.reason !== undefined
      ? JSON.stringify(encodeReason(result.reason))
      : null
    // The first recording also tells the batch's readers (`NOTIFY`, see {@link resultsChannel}),
    // in the same statement: a reader reads the table when a result comes rather than polling it.
    const rows = yield* sql<{ key: string }>`WITH inserted AS (INSERT INTO effect_opencode_results
      (batch_id, key, idx, status, session_id, message_id, server, runner, attempts, output, error)
      VALUES (${result.batchId}, ${result.key}, ${result.index}, ${result.status}, ${result.sessionID ?? null},
        ${result.messageID ?? null}, ${result.server ?? null}, ${result.runner}, ${result.attempts}, ${output}::jsonb, ${error}::jsonb)
      ON CONFLICT (batch_id, key) DO NOTHING
      RETURNING key)
      SELECT key, pg_notify(${resultsChannel}, ${result.batchId}) FROM inserted`
    return rows.length === 1
  })

/** The `NOTIFY` channel of {@link recordResult}'s first recordings (payload: the batch id). */
export const resultsChannel = "effect_opencode_results"

/**
 * The ended tasks of a batch in task order; with `except`, only those whose index is not in it
 * (the rows a reader has already are neither sent nor decoded again).
 */
export const results = (
  batchId: string,
  options?: { readonly except?: ReadonlySet<number> | undefined }
): Effect.Effect<ReadonlyArray<StoredResult>, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const except = options?.except === undefined || options.except.size === 0
      ? sql``
      : sql`AND NOT (idx = ANY(${`{${Array.from(options.except, (i) => Math.trunc(i)).join(",")}}`}::int[]))`
    const rows = yield* sql<{
      batch_id: string
      key: string
      idx: number
      status: string
      session_id: string | null
      message_id: string | null
      server: string | null
      runner: string
      attempts: unknown
      output: unknown
      error: unknown
      finished_at: unknown
    }>`SELECT * FROM effect_opencode_results WHERE batch_id = ${batchId} ${except} ORDER BY idx`
    return rows.map((row): StoredResult => ({
      batchId: row.batch_id,
      key: row.key,
      index: Number(row.idx),
      status: row.status === "finished" ? "finished" : row.status === "skipped" ? "skipped" : "failed",
      sessionID: row.session_id ?? undefined,
      messageID: row.message_id ?? undefined,
      server: row.server ?? undefined,
      runner: row.runner,
      attempts: Number(row.attempts ?? 1),
      output: row.output === null ? undefined : decodeOutput(asJson(row.output)),
      error: row.error === null || row.status === "skipped" ? undefined : decodeError(asJson(row.error)),
      reason: row.error !== null && row.status === "skipped" ? decodeReason(asJson(row.error)) : undefined,
      finishedAt: asDate(row.finished_at)
    }))
  })

/**
 * Counts of one batch (or of every batch, newest first).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClusterDatabase, ClusterStore } from "effect-opencode/cluster"
 *
 * const report = Effect.gen(function*() {
 *   for (const b of yield* ClusterStore.counts()) console.log(b.batchId, `${b.finished}/${b.total}`, `$${b.cost}`)
 *   const failed = (yield* ClusterStore.results("b1")).filter((r) => r.status === "failed")
 *   for (const r of failed) console.log(r.key, r.error?.message)
 * }).pipe(Effect.provide(ClusterDatabase.layer("postgres://app@db/batches")))
 * ```
 */
export const counts = (batchId?: string): Effect.Effect<ReadonlyArray<BatchCounts>, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const where = batchId === undefined ? sql`` : sql`WHERE b.batch_id = ${batchId}`
    const rows = yield* sql<{
      batch_id: string
      total: unknown
      finished: unknown
      failed: unknown
      skipped: unknown
      cost: unknown
      tokens: unknown
      created_at: unknown
    }>`SELECT b.batch_id, jsonb_array_length(b.keys) AS total,
        count(r.key) FILTER (WHERE r.status = 'finished') AS finished,
        count(r.key) FILTER (WHERE r.status = 'failed') AS failed,
        count(r.key) FILTER (WHERE r.status = 'skipped') AS skipped,
        coalesce(sum((r.output->>'cost')::float8), 0) AS cost,
        coalesce(sum((r.output->'tokens'->>'total')::float8), 0) AS tokens,
        b.created_at
      FROM effect_opencode_batches b LEFT JOIN effect_opencode_results r ON r.batch_id = b.batch_id
      ${where}
      GROUP BY b.batch_id, b.keys, b.created_at ORDER BY b.created_at DESC`
    return rows.map((row): BatchCounts => {
      const total = Number(row.total)
      const finished = Number(row.finished)
      const failed = Number(row.failed)
      const skipped = Number(row.skipped)
      return {
        batchId: row.batch_id,
        total,
        finished,
        failed,
        skipped,
        pending: total - finished - failed - skipped,
        cost: Number(row.cost),
        tokens: Number(row.tokens),
        createdAt: asDate(row.created_at)
      }
    })
  })

/** What a batch's finished tasks have used (cost, total tokens): what its budget is checked against. */
export const spent = (
  batchId: string
): Effect.Effect<{ readonly cost: number; readonly tokens: number }, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ cost: unknown; tokens: unknown }>`SELECT
        coalesce(sum((output->>'cost')::float8), 0) AS cost,
        coalesce(sum((output->'tokens'->>'total')::float8), 0) AS tokens
      FROM effect_opencode_results WHERE batch_id = ${batchId} AND status = 'finished'`
    return { cost: Number(rows[0]?.cost ?? 0), tokens: Number(rows[0]?.tokens ?? 0) }
  })

/**
 * Where one attempt of a task runs: its server (and project directory there), its session and its
 * prompt's id, chosen before the prompt is sent, and when it started (epoch ms).
 *
 * @example
 * ```ts
 * import type { ClusterStore } from "effect-opencode/cluster"
 * const where = (s: ClusterStore.StartedAttempt) => `${s.server} ${s.sessionID}`
 * ```
 */
export interface StartedAttempt {
  readonly batchId: string
  readonly key: string
  readonly attempt: number
  readonly server: string
  readonly directory: string | undefined
  readonly sessionID: string
  readonly messageID: string
  readonly startedAt: number
}

type StartedRow = {
  batch_id: string
  key: string
  attempt: number
  server: string
  directory: string | null
  session_id: string
  message_id: string
  started_at: unknown
}

const toStarted = (row: StartedRow): StartedAttempt => ({
  batchId: row.batch_id,
  key: row.key,
  attempt: Number(row.attempt),
  server: row.server,
  directory: row.directory ?? undefined,
  sessionID: row.session_id,
  messageID: row.message_id,
  startedAt: Number(row.started_at)
})

/**
 * The recorded start of a task's attempt ({@link recordStart}), or `undefined` when none was
 * recorded: what an execution of a task reads first, to tell a first run from a re-run (a
 * takeover, a restart) that must finish the attempt where it started.
 *
 * @example
 * ```ts
 * import { ClusterStore } from "effect-opencode/cluster"
 * const where = ClusterStore.startOf("b1", "k1", 1)
 * ```
 */
export const startOf = (
  batchId: string,
  key: string,
  attempt: number
): Effect.Effect<StartedAttempt | undefined, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<StartedRow>`SELECT * FROM effect_opencode_started
      WHERE batch_id = ${batchId} AND key = ${key} AND attempt = ${attempt}`
    return rows[0] === undefined ? undefined : toStarted(rows[0])
  })

/**
 * Records the start of a task's attempt once, before its prompt is sent: the first recording wins,
 * and this answers the recorded one — `start` itself, or, when another execution of the same
 * attempt recorded its own first (a runner thought dead that still runs), that one, which is then
 * the only session the attempt's prompt may be sent to.
 *
 * Gotcha: send only to the answered session and prompt id, never to `start`'s when they differ.
 *
 * @example
 * ```ts
 * import { ClusterStore } from "effect-opencode/cluster"
 * const recorded = (s: ClusterStore.StartedAttempt) => ClusterStore.recordStart(s)
 * ```
 */
export const recordStart = (
  start: StartedAttempt
): Effect.Effect<StartedAttempt, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const inserted = yield* sql<StartedRow>`INSERT INTO effect_opencode_started
      (batch_id, key, attempt, server, directory, session_id, message_id, started_at)
      VALUES (${start.batchId}, ${start.key}, ${start.attempt}, ${start.server}, ${start.directory ?? null},
        ${start.sessionID}, ${start.messageID}, ${start.startedAt})
      ON CONFLICT (batch_id, key, attempt) DO NOTHING
      RETURNING *`
    if (inserted[0] !== undefined) return toStarted(inserted[0])
    const first = yield* startOf(start.batchId, start.key, start.attempt)
    // A conflict means the row exists (rows are never deleted).
    return first ?? start
  })
