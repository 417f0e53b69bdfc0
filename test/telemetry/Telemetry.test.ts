/**
 * The library's spans and metrics, exported through `@effect/opentelemetry` to an in-memory span
 * exporter and an in-memory metric reader, from a real `opencode serve` and the scripted model
 * (through a fault proxy, to cut the event stream once).
 */
import * as OtelMetrics from "@effect/opentelemetry/OtelMetrics"
import * as OtelResource from "@effect/opentelemetry/Resource"
import * as OtelTracer from "@effect/opentelemetry/OtelTracer"
import { expect, layer } from "@effect/vitest"
import { type DataPoint, type MetricData, MetricReader } from "@opentelemetry/sdk-metrics"
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor
} from "@opentelemetry/sdk-trace-base"
import { NodeFileSystem } from "@effect/platform-node"
import { Effect, Fiber, Layer, Redacted, Stream } from "effect"
import * as NodePath from "node:path"
import * as Cluster from "../../src/cluster/Cluster.ts"
import * as ClusterBatch from "../../src/cluster/ClusterBatch.ts"
import * as Runner from "../../src/cluster/Runner.ts"
import * as DurableBatch from "../../src/durable/DurableBatch.ts"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Batch from "../../src/services/Batch.ts"
import { EventService } from "../../src/services/EventService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as Telemetry from "../../src/telemetry/Telemetry.ts"
import * as FaultProxy from "../../src/testing/FaultProxy.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { tempDir } from "../durable/helpers.ts"

class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve()
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve()
  }
}

const spans = new InMemorySpanExporter()
const reader = new TestReader()
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] })

const OtelLive = Layer.mergeAll(
  OtelTracer.layer.pipe(Layer.provide(Layer.succeed(OtelTracer.OtelTracerProvider, provider))),
  OtelMetrics.layer(() => reader)
).pipe(Layer.provide(OtelResource.layer({ serviceName: "effect-opencode-test" })))

// A price for the scripted model, so runs have a cost: $1,000 / $2,000 per million tokens.
const priced = { provider: { local: { models: { echo: { cost: { input: 1000, output: 2000 } } } } } }

const Server = FaultProxy.layerFromServer({ stallLimit: "30 seconds", lifetime: "10 minutes" }).pipe(
  Layer.provideMerge(TestServer.layer({ config: priced }))
)

const ClientLive = Layer.unwrap(
  Effect.gen(function*() {
    const server = yield* OpencodeServer.OpencodeServer
    const proxy = yield* FaultProxy.FaultProxy
    const project = yield* TestServer.TestProject
    return Client.layer({
      baseUrl: proxy.url,
      username: server.username,
      password: server.password,
      directory: project.directory
    })
  })
).pipe(Layer.provide(OpencodeNode.layerHttpClient))

/** A cluster runner on the test server (directly, not through the proxy) and a client, on a real PostgreSQL. */
const ClusterLive = Layer.unwrap(
  Effect.gen(function*() {
    const pg = yield* TestPostgres.TestPostgres
    const server = yield* OpencodeServer.OpencodeServer
    const project = yield* TestServer.TestProject
    const port = yield* OpencodeServer.freePort()
    return Layer.merge(
      Runner.layer({
        cluster: { database: pg.url, port },
        servers: { urls: [{ url: server.url, directory: project.directory, username: server.username, password: server.password }] },
        name: "traced-runner"
      }),
      Cluster.layer({ database: pg.url, clientOnly: true })
    )
  })
)

const Live = Run.layerFromClient.pipe(
  Layer.provideMerge(ClientLive),
  Layer.provideMerge(ClusterLive),
  Layer.provideMerge(Layer.mergeAll(Server, TestPostgres.layer(), NodeFileSystem.layer)),
  Layer.provideMerge(OtelLive)
)

const PROMPT = "Summarize the plan PAPAYA-9127 for me"

const fresh = Effect.gen(function*() {
  const model = yield* ScriptedModel.ScriptedModel
  const proxy = yield* FaultProxy.FaultProxy
  yield* model.reset
  yield* proxy.clear
  spans.reset()
})

const finished = (): ReadonlyArray<ReadableSpan> => spans.getFinishedSpans()
const named = (name: string) => finished().filter((s) => s.name === name)
const childrenOf = (parent: ReadableSpan) =>
  finished().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId)
const descendantsOf = (parent: ReadableSpan): ReadonlyArray<ReadableSpan> =>
  childrenOf(parent).flatMap((child) => [child, ...descendantsOf(child)])

/** Every attribute, event and status text of every span, as one text. */
const everything = () =>
  JSON.stringify(finished().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })))

