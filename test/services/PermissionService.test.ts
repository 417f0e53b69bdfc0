import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Schedule } from "effect"
import * as NodeFs from "node:fs"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import type * as Permission from "../../src/schema/Permission.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as PermissionServiceModule from "../../src/services/PermissionService.ts"
import { PermissionService } from "../../src/services/PermissionService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  PermissionServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", directory: "/repo", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

const pending = (id: string, sessionID: string) => ({
  id,
  sessionID,
  permission: "bash",
  patterns: ["echo hi"],
  metadata: {},
  always: ["echo *"],
  tool: { messageID: "msg_1", callID: "call_1" }
})

describe("PermissionService (swapped HttpClient)", () => {
  it.effect("list filters by session; reply and respond send the server's bodies", () =>
    Effect.gen(function*() {
      const permissions = yield* PermissionService
      const mine = yield* permissions.list({ sessionID: "ses_a" })
      expect(mine.map((r) => r.id)).toEqual(["per_1"])
      yield* permissions.reply("per_1", "reject", { message: "not here" })
      yield* permissions.respond("ses_a", "per_1", "always")
      const [, reply, respond] = yield* requests
      expect(reply!.url.pathname).toBe("/permission/per_1/reply")
      expect(JSON.parse(reply!.body!)).toEqual({ reply: "reject", message: "not here" })
      expect(respond!.url.pathname).toBe("/session/ses_a/permissions/per_1")
      expect(JSON.parse(respond!.body!)).toEqual({ response: "always" })
    }).pipe(Effect.provide(Mock((req) =>
      req.method === "GET" ? MockHttp.json(200, [pending("per_1", "ses_a"), pending("per_2", "ses_b")]) : MockHttp.json(200, true)
    ))))

  it.effect("bad ids never reach the server; an answered request is a 404 PermissionNotFoundError", () =>
    Effect.gen(function*() {
      const permissions = yield* PermissionService
      expect((yield* Effect.flip(permissions.reply("ses_1", "once")))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(permissions.respond("per_1", "per_1", "once")))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(permissions.list({ sessionID: "../x" })))._tag).toBe("ValidationError")
      expect((yield* requests).length).toBe(0)
      const gone = yield* Effect.flip(permissions.reply("per_gone", "once"))
      expect(gone._tag === "ApiError" && gone.isNotFound && gone.name).toBe("PermissionNotFoundError")
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(404, { _tag: "PermissionNotFoundError", requestID: "per_gone", message: "Permission request not found" })
    ))))
})

const Live = Layer.mergeAll(PermissionServiceModule.layer, SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

const askBash = [{ permission: "bash", pattern: "*", action: "ask" as const }]

/** Polls the pending requests until one of the session's appears. */
const nextRequest = (sessionID: string) =>
  Effect.gen(function*() {
    const permissions = yield* PermissionService
    const found = yield* permissions.list({ sessionID })
    if (found.length === 0) return yield* Effect.fail("none yet" as const)
    return found[0]!
  }).pipe(Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 }))

/** Polls until the session's bash tool part has finished, and returns its state. */
const bashState = (sessionID: string) =>
  Effect.gen(function*() {
    const messages = yield* MessageService.MessageService
    const history = yield* messages.list(sessionID)
    const tool = history.flatMap((m) => m.parts).find((p) => p.type === "tool" && p.tool === "bash")
    if (tool?.type !== "tool" || (tool.state.status !== "completed" && tool.state.status !== "error")) {
      return yield* Effect.fail("running" as const)
    }
    return tool.state
  }).pipe(Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 }))

const idle = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const s = yield* sessions.statusOf(sessionID)
    if (s.type !== "idle") return yield* Effect.fail("busy" as const)
  }).pipe(Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 }))

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("PermissionService against opencode serve", (it) => {
  it.effect("a bash call waits for permission; replying once lets it run", () =>
    Effect.gen(function*() {
      const permissions = yield* PermissionService
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: "echo hi", description: "say hi" }),
        ScriptedModel.text("done")
      )
      const session = yield* sessions.create({ title: "permission once", permission: askBash })
      yield* messages.promptAsync(session.id, "say hi")
      const request: Permission.PermissionRequest = yield* nextRequest(session.id)
      expect(request.permission).toBe("bash")
      expect(request.patterns).toContain("echo hi")
      expect(request.tool?.callID).toBeTruthy()
      expect((yield* permissions.list()).map((r) => r.id)).toContain(request.id)

      yield* permissions.reply(request.id, "once")
      const state = yield* bashState(session.id)
      expect(state.status).toBe("completed")
      expect(state.status === "completed" && state.output).toContain("hi")
      yield* idle(session.id)
      expect(yield* permissions.list({ sessionID: session.id })).toEqual([])
      // Answered already: the server no longer knows it.
      const again = yield* Effect.flip(permissions.reply(request.id, "once"))
      expect(again._tag === "ApiError" && again.status).toBe(404)
    }))

  it.effect("the older respond endpoint rejects: the tool call fails and nothing runs", () =>
    Effect.gen(function*() {
      const permissions = yield* PermissionService
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: "echo never > never.txt", description: "write" }),
        ScriptedModel.text("ok, not running it")
      )
      const session = yield* sessions.create({ title: "permission reject", permission: askBash })
      yield* messages.promptAsync(session.id, "write a file")
      const request = yield* nextRequest(session.id)
      yield* permissions.respond(session.id, request.id, "reject")
      const state = yield* bashState(session.id)
      expect(state.status).toBe("error")
      yield* idle(session.id)
      const project = yield* TestServer.TestProject
      expect(NodeFs.existsSync(project.path("never.txt"))).toBe(false)
    }))
})
