import { expect, layer } from "@effect/vitest"
import { Effect, Layer, Option, Stream } from "effect"
import * as NodeFs from "node:fs"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import type * as Message from "../../src/schema/Message.ts"
import { Prompt } from "../../src/schema/PromptInput.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
import * as MessageServiceModule from "../../src/services/MessageService.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as SessionServiceModule from "../../src/services/SessionService.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

const ClientLive = Layer.unwrap(
  Effect.gen(function*() {
    const server = yield* OpencodeServer.OpencodeServer
    const project = yield* TestServer.TestProject
    return Client.layer({
      baseUrl: server.url,
      username: server.username,
      password: server.password,
      directory: project.directory
    })
  })
).pipe(Layer.provide(OpencodeNode.layerHttpClient))

const Live = Layer.mergeAll(MessageServiceModule.layer, SessionServiceModule.layer).pipe(
  Layer.provideMerge(ClientLive),
  Layer.provideMerge(
    TestServer.layer({
      files: { "notes/secret.txt": "The secret word is PAPAYA-7781.\n" },
      config: { command: { greet: { template: "Say a greeting to $ARGUMENTS", description: "greet someone" } } }
    })
  )
)

const setup = Effect.gen(function*() {
  const model = yield* ScriptedModel.ScriptedModel
  yield* model.reset
  const sessions = yield* SessionService
  const messages = yield* MessageService
  const project = yield* TestServer.TestProject
  const session = yield* sessions.create({ title: "message tests" })
  return { model, sessions, messages, project, sessionID: session.id }
})

const roles = (history: ReadonlyArray<Message.MessageWithParts>) => history.map((m) => m.info.role)

/** Polls the session status until the server no longer lists it as busy (the events engineer builds waitForIdle). */
const pollIdle = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    for (let i = 0; i < 300; i++) {
      if ((yield* sessions.statusOf(sessionID)).type === "idle") return
      yield* Effect.sleep("50 millis")
    }
    throw new Error(`session ${sessionID} still busy`)
  })

/** Polls until `messageID` has a completed reply and the session is idle. */
const pollReply = (sessionID: string, messageID: string) =>
  Effect.gen(function*() {
    const messages = yield* MessageService
    for (let i = 0; i < 300; i++) {
      yield* pollIdle(sessionID)
      const history = yield* messages.list(sessionID)
      const replies = MessageResult.assistantReplies(history, messageID)
      if (replies.length > 0 && replies.at(-1)!.info.time.completed !== undefined) return history
      yield* Effect.sleep("50 millis")
    }
    throw new Error(`no reply to ${messageID}`)
  })