/** The password and its Basic-auth form must appear nowhere. */
const secretsOf = Effect.gen(function*() {
  const server = yield* OpencodeServer.OpencodeServer
  const password = Redacted.value(server.password!)
  return [password, Buffer.from(`${server.username}:${password}`).toString("base64")]
})

/** Task spans in task order. */
const byIndex = (tasks: ReadonlyArray<ReadableSpan>) =>
  [...tasks].sort((a, b) => Number(a.attributes[Telemetry.Attributes.taskIndex]) - Number(b.attributes[Telemetry.Attributes.taskIndex]))

const metric = (data: ReadonlyArray<MetricData>, name: string) => data.find((m) => m.descriptor.name === name)

/** The sum of a counter's points (those whose attributes include `where`). */
const total = (data: ReadonlyArray<MetricData>, name: string, where: Record<string, string> = {}): number =>
  ((metric(data, name)?.dataPoints ?? []) as ReadonlyArray<DataPoint<unknown>>)
    .filter((p) => Object.entries(where).every(([k, v]) => p.attributes[k] === v))
    .reduce((n, p) => n + (typeof p.value === "number" ? p.value : (p.value as { count: number }).count), 0)

const collect = Effect.promise(() => reader.collect()).pipe(
  Effect.map((r) => r.resourceMetrics.scopeMetrics.flatMap((s) => s.metrics))
)

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("Telemetry (real opencode serve)", (it) => {
  it.effect("a run: its span (session, model, tokens, cost, outcome), its calls as children by route template", () =>
    Effect.gen(function*() {
      yield* fresh
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("The plan has two steps."))
      const before = yield* collect
      const result = yield* Run.run(PROMPT)
      const after = yield* collect

      const [run, ...more] = named(Telemetry.SpanNames.run)
      expect(more).toEqual([])
      expect(run!.attributes).toMatchObject({
        [Telemetry.Attributes.sessionId]: result.sessionID,
        [Telemetry.Attributes.messageId]: result.messageID,
        [Telemetry.Attributes.provider]: "local",
        [Telemetry.Attributes.model]: "echo",
        [Telemetry.Attributes.outcome]: "success",
        [Telemetry.Attributes.inputTokens]: result.tokens.input,
        [Telemetry.Attributes.outputTokens]: result.tokens.output,
        [Telemetry.Attributes.cost]: result.cost
      })
      expect(result.tokens.input).toBeGreaterThan(0)
      expect(result.cost).toBeGreaterThan(0)

      // The run's server calls are its descendants, each named by method and route template.
      const calls = finished().filter((s) => typeof s.attributes[Telemetry.Attributes.route] === "string")
      const names = calls.map((s) => s.name)
      expect(names).toContain("POST /session")
      expect(names).toContain("POST /session/{sessionID}/prompt_async")
      const prompt = calls.find((s) => s.name === "POST /session/{sessionID}/prompt_async")!
      expect(prompt.attributes).toMatchObject({
        [Telemetry.Attributes.method]: "POST",
        [Telemetry.Attributes.route]: "/session/{sessionID}/prompt_async",
        [Telemetry.Attributes.operationId]: "session.prompt_async",
        [Telemetry.Attributes.status]: 204,
        [Telemetry.Attributes.attempts]: 1
      })
      expect(prompt.spanContext().traceId).toBe(run!.spanContext().traceId)
      for (const call of calls.filter((s) => s.spanContext().traceId === run!.spanContext().traceId)) {
        expect(call.attributes[Telemetry.Attributes.route]).not.toContain(result.sessionID)
      }
      // Effect's HttpClient span sits under the call span.
      expect(childrenOf(prompt).map((s) => s.name)).toEqual(["POST"])

      // No password, no prompt text, anywhere.
      const text = everything()
      for (const secret of yield* secretsOf) expect(text).not.toContain(secret)
      expect(text).not.toContain("PAPAYA-9127")

      // Metrics: tokens, cost and the prompt's latency.
      const tokens = total(after, "opencode.tokens", { [Telemetry.Attributes.tokenType]: "input" }) -
        total(before, "opencode.tokens", { [Telemetry.Attributes.tokenType]: "input" })
      expect(tokens).toBe(result.tokens.input)
      expect(total(after, "opencode.cost") - total(before, "opencode.cost")).toBeCloseTo(result.cost, 10)
      expect(
        total(after, "opencode.prompt.duration", { [Telemetry.Attributes.outcome]: "success" }) -
          total(before, "opencode.prompt.duration", { [Telemetry.Attributes.outcome]: "success" })
      ).toBe(1)
    }))

  it.effect("the prompt text is recorded only with CaptureContent", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* Run.run(PROMPT, { session: { title: "captured" } }).pipe(Effect.provideService(Telemetry.CaptureContent, true))
      const [run] = named(Telemetry.SpanNames.run)
      expect(run!.attributes[Telemetry.Attributes.promptText]).toBe(PROMPT)
    }))

  it.effect("a failed call: its span has the status and error.type; the id stays out of its name and route", () =>
    Effect.gen(function*() {
      yield* fresh
      const sessions = yield* SessionService
      const error = yield* Effect.flip(sessions.get("ses_0000000000000000000000000"))
      expect(error._tag).toBe("ApiError")
      const [call] = named("GET /session/{sessionID}")
      expect(call!.attributes).toMatchObject({
        [Telemetry.Attributes.status]: 404,
        [Telemetry.Attributes.errorType]: "404",
        [Telemetry.Attributes.operationId]: "session.get",
        [Telemetry.Attributes.serverAddress]: "127.0.0.1"
      })
      expect(call!.name + JSON.stringify(call!.attributes)).not.toContain("ses_0000000000000000000000000")
    }))

  it.effect("a batch: its span, one span per task, task metrics (started, finished, failed) and usage", () =>
    Effect.gen(function*() {
      yield* fresh
      const model = yield* ScriptedModel.ScriptedModel
      // the second task's model fails its turn at once (a SessionError)
      yield* model.script(ScriptedModel.text("first"), ScriptedModel.streamError("half"), ScriptedModel.text("third"))
      const before = yield* collect
      const result = yield* Batch.run(
        [{ prompt: `one ${PROMPT}` }, { prompt: "two" }, { prompt: "three" }],
        { concurrency: 1 }
      ).pipe(Effect.withSpan("caller"))
      const after = yield* collect
      expect(result.finished.length).toBe(2)
      expect(result.failed.length).toBe(1)
      const failedError = result.failed[0]!.error._tag

      const [batch] = named(Telemetry.SpanNames.batch)
      expect(batch!.parentSpanContext?.spanId).toBe(named("caller")[0]!.spanContext().spanId)
      expect(batch!.attributes).toMatchObject({
        [Telemetry.Attributes.batchTasks]: 3,
        [Telemetry.Attributes.batchFinished]: 2,
        [Telemetry.Attributes.batchFailed]: 1
      })
      const tasks = named(Telemetry.SpanNames.task)
      expect(tasks.length).toBe(3)
      for (const task of tasks) {
        expect(task.parentSpanContext?.spanId).toBe(batch!.spanContext().spanId)
        // the task's own calls are under it, not beside it under the batch
        const calls = descendantsOf(task).map((s) => s.name)
        expect(calls).toContain("POST /session")
      }
      const byIndex = [...tasks].sort((a, b) =>
        Number(a.attributes[Telemetry.Attributes.taskIndex]) - Number(b.attributes[Telemetry.Attributes.taskIndex])
      )
      expect(byIndex.map((t) => t.attributes[Telemetry.Attributes.outcome])).toEqual(["success", failedError, "success"])
      expect(byIndex[0]!.attributes[Telemetry.Attributes.sessionId]).toBe(result.finished[0]!.sessionID)
      expect(everything()).not.toContain("PAPAYA-9127")

      const delta = (name: string, where?: Record<string, string>) => total(after, name, where) - total(before, name, where)
      expect(delta("opencode.tasks.started")).toBe(3)
      expect(delta("opencode.tasks.finished")).toBe(2)
      expect(delta("opencode.tasks.failed", { [Telemetry.Attributes.errorType]: failedError })).toBe(1)
      const usage = result.finished.reduce((n, r) => n + r.output.tokens.output, 0)
      expect(delta("opencode.tokens", { [Telemetry.Attributes.tokenType]: "output" })).toBe(usage)
      expect(delta("opencode.cost")).toBeCloseTo(result.finished.reduce((n, r) => n + r.output.cost, 0), 10)
    }))

  it.effect("a durable batch: the same batch span, task spans and task metrics as Batch's", () =>
    Effect.gen(function*() {
      yield* fresh
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("first"), ScriptedModel.streamError("half"), ScriptedModel.text("third"))
      const before = yield* collect
      const result = yield* DurableBatch.run(
        [{ prompt: `one ${PROMPT}` }, { prompt: "two" }, { prompt: "three" }],
        { journal: NodePath.join(tempDir(), "traced.jsonl"), concurrency: 1 }
      ).pipe(Effect.withSpan("caller"))
      const after = yield* collect
      expect(result.finished.length).toBe(2)
      expect(result.failed.length).toBe(1)
      const failedError = result.failed[0]!.error._tag

      const [batch, ...moreBatches] = named(Telemetry.SpanNames.batch)
      expect(moreBatches).toEqual([])
      expect(batch!.parentSpanContext?.spanId).toBe(named("caller")[0]!.spanContext().spanId)
      expect(batch!.attributes).toMatchObject({
        [Telemetry.Attributes.batchTasks]: 3,
        [Telemetry.Attributes.batchConcurrency]: 1,
        [Telemetry.Attributes.batchFinished]: 2,
        [Telemetry.Attributes.batchFailed]: 1,
        [Telemetry.Attributes.batchSkipped]: 0,
        [Telemetry.Attributes.cost]: result.finished.reduce((n, r) => n + r.output.cost, 0)
      })
      const tasks = byIndex(named(Telemetry.SpanNames.task))
      expect(tasks.length).toBe(3)
      for (const task of tasks) {
        expect(task.parentSpanContext?.spanId).toBe(batch!.spanContext().spanId)
        expect(descendantsOf(task).map((s) => s.name)).toContain("POST /session/{sessionID}/prompt_async")
      }
      expect(tasks.map((t) => t.attributes[Telemetry.Attributes.outcome])).toEqual(["success", failedError, "success"])
      expect([tasks[0], tasks[2]].map((t) => t!.attributes[Telemetry.Attributes.sessionId])).toEqual(
        result.finished.map((r) => r.sessionID)
      )
      expect(tasks[0]!.attributes).toMatchObject({
        [Telemetry.Attributes.taskKey]: result.results[0]!.key,
        [Telemetry.Attributes.outputTokens]: result.finished[0]!.output.tokens.output,
        [Telemetry.Attributes.cost]: result.finished[0]!.output.cost
      })
      // A failed task's result names its session too (the session of its last attempt).
      expect(tasks[1]!.attributes[Telemetry.Attributes.sessionId]).toBe(result.failed[0]!.sessionID)
      expect(result.failed[0]!.sessionID).toMatch(/^ses_/)
      expect(everything()).not.toContain("PAPAYA-9127")

      const delta = (name: string, where?: Record<string, string>) => total(after, name, where) - total(before, name, where)
      expect(delta("opencode.tasks.started")).toBe(3)
      expect(delta("opencode.tasks.finished")).toBe(2)
      expect(delta("opencode.tasks.failed", { [Telemetry.Attributes.errorType]: failedError })).toBe(1)
      expect(delta("opencode.tokens", { [Telemetry.Attributes.tokenType]: "output" })).toBe(
        result.finished.reduce((n, r) => n + r.output.tokens.output, 0)
      )
      expect(delta("opencode.cost")).toBeCloseTo(result.finished.reduce((n, r) => n + r.output.cost, 0), 10)
      expect(delta("opencode.prompt.duration", { [Telemetry.Attributes.outcome]: "success" })).toBe(2)

      // Run again on the same journal: every task ended before; no task span, nothing counted.
      spans.reset()
      const again = yield* collect
      const rerun = yield* DurableBatch.run(
        [{ prompt: `one ${PROMPT}` }, { prompt: "two" }, { prompt: "three" }],
        { journal: result.journal, concurrency: 1 }
      )
      const last = yield* collect
      expect(rerun.results.map((r) => (r._tag === "Skipped" ? "skipped" : r.source))).toEqual(["journal", "journal", "journal"])
      expect(named(Telemetry.SpanNames.task)).toEqual([])
      expect(named(Telemetry.SpanNames.batch)[0]!.attributes[Telemetry.Attributes.batchFinished]).toBe(2)
      expect(total(last, "opencode.tasks.started") - total(again, "opencode.tasks.started")).toBe(0)
    }))

  it.effect("a cluster batch: its span on the caller, a task span per task on the runner, the same task metrics", () =>
    Effect.gen(function*() {
      yield* fresh
      const model = yield* ScriptedModel.ScriptedModel
      const server = yield* OpencodeServer.OpencodeServer
      yield* model.setFallback((request) =>
        request.lastUserText.includes("FAIL") ? ScriptedModel.streamError("half") : ScriptedModel.text(`done: ${request.lastUserText}`)
      )
      const before = yield* collect
      const result = yield* ClusterBatch.run(
        [`GOLF-0 ${PROMPT}`, "GOLF-1 FAIL", "GOLF-2"],
        { timeout: "60 seconds" }
      ).pipe(Effect.withSpan("caller"))
      const after = yield* collect
      expect(result.finished.map((r) => r.index)).toEqual([0, 2])
      expect(result.failed.map((r) => [r.index, r.error?._tag])).toEqual([[1, "SessionError"]])

      const [batch, ...moreBatches] = named(Telemetry.SpanNames.batch)
      expect(moreBatches).toEqual([])
      expect(batch!.parentSpanContext?.spanId).toBe(named("caller")[0]!.spanContext().spanId)
      expect(batch!.attributes).toMatchObject({
        [Telemetry.Attributes.batchTasks]: 3,
        [Telemetry.Attributes.batchId]: result.batchId,
        [Telemetry.Attributes.batchFinished]: 2,
        [Telemetry.Attributes.batchFailed]: 1,
        [Telemetry.Attributes.batchSkipped]: 0,
        [Telemetry.Attributes.cost]: result.cost
      })
      // The task spans come from the runner (in this process here), one per task. A span ends
      // just after its task's result row is written, which the caller may read first; so may the
      // engine's spans between the batch's and a task's (a span is seen once it has ended).
      const linked = () => {
        const under = new Set(descendantsOf(batch!).map((s) => s.spanContext().spanId))
        const tasks = named(Telemetry.SpanNames.task)
        return tasks.length >= 3 && tasks.every((t) => under.has(t.spanContext().spanId))
      }
      const deadline = Date.now() + 10_000
      while (!linked() && Date.now() < deadline) yield* Effect.sleep("100 millis")
      const tasks = byIndex(named(Telemetry.SpanNames.task))
      expect(tasks.map((t) => t.attributes[Telemetry.Attributes.outcome])).toEqual(["success", "SessionError", "success"])
      expect(tasks.map((t) => t.attributes[Telemetry.Attributes.sessionId])).toEqual(result.results.map((r) => r.sessionID))
      for (const [i, task] of tasks.entries()) {
        expect(task.attributes).toMatchObject({
          [Telemetry.Attributes.taskKey]: result.results[i]!.key,
          [Telemetry.Attributes.taskServer]: server.url
        })
        expect(descendantsOf(task).map((s) => s.name)).toContain("POST /session/{sessionID}/prompt_async")
      }
      expect(tasks[0]!.attributes[Telemetry.Attributes.cost]).toBe(result.finished[0]!.output!.cost)
      // The engine carries the trace context with each workflow: the runner's task spans are in
      // the caller's trace, under its batch span (through the engine's own spans).
      const underBatch = new Set(descendantsOf(batch!).map((s) => s.spanContext().spanId))
      for (const task of tasks) {
        expect(task.spanContext().traceId).toBe(batch!.spanContext().traceId)
        expect(underBatch.has(task.spanContext().spanId)).toBe(true)
      }
      expect(everything()).not.toContain("PAPAYA-9127")

      const delta = (name: string, where?: Record<string, string>) => total(after, name, where) - total(before, name, where)
      expect(delta("opencode.tasks.started")).toBe(3)
      expect(delta("opencode.tasks.finished")).toBe(2)
      expect(delta("opencode.tasks.failed", { [Telemetry.Attributes.errorType]: "SessionError" })).toBe(1)
      expect(delta("opencode.tokens", { [Telemetry.Attributes.tokenType]: "output" })).toBe(
        result.finished.reduce((n, r) => n + r.output!.tokens.output, 0)
      )
      expect(delta("opencode.cost")).toBeCloseTo(result.cost, 10)
      expect(delta("opencode.prompt.duration", { [Telemetry.Attributes.outcome]: "success" })).toBe(2)
    }))

  it.effect("a cut event stream counts one reconnect", () =>
    Effect.gen(function*() {
      yield* fresh
      const proxy = yield* FaultProxy.FaultProxy
      const events = yield* EventService
      const sessions = yield* SessionService
      const before = yield* collect
      yield* proxy.inject(FaultProxy.resetAfterBytes(300), { method: "GET", path: "/event", times: 1 })
      yield* Effect.scoped(Effect.gen(function*() {
        const sub = yield* events.subscribe()
        const fiber = yield* Effect.forkScoped(
          sub.items.pipe(Stream.filter((i) => i.type === "client.reconnected"), Stream.take(1), Stream.runCollect)
        )
        yield* sub.ready
        // ~500 bytes of session.created: the cut lands inside it
        const session = yield* sessions.create({ title: "before the cut" })
        yield* Fiber.join(fiber).pipe(Effect.timeout("20 seconds"))
        yield* sessions.delete(session.id)
      }))
      const after = yield* collect
      expect(total(after, "opencode.events.reconnects") - total(before, "opencode.events.reconnects")).toBe(1)
      expect(total(after, "opencode.events.reconnects", { [Telemetry.Attributes.reconnectReason]: "error" })).toBeGreaterThan(0)
    }))
})
