/**
 * The server process killed (SIGKILL) and restarted on the same port and data directories while a
 * batch runs through one client. Afterwards the restarted server's own records are checked: no
 * prompt was delivered twice, every task the batch reports as done is on the server with its
 * reply, and every other task is reported as a typed failure.
 */
import { afterAll, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted } from "effect"
import * as NodeFs from "node:fs"
import * as Net from "node:net"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Batch from "../../src/services/Batch.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
import * as EventService from "../../src/services/EventService.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as MessageServiceModule from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as SessionServiceModule from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { report, scenario } from "./scenarios.ts"
import { markPluginInstalled } from "../cli/spawn.ts"

afterAll(() => report("restart"))

const freePort = () =>
  Effect.promise(() =>
    new Promise<number>((resolve, reject) => {
      const server = Net.createServer()
      server.once("error", reject)
      server.listen({ port: 0, host: "127.0.0.1" }, () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        server.close(() => resolve(port))
      })
    })
  )

/** HOME and XDG directories kept across both server processes (the server's SQLite lives there). */
const dataDirs = Effect.acquireRelease(
  Effect.sync(() => {
    const root = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-restart-"))
    const env: Record<string, string> = {}
    for (const [name, sub] of Object.entries({ HOME: "home", XDG_CONFIG_HOME: "config", XDG_DATA_HOME: "data", XDG_CACHE_HOME: "cache", XDG_STATE_HOME: "state" })) {
      const dir = NodePath.join(root, sub)
      NodeFs.mkdirSync(dir, { recursive: true })
      env[name] = dir
    }
    markPluginInstalled(env.XDG_CONFIG_HOME!)
    return { root, env }
  }),
  ({ root }) => Effect.sync(() => NodeFs.rmSync(root, { recursive: true, force: true }))
)

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const TASKS = 8

it.live("the server killed and restarted under a running batch", () =>
  Effect.gen(function*() {
    const port = yield* freePort()
    const { env } = yield* dataDirs
    const password = Redacted.make(`restart-${Math.random().toString(36).slice(2)}`)
    const slowEcho: ScriptedModel.Responder = (request) =>
      ScriptedModel.delay("700 millis", ScriptedModel.text(`done: ${request.lastUserText}`))
    const { model, project, server } = yield* TestServer.make({
      model: { fallback: slowEcho },
      server: { port, password, env }
    })
    // default event settings: a reconnect that lands in the restarting server's deaf window (it
    // accepts connections before it answers them) is abandoned after `attemptTimeout` (5 s)
    const services = Layer.mergeAll(SessionServiceModule.layer, MessageServiceModule.layer, EventService.layer).pipe(
      Layer.provideMerge(Client.layer({
        baseUrl: server.url,
        username: server.username,
        password,
        directory: project.directory,
        requestTimeout: "20 seconds"
      })),
      Layer.provide(OpencodeNode.layerHttpClient)
    )

    return yield* Effect.gen(function*() {
      // warm the server up (first prompt ~2 s) so the batch's timing is the steady state
      yield* Run.run("warm up", { ephemeral: true, timeout: "60 seconds" })

      let finished = 0
      const tasks = Array.from({ length: TASKS }, (_, i) => ({ prompt: `task-${i}`, name: `task-${i}` }))
      const batch = yield* Effect.forkChild(
        Batch.run(tasks, {
          concurrency: 2,
          ephemeral: false,
          timeoutPerTask: "90 seconds",
          onProgress: (p) => {
            finished = p.finished + p.failed
          }
        })
      )
      for (let i = 0; i < 600 && finished < 2; i++) yield* Effect.sleep("50 millis")
      expect(finished).toBeGreaterThanOrEqual(2)
      // two tasks are running now: kill the whole process group, no goodbye
      const killedAt = Date.now()
      process.kill(-server.pid, "SIGKILL")
      yield* server.exited.pipe(Effect.timeout("10 seconds"))
      expect(alive(server.pid)).toBe(false)
      yield* Effect.sleep("500 millis")
      const restarted = yield* OpencodeServer.make({
        cwd: project.directory,
        port,
        password,
        env,
        isolate: true,
        config: TestServer.baseConfig(model.baseURL),
        versionCheck: "off"
      })
      const downMillis = Date.now() - killedAt
      expect(restarted.url).toBe(server.url)
      const result = yield* Fiber.join(batch).pipe(Effect.timeout("150 seconds"))

      // --- the batch's report ----------------------------------------------------------
      expect(result.results.length).toBe(TASKS)
      expect(new Set(result.results.map((r) => r.index)).size).toBe(TASKS)
      for (const s of result.finished) expect(s.output.text).toBe(`done: task-${s.index}`)
      const failureTags = result.failed.map((f) => f.error._tag)
      for (const tag of failureTags) expect(["TransportError", "ApiError", "SessionError", "TaskLost"]).toContain(tag)
      // a turn lost with the killed process is reported (SessionError "TurnLost"), not waited for
      // until the task's deadline
      expect(failureTags).not.toContain("TimeoutError")
      const batchMillis = result.millis

      // --- the restarted server's records ----------------------------------------------------
      const sessions = yield* SessionService.use((s) => s.list())
      const userTexts: Array<string> = []
      const replies = new Map<string, string>()
      for (const session of sessions) {
        const history = yield* MessageService.use((m) => m.list(session.id))
        for (const m of history) {
          if (m.info.role !== "user") continue
          const text = m.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("|")
          userTexts.push(text)
          replies.set(text, MessageResult.finalText(MessageResult.assistantReplies(history, m.info.id)))
        }
      }
      for (let i = 0; i < TASKS; i++) {
        const copies = userTexts.filter((t) => t.includes(`task-${i}`))
        expect(copies.length).toBeLessThanOrEqual(1)
        if (copies.length === 1) expect(copies[0]).toBe(`task-${i}`)
      }
      for (const s of result.finished) expect(replies.get(`task-${s.index}`)).toBe(`done: task-${s.index}`)
      const chats = (yield* model.requests).filter((r) => r.kind === "chat" && r.lastUserText.startsWith("task-"))
      const modelCalls = new Map<string, number>()
      for (const c of chats) modelCalls.set(c.lastUserText, (modelCalls.get(c.lastUserText) ?? 0) + 1)
      for (const [text, calls] of modelCalls) expect(calls, text).toBeLessThanOrEqual(1)

      const failedSummary = result.failed.map((f) =>
        `${f.task.name}: ${f.error._tag}${f.error._tag === "SessionError" ? `(${f.error.name})` : ""}`
      ).join(", ")
      return `${result.finished.length}/${TASKS} succeeded, ${result.failed.length} reported failed (${failedSummary || "none"}); server down ${downMillis} ms, batch ${batchMillis} ms; on the restarted server every prompt at most once (${userTexts.filter((t) => t.startsWith("task-")).length} task messages), every success present with its reply, at most 1 model call per task`
    }).pipe(Effect.provide(services))
  }).pipe(
    scenario(
      "server killed (SIGKILL) and restarted under a batch",
      "no prompt twice, no lost result, failures reported typed"
    ),
    Effect.scoped
  ), { timeout: 300_000 })
