import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as PtyServiceModule from "../../src/services/PtyService.ts"
import { PtyService } from "../../src/services/PtyService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  PtyServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("PtyService (swapped HttpClient)", () => {
  it.effect("connectToken carries the ticket header; a refusal is a typed 403", () =>
    Effect.gen(function*() {
      const pty = yield* PtyService
      expect(yield* pty.connectToken("pty_1")).toEqual({ ticket: "t-1", expires_in: 60 })
      const refused = yield* Effect.flip(pty.connectToken("pty_1"))
      expect(refused._tag === "ApiError" && refused.status).toBe(403)
      expect(refused._tag === "ApiError" && refused.name).toBe("PtyForbiddenError")
      const [req] = yield* requests
      expect(req!.method).toBe("POST")
      expect(req!.url.pathname).toBe("/pty/pty_1/connect-token")
      expect(req!.headers["x-opencode-ticket"]).toBe("1")
    }).pipe(Effect.provide(Mock((_req, n) =>
      n === 1
        ? MockHttp.json(200, { ticket: "t-1", expires_in: 60 })
        : MockHttp.json(403, { _tag: "PtyForbiddenError", message: "Invalid PTY connect token request" })
    ))))

  it.effect("ids must start with pty", () =>
    Effect.gen(function*() {
      const pty = yield* PtyService
      expect((yield* Effect.flip(pty.get("ses_1")))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(pty.remove("pty/../x")))._tag).toBe("ValidationError")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, true)))))
})

const Live = PtyServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("PtyService against opencode serve", (it) => {
  it.effect("shells, create, get, rename and resize, ticket, remove", () =>
    Effect.gen(function*() {
      const pty = yield* PtyService
      const project = yield* TestServer.TestProject
      const shells = yield* pty.shells()
      expect(shells.some((s) => s.name === "sh")).toBe(true)

      const term = yield* pty.create({ command: "/bin/sh", args: ["-c", "sleep 30"], title: "test term" })
      expect(term.id).toMatch(/^pty/)
      expect(term.status).toBe("running")
      expect(term.cwd).toBe(project.directory)
      expect(term.pid).toBeGreaterThan(0)
      expect((yield* pty.list()).map((p) => p.id)).toContain(term.id)
      expect((yield* pty.get(term.id)).title).toBe("test term")
      const renamed = yield* pty.update(term.id, { title: "renamed", size: { rows: 30, cols: 100 } })
      expect(renamed.title).toBe("renamed")
      const { ticket, expires_in } = yield* pty.connectToken(term.id)
      expect(ticket.length).toBeGreaterThan(0)
      expect(expires_in).toBeGreaterThan(0)

      yield* pty.remove(term.id)
      const gone = yield* Effect.flip(pty.get(term.id))
      expect(gone._tag === "ApiError" && gone.status).toBe(404)
      expect(gone._tag === "ApiError" && gone.name).toBe("PtyNotFoundError")
      expect((yield* pty.list()).map((p) => p.id)).not.toContain(term.id)
    }))
})
