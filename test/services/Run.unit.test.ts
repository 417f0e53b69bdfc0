import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"

const session = {
  id: "ses_new",
  slug: "s",
  projectID: "global",
  directory: "/p",
  title: "t",
  version: "1.18.33",
  time: { created: 1, updated: 2 }
}

const Test = Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(Client.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
  Layer.provideMerge(
    MockHttp.layer((req) => (req.url.pathname === "/session" ? MockHttp.json(200, session) : new Response(null, { status: 204 })))
  )
)

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("Run: where a run's tools go", () => {
  it.effect("a run that creates its session gives the tools to the session (kept with its permission rules), not to the prompt", () =>
    Effect.gen(function*() {
      yield* Run.runSimpleText("Review src/auth.ts", {
        tools: { bash: false },
        session: { permission: [{ permission: "read", pattern: "*", action: "ask" }], tools: { webfetch: false } }
      })
      const [create, prompt] = yield* requests
      expect(create!.url.pathname).toBe("/session")
      // A prompt's tools would replace these rules on the server: they all go to the session.
      expect(JSON.parse(create!.body!).permission).toEqual([
        { permission: "read", pattern: "*", action: "ask" },
        { permission: "webfetch", pattern: "*", action: "deny" },
        { permission: "bash", pattern: "*", action: "deny" }
      ])
      expect(prompt!.url.pathname).toBe("/session/ses_new/prompt_async")
      expect(JSON.parse(prompt!.body!).tools).toBeUndefined()
    }).pipe(Effect.provide(Test)))

  it("the run's tools win over the input's; in an existing session they go on the prompt", () => {
    const input = { parts: [{ type: "text" as const, text: "Hi" }], tools: { bash: true, read: false } }
    expect(Run.sessionOptions(input, { tools: { bash: false } }).tools).toEqual({ bash: false, read: false })
    expect(Run.promptInput(input, { tools: { bash: false } }).tools).toBeUndefined()
    expect(Run.promptInput(input, { sessionID: "ses_1", tools: { bash: false } }).tools).toEqual({ bash: false })
    expect(Run.promptInput(input, { sessionID: "ses_1" }).tools).toEqual({ bash: true, read: false })
    expect(Run.sessionOptions(input, undefined, "effect-opencode task").title).toBe("Hi")
    expect(Run.sessionOptions({ parts: [] }, undefined, "effect-opencode task").title).toBe("effect-opencode task")
  })
})
