/**
 * A cluster runner: joins the cluster and runs its shards' task workflows on its own OpenCode
 * servers; run one or more per machine. Closing its scope (SIGTERM) hands its shards to the other
 * runners; a runner killed without a goodbye is taken over once their health checks see it gone.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { ServerStartError, ValidationError } from "../Errors.ts"
import type * as OpencodeServer from "../layers/OpencodeServer.ts"
import * as Cluster from "./Cluster.ts"
import * as Database from "./Database.ts"
import * as ServerPool from "./ServerPool.ts"
import * as Store from "./Store.ts"
import * as TaskWorkflow from "./TaskWorkflow.ts"

/** Options of {@link layer}. */
export interface Options {
  readonly cluster: Omit<Cluster.Options, "clientOnly">
  /** `managed` servers started and stopped with the runner, and `urls` of running ones: one at least. */
  readonly servers: {
    readonly managed?: number | undefined
    readonly server?: OpencodeServer.Options | undefined
    readonly urls?: ReadonlyArray<ServerPool.Server> | undefined
  }
  /** Tasks in flight per server (default 8). */
  readonly slotsPerServer?: number | undefined
  /** Credentials for other runners' servers (takeovers); default: none. */
  readonly remote?: ServerPool.Options["remote"]
  /** The name results are recorded under (default `host:port` of the runner). */
  readonly name?: string | undefined
  /**
   * How long a task's server may stay unreachable before the task is `TaskLost` (default 30 s).
   * Gotcha: a server back later than this finds its tasks already recorded as lost.
   */
  readonly serverLostAfter?: Duration.Input | undefined
}

/**
 * The runner as a layer: it runs until its scope closes.
 *
 * @example
 * ```ts
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Layer } from "effect"
 * import { ClusterRunner } from "effect-opencode/cluster"
 *
 * Layer.launch(ClusterRunner.layer({
 *   cluster: { database: "postgres://app@db/batches", host: "10.0.0.5", listenHost: "0.0.0.0" },
 *   servers: { managed: 2, server: { cwd: "/work/repo" } }
 * })).pipe(NodeRuntime.runMain)
 * ```
 */
export const layer = (
  options: Options
): Layer.Layer<never, Database.DatabaseError | Cluster.ClusterStartError | ServerStartError | ValidationError> => {
  const name = options.name ?? `${options.cluster.host ?? "127.0.0.1"}:${options.cluster.port ?? 34431}`
  const pool = (options.servers.managed ?? 0) > 0
    ? ServerPool.layerManaged(options.servers.managed!, options.servers.server, {
      servers: options.servers.urls,
      slotsPerServer: options.slotsPerServer,
      remote: options.remote
    })
    : ServerPool.layer({ servers: options.servers.urls ?? [], slotsPerServer: options.slotsPerServer, remote: options.remote })
  const engine = Cluster.layer(options.cluster)
  const migrated = Layer.effectDiscard(
    Store.migrate.pipe(Effect.mapError((e) =>
      new Database.DatabaseError({ url: Database.redact(options.cluster.database), reason: "Rejected", detail: e.message })
    ))
  )
  return TaskWorkflow.layer.pipe(
    Layer.provide(Layer.succeed(TaskWorkflow.RunnerName)(name)),
    Layer.provide(
      options.serverLostAfter === undefined
        ? Layer.empty
        : Layer.succeed(TaskWorkflow.ServerLostAfter)(Duration.fromInputUnsafe(options.serverLostAfter))
    ),
    Layer.provide(pool),
    Layer.provide(migrated),
    Layer.provide(engine)
  )
}
