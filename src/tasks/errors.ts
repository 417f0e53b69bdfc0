/**
 * The errors of a batch task that are not a run's own (`Errors.ts`): a task whose session made
 * no progress (`StallError`), a task whose prompt can no longer be found (`TaskLost`), and a
 * budget that stops new tasks (`BudgetExceeded`). Shared by every engine; `Schema.TaggedError`
 * classes, so they can be matched with `Effect.catchTag` and stored (journal, database) and read
 * back as the same class.
 */
import * as Schema from "effect/Schema"

/**
 * What a stalled session did last: the event's type, when (epoch ms), and a detail (a part
 * type, a status) when there is one.
 *
 * @example
 * ```ts
 * import type { DurableErrors } from "effect-opencode/durable"
 * const line = (a: DurableErrors.Activity) => `${a.type} at ${new Date(a.at).toISOString()}`
 * ```
 */
export const Activity = Schema.Struct({
  type: Schema.String,
  at: Schema.Number,
  detail: Schema.optional(Schema.String)
})

/**
 * The type of {@link Activity}.
 *
 * @example
 * ```ts
 * import type { DurableErrors } from "effect-opencode/durable"
 * const when = (a: DurableErrors.Activity) => a.at
 * ```
 */
export type Activity = typeof Activity.Type

/**
 * A task's session showed no progress — no event for it, no status change — for the batch's
 * `stallTimeout`. The session was aborted; `lastActivity` is the last thing it did.
 *
 * @example
 * ```ts
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * const stalled = (r: DurableBatch.TaskResult) =>
 *   r._tag === "Failed" && r.error._tag === "StallError" ? r.error.lastActivity.type : undefined
 * ```
 */
export class StallError extends Schema.TaggedError<StallError>("effect-opencode/StallError")("StallError", {
  key: Schema.String,
  sessionID: Schema.String,
  /** How long the session had been silent. */
  idleMillis: Schema.Number,
  stallTimeoutMillis: Schema.Number,
  lastActivity: Activity
}) {
  override get message(): string {
    return `task ${this.key}: session ${this.sessionID} made no progress for ${this.idleMillis} ms (last: ${this.lastActivity.type}${
      this.lastActivity.detail !== undefined ? ` ${this.lastActivity.detail}` : ""
    } at ${new Date(this.lastActivity.at).toISOString()}); aborted`
  }
}

/**
 * A resumed task's prompt cannot be found and the journal cannot prove that it was never
 * accepted (its session was deleted, or the server accepted the prompt but holds no such
 * message). It is reported, never sent again.
 *
 * @example
 * ```ts
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * const lost = (r: DurableBatch.TaskResult) => r._tag === "Failed" && r.error._tag === "TaskLost"
 * ```
 */
export class TaskLost extends Schema.TaggedError<TaskLost>("effect-opencode/TaskLost")("TaskLost", {
  key: Schema.String,
  sessionID: Schema.String,
  messageID: Schema.String,
  reason: Schema.Literals(["SessionDeleted", "MessageMissing", "ServerUnreachable"]),
  /** What the last attempt to reach the server answered (`ServerUnreachable`). */
  detail: Schema.optional(Schema.String)
}) {
  override get message(): string {
    switch (this.reason) {
      case "SessionDeleted":
        return `task ${this.key}: its session ${this.sessionID} was deleted; the prompt is not sent again`
      case "MessageMissing":
        return `task ${this.key}: the server accepted prompt ${this.messageID} but has no such message in ${this.sessionID}; the prompt is not sent again`
      case "ServerUnreachable":
        return `task ${this.key}: the server of session ${this.sessionID} stayed unreachable while prompt ${this.messageID} ran${
          this.detail !== undefined ? ` (${this.detail})` : ""
        }; the prompt is not sent again`
    }
  }
}

/**
 * A batch budget was used up: the task was not started. `spent` is what the batch's finished
 * tasks (in this run and earlier runs of the journal) had used when it was skipped.
 *
 * @example
 * ```ts
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * const why = (r: DurableBatch.TaskResult) => (r._tag === "Skipped" ? r.reason.message : "")
 * ```
 */
export class BudgetExceeded extends Schema.TaggedError<BudgetExceeded>("effect-opencode/BudgetExceeded")(
  "BudgetExceeded",
  {
    limit: Schema.Literals(["maxCost", "maxTokens"]),
    max: Schema.Number,
    spent: Schema.Number
  }
) {
  override get message(): string {
    return `${this.limit} ${this.max} reached (spent ${this.spent}): not started`
  }
}

/**
 * A batch's budget: the most it may spend before it starts no new task. Every engine with a
 * budget (`DurableBatch`, `ClusterBatch`) checks it with {@link overBudget} before a task starts;
 * tasks already running finish, so a batch can end somewhat over its budget.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const limits: Tasks.BudgetLimits = { maxCost: 5, maxTokens: 2_000_000 }
 * ```
 */
export interface BudgetLimits {
  /** Dollars: no new task once the finished tasks have cost this much. */
  readonly maxCost?: number | undefined
  /** No new task once the finished tasks have used this many tokens. */
  readonly maxTokens?: number | undefined
}

/**
 * Whether a batch that has spent `spent` (its finished tasks' cost and total tokens) may start
 * another task: `undefined` when it may, else the `BudgetExceeded` that skips the task (cost is
 * checked first).
 *
 * @example
 * ```ts
 * import { Tasks } from "effect-opencode"
 * Tasks.overBudget({ maxTokens: 1000 }, { cost: 0, tokens: 1200 })?.limit // "maxTokens"
 * Tasks.overBudget({ maxCost: 5 }, { cost: 1, tokens: 1200 }) // undefined
 * ```
 */
export const overBudget = (
  limits: BudgetLimits,
  spent: { readonly cost: number; readonly tokens: number }
): BudgetExceeded | undefined => {
  if (limits.maxCost !== undefined && spent.cost >= limits.maxCost) {
    return new BudgetExceeded({ limit: "maxCost", max: limits.maxCost, spent: spent.cost })
  }
  if (limits.maxTokens !== undefined && spent.tokens >= limits.maxTokens) {
    return new BudgetExceeded({ limit: "maxTokens", max: limits.maxTokens, spent: spent.tokens })
  }
  return undefined
}
