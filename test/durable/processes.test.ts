/**
 * Durable batches across processes: SIGKILL at every step and at random moments, resumed until
 * done, checked on the server; the exclusive lock; two processes sharing one journal (`join`).
 * One real server for the file; it outlives every worker it serves.
 */
import { expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as Journal from "../../src/durable/Journal.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import { countOnServer, serverLayer, slowEcho, spawnWorker, startWorker, tempDir, workerEnv } from "./helpers.ts"

const waitFor = (check: () => boolean, what: string, millis = 20_000) =>
  Effect.gen(function*() {
    const deadline = Date.now() + millis
    while (!check()) {
      if (Date.now() > deadline) return yield* Effect.die(new Error(`timed out waiting for ${what}`))
      yield* Effect.sleep("25 millis")
    }
  })

layer(serverLayer(), { excludeTestServices: true, timeout: "300 seconds" })("DurableBatch across processes", (it) => {
  it.effect("SIGKILL at each step and at random moments, resumed until done: every task prompted exactly once on the server", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(150))
      const journal = NodePath.join(tempDir(), "run.jsonl")
      const base = { ...(yield* workerEnv), JOURNAL: journal, TASKS: "30", CONCURRENCY: "3" }
      // Deterministic kills at the steps of the issue, then kills at random moments.
      const plan: Array<{ readonly kill: string } | { readonly afterMs: number }> = [
        { kill: "session:5" }, // before the claim (no session yet)
        { kill: "claim:5" }, // session created, before the claim is written
        { kill: "send:6" }, // claim on disk, before the prompt is sent
        { kill: "wait:6" }, // prompt accepted, before waiting for idle
        { kill: "record:6" }, // idle and result read, before the result is written
        ...Array.from({ length: 3 }, () => ({ afterMs: Math.floor(Math.random() * 2_000) }))
      ]
      let kills = 0
      let runs = 0
      const killedAt: Array<string> = []
      const durations: Array<number> = []
      for (const step of plan) {
        const t0 = Date.now()
        const exit = yield* spawnWorker(
          "kill" in step ? { ...base, KILL_AT: step.kill } : base,
          "afterMs" in step ? { killAfterFirstStepMs: step.afterMs } : {}
        )
        runs++
        durations.push(Date.now() - t0)
        if (exit.signal === "SIGKILL") {
          kills++
          killedAt.push("kill" in step ? step.kill : `${step.afterMs} ms after start (${
            exit.stdout.trim().split("\n").at(-1) ?? ""
          })`)
        } else expect(exit, `run ${runs} ended without being killed: ${exit.stderr}`).toMatchObject({ code: 0 })
      }
      const status = yield* Journal.status(journal)
      // The last run finishes the batch.
      const final = yield* spawnWorker(base)
      runs++
      expect(final.code, final.stderr).toBe(0)
      const out = final.out as {
        finished: ReadonlyArray<{ index: number; source: string; text: string }>
        failed: ReadonlyArray<unknown>
      }
      expect(out.failed).toEqual([])
      expect(out.finished.length).toBe(30)
      for (const f of out.finished) expect(f.text).toBe(`done: TASK-${f.index}: reply with this line`)

      // On the server: exactly one user message per task, with one text part, and one reply.
      const count = yield* countOnServer()
      const expected = Array.from({ length: 30 }, (_, i) => [i, 1] as const)
      expect([...count.prompts.entries()].sort((a, b) => a[0] - b[0])).toEqual(expected)
      expect([...count.textParts.entries()].sort((a, b) => a[0] - b[0])).toEqual(expected)
      expect([...count.replies.entries()].sort((a, b) => a[0] - b[0])).toEqual(expected)
      // And the model was asked once per task.
      const chats = (yield* model.requests).filter((r) => r.kind === "chat")
      for (let i = 0; i < 30; i++) {
        expect(chats.filter((r) => r.lastUserText.startsWith(`TASK-${i}:`)).length, `model turns of TASK-${i}`).toBe(1)
      }
      const lines = NodeFs.readFileSync(journal, "utf8").split("\n").filter((l) => l !== "")
      // Prompts sent by a run that took the task over: the killed run had claimed it, not sent it.
      const records = lines.map((l) => JSON.parse(l) as { type: string; key: string; owner: string; prev?: string })
      const takeoverClaims = new Set(records.filter((r) => r.type === "claimed" && r.prev !== undefined).map((r) => `${r.key} ${r.owner}`))
      const resends = records.filter((r) => r.type === "prompted" && takeoverClaims.has(`${r.key} ${r.owner}`)).length
      console.log(
        `kill-and-resume: ${runs} runs, ${kills} SIGKILLs (${killedAt.join("; ")}), ${takeoverClaims.size} takeovers of a killed run's task, ${
          out.finished.filter((f) => f.source === "resumed").length
        } re-attached by the last run, runs of ${durations.join("/")} ms, ${resends} takeovers that sent the prompt (the killed run had not); before the last run: ${
          JSON.stringify(status)
        }; on the server: ${count.prompts.size} tasks × 1 user message, ${chats.length} model turns, ${count.sessions} sessions; journal ${lines.length} lines`
      )
      expect(kills).toBeGreaterThanOrEqual(6)
    }), 300_000)

  it.effect("a second process on a held journal fails at once with JournalLocked", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(400))
      const journal = NodePath.join(tempDir(), "run.jsonl")
      const base = { ...(yield* workerEnv), JOURNAL: journal, TASKS: "6", CONCURRENCY: "2", PREFIX: "LOCK" }
      const first = startWorker(base)
      yield* waitFor(() => NodeFs.existsSync(`${journal}.lock`) && NodeFs.readFileSync(`${journal}.lock`, "utf8") !== "", "the lock")
      const t0 = Date.now()
      const second = yield* spawnWorker(base)
      expect(second.code).toBe(3)
      expect(second.stdout).toContain(`in use by pid ${first.child.pid}`)
      expect(Date.now() - t0).toBeLessThan(10_000)
      const done = yield* Effect.promise(() => first.exit)
      expect(done.code, done.stderr).toBe(0)
      expect((done.out as { finished: ReadonlyArray<unknown> }).finished.length).toBe(6)
      expect(NodeFs.existsSync(`${journal}.lock`)).toBe(false)
    }), 120_000)

  it.effect("join: two processes share the remaining tasks, none runs twice", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(300))
      const journal = NodePath.join(tempDir(), "run.jsonl")
      const base = { ...(yield* workerEnv), JOURNAL: journal, TASKS: "24", CONCURRENCY: "2", PREFIX: "JOIN", JOIN: "1" }
      const a = startWorker(base)
      yield* waitFor(() => NodeFs.existsSync(journal) && NodeFs.readFileSync(journal, "utf8").includes('"claimed"'), "a first claim")
      const b = startWorker(base)
      const [ea, eb] = yield* Effect.promise(() => Promise.all([a.exit, b.exit]))
      expect(ea.code, ea.stderr).toBe(0)
      expect(eb.code, eb.stderr).toBe(0)
      type Out = { mode: string; finished: ReadonlyArray<{ key: string; source: string }> }
      const oa = ea.out as Out
      const ob = eb.out as Out
      expect(oa.mode).toBe("holder")
      expect(ob.mode).toBe("joined")
      const ranA = oa.finished.filter((f) => f.source === "run").map((f) => f.key)
      const ranB = ob.finished.filter((f) => f.source === "run").map((f) => f.key)
      expect(ranA.filter((k) => ranB.includes(k))).toEqual([])
      expect(ranA.length + ranB.length).toBe(24)
      expect(ranB.length).toBeGreaterThan(0)
      // Both report the whole batch.
      expect(oa.finished.length).toBe(24)
      expect(ob.finished.length).toBe(24)
      const count = yield* countOnServer(/JOIN-(\d+)/)
      expect([...count.prompts.values()].every((n) => n === 1)).toBe(true)
      expect(count.prompts.size).toBe(24)
      console.log(`join: holder ran ${ranA.length}, joiner ran ${ranB.length} of 24; server: 24 tasks × 1 prompt`)
    }), 120_000)
})
