/**
 * The offline demo model (`local/echo`), a library component: the CLI starts it, nothing in it
 * comes from the test kit. Over HTTP, as opencode talks to it.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as DemoModel from "../../src/model/DemoModel.ts"

const ask = (baseURL: string, messages: ReadonlyArray<{ role: string; content: string }>) =>
  Effect.promise(async () => {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: DemoModel.modelID, stream: false, messages })
    })
    return { status: response.status, body: (await response.json()) as any }
  })

describe("DemoModel", () => {
  it.effect("answers a chat turn with its canned reply, a title request with the prompt", () =>
    Effect.scoped(Effect.gen(function*() {
      const baseURL = yield* DemoModel.start({ latency: 0 })
      const chat = yield* ask(baseURL, [{ role: "user", content: "Write a haiku" }])
      expect(chat.status).toBe(200)
      expect(chat.body.model).toBe("echo")
      expect(chat.body.choices[0].message.content).toBe(DemoModel.reply("Write a haiku"))
      expect(chat.body.choices[0].message.content).toContain("no AI is involved")
      const title = yield* ask(baseURL, [
        { role: "system", content: "You are a title generator. …" },
        { role: "user", content: "Write a haiku" }
      ])
      expect(title.body.choices[0].message.content).toBe("Write a haiku")
      const models = yield* Effect.promise(() => fetch(`${baseURL}/models`).then((r) => r.json() as Promise<any>))
      expect(models.data.map((m: { id: string }) => m.id)).toEqual([DemoModel.modelID])
    })))

  it("its provider config points opencode at the server as provider local, model echo", () => {
    const config = DemoModel.providerConfig("http://127.0.0.1:1/v1")
    expect(config.provider.local.options.baseURL).toBe("http://127.0.0.1:1/v1")
    expect(Object.keys(config.provider.local.models)).toEqual([DemoModel.modelID])
    expect(DemoModel.providerID).toBe("local")
  })
})
