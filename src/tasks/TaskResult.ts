/**
 * The one result vocabulary of the batch engines: how a task ended — `Finished` (with its
 * {@link Output}), `Failed` (with its typed {@link TaskError}) or `Skipped` (a budget was used
 * up) — and where that end comes from ({@link Source}). `Batch` and `DurableBatch` report these, the
 * cluster's database stores them (`ClusterStore.toTaskResult` reads them back), and the CLI
 * writes one result line per `TaskResult`, whatever the engine.
 */
import * as Schema from "effect/Schema"
import {
  ApiError,
  DecodeError,
  SessionError,
  TimeoutError,
  TransportError,
  ValidationError
} from "../Errors.ts"
import { lazy } from "../internal/lazy.ts"
import { FileDiff } from "../schema/Session.ts"
import type * as Run from "../services/Run.ts"
import { type BudgetExceeded, StallError, TaskLost } from "./errors.ts"
import type { Task } from "./Task.ts"

/**
 * How a task failed, as every engine reports and stores it (journal, database): any error of a run (`RequestError`,
 * `SessionError`, `TimeoutError`), a `StallError` or a `TaskLost`. Read back, it is the same
 * class again (`Effect.catchTag` works on it).
 *
 * @example
 * ```ts
 * import { Tasks } from "effect-opencode"
 * const describe = (e: Tasks.TaskError) => `${e._tag}: ${e.message}`
 * ```
 */
export const TaskError = /* @__PURE__ */ lazy(() =>
  Schema.Union([
    ApiError,
    DecodeError,
    TransportError,
    ValidationError,
    SessionError,
    TimeoutError,
    StallError,
    TaskLost
  ])
)

/**
 * The type of {@link TaskError}.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const tag = (e: Tasks.TaskError) => e._tag
 * ```
 */
export type TaskError = typeof TaskError.Type

/**
 * Tokens used, summed over a task's assistant messages.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const t: Tasks.Tokens = { total: 30, input: 20, output: 10, reasoning: 0, cache: { read: 0, write: 0 } }
 * ```
 */
export const Tokens = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    total: Schema.Number,
    input: Schema.Number,
    output: Schema.Number,
    reasoning: Schema.Number,
    cache: Schema.Struct({ read: Schema.Number, write: Schema.Number })
  })
)

/**
 * The type of {@link Tokens}.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const total = (t: Tasks.Tokens) => t.total
 * ```
 */
export type Tokens = typeof Tokens.Type

/**
 * One file a task changed (the patch itself stays on the server: `SessionService.diff`).
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const f: Tasks.FileChange = { file: "src/a.ts", additions: 3, deletions: 1, status: "modified" }
 * ```
 */
export const FileChange = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    file: Schema.String,
    additions: Schema.Number,
    deletions: Schema.Number,
    // the server's open enumeration (a newer server's status is kept as the string it sent)
    status: FileDiff.fields.status
  })
)

/**
 * The type of {@link FileChange}.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const name = (f: Tasks.FileChange) => f.file
 * ```
 */
export type FileChange = typeof FileChange.Type

/**
 * What a finished task produced, as every engine reports and stores it: the assistant's final text, the files changed,
 * tokens, cost, the session summary when the task asked for one, and the task's wall time.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const line = (o: Tasks.Output) => `${o.text.slice(0, 40)} (${o.files.length} files, $${o.cost})`
 * ```
 */
export const Output = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    text: Schema.String,
    files: Schema.Array(FileChange),
    tokens: Tokens,
    cost: Schema.Number,
    summary: Schema.optional(Schema.String),
    millis: Schema.Number,
    /**
     * The structured value as the server returned it (JSON), when the task's `options.output` asked
     * for one; already checked against that Schema. Read it typed with `StructuredOutput.decode`.
     */
    structured: Schema.optional(Schema.Unknown)
  })
)

/**
 * The type of {@link Output}.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const text = (o: Tasks.Output) => o.text
 * ```
 */
export type Output = typeof Output.Type

