/**
 * The OpenCode servers a cluster runner drives: its own (by URL, or started and stopped with it),
 * each with task slots, and a client for any server a task was started on (a runner that takes
 * over another's task finishes it on that task's server).
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

/** One OpenCode server of a runner. */
export interface Server {
  readonly url: string
  /** The project directory sessions are created in (default: the server's own). */
  readonly directory?: string | undefined
  readonly username?: string | undefined
  readonly password?: Redacted.Redacted<string> | undefined
}

/** The event tracker of one server (`TaskSteps.makeTracker`). */
export class Tracker extends Context.Service<Tracker, TaskSteps.Tracker>()("effect-opencode/cluster/Tracker") {}

/** What a task step may use on the server it runs on. */
export type ServerServices = Run.RunServices | Tracker

/**
 * The pool of a runner.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionService } from "effect-opencode"
 * import { ServerPool } from "effect-opencode/cluster"
 *
 * const sessions = Effect.scoped(Effect.gen(function*() {
 *   const pool = yield* ServerPool.ServerPool
 *   yield* pool.slot // waits while every slot is taken; held until the scope closes
 *   const server = yield* pool.pick // the least busy own server
 *   return yield* pool.use(server.url, undefined, SessionService.SessionService.use((s) => s.list()))
 * })).pipe(Effect.provide(ServerPool.layer({ servers: [{ url: "http://127.0.0.1:4096" }] })))
 * ```
 */
export class ServerPool extends Context.Service<ServerPool, {
  /** The runner's own servers. */
  readonly servers: ReadonlyArray<Server>
  /** Task slots per own server. */
  readonly slotsPerServer: number
  /** A task slot (slots per server × own servers) until the scope closes; waits while all are taken. */
  readonly slot: Effect.Effect<void, never, Scope.Scope>
  /** The least busy own server, counted as busy with one more task until the scope closes. */
  readonly pick: Effect.Effect<Server, never, Scope.Scope>
  /** Counts one more task on the server at `url` until the scope closes, when it is an own server. */
  readonly hold: (url: string) => Effect.Effect<void, never, Scope.Scope>
  /** Runs a step against the server at `url` (this runner's or another's), in `directory` (default: its own). */
  readonly use: <A, E, R>(
    url: string,
    directory: string | undefined,
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E, Exclude<R, ServerServices>>
}>()("effect-opencode/cluster/ServerPool") {}

/** Options of {@link layer}. */
export interface Options {
  readonly servers: ReadonlyArray<Server>
  /** Tasks in flight per own server (default 8). */
  readonly slotsPerServer?: number | undefined
  /** Credentials for servers that are not this runner's (takeovers); default: none. */
  readonly remote?: Omit<Server, "url" | "directory"> | undefined
  /** Transport options for every server (timeouts, retries). */
  readonly transport?: Omit<OpencodeConfig.Options, "baseUrl" | "directory" | "username" | "password"> | undefined
}

/** Builds the pool (scoped: its per-server clients live until the scope closes). */
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
      // Fresh: the service layers are constants; memoized, every server would get the first one's client.
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

/** The pool over servers that already run. */
export const layer = (options: Options): Layer.Layer<ServerPool, ValidationError> => Layer.effect(ServerPool, make(options))

/** The pool over `count` servers it starts (`opencode serve`, free ports) and always stops, plus the given ones. */
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
