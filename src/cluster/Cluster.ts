/**
 * Effect's cluster for batches: sharding (socket transport between runners, storage in
 * PostgreSQL) and the cluster workflow engine, for a runner or for a client that only submits
 * and reads. Timing and shard settings, with their measured reasons: docs/scale-out.md.
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
import * as SqlClient from "effect/sql/SqlClient"
import type * as WorkflowEngine from "effect/workflow/WorkflowEngine"
import * as Database from "./Database.ts"

/** Options of {@link layer}. */
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
   * How often runners check each other (default 5 s; Effect's: 1 minute): a runner killed without
   * a goodbye has its tasks taken over after about this plus {@link refreshInterval}.
   */
  readonly healthCheckInterval?: Duration.Input | undefined
  /** How often runners re-read shard assignments (default 3 seconds). */
  readonly refreshInterval?: Duration.Input | undefined
  /**
   * How long a silent runner's shard locks last (default 10 s; Effect's: 35 s), refreshed three
   * times per period: a killed runner's tasks wait about this long. Gotcha: a runner frozen longer
   * than this loses its shards.
   */
  readonly lockExpiration?: Duration.Input | undefined
  /** How often a runner polls storage for work sent while no runner was reachable (default 2 seconds). */
  readonly pollInterval?: Duration.Input | undefined
  /**
   * The shard count of a NEW cluster (default {@link defaultShards}), recorded in the database on
   * first use; later layers take the recorded count, so leave it out unless you create a cluster.
   * Gotcha: a count that differs from the recorded one is a {@link ClusterStartError} (stored
   * work belongs to shards by that count); more runners than shards leaves some idle.
   */
  readonly shards?: number | undefined
}

/**
 * The shard count of a new cluster: 32, enough for 32 runners. Effect's default, 300, made each
 * storage read and shard-lock check of a runner list 300 shards; a database the engine used before
 * this library recorded the count keeps 300.
 */
export const defaultShards = 32

/** The shard count of a database whose engine tables predate the recorded count: Effect's default. */
const legacyShards = 300

/** One key for the settings' lock, so that layers starting together record the count once. */
const settingsLock = 0x6f70656f

/** The recorded shard count, or (first use) the given one or the default (300 for a used engine), recorded now. */
const shardCount = Effect.fnUntraced(function*(requested: number | undefined, address: string) {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1 && requested <= 100_000)) {
    return yield* new ClusterStartError({ address, detail: `shards must be a whole number from 1 to 100000, not ${requested}` })
  }
  const sql = yield* SqlClient.SqlClient
  const recorded = yield* sql.withTransaction(Effect.gen(function*() {
    yield* sql`SELECT pg_advisory_xact_lock(${settingsLock})`
    yield* sql`CREATE TABLE IF NOT EXISTS effect_opencode_cluster (name text PRIMARY KEY, value text NOT NULL)`
    const rows = yield* sql<{ value: string }>`SELECT value FROM effect_opencode_cluster WHERE name = 'shards'`
    if (rows[0] !== undefined) return { shards: Number(rows[0].value), now: false }
    const [engine] = yield* sql<{ used: boolean }>`SELECT to_regclass('cluster_messages') IS NOT NULL AS used`
    const shards = engine?.used === true ? legacyShards : requested ?? defaultShards
    yield* sql`INSERT INTO effect_opencode_cluster (name, value) VALUES ('shards', ${String(shards)})`
    return { shards, now: true }
  }))
  if (requested !== undefined && requested !== recorded.shards) {
    return yield* new ClusterStartError({
      address,
      detail: `this database's cluster has ${recorded.shards} shards${recorded.now ? " (its engine tables predate a recorded count)" : ""}, ` +
        `not ${requested}: leave shards out, or use a new database for another count`
    })
  }
  return recorded.shards
})

/**
 * Sharding and the workflow engine over PostgreSQL, with the `SqlClient` the batch tables use. A
 * submitter takes `clientOnly: true`; a runner is `ClusterRunner.layer`.
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
  const address = `${host}:${port}`
  const sharding = (shards: number) =>
    NodeClusterSocket.layer({
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
        shardLockExpiration: lockExpiration,
        shardsPerGroup: shards
      }
    })
  const engine = Layer.unwrap(
    Effect.map(
      shardCount(options.shards, address).pipe(
        Effect.catchTag("SqlError", (e) =>
          Effect.fail(new Database.DatabaseError({ url: Database.redact(options.database), reason: "Rejected", detail: e.message })))
      ),
      (shards) => ClusterWorkflowEngine.layer.pipe(Layer.provideMerge(sharding(shards)))
    )
  ).pipe(Layer.provideMerge(Database.layer(options.database)))
  return Layer.effectContext(Effect.mapError(Layer.build(engine), (error) =>
    error._tag === "DatabaseError" || error._tag === "ClusterStartError"
      ? error
      : new ClusterStartError({
        address,
        detail: error._tag === "SocketServerError"
          ? `cannot listen: ${error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message)}`
          : error.message
      })))
}

/** A runner could not join: its address is taken, or the cluster's settings are wrong. */
export class ClusterStartError extends Schema.TaggedError<ClusterStartError>("effect-opencode/ClusterStartError")(
  "ClusterStartError",
  { address: Schema.String, detail: Schema.String }
) {
  override get message(): string {
    return `runner ${this.address} could not join the cluster: ${this.detail}`
  }
}
