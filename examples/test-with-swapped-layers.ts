/**
 * Testing with swapped layers: the code under test asks for services (`SessionService`, the run
 * services), never for a concrete server, so a test chooses what stands behind them:
 *
 * 1. `FakeSessions`: a hand-written `SessionService` (no HTTP at all);
 * 2. `MockedHttp`: the real `SessionService` over a swapped `HttpClient` (`MockHttp`) that answers
 *    canned JSON — the request path, decoding and errors are the real ones;
 * 3. `Embedded`: everything real — an isolated `opencode serve` in a temporary git project,
 *    answered by the scripted model (`ScriptedModel`), whose replies the test scripts.
 *
 * See test/examples/examples.test.ts for the three in use.
 *
 *   npx node examples/test-with-swapped-layers.ts
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { OpencodeClient, SessionService } from "../src/index.ts"
import * as Run from "../src/services/Run.ts"
import { MockHttp, ScriptedModel, TestServer } from "../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"

// --- the code under test ------------------------------------------------------------------------

/** The titles of the `n` most recently updated sessions. */
export const newestTitles = (n: number) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const all = yield* sessions.list()
    return [...all].sort((a, b) => b.time.updated - a.time.updated).slice(0, n).map((s) => s.title)
  })

/** Asks a question in a session that deletes itself, and returns the answer in upper case. */
export const shout = (question: string) =>
  Run.run(question, { ephemeral: true, timeout: "2 minutes" }).pipe(Effect.map((r) => r.text.toUpperCase()))

// --- 1. a hand-written service -------------------------------------------------------------------

const session = (id: string, title: string, updated: number) => ({
  id,
  slug: id,
  projectID: "global",
  directory: "/repo",
  title,
  version: "1.18.33",
  time: { created: updated, updated }
})

/** Only what the code under test calls; anything else would be a test bug, so it dies. */
export const FakeSessions = Layer.succeed(
  SessionService.SessionService,
  new Proxy({
    list: () => Effect.succeed([session("ses_a", "older", 1), session("ses_b", "newer", 2)])
  } as unknown as SessionService.Service, {
    get: (target, key) => (target as never)[key] ?? (() => Effect.die(`FakeSessions: ${String(key)} is not faked`))
  })
)

// --- 2. the real service over a swapped HttpClient ---------------------------------------------------

// `Layer.fresh`: layers are memoized by reference, so inside a program that already built
// `SessionService.layer` over a real client (a test suite's shared layer) the constant would be
// reused as it is; `fresh` builds it again, over the mock.
export const MockedHttp = Layer.fresh(SessionService.layer).pipe(
  Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test" })),
  Layer.provideMerge(
    MockHttp.layer((request) =>
      request.method === "GET" && request.url.pathname === "/session"
        ? MockHttp.json(200, [session("ses_a", "from the mock", 5), session("ses_b", "older mock", 4)])
        : MockHttp.json(404, { name: "NotFoundError", data: { message: `no route ${request.url.pathname}` } })
    )
  )
)

// --- 3. a real server and the scripted model ----------------------------------------------------------

export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  Effect.gen(function*() {
    yield* Console.log("fake:", yield* newestTitles(1).pipe(Effect.provide(FakeSessions)))
    yield* Console.log("mocked HTTP:", yield* newestTitles(1).pipe(Effect.provide(MockedHttp)))
    yield* Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("a scripted answer"))
      yield* Console.log("real server:", yield* shout("Say something"))
    }).pipe(Effect.provide(Embedded))
  }).pipe(NodeRuntime.runMain)
}
