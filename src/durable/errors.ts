/**
 * The errors of durable batches: `JournalError`, `JournalLocked`, and the task kernel's
 * `StallError`, `TaskLost`, `BudgetExceeded` re-exported. Written to a journal and read back as
 * the same class, so `Effect.catchTag` works on them.
 */
import * as Schema from "effect/Schema"

export { Activity, BudgetExceeded, StallError, TaskLost } from "../tasks/errors.ts"

/**
 * A journal file could not be used: `Corrupt` (a complete line that is not a record), `Version`
 * (written by a newer version), `TaskListChanged`, or `Io`. Nothing is written to it after this.
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

/** Another live process holds `<journal>.lock`; `join: true` (CLI `--join`) shares its tasks instead. */
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
