import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { describe, expect, it, layer } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Schedule } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as DurableBatch from "../../src/durable/DurableBatch.ts"
import * as Journal from "../../src/durable/Journal.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import { countOnServer, serverLayer, slowEcho, tempDir } from "./helpers.ts"

/** The model has a price, so that tasks cost something. */
const Live = serverLayer({
  config: { provider: { local: { models: { echo: { name: "Echo", cost: { input: 100, output: 100 } } } } } }
})

const journalPath = () => NodePath.join(tempDir(), "run.jsonl")

const records = (path: string) =>
  NodeFs.readFileSync(path, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>)

const waitForRecord = (path: string, type: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 400; i++) {
      if (NodeFs.existsSync(path) && records(path).some((r) => r.type === type)) return
      yield* Effect.sleep("25 millis")
    }
    return yield* Effect.die(new Error(`no ${type} record in ${path}`))
  })

const idleSoon = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    for (let i = 0; i < 100; i++) {
      if ((yield* sessions.statusOf(sessionID)).type === "idle") return true
      yield* Effect.sleep("50 millis")
    }
    return false
  })

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("DurableBatch (real opencode serve)", (it) => {
  it.effect("runs every task once; a second run reads them all from the journal", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(50))
      const journal = journalPath()
      const tasks = Array.from({ length: 6 }, (_, i) => `BASIC-${i} hello`)
      const progress: Array<DurableBatch.Progress> = []
      const first = yield* DurableBatch.run(tasks, { journal, concurrency: 3, onProgress: (p) => void progress.push(p) })
      expect(first.mode).toBe("holder")
      expect(first.finished.length).toBe(6)
      expect(first.finished.map((f) => f.output.text)).toEqual(tasks.map((t) => `done: ${t}`))
      expect(first.finished.every((f) => f.source === "run")).toBe(true)
      expect(first.tokens).toBeGreaterThan(0)
      expect(first.cost).toBeGreaterThan(0)
      expect(Math.max(...progress.map((p) => p.running))).toBeLessThanOrEqual(3)
      expect(progress.at(-1)).toEqual({ total: 6, finished: 6, failed: 0, skipped: 0, running: 0 })
      const announced: Array<DurableBatch.TaskResult> = []
      const second = yield* DurableBatch.run(tasks, { journal, concurrency: 3, onResult: (r) => void announced.push(r) })
      expect(second.finished.map((f) => f.source)).toEqual(tasks.map(() => "journal"))
      expect(announced.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5])
      expect(second.finished.map((f) => f.output)).toEqual(first.finished.map((f) => f.output))
      const count = yield* countOnServer(/BASIC-(\d+)/)
      expect([...count.prompts.values()]).toEqual(tasks.map(() => 1))
      const status = yield* Journal.status(journal)
      expect(status).toMatchObject({ total: 6, done: 6, failed: 0, running: 0, interrupted: 0, pending: 0 })
      expect(status.cost).toBeCloseTo(first.cost)
      expect(NodeFs.existsSync(`${journal}.lock`)).toBe(false)
      // The journal: batch, then claimed → prompted → finished per task.
      const types = records(journal).map((r) => r.type)
      expect(types[0]).toBe("batch")
      expect(types.filter((t) => t === "claimed").length).toBe(6)
      expect(types.filter((t) => t === "prompted").length).toBe(6)
      expect(types.filter((t) => t === "finished").length).toBe(6)
    }))

  it.effect("a stalled task (the model hangs) ends as StallError within the deadline, aborted; the batch goes on", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback((r) => (r.lastUserText.includes("STALL") ? ScriptedModel.hang : slowEcho(100)(r)))
      const journal = journalPath()
      const t0 = Date.now()
      const result = yield* DurableBatch.run(["ok-1", "STALL here", "ok-2", "ok-3"], {
        journal,
        concurrency: 2,
        stallTimeout: "2 seconds"
      })
      const millis = Date.now() - t0
      expect(result.results.map((r) => r._tag)).toEqual(["Finished", "Failed", "Finished", "Finished"])
      const failed = result.failed[0]!
      expect(failed.error._tag).toBe("StallError")
      if (failed.error._tag !== "StallError") return
      expect(failed.error.idleMillis).toBeGreaterThanOrEqual(2000)
      expect(failed.error.idleMillis).toBeLessThan(4000)
      expect(failed.error.lastActivity.at).toBeGreaterThanOrEqual(t0)
      expect(failed.error.lastActivity.type).not.toBe("")
      expect(failed.journaled).toBe(true)
      expect(millis).toBeLessThan(15_000)
      // Aborted on the server.
      expect(yield* idleSoon(failed.error.sessionID)).toBe(true)
      const end = records(journal).find((r) => r.type === "failed")!
      expect(end).toMatchObject({ final: true, retryable: true, error: { _tag: "StallError" } })
    }))

  it.effect("budgets: no new task once maxCost is reached, tasks under way finish; a resume with a larger budget runs the rest", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(200))
      const journal = journalPath()
      const tasks = Array.from({ length: 6 }, (_, i) => `BUDGET-${i}`)
      const first = yield* DurableBatch.run(tasks, { journal, concurrency: 2, maxCost: 0.000001 })
      // The first two started together; both finished; nothing else started.
      expect(first.results.map((r) => r._tag)).toEqual(["Finished", "Finished", "Skipped", "Skipped", "Skipped", "Skipped"])
      for (const s of first.skipped) {
        expect(s.reason._tag).toBe("BudgetExceeded")
        expect(s.reason.limit).toBe("maxCost")
        expect(s.reason.spent).toBeGreaterThan(0.000001)
      }
      expect((yield* countOnServer(/BUDGET-(\d+)/)).prompts.size).toBe(2)
      const status = yield* Journal.status(journal)
      expect(status).toMatchObject({ done: 2, pending: 4 })
      // maxTokens works the same way.
      const byTokens = yield* DurableBatch.run(tasks, { journal, concurrency: 1, maxTokens: 1 })
      expect(byTokens.skipped.map((s) => s.reason.limit)).toEqual(["maxTokens", "maxTokens", "maxTokens", "maxTokens"])
      const rest = yield* DurableBatch.run(tasks, { journal, concurrency: 2, maxCost: 1_000 })
      expect(rest.finished.map((f) => f.source)).toEqual(["journal", "journal", "run", "run", "run", "run"])
    }))

  it.effect("summaries: the result carries the summary; a failed summarize (the server says true) fails the task", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(20))
      yield* model.setSummary(ScriptedModel.text("A short summary."))
      const good = yield* DurableBatch.run([{ prompt: "SUMMARY ok", summarize: true }], { journal: journalPath() })
      expect(good.finished[0]!.output.summary).toBe("A short summary.")
      yield* model.setSummary(ScriptedModel.streamError("half a summ"))
      const journal = journalPath()
      const bad = yield* DurableBatch.run([{ prompt: "SUMMARY broken", summarize: true }], { journal })
      const failure = bad.failed[0]!
      expect(failure.error._tag).toBe("SessionError")
      expect(failure.journaled).toBe(true)
      expect(records(journal).find((r) => r.type === "failed")).toMatchObject({ error: { _tag: "SessionError" } })
    }))

  it.effect("retry: a Schedule retries a failed turn in a new session; without one, retryFailed runs it again later", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      let flaky = 0
      yield* model.setFallback((r) => {
        if (r.lastUserText.includes("FLAKY") && flaky++ === 0) return ScriptedModel.streamError("oops")
        return slowEcho(20)(r)
      })
      const journal = journalPath()
      const result = yield* DurableBatch.run(["FLAKY-1 once"], { journal, retry: Schedule.recurs(2) })
      expect(result.finished.length).toBe(1)
      const types = records(journal).map((r) => `${r.type}${r.type === "failed" ? `:${r.final}` : ""}`)
      expect(types).toEqual(["batch", "claimed", "prompted", "failed:false", "claimed", "prompted", "finished"])
      expect((yield* countOnServer(/FLAKY-(\d+)/)).prompts.get(1)).toBe(2)

      // No schedule: the failure is final; a later run with retryFailed runs it again.
      flaky = 0
      const second = journalPath()
      const failed = yield* DurableBatch.run(["FLAKY-2 later"], { journal: second })
      expect(failed.failed[0]!.error._tag).toBe("SessionError")
      const again = yield* DurableBatch.run(["FLAKY-2 later"], { journal: second })
      expect(again.failed[0]!.source).toBe("journal")
      const retried = yield* DurableBatch.run(["FLAKY-2 later"], { journal: second, retryFailed: true })
      expect(retried.finished[0]!.source).toBe("run")
      expect(yield* Journal.status(second)).toMatchObject({ done: 1, failed: 0 })
    }))

  it.effect("a changed task list is detected; allowChangedTasks runs the new tasks and lists the removed ones", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(10))
      const journal = journalPath()
      yield* DurableBatch.run(["LIST a", "LIST b"], { journal })
      const error = yield* Effect.flip(DurableBatch.run(["LIST a", "LIST b", "LIST c"], { journal }))
      expect(error).toMatchObject({ _tag: "JournalError", reason: "TaskListChanged" })
      expect(error.message).toContain("1 added, 0 removed")
      const more = yield* DurableBatch.run(["LIST a", "LIST b", "LIST c"], { journal, allowChangedTasks: true })
      expect(more.finished.map((f) => f.source)).toEqual(["journal", "journal", "run"])
      const fewer = yield* DurableBatch.run(["LIST b"], { journal, allowChangedTasks: true })
      expect(fewer.removed).toEqual([DurableBatch.taskKey("LIST a"), DurableBatch.taskKey("LIST c")])
      // Keys: content hashes, repeated content numbered, given keys kept.
      expect(yield* DurableBatch.taskKeys(["x", { prompt: "x" }, { key: "mine", prompt: "x" }])).toEqual([
        DurableBatch.taskKey("x"),
        `${DurableBatch.taskKey("x")}~2`,
        "mine"
      ])
      expect(yield* Effect.flip(DurableBatch.taskKeys([{ key: "k", prompt: "a" }, { key: "k", prompt: "b" }]))).toMatchObject({
        _tag: "ValidationError"
      })
    }))

  it.effect("interrupted after its prompt was accepted, a task is re-attached by the next run, never sent again", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(2_500))
      const journal = journalPath()
      const fiber = yield* Effect.forkChild(DurableBatch.run(["REATTACH-1 slow"], { journal }))
      yield* waitForRecord(journal, "prompted")
      yield* Fiber.interrupt(fiber)
      expect(NodeFs.existsSync(`${journal}.lock`)).toBe(false)
      expect(yield* Journal.status(journal)).toMatchObject({ interrupted: 1 })
      const result = yield* DurableBatch.run(["REATTACH-1 slow"], { journal })
      expect(result.finished[0]!.source).toBe("resumed")
      expect(result.finished[0]!.output.text).toBe("done: REATTACH-1 slow")
      const count = yield* countOnServer(/REATTACH-(\d+)/)
      expect(count.prompts.get(1)).toBe(1)
      expect(count.replies.get(1)).toBe(1)
      expect(records(journal).filter((r) => r.type === "prompted").length).toBe(1)
    }))

  it.effect("join: a rival's claim read by another worker between a pick and its claim is not taken over (the prompt is sent once)", () =>
    Effect.gen(function*() {
      // The interleaving CI once hit with two processes: B picks R0 while it is free; before B
      // writes its claim, A claims R0 and B's own claim of R1 reads A's claim into B's state.
      // B's claim of R0 must still name the owner B saw at its pick (none), and so lose.
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(300))
      const journal = journalPath()
      const tasks = [{ key: "R0", prompt: "RACE-0 go" }, { key: "R1", prompt: "RACE-1 go" }]
      const aAtSession = yield* Deferred.make<void>()
      const gateA = yield* Deferred.make<void>()
      const aSentR0 = yield* Deferred.make<void>()
      const bAtClaim = { R0: yield* Deferred.make<void>(), R1: yield* Deferred.make<void>() }
      const bSentR1 = yield* Deferred.make<void>()
      const a = yield* Effect.forkChild(DurableBatch.run(tasks, {
        journal,
        concurrency: 1,
        onStep: (step, key) =>
          step === "session" && key === "R0"
            ? Effect.andThen(Deferred.succeed(aAtSession, undefined), Deferred.await(gateA))
            : step === "send" && key === "R0"
            ? Deferred.succeed(aSentR0, undefined)
            : undefined
      }))
      yield* Deferred.await(aAtSession)
      const b = yield* Effect.forkChild(DurableBatch.run(tasks, {
        journal,
        join: true,
        concurrency: 2,
        pollInterval: "20 millis",
        onStep: (step, key) => {
          if (step === "claim" && (key === "R0" || key === "R1")) {
            return Effect.andThen(
              Deferred.succeed(bAtClaim[key], undefined),
              Deferred.await(key === "R1" ? aSentR0 : bSentR1)
            )
          }
          return step === "send" && key === "R1" ? Deferred.succeed(bSentR1, undefined) : undefined
        }
      }))
      yield* Deferred.await(bAtClaim.R0)
      yield* Deferred.await(bAtClaim.R1)
      yield* Deferred.succeed(gateA, undefined)
      const [resultA, resultB] = [yield* Fiber.join(a), yield* Fiber.join(b)]
      expect(resultA.mode).toBe("holder")
      expect(resultB.mode).toBe("joined")
      for (const result of [resultA, resultB]) {
        expect(result.finished.map((f) => f.output.text)).toEqual(["done: RACE-0 go", "done: RACE-1 go"])
      }
      const claims = records(journal).filter((r) => r.type === "claimed" && r.key === "R0")
      expect(claims.length).toBe(2) // A's, then B's losing one
      const count = yield* countOnServer(/RACE-(\d+)/)
      expect([...count.prompts.entries()].sort()).toEqual([[0, 1], [1, 1]])
    }))

  it.effect("a resumed task whose session was deleted is reported as TaskLost, not sent again", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(ScriptedModel.hang)
      const journal = journalPath()
      const fiber = yield* Effect.forkChild(DurableBatch.run(["DELETED-1"], { journal }))
      yield* waitForRecord(journal, "prompted")
      yield* Fiber.interrupt(fiber)
      const sessionID = records(journal).find((r) => r.type === "claimed")!.sessionID as string
      const sessions = yield* SessionService
      yield* sessions.abort(sessionID)
      yield* sessions.delete(sessionID)
      const result = yield* DurableBatch.run(["DELETED-1"], { journal })
      const failure = result.failed[0]!
      expect(failure.error).toMatchObject({ _tag: "TaskLost", reason: "SessionDeleted", sessionID })
      expect(failure.journaled).toBe(true)
      expect((yield* countOnServer(/DELETED-(\d+)/)).prompts.size).toBe(0)
    }))
})