layer(Live, { excludeTestServices: true, timeout: "90 seconds" })("MessageService (real opencode serve)", (it) => {
  it.effect("prompt returns the scripted text of the last assistant message", () =>
    Effect.gen(function*() {
      const { messages, model, sessionID } = yield* setup
      yield* model.script(ScriptedModel.text("Scripted hello"))
      const reply = yield* messages.prompt(sessionID, "hello")
      expect(reply.info.role).toBe("assistant")
      expect(MessageResult.finalText(reply)).toBe("Scripted hello")
      expect(MessageResult.tokens(reply).total).toBeGreaterThan(0)
      expect(MessageResult.errorOf(reply)).toBeUndefined()
      const chats = (yield* model.requests).filter((r) => r.kind === "chat")
      expect(chats.map((r) => r.lastUserText)).toEqual(["hello"])
    }))

  it.effect("promptAsync returns at once with the id of the user message it created", () =>
    Effect.gen(function*() {
      const { messages, model, sessionID } = yield* setup
      yield* model.script(ScriptedModel.delay("1500 millis", ScriptedModel.text("slow answer")))
      const started = Date.now()
      const messageID = yield* messages.promptAsync(sessionID, "take your time")
      expect(Date.now() - started).toBeLessThan(1000)
      const history = yield* pollReply(sessionID, messageID)
      const user = history.find((m) => m.info.role === "user" && m.info.id === messageID)
      expect(user).toBeDefined()
      const replies = MessageResult.assistantReplies(history, messageID)
      expect(MessageResult.finalText(replies)).toBe("slow answer")
      // The id is also readable on its own.
      const own = yield* messages.get(sessionID, messageID)
      expect(MessageResult.textOf(own)).toBe("take your time")
    }))

  it.effect("a file part reaches the model", () =>
    Effect.gen(function*() {
      const { messages, model, project, sessionID } = yield* setup
      yield* model.script(ScriptedModel.text("I read it"))
      const reply = yield* messages.prompt(sessionID, {
        parts: [Prompt.text("What does the file say?"), Prompt.file(project.path("notes/secret.txt"))]
      })
      expect(MessageResult.finalText(reply)).toBe("I read it")
      const chat = (yield* model.requests).filter((r) => r.kind === "chat").at(-1)!
      const sent = JSON.stringify(chat.body.messages)
      expect(sent).toContain("PAPAYA-7781")
      expect(sent).toContain("secret.txt")
    }))

  it.effect("a write tool call gives two assistant messages; filesTouched and diff show the file", () =>
    Effect.gen(function*() {
      const { messages, model, project, sessions, sessionID } = yield* setup
      const file = project.path("out", "hello.txt")
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath: file, content: "hello from the tool\n" }),
        ScriptedModel.text("done")
      )
      const reply = yield* messages.prompt(sessionID, "write the file")
      expect(MessageResult.finalText(reply)).toBe("done")
      expect(NodeFs.readFileSync(file, "utf8")).toBe("hello from the tool\n")
      const history = yield* messages.list(sessionID)
      const user = history.find((m) => m.info.role === "user")!
      const replies = MessageResult.assistantReplies(history, user.info.role === "user" ? user.info.id : "")
      expect(replies.map((m) => m.info.finish)).toEqual(["tool-calls", "stop"])
      expect(replies.at(-1)!.info.id).toBe(MessageResult.idOf(reply))
      const calls = MessageResult.toolCalls(replies)
      expect(calls.map((c) => [c.tool, c.status])).toEqual([["write", "completed"]])
      expect(MessageResult.filesTouched(replies)).toEqual([file])
      expect(MessageResult.finalText(history)).toBe("done")
      // The synchronous answer comes before the server's final diff of the prompt: the user
      // message's summary is written when the prompt starts (empty) and again a little after the
      // session turns idle.
      yield* pollIdle(sessionID)
      const userID = MessageResult.idOf(user)!
      let diff = yield* sessions.diff(sessionID, { messageID: userID })
      for (let i = 0; i < 100 && diff.length === 0; i++) {
        yield* Effect.sleep("50 millis")
        diff = yield* sessions.diff(sessionID, { messageID: userID })
      }
      expect(diff.map((d) => d.file)).toEqual(["out/hello.txt"])
      expect(diff[0]!.additions).toBe(1)
    }))

  it.effect("pages backwards through 7 messages, 2 at a time, with the server's cursor", () =>
    Effect.gen(function*() {
      const { messages, sessionID } = yield* setup
      for (const text of ["one", "two", "three"]) yield* messages.prompt(sessionID, text)
      yield* messages.prompt(sessionID, { noReply: true, parts: [Prompt.text("four")] })
      const all = yield* messages.list(sessionID)
      expect(roles(all)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant", "user"])
      const ids = all.map((m) => MessageResult.idOf(m))

      // limit takes the newest N, oldest first; the cursor is opaque and leads to older pages.
      const first = yield* messages.page(sessionID, { limit: 2 })
      expect(first.messages.map((m) => MessageResult.idOf(m))).toEqual(ids.slice(5))
      expect(first.cursor).toBeDefined()
      expect(first.cursor!.startsWith("msg")).toBe(false)
      const second = yield* messages.page(sessionID, { limit: 2, before: first.cursor })
      expect(second.messages.map((m) => MessageResult.idOf(m))).toEqual(ids.slice(3, 5))
      expect((yield* messages.list(sessionID, { limit: 2 })).length).toBe(2)

      const streamed = yield* Stream.runCollect(messages.stream(sessionID, { pageSize: 2 }))
      expect(streamed.map((m) => MessageResult.idOf(m))).toEqual([...ids].reverse())
      const newestThree = yield* Stream.runCollect(Stream.take(messages.stream(sessionID, { pageSize: 2 }), 3))
      expect(newestThree.map((m) => MessageResult.idOf(m))).toEqual(ids.slice(4).reverse())
      const single = yield* Stream.runCollect(messages.stream(sessionID, { pageSize: 100 }))
      expect(single.length).toBe(7)

      // A message id is not a cursor: the server answers 400.
      const e = yield* Effect.flip(messages.list(sessionID, { limit: 2, before: ids[4]! }))
      expect(e._tag === "ApiError" && e.isBadRequest).toBe(true)
    }))

  it.effect("get of a missing message is a not-found ApiError; find gives none, and some for a real one", () =>
    Effect.gen(function*() {
      const { messages, sessionID } = yield* setup
      const e = yield* Effect.flip(messages.get(sessionID, "msg_0000000000000000000000000"))
      expect(e._tag === "ApiError" && e.isNotFound).toBe(true)
      expect(Option.isNone(yield* messages.find(sessionID, "msg_0000000000000000000000000"))).toBe(true)
      const id = yield* messages.promptAsync(sessionID, { noReply: true, parts: [Prompt.text("kept")] })
      const found = yield* messages.find(sessionID, id)
      expect(Option.isSome(found) && MessageResult.textOf(found.value)).toBe("kept")
    }))

  it.effect("a multi-step session: three awaited prompts, history readable in order", () =>
    Effect.gen(function*() {
      const { messages, model, sessionID } = yield* setup
      yield* model.script(ScriptedModel.text("first"), ScriptedModel.text("second"), ScriptedModel.text("third"))
      const answers: Array<string> = []
      for (const text of ["step 1", "step 2", "step 3"]) {
        answers.push(MessageResult.finalText(yield* messages.prompt(sessionID, text)))
      }
      expect(answers).toEqual(["first", "second", "third"])
      const history = yield* messages.list(sessionID)
      expect(roles(history)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"])
      expect(history.map(MessageResult.textOf)).toEqual(["step 1", "first", "step 2", "second", "step 3", "third"])
      // The model saw the whole conversation on the last turn.
      const last = (yield* model.requests).filter((r) => r.kind === "chat").at(-1)!
      expect(JSON.stringify(last.body.messages)).toContain("second")
      expect(MessageResult.assistantMessages(history).length).toBe(3)
      expect(MessageResult.tokens(history).total).toBeGreaterThan(MessageResult.tokens(history[1]!).total)
    }))

  it.effect("shell runs a command and its output is in the parts", () =>
    Effect.gen(function*() {
      const { messages, model, sessionID } = yield* setup
      const reply = yield* messages.shell(sessionID, { command: "echo hi" })
      const calls = MessageResult.toolCalls(reply)
      expect(calls.map((c) => [c.tool, c.status])).toEqual([["bash", "completed"]])
      expect(calls[0]!.output).toBe("hi\n")
      expect((yield* model.requests).filter((r) => r.kind === "chat")).toEqual([])
    }))

  it.effect("command expands a configured command's template for the model", () =>
    Effect.gen(function*() {
      const { messages, model, sessionID } = yield* setup
      yield* model.script(ScriptedModel.text("Hello, world!"))
      const reply = yield* messages.command(sessionID, { command: "greet", arguments: "the world" })
      expect(MessageResult.finalText(reply)).toBe("Hello, world!")
      const chat = (yield* model.requests).filter((r) => r.kind === "chat").at(-1)!
      expect(chat.lastUserText).toContain("Say a greeting to the world")
    }))

  it.effect("updatePart edits a stored part; deletePart and deleteMessage remove them", () =>
    Effect.gen(function*() {
      const { messages, model, sessionID } = yield* setup
      yield* model.script(ScriptedModel.text("original"))
      const reply = yield* messages.prompt(sessionID, "hello")
      const text = reply.parts.find((p) => p.type === "text")!
      if (text.type !== "text") throw new Error("no text part")
      const updated = yield* messages.updatePart({ ...text, text: "edited" })
      expect(updated.type === "text" && updated.text).toBe("edited")
      const replyID = MessageResult.idOf(reply)!
      expect(MessageResult.textOf(yield* messages.get(sessionID, replyID))).toBe("edited")
      yield* messages.deletePart(sessionID, replyID, text.id)
      expect((yield* messages.get(sessionID, replyID)).parts.some((p) => p.type === "text")).toBe(false)
      yield* messages.deleteMessage(sessionID, replyID)
      expect(Option.isNone(yield* messages.find(sessionID, replyID))).toBe(true)
      expect(roles(yield* messages.list(sessionID))).toEqual(["user"])
    }))
})
