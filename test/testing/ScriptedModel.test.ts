import { describe, expect, it, layer } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Scope } from "effect"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"

const post = (baseURL: string, body: unknown, init?: RequestInit) =>
  Effect.promise(() =>
    fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-session-id": "ses_test" },
      body: JSON.stringify(body),
      ...init
    })
  )

const chat = (text: string, extra: Record<string, unknown> = {}) => ({
  model: "echo",
  stream: true,
  messages: [{ role: "system", content: "You are opencode" }, { role: "user", content: text }],
  ...extra
})

const frames = (raw: string): Array<unknown> =>
  raw
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => f.slice(6))
    .map((d) => (d === "[DONE]" ? "[DONE]" : JSON.parse(d)))

const streamedText = (parsed: Array<unknown>) =>
  parsed
    .filter((f): f is { choices: Array<{ delta: { content?: string } }> } => typeof f === "object")
    .map((f) => f.choices?.[0]?.delta?.content ?? "")
    .join("")

const model = ScriptedModel.ScriptedModel

layer(ScriptedModel.layer(), { excludeTestServices: true })("ScriptedModel", (it) => {
  it.effect("streams a scripted text in the OpenAI chunk format", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(ScriptedModel.text("Hello scripted world", { chunks: 3 }))
      const response = yield* post(m.baseURL, chat("hi"))
      expect(response.status).toBe(200)
      expect(response.headers.get("content-type")).toContain("text/event-stream")
      const raw = yield* Effect.promise(() => response.text())
      const parsed = frames(raw)
      expect(parsed.at(-1)).toBe("[DONE]")
      const first = parsed[0] as any
      expect(first.object).toBe("chat.completion.chunk")
      expect(first.choices[0].delta).toEqual({ role: "assistant", content: "" })
      const deltas = parsed.slice(1, -2) as Array<any>
      expect(deltas.length).toBe(3)
      expect(streamedText(parsed)).toBe("Hello scripted world")
      const final = parsed.at(-2) as any
      expect(final.choices[0].delta).toEqual({})
      expect(final.choices[0].finish_reason).toBe("stop")
      expect(final.usage.total_tokens).toBe(final.usage.prompt_tokens + final.usage.completion_tokens)
    }))

  it.effect("consumes the script in order, then echoes", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(ScriptedModel.text("one"), ScriptedModel.text("two"))
      expect(yield* m.pending).toBe(2)
      const texts: Array<string> = []
      for (const prompt of ["a", "b", "c"]) {
        const response = yield* post(m.baseURL, chat(prompt))
        texts.push(streamedText(frames(yield* Effect.promise(() => response.text()))))
      }
      expect(texts).toEqual(["one", "two", "c"])
      expect(yield* m.pending).toBe(0)
    }))

  it.effect("echoes content given as parts and answers without streaming", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      const response = yield* post(m.baseURL, {
        stream: false,
        messages: [{ role: "user", content: [{ type: "text", text: "part " }, { type: "text", text: "two" }] }]
      })
      const json = (yield* Effect.promise(() => response.json())) as any
      expect(json.object).toBe("chat.completion")
      expect(json.choices[0].message).toEqual({ role: "assistant", content: "part two" })
      expect(json.choices[0].finish_reason).toBe("stop")
      expect(json.usage.completion_tokens).toBeGreaterThan(0)
    }))

  it.effect("sends a tool call in one chunk with finish_reason tool_calls", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(ScriptedModel.toolCall("write", { filePath: "/x/a.txt", content: "hi" }, { id: "call_1" }))
      const response = yield* post(m.baseURL, chat("write it"))
      const parsed = frames(yield* Effect.promise(() => response.text())) as Array<any>
      const call = parsed.find((f) => f !== "[DONE]" && f.choices[0].delta.tool_calls)
      expect(call.choices[0].delta.tool_calls).toEqual([{
        index: 0,
        id: "call_1",
        type: "function",
        function: { name: "write", arguments: JSON.stringify({ filePath: "/x/a.txt", content: "hi" }) }
      }])
      expect(parsed.at(-2).choices[0].finish_reason).toBe("tool_calls")
      expect(parsed.at(-1)).toBe("[DONE]")
    }))

  it.effect("answers a scripted HTTP error", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(ScriptedModel.error(429, { error: { message: "slow down" } }), ScriptedModel.error(400, "bad"))
      const first = yield* post(m.baseURL, chat("x"))
      expect(first.status).toBe(429)
      expect(yield* Effect.promise(() => first.json())).toEqual({ error: { message: "slow down" } })
      const second = yield* post(m.baseURL, chat("x"))
      expect(second.status).toBe(400)
      expect(yield* Effect.promise(() => second.text())).toBe("bad")
    }))

  it.effect("streamError sends text then an error frame, or cuts the stream", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(ScriptedModel.streamError("partial"), ScriptedModel.streamError("cut", { mode: "abort" }))
      const first = yield* post(m.baseURL, chat("x"))
      const parsed = frames(yield* Effect.promise(() => first.text())) as Array<any>
      expect(streamedText(parsed.slice(0, -1))).toBe("partial")
      expect(parsed.at(-1).error.message).toBe("Scripted stream error")
      expect(parsed).not.toContain("[DONE]")
      const second = yield* post(m.baseURL, chat("x"))
      const result = yield* Effect.promise(() => second.text().then((t) => ({ ok: t }), (e) => ({ error: e })))
      expect("error" in result).toBe(true)
    }))

  it.effect("title and summary requests use their own rules and leave the script alone", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(ScriptedModel.text("scripted"))
      const title = yield* post(m.baseURL, {
        stream: true,
        messages: [{ role: "system", content: "You are a title generator. You output ONLY a thread title." }, {
          role: "user",
          content: "hello"
        }]
      })
      expect(streamedText(frames(yield* Effect.promise(() => title.text())))).toBe("Test session")
      const summary = yield* post(m.baseURL, {
        stream: true,
        messages: [{ role: "system", content: [{ type: "text", text: "You are a context summarization agent." }] }, {
          role: "user",
          content: "summarize"
        }]
      })
      expect(streamedText(frames(yield* Effect.promise(() => summary.text())))).toBe("Summary: summarize")
      expect(yield* m.pending).toBe(1)
      yield* m.setTitle(ScriptedModel.text("Custom"))
      const again = yield* post(m.baseURL, {
        stream: true,
        messages: [{ role: "system", content: "You are a title generator" }, { role: "user", content: "x" }]
      })
      expect(streamedText(frames(yield* Effect.promise(() => again.text())))).toBe("Custom")
      const chatResponse = yield* post(m.baseURL, chat("x"))
      expect(streamedText(frames(yield* Effect.promise(() => chatResponse.text())))).toBe("scripted")
      const kinds = (yield* m.requests).map((r) => r.kind)
      expect(kinds).toEqual(["title", "summary", "title", "chat"])
    }))

  it.effect("records bodies and headers", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      const response = yield* post(m.baseURL, chat("record me", { tools: [{ type: "function" }] }))
      yield* Effect.promise(() => response.text())
      const [request] = yield* m.requests
      expect(request!.kind).toBe("chat")
      expect(request!.lastUserText).toBe("record me")
      expect(request!.sessionID).toBe("ses_test")
      expect(request!.headers["content-type"]).toBe("application/json")
      expect(request!.body.model).toBe("echo")
      expect(request!.body.tools).toHaveLength(1)
    }))

  it.effect("serves concurrent requests, delays and hangs until aborted", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      yield* m.script(
        ScriptedModel.hang,
        ScriptedModel.delay("300 millis", ScriptedModel.text("slow")),
        ScriptedModel.text("fast")
      )
      const controller = new AbortController()
      const hung = fetch(`${m.baseURL}/chat/completions`, {
        method: "POST",
        body: JSON.stringify(chat("h")),
        signal: controller.signal
      }).then(() => "answered", () => "aborted")
      // make sure the hanging request took the first reply before the others are sent
      yield* Effect.promise(async () => {
        while ((await Effect.runPromise(m.requests)).length < 1) await new Promise((r) => setTimeout(r, 5))
      })
      const started = Date.now()
      const order: Array<string> = []
      const results = yield* Effect.all(
        ["s", "f"].map((p) =>
          post(m.baseURL, chat(p)).pipe(
            Effect.flatMap((r) => Effect.promise(() => r.text())),
            Effect.map((raw) => streamedText(frames(raw))),
            Effect.tap((t) => Effect.sync(() => order.push(t)))
          )
        ),
        { concurrency: "unbounded" }
      )
      expect(results).toEqual(["slow", "fast"])
      expect(order).toEqual(["fast", "slow"])
      expect(Date.now() - started).toBeLessThan(2_000)
      controller.abort()
      expect(yield* Effect.promise(() => hung)).toBe("aborted")
      const many = yield* Effect.all(
        Array.from({ length: 20 }, (_, i) =>
          post(m.baseURL, chat(`n${i}`)).pipe(
            Effect.flatMap((r) => Effect.promise(() => r.text())),
            Effect.map((raw) => streamedText(frames(raw)))
          )),
        { concurrency: "unbounded" }
      )
      expect(many).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`))
    }))

  it.effect("awaiting answers once its effect completes, not before", () =>
    Effect.gen(function*() {
      const m = yield* model
      yield* m.reset
      const gate = yield* Deferred.make<void>()
      yield* m.script(ScriptedModel.awaiting(Deferred.await(gate), ScriptedModel.text("after the gate")))
      let answered = false
      const held = yield* Effect.forkChild(
        post(m.baseURL, chat("g")).pipe(
          Effect.flatMap((r) => Effect.promise(() => r.text())),
          Effect.map((raw) => streamedText(frames(raw))),
          Effect.tap(() => Effect.sync(() => void (answered = true)))
        )
      )
      // The request reached the model, and another request is answered meanwhile.
      yield* Effect.promise(async () => {
        while ((await Effect.runPromise(m.requests)).length < 1) await new Promise((r) => setTimeout(r, 5))
      })
      const other = yield* post(m.baseURL, chat("other")).pipe(
        Effect.flatMap((r) => Effect.promise(() => r.text())),
        Effect.map((raw) => streamedText(frames(raw)))
      )
      expect(other).toBe("other")
      expect(answered).toBe(false)
      yield* Deferred.succeed(gate, undefined)
      expect(yield* Fiber.join(held)).toBe("after the gate")
    }))

  it.effect("lists its model", () =>
    Effect.gen(function*() {
      const m = yield* model
      const json = (yield* Effect.promise(() => fetch(`${m.baseURL}/models`).then((r) => r.json()))) as any
      expect(json.data[0].id).toBe("echo")
    }))
})

describe("ScriptedModel lifecycle", () => {
  it.live("closing the scope closes the server, even with a hanging request", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const m = yield* ScriptedModel.make({ script: [ScriptedModel.hang] }).pipe(Scope.provide(scope))
      const hung = fetch(`${m.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify(chat("h")) })
        .then(() => "answered", () => "failed")
      yield* Effect.promise(async () => {
        while ((await Effect.runPromise(m.requests)).length < 1) await new Promise((r) => setTimeout(r, 5))
      })
      const started = Date.now()
      yield* Scope.close(scope, Exit.void)
      expect(Date.now() - started).toBeLessThan(1_500)
      yield* Effect.promise(() => hung)
      const after = yield* Effect.promise(() => fetch(`${m.baseURL}/models`).then(() => "up", () => "down"))
      expect(after).toBe("down")
    }))
})