describe("DurableBatch without a server", () => {
  it.live("a task whose server is gone is reported and left for a later resume", () =>
    Effect.gen(function*() {
      const journal = journalPath()
      const key = "gone"
      const dead = `999999@${NodeOs.hostname()}#x`
      const line = (r: Record<string, unknown>) => JSON.stringify({ owner: dead, at: Date.now(), ...r }) + "\n"
      const text = line({ type: "batch", v: 1, keys: [key] }) +
        line({ type: "claimed", key, attempt: 1, sessionID: "ses_gone", messageID: "msg_gone" }) +
        line({ type: "prompted", key, attempt: 1, sessionID: "ses_gone", messageID: "msg_gone" })
      NodeFs.writeFileSync(journal, text)
      const result = yield* DurableBatch.run([{ key, prompt: "anything" }], { journal }).pipe(
        Effect.provide(Layer.merge(Run.layer({ baseUrl: "http://127.0.0.1:9", maxRetries: 0 }), NodeFileSystem.layer))
      )
      const failure = result.failed[0]!
      expect(failure.error._tag).toBe("TransportError")
      expect(failure.journaled).toBe(false)
      // The takeover claim is the only thing written: the task is still interrupted, for a later run.
      expect(records(journal).map((r) => r.type)).toEqual(["batch", "claimed", "prompted", "claimed"])
      expect(yield* Journal.status(journal).pipe(Effect.provide(NodeFileSystem.layer))).toMatchObject({ interrupted: 1 })
    }))
})
