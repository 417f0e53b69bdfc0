/**
 * The task workflow on Effect's in-memory workflow engine, with a real OpenCode server and a real
 * PostgreSQL (for the batch tables): what a takeover does when the server a task started on is
 * gone before its prompt is sent (the runner's pool is the real one, seen from another runner:
 * the server is not among its own, and it stops just before the prompt is sent); and what a
 * first execution sends (no look-up) and what a re-execution does with an attempt whose start was
 * recorded and whose prompt was sent (a look-up, no second session, no second send).
 */
import { expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Layer, Scope } from "effect"
import * as WorkflowEngine from "effect/workflow/WorkflowEngine"
import * as Database from "../../src/cluster/Database.ts"
import * as ServerPool from "../../src/cluster/ServerPool.ts"
import * as Store from "../../src/cluster/Store.ts"
import * as TaskWorkflow from "../../src/cluster/TaskWorkflow.ts"
import * as FaultProxy from "../../src/testing/FaultProxy.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import * as TaskSteps from "../../src/tasks/TaskSteps.ts"
import { countOnServer } from "../durable/helpers.ts"

it.live("another runner's server gone before the prompt step: TaskLost after serverLostAfter, never a retryable error, nothing sent", () =>
  Effect.gen(function*() {
    const pg = yield* TestPostgres.make()
    const serverScope = yield* Scope.make()
    const oc = yield* TestServer.make().pipe(Scope.provide(serverScope))
    const real = yield* ServerPool.make({
      servers: [{ url: oc.server.url, directory: oc.project.directory, username: oc.server.username, password: oc.server.password }]
    })
    // The server is another runner's (not among this pool's own), and it dies right after the
    // session was created — where the workflow takes its hold, before the prompt is sent.
    const pool = ServerPool.ServerPool.of({ ...real, servers: [], hold: () => Scope.close(serverScope, Exit.void) })
    const sql = Database.layer(pg.url)
    yield* Store.migrate.pipe(Effect.provide(sql))
    // The runner's `serverLostAfter`, 3 s here (default 30 s).
    const live = TaskWorkflow.layer.pipe(
      Layer.provide(Layer.succeed(TaskWorkflow.ServerLostAfter)(Duration.seconds(3))),
      Layer.provideMerge(WorkflowEngine.layerMemory),
      Layer.provide(Layer.succeed(ServerPool.ServerPool)(pool)),
      Layer.provideMerge(sql)
    )
    const t0 = Date.now()
    const exit = yield* TaskWorkflow.TaskWorkflow.execute({
      batchId: "b",
      key: "k",
      index: 0,
      task: JSON.stringify({ prompt: "TASK-0: hello" }),
      retries: 2,
      retryDelayMillis: 100
    }).pipe(Effect.exit, Effect.provide(live))
    const millis = Date.now() - t0
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? exit.cause : undefined
    expect(String(error)).toContain("TaskLost")
    const [recorded] = yield* Store.results("b").pipe(Effect.provide(sql))
    expect(recorded).toMatchObject({ status: "failed", attempts: 1, error: { _tag: "TaskLost", reason: "ServerUnreachable" } })
    expect(millis).toBeGreaterThan(2_500)
    expect(millis).toBeLessThan(25_000)
    // Nothing reached the model: the prompt was never sent.
    expect((yield* oc.model.requests).filter((r) => r.kind === "chat")).toEqual([])
  }).pipe(Effect.scoped), { timeout: 120_000 })

it.live("a first execution records its start and sends without a look-up; a re-execution of a recorded start creates no session, looks the prompt up and does not send it again", () =>
  Effect.gen(function*() {
    const pg = yield* TestPostgres.make()
    const oc = yield* TestServer.make()
    // The runner reaches its server through a proxy that records every request.
    const proxy = yield* FaultProxy.make({ upstream: oc.server.url })
    const server = { url: proxy.url, directory: oc.project.directory, username: oc.server.username, password: oc.server.password }
    const pool = yield* ServerPool.make({ servers: [server] })
    const sql = Database.layer(pg.url)
    yield* Store.migrate.pipe(Effect.provide(sql))
    const live = TaskWorkflow.layer.pipe(
      Layer.provideMerge(WorkflowEngine.layerMemory),
      Layer.provide(Layer.succeed(ServerPool.ServerPool)(pool)),
      Layer.provideMerge(sql)
    )
    const lookups = (sessionID: string) =>
      Effect.map(proxy.requests, (rs) => rs.filter((r) => r.method === "GET" && r.path.startsWith(`/session/${sessionID}/message/msg`)).length)

    // A first execution: its start recorded, its prompt sent without a look-up.
    const first = yield* TaskWorkflow.TaskWorkflow.execute({ batchId: "b", key: "k8", index: 1, task: JSON.stringify({ prompt: "TASK-8: hello" }) }).pipe(
      Effect.provide(live)
    )
    expect(yield* Store.startOf("b", "k8", 1).pipe(Effect.provide(sql))).toMatchObject({ server: proxy.url, sessionID: first.sessionID, messageID: first.messageID })
    expect(yield* lookups(first.sessionID)).toBe(0)

    // A runner that died after recording the start and sending the prompt (its activity never
    // completed, so the engine runs it again from the top).
    const task = { prompt: "TASK-7: hello" }
    const sessionID = yield* pool.use(server.url, server.directory, TaskSteps.createSession(task))
    const messageID = TaskSteps.newMessageID()
    yield* Store.recordStart({
      batchId: "b",
      key: "k7",
      attempt: 1,
      server: server.url,
      directory: server.directory,
      sessionID,
      messageID,
      startedAt: Date.now()
    }).pipe(Effect.provide(sql))
    yield* pool.use(server.url, server.directory, TaskSteps.send(task, sessionID, messageID))
    const outcome = yield* TaskWorkflow.TaskWorkflow.execute({ batchId: "b", key: "k7", index: 0, task: JSON.stringify(task) }).pipe(
      Effect.provide(live)
    )
    expect(outcome).toMatchObject({ server: server.url, sessionID, messageID })
    expect(yield* lookups(sessionID)).toBe(1)
    const recorded = yield* Store.results("b").pipe(Effect.provide(sql))
    expect(recorded.map((r) => [r.key, r.status, r.sessionID, r.messageID, r.attempts])).toEqual([
      ["k7", "finished", sessionID, messageID, 1],
      ["k8", "finished", first.sessionID, first.messageID, 1]
    ])
    const count = yield* pool.use(server.url, server.directory, countOnServer(/TASK-(\d+)/))
    expect({ sessions: count.sessions, prompts: [...count.prompts].sort(), replies: [...count.replies].sort() }).toEqual({
      sessions: 2,
      prompts: [[7, 1], [8, 1]],
      replies: [[7, 1], [8, 1]]
    })
    const chats = (yield* oc.model.requests).filter((r) => r.kind === "chat").map((r) => r.lastUserText).sort()
    expect(chats).toEqual(["TASK-7: hello", "TASK-8: hello"])
  }).pipe(Effect.scoped), { timeout: 120_000 })
