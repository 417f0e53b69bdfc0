/**
 * The task kernel under the three batch engines: the task and its keys, the result vocabulary,
 * progress, the task errors, the retry classification and the turn-finished check. A task's
 * steps are `TaskSteps` (`effect-opencode/durable`).
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
