import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as NodeFs from "node:fs"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as ConfigServiceModule from "../../src/services/ConfigService.ts"
import { ConfigService } from "../../src/services/ConfigService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  ConfigServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", directory: "/repo", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("ConfigService (swapped HttpClient)", () => {
  it.effect("types the documented keys and drops the others, as the server itself does", () =>
    Effect.gen(function*() {
      const config = yield* ConfigService
      const c = yield* config.get()
      expect(c.model).toBe("local/echo")
      expect(c.agent?.reviewer?.mode).toBe("subagent")
      expect(c.mcp?.fs).toMatchObject({ type: "local", command: ["fs-server"] })
      expect(c.permission).toEqual({ bash: { "git *": "allow", "*": "ask" }, edit: "deny" })
      expect(Object.keys(c)).not.toContain("theme")
      expect(Object.keys(c)).not.toContain("someFutureSetting")
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(200, {
        model: "local/echo",
        theme: "tokyonight",
        someFutureSetting: { deep: [1, 2] },
        agent: { reviewer: { mode: "subagent", description: "Reviews", futureAgentKey: 1 } },
        mcp: { fs: { type: "local", command: ["fs-server"], enabled: true } },
        permission: { bash: { "git *": "allow", "*": "ask" }, edit: "deny" }
      })
    ))))

  it.effect("update sends the patch to PATCH /config in the directory; global ones carry no directory", () =>
    Effect.gen(function*() {
      const config = yield* ConfigService
      yield* config.update({ model: "anthropic/claude-sonnet-4-6", permission: { bash: "ask" } })
      yield* config.updateGlobal({ username: "ada" })
      yield* config.global()
      const [patch, global, read] = yield* requests
      expect(patch!.method).toBe("PATCH")
      expect(patch!.url.pathname).toBe("/config")
      expect(patch!.url.searchParams.get("directory")).toBe("/repo")
      expect(JSON.parse(patch!.body!)).toEqual({ model: "anthropic/claude-sonnet-4-6", permission: { bash: "ask" } })
      expect(global!.url.pathname).toBe("/global/config")
      expect(global!.url.searchParams.has("directory")).toBe(false)
      expect(read!.method).toBe("GET")
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, {})))))

  it.effect("an HTML page (unknown route) is a DecodeError, a bad patch a ValidationError before sending, a 400 a typed ApiError", () =>
    Effect.gen(function*() {
      const config = yield* ConfigService
      const html = yield* Effect.flip(config.get())
      expect(html._tag).toBe("DecodeError")
      const bad = yield* Effect.flip(config.update({ share: 5 } as never))
      expect(bad._tag === "ValidationError" && bad.field).toBe("body")
      expect((yield* requests).length).toBe(1)
      const refused = yield* Effect.flip(config.update({ share: "auto" }))
      expect(refused._tag === "ApiError" && refused.isBadRequest).toBe(true)
    }).pipe(Effect.provide(Mock((req) =>
      req.method === "GET"
        ? MockHttp.text(200, "<!doctype html><html></html>", "text/html")
        : MockHttp.json(400, { name: "BadRequest", data: { message: "Expected \"manual\" | \"auto\" | \"disabled\", got 5", kind: "Payload" } })
    ))))
})

const Live = ConfigServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({ config: { agent: { reviewer: { description: "Reviews code", mode: "subagent" } } } })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("ConfigService against opencode serve", (it) => {
  it.effect("reads the effective configuration", () =>
    Effect.gen(function*() {
      const config = yield* ConfigService
      const c = yield* config.get()
      expect(c.model).toBe("local/echo")
      expect(c.share).toBe("disabled")
      expect(c.provider?.local?.npm).toBe("@ai-sdk/openai-compatible")
      expect(c.provider?.local?.models?.echo?.name).toBe("Echo")
      expect(c.agent?.reviewer?.description).toBe("Reviews code")
    }))

  it.effect("update writes the project's config file and answers with the patch; a bad value is a ValidationError", () =>
    Effect.gen(function*() {
      const config = yield* ConfigService
      const project = yield* TestServer.TestProject
      const written = yield* config.update({ small_model: "local/echo", instructions: ["docs/rules.md"] })
      expect(written.small_model).toBe("local/echo")
      expect(written.instructions).toEqual(["docs/rules.md"])
      const onDisk = JSON.parse(NodeFs.readFileSync(project.path("config.json"), "utf8"))
      expect(onDisk.small_model).toBe("local/echo")
      NodeFs.rmSync(project.path("config.json"))

      const bad = yield* Effect.flip(config.update({ share: 5 } as never))
      expect(bad._tag === "ValidationError" && bad.field).toBe("body")
    }))

  it.effect("the global configuration: update, read back, and seen in the effective configuration", () =>
    Effect.gen(function*() {
      const config = yield* ConfigService
      const updated = yield* config.updateGlobal({ username: "effect-tester" })
      expect(updated.username).toBe("effect-tester")
      expect((yield* config.global()).username).toBe("effect-tester")
      expect((yield* config.get()).username).toBe("effect-tester")
    }))
})
