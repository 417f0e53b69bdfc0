/**
 * The CLI's offline demo model (`--model local/echo`): ChatCompletionsServer.ts in-process, whose
 * canned reply repeats the prompt and says no real model answered, so every CLI command works
 * with no API key and no network.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as ChatCompletionsServer from "./ChatCompletionsServer.ts"

/** The demo model's provider id (`local/echo`). */
export const providerID = "local"

/** The demo model's model id. */
export const modelID = "echo"

/** The environment variable that delays each answer by this many milliseconds (to imitate a real model; default 0). */
export const latencyVariable = "EFFECT_OPENCODE_LOCAL_LATENCY"

/** The demo model's reply to a prompt: the prompt, repeated, and what answered it. */
export const reply = (prompt: string): string => {
  const asked = prompt.trim().length > 0 ? prompt.trim() : "(an empty prompt)"
  return `You asked: “${asked}”. This reply comes from local/echo, the offline demo model bundled with ` +
    `effect-opencode: it only repeats your prompt, no AI is involved. Pass --model provider/model ` +
    `(e.g. anthropic/claude-sonnet-4-5) to ask a real model.`
}

/** The opencode configuration that adds the demo model as provider `local`, model `echo`. */
export const providerConfig = (baseURL: string) => ({
  provider: {
    local: {
      npm: "@ai-sdk/openai-compatible",
      name: "Local (effect-opencode offline demo)",
      options: { baseURL, apiKey: "offline" },
      models: { echo: { name: "Echo (offline demo)" } }
    }
  }
})

/** Starts the demo model server on a free loopback port for the life of the scope; returns its OpenAI-compatible base URL. */
export const start = (options: { readonly latency?: Duration.Input | undefined } = {}): Effect.Effect<
  string,
  never,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const fromEnv = Number(process.env[latencyVariable] ?? "0")
    const latency = options.latency ?? Duration.millis(Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 0)
    const answer = (text: string): ChatCompletionsServer.Reply => {
      const r = ChatCompletionsServer.text(text, { chunks: Math.max(1, Math.ceil(text.length / 24)) })
      return Duration.toMillis(Duration.fromInputUnsafe(latency)) > 0 ? ChatCompletionsServer.delay(latency, r) : r
    }
    const server = yield* ChatCompletionsServer.make({
      answer: (request) =>
        request.kind === "title"
          ? ChatCompletionsServer.text(request.lastUserText.slice(0, 50) || "effect-opencode session")
          : request.kind === "summary"
          ? answer(`Summary (offline demo model): ${request.lastUserText.slice(0, 200)}`)
          : answer(reply(request.lastUserText)),
      modelId: modelID
    })
    return server.baseURL
  })
