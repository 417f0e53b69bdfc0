import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as NodePath from "node:path"
import * as DurableBatch from "../../src/durable/DurableBatch.ts"
import * as Batch from "../../src/services/Batch.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as StructuredOutput from "../../src/services/StructuredOutput.ts"
import { taskKey, toPlain } from "../../src/tasks/Task.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import { serverLayer, tempDir } from "../durable/helpers.ts"

const Verdict = Schema.Struct({
  verdict: Schema.Literals(["pass", "fail"]),
  score: Schema.Finite
})

/** A refinement the JSON Schema does not carry: the server accepts any number, the Schema only even ones. */
const Even = Schema.Struct({ n: Schema.Number.check(Schema.makeFilter((n: number) => n % 2 === 0, { expected: "an even number" })) })

/** A transformation: the JSON is a string, the decoded value a number. */
const Count = Schema.Struct({ count: Schema.NumberFromString })

describe("StructuredOutput (pure)", () => {
  it("jsonSchema describes the Schema's JSON side", () => {
    const js = StructuredOutput.jsonSchema(Verdict)
    expect(js).toMatchObject({
      type: "object",
      properties: { verdict: { enum: ["pass", "fail"] }, score: { type: "number" } },
      required: ["verdict", "score"]
    })
    expect(StructuredOutput.jsonSchema(Count)).toMatchObject({ properties: { count: { type: "string" } } })
    expect(StructuredOutput.format(Verdict, { retryCount: 1 })).toMatchObject({ type: "json_schema", retryCount: 1 })
  })

  it.effect("decode: a value the Schema rejects is a DecodeError naming the issue", () =>
    Effect.gen(function*() {
      expect(yield* StructuredOutput.decode(Count, { count: "3" })).toEqual({ count: 3 })
      const error = yield* Effect.flip(StructuredOutput.decode(Even, { n: 3 }))
      expect(error._tag).toBe("DecodeError")
      expect(error.endpoint).toBe("structured output")
      expect(error.issue).toContain("even")
    }))
})

describe("StructuredOutput in task keys", () => {
  it("a task's key includes its output Schema, and a JSON copy (what a cluster ships) no longer matches", () => {
    const task = { prompt: "Review", options: { output: Verdict } }
    expect(taskKey(task)).not.toBe(taskKey({ prompt: "Review" }))
    expect(taskKey(task)).toBe(taskKey({ prompt: "Review", options: { output: Verdict } }))
    expect(taskKey(task)).not.toBe(taskKey({ prompt: "Review", options: { output: Count } }))
    // A JSON copy loses the Schema: ClusterBatch ships `toPlain`'s form instead.
    expect(taskKey(JSON.parse(JSON.stringify(task)))).not.toBe(taskKey(task))
  })

  it.effect("toPlain: the Schema goes as the prompt's format (its JSON Schema), which survives JSON", () =>
    Effect.gen(function*() {
      const plain = yield* toPlain({ prompt: "Review", name: "r", options: { output: Verdict, outputRetries: 1, agent: "plan" } })
      expect(plain).toEqual({
        prompt: { parts: [{ type: "text", text: "Review" }], format: StructuredOutput.format(Verdict, { retryCount: 1 }) },
        name: "r",
        options: { agent: "plan" }
      })
      expect(taskKey(JSON.parse(JSON.stringify(plain)))).toBe(taskKey(plain))
      const untouched = { prompt: "Review" }
      expect(yield* toPlain(untouched)).toBe(untouched)
    }))
})

