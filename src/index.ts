/**
 * effect-opencode: an Effect-native client for the OpenCode AI coding-agent server.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, SessionService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const sessions = yield* SessionService.SessionService
 *   return yield* sessions.list({ limit: 5 })
 * })
 *
 * program.pipe(
 *   Effect.provide(SessionService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 */
export * from "./Errors.ts"
export * from "./schema/index.ts"
export { Prompt } from "./schema/PromptInput.ts"
export * as OpencodeClient from "./layers/OpencodeClient.ts"
export * as OpencodeConfig from "./layers/OpencodeConfig.ts"
export * as OpencodeServer from "./layers/OpencodeServer.ts"
export * as SessionService from "./services/SessionService.ts"
export * as MessageService from "./services/MessageService.ts"
export * as MessageResult from "./services/MessageResult.ts"
