/**
 * The one result vocabulary of the batch engines: `Finished` (with its {@link Output}), `Failed`
 * (with its {@link TaskError}) or `Skipped` (budget), and where that end comes from ({@link Source}).
 * Every engine reports these, the cluster's database stores them, the CLI prints one line each.
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
 * How a task failed: any error of a run, a `StallError` or a `TaskLost`. Stored (journal,
 * database) and read back as the same class, so `Effect.catchTag` works on it.
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

export type TaskError = typeof TaskError.Type

/** Tokens used, summed over a task's assistant messages. */
export const Tokens = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    total: Schema.Number,
    input: Schema.Number,
    output: Schema.Number,
    reasoning: Schema.Number,
    cache: Schema.Struct({ read: Schema.Number, write: Schema.Number })
  })
)

export type Tokens = typeof Tokens.Type

/** One file a task changed (the patch itself stays on the server: `SessionService.diff`). */
export const FileChange = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    file: Schema.String,
    additions: Schema.Number,
    deletions: Schema.Number,
    // the server's open enumeration (a newer server's status is kept as the string it sent)
    status: FileDiff.fields.status
  })
)

export type FileChange = typeof FileChange.Type

/** What a finished task produced (final text, files, tokens, cost, summary, wall time), as stored. */
export const Output = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    text: Schema.String,
    files: Schema.Array(FileChange),
    tokens: Tokens,
    cost: Schema.Number,
    summary: Schema.optional(Schema.String),
    millis: Schema.Number,
    /** The structured value (JSON) when `options.output` asked for one; read it with `StructuredOutput.decode`. */
    structured: Schema.optional(Schema.Unknown)
  })
)

export type Output = typeof Output.Type

/**
 * Whether a failure is safe to retry with a new prompt (every engine's retries go by it): its turn
 * ended (model error; stall or timeout, both aborted first) or its prompt never reached the server
 * (connection refused, 404/429/502/503/504). Never when the server may still hold the prompt.
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

/** A task's stored {@link Output}, from a run's result. */
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
 * Where a task's end comes from: `run` (this process), `resumed` (re-attached to an earlier
 * process's prompt), `journal` (ended before this run), `other` (a joined process or a runner).
 */
export type Source = "run" | "resumed" | "journal" | "other"

/** A task that finished, with its output. */
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
 * A task that failed. `journaled: false`: the failure left it resumable (its prompt may still be
 * running), so the next run takes it up again. `sessionID`: its last attempt's session.
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

/** A task that was not started because a budget was used up. */
export interface TaskSkipped {
  readonly _tag: "Skipped"
  readonly index: number
  readonly key: string
  readonly task: Task
  readonly reason: BudgetExceeded
}

/** How one task ended. */
export type TaskResult = TaskFinished | TaskFailed | TaskSkipped

/** How a task ended, without the task: what a reader of only the record (database row, result line) knows. */
export type TaskEnd = TaskResult extends infer R ? R extends TaskResult ? Omit<R, "task"> : never : never
