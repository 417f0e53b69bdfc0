/**
 * effect-opencode, the client entry: the transport over `fetch` (Node, Bun, Deno, browsers; no
 * `node:*` module), the services, streams, runs and batches. Other entries, each paid for only
 * when imported: `/node` (Node's HTTP client: no 300 s limit on a synchronous prompt), `/server`
 * (the managed `opencode serve`), `/durable` (journaled batches), `/cluster` (cluster mode, with
 * `@effect/sql-pg`), `/testing` (the test kit), `/cli` (the command line).
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
 */
export * from "./Errors.ts"
export * from "./schema/index.ts"
export { Prompt } from "./schema/PromptInput.ts"
export * as OpencodeClient from "./layers/OpencodeClient.ts"
export * as OpencodeConfig from "./layers/OpencodeConfig.ts"
export * as SessionService from "./services/SessionService.ts"
export * as MessageService from "./services/MessageService.ts"
export * as MessageResult from "./services/MessageResult.ts"
export * as AgentService from "./services/AgentService.ts"
export * as ConfigService from "./services/ConfigService.ts"
export * as FileService from "./services/FileService.ts"
export * as McpService from "./services/McpService.ts"
export * as PermissionService from "./services/PermissionService.ts"
export * as ProjectService from "./services/ProjectService.ts"
export * as ProviderService from "./services/ProviderService.ts"
export * as PtyService from "./services/PtyService.ts"
export * as QuestionService from "./services/QuestionService.ts"
export * as ServerInfoService from "./services/ServerInfoService.ts"
export * as TuiService from "./services/TuiService.ts"
export * as EventService from "./services/EventService.ts"
export * as Lifecycle from "./streams/Lifecycle.ts"
export * as SseConnection from "./streams/SseConnection.ts"
export * as TextStream from "./streams/TextStream.ts"
export * as Run from "./services/Run.ts"
export * as StructuredOutput from "./services/StructuredOutput.ts"
export * as Batch from "./services/Batch.ts"
export * as Decode from "./streams/Decode.ts"
export * as Guard from "./streams/Guard.ts"
export * as ApiCall from "./api/Call.ts"
export * as Operations from "./api/Operations.ts"
export * as OpencodeV2 from "./api/V2.ts"
export * as Tasks from "./tasks/index.ts"
export * as Telemetry from "./telemetry/Telemetry.ts"
export * as TaskTelemetry from "./tasks/TaskTelemetry.ts"
