/**
 * The OpenCode servers a cluster runner drives: its own (given by URL, or started and stopped
 * with it), each with a number of task slots, and a client for any server a task was started on —
 * a runner that takes over another's task finishes it on the server it started on.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as LayerMap from "effect/LayerMap"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as Semaphore from "effect/Semaphore"
import type * as OpencodeConfig from "../layers/OpencodeConfig.ts"
import * as OpencodeServer from "../layers/OpencodeServer.ts"
import * as TaskSteps from "../tasks/TaskSteps.ts"
import * as Run from "../services/Run.ts"
import { type ServerStartError, ValidationError } from "../Errors.ts"

/**
 * One OpenCode server of a runner.
 *
 * @example
 * ```ts
 * import type { ServerPool } from "effect-opencode/cluster"
 * const server: ServerPool.Server = { url: "http://127.0.0.1:4096" }
 * ```
 */
export interface Server {
  readonly url: string
  /** The project directory sessions are created in (default: the server's own). */
  readonly directory?: string | undefined
  readonly username?: string | undefined
  readonly password?: Redacted.Redacted<string> | undefined
}

/**
 * The event tracker of one server (see `TaskSteps.makeTracker`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ServerPool } from "effect-opencode/cluster"
 * const watching = ServerPool.Tracker.use((tracker) => Effect.succeed(tracker))
 * ```
 */
export class Tracker extends Context.Service<Tracker, TaskSteps.Tracker>()("effect-opencode/cluster/Tracker") {}

/**
 * What a task step may use on the server it runs on.
 *
 * @example
 * ```ts
 * import type { ServerPool } from "effect-opencode/cluster"
 * type Needs = ServerPool.ServerServices
 * ```
 */
export type ServerServices = Run.RunServices | Tracker

/**
 * The pool of a runner.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ServerPool } from "effect-opencode/cluster"
 * const urls = ServerPool.ServerPool.use((pool) => Effect.succeed(pool.servers.map((s) => s.url)))
 * ```
 */
