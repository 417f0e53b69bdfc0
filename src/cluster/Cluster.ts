/**
 * Effect's cluster for batches: the sharding layer (socket transport between runners, runner and
 * message storage in PostgreSQL) and the cluster workflow engine, for a runner or for a client
 * that only submits and reads.
 *
 * @since 0.1.0
 */
import * as NodeClusterSocket from "@effect/platform-node/NodeClusterSocket"
import type { PgClient } from "@effect/sql-pg"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as ClusterWorkflowEngine from "effect/cluster/ClusterWorkflowEngine"
import { RunnerAddress } from "effect/cluster/RunnerAddress"
import type * as Sharding from "effect/cluster/Sharding"
import type * as SqlClient from "effect/sql/SqlClient"
import type * as WorkflowEngine from "effect/workflow/WorkflowEngine"
import * as Database from "./Database.ts"

/**
 * Options of {@link layer}.
 *
 * @example
 * ```ts
 * import type { Cluster } from "effect-opencode/cluster"
 * const options: Cluster.Options = { database: "postgres://app@db/batches", host: "10.0.0.5", port: 34431 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** `postgres://user[:password]@host[:port]/database` */
  readonly database: string
  /** Submit and read only: no shards, no workflows run here. */
  readonly clientOnly?: boolean | undefined
  /** The address other runners reach this runner at (default 127.0.0.1). */
  readonly host?: string | undefined
  /** Its port (default 34431). */
  readonly port?: number | undefined
  /** Listen on this host instead of `host` (e.g. `0.0.0.0`). */
  readonly listenHost?: string | undefined
  /**
   * How often runners check each other (default 5 seconds; Effect's default is 1 minute): a
   * runner killed without a goodbye has its tasks taken over after about this long plus
   * {@link refreshInterval}.
   */
  readonly healthCheckInterval?: Duration.Input | undefined
  /** How often runners re-read shard assignments (default 3 seconds). */
  readonly refreshInterval?: Duration.Input | undefined
  /**
   * How long the shard locks of a runner that stopped answering last (default 10 seconds;
   * Effect's default is 35): a killed runner's tasks wait about this long before another runner
   * takes them. Runners refresh their locks three times per period; a runner frozen longer than
   * this loses its shards.
   */
  readonly lockExpiration?: Duration.Input | undefined
  /** How often a runner polls storage for work sent while no runner was reachable (default 2 seconds). */
  readonly pollInterval?: Duration.Input | undefined
}

/**
 * Sharding and the workflow engine over PostgreSQL; `SqlClient` is provided too (the batch tables
 * use the same database).
 *
 * @example
 * ```ts
 * import { Cluster } from "effect-opencode/cluster"
 * const ClientLive = Cluster.layer({ database: "postgres://app@db/batches", clientOnly: true })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options
): Layer.Layer<
  WorkflowEngine.WorkflowEngine | Sharding.Sharding | SqlClient.SqlClient | PgClient.PgClient,
  Database.DatabaseError | ClusterStartError
> => {
  const host = options.host ?? "127.0.0.1"
  const port = options.port ?? 34431
  const lockExpiration = Duration.fromInputUnsafe(options.lockExpiration ?? "10 seconds")
  const sharding = NodeClusterSocket.layer({
    clientOnly: options.clientOnly === true,
    storage: "sql",
    shardingConfig: {
      runnerAddress: Option.some(RunnerAddress.make({ host, port })),
      runnerListenAddress: options.listenHost === undefined
        ? Option.none()
        : Option.some(RunnerAddress.make({ host: options.listenHost, port })),
      runnerHealthCheckInterval: Duration.fromInputUnsafe(options.healthCheckInterval ?? "5 seconds"),
      refreshAssignmentsInterval: Duration.fromInputUnsafe(options.refreshInterval ?? "3 seconds"),
      entityMessagePollInterval: Duration.fromInputUnsafe(options.pollInterval ?? "2 seconds"),
      shardLockRefreshInterval: Duration.divideUnsafe(lockExpiration, 3),
      shardLockExpiration: lockExpiration
    }
  })
  const engine = ClusterWorkflowEngine.layer.pipe(
    Layer.provideMerge(sharding),
    Layer.provideMerge(Database.layer(options.database))
  )
  return Layer.effectContext(Effect.mapError(Layer.build(engine), (error) =>
    error._tag === "DatabaseError"
      ? error
      : new ClusterStartError({
        address: `${host}:${port}`,
        detail: error._tag === "SocketServerError"
          ? `cannot listen: ${error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message)}`
          : error.message
      })))
}

/**
 * A runner could not join: its address is taken, or the cluster's settings are wrong.
 *
 * @example
 * ```ts
 * import { Cluster } from "effect-opencode/cluster"
 * const text = (e: Cluster.ClusterStartError) => e.message
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class ClusterStartError extends Schema.TaggedError<ClusterStartError>("effect-opencode/ClusterStartError")(
  "ClusterStartError",
  { address: Schema.String, detail: Schema.String }
) {
  override get message(): string {
    return `runner ${this.address} could not join the cluster: ${this.detail}`
  }
}
