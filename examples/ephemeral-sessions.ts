/**
 * Ephemeral sessions: sessions that delete themselves, whatever happens — when the work
 * succeeds, fails, or is interrupted. Two ways: `SessionService.createScoped` (the session lives
 * as long as the scope) and `Run.run(prompt, { ephemeral: true })` (the run's session is deleted
 * when the run ends).
 *
 *   npx node examples/ephemeral-sessions.ts
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { MessageResult, MessageService, SessionService } from "../src/index.ts"
import * as Run from "../src/services/Run.ts"
import { TestServer } from "../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"

export const program = Effect.gen(function*() {
  const sessions = yield* SessionService.SessionService
  const messages = yield* MessageService.MessageService

  // 1. A scoped session: two prompts in it, deleted when the scope closes.
  const scopedID = yield* Effect.scoped(Effect.gen(function*() {
    const session = yield* sessions.createScoped({ title: "scratch" })
    const first = yield* messages.prompt(session.id, "Remember the number 42.")
    const second = yield* messages.prompt(session.id, "Which number?")
    yield* Console.log(`scoped: ${MessageResult.finalText(first)} / ${MessageResult.finalText(second)}`)
    return session.id
  }))

  // 2. An ephemeral run: its session is deleted when the run ends.
  const run = yield* Run.run("One quick answer, please.", { ephemeral: true, timeout: "5 minutes" })
  yield* Console.log(`ephemeral run: ${run.text}`)

  // 3. Deleted on failure too: the scope closes with the error.
  const failedID = yield* Effect.scoped(Effect.gen(function*() {
    const session = yield* sessions.createScoped({ title: "doomed" })
    return yield* Effect.fail({ _tag: "Oops" as const, sessionID: session.id })
  })).pipe(Effect.catchTag("Oops", (e) => Effect.succeed(e.sessionID)))

  // None of them is left.
  const left: Array<string> = []
  for (const id of [scopedID, run.sessionID, failedID]) {
    const exists = yield* sessions.get(id).pipe(
      Effect.as(true),
      Effect.catchTag("ApiError", (e) => (e.isNotFound ? Effect.succeed(false) : Effect.fail(e)))
    )
    if (exists) left.push(id)
  }
  yield* Console.log(left.length === 0 ? "all three sessions are gone" : `left behind: ${left.join(", ")}`)
  return { deleted: [scopedID, run.sessionID, failedID], left }
})

/** Offline: an embedded `opencode serve` in a temporary project, answered by the scripted model. */
export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  program.pipe(Effect.provide(Embedded), NodeRuntime.runMain)
}
