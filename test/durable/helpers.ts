/**
 * Shared helpers of the durable-batch tests: the services of the test server, a temporary
 * journal path, counting prompts on the server, and spawning the worker process.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Effect, Layer, Redacted } from "effect"
import * as NodeChild from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Message from "../../src/schema/Message.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

const ClientLive = Layer.unwrap(
  Effect.gen(function*() {
    const server = yield* OpencodeServer.OpencodeServer
    const project = yield* TestServer.TestProject
    return Client.layer({ baseUrl: server.url, username: server.username, password: server.password, directory: project.directory })
  })
).pipe(Layer.provide(OpencodeNode.layerHttpClient))

/** A real server with a scripted model, its run services and a file system. */
export const serverLayer = (options?: TestServer.Options) =>
  Layer.mergeAll(Run.layerFromClient, NodeFileSystem.layer).pipe(
    Layer.provideMerge(ClientLive),
    Layer.provideMerge(TestServer.layer(options))
  )

/** A slow echo: "done: <prompt>" after `millis`. */
export const slowEcho = (millis: number) => (request: ScriptedModel.ModelRequest): ScriptedModel.Reply =>
  ScriptedModel.delay(`${millis} millis`, ScriptedModel.text(`done: ${request.lastUserText}`, { chunks: 2 }))

/** A fresh temporary directory for journals. */
export const tempDir = (): string => NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-durable-"))

/** What the server holds for the prompts whose text matches `TASK-<n>`. */
export interface ServerCount {
  /** Number of user messages per task number. */
  readonly prompts: Map<number, number>
  /** Number of text parts in those user messages (a resend with an existing id appends one). */
  readonly textParts: Map<number, number>
  /** Number of assistant replies to those user messages. */
  readonly replies: Map<number, number>
  readonly sessions: number
}

/** Lists every session of the project and counts, per task, its user messages and replies. */
export const countOnServer = (pattern: RegExp = /TASK-(\d+)/) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    const messages = yield* MessageService
    const all = yield* sessions.list()
    const prompts = new Map<number, number>()
    const textParts = new Map<number, number>()
    const replies = new Map<number, number>()
    const add = (m: Map<number, number>, k: number, n = 1) => m.set(k, (m.get(k) ?? 0) + n)
    for (const session of all) {
      const list = yield* messages.list(session.id)
      const taskOfMessage = new Map<string, number>()
      for (const m of list) {
        if (m.info.role !== "user") continue
        const text = Message.textOf(m.parts)
        const match = pattern.exec(text)
        if (match === null) continue
        const n = Number(match[1])
        taskOfMessage.set(m.info.id, n)
        add(prompts, n)
        add(textParts, n, m.parts.filter((p) => p.type === "text").length)
      }
      for (const m of list) {
        if (m.info.role === "assistant" && taskOfMessage.has(m.info.parentID)) add(replies, taskOfMessage.get(m.info.parentID)!)
      }
    }
    return { prompts, textParts, replies, sessions: all.length } satisfies ServerCount
  })

/** `sessionID messageID time: text` of every user message whose text matches `pattern` (for diagnoses). */
export const userMessages = (pattern: RegExp) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    const messages = yield* MessageService
    const lines: Array<string> = []
    for (const session of yield* sessions.list()) {
      for (const m of yield* messages.list(session.id)) {
        if (m.info.role !== "user") continue
        const text = Message.textOf(m.parts)
        if (pattern.test(text)) lines.push(`${session.id} ${m.info.id} ${m.info.time.created}: ${JSON.stringify(text)}`)
      }
    }
    return lines
  })

/** The environment the worker needs to reach the test server. */
export const workerEnv = Effect.gen(function*() {
  const server = yield* OpencodeServer.OpencodeServer
  const project = yield* TestServer.TestProject
  return {
    OC_URL: server.url,
    OC_DIRECTORY: project.directory,
    OC_USERNAME: server.username,
    ...(server.password !== undefined ? { OC_PASSWORD: Redacted.value(server.password) } : {})
  } as Record<string, string>
})

/** How a worker process ended. */
export interface WorkerExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly out: unknown
}

const workerPath = NodePath.join(import.meta.dirname, "worker.ts")

/**
 * Spawns the worker with Node 24 (`process.execPath`) and waits for its exit (the exit is reaped
 * before this returns, so its pid is gone).
 */
export const spawnWorker = (
  env: Record<string, string>,
  options: {
    /** SIGKILL this long after the worker reached its first step (it prints its steps then). */
    readonly killAfterFirstStepMs?: number
  } = {}
) =>
  Effect.callback<WorkerExit>((resume) => {
    const out = NodePath.join(NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-worker-")), "out.json")
    const kill = options.killAfterFirstStepMs
    const child = NodeChild.spawn(process.execPath, [workerPath], {
      env: { ...process.env, ...env, OUT: out, ...(kill !== undefined ? { TRACE: "1" } : {}) },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    let timer: ReturnType<typeof setTimeout> | undefined
    child.stdout.on("data", (d) => {
      stdout += String(d)
      if (kill !== undefined && timer === undefined && stdout.includes("STEP ")) {
        timer = setTimeout(() => child.kill("SIGKILL"), kill)
      }
    })
    child.stderr.on("data", (d) => (stderr += String(d)))
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer)
      let parsed: unknown = undefined
      try {
        parsed = JSON.parse(NodeFs.readFileSync(out, "utf8"))
      } catch {
        // killed before it wrote its result
      }
      NodeFs.rmSync(NodePath.dirname(out), { recursive: true, force: true })
      resume(Effect.succeed({ code, signal, stdout, stderr, out: parsed }))
    })
    return Effect.sync(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    })
  })

/** Spawns a worker without waiting: returns its handle and a promise of its exit. */
export const startWorker = (env: Record<string, string>) => {
  const out = NodePath.join(NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-worker-")), "out.json")
  const child = NodeChild.spawn(process.execPath, [workerPath], {
    env: { ...process.env, ...env, OUT: out },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (d) => (stdout += String(d)))
  child.stderr.on("data", (d) => (stderr += String(d)))
  const exit = new Promise<WorkerExit>((resolve) => {
    child.on("close", (code, signal) => {
      let parsed: unknown = undefined
      try {
        parsed = JSON.parse(NodeFs.readFileSync(out, "utf8"))
      } catch {
        // no result
      }
      NodeFs.rmSync(NodePath.dirname(out), { recursive: true, force: true })
      resolve({ code, signal, stdout, stderr, out: parsed })
    })
  })
  return { child, exit, stdout: () => stdout }
}
