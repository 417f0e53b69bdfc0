/**
 * `effect-opencode/server`: the managed `opencode serve` — start it as a child process in a
 * project directory, wait until it answers, stop it with the scope — and the transport to it
 * (`OpencodeServer.layerClient`, over `OpencodeNode.layerHttpClient`). Node only. The `opencode`
 * binary comes from the `opencode-ai` package (an optional peer dependency: install it), `$OPENCODE_BIN`
 * or the `PATH`.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { SessionService } from "effect-opencode"
 * import { OpencodeNode, OpencodeServer } from "effect-opencode/server"
 *
 * const Live = SessionService.layer.pipe(
 *   Layer.provide(OpencodeServer.layerClient()),
 *   Layer.provide(OpencodeServer.layer({ cwd: process.cwd() })),
 *   Layer.provide(OpencodeNode.layerHttpClient)
 * )
 * ```
 */
export * as OpencodeServer from "./layers/OpencodeServer.ts"
export * as OpencodeNode from "./layers/OpencodeNode.ts"
