/**
 * Test helpers for code built on effect-opencode (`effect-opencode/testing`): a scripted
 * OpenAI-compatible model, a real isolated `opencode serve` harness, a throwaway PostgreSQL
 * server, a mock HTTP client, a fake SSE server and a fault-injecting proxy. Start with
 * {@link TestServer.layer} (its example shows a test).
 */

/** A scripted OpenAI-compatible model server (`text`, `toolCall`, `streamError`, `hang`, …), recording every request. */
export * as ScriptedModel from "./ScriptedModel.ts"

/** A real, isolated `opencode serve` wired to a scripted model, in a temporary git project. */
export * as TestServer from "./TestServer.ts"

/** The temporary project directory of {@link TestServer.layer}. */
export { TestProject } from "./TestServer.ts"

/** The managed `opencode serve` process (also exported from `effect-opencode/server`). */
export * as OpencodeServer from "../layers/OpencodeServer.ts"

/** A throwaway PostgreSQL server on a free loopback port that a test can stop and start again. */
export * as TestPostgres from "./TestPostgres.ts"

/** A swapped `HttpClient` that records requests and answers them from a handler. */
export * as MockHttp from "./MockHttp.ts"
/** A fake SSE server on loopback, for event consumers under connection faults. */
export * as FakeSse from "./FakeSse.ts"
/** A fault-injecting HTTP proxy on loopback. */
export * as FaultProxy from "./FaultProxy.ts"
