/**
 * The batch-task errors that are not a run's own (`Errors.ts`): `StallError`, `TaskLost`,
 * `BudgetExceeded`, and the budget check. Shared by every engine; stored (journal, database) and
 * read back as the same class, so `Effect.catchTag` works on them.
 */
import * as Schema from "effect/Schema"

/** What a stalled session did last: the event's type, when (epoch ms), and a detail (part type, status). */
export const Activity = Schema.Struct({
  type: Schema.String,
  at: Schema.Number,
  detail: Schema.optional(Schema.String)
})

export type Activity = typeof Activity.Type

/**
 * A task's session showed no progress (no event, no status change) for the batch's
 * `stallTimeout`; it was aborted. Retryable (`isRetryable`).
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
 * A resumed task's prompt cannot be found and nothing proves it was never accepted (session
 * deleted, message missing, server unreachable). Reported, never sent again.
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
 * A batch budget was used up, so the task was not started. `spent` counts the batch's finished
 * tasks, earlier runs of the journal included.
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
 * A batch's budget (`DurableBatch`, `ClusterBatch`), checked by {@link overBudget} before each
 * task starts. Gotcha: running tasks finish, so a batch can end somewhat over it.
 */
export interface BudgetLimits {
  /** Dollars: no new task once the finished tasks have cost this much. */
  readonly maxCost?: number | undefined
  /** No new task once the finished tasks have used this many tokens. */
  readonly maxTokens?: number | undefined
}

/**
 * `undefined` when a batch that has spent `spent` (finished tasks' cost and total tokens) may
 * start another task, else the `BudgetExceeded` that skips it (cost is checked first).
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
