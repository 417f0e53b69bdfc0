/**
 * examples/telemetry.ts against a real `opencode serve` and the scripted model: its span tree
 * has the run, the batch and its tasks, and the calls under them; its metrics are the library's.
 */
import { expect, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as TelemetryExample from "../../examples/telemetry.ts"

layer(Layer.merge(TelemetryExample.Embedded, TelemetryExample.Tracing), { excludeTestServices: true, timeout: Duration.seconds(120) })(
  "examples",
  (it) => {
    it.effect("telemetry: a run and a batch traced, with the library's metrics", () =>
      Effect.gen(function*() {
        const r = yield* TelemetryExample.program
        expect(r.batch.failed).toEqual([])
        // the run and the batch are roots; a task's calls sit two levels under its batch
        expect(r.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^opencode\.run /), expect.stringMatching(/^opencode\.batch /)]))
        expect(r.lines).toContainEqual(expect.stringMatching(/^  opencode\.batch\.task /))
        const trimmed = r.lines.map((l) => l.trim().split("  (")[0])
        expect(trimmed).toContain("opencode.run")
        expect(trimmed).toContain("opencode.batch")
        expect(trimmed.filter((l) => l === "opencode.batch.task")).toHaveLength(2)
        expect(trimmed).toContain("POST /session/{sessionID}/prompt_async")
        expect(r.metrics).toEqual(expect.arrayContaining(["opencode.tasks.started", "opencode.tokens", "opencode.prompt.duration"]))
      }))
  }
)
