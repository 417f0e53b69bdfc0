import { expect, layer } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import * as NodeFs from "node:fs"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import { Prompt } from "../../src/schema/PromptInput.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
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

const Live = Run.layerFromClient.pipe(
  Layer.provideMerge(ClientLive),
  Layer.provideMerge(TestServer.layer({ files: { "docs/plan.md": "Step one: MANGO-4411\n" } }))
)

const reset = Effect.flatMap(ScriptedModel.ScriptedModel, (m) => m.reset)

/** Polls until the session is idle (bounded). */
const untilIdle = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    for (let i = 0; i < 200; i++) {
      if ((yield* sessions.statusOf(sessionID)).type === "idle") return true
      yield* Effect.sleep("50 millis")
    }
    return false
  })

/** Polls until the session is busy (bounded). */
const untilBusy = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    for (let i = 0; i < 200; i++) {
      if ((yield* sessions.statusOf(sessionID)).type === "busy") return true
      yield* Effect.sleep("25 millis")
    }
    return false
  })

const isGone = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    const exit = yield* Effect.exit(sessions.get(sessionID))
    return exit._tag === "Failure" && JSON.stringify(exit.cause).includes("NotFoundError")
  })

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("Run (real opencode serve)", (it) => {
  it.effect("run: one prompt end to end, with text, replies, tokens and a default title", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("All good here"))
      const result = yield* Run.run("Check the project, please")
      expect(result.text).toBe("All good here")
      expect(result.messages.length).toBe(1)
      expect(result.messages[0]!.info.parentID).toBe(result.messageID)
      expect(result.tokens.total).toBeGreaterThan(0)
      expect(result.diff).toEqual([])
      const session = yield* SessionService.use((s) => s.get(result.sessionID))
      expect(session.title).toBe("Check the project, please")
      expect((yield* model.requests).filter((r) => r.kind === "title")).toEqual([])
    }))

  it.effect("a multi-step session: three runs in one session, history readable in order", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("one"), ScriptedModel.text("two"), ScriptedModel.text("three"))
      const first = yield* Run.run("first step")
      const second = yield* Run.run("second step", { sessionID: first.sessionID })
      const third = yield* Run.run("third step", { sessionID: first.sessionID })
      expect([first.text, second.text, third.text]).toEqual(["one", "two", "three"])
      const history = yield* MessageService.use((m) => m.list(first.sessionID))
      expect(history.map(MessageResult.textOf)).toEqual(["first step", "one", "second step", "two", "third step", "three"])
      expect(history.map(MessageResult.idOf).filter((id) => id === third.messageID)).toHaveLength(1)
    }))

  it.effect("a file part reaches the model through a run", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      const project = yield* TestServer.TestProject
      yield* model.script(ScriptedModel.text("read"))
      yield* Run.run({ parts: [Prompt.text("Summarize the plan"), Prompt.file(project.path("docs/plan.md"))] })
      const chat = (yield* model.requests).filter((r) => r.kind === "chat").at(-1)!
      expect(JSON.stringify(chat.body.messages)).toContain("MANGO-4411")
    }))

  it.effect("a tool call that writes a file: the run's diff shows it", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      const project = yield* TestServer.TestProject
      const file = project.path("src", "written.ts")
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath: file, content: "export const x = 1\n" }),
        ScriptedModel.text("wrote it")
      )
      const result = yield* Run.run("write src/written.ts")
      expect(result.text).toBe("wrote it")
      expect(result.messages.map((m) => m.info.finish)).toEqual(["tool-calls", "stop"])
      expect(NodeFs.readFileSync(file, "utf8")).toBe("export const x = 1\n")
      expect(result.diff.map((d) => [d.file, d.additions])).toEqual([["src/written.ts", 1]])
      expect(MessageResult.filesTouched(result.messages)).toEqual([file])
    }))

  it.effect("a model error fails the run with a typed SessionError; the session is left idle", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.streamError("partial"))
      const sessions = yield* SessionService
      const session = yield* sessions.create({ title: "will fail" })
      const error = yield* Effect.flip(Run.run("fail please", { sessionID: session.id }))
      expect(error._tag).toBe("SessionError")
      if (error._tag !== "SessionError") return
      expect(error.sessionID).toBe(session.id)
      expect(error.name).not.toBe("")
      expect(error.error).toBeDefined()
      expect(yield* untilIdle(session.id)).toBe(true)
      const history = yield* MessageService.use((m) => m.list(session.id))
      expect(MessageResult.errorOf(history)).toBeDefined()
      // The session still works afterwards.
      yield* model.script(ScriptedModel.text("recovered"))
      expect((yield* Run.run("again", { sessionID: session.id })).text).toBe("recovered")
    }))

  it.effect("a run that times out fails with TimeoutError and its session is aborted", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.hang)
      const started = Date.now()
      const error = yield* Effect.flip(Run.run("never answers", { timeout: "2 seconds" }))
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(error._tag).toBe("TimeoutError")
      if (error._tag !== "TimeoutError") return
      expect(error.timeoutMillis).toBe(2000)
      const sessionID = error.sessionID!
      expect(sessionID).toMatch(/^ses_/)
      expect(yield* untilIdle(sessionID)).toBe(true)
      const history = yield* MessageService.use((m) => m.list(sessionID))
      expect(MessageResult.errorOf(history)?.name).toBe("MessageAbortedError")
    }))

  it.effect("ephemeral runs delete their session on success and on failure", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("bye"), ScriptedModel.streamError("x"))
      const ok = yield* Run.run("short-lived", { ephemeral: true })
      expect(ok.text).toBe("bye")
      expect(yield* isGone(ok.sessionID)).toBe(true)
      const failed = yield* Effect.flip(Run.run("short-lived failure", { ephemeral: true }))
      expect(failed._tag).toBe("SessionError")
      expect(yield* isGone((failed as { sessionID: string }).sessionID)).toBe(true)
    }))

  it.effect("interrupting a run aborts its session and deletes it when ephemeral", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      const sessions = yield* SessionService
      yield* model.script(ScriptedModel.hang, ScriptedModel.hang)
      const kept = yield* sessions.create({ title: "kept" })
      const fiber = yield* Effect.forkChild(Run.run("hang", { sessionID: kept.id }))
      expect(yield* untilBusy(kept.id)).toBe(true)
      yield* Fiber.interrupt(fiber)
      expect(yield* untilIdle(kept.id)).toBe(true)
      expect(yield* isGone(kept.id)).toBe(false)

      const before = new Set((yield* sessions.list()).map((s) => s.id))
      const ephemeral = yield* Effect.forkChild(Run.run("hang too", { ephemeral: true }))
      let created: string | undefined
      for (let i = 0; i < 200 && created === undefined; i++) {
        created = (yield* sessions.list()).find((s) => !before.has(s.id))?.id
        if (created === undefined) yield* Effect.sleep("25 millis")
      }
      expect(created).toBeDefined()
      expect(yield* untilBusy(created!)).toBe(true)
      yield* Fiber.interrupt(ephemeral)
      expect(yield* isGone(created!)).toBe(true)
    }))

  it.effect("runSimpleText returns at once; awaitResult reads the answer later", () =>
    Effect.gen(function*() {
      yield* reset
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.delay("1 second", ScriptedModel.text("later")))
      const t0 = Date.now()
      const started = yield* Run.runSimpleText("quick task")
      expect(Date.now() - t0).toBeLessThan(800)
      expect(started.session.title).toBe("quick task")
      const result = yield* Run.awaitResult(started.session.id, started.messageID, { timeout: "30 seconds" })
      expect(result.text).toBe("later")
      expect(result.messageID).toBe(started.messageID)
    }))
})
