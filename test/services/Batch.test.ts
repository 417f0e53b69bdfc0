import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Fiber, Layer, Stream } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as DurableBatch from "../../src/durable/DurableBatch.ts"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Batch from "../../src/services/Batch.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as FaultProxy from "../../src/testing/FaultProxy.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

const ClientLive = Layer.unwrap(
  Effect.gen(function*() {
    const server = yield* OpencodeServer.OpencodeServer
    const project = yield* TestServer.TestProject
    return Client.layer({ baseUrl: server.url, username: server.username, password: server.password, directory: project.directory })
  })
).pipe(Layer.provide(OpencodeNode.layerHttpClient))

/** The services of one fresh server with its own scripted model. */
const serverLayer = (model?: ScriptedModel.Options) =>
  Run.layerFromClient.pipe(
    Layer.provideMerge(ClientLive),
    Layer.provideMerge(TestServer.layer(model === undefined ? {} : { model }))
  )

const Live = serverLayer()

/** Answers "…FAIL…" prompts with a broken stream, the rest with a slow echo. */
const slowEchoOrFail: ScriptedModel.Responder = (request) =>
  request.lastUserText.includes("FAIL")
    ? ScriptedModel.streamError("oops")
    : ScriptedModel.delay("400 millis", ScriptedModel.text(`done: ${request.lastUserText}`))

/** Samples how many sessions the server reports busy, until interrupted; returns the maximum. */
const sampleBusy = (seen: { max: number; samples: number }) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    while (true) {
      const status = yield* sessions.status()
      const busy = Object.values(status).filter((s) => s.type !== "idle").length
      seen.max = Math.max(seen.max, busy)
      seen.samples++
      yield* Effect.sleep("20 millis")
    }
  })

const sessionIds = Effect.map(Effect.flatMap(SessionService, (s) => s.list()), (all) => new Set(all.map((s) => s.id)))

const busyCount = Effect.map(
  Effect.flatMap(SessionService, (s) => s.status()),
  (status) => Object.values(status).filter((s) => s.type !== "idle").length
)

