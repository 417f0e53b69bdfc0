/**
 * The transport on Node: the client over Node's own HTTP client (`node:http`/`node:https`, through
 * `@effect/platform-node`'s `NodeHttpClient`), which has no built-in deadline, so a synchronous
 * prompt may run past the 300 s after which Node's `fetch` gives up; only this library's `Duration`
 * deadlines apply. Use it on Node; use `OpencodeClient.layerFetch` (the client entry's default) on
 * browsers, Bun and Deno.
 *
 * Why this client: of the three ways to lift that limit on Node it is the smallest. A program
 * listing sessions bundles to about 27 KiB more than over `fetch`; undici with its timeouts off
 * adds about 726 KiB, and `fetch` with a dispatcher needs undici's `Agent` as well, so the same
 * weight (see bench/results-footprint.json).
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as Config from "effect/Config"
import * as Layer from "effect/Layer"
import type * as HttpClient from "effect/http/HttpClient"
import * as OpencodeClient from "./OpencodeClient.ts"
import * as OpencodeConfig from "./OpencodeConfig.ts"

/**
 * Node's HTTP client with keep-alive connections and no timeout of its own (calls are bounded by
 * `requestTimeout`, `attemptTimeout` and the per-call `timeout`). Its agent, and so its idle
 * sockets, are closed when the layer's scope closes.
 *
 * @example
 * ```ts
 * import { type Config, Layer } from "effect"
 * import { OpencodeClient } from "effect-opencode"
 * import { OpencodeNode } from "effect-opencode/node"
 *
 * const Live = OpencodeClient.layer({ baseUrl: "http://127.0.0.1:4096" }).pipe(
 *   Layer.provide(OpencodeNode.layerHttpClient)
 * )
 * ```
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = /*#__PURE__*/ NodeHttpClient.layerNodeHttpOptions({
  keepAlive: true
})

/**
 * The transport from explicit options, over {@link layerHttpClient}.
 *
 * @example
 * ```ts
 * import { OpencodeNode } from "effect-opencode/node"
 *
 * const Client = OpencodeNode.layer({ baseUrl: "http://127.0.0.1:4096", directory: "/work/repo" })
 * ```
 */
export const layer = (options: OpencodeConfig.Options): Layer.Layer<OpencodeClient.OpencodeClient> =>
  OpencodeClient.layer(options).pipe(Layer.provide(layerHttpClient))

/**
 * The transport configured from the environment (`OPENCODE_BASE_URL`, `OPENCODE_SERVER_PASSWORD`…,
 * see `OpencodeConfig.layerConfig`), over {@link layerHttpClient}: the Node twin of
 * `OpencodeClient.layerConfig`.
 *
 * @example
 * ```ts
 * import { type Config, Layer } from "effect"
 * import { SessionService } from "effect-opencode"
 * import { OpencodeNode } from "effect-opencode/node"
 *
 * const Live = SessionService.layer.pipe(Layer.provide(OpencodeNode.layerConfig()))
 * ```
 */
export const layerConfig = (
  overrides: Partial<OpencodeConfig.Options> = {}
): Layer.Layer<OpencodeClient.OpencodeClient, Config.ConfigError> =>
  OpencodeClient.layerFromConfig.pipe(
    Layer.provide(OpencodeConfig.layerConfig(overrides)),
    Layer.provide(layerHttpClient)
  )
