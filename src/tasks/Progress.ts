/**
 * The one progress shape of the batch engines (`Batch`, `DurableBatch`, `ClusterBatch`), and the
 * count that makes it from the results so far.
 */
import type { TaskResult } from "./TaskResult.ts"

/**
 * The counts of a batch at one moment: tasks in all, those that ended (finished, failed,
 * skipped) and those under way.
 *
 * Gotcha: a cluster reader cannot tell a queued task from a running one: its `running` counts
 * every task that has not ended.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const bar = (p: Tasks.Progress) => `${p.finished + p.failed + p.skipped}/${p.total}`
 * ```
 */
export interface Progress {
  readonly total: number
  readonly finished: number
  readonly failed: number
  readonly skipped: number
  readonly running: number
}

/**
 * The progress of `total` tasks, from the results so far and the number under way.
 *
 * @example
 * ```ts
 * import { Tasks } from "effect-opencode"
 * Tasks.progressOf(3, [], 1) // { total: 3, finished: 0, failed: 0, skipped: 0, running: 1 }
 * ```
 */
export const progressOf = (total: number, results: Iterable<TaskResult>, running: number): Progress => {
  let finished = 0, failed = 0, skipped = 0
  for (const r of results) {
    if (r._tag === "Finished") finished++
    else if (r._tag === "Failed") failed++
    else skipped++
  }
  return { total, finished, failed, skipped, running }
}
