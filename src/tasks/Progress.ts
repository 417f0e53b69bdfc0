/**
 * The one progress shape of the batch engines (`Batch`, `DurableBatch`, `ClusterBatch`), and the
 * count that makes it from the results so far.
 */
import type { TaskResult } from "./TaskResult.ts"

/**
 * The counts of a batch at one moment. Gotcha: a cluster reader cannot tell a queued task from a
 * running one, so its `running` counts every task that has not ended.
 */
export interface Progress {
  readonly total: number
  readonly finished: number
  readonly failed: number
  readonly skipped: number
  readonly running: number
}

/** The progress of `total` tasks, from the results so far and the number under way. */
export const progressOf = (total: number, results: Iterable<TaskResult>, running: number): Progress => {
  let finished = 0, failed = 0, skipped = 0
  for (const r of results) {
    if (r._tag === "Finished") finished++
    else if (r._tag === "Failed") failed++
    else skipped++
  }
  return { total, finished, failed, skipped, running }
}
