/**
 * The task kernel under the three batch engines (`Batch`, `DurableBatch`, `ClusterBatch`): the
 * one task description and its keys, the one result vocabulary and stored output, the one
 * progress shape, the task's errors, the retry classification, and the one turn-finished check.
 * `TaskSteps` (the steps of a batch task) is exported beside it.
 *
 * @example
 * ```ts
 * import { Tasks } from "effect-opencode"
 * const keys = Tasks.taskKeys(["Fix src/a.ts", "Fix src/b.ts"])
 * ```
 */
export * from "./errors.ts"
export * from "./Progress.ts"
export * from "./Task.ts"
export * from "./TaskResult.ts"
export * from "./Turn.ts"
