/**
 * Durable batches: a journal file that makes a batch resumable after a crash without sending any
 * prompt twice, an exclusive lock (or `join` to share one journal), stall detection, safe retries
 * and budgets. See docs/durable-batches.md.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { NodeFileSystem } from "@effect/platform-node"
 * import { Run } from "effect-opencode"
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * const program = DurableBatch.run(["Fix the lint errors in src/a.ts"], { journal: "run.jsonl" }).pipe(
 *   Effect.provide(Layer.merge(Run.layer({ baseUrl: "http://127.0.0.1:4096" }), NodeFileSystem.layer))
 * )
 * ```
 */
export * as DurableBatch from "./DurableBatch.ts"
export * as DurableErrors from "./errors.ts"
export { BudgetExceeded, JournalError, JournalLocked, StallError, TaskLost } from "./errors.ts"
export * as Journal from "./Journal.ts"
export * as TaskSteps from "../tasks/TaskSteps.ts"
