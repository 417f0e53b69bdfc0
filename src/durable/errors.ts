/**
 * The errors of durable batches: a journal that cannot be used (`JournalError`), a journal held
 * by another process (`JournalLocked`); and, re-exported from the task kernel (`tasks/errors.ts`),
 * a task whose session made no progress (`StallError`), a task whose prompt can no longer be
 * found (`TaskLost`), and a budget that stops new tasks (`BudgetExceeded`). All are
 * `Schema.TaggedError` classes, like those of `Errors.ts`, so they can be matched with
 * `Effect.catchTag` and written to (and read back from) a journal.
 */
import * as Schema from "effect/Schema"

export { Activity, BudgetExceeded, StallError, TaskLost } from "../tasks/errors.ts"

/**
 * A journal file could not be used: it is corrupt (a complete line that is not a record; `line`
 * names it, 1-based), it was written by a newer version, its task list differs from the batch's
 * (`TaskListChanged`), or reading or writing it failed (`Io`). Nothing is written to a journal
 * once this error is seen.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * DurableBatch.run(tasks, { journal: "run.jsonl" }).pipe(
 *   Effect.catchTag("JournalError", (e) => Effect.logError(`${e.path}:${e.line ?? "?"} ${e.message}`))
 * )
 * ```
 */
export class JournalError extends Schema.TaggedError<JournalError>("effect-opencode/JournalError")("JournalError", {
  path: Schema.String,
  reason: Schema.Literals(["Corrupt", "Version", "TaskListChanged", "Io"]),
  /** The 1-based line of a corrupt record. */
  line: Schema.optional(Schema.Number),
  /** An excerpt of the corrupt line. */
  content: Schema.optional(Schema.String),
  detail: Schema.String
}) {
  override get message(): string {
    const where = this.line !== undefined ? `${this.path}:${this.line}` : this.path
    return `Journal ${where}: ${this.reason}: ${this.detail}`
  }
}

/**
 * Another live process holds the journal's lock (`<journal>.lock`). Run with `join: true`
 * (CLI `--join`) to share the remaining tasks with it instead.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * DurableBatch.run(tasks, { journal: "run.jsonl" }).pipe(
 *   Effect.catchTag("JournalLocked", (e) => Effect.logError(`held by pid ${e.pid} on ${e.hostname}`))
 * )
 * ```
 */
export class JournalLocked extends Schema.TaggedError<JournalLocked>("effect-opencode/JournalLocked")("JournalLocked", {
  path: Schema.String,
  lockPath: Schema.String,
  pid: Schema.Number,
  hostname: Schema.String,
  /** When the holder took the lock (epoch ms). */
  since: Schema.Number
}) {
  override get message(): string {
    return `Journal ${this.path} is in use by pid ${this.pid} on ${this.hostname} since ${
      new Date(this.since).toISOString()
    } (lock ${this.lockPath}); pass join: true (--join) to share its tasks`
  }
}