layer(Live, { excludeTestServices: true, timeout: "180 seconds" })("Batch (real opencode serve)", (it) => {
  it.effect("20 tasks at concurrency 5, 3 failing: 17 results and 3 typed failures, at most 5 busy", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEchoOrFail)
      const before = yield* sessionIds
      const failing = new Set([3, 11, 17])
      const tasks = Array.from({ length: 20 }, (_, i) => (failing.has(i) ? `task ${i} FAIL` : `task ${i}`))
      const progress: Array<Batch.Progress> = []
      const seen = { max: 0, samples: 0 }
      const sampler = yield* Effect.forkChild(sampleBusy(seen))
      const result = yield* Batch.run(tasks, { concurrency: 5, timeoutPerTask: "60 seconds", onProgress: (p) => void progress.push(p) })
      yield* Fiber.interrupt(sampler)

      expect(result.results.map((r) => r.index)).toEqual(tasks.map((_, i) => i))
      expect(result.finished.length).toBe(17)
      expect(result.failed.map((f) => f.index)).toEqual([3, 11, 17])
      for (const f of result.failed) expect(f.error._tag).toBe("SessionError")
      for (const s of result.finished) expect(s.output.text).toBe(`done: task ${s.index}`)

      // Observed on the server, not assumed: never more than 5 sessions busy, and really concurrent.
      expect(seen.samples).toBeGreaterThan(10)
      expect(seen.max).toBeLessThanOrEqual(5)
      expect(seen.max).toBeGreaterThanOrEqual(2)
      // Our own counter agrees.
      expect(Math.max(...progress.map((p) => p.running))).toBeLessThanOrEqual(5)

      expect(progress.length).toBe(40)
      expect(progress.at(-1)).toEqual({ total: 20, finished: 17, failed: 3, skipped: 0, running: 0 })
      // Ephemeral by default: every task's session is gone.
      const after = yield* sessionIds
      expect([...after].filter((id) => !before.has(id))).toEqual([])
    }))

  it.effect("interrupting a batch stops its tasks: no session left busy, ephemeral sessions deleted", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(ScriptedModel.hang)
      const before = yield* sessionIds
      const progress: Array<Batch.Progress> = []
      const fiber = yield* Effect.forkChild(
        Batch.run(Array.from({ length: 10 }, (_, i) => `hang ${i}`), { concurrency: 3, onProgress: (p) => void progress.push(p) })
      )
      for (let i = 0; i < 200 && (yield* busyCount) < 3; i++) yield* Effect.sleep("25 millis")
      expect(yield* busyCount).toBe(3)
      yield* Fiber.interrupt(fiber)
      expect(fiber.pollUnsafe()?._tag).toBe("Failure")

      // No task started after the interruption, and nothing is left running.
      const last = progress.at(-1)!
      expect(last.finished + last.failed + last.skipped + last.running).toBe(3)
      let busy = yield* busyCount
      for (let i = 0; i < 100 && busy > 0; i++) {
        yield* Effect.sleep("50 millis")
        busy = yield* busyCount
      }
      expect(busy).toBe(0)
      const after = yield* sessionIds
      expect([...after].filter((id) => !before.has(id))).toEqual([])
      // The model sees no new chat turns once the batch is gone.
      const chats = (yield* model.requests).filter((r) => r.kind === "chat").length
      yield* Effect.sleep("500 millis")
      expect((yield* model.requests).filter((r) => r.kind === "chat").length).toBe(chats)
    }))

  it.effect("a task that times out is a TimeoutError among the results; the others succeed", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback((r) => (r.lastUserText.includes("slow") ? ScriptedModel.hang : ScriptedModel.text("quick")))
      // A task's own timeout wins over the batch's.
      const fast = (prompt: string): Batch.Task => ({ prompt, options: { timeout: "60 seconds" } })
      const result = yield* Batch.run([fast("fast 1"), { prompt: "slow", name: "slow one" }, fast("fast 2")], {
        concurrency: 3,
        timeoutPerTask: "2 seconds"
      })
      expect(result.results.map((r) => r._tag)).toEqual(["Finished", "Failed", "Finished"])
      const failure = result.failed[0]!
      expect(failure.task.name).toBe("slow one")
      expect(failure.error._tag).toBe("TimeoutError")
      for (let i = 0; i < 100 && (yield* busyCount) > 0; i++) yield* Effect.sleep("50 millis")
      expect(yield* busyCount).toBe(0)
    }))

  it.effect("progress as a Stream: Started and Ended per task, then Done", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const events = yield* Stream.runCollect(Batch.stream(["a", "b", "c", "d"], { concurrency: 2 }))
      expect(events.filter((e) => e._tag === "Started").length).toBe(4)
      expect(events.filter((e) => e._tag === "Ended").length).toBe(4)
      const done = events.at(-1)!
      expect(done._tag).toBe("Done")
      if (done._tag !== "Done") return
      expect(done.result.finished.map((s) => s.output.text)).toEqual(["a", "b", "c", "d"])
      expect(done.progress).toEqual({ total: 4, finished: 4, failed: 0, skipped: 0, running: 0 })
      let running = 0
      for (const e of events) {
        if (e._tag === "Started") running++
        if (e._tag === "Ended") running--
        expect(running).toBeLessThanOrEqual(2)
      }
    }))

  it.effect("summarize is honoured: the output carries the summary; a failed summary fails the task", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setSummary(ScriptedModel.text("A short summary."))
      const before = yield* sessionIds
      const good = yield* Batch.run([{ prompt: "SUMMARY ok", summarize: true }, "no summary"])
      expect(good.finished.map((f) => f.output.summary)).toEqual(["A short summary.", undefined])
      yield* model.setSummary(ScriptedModel.streamError("half a summ"))
      const bad = yield* Batch.run([{ prompt: "SUMMARY broken", summarize: true }])
      expect(bad.failed.map((f) => f.error._tag)).toEqual(["SessionError"])
      expect(bad.failed[0]!.sessionID).toMatch(/^ses/)
      // The summaries were made before the ephemeral sessions were deleted, and those are gone.
      const after = yield* sessionIds
      expect([...after].filter((id) => !before.has(id))).toEqual([])
    }))

  it.effect("runAcross spreads a batch over two servers", () =>
    Effect.gen(function*() {
      const slow: ScriptedModel.Responder = (r) => ScriptedModel.delay("300 millis", ScriptedModel.text(`echo ${r.lastUserText}`))
      // The file's server is the first, a fresh one the second (a server start is the dearest step).
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slow)
      const first = Layer.succeedContext(yield* Effect.context<Run.RunServices>())
      const result = yield* Batch.runAcross(
        [first, serverLayer({ fallback: slow })],
        Array.from({ length: 8 }, (_, i) => `job ${i}`),
        { concurrency: 4 }
      )
      expect(result.finished.length).toBe(8)
      expect(result.finished.map((s) => s.output.text)).toEqual(Array.from({ length: 8 }, (_, i) => `echo job ${i}`))
      const perServer = [0, 1].map((n) => result.results.filter((r) => r.server === n).length)
      expect(perServer[0]).toBeGreaterThan(0)
      expect(perServer[1]).toBeGreaterThan(0)
    }))
})

