import { expect, layer } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Queue, Schema, Stream } from "effect"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import { OpencodeClient, route } from "../../src/layers/OpencodeClient.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import { type Event, eventSessionID } from "../../src/schema/Event.ts"
import * as Ids from "../../src/schema/Ids.ts"
import * as Message from "../../src/schema/Message.ts"
import { encodePromptInput, Prompt } from "../../src/schema/PromptInput.ts"
import * as EventServiceModule from "../../src/services/EventService.ts"
import { EventService } from "../../src/services/EventService.ts"
import * as SessionServiceModule from "../../src/services/SessionService.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import type * as Lifecycle from "../../src/streams/Lifecycle.ts"
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

const Live = Layer.mergeAll(EventServiceModule.layer, SessionServiceModule.layer).pipe(
  Layer.provideMerge(ClientLive),
  Layer.provideMerge(TestServer.layer())
)

const MessageList = Schema.Array(Message.MessageWithParts)

/** Sends a prompt with `prompt_async` and a message id chosen here; returns the id. */
const promptAsync = (sessionID: string, text: string) =>
  Effect.gen(function*() {
    const client = yield* OpencodeClient
    const messageID = Ids.newMessageID()
    yield* client.call({
      method: "POST",
      path: route`/session/${sessionID}/prompt_async`,
      body: encodePromptInput({ messageID, parts: [Prompt.text(text)] }),
      response: "none"
    })
    return messageID
  })

const messages = (sessionID: string) =>
  OpencodeClient.use((client) => client.call({ method: "GET", path: route`/session/${sessionID}/message`, response: MessageList }))

/** The text of the replies to `messageID`, from the server's messages. */
const replyText = (sessionID: string, messageID: string) =>
  Effect.map(messages(sessionID), (history) =>
    history
      .filter((m) => m.info.role === "assistant" && m.info.parentID === messageID)
      .flatMap((m) => m.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])))
      .join(""))

const setup = (options: SessionServiceModule.CreateOptions = {}) =>
  Effect.gen(function*() {
    const model = yield* ScriptedModel.ScriptedModel
    yield* model.reset
    const sessions = yield* SessionService
    const events = yield* EventService
    const session = yield* sessions.create({ title: "event tests", ...options })
    return { model, sessions, events, sessionID: session.id }
  })

const kind = (e: Event): string => {
  switch (e.type) {
    case "message.updated":
      return `message.updated:${e.properties.info.role}`
    case "message.part.updated":
      return `message.part.updated:${e.properties.part.type}`
    case "session.status":
      return `session.status:${e.properties.status.type}`
    default:
      return e.type
  }
}

/** Whether `wanted` appears in `list` in order (not necessarily adjacent). */
const isSubsequence = (wanted: ReadonlyArray<string>, list: ReadonlyArray<string>) => {
  let i = 0
  for (const item of list) if (item === wanted[i]) i++
  return i === wanted.length
}

