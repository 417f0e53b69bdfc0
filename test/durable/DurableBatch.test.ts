import { expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as DurableBatch from "../../src/durable/DurableBatch.ts"
import * as Journal from "../../src/durable/Journal.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import { countOnServer, serverLayer, slowEcho, tempDir } from "./helpers.ts"

layer(serverLayer(), { excludeTestServices: true, timeout: "120 seconds" })("DurableBatch (real opencode serve)", (it) => {
  it.effect("runs every task once; a second run reads them all from the journal", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(50))
      const journal = NodePath.join(tempDir(), "run.jsonl")
      const tasks = Array.from({ length: 6 }, (_, i) => `BASIC-${i} hello`)
      const first = yield* DurableBatch.run(tasks, { journal, concurrency: 3 })
      expect(first.finished.length).toBe(6)
      expect(first.finished.map((f) => f.output.text)).toEqual(tasks.map((t) => `done: ${t}`))
      expect(first.finished.every((f) => f.source === "run")).toBe(true)
      expect(first.tokens).toBeGreaterThan(0)
      const second = yield* DurableBatch.run(tasks, { journal, concurrency: 3 })
      expect(second.finished.map((f) => f.source)).toEqual(tasks.map(() => "journal"))
      expect(second.finished.map((f) => f.output.text)).toEqual(first.finished.map((f) => f.output.text))
      const count = yield* countOnServer(/BASIC-(\d+)/)
      expect([...count.prompts.values()]).toEqual(tasks.map(() => 1))
      const status = yield* Journal.status(journal)
      expect(status).toMatchObject({ total: 6, done: 6, failed: 0, running: 0, interrupted: 0, pending: 0 })
      expect(NodeFs.existsSync(`${journal}.lock`)).toBe(false)
    }))
})
