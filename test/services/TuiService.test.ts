import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as TuiServiceModule from "../../src/services/TuiService.ts"
import { TuiService } from "../../src/services/TuiService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  TuiServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("TuiService (swapped HttpClient)", () => {
  it.effect("each call posts to its route with the documented body", () =>
    Effect.gen(function*() {
      const tui = yield* TuiService
      yield* tui.appendPrompt("hello")
      yield* tui.clearPrompt()
      yield* tui.submitPrompt()
      yield* tui.executeCommand("session.new")
      yield* tui.showToast({ message: "Done", variant: "success", duration: 1000 })
      yield* tui.open("help")
      yield* tui.open("models")
      yield* tui.open("sessions")
      yield* tui.open("themes")
      yield* tui.selectSession("ses_1")
      yield* tui.publish({ type: "tui.prompt.append", properties: { text: "x" } })
      yield* tui.respond({ ok: true })
      const request = yield* tui.nextRequest()
      expect(request.path).toBe("/tui/open-help")
      const all = yield* requests
      expect(all.map((r) => `${r.method} ${r.url.pathname} ${r.body ?? ""}`)).toEqual([
        `POST /tui/append-prompt {"text":"hello"}`,
        "POST /tui/clear-prompt ",
        "POST /tui/submit-prompt ",
        `POST /tui/execute-command {"command":"session.new"}`,
        `POST /tui/show-toast {"message":"Done","variant":"success","duration":1000}`,
        "POST /tui/open-help ",
        "POST /tui/open-models ",
        "POST /tui/open-sessions ",
        "POST /tui/open-themes ",
        `POST /tui/select-session {"sessionID":"ses_1"}`,
        `POST /tui/publish {"type":"tui.prompt.append","properties":{"text":"x"}}`,
        `POST /tui/control/response {"ok":true}`,
        "GET /tui/control/next "
      ])
      expect((yield* Effect.flip(tui.selectSession("nope")))._tag).toBe("ValidationError")
    }).pipe(Effect.provide(Mock((req) =>
      req.method === "GET" ? MockHttp.json(200, { path: "/tui/open-help", body: {} }) : MockHttp.json(200, true)
    ))))
})

const Live = Layer.mergeAll(TuiServiceModule.layer, SessionService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("TuiService against opencode serve (no TUI attached)", (it) => {
  it.effect("the server accepts the controls; an unknown session is a 404", () =>
    Effect.gen(function*() {
      const tui = yield* TuiService
      const sessions = yield* SessionService.SessionService
      yield* tui.appendPrompt("hello")
      yield* tui.clearPrompt()
      yield* tui.executeCommand("prompt.clear")
      yield* tui.showToast({ title: "Test", message: "from effect-opencode", variant: "info" })
      yield* tui.open("help")
      yield* tui.publish({ type: "tui.toast.show", properties: { message: "published", variant: "warning" } })
      const session = yield* sessions.create({ title: "tui" })
      yield* tui.selectSession(session.id)
      const missing = yield* Effect.flip(tui.selectSession("ses_doesnotexist"))
      expect(missing._tag === "ApiError" && missing.status).toBe(404)
      // Nothing is queued without a TUI: the long poll times out.
      const next = yield* Effect.flip(tui.nextRequest({ timeout: "300 millis" }))
      expect(next._tag === "TransportError" && next.reason).toBe("Timeout")
    }))
})
