/**
 * The transport on Node, over Node's own HTTP client (`@effect/platform-node`'s `NodeHttpClient`):
 * no built-in deadline, so a synchronous prompt may run past the 300 s after which Node's `fetch`
 * gives up; only this library's `Duration` deadlines apply. On browsers, Bun and Deno use
 * `OpencodeClient.layerFetch`. Of the ways to lift that limit this is the smallest: ~27 KiB more
 * than `fetch` for a program listing sessions, undici ~726 KiB (bench/results-footprint.json).
 * Example: the `effect-opencode/node` entry's.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as Config from "effect/Config"
import * as Layer from "effect/Layer"
import type * as HttpClient from "effect/http/HttpClient"
import * as OpencodeClient from "./OpencodeClient.ts"
import * as OpencodeConfig from "./OpencodeConfig.ts"

/**
 * Node's HTTP client, keep-alive, no timeout of its own (calls are bounded by this library's
 * deadlines); its agent and idle sockets close with the layer's scope.
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = /*#__PURE__*/ NodeHttpClient.layerNodeHttpOptions({
  keepAlive: true
})

/** The transport from explicit options, over {@link layerHttpClient}. */
export const layer = (options: OpencodeConfig.Options): Layer.Layer<OpencodeClient.OpencodeClient> =>
  OpencodeClient.layer(options).pipe(Layer.provide(layerHttpClient))

/** The transport configured from the environment (`OpencodeConfig.layerConfig`), over {@link layerHttpClient}. */
export const layerConfig = (
  overrides: Partial<OpencodeConfig.Options> = {}
): Layer.Layer<OpencodeClient.OpencodeClient, Config.ConfigError> =>
  OpencodeClient.layerFromConfig.pipe(
    Layer.provide(OpencodeConfig.layerConfig(overrides)),
    Layer.provide(layerHttpClient)
  )
