/**
 * Structured output: ask for a value typed by an Effect Schema and get it back decoded. Starts an
 * embedded `opencode serve` with the scripted local model (offline, no API key), which answers a
 * structured-output request the way a real provider does: it calls opencode's `StructuredOutput`
 * tool with the JSON.
 *
 *   npx node examples/structured-output.ts
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer, Schema } from "effect"
import { Run } from "../src/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"
import { ScriptedModel, TestServer } from "../src/testing/index.ts"

/** What we want back: a review verdict. Prefer `Schema.Finite` to `Schema.Number` (see docs). */
export const Review = Schema.Struct({
  verdict: Schema.Literals(["approve", "request-changes"]),
  issues: Schema.Array(Schema.Struct({ file: Schema.String, line: Schema.Int, note: Schema.String }))
})

export const program = Effect.gen(function*() {
  const result = yield* Run.run("Review README.md and report the issues you find", {
    output: Review,
    outputRetries: 1,
    ephemeral: true
  })
  // `result.output` is typed: { verdict: "approve" | "request-changes", issues: ReadonlyArray<…> }
  yield* Console.log(`${result.output.verdict}: ${result.output.issues.length} issue(s)`)
  for (const issue of result.output.issues) yield* Console.log(`  ${issue.file}:${issue.line} ${issue.note}`)
  return result.output
}).pipe(
  // The model could not comply (opencode's StructuredOutputError, after its retries).
  Effect.catchTag("SessionError", (e) =>
    e.name === "StructuredOutputError" ? Effect.andThen(Console.log(`no structured answer: ${e.message}`), Effect.succeed(undefined)) : Effect.fail(e))
)

/** The scripted model's answer to any structured-output request. */
const answer = (request: ScriptedModel.ModelRequest): ScriptedModel.Reply =>
  request.outputSchema !== undefined
    ? ScriptedModel.structured({ verdict: "request-changes", issues: [{ file: "README.md", line: 1, note: "add a usage section" }] })
    : ScriptedModel.text("Ask me for structured output.")

export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({ model: { fallback: answer } })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  program.pipe(Effect.provide(Embedded), NodeRuntime.runMain)
}
