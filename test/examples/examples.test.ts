/**
 * The examples run against a real `opencode serve` (one, shared, in a temporary git project) and
 * the scripted model, so they never rot.
 */
import { expect, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as BatchReview from "../../examples/batch-review.ts"
import * as EphemeralSessions from "../../examples/ephemeral-sessions.ts"
import * as LongRunningSession from "../../examples/long-running-session.ts"
import * as SwappedLayers from "../../examples/test-with-swapped-layers.ts"
import * as WatchEvents from "../../examples/watch-events.ts"
import * as Run from "../../src/services/Run.ts"
import { ScriptedModel, TestServer } from "../../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Shared = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({ files: { "src/a.ts": "export const a = 1\n", "src/b.ts": "export const b = 2\n" } })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

const freshModel = Effect.gen(function*() {
  const model = yield* ScriptedModel.ScriptedModel
  yield* model.reset
  return model
})

layer(Shared, { excludeTestServices: true, timeout: Duration.seconds(90) })("examples", (it) => {
  it.effect("long-running-session: two steps in one session, the files they changed, a summary", () =>
    Effect.gen(function*() {
      const model = yield* freshModel
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath: "notes.md", content: "# Plan\n- one\n" }),
        ScriptedModel.text("Wrote the plan."),
        ScriptedModel.text("The plan is fine.")
      )
      const r = yield* LongRunningSession.program(["Write notes.md with a plan", "Check the plan"])
      expect(r.results.map((x) => x.text)).toEqual(["Wrote the plan.", "The plan is fine."])
      expect(r.results[0]!.diff.map((d) => d.file)).toEqual(["notes.md"])
      expect(r.results[1]!.diff).toEqual([])
      expect(r.summary).toMatch(/^Summary: /)
      expect(r.files).toEqual(["notes.md"])
    }))

  it.effect("watch-events: the lifecycle and the streamed text of a prompt", () =>
    Effect.gen(function*() {
      const model = yield* freshModel
      yield* model.script(ScriptedModel.text("Effect is a TypeScript library for typed, composable programs.", { chunks: 5 }))
      const r = yield* WatchEvents.program("Explain Effect in one sentence")
      expect(r.text).toBe("Effect is a TypeScript library for typed, composable programs.")
      expect(r.states).toContain("active")
      expect(r.states.at(-1)).toBe("completed")
    }))

  it.effect("batch-review: every tracked file reviewed, five at a time", () =>
    Effect.gen(function*() {
      yield* freshModel // echoes each prompt
      const project = yield* TestServer.TestProject
      const r = yield* BatchReview.program(project.directory)
      expect(r.failed).toEqual([])
      expect(r.reviews.map((x) => x.file).sort()).toEqual(["README.md", "src/a.ts", "src/b.ts"])
      for (const x of r.reviews) expect(x.review).toBe(BatchReview.reviewPrompt(x.file))
    }))

  it.effect("ephemeral-sessions: no session is left behind", () =>
    Effect.gen(function*() {
      yield* freshModel
      const r = yield* EphemeralSessions.program
      expect(r.deleted).toHaveLength(3)
      expect(r.left).toEqual([])
    }))

  it.effect("test-with-swapped-layers: the same code over a fake service, a mocked HttpClient and a real server", () =>
    Effect.gen(function*() {
      expect(yield* SwappedLayers.newestTitles(1).pipe(Effect.provide(SwappedLayers.FakeSessions))).toEqual(["newer"])
      expect(yield* SwappedLayers.newestTitles(1).pipe(Effect.provide(SwappedLayers.MockedHttp))).toEqual(["from the mock"])
      const model = yield* freshModel
      yield* model.script(ScriptedModel.text("quiet please"))
      expect(yield* SwappedLayers.shout("Say something")).toBe("QUIET PLEASE")
    }))
})