/** The services of a server that records every request (and answers none usefully). */
const Recorded = Run.layerFromClient.pipe(
  Layer.provideMerge(Client.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
  Layer.provideMerge(MockHttp.layer(() => MockHttp.json(500, { name: "UnknownError", data: { message: "unexpected" } })))
)

const sent = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("Batch: empty lists", () => {
  it.effect("runAcross with no servers is a ValidationError, not a defect", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Batch.runAcross([], ["task"]))
      expect(error).toMatchObject({ _tag: "ValidationError", field: "servers" })
      const none = yield* Effect.flip(Batch.runAcross([], []))
      expect(none).toMatchObject({ _tag: "ValidationError", field: "servers" })
    }))

  it.effect("two tasks with the same key are a ValidationError, before any server is contacted", () =>
    Effect.gen(function*() {
      const tasks = [{ prompt: "a", key: "same" }, { prompt: "b", key: "same" }]
      expect(yield* Effect.flip(Batch.run(tasks))).toMatchObject({ _tag: "ValidationError", field: "key" })
      expect(yield* Effect.flip(Stream.runCollect(Batch.stream(tasks)))).toMatchObject({ _tag: "ValidationError", field: "key" })
      expect(yield* Effect.flip(Batch.runAcross([Recorded], tasks))).toMatchObject({ _tag: "ValidationError", field: "key" })
      expect(yield* sent).toEqual([])
    }).pipe(Effect.provide(Recorded)))

  it.effect("no tasks is the empty result, and no server is contacted or built", () =>
    Effect.gen(function*() {
      const empty = { results: [], finished: [], failed: [], millis: 0 }
      expect(yield* Batch.run([])).toEqual(empty)
      expect(yield* Batch.run(new Set<string>())).toEqual(empty)
      const events = yield* Stream.runCollect(Batch.stream([]))
      expect(events).toEqual([
        { _tag: "Done", result: empty, progress: { total: 0, finished: 0, failed: 0, skipped: 0, running: 0 } }
      ])
      let built = 0
      const counted = Layer.unwrap(Effect.sync(() => {
        built++
        return Recorded
      }))
      expect(yield* Batch.runAcross([counted, counted], [])).toEqual(empty)
      expect(built).toBe(0)
      expect(yield* sent).toEqual([])
    }).pipe(Effect.provide(Recorded)))

  it.effect("a durable batch of no tasks is a ValidationError, before its journal is created", () =>
    Effect.gen(function*() {
      const journal = NodePath.join(NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-batch-")), "run.jsonl")
      const error = yield* Effect.flip(DurableBatch.run([], { journal }))
      expect(error).toMatchObject({ _tag: "ValidationError", field: "tasks" })
      expect(NodeFs.existsSync(journal)).toBe(false)
      expect(yield* sent).toEqual([])
    }).pipe(Effect.provide(Layer.merge(Recorded, NodeFileSystem.layer))))
})

/** The services of one fresh server, reached through a proxy that records every request. */
const Proxied = Run.layerFromClient.pipe(
  Layer.provideMerge(
    Layer.unwrap(
      Effect.gen(function*() {
        const server = yield* OpencodeServer.OpencodeServer
        const proxy = yield* FaultProxy.FaultProxy
        const project = yield* TestServer.TestProject
        return Client.layer({ baseUrl: proxy.url, username: server.username, password: server.password, directory: project.directory })
      })
    ).pipe(Layer.provide(OpencodeNode.layerHttpClient))
  ),
  Layer.provideMerge(FaultProxy.layerFromServer({ stallLimit: "60 seconds", lifetime: "10 minutes" })),
  Layer.provideMerge(TestServer.layer())
)

/** The recorded requests, as "METHOD /path" with session and message ids made generic. */
const requestLines = Effect.map(
  Effect.flatMap(FaultProxy.FaultProxy, (p) => p.requests),
  (all) => all.map((r) => `${r.method} ${r.path.replace(/ses_[A-Za-z0-9]+/, "{id}").replace(/msg_[A-Za-z0-9]+/, "{msg}")}`)
)

layer(Proxied, { excludeTestServices: true, timeout: "180 seconds" })("Batch: server requests per task (real opencode serve)", (it) => {
  it.effect("a task that changes no file costs create, prompt_async, one messages read and delete (no status or message re-read)", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.setFallback((r) => ScriptedModel.text(`echo ${r.lastUserText}`))
      // Warm the server and the event connection up, then count a batch of its own.
      yield* Batch.run(["warm up"])
      const proxy = yield* FaultProxy.FaultProxy
      yield* proxy.clearRequests
      const tasks = Array.from({ length: 6 }, (_, i) => `count ${i}`)
      const result = yield* Batch.run(tasks, { concurrency: 3 })
      expect(result.finished.map((f) => f.output.text)).toEqual(tasks.map((t) => `echo ${t}`))
      const lines = (yield* requestLines).filter((l) => l !== "GET /event")
      const count = (line: string) => lines.filter((l) => l === line).length
      expect(count("POST /session")).toBe(6)
      expect(count("POST /session/{id}/prompt_async")).toBe(6)
      expect(count("GET /session/{id}/message")).toBe(6)
      expect(count("DELETE /session/{id}")).toBe(6)
      // Nothing else: no status poll, no re-read of the messages, no diff.
      expect(lines.length).toBe(24)
    }))
})
