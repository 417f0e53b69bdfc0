import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Redacted } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as ProviderServiceModule from "../../src/services/ProviderService.ts"
import { ProviderService } from "../../src/services/ProviderService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  ProviderServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

const provider = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  source: "config",
  env: [],
  options: {},
  models: {
    echo: {
      id: "echo",
      providerID: id,
      name: "Echo",
      api: { id: "echo", url: "", npm: "@ai-sdk/openai-compatible" },
      capabilities: {
        temperature: true,
        reasoning: false,
        attachment: false,
        toolcall: true,
        input: { text: true, audio: false, image: false, video: false, pdf: false },
        output: { text: true, audio: false, image: false, video: false, pdf: false },
        interleaved: false
      },
      cost: { input: 1.5, output: 6, cache: { read: 0.1, write: 0 } },
      limit: { context: 128000, output: 4096 },
      status: "beta",
      options: {},
      headers: {},
      release_date: "2026-01-01",
      futureField: { nested: true }
    }
  },
  ...extra
})

const secret = "sk-live-SECRET-0123456789"

describe("ProviderService (swapped HttpClient)", () => {
  it.effect("setAuth sends the key only in the body, and scrubs it from errors", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const e = yield* Effect.flip(providers.setAuth("openai", Redacted.make(secret)))
      const [req] = yield* requests
      expect(req!.method).toBe("PUT")
      expect(req!.url.pathname).toBe("/auth/openai")
      expect(req!.url.search).not.toContain(secret)
      expect(JSON.parse(req!.body!)).toEqual({ type: "api", key: secret })
      expect(e._tag).toBe("ApiError")
      expect(String(e)).not.toContain(secret)
      expect(JSON.stringify(e)).not.toContain(secret)
      expect(e.message).toContain("<redacted>")
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(400, { name: "BadRequest", data: { message: `Invalid key ${secret}`, echo: { key: secret } } })
    ))))

  it.effect("a stored key is decoded as Redacted and never printed", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const list = yield* providers.list()
      const openai = list.all.find((p) => p.id === "openai")!
      expect(Redacted.isRedacted(openai.key)).toBe(true)
      expect(Redacted.value(openai.key!)).toBe(secret)
      expect(String(openai.key)).not.toContain(secret)
      expect(JSON.stringify(list)).not.toContain(secret)
      // Unknown fields are dropped.
      expect(openai.models.echo!.status).toBe("beta")
      expect(Object.keys(openai.models.echo!)).not.toContain("futureField")
      expect(openai.models.echo!.cost?.input).toBe(1.5)
      expect(openai.models.echo!.limit?.context).toBe(128000)
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(200, { all: [provider("openai", { key: secret, source: "api" })], default: { openai: "echo" }, connected: ["openai"] })
    ))))

  it.effect("setCredentials sends OAuth tokens unwrapped and scrubs both from errors", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const e = yield* Effect.flip(providers.setCredentials("github-copilot", {
        type: "oauth",
        refresh: Redacted.make("refresh-SECRET"),
        access: Redacted.make("access-SECRET"),
        expires: 123
      }))
      const [req] = yield* requests
      expect(JSON.parse(req!.body!)).toEqual({ type: "oauth", refresh: "refresh-SECRET", access: "access-SECRET", expires: 123 })
      expect(JSON.stringify(e)).not.toMatch(/SECRET/)
    }).pipe(Effect.provide(Mock(() => MockHttp.text(500, "boom refresh-SECRET access-SECRET")))))

  it.effect("rejects unusable provider ids before sending anything", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      for (const bad of ["", "a/b", "..", "has space", "x".repeat(201)]) {
        const e = yield* Effect.flip(providers.setAuth(bad, Redacted.make(secret)))
        expect(e._tag).toBe("ValidationError")
        expect(String(e)).not.toContain(secret)
        expect((yield* Effect.flip(providers.removeAuth(bad)))._tag).toBe("ValidationError")
      }
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, true)))))

  it.effect("model() finds a configured model and reports a missing one as 404", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const { model } = yield* providers.model("local", "echo")
      expect(model.limit?.output).toBe(4096)
      const missing = yield* Effect.flip(providers.model("local", "nope"))
      expect(missing._tag === "ApiError" && missing.isNotFound).toBe(true)
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, { providers: [provider("local")], default: { local: "echo" } })))))

  it.effect("oauth calls send the method index and inputs", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const auth = yield* providers.oauthAuthorize("anthropic", { method: 1, inputs: { region: "eu" } })
      expect(auth.method).toBe("code")
      yield* providers.oauthCallback("anthropic", { method: 1, code: Redacted.make("the-code") })
      const [a, b] = yield* requests
      expect(a!.url.pathname).toBe("/provider/anthropic/oauth/authorize")
      expect(JSON.parse(a!.body!)).toEqual({ method: 1, inputs: { region: "eu" } })
      expect(b!.url.pathname).toBe("/provider/anthropic/oauth/callback")
      expect(JSON.parse(b!.body!)).toEqual({ method: 1, code: "the-code" })
    }).pipe(Effect.provide(Mock((req) =>
      req.url.pathname.endsWith("/authorize")
        ? MockHttp.json(200, { url: "https://auth.example/x", method: "code", instructions: "Paste the code" })
        : MockHttp.json(200, true)
    ))))
})

const Live = ProviderServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("ProviderService against opencode serve", (it) => {
  it.effect("lists providers with models, limits and costs, and the configured local model", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const list = yield* providers.list()
      expect(list.connected).toContain("local")
      expect(list.default.local).toBe("echo")
      expect(list.all.length).toBeGreaterThan(10)
      const withCosts = list.all.flatMap((p) => Object.values(p.models)).filter((m) => m.cost !== undefined && m.limit !== undefined)
      expect(withCosts.length).toBeGreaterThan(0)
      expect(withCosts[0]!.limit!.context).toBeGreaterThan(0)

      const configured = yield* providers.configured()
      expect(configured.providers.map((p) => p.id)).toContain("local")
      const { provider: local, model } = yield* providers.model("local", "echo")
      expect(local.name).toBe("Local")
      expect(model.name).toBe("Echo")
      expect(model.providerID).toBe("local")
    }))

  it.effect("auth methods, then an API key set, seen as connected, and removed", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const methods = yield* providers.authMethods()
      expect(methods.openai?.some((m) => m.type === "api")).toBe(true)

      const key = "sk-test-EFFECT-OPENCODE-42"
      yield* providers.setAuth("openai", Redacted.make(key), { reload: true })
      const after = yield* providers.list()
      expect(after.connected).toContain("openai")
      const openai = after.all.find((p) => p.id === "openai")!
      expect(openai.key !== undefined && Redacted.value(openai.key)).toBe(key)
      expect(JSON.stringify(after)).not.toContain(key)

      yield* providers.removeAuth("openai", { reload: true })
      const removed = yield* providers.list()
      expect(removed.all.find((p) => p.id === "openai")?.key).toBeUndefined()
    }))

  it.effect("an OAuth callback for a provider without OAuth is a typed 400", () =>
    Effect.gen(function*() {
      const providers = yield* ProviderService
      const e = yield* Effect.flip(providers.oauthCallback("local", { method: 0, code: Redacted.make("c0de-SECRET") }))
      expect(e._tag === "ApiError" && e.status).toBe(400)
      expect(e._tag === "ApiError" && e.name).toBe("ProviderAuthOauthMissing")
      expect(JSON.stringify(e)).not.toContain("c0de-SECRET")
    }))
})
