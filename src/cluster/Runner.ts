/**
 * A cluster runner: joins the cluster (its shards, through PostgreSQL), and runs the task
 * workflows of its shards on its own OpenCode servers. Run one per machine (or several); they
 * share the work of every submitted batch. Closing the layer's scope (SIGTERM, Ctrl-C) hands its
 * shards — and their tasks — to the other runners; a runner killed without a goodbye has its
 * tasks taken over once the others' health checks see it gone.
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

/**
 * Options of {@link layer}.
 *
 * @example
 * ```ts
 * import type { ClusterRunner } from "effect-opencode/cluster"
 * const options: ClusterRunner.Options = {
 *   cluster: { database: "postgres://app@db/batches", host: "10.0.0.5", port: 34431 },
 *   servers: { managed: 2, server: { cwd: "/work/repo" } }
 * }
 * ```
 */
export interface Options {
  readonly cluster: Omit<Cluster.Options, "clientOnly">
  /**
   * The runner's servers: `managed` servers started and stopped with it (`opencode serve`), and
   * `urls` of servers that already run. At least one in all.
   */
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
   * How long a task's server may stay unreachable before the task ends as `TaskLost`
   * (`ServerUnreachable`; default 30 seconds; see `TaskWorkflow.ServerLostAfter`). Shorter ends
   * a dead server's tasks sooner, but a server that comes back later than this finds its tasks
   * already recorded as lost.
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
 *   cluster: { database: "postgres://app@db/batches", host: "10.0.0.5" },
 *   servers: { managed: 1 }
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
