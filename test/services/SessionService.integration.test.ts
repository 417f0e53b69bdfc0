import { expect, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Redacted, Schedule } from "effect"
import * as NodeFs from "node:fs"
import * as NodeNet from "node:net"
import type * as Message from "../../src/schema/Message.ts"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode } from "../../src/server.ts"

const Live = Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

const local = { providerID: "local", modelID: "echo" }

const firstUserId = (history: ReadonlyArray<Message.MessageWithParts>): string => {
  const info = history.find((m) => m.info.role === "user")?.info
  if (info?.role !== "user") throw new Error("no user message")
  return info.id
}

/** Polls until the session is idle and its last message is a finished assistant reply. */
const settled = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const status = yield* sessions.statusOf(sessionID)
    const history = yield* messages.list(sessionID)
    const last = history.at(-1)?.info
    const done = status.type === "idle" && last?.role === "assistant" && last.time.completed !== undefined
    if (!done) return yield* Effect.fail("not yet" as const)
  }).pipe(
    Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 })
  )

const waitBusy = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const status = yield* sessions.statusOf(sessionID)
    if (status.type !== "busy") return yield* Effect.fail("not busy" as const)
  }).pipe(Effect.retry({ schedule: Schedule.spaced("25 millis"), times: 400 }))

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("SessionService against opencode serve", (it) => {
  it.effect("create, get, list in the directory, update, archive, delete", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const project = yield* TestServer.TestProject
      const created = yield* sessions.create({ title: "crud" })
      expect(created.id).toMatch(/^ses/)
      expect(created.title).toBe("crud")
      expect(created.directory).toBe(project.directory)

      const got = yield* sessions.get(created.id)
      expect(got.id).toBe(created.id)

      const listed = yield* sessions.list()
      expect(listed.map((s) => s.id)).toContain(created.id)
      const elsewhere = yield* sessions.list({ directory: "/tmp" })
      expect(elsewhere.map((s) => s.id)).not.toContain(created.id)
      const searched = yield* sessions.list({ search: "cru" })
      expect(searched.map((s) => s.id)).toContain(created.id)

      const renamed = yield* sessions.update(created.id, { title: "renamed", metadata: { owner: "test" } })
      expect(renamed.title).toBe("renamed")
      const archived = yield* sessions.update(created.id, { archived: true })
      expect(archived.time.archived).toBeGreaterThan(0)

      yield* sessions.delete(created.id)
      const gone = yield* Effect.flip(sessions.get(created.id))
      expect(gone._tag === "ApiError" && gone.isNotFound).toBe(true)
      const again = yield* Effect.flip(sessions.delete(created.id))
      expect(again._tag === "ApiError" && again.status).toBe(404)
    }))

  it.effect("initialPrompt is sent right after creation", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.text("initial answer"))
      const session = yield* sessions.create({ title: "init", initialPrompt: "Write a Rust function", model: local })
      yield* settled(session.id)
      const history = yield* messages.list(session.id)
      expect(history.map((m) => m.info.role)).toEqual(["user", "assistant"])
      expect(history[0]!.parts.flatMap((p) => (p.type === "text" ? [p.text] : []))).toEqual(["Write a Rust function"])
      expect(history[1]!.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("")).toBe("initial answer")
    }))

  it.effect("status shows a busy session, abort stops it, and the session is idle again", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.hang)
      const session = yield* sessions.create({ title: "abort" })
      yield* messages.promptAsync(session.id, "wait forever")
      yield* waitBusy(session.id)
      // The model must have received the request (the hang is consumed) before the abort.
      yield* Effect.retry(
        Effect.flatMap(model.pending, (n) => (n === 0 ? Effect.void : Effect.fail("queued"))),
        { schedule: Schedule.spaced("25 millis"), times: 400 }
      )
      const all = yield* sessions.status()
      expect(all[session.id]?.type).toBe("busy")

      // A revert while busy is refused with the server's busy error.
      const history = yield* messages.list(session.id)
      const busy = yield* Effect.flip(sessions.revert(session.id, { messageID: firstUserId(history) }))
      expect(busy._tag === "ApiError" && busy.isBusy).toBe(true)

      yield* sessions.abort(session.id)
      yield* Effect.retry(
        Effect.flatMap(sessions.statusOf(session.id), (s) => (s.type === "idle" ? Effect.void : Effect.fail("busy"))),
        { schedule: Schedule.spaced("25 millis"), times: 200 }
      )
      const after = yield* messages.list(session.id)
      const assistant = after.find((m) => m.info.role === "assistant")!.info
      expect(assistant.role === "assistant" && assistant.error?.name).toBe("MessageAbortedError")
    }))

  it.effect("diff, revert (the file really goes back) and unrevert", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const project = yield* TestServer.TestProject
      const file = project.path("notes.txt")
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath: file, content: "line one\nline two\n" }),
        ScriptedModel.text("wrote notes.txt")
      )
      const session = yield* sessions.create({ title: "revert" })
      yield* messages.prompt(session.id, "create notes.txt")
      expect(NodeFs.readFileSync(file, "utf8")).toBe("line one\nline two\n")

      const history = yield* messages.list(session.id)
      const userId = firstUserId(history)

      // The server writes the prompt's diff a little after the synchronous prompt answers (a
      // window seen under load): wait for it, bounded.
      const perMessage = yield* sessions.diff(session.id, { messageID: userId }).pipe(
        Effect.repeat({ schedule: Schedule.spaced("50 millis"), until: (d) => d.length > 0, times: 100 })
      )
      expect(perMessage).toHaveLength(1)
      expect(perMessage[0]).toMatchObject({ file: "notes.txt", additions: 2, deletions: 0, status: "added" })
      expect(perMessage[0]!.patch).toContain("+line one")
      const whole = yield* sessions.diff(session.id)
      expect(whole).toEqual(perMessage)

      const reverted = yield* sessions.revert(session.id, { messageID: userId })
      expect(reverted.session.revert?.messageID).toBe(userId)
      expect(reverted.files.map((f) => f.file)).toEqual(["notes.txt"])
      expect(NodeFs.existsSync(file)).toBe(false)

      const unreverted = yield* sessions.unrevert(session.id)
      expect(unreverted.revert).toBeUndefined()
      expect(NodeFs.readFileSync(file, "utf8")).toBe("line one\nline two\n")
    }))

  it.effect("create({ tools }) without initialPrompt: the server keeps them as rules, and a denied tool is not run", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      const project = yield* TestServer.TestProject
      yield* model.reset
      const session = yield* sessions.create({
        title: "no shell, no writes",
        permission: [{ permission: "webfetch", pattern: "*", action: "deny" }],
        tools: { bash: false, write: false }
      })
      const rules = [
        { permission: "webfetch", pattern: "*", action: "deny" },
        { permission: "bash", pattern: "*", action: "deny" },
        { permission: "edit", pattern: "*", action: "deny" }
      ]
      expect(session.permission).toEqual(rules)
      expect((yield* sessions.get(session.id)).permission).toEqual(rules)

      // The model calls both denied tools anyway.
      const ran = project.path("ran.txt")
      const written = project.path("written.txt")
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: `echo ran > ${ran}`, description: "try the shell" }),
        ScriptedModel.toolCall("write", { filePath: written, content: "no\n" }),
        ScriptedModel.text("gave up")
      )
      yield* messages.prompt(session.id, "try the denied tools")
      expect(NodeFs.existsSync(ran)).toBe(false)
      expect(NodeFs.existsSync(written)).toBe(false)
      const offered = (yield* model.requests)
        .filter((r) => r.kind === "chat")
        .map((r) => (r.body.tools ?? []).map((t) => (t as { function?: { name?: string } }).function?.name))
      expect(offered.length).toBeGreaterThan(0)
      for (const names of offered) {
        expect(names).toContain("read")
        for (const denied of ["bash", "edit", "write", "webfetch"]) expect(names).not.toContain(denied)
      }
      const calls = (yield* messages.list(session.id)).flatMap((m) => m.parts.flatMap((p) => (p.type === "tool" ? [p] : [])))
      expect(calls.length).toBe(2)
      // The server answers such a call with its "invalid" tool: the denied tool never ran.
      for (const call of calls) expect(call.tool).toBe("invalid")
    }))

  it.effect("a revert to an unknown message is reported, not silently ignored", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const session = yield* sessions.create({ title: "noop revert" })
      const e = yield* Effect.flip(sessions.revert(session.id, { messageID: "msg_ffffffffffff00000000000000" }))
      expect(e._tag).toBe("ValidationError")
    }))

  it.effect("summarize returns the model's summary and the session's file changes", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const project = yield* TestServer.TestProject
      yield* model.setSummary(ScriptedModel.text("The session added a greeting file."))
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath: project.path("hello.txt"), content: "hello\n" }),
        ScriptedModel.text("done")
      )
      const session = yield* sessions.create({ title: "summary" })
      yield* messages.prompt(session.id, "add hello.txt")
      const result = yield* sessions.summarize(session.id)
      expect(result.summary).toBe("The session added a greeting file.")
      expect(result.files.map((f) => [f.file, f.additions])).toEqual([["hello.txt", 1]])
      expect(result.message?.info.role === "assistant" && result.message.info.summary).toBe(true)
      const kinds = (yield* model.requests).map((r) => r.kind)
      expect(kinds).toContain("summary")
    }))

  it.effect("a summary that fails on the server is a SessionError, although the server answers true", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.text("ok"))
      const session = yield* sessions.create({ title: "summary fails" })
      yield* messages.prompt(session.id, "hi")
      yield* model.setSummary(ScriptedModel.streamError("partial"))
      const e = yield* Effect.flip(sessions.summarize(session.id, { model: local }))
      expect(e._tag).toBe("SessionError")
      yield* model.reset
    }))

  it.effect("fork copies a session; children lists sessions created under a parent", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.text("parent reply"))
      const parent = yield* sessions.create({ title: "parent" })
      yield* messages.prompt(parent.id, "hello parent")
      const forked = yield* sessions.fork(parent.id)
      expect(forked.id).not.toBe(parent.id)
      const copied = yield* messages.list(forked.id)
      expect(copied.map((m) => m.info.role)).toEqual(["user", "assistant"])

      const child = yield* sessions.create({ title: "child", parentID: parent.id })
      expect(child.parentID).toBe(parent.id)
      const kids = yield* sessions.children(parent.id)
      expect(kids.map((s) => s.id)).toEqual([child.id])
      const roots = yield* sessions.list({ roots: true })
      expect(roots.map((s) => s.id)).not.toContain(child.id)
    }))

  it.effect("todo reflects the agent's todowrite tool", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const session = yield* sessions.create({ title: "todo" })
      expect(yield* sessions.todo(session.id)).toEqual([])
      yield* model.script(
        ScriptedModel.toolCall("todowrite", {
          todos: [
            { content: "write tests", status: "in_progress", priority: "high" },
            { content: "ship", status: "pending", priority: "low" }
          ]
        }),
        ScriptedModel.text("planned")
      )
      yield* messages.prompt(session.id, "plan the work")
      const todos = yield* sessions.todo(session.id)
      expect(todos.map((t) => [t.content, t.status])).toEqual([["write tests", "in_progress"], ["ship", "pending"]])
    }))

  it.effect("share is refused with a typed error when the server disables sharing", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const session = yield* sessions.create({ title: "share" })
      const e = yield* Effect.flip(sessions.share(session.id))
      expect(e._tag).toBe("ApiError")
    }))

  it.effect("unknown and malformed ids", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const unknown = yield* Effect.flip(sessions.get("ses_000000000000aaaaaaaaaaaaaa"))
      expect(unknown._tag === "ApiError" && unknown.isNotFound && unknown.name).toBe("NotFoundError")
      const malformed = yield* Effect.flip(sessions.get("abc"))
      expect(malformed._tag).toBe("ValidationError")
    }))

  it.effect("a session id that is only its prefix (\"ses_\"), which the server would take, is a ValidationError", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      // The server answers `true` to POST /session/ses_/abort (and takes "ses_" as a parentID).
      for (const id of ["ses_", "ses"]) {
        const aborted = yield* Effect.flip(sessions.abort(id))
        expect(aborted._tag === "ValidationError" && aborted.field).toBe("sessionID")
      }
      const child = yield* Effect.flip(sessions.create({ title: "orphan", parentID: "ses_" }))
      expect(child._tag).toBe("ValidationError")
      expect((yield* sessions.list({ search: "orphan" })).length).toBe(0)
    }))

  it.effect("401 without the password and with a wrong one", () =>
    Effect.gen(function*() {
      const server = yield* OpencodeServer.OpencodeServer
      const attempt = (password: Redacted.Redacted<string> | undefined) =>
        Effect.flip(
          Effect.flatMap(SessionService.SessionService, (s) => s.list()).pipe(
            Effect.provide(
              Layer.fresh(SessionService.layer).pipe(
                Layer.provide(OpencodeClient.layer({ baseUrl: server.url, password, maxRetries: 0 })),
                Layer.provide(OpencodeNode.layerHttpClient)
              )
            )
          )
        )
      const none = yield* attempt(undefined)
      const wrong = yield* attempt(Redacted.make("wrong-password"))
      expect(none._tag === "ApiError" && none.isUnauthorized).toBe(true)
      expect(wrong._tag === "ApiError" && wrong.status).toBe(401)
    }))

  it.effect("a server that is not there is a TransportError, within the timeout", () =>
    Effect.gen(function*() {
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const srv = NodeNet.createServer()
          srv.listen(0, "127.0.0.1", () => {
            const p = (srv.address() as NodeNet.AddressInfo).port
            srv.close(() => resolve(p))
          })
        })
      )
      const started = Date.now()
      const e = yield* Effect.flip(
        Effect.flatMap(SessionService.SessionService, (s) => s.list()).pipe(
          Effect.provide(
            Layer.fresh(SessionService.layer).pipe(
              Layer.provide(
                OpencodeClient.layer({ baseUrl: `http://127.0.0.1:${port}`, requestTimeout: "2 seconds", maxRetries: 1 })
              ),
              Layer.provide(OpencodeNode.layerHttpClient)
            )
          )
        )
      )
      expect(e._tag === "TransportError" && e.reason).toBe("ConnectionRefused")
      expect(Date.now() - started).toBeLessThan(5_000)
    }))
})
