/**
 * The offline demo model bundled with effect-opencode (`--model local/echo` in the CLI): the
 * library's OpenAI-compatible server (ChatCompletionsServer.ts), started in-process, answering
 * every prompt with a short canned reply that repeats the prompt and says plainly that no real
 * model answered. It makes every CLI command work on a fresh machine with no API key and no
 * network. Not part of the package's root exports; the CLI starts it.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as ChatCompletionsServer from "./ChatCompletionsServer.ts"

/**
 * The provider id of the demo model.
 *
 * @example
 * ```ts
 * import { providerID, modelID } from "./DemoModel.ts"
 * `${providerID}/${modelID}` // "local/echo"
 * ```
 */
export const providerID = "local"

/**
 * The model id of the demo model.
 *
 * @example
 * ```ts
 * import { modelID } from "./DemoModel.ts"
 * modelID // "echo"
 * ```
 */
export const modelID = "echo"

/**
 * The environment variable that delays each of the demo model's answers by this many
 * milliseconds (to imitate a real model's latency; default 0).
 *
 * @example
 * ```ts
 * import { latencyVariable } from "./DemoModel.ts"
 * // EFFECT_OPENCODE_LOCAL_LATENCY=2000 effect-opencode run "hi"
 * latencyVariable // "EFFECT_OPENCODE_LOCAL_LATENCY"
 * ```
 */
export const latencyVariable = "EFFECT_OPENCODE_LOCAL_LATENCY"

/**
 * The demo model's reply to a prompt: the prompt, repeated, and what answered it.
 *
 * @example
 * ```ts
 * import { reply } from "./DemoModel.ts"
 * reply("Write a haiku") // "You asked: “Write a haiku”. …"
 * ```
 */
export const reply = (prompt: string): string => {
  const asked = prompt.trim().length > 0 ? prompt.trim() : "(an empty prompt)"
  return `You asked: “${asked}”. This reply comes from local/echo, the offline demo model bundled with ` +
    `effect-opencode: it only repeats your prompt, no AI is involved. Pass --model provider/model ` +
    `(e.g. anthropic/claude-sonnet-4-5) to ask a real model.`
}

/**
 * The opencode configuration that adds the demo model as provider `local`, model `echo`.
 *
 * @example
 * ```ts
 * import { providerConfig } from "./DemoModel.ts"
 * providerConfig("http://127.0.0.1:4000/v1").provider.local.models.echo.name // "Echo (offline demo)"
 * ```
 */
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

/**
 * Starts the demo model server on a free loopback port for the life of the scope; returns its
 * OpenAI-compatible base URL.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { start } from "./DemoModel.ts"
 *
 * const program = Effect.scoped(Effect.flatMap(start(), (baseURL) => Effect.log(baseURL)))
 * ```
 */
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