export class ServerPool extends Context.Service<ServerPool, {
  /** The runner's own servers. */
  readonly servers: ReadonlyArray<Server>
  /** Task slots per own server. */
  readonly slotsPerServer: number
  /**
   * A task slot of this runner until the scope closes, waiting while all are taken (slots per
   * server × own servers). A task holds it from before its session is created to its end.
   */
  readonly slot: Effect.Effect<void, never, Scope.Scope>
  /** The least busy own server, counted as busy with one more task until the scope closes. */
  readonly pick: Effect.Effect<Server, never, Scope.Scope>
  /** Counts one more task on the server at `url` until the scope closes, when it is an own server. */
  readonly hold: (url: string) => Effect.Effect<void, never, Scope.Scope>
  /**
   * Runs a step against the server at `url`, in `directory` (default: that of the runner's own
   * server at `url`, else the server's own) — one of this runner's servers or another's.
   */
  readonly use: <A, E, R>(
    url: string,
    directory: string | undefined,
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E, Exclude<R, ServerServices>>
}>()("effect-opencode/cluster/ServerPool") {}

/**
 * Options of {@link layer}.
 *
 * @example
 * ```ts
 * import type { ServerPool } from "effect-opencode/cluster"
 * const options: ServerPool.Options = { servers: [{ url: "http://127.0.0.1:4096" }], slotsPerServer: 4 }
 * ```
 */
export interface Options {
  readonly servers: ReadonlyArray<Server>
  /** Tasks in flight per own server (default 8). */
  readonly slotsPerServer?: number | undefined
  /** Credentials for servers that are not this runner's (takeovers); default: none. */
  readonly remote?: Omit<Server, "url" | "directory"> | undefined
  /** Transport options for every server (timeouts, retries). */
  readonly transport?: Omit<OpencodeConfig.Options, "baseUrl" | "directory" | "username" | "password"> | undefined
}

/**
 * Builds the pool.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ServerPool } from "effect-opencode/cluster"
 * const pool = Effect.scoped(ServerPool.make({ servers: [{ url: "http://127.0.0.1:4096" }] }))
 * ```
 */
export const make = Effect.fnUntraced(function*(options: Options) {
  if (options.servers.length === 0) {
    return yield* new ValidationError({ field: "servers", message: "a runner needs at least one OpenCode server" })
  }
  const slots = Math.max(1, options.slotsPerServer ?? 8)
  const own = new Map(options.servers.map((s) => [s.url, s]))
  const busy = new Map(options.servers.map((s) => [s.url, 0]))
  // Every own server's slots together.
  const permits = yield* Semaphore.make(slots * options.servers.length)

  const services = yield* LayerMap.make(
    (key: string) => {
      const [url, dir] = JSON.parse(key) as [string, string | null]
      const s = own.get(url) ?? { url, ...options.remote }
      const directory = dir ?? s.directory
      const transport: OpencodeConfig.Options = {
        ...options.transport,
        baseUrl: s.url,
        ...(directory !== undefined ? { directory } : {}),
        ...(s.username !== undefined ? { username: s.username } : {}),
        ...(s.password !== undefined ? { password: s.password } : {})
      }
      // Fresh: the service layers are constants, and one memoized instance would serve every
      // server with the client of the first one built.
      return Layer.fresh(Layer.effect(Tracker, TaskSteps.makeTracker).pipe(Layer.provideMerge(Layer.fresh(Run.layer(transport)))))
    },
    { idleTimeToLive: "1 minute" }
  )

  const take = (url: string) =>
    Effect.acquireRelease(
      Effect.sync(() => busy.set(url, (busy.get(url) ?? 0) + 1)),
      () => Effect.sync(() => busy.set(url, (busy.get(url) ?? 1) - 1))
    )

  const slot: Effect.Effect<void, never, Scope.Scope> = Effect.acquireRelease(permits.take(1), () => permits.release(1))

  const pick: Effect.Effect<Server, never, Scope.Scope> = Effect.suspend(() => {
    let best = options.servers[0]!
    for (const s of options.servers) if ((busy.get(s.url) ?? 0) < (busy.get(best.url) ?? 0)) best = s
    return Effect.as(take(best.url), best)
  })

  const hold = (url: string): Effect.Effect<void, never, Scope.Scope> => (own.has(url) ? Effect.asVoid(take(url)) : Effect.void)

  const use = <A, E, R>(url: string, directory: string | undefined, effect: Effect.Effect<A, E, R>) =>
    Effect.scoped(Effect.flatMap(services.contextEffect(JSON.stringify([url, directory ?? own.get(url)?.directory ?? null])), (context) => Effect.provideContext(effect, context as never))) as
      Effect.Effect<A, E, Exclude<R, ServerServices>>

  return ServerPool.of({ servers: options.servers, slotsPerServer: slots, slot, pick, hold, use })
})

/**
 * The pool over servers that already run.
 *
 * @example
 * ```ts
 * import { ServerPool } from "effect-opencode/cluster"
 * const PoolLive = ServerPool.layer({ servers: [{ url: "http://127.0.0.1:4096" }, { url: "http://127.0.0.1:4097" }] })
 * ```
 */
export const layer = (options: Options): Layer.Layer<ServerPool, ValidationError> => Layer.effect(ServerPool, make(options))

/**
 * The pool over `count` servers this layer starts (`opencode serve`, each on a free port) and
 * always stops, plus the given ones.
 *
 * @example
 * ```ts
 * import { ServerPool } from "effect-opencode/cluster"
 * const PoolLive = ServerPool.layerManaged(2, { cwd: "/work/repo" })
 * ```
 */
export const layerManaged = (
  count: number,
  server?: OpencodeServer.Options,
  options?: Omit<Options, "servers"> & { readonly servers?: ReadonlyArray<Server> | undefined }
): Layer.Layer<ServerPool, ServerStartError | ValidationError> =>
  Layer.effect(
    ServerPool,
    Effect.gen(function*() {
      const started = yield* Effect.forEach(
        Array.from({ length: count }),
        () => OpencodeServer.make(server),
        { concurrency: "unbounded" }
      )
      const servers: Array<Server> = [
        ...(options?.servers ?? []),
        ...started.map((s) => ({
          url: s.url,
          directory: s.directory,
          username: s.username,
          ...(s.password !== undefined ? { password: s.password } : {})
        }))
      ]
      return yield* make({ ...options, servers })
    })
  )
