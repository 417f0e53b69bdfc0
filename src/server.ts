/**
 * `effect-opencode/server` (Node only): the managed `opencode serve`, started as a child process
 * in a project directory, ready once it answers, stopped with the scope; and the transport to it.
 * The binary comes from the `opencode-ai` package (an optional peer dependency), `$OPENCODE_BIN`
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
