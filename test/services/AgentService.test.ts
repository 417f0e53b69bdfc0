import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as AgentServiceModule from "../../src/services/AgentService.ts"
import { AgentService } from "../../src/services/AgentService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  AgentServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

describe("AgentService (swapped HttpClient)", () => {
  it.effect("decodes the nulls a configured agent carries, drops unknown keys, and get() reports a missing one", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const all = yield* agents.list()
      expect(all.map((a) => a.mode)).toEqual(["primary", "subagent"])
      expect(all[1]!.hidden).toBeNull()
      expect(Object.keys(all[1]!)).not.toContain("somethingNew")
      expect((yield* agents.get("build")).permission[0]?.action).toBe("allow")
      const missing = yield* Effect.flip(agents.get("nope"))
      expect(missing._tag === "ApiError" && missing.isNotFound).toBe(true)
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(200, [
        { name: "build", mode: "primary", permission: [{ permission: "*", pattern: "*", action: "allow" }], options: {} },
        {
          name: "reviewer",
          mode: "subagent",
          somethingNew: true,
          hidden: null,
          topP: null,
          description: null,
          permission: [],
          options: {}
        }
      ])
    ))))

  it.effect("a mode a newer server added decodes as sent, beside the known ones (the list is not lost)", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const list = yield* agents.list()
      expect(list.map((a) => [a.name, a.mode])).toEqual([["future", "orchestrator"], ["build", "primary"]])
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(200, [
        { name: "future", mode: "orchestrator", permission: [], options: {} },
        { name: "build", mode: "primary", permission: [], options: {} }
      ])
    ))))

  it.effect("a mode that is not a string is a DecodeError naming the endpoint", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const e = yield* Effect.flip(agents.list())
      expect(e._tag === "DecodeError" && e.endpoint).toBe("GET /agent")
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, [{ name: "future", mode: 7, permission: [], options: {} }])))))

  it.effect("a malformed answer is a DecodeError naming the endpoint", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const e = yield* Effect.flip(agents.commands())
      expect(e._tag === "DecodeError" && e.endpoint).toBe("GET /command")
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, [{ description: "no name, no template" }])))))
})

const Live = AgentServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({
    config: {
      agent: { reviewer: { description: "Reviews code", mode: "subagent", prompt: "You review code." } },
      command: { greet: { template: "Say a greeting to $ARGUMENTS", description: "greet someone" } }
    },
    files: {
      ".opencode/skill/release-notes/SKILL.md":
        "---\nname: release-notes\ndescription: Writes release notes from the git log\n---\n\nRead the git log and write release notes.\n"
    }
  })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("AgentService against opencode serve", (it) => {
  it.effect("lists the built-in and configured agents", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const all = yield* agents.list()
      const names = all.map((a) => a.name)
      expect(names).toContain("build")
      expect(names).toContain("plan")
      const reviewer = yield* agents.get("reviewer")
      expect(reviewer.mode).toBe("subagent")
      expect(reviewer.description).toBe("Reviews code")
      const build = yield* agents.get("build")
      expect(build.native).toBe(true)
      expect(build.permission?.length).toBeGreaterThan(0)
    }))

  it.effect("lists commands, the configured one with its template and hints", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const commands = yield* agents.commands()
      const greet = commands.find((c) => c.name === "greet")
      expect(greet?.template).toBe("Say a greeting to $ARGUMENTS")
      expect(greet?.description).toBe("greet someone")
      expect(greet?.hints).toContain("$ARGUMENTS")
      expect(commands.map((c) => c.name)).toContain("init")
    }))

  it.effect("lists skills: the built-in one and the project's", () =>
    Effect.gen(function*() {
      const agents = yield* AgentService
      const skills = yield* agents.skills()
      expect(skills.length).toBeGreaterThan(0)
      const notes = skills.find((s) => s.name === "release-notes")
      expect(notes?.description).toBe("Writes release notes from the git log")
      expect(notes?.content).toContain("write release notes")
    }))
})
