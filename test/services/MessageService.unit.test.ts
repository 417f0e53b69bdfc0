import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Option, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as Client from "../../src/layers/OpencodeClient.ts"
import { Prompt } from "../../src/schema/PromptInput.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as MessageServiceModule from "../../src/services/MessageService.ts"
import { idOf } from "../../src/services/MessageResult.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import { capture } from "../schema/helpers.ts"

const history: ReadonlyArray<any> = capture.responses.messages!.body
const sid: string = history[0].info.sessionID
const userID: string = history[2].info.id
const lastReply = history[4]

const Test = (
  handler: Parameters<typeof MockHttp.layer>[0],
  options: Partial<Parameters<typeof Client.layer>[0]> = {}
) =>
  MessageServiceModule.layer.pipe(
    Layer.provideMerge(
      Client.layer({
        baseUrl: "http://opencode.test",
        retryBaseDelay: "1 millis",
        retryMaxDelay: "2 millis",
        ...options,
        maxRetries: options.maxRetries ?? 0
      })
    ),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)
const line = (r: MockHttp.RecordedRequest) => `${r.method} ${r.url.pathname}`
const noContent = () => new Response(null, { status: 204 })

describe("MessageService (swapped HttpClient)", () => {
  it.effect("rejects malformed ids and bad input before sending anything", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const bad = [
        messages.get("nope", "msg_1"),
        messages.get(sid, "../x"),
        messages.list("ses_1/../x"),
        messages.list(sid, { limit: -1 }),
        messages.list(sid, { before: "abc" }),
        messages.prompt(sid, { messageID: "bogus" as any, parts: [Prompt.text("x")] }),
        messages.prompt(sid, { parts: [] }),
        messages.promptAsync("ses%2F..", "hi"),
        messages.shell(sid, { command: "ls", messageID: "m1" }),
        messages.command(sid, { command: " " }),
        messages.deletePart(sid, "msg_1", "part_1"),
        messages.deleteMessage(sid, "msg_ü")
      ]
      for (const effect of bad) {
        const e = yield* Effect.flip(effect as Effect.Effect<unknown, { readonly _tag: string }>)
        expect(e._tag).toBe("ValidationError")
      }
      const e = yield* Effect.flip(messages.prompt(sid, { messageID: "bogus" as any, parts: [Prompt.text("x")] }))
      expect(e._tag === "ValidationError" && e.field).toBe("messageID")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, [])))))

  it.effect("prompt posts the encoded input with the long timeout and decodes the last assistant message", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const reply = yield* messages.prompt(sid, {
        model: { providerID: "local", modelID: "echo" },
        agent: "build",
        tools: { bash: false },
        system: undefined,
        parts: [Prompt.text("hello"), Prompt.file("/repo/README.md")]
      })
      expect(reply.info.role).toBe("assistant")
      const [req] = yield* requests
      expect(line(req!)).toBe(`POST /session/${sid}/message`)
      expect(JSON.parse(req!.body!)).toEqual({
        model: { providerID: "local", modelID: "echo" },
        agent: "build",
        tools: { bash: false },
        parts: [
          { type: "text", text: "hello" },
          { type: "file", mime: "text/plain", filename: "README.md", url: "file:///repo/README.md" }
        ]
      })
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, lastReply)))))

  it.effect("prompt without a messageID is never resent, even after a connection reset", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const e = yield* Effect.flip(messages.prompt(sid, "hello"))
      expect(e._tag === "TransportError" && e.reason).toBe("ConnectionReset")
      const e2 = yield* Effect.flip(messages.prompt(sid, "hello"))
      expect(e2._tag).toBe("TransportError")
      expect((yield* requests).map(line)).toEqual([`POST /session/${sid}/message`, `POST /session/${sid}/message`])
    }).pipe(Effect.provide(Test(() => ({ networkError: "ECONNRESET" }), { maxRetries: 3 }))))

  it.live("prompt with a messageID the server already holds is not resent: its reply is awaited", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const reply = yield* messages.prompt(sid, { messageID: userID as any, parts: [Prompt.text("again")] })
      expect(idOf(reply)).toBe(lastReply.info.id)
      const lines = (yield* requests).map(line)
      expect(lines.filter((l) => l === `POST /session/${sid}/message`).length).toBe(1)
      expect(lines).toContain(`GET /session/${sid}/message/${userID}`)
    }).pipe(
      Effect.provide(
        Test((req) => {
          if (req.method === "POST") return { networkError: "ECONNRESET" }
          if (req.url.pathname.endsWith(`/message/${userID}`)) return MockHttp.json(200, history[2])
          if (req.url.pathname === "/session/status") return MockHttp.json(200, {})
          return MockHttp.json(200, history)
        }, { maxRetries: 3 })
      )
    ))

  it.live("prompt with a messageID the server does not hold is resent after the lookup", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const reply = yield* messages.prompt(sid, { messageID: "msg_fresh1" as any, parts: [Prompt.text("hi")] })
      expect(idOf(reply)).toBe(lastReply.info.id)
      expect((yield* requests).map(line)).toEqual([
        `POST /session/${sid}/message`,
        `GET /session/${sid}/message/msg_fresh1`,
        `POST /session/${sid}/message`
      ])
    }).pipe(
      Effect.provide(
        Test((req, n) => {
          if (req.method === "POST") return n === 1 ? MockHttp.json(503, {}) : MockHttp.json(200, lastReply)
          return MockHttp.json(404, { name: "NotFoundError", data: { message: "Message not found: msg_fresh1" } })
        }, { maxRetries: 3 })
      )
    ))

  it.live("a broken connection with no stored message is not resent (the prompt may be queued)", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const e = yield* Effect.flip(messages.promptAsync(sid, { messageID: "msg_amb1" as any, parts: [Prompt.text("x")] }))
      expect(e._tag === "TransportError" && e.reason).toBe("ConnectionReset")
      expect((yield* requests).map(line)).toEqual([
        `POST /session/${sid}/prompt_async`,
        `GET /session/${sid}/message/msg_amb1`
      ])
    }).pipe(
      Effect.provide(
        Test((req) =>
          req.method === "POST"
            ? { networkError: "ECONNRESET" }
            : MockHttp.json(404, { name: "NotFoundError", data: { message: "Message not found: msg_amb1" } }), { maxRetries: 3 })
      )
    ))

  it.live("a refused connection is resent without a lookup", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const id = yield* messages.promptAsync(sid, "go")
      expect(id.startsWith("msg_")).toBe(true)
      expect((yield* requests).map(line)).toEqual([
        `POST /session/${sid}/prompt_async`,
        `POST /session/${sid}/prompt_async`
      ])
    }).pipe(
      Effect.provide(Test((_, n) => (n === 1 ? { networkError: "ECONNREFUSED" } : noContent()), { maxRetries: 3 }))
    ))

  it.effect("promptAsync: the send and its look-ups share one requestTimeout deadline", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const fiber = yield* Effect.forkChild(
        Effect.flip(messages.promptAsync(sid, { messageID: "msg_hung1" as any, parts: [Prompt.text("x")] }))
      )
      yield* TestClock.adjust(Duration.millis(1_999))
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(Duration.millis(1))
      // Before, the POST timed out here and the look-up started with a deadline of its own.
      expect(fiber.pollUnsafe()).toBeDefined()
      const e = yield* Fiber.join(fiber)
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
      expect((yield* requests).map(line).filter((l) => l.startsWith("POST"))).toEqual([`POST /session/${sid}/prompt_async`])
    }).pipe(Effect.provide(Test(() => "hang", { maxRetries: 3, requestTimeout: "2 seconds" }))))

  it.effect("promptAsync: a hung send cut by attemptTimeout is looked up within the deadline, not resent", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const fiber = yield* Effect.forkChild(
        messages.promptAsync(sid, { messageID: userID as any, parts: [Prompt.text("x")] })
      )
      yield* TestClock.adjust(Duration.seconds(1))
      yield* TestClock.adjust(Duration.millis(10))
      expect(fiber.pollUnsafe()).toBeDefined()
      expect(yield* Fiber.join(fiber)).toBe(userID)
      expect((yield* requests).map(line)).toEqual([
        `POST /session/${sid}/prompt_async`,
        `GET /session/${sid}/message/${userID}`
      ])
    }).pipe(
      Effect.provide(
        Test((req) => (req.method === "POST" ? "hang" : MockHttp.json(200, history[2])), {
          maxRetries: 3,
          requestTimeout: "10 seconds",
          attemptTimeout: "1 second"
        })
      )
    ))

  it.effect("a 4xx answer to a prompt is never retried", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const e = yield* Effect.flip(messages.prompt(sid, { messageID: "msg_x1" as any, parts: [Prompt.text("hi")] }))
      expect(e._tag === "ApiError" && e.isBadRequest).toBe(true)
      expect((yield* requests).length).toBe(1)
    }).pipe(
      Effect.provide(
        Test(() => MockHttp.json(400, { name: "BadRequest", data: { message: "Missing key" } }), { maxRetries: 3 })
      )
    ))

  it.effect("promptAsync takes the 204 with an empty body and returns a fresh message id it sent", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const id = yield* messages.promptAsync(sid, "go")
      expect(id.startsWith("msg_")).toBe(true)
      const [req] = yield* requests
      expect(line(req!)).toBe(`POST /session/${sid}/prompt_async`)
      expect(JSON.parse(req!.body!)).toEqual({ messageID: id, parts: [{ type: "text", text: "go" }] })
      const given = yield* messages.promptAsync(sid, { messageID: "msg_mine" as any, parts: [Prompt.text("x")] })
      expect(given).toBe("msg_mine")
    }).pipe(Effect.provide(Test(noContent))))

  it.live("promptAsync after a reset looks its message up and does not resend when it is there", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const id = yield* messages.promptAsync(sid, "go")
      expect((yield* requests).map(line)).toEqual([
        `POST /session/${sid}/prompt_async`,
        `GET /session/${sid}/message/${id}`
      ])
    }).pipe(
      Effect.provide(
        Test((req) => (req.method === "POST" ? { networkError: "ECONNRESET" } : MockHttp.json(200, history[0])), {
          maxRetries: 3
        })
      )
    ))

  it.effect("promptAsync rejects an HTML answer (a mistyped route) instead of calling it success", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const e = yield* Effect.flip(messages.promptAsync(sid, "go"))
      expect(e._tag).toBe("DecodeError")
    }).pipe(Effect.provide(Test(() => MockHttp.text(200, "<!doctype html><html></html>", "text/html")))))

  it.effect("list passes limit and before; page returns the X-Next-Cursor", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      yield* messages.list(sid)
      yield* messages.list(sid, { limit: 2, before: "abc" })
      const p = yield* messages.page(sid, { limit: 2 })
      expect(p.cursor).toBe("CUR")
      expect(p.messages.length).toBe(2)
      const [a, b] = yield* requests
      expect(a!.url.search).toBe("")
      expect(Object.fromEntries(b!.url.searchParams)).toEqual({ limit: "2", before: "abc" })
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, history.slice(3), { "x-next-cursor": "CUR" })))))

  it.effect("stream pages backwards newest first and stops without a cursor", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const ids = yield* Stream.runCollect(Stream.map(messages.stream(sid, { pageSize: 2 }), idOf))
      expect(ids).toEqual(history.map((m) => m.info.id).reverse())
      const befores = (yield* requests).map((r) => r.url.searchParams.get("before"))
      expect(befores).toEqual([null, "c2", "c4"])
      // Taking fewer reads fewer pages.
      yield* Stream.runCollect(Stream.take(messages.stream(sid, { pageSize: 2 }), 2))
      expect((yield* requests).length).toBe(4)
    }).pipe(
      Effect.provide(
        Test((req) => {
          const before = req.url.searchParams.get("before")
          const end = before === null ? 5 : before === "c2" ? 3 : 1
          const start = Math.max(0, end - 2)
          const next = start > 0 ? { "x-next-cursor": `c${5 - start}` } : {}
          return MockHttp.json(200, history.slice(start, end), next as Record<string, string>)
        })
      )
    ))

  it.effect("get of a missing message is a not-found ApiError; find gives none", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const e = yield* Effect.flip(messages.get(sid, "msg_missing"))
      expect(e._tag === "ApiError" && e.isNotFound).toBe(true)
      expect(Option.isNone(yield* messages.find(sid, "msg_missing"))).toBe(true)
    }).pipe(
      Effect.provide(Test(() => MockHttp.json(404, { name: "NotFoundError", data: { message: "Message not found: msg_missing" } })))
    ))

  it.effect("command and shell send the server's exact bodies", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      yield* messages.command(sid, {
        command: "review",
        arguments: "src",
        model: { providerID: "local", modelID: "echo" },
        files: [Prompt.file("/repo/a.ts")]
      })
      yield* messages.command(sid, { command: "init", model: "local/echo", messageID: "msg_c1" })
      yield* messages.shell(sid, { command: "echo hi" })
      yield* messages.shell(sid, { command: "ls", agent: "plan", model: { providerID: "local", modelID: "echo" } })
      const bodies = (yield* requests).map((r) => [line(r), JSON.parse(r.body!)])
      expect(bodies).toEqual([
        [`POST /session/${sid}/command`, {
          command: "review",
          arguments: "src",
          model: "local/echo",
          parts: [{ type: "file", mime: "text/plain", filename: "a.ts", url: "file:///repo/a.ts" }]
        }],
        [`POST /session/${sid}/command`, { command: "init", arguments: "", model: "local/echo", messageID: "msg_c1" }],
        [`POST /session/${sid}/shell`, { agent: "build", command: "echo hi" }],
        [`POST /session/${sid}/shell`, { agent: "plan", command: "ls", model: { providerID: "local", modelID: "echo" } }]
      ])
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, lastReply)))))

  it.effect("updatePart patches the part at its own ids; deletePart and deleteMessage use DELETE", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const text = lastReply.parts.find((p: any) => p.type === "text")
      const updated = yield* messages.updatePart({ ...text, text: "edited" })
      expect(updated.type).toBe("text")
      yield* messages.deletePart(sid, text.messageID, text.id)
      yield* messages.deleteMessage(sid, text.messageID)
      const all = yield* requests
      expect(all.map(line)).toEqual([
        `PATCH /session/${sid}/message/${text.messageID}/part/${text.id}`,
        `DELETE /session/${sid}/message/${text.messageID}/part/${text.id}`,
        `DELETE /session/${sid}/message/${text.messageID}`
      ])
      expect(JSON.parse(all[0]!.body!)).toEqual({ ...text, text: "edited" })
    }).pipe(
      Effect.provide(Test((req) =>
        req.method === "PATCH" ? MockHttp.json(200, JSON.parse(req.body!)) : MockHttp.json(200, true)
      ))
    ))

  it.effect("a busy session (409) on deleteMessage is a busy ApiError", () =>
    Effect.gen(function*() {
      const messages = yield* MessageService
      const e = yield* Effect.flip(messages.deleteMessage(sid, userID))
      expect(e._tag === "ApiError" && e.isBusy).toBe(true)
    }).pipe(
      Effect.provide(Test(() => MockHttp.json(409, { name: "SessionBusyError", data: { message: "busy" } })))
    ))
})
