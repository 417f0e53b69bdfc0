import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Schedule } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as McpServiceModule from "../../src/services/McpService.ts"
import { McpService } from "../../src/services/McpService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  McpServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("McpService (swapped HttpClient)", () => {
  it.effect("add sends name and config; names are path-encoded and checked", () =>
    Effect.gen(function*() {
      const mcp = yield* McpService
      const all = yield* mcp.add("fs", { type: "local", command: ["fs-server", "--root", "."], environment: { A: "1" } })
      expect(all.fs?.status).toBe("connected")
      expect(all.other?.status).toBe("needs_client_registration")
      yield* mcp.connect("my.server")
      const [add, connect] = yield* requests
      expect(JSON.parse(add!.body!)).toEqual({
        name: "fs",
        config: { type: "local", command: ["fs-server", "--root", "."], environment: { A: "1" } }
      })
      expect(connect!.url.pathname).toBe("/mcp/my%2Eserver/connect")
      for (const bad of ["", "a/b", "..", "with space"]) {
        expect((yield* Effect.flip(mcp.disconnect(bad)))._tag).toBe("ValidationError")
      }
      expect((yield* requests).length).toBe(2)
    }).pipe(Effect.provide(Mock((req) =>
      req.url.pathname === "/mcp"
        ? MockHttp.json(200, { fs: { status: "connected" }, other: { status: "needs_client_registration", error: "x" } })
        : MockHttp.json(200, true)
    ))))

  it.effect("the server's error shapes ({ error } and { _tag, name }) become typed ApiErrors", () =>
    Effect.gen(function*() {
      const mcp = yield* McpService
      const unsupported = yield* Effect.flip(mcp.startAuth("fs"))
      expect(unsupported._tag === "ApiError" && unsupported.status).toBe(400)
      expect(unsupported.message).toContain("does not support OAuth")
      const missing = yield* Effect.flip(mcp.connect("nope"))
      // The body is { _tag: "McpServerNotFoundError", name: "nope", message }: its `name` field is the server
      // name, which parseServerError reads as the error name.
      expect(missing._tag === "ApiError" && missing.isNotFound).toBe(true)
      expect(missing.message).toContain("MCP server not found: nope")
    }).pipe(Effect.provide(Mock((req) =>
      req.url.pathname.endsWith("/auth")
        ? MockHttp.json(400, { error: "MCP server fs does not support OAuth" })
        : MockHttp.json(404, { _tag: "McpServerNotFoundError", name: "nope", message: "MCP server not found: nope" })
    ))))
})

/** A minimal MCP server over stdio (newline-delimited JSON-RPC) offering one resource. */
const memoServer = `
const readline = require("node:readline")
const rl = readline.createInterface({ input: process.stdin })
const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\\n")
rl.on("line", (line) => {
  let msg
  try { msg = JSON.parse(line) } catch { return }
  if (msg.id === undefined) return
  const ok = (result) => send({ jsonrpc: "2.0", id: msg.id, result })
  switch (msg.method) {
    case "initialize":
      return ok({
        protocolVersion: msg.params.protocolVersion,
        capabilities: { tools: {}, resources: {}, prompts: {} },
        serverInfo: { name: "memo", version: "1.0.0" }
      })
    case "tools/list": return ok({ tools: [] })
    case "prompts/list": return ok({ prompts: [] })
    case "resources/list":
      return ok({ resources: [{ uri: "memo://hello", name: "hello", description: "A greeting", mimeType: "text/plain" }] })
    case "resources/templates/list": return ok({ resourceTemplates: [] })
    case "ping": return ok({})
    default: return send({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "method not found" } })
  }
})
`

const Live = McpServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({ files: { "tools/memo-mcp.cjs": memoServer } })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("McpService against opencode serve", (it) => {
  it.effect("adds a working stdio server: connected, its resources listed; disconnect and reconnect", () =>
    Effect.gen(function*() {
      const mcp = yield* McpService
      const project = yield* TestServer.TestProject
      expect(yield* mcp.status()).toEqual({})
      const all = yield* mcp.add("memo", { type: "local", command: ["node", project.path("tools", "memo-mcp.cjs")], timeout: 20_000 })
      expect(all.memo?.status).toBe("connected")
      const resources = yield* mcp.resources()
      const hello = Object.values(resources).find((r) => r.uri === "memo://hello")
      expect(hello?.client).toBe("memo")
      expect(hello?.mimeType).toBe("text/plain")

      yield* mcp.disconnect("memo")
      expect((yield* mcp.status()).memo?.status).toBe("disabled")
      yield* mcp.connect("memo")
      yield* Effect.retry(
        Effect.flatMap(mcp.status(), (s) => (s.memo?.status === "connected" ? Effect.void : Effect.fail("not yet"))),
        { schedule: Schedule.spaced("100 millis"), times: 100 }
      )
    }))

  it.effect("a server that cannot start is reported as failed, not as an error", () =>
    Effect.gen(function*() {
      const mcp = yield* McpService
      const all = yield* mcp.add("broken", { type: "local", command: ["/bin/false"], timeout: 5_000 })
      expect(all.broken?.status).toBe("failed")
      const broken = all.broken
      expect(broken?.status === "failed" && broken.error).toBeTruthy()
    }))

  it.effect("OAuth endpoints on a server without OAuth, and unknown names", () =>
    Effect.gen(function*() {
      const mcp = yield* McpService
      const start = yield* Effect.flip(mcp.startAuth("memo"))
      expect(start._tag === "ApiError" && start.status).toBe(400)
      const auth = yield* Effect.flip(mcp.authenticate("memo", { timeout: "20 seconds" }))
      expect(auth._tag === "ApiError" && auth.status).toBe(400)
      yield* mcp.removeAuth("memo")
      const complete = yield* Effect.flip(mcp.completeAuth("memo", "code"))
      expect(complete._tag).toBe("ApiError")
      const missing = yield* Effect.flip(mcp.connect("nope"))
      expect(missing._tag === "ApiError" && missing.status).toBe(404)
      const missingAuth = yield* Effect.flip(mcp.removeAuth("nope"))
      expect(missingAuth._tag === "ApiError" && missingAuth.status).toBe(404)
      expect(missingAuth.message).toContain("MCP server not found")
    }))
})
