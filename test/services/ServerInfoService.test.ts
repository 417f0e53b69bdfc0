import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Logger } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as ServerInfoServiceModule from "../../src/services/ServerInfoService.ts"
import { ServerInfoService, versionInRange } from "../../src/services/ServerInfoService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  ServerInfoServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", directory: "/repo", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

const health = (version: string) => () => MockHttp.json(200, { healthy: true, version })

describe("ServerInfoService (swapped HttpClient)", () => {
  it("versionInRange", () => {
    expect(versionInRange("1.18.33", "1.18.x")).toBe(true)
    expect(versionInRange("v1.18.0-beta.1", "1.18.x")).toBe(true)
    expect(versionInRange("1.19.0", "1.18.x")).toBe(false)
    expect(versionInRange("1.19.0", "1.18.x || 1.19.x")).toBe(true)
    expect(versionInRange("1.20.4", "1.x")).toBe(true)
    expect(versionInRange("2.0.0", "1.x")).toBe(false)
    expect(versionInRange("1.18.33", "1.18.33")).toBe(true)
    expect(versionInRange("1.18.34", "1.18.33")).toBe(false)
    expect(versionInRange("1.18.33", "1.18")).toBe(false)
  })

  it.effect("checkVersion accepts a tested version", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      expect(yield* info.checkVersion({ onMismatch: "fail" })).toEqual({ version: "1.18.33", range: "1.18.x", supported: true })
    }).pipe(Effect.provide(Mock(health("1.18.33")))))

  it.effect("checkVersion warns on a version outside the range, or fails with VersionMismatch", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      const logs: Array<string> = []
      const capture = Logger.make(({ message }) => {
        logs.push(Array.isArray(message) ? message.join(" ") : String(message))
      })
      const warned = yield* info.checkVersion().pipe(Effect.provide(Logger.layer([capture])))
      expect(warned.supported).toBe(false)
      expect(logs.join("\n")).toContain("opencode 1.19.2")
      const failed = yield* Effect.flip(info.checkVersion({ onMismatch: "fail" }))
      expect(failed._tag === "ServerStartError" && failed.reason).toBe("VersionMismatch")
      expect(failed.message).toContain("1.18.x")
      expect((yield* info.checkVersion({ range: "1.18.x || 1.19.x", onMismatch: "fail" })).supported).toBe(true)
      expect((yield* Effect.flip(info.checkVersion({ range: "latest" })))._tag).toBe("ValidationError")
    }).pipe(Effect.provide(Mock(health("1.19.2")))))

  it.effect("health and dispose-all carry no directory; tools send provider and model", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      yield* info.disposeAll()
      yield* info.tools({ providerID: "local", modelID: "echo" })
      yield* info.log({ service: "test", level: "warn", message: "hello", extra: { n: 1 } })
      const [dispose, tools, log] = yield* requests
      expect(dispose!.url.pathname).toBe("/global/dispose")
      expect(dispose!.url.searchParams.has("directory")).toBe(false)
      expect(tools!.url.searchParams.get("provider")).toBe("local")
      expect(tools!.url.searchParams.get("model")).toBe("echo")
      expect(JSON.parse(log!.body!)).toEqual({ service: "test", level: "warn", message: "hello", extra: { n: 1 } })
    }).pipe(Effect.provide(Mock((req) => (req.url.pathname === "/experimental/tool" ? MockHttp.json(200, []) : MockHttp.json(200, true))))))
})

const Live = ServerInfoServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("ServerInfoService against opencode serve", (it) => {
  it.effect("health, version and the version check", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      const h = yield* info.health()
      expect(h.healthy).toBe(true)
      expect(h.version).toMatch(/^\d+\.\d+\.\d+/)
      expect(yield* info.version()).toBe(h.version)
      const check = yield* info.checkVersion({ onMismatch: "fail" })
      expect(check.supported).toBe(true)
      const strict = yield* Effect.flip(info.checkVersion({ range: "0.1.x", onMismatch: "fail" }))
      expect(strict._tag).toBe("ServerStartError")
    }))

  it.effect("paths, language servers, formatters, capabilities", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      const project = yield* TestServer.TestProject
      const paths = yield* info.paths()
      expect(paths.directory).toBe(project.directory)
      expect(paths.worktree).toBe(project.directory)
      expect(paths.config).toContain("opencode")
      expect(Array.isArray(yield* info.lsp())).toBe(true)
      expect(Array.isArray(yield* info.formatters())).toBe(true)
      expect(typeof (yield* info.capabilities()).backgroundSubagents).toBe("boolean")
    }))

  it.effect("tool ids and the tools a model gets, with JSON Schema parameters", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      const ids = yield* info.toolIds()
      expect(ids).toEqual(expect.arrayContaining(["bash", "read", "edit", "write"]))
      const tools = yield* info.tools({ providerID: "local", modelID: "echo" })
      const bash = tools.find((t) => t.id === "bash")
      expect(bash?.description.length).toBeGreaterThan(0)
      expect(bash?.parameters["type"]).toBe("object")
    }))

  it.effect("log, dispose the instance and all instances; the server keeps answering", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      yield* info.log({ service: "effect-opencode-test", level: "info", message: "hello from the tests" })
      // A level the server does not know is refused by the request schema, before sending.
      const bad = yield* Effect.flip(info.log({ service: "x", level: "loud" as never, message: "m" }))
      expect(bad._tag === "ValidationError" && bad.field).toBe("body")
      yield* info.dispose()
      expect((yield* info.paths()).worktree).toBeTruthy()
      yield* info.disposeAll()
      expect((yield* info.health()).healthy).toBe(true)
    }))

  it.effect("the OpenAPI document", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService
      const doc = yield* info.openapi()
      expect(doc.openapi).toMatch(/^3\./)
      expect(Object.keys(doc.paths)).toContain("/global/health")
    }))
})
