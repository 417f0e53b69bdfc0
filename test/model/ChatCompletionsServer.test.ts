/**
 * The library's OpenAI-compatible server: what it hands its `answer` function. Its wire format
 * (chunks, tool calls, errors, delays, hangs, scope close) is tested through the test kit's
 * ScriptedModel, which builds on it (test/testing/ScriptedModel.test.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as ChatCompletionsServer from "../../src/model/ChatCompletionsServer.ts"

describe("ChatCompletionsServer", () => {
  it.effect("classifies each request and answers it with the reply its function picks", () =>
    Effect.scoped(Effect.gen(function*() {
      const seen: Array<ChatCompletionsServer.ModelRequest> = []
      const server = yield* ChatCompletionsServer.make({
        modelId: "m1",
        answer: (request) => {
          seen.push(request)
          return ChatCompletionsServer.text(`${request.kind}:${request.lastUserText}`)
        }
      })
      const post = (body: string) =>
        Effect.promise(() =>
          fetch(`${server.baseURL}/chat/completions`, {
            method: "POST",
            headers: { "x-session-id": "ses_1" },
            body
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
        )
      const summary = yield* post(JSON.stringify({
        messages: [
          { role: "system", content: [{ type: "text", text: "You are a context summarization agent" }] },
          { role: "user", content: "first" },
          { role: "assistant", content: "ok" },
          { role: "user", content: [{ type: "text", text: "sec" }, { type: "text", text: "ond" }] }
        ]
      }))
      expect(summary.body.choices[0].message.content).toBe("summary:second")
      expect(summary.body.model).toBe("m1")
      expect(seen.map((r) => [r.kind, r.sessionID])).toEqual([["summary", "ses_1"]])

      const invalid = yield* post("not json")
      expect(invalid.status).toBe(400)
      expect(invalid.body.error.type).toBe("invalid_request_error")
      expect(seen.length).toBe(1)
    })))
})
