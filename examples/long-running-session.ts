/**
 * Long-running session: one session carried through several steps (each a `Run.run` in the same
 * session, with a deadline), the files each step changed, then a summary of the whole session
 * and its total diff. The session is kept, so you can come back to it
 * (`effect-opencode sessions diff <id>`).
 *
 *   npx node examples/long-running-session.ts "Write notes.md with a plan" "Now refine the plan"
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { SessionService } from "../src/index.ts"
import * as Run from "../src/services/Run.ts"
import { TestServer } from "../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"

export const program = (steps: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const session = yield* sessions.create({ title: "long-running session" })
    yield* Console.log(`session ${session.id}`)
    const results: Array<Run.RunResult> = []
    for (const [i, step] of steps.entries()) {
      // Each step waits for the session to be idle again; a step that takes too long is aborted
      // on the server and fails with a TimeoutError.
      const result = yield* Run.run(step, { sessionID: session.id, timeout: "10 minutes" })
      const files = result.diff.map((d) => `${d.file} (+${d.additions} -${d.deletions})`)
      yield* Console.log(`step ${i + 1}: ${result.text}`)
      yield* Console.log(`  changed: ${files.length > 0 ? files.join(", ") : "nothing"} · ${result.tokens.total} tokens`)
      results.push(result)
    }
    // Compacts the conversation; the summary is the model's, the file changes are the union of
    // every step's.
    const summary = yield* sessions.summarize(session.id)
    yield* Console.log(`summary: ${summary.summary}`)
    const diff = yield* sessions.diff(session.id)
    yield* Console.log(`files changed in the session: ${diff.map((d) => d.file).join(", ") || "none"}`)
    return { sessionID: session.id, results, summary: summary.summary, files: diff.map((d) => d.file) }
  })

/** Offline: an embedded `opencode serve` in a temporary project, answered by the scripted model. */
export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  const steps = process.argv.slice(2)
  program(steps.length > 0 ? steps : ["Make a plan", "Refine it"]).pipe(Effect.provide(Embedded), NodeRuntime.runMain)
}