/**
 * Whether a task's failure is safe to retry with a new prompt: its turn ended (a model error, a
 * stall or a timeout — both aborted first) or its prompt never reached the server (connection
 * refused, rejected with 429/502/503/504, the session was gone). Never a failure after which the
 * server may still hold the prompt, nor a `TaskLost`. Every engine's retries go by it.
 *
 * @example
 * ```ts
 * import { SessionError, Tasks } from "effect-opencode"
 * Tasks.isRetryable(new SessionError({ sessionID: "ses_1", name: "APIError", message: "overloaded" })) // true
 * ```
 */
export const isRetryable = (error: TaskError): boolean => {
  switch (error._tag) {
    case "SessionError":
    case "StallError":
    case "TimeoutError":
      return true
    case "TransportError":
      return error.reason === "ConnectionRefused"
    case "ApiError":
      return error.status === 404 || error.status === 429 || (error.status >= 502 && error.status <= 504)
    default:
      return false
  }
}

/**
 * The stored result of a task (text, changed files, tokens, cost, summary, time) from a run's result.
 *
 * @example
 * ```ts
 * import type { Run } from "effect-opencode"
 * import { Tasks } from "effect-opencode"
 * const store = (r: Run.RunResult) => Tasks.toOutput(r, 1200, undefined)
 * ```
 */
export const toOutput = (result: Run.RunResult, millis: number, summary: string | undefined): Output => ({
  text: result.text,
  files: result.diff.map((d) => ({
    file: d.file ?? "",
    additions: d.additions,
    deletions: d.deletions,
    ...(d.status !== undefined ? { status: d.status } : {})
  })),
  tokens: {
    total: result.tokens.total,
    input: result.tokens.input,
    output: result.tokens.output,
    reasoning: result.tokens.reasoning,
    cache: { read: result.tokens.cache.read, write: result.tokens.cache.write }
  },
  cost: result.cost,
  ...(summary !== undefined ? { summary } : {}),
  millis,
  ...(result.structured !== undefined ? { structured: result.structured } : {})
})

/**
 * Where a task's end comes from: `run` (this process ran it), `resumed` (this process re-attached
 * to a prompt an earlier process had sent), `journal` (it had ended before this run started),
 * `other` (another process ended it: one that joined the journal, or a cluster runner).
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const fresh = (s: Tasks.Source) => s === "run" || s === "resumed"
 * ```
 */
export type Source = "run" | "resumed" | "journal" | "other"

/**
 * A task that finished, with its output.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const text = (f: Tasks.TaskFinished) => f.output.text
 * ```
 */
export interface TaskFinished {
  readonly _tag: "Finished"
  readonly index: number
  readonly key: string
  readonly task: Task
  readonly sessionID: string
  readonly messageID: string
  readonly output: Output
  readonly source: Source
}

/**
 * A task that failed. `journaled: false` when the failure left the task resumable (the server or
 * the connection failed while its prompt may be running): the next run takes it up again.
 * `sessionID` is the session of its last attempt, when it had one.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const why = (f: Tasks.TaskFailed) => `${f.key}: ${f.error._tag} ${f.error.message}`
 * ```
 */
export interface TaskFailed {
  readonly _tag: "Failed"
  readonly index: number
  readonly key: string
  readonly task: Task
  readonly error: TaskError
  readonly source: Source
  readonly journaled: boolean
  readonly sessionID?: string | undefined
}

/**
 * A task that was not started because a budget was used up.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const why = (s: Tasks.TaskSkipped) => s.reason.message
 * ```
 */
export interface TaskSkipped {
  readonly _tag: "Skipped"
  readonly index: number
  readonly key: string
  readonly task: Task
  readonly reason: BudgetExceeded
}

/**
 * How one task ended.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const ok = (r: Tasks.TaskResult) => r._tag === "Finished"
 * ```
 */
export type TaskResult = TaskFinished | TaskFailed | TaskSkipped

/**
 * How a task ended, without the task itself: what a reader that has only the record (a cluster
 * database row, a result line) knows.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const key = (e: Tasks.TaskEnd) => e.key
 * ```
 */
export type TaskEnd = TaskResult extends infer R ? R extends TaskResult ? Omit<R, "task"> : never : never
