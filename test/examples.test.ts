import { expect, layer } from "@effect/vitest"
import { Duration, Effect } from "effect"
import * as QuickTask from "../examples/quick-task.ts"
import * as StructuredOutputExample from "../examples/structured-output.ts"
import { SessionService } from "../src/index.ts"
import { ScriptedModel } from "../src/testing/index.ts"

layer(QuickTask.Embedded, { excludeTestServices: true, timeout: Duration.seconds(60) })("examples", (it) => {
  it.effect("quick-task prints the model's answer and deletes its session", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("An answer from the scripted model."))
      const { answer, sessionID } = yield* QuickTask.program("Write a haiku")
      expect(answer).toBe("An answer from the scripted model.")
      const sessions = yield* SessionService.SessionService
      const gone = yield* Effect.flip(sessions.get(sessionID))
      expect(gone._tag === "ApiError" && gone.isNotFound).toBe(true)
    }))
})

layer(StructuredOutputExample.Embedded, { excludeTestServices: true, timeout: Duration.seconds(60) })("examples: structured output", (it) => {
  it.effect("structured-output returns the model's review decoded by its Schema", () =>
    Effect.gen(function*() {
      const review = yield* StructuredOutputExample.program
      expect(review).toEqual({ verdict: "request-changes", issues: [{ file: "README.md", line: 1, note: "add a usage section" }] })
    }))
})