layer(serverLayer(), { excludeTestServices: true, timeout: "120 seconds" })("StructuredOutput (real opencode serve)", (it) => {
  it.effect("Run.run with output: the server's value comes back decoded and typed", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.structured({ verdict: "pass", score: 7 }))
      const result = yield* Run.run("Review the project", { output: Verdict, outputRetries: 1 })
      const typed: { readonly verdict: "pass" | "fail"; readonly score: number } = result.output
      expect(typed).toEqual({ verdict: "pass", score: 7 })
      expect(result.structured).toEqual({ verdict: "pass", score: 7 })
      expect(result.messages.length).toBe(1)
      expect(result.tokens.total).toBeGreaterThan(0)
      // What the model saw: the server's StructuredOutput tool, with the Schema's JSON Schema.
      const chat = (yield* model.requests).filter((r) => r.kind === "chat")
      expect(chat.length).toBe(1)
      expect(chat[0]!.outputSchema).toMatchObject({ type: "object", required: ["verdict", "score"] })
      expect(chat[0]!.body.tool_choice).toBe("required")
    }))

  it.effect("a model that never complies ends in the server's StructuredOutputError, typed", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(ScriptedModel.text("I would rather chat"))
      const error = yield* Effect.flip(Run.run("Review the project", { output: Verdict, outputRetries: 0 }))
      expect(error._tag).toBe("SessionError")
      if (error._tag !== "SessionError") return
      expect(error.name).toBe("StructuredOutputError")
      expect(error.error).toMatchObject({ name: "StructuredOutputError" })
    }))

  it.effect("a value the server accepted but the Schema rejects is a DecodeError", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.structured({ n: 3 }))
      const error = yield* Effect.flip(Run.run("Pick a number", { output: Even }))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.endpoint).toBe("structured output")
      expect(error.body).toBe(`{"n":3}`)
      // A transformation decodes: the JSON string becomes a number.
      yield* model.script(ScriptedModel.structured({ count: "41" }))
      const counted = yield* Run.run("Count", { output: Count })
      expect(counted.output.count).toBe(41)
    }))

  it.effect("Batch tasks with output: each result carries the server's JSON, checked by the Schema", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback((request) =>
        ScriptedModel.structured({ verdict: request.lastUserText.includes("bad") ? "fail" : "pass", score: 1 })
      )
      const result = yield* Batch.run([
        { prompt: "good one", options: { output: Verdict } },
        { prompt: "bad one", options: { output: Verdict } },
        { prompt: "odd one", options: { output: Even } }
      ], { concurrency: 2 })
      expect(result.finished.map((f) => f.output.structured)).toEqual([
        { verdict: "pass", score: 1 },
        { verdict: "fail", score: 1 }
      ])
      expect(result.failed.length).toBe(1)
      expect(result.failed[0]!.error._tag).toBe("DecodeError")
    }))

  it.effect("DurableBatch: the structured JSON survives the journal and decodes on read", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(ScriptedModel.structured({ count: "12" }))
      const journal = NodePath.join(tempDir(), "run.jsonl")
      const tasks = [{ prompt: "count the files", options: { output: Count } }]
      const first = yield* DurableBatch.run(tasks, { journal })
      expect(first.finished.length).toBe(1)
      const second = yield* DurableBatch.run(tasks, { journal })
      expect(second.finished[0]!.source).toBe("journal")
      expect(second.finished[0]!.output.structured).toEqual({ count: "12" })
      expect(yield* StructuredOutput.decode(Count, second.finished[0]!.output.structured)).toEqual({ count: 12 })
    }))

  it.effect("StructuredOutput.prompt: a synchronous prompt in a session returns the decoded value", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.structured({ verdict: "fail", score: 2 }))
      const session = yield* SessionService.use((s) => s.create({ title: "structured prompt" }))
      const reply = yield* StructuredOutput.prompt(session.id, "Review it", Verdict, { retryCount: 0 })
      expect(reply.output).toEqual({ verdict: "fail", score: 2 })
      yield* model.setFallback(ScriptedModel.text("no"))
      const error = yield* Effect.flip(StructuredOutput.prompt(session.id, "Again", Verdict, { retryCount: 0 }))
      expect(error._tag === "SessionError" && error.name).toBe("StructuredOutputError")
      // The session's history stays readable (around opencode's listing defect): newest replies first.
      const listed = yield* Effect.flatMap(MessageService, (m) => m.list(session.id))
      expect(listed.length).toBeGreaterThan(0)
    }))
})
