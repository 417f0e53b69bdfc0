/**
 * `effect-opencode/node`: the transport over Node's own HTTP client — no 300-second limit on a
 * synchronous prompt, unlike Node's `fetch`. The client and its services come from the package
 * root (`effect-opencode`), which runs on any runtime with `fetch`.
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
