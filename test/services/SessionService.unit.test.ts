import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Client from "../../src/layers/OpencodeClient.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as SessionServiceModule from "../../src/services/SessionService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"

const session = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  slug: "s",
  projectID: "global",
  directory: "/p",
  title: "t",
  version: "1.18.33",
  time: { created: 1, updated: 2 },
  ...extra
})

const Test = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  SessionServiceModule.layer.pipe(
    Layer.provideMerge(Client.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("SessionService (swapped HttpClient)", () => {
  it.effect("rejects malformed and hostile ids before sending anything", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      for (const bad of ["not-a-session", "../config", "ses_1/../../x", "ses%2F..", "ses_" + "a".repeat(5000), "ses_ü"]) {
        const e = yield* Effect.flip(sessions.get(bad))
        expect(e._tag).toBe("ValidationError")
      }
      const e = yield* Effect.flip(sessions.revert("ses_ok", { messageID: "bogus" }))
      expect(e._tag === "ValidationError" && e.field).toBe("messageID")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, session("ses_1"))))))

  it.effect("create maps model/title/permission onto the server's body and sends the initial prompt", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      const created = yield* sessions.create({
        description: "Refactor auth",
        model: { providerID: "local", modelID: "echo" },
        agent: "build",
        tools: { bash: false },
        permission: [{ permission: "bash", pattern: "*", action: "ask" }],
        initialPrompt: "Review the auth module"
      })
      expect(created.id).toBe("ses_new")
      const [create, prompt] = yield* requests
      expect(JSON.parse(create!.body!)).toEqual({
        title: "Refactor auth",
        agent: "build",
        model: { providerID: "local", id: "echo" },
        // The tools become the session's rules, after the given ones (the last match wins).
        permission: [{ permission: "bash", pattern: "*", action: "ask" }, { permission: "bash", pattern: "*", action: "deny" }]
      })
      expect(prompt!.url.pathname).toBe("/session/ses_new/prompt_async")
      const sentPrompt = JSON.parse(prompt!.body!)
      expect(sentPrompt).toMatchObject({
        parts: [{ type: "text", text: "Review the auth module" }],
        model: { providerID: "local", modelID: "echo" },
        agent: "build"
      })
      // Not on the prompt: the server would replace the session's rules with a prompt's tools.
      expect(sentPrompt.tools).toBeUndefined()
    }).pipe(
      Effect.provide(
        Test((req) => (req.url.pathname === "/session" ? MockHttp.json(200, session("ses_new")) : new Response(null, { status: 204 })))
      )
    ))

  it.effect("create keeps every option or refuses it: tools without initialPrompt become the session's rules", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      yield* sessions.create({ title: "t", tools: { bash: false, write: false, patch: false, read: true, "my_mcp_tool": false } })
      const [create] = yield* requests
      expect(JSON.parse(create!.body!)).toEqual({
        title: "t",
        permission: [
          { permission: "bash", pattern: "*", action: "deny" },
          { permission: "edit", pattern: "*", action: "deny" },
          { permission: "read", pattern: "*", action: "allow" },
          { permission: "my_mcp_tool", pattern: "*", action: "deny" }
        ]
      })
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, session("ses_new"))))))

  it.effect("create refuses what the server cannot keep, before sending anything", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      const both = yield* Effect.flip(sessions.create({ title: "one", description: "another" }))
      expect(both).toMatchObject({ _tag: "ValidationError", field: "description" })
      const shared = yield* Effect.flip(sessions.create({ title: "t", tools: { write: false, edit: true } }))
      expect(shared).toMatchObject({ _tag: "ValidationError", field: "tools" })
      expect(shared.message).toContain("\"edit\" permission")
      const empty = yield* Effect.flip(sessions.create({ title: "t", tools: { "": false } }))
      expect(empty).toMatchObject({ _tag: "ValidationError", field: "tools" })
      const replaced = yield* Effect.flip(sessions.create({
        title: "t",
        permission: [{ permission: "read", pattern: "*", action: "deny" }],
        initialPrompt: { parts: [{ type: "text", text: "hi" }], tools: { bash: false } }
      }))
      expect(replaced).toMatchObject({ _tag: "ValidationError", field: "initialPrompt.tools" })
      expect(yield* requests).toEqual([])
      // The same value under both names is one title; a prompt's own tools alone are sent as given.
      yield* sessions.create({ title: "same", description: "same" })
      yield* sessions.create({ description: "only", initialPrompt: { parts: [{ type: "text", text: "hi" }], tools: { bash: false } } })
      const sent = yield* requests
      expect(JSON.parse(sent[0]!.body!)).toEqual({ title: "same" })
      expect(JSON.parse(sent[1]!.body!)).toEqual({ title: "only" })
      expect(JSON.parse(sent[2]!.body!).tools).toEqual({ bash: false })
    }).pipe(
      Effect.provide(
        Test((req) => (req.url.pathname === "/session" ? MockHttp.json(200, session("ses_new")) : new Response(null, { status: 204 })))
      )
    ))

  it.effect("an ephemeral session is deleted when its scope closes, even on failure", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      const exit = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
        yield* sessions.create({ title: "tmp", ephemeral: true })
        return yield* Effect.fail("boom")
      })))
      expect(exit._tag).toBe("Failure")
      const all = yield* requests
      expect(all.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /session", "DELETE /session/ses_eph"])
    }).pipe(
      Effect.provide(Test((req) => (req.method === "DELETE" ? MockHttp.json(200, true) : MockHttp.json(200, session("ses_eph")))))
    ))

  it.effect("without a scope an ephemeral session is left alone", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      yield* sessions.create({ title: "tmp", ephemeral: true })
      expect((yield* requests).map((r) => r.method)).toEqual(["POST"])
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, session("ses_eph"))))))

  it.effect("statusOf reads a missing entry as idle", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      expect(yield* sessions.statusOf("ses_busy")).toEqual({ type: "busy" })
      expect(yield* sessions.statusOf("ses_other")).toEqual({ type: "idle" })
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, { ses_busy: { type: "busy" } })))))

  it.effect("a revert the server ignored (unknown message) is reported, not returned as success", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      const e = yield* Effect.flip(sessions.revert("ses_1", { messageID: "msg_missing" }))
      expect(e._tag).toBe("ValidationError")
      expect(e.message).toContain("msg_missing")
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, session("ses_1"))))))

  it.effect("a 409 on revert is a busy ApiError", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService
      const e = yield* Effect.flip(sessions.revert("ses_1", { messageID: "msg_1" }))
      expect(e._tag === "ApiError" && e.isBusy).toBe(true)
    }).pipe(
      Effect.provide(Test(() => MockHttp.json(409, { name: "SessionBusyError", data: { message: "Session ses_1 is busy" } })))
    ))

  it("mergeDiffs adds up one file's changes across prompts", () => {
    const merged = SessionServiceModule.mergeDiffs([
      [{ file: "a.ts", patch: "p1", additions: 2, deletions: 1, status: "added" }],
      [{ file: "a.ts", patch: "p2", additions: 3, deletions: 0, status: "modified" }, {
        file: "b.ts",
        patch: "p3",
        additions: 1,
        deletions: 1,
        status: "modified"
      }]
    ])
    expect(merged).toEqual([
      { file: "a.ts", patch: "p1\np2", additions: 5, deletions: 1, status: "added" },
      { file: "b.ts", patch: "p3", additions: 1, deletions: 1, status: "modified" }
    ])
  })
})
