/**
 * `effect-opencode/node`: the transport over Node's own HTTP client (no 300 s limit on a
 * synchronous prompt, unlike Node's `fetch`); the services come from `effect-opencode`.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { SessionService } from "effect-opencode"
 * import { OpencodeNode } from "effect-opencode/node"
 *
 * const program = SessionService.SessionService.use((sessions) => sessions.list({ limit: 5 }))
 * program.pipe(
 *   Effect.provide(SessionService.layer.pipe(Layer.provide(OpencodeNode.layerConfig()))),
 *   Effect.runPromise
 * )
 * ```
 */
export * as OpencodeNode from "./layers/OpencodeNode.ts"
