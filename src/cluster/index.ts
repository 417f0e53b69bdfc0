/**
 * Cluster mode: the durable batch across machines, on Effect's cluster and workflow engine with
 * PostgreSQL. Runners (`ClusterRunner.layer`) run task workflows on their OpenCode servers; any
 * machine submits and reads batches (`ClusterBatch`) through a client-only `Cluster.layer`. See
 * docs/scale-out.md.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Cluster, ClusterBatch } from "effect-opencode/cluster"
 *
 * const program = ClusterBatch.run(["Fix src/a.ts", "Fix src/b.ts"]).pipe(
 *   Effect.provide(Cluster.layer({ database: "postgres://app@db/batches", clientOnly: true }))
 * )
 * ```
 */
export * as Cluster from "./Cluster.ts"
export * as ClusterBatch from "./ClusterBatch.ts"
export * as ClusterStore from "./Store.ts"
export * as ClusterDatabase from "./Database.ts"
export * as ClusterRunner from "./Runner.ts"
export * as ServerPool from "./ServerPool.ts"
export * as TaskWorkflow from "./TaskWorkflow.ts"
