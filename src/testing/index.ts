/**
 * Test helpers for code built on effect-opencode (`effect-opencode/testing`): a scripted
 * OpenAI-compatible model, a real isolated `opencode serve` harness, a throwaway PostgreSQL
 * server, and a mock HTTP client.
 *
 * @example
 * ```ts
 * import { layer } from "@effect/vitest"
 * import { Effect } from "effect"
 * import { ScriptedModel, TestServer } from "effect-opencode/testing"
 *
 * layer(TestServer.layer(), { excludeTestServices: true })("feature", (it) => {
 *   it.effect("scripts the model", () => ScriptedModel.ScriptedModel.use((m) => m.script(ScriptedModel.text("Hi"))))
 * })
 * ```
 */

/**
 * A scripted OpenAI-compatible model server (`text`, `echo`, `toolCall`, `error`, `streamError`,
 * `delay`, `hang`), recording every request.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ScriptedModel } from "effect-opencode/testing"
 *
 * Effect.scoped(ScriptedModel.make({ script: [ScriptedModel.text("Hello")] }))
 * ```
 */
export * as ScriptedModel from "./ScriptedModel.ts"

/**
 * A real, isolated `opencode serve` wired to a scripted model, in a temporary git project.
 *
 * @example
 * ```ts
 * import { TestServer } from "effect-opencode/testing"
 *
 * const TestLive = TestServer.layer({ config: { permission: { bash: "ask" } } })
 * ```
 */
export * as TestServer from "./TestServer.ts"

/**
 * The temporary project directory of {@link TestServer.layer}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TestProject } from "effect-opencode/testing"
 *
 * TestProject.use((project) => Effect.log(project.directory))
 * ```
 */
export { TestProject } from "./TestServer.ts"

/**
 * The managed `opencode serve` process (also exported from `effect-opencode`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { OpencodeServer } from "effect-opencode/testing"
 *
 * OpencodeServer.OpencodeServer.use((server) => Effect.log(server.url))
 * ```
 */
export * as OpencodeServer from "../layers/OpencodeServer.ts"

/**
 * A throwaway PostgreSQL server on a free loopback port, in a temporary directory, that a test
 * can stop and start again; stopped and removed when its scope closes.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TestPostgres } from "effect-opencode/testing"
 *
 * Effect.scoped(Effect.flatMap(TestPostgres.make(), (pg) => pg.query("SELECT 1 AS one")))
 * ```
 */
export * as TestPostgres from "./TestPostgres.ts"

/**
 * A swapped `HttpClient` that records requests and answers them from a handler.
 *
 * @example
 * ```ts
 * import { MockHttp } from "effect-opencode/testing"
 *
 * MockHttp.json(200, { healthy: true })
 * ```
 */
export * as MockHttp from "./MockHttp.ts"
export * as FakeSse from "./FakeSse.ts"
export * as FaultProxy from "./FaultProxy.ts"