/** Runs a lifecycle into a queue, so a test can take changes one by one. */
const lifecycleQueue = (sessionID: string) =>
  Effect.gen(function*() {
    const events = yield* EventService
    const queue = yield* Queue.unbounded<Lifecycle.Change>()
    yield* events.lifecycle(sessionID).pipe(
      Stream.runForEach((c) => Queue.offer(queue, c)),
      Effect.forkScoped
    )
    const until = (...states: ReadonlyArray<Lifecycle.LifecycleState>) =>
      Effect.gen(function*() {
        const seen: Array<Lifecycle.Change> = []
        while (true) {
          const c = yield* Queue.take(queue)
          seen.push(c)
          if (states.includes(c.state)) return seen
        }
      }).pipe(Effect.timeout("20 seconds"))
    return { until }
  })

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("EventService (real opencode serve)", (it) => {
  it.effect("one prompt: the key events in the server's order", () =>
    Effect.gen(function*() {
      const { events, model, sessionID } = yield* setup()
      yield* model.script(ScriptedModel.text("Hello there, dear world", { chunks: 4 }))
      const items = yield* Effect.scoped(Effect.gen(function*() {
        const sub = yield* events.subscribe()
        yield* sub.ready
        yield* promptAsync(sessionID, "say hello")
        return yield* sub.items.pipe(
          Stream.filter((i): i is Event => i.type !== "client.reconnected" && eventSessionID(i) === sessionID),
          Stream.takeUntil((e) => e.type === "session.idle"),
          Stream.runCollect
        )
      }))
      const kinds = items.map(kind)
      expect(
        isSubsequence([
          "message.updated:user",
          "message.part.updated:text",
          "session.status:busy",
          "message.updated:assistant",
          "message.part.updated:step-start",
          "message.part.updated:text",
          "message.part.delta",
          "message.part.delta",
          "message.part.updated:text",
          "message.part.updated:step-finish",
          "message.updated:assistant",
          "session.status:idle",
          "session.idle"
        ], kinds)
      ).toBe(true)
      expect(kinds.at(-1)).toBe("session.idle")
    }))

  it.effect("global events: the frames of every directory, with their directory", () =>
    Effect.scoped(Effect.gen(function*() {
      const { events, sessionID } = yield* setup() // the model echoes
      const project = yield* TestServer.TestProject
      const connected = yield* Deferred.make<void>()
      const idle = yield* events.globalEvents().pipe(
        Stream.tap((e) => (e.payload.type === "server.connected" ? Deferred.succeed(connected, undefined) : Effect.void)),
        Stream.filter((e) => e.payload.type === "session.idle" && e.payload.properties.sessionID === sessionID),
        Stream.take(1),
        Stream.runCollect,
        Effect.forkScoped
      )
      yield* Deferred.await(connected)
      yield* promptAsync(sessionID, "global hello")
      const [frame] = yield* Fiber.join(idle)
      expect(frame!.directory).toBe(project.directory)
    })))

  it.effect("per-session views: two sessions running at once each see only their own events", () =>
    Effect.gen(function*() {
      const { events, sessions, sessionID: a } = yield* setup() // the model echoes
      const b = (yield* sessions.create({ title: "event tests b" })).id
      yield* Effect.scoped(Effect.gen(function*() {
        // keep the shared connection up, so the views below subscribe at once
        const sub = yield* events.subscribe()
        yield* sub.ready
        const collect = (id: string) =>
          events.session(id).pipe(Stream.takeUntil((e) => e.type === "session.idle"), Stream.runCollect, Effect.forkScoped)
        const fa = yield* collect(a)
        const fb = yield* collect(b)
        yield* Effect.sleep("200 millis")
        const [ma, mb] = yield* Effect.all([promptAsync(a, "alpha words"), promptAsync(b, "beta words")], {
          concurrency: 2
        })
        const [ea, eb] = [yield* Fiber.join(fa), yield* Fiber.join(fb)]
        expect(ea.every((e) => eventSessionID(e) === a)).toBe(true)
        expect(eb.every((e) => eventSessionID(e) === b)).toBe(true)
        expect(ea.some((e) => e.type === "message.part.delta")).toBe(true)
        expect(eb.some((e) => e.type === "message.part.delta")).toBe(true)
        yield* events.waitForIdle(a, { after: ma, timeout: "20 seconds" })
        yield* events.waitForIdle(b, { after: mb, timeout: "20 seconds" })
        expect(yield* replyText(a, ma)).toBe("alpha words")
        expect(yield* replyText(b, mb)).toBe("beta words")
      }))
    }))

  it.effect("lifecycle of a successful run, a revert and an archive", () =>
    Effect.scoped(Effect.gen(function*() {
      const { model, sessions, sessionID } = yield* setup()
      const life = yield* lifecycleQueue(sessionID)
      expect((yield* life.until("idle")).map((c) => c.state)).toEqual(["idle"])
      yield* model.script(
        ScriptedModel.toolCall("write", { filePath: "notes.txt", content: "remember\n" }),
        ScriptedModel.text("Wrote it.")
      )
      const user = yield* promptAsync(sessionID, "write a note")
      const run = yield* life.until("completed", "error")
      expect(run.map((c) => c.state)).toEqual(["active", "completed"])
      expect(run[1]!.message?.finish).toBe("stop")
      yield* sessions.revert(sessionID, { messageID: user })
      const reverted = yield* life.until("reverted")
      expect(reverted.at(-1)!.session?.revert?.messageID).toBe(user)
      yield* sessions.update(sessionID, { archived: true })
      const archived = yield* life.until("archived")
      expect(archived.at(-1)!.session?.time.archived).toBeDefined()
    })))

  it.effect("lifecycle and waitForIdle of an aborted run: MessageAbortedError", () =>
    Effect.scoped(Effect.gen(function*() {
      const { events, model, sessions, sessionID } = yield* setup()
      const life = yield* lifecycleQueue(sessionID)
      yield* life.until("idle")
      yield* model.script(ScriptedModel.hang)
      const user = yield* promptAsync(sessionID, "take your time")
      const waiting = yield* Effect.flip(events.waitForIdle(sessionID, { after: user, timeout: "20 seconds" })).pipe(
        Effect.forkScoped
      )
      yield* life.until("active")
      yield* sessions.abort(sessionID)
      const end = yield* life.until("idle")
      expect(end.map((c) => c.state)).toEqual(["error", "idle"])
      expect(end[0]!.error?.name).toBe("MessageAbortedError")
      const error = yield* Fiber.join(waiting)
      expect(error._tag).toBe("SessionError")
      expect(error._tag === "SessionError" && error.name).toBe("MessageAbortedError")
    })))

  it.effect("waitForIdle: an idle that happened before the call; a prompt just sent (after)", () =>
    Effect.gen(function*() {
      const { events, model, sessionID } = yield* setup()
      yield* model.script(ScriptedModel.text("first answer"), ScriptedModel.delay("300 millis", ScriptedModel.text("second answer")))
      const first = yield* promptAsync(sessionID, "one")
      yield* events.waitForIdle(sessionID, { after: first, timeout: "20 seconds" })
      // the run ended before this call subscribed: the status read after subscribing tells
      const started = Date.now()
      yield* events.waitForIdle(sessionID, { timeout: "5 seconds" })
      yield* events.waitForIdle(sessionID, { after: first, timeout: "5 seconds" })
      expect(Date.now() - started).toBeLessThan(2000)
      // right after prompt_async the session may still look idle: `after` waits for the reply
      const second = yield* promptAsync(sessionID, "two")
      yield* events.waitForIdle(sessionID, { after: second, timeout: "20 seconds" })
      expect(yield* replyText(sessionID, second)).toBe("second answer")
    }))

  it.effect("textStream: the streamed text equals the final text", () =>
    Effect.gen(function*() {
      const { events, model, sessionID } = yield* setup()
      const text = "The quick brown fox jumps over the lazy dog, twice."
      yield* model.script(ScriptedModel.delay("200 millis", ScriptedModel.text(text, { chunks: 7 })))
      const user = yield* promptAsync(sessionID, "a sentence please")
      const streamed = yield* events.textStream(sessionID, { after: user }).pipe(Stream.runCollect)
      expect(streamed.length).toBeGreaterThan(1)
      expect(streamed.join("")).toBe(text)
      expect(yield* replyText(sessionID, user)).toBe(text)
      // started before the prompt, without `after`
      yield* model.script(ScriptedModel.text("Another reply, in pieces", { chunks: 3 }))
      const f = yield* events.textStream(sessionID).pipe(Stream.runCollect, Effect.forkChild)
      yield* Effect.sleep("200 millis")
      const next = yield* promptAsync(sessionID, "again")
      expect((yield* Fiber.join(f)).join("")).toBe("Another reply, in pieces")
      expect(yield* replyText(sessionID, next)).toBe("Another reply, in pieces")
    }))

  it.effect("a permission asked is answered by the policy; a question by the handler", () =>
    Effect.scoped(Effect.gen(function*() {
      const { events, model, sessionID } = yield* setup({
        permission: [{ permission: "bash", pattern: "*", action: "ask" }]
      })
      const asked: Array<string> = []
      yield* events.answerPermissions(
        (request) =>
          Effect.sync(() => {
            asked.push(`${request.permission}:${request.patterns.join(",")}`)
            return "once" as const
          }),
        { sessionID }
      ).pipe(Effect.forkScoped)
      yield* events.answerQuestions(
        (request) => Effect.succeed(request.questions.map((q) => [q.options[0]!.label])),
        { sessionID }
      ).pipe(Effect.forkScoped)
      yield* Effect.sleep("200 millis")
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: "echo hi", description: "x" }),
        ScriptedModel.text("ran it")
      )
      const user = yield* promptAsync(sessionID, "run bash")
      yield* events.waitForIdle(sessionID, { after: user, timeout: "30 seconds" })
      expect(asked).toEqual(["bash:echo hi"])
      const history = yield* messages(sessionID)
      const tool = history.flatMap((m) => m.parts).find((p) => p.type === "tool" && p.tool === "bash")
      expect(tool?.type === "tool" && tool.state.status).toBe("completed")
      expect(tool?.type === "tool" && tool.state.status === "completed" && tool.state.output).toContain("hi")
      yield* model.script(
        ScriptedModel.toolCall("question", {
          questions: [{
            question: "Deploy now?",
            header: "Deploy",
            options: [{ label: "Yes", description: "go" }, { label: "No", description: "stop" }]
          }]
        }),
        ScriptedModel.text("deployed")
      )
      const user2 = yield* promptAsync(sessionID, "ask me")
      yield* events.waitForIdle(sessionID, { after: user2, timeout: "30 seconds" })
      // the question tool's result, sent back to the model, carries the answer
      const requests = yield* model.requests
      const toolResults = (requests.at(-1)?.body.messages ?? []).filter((m: { role: string }) => m.role === "tool")
      expect(toolResults.length).toBe(2)
      expect(JSON.stringify(toolResults[1])).toContain("Yes")
    })))
})
