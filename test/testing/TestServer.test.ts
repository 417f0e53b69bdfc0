import { expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

interface Part {
  readonly type: string
  readonly text?: string
  readonly tool?: string
  readonly state?: { readonly status?: string }
}
interface MessageReply {
  readonly info: { readonly role: string; readonly finish?: string; readonly error?: { readonly name: string } }
  readonly parts: ReadonlyArray<Part>
}

// Plain fetch against the server, in the test project's directory.
const api = <A>(method: string, path: string, body?: unknown) =>
  Effect.gen(function*() {
    const server = yield* OpencodeServer.OpencodeServer
    const project = yield* TestServer.TestProject
    const response = yield* Effect.promise(() =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { ...OpencodeServer.headers(server, project.directory), "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000)
      })
    )
    expect(response.status).toBe(200)
    return (yield* Effect.promise(() => response.json())) as A
  })

const createSession = (body: Record<string, unknown> = { title: "t" }) =>
  Effect.map(api<{ id: string; title: string }>("POST", "/session", body), (s) => s.id)

const prompt = (sessionID: string, text: string) =>
  api<MessageReply>("POST", `/session/${sessionID}/message`, { parts: [{ type: "text", text }] })

const textOf = (reply: MessageReply) =>
  reply.parts.filter((p) => p.type === "text").map((p) => p.text ?? "").join("")

layer(TestServer.layer(), { excludeTestServices: true })("TestServer", (it) => {
  it.effect("runs in a committed git project", () =>
    Effect.gen(function*() {
      const project = yield* TestServer.TestProject
      const server = yield* OpencodeServer.OpencodeServer
      expect(NodeFs.existsSync(NodePath.join(project.directory, ".git"))).toBe(true)
      expect(NodeFs.readFileSync(project.path("README.md"), "utf8")).toContain("Test project")
      expect(server.directory).toBe(project.directory)
      expect(server.password).toBeDefined()
    }))

  it.effect("answers a prompt with the scripted text", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const sessionID = yield* createSession()
      yield* model.script(ScriptedModel.text("Scripted hello"))
      const reply = yield* prompt(sessionID, "hello")
      expect(reply.info.role).toBe("assistant")
      expect(reply.info.finish).toBe("stop")
      expect(textOf(reply)).toBe("Scripted hello")
      const chats = (yield* model.requests).filter((r) => r.kind === "chat")
      expect(chats).toHaveLength(1)
      expect(chats[0]!.lastUserText).toBe("hello")
      expect(chats[0]!.body.stream).toBe(true)
      expect(chats[0]!.sessionID).toBe(sessionID)
      expect(yield* model.pending).toBe(0)
    }))

  it.effect("echoes the prompt when nothing is scripted", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const sessionID = yield* createSession()
      expect(textOf(yield* prompt(sessionID, "echo this please"))).toBe("echo this please")
    }))

  it.effect("runs a scripted write tool call in the project", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      const project = yield* TestServer.TestProject
      yield* model.reset
      const filePath = project.path("hello.txt")
      const sessionID = yield* createSession()
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath, content: "hi there\n" }),
        ScriptedModel.text("Wrote it")
      )
      const reply = yield* prompt(sessionID, "write the file")
      expect(textOf(reply)).toBe("Wrote it")
      expect(NodeFs.readFileSync(filePath, "utf8")).toBe("hi there\n")
      const chats = (yield* model.requests).filter((r) => r.kind === "chat")
      expect(chats).toHaveLength(2)
      expect(chats[1]!.body.messages!.at(-1)!.role).toBe("tool")
      const messages = yield* api<ReadonlyArray<MessageReply>>("GET", `/session/${sessionID}/message`)
      const tool = messages.flatMap((m) => m.parts).find((p) => p.type === "tool")
      expect(tool).toMatchObject({ tool: "write", state: { status: "completed" } })
    }))

  it.effect("a stream error fails the turn", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const sessionID = yield* createSession()
      yield* model.script(ScriptedModel.streamError("partial"))
      const reply = yield* prompt(sessionID, "fail please")
      expect(reply.info.error?.name).toBeDefined()
      expect((yield* model.requests).filter((r) => r.kind === "chat")).toHaveLength(1)
    }))

  it.effect("answers title requests by its own rule without using the script", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const sessionID = yield* createSession({})
      yield* model.script(ScriptedModel.text("the answer"))
      expect(textOf(yield* prompt(sessionID, "untitled"))).toBe("the answer")
      let title = ""
      for (let i = 0; i < 100 && title !== "Test session"; i++) {
        title = (yield* api<{ title: string }>("GET", `/session/${sessionID}`)).title
        if (title !== "Test session") yield* Effect.promise(() => new Promise((r) => setTimeout(r, 50)))
      }
      expect(title).toBe("Test session")
      expect((yield* model.requests).map((r) => r.kind)).toContain("title")
    }))
})
