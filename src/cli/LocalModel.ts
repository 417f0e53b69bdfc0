/**
 * The offline demo model of the `effect-opencode` CLI (`--model local/echo`): the library's
 * scripted model server, started in-process, answering every prompt with a short canned reply
 * that repeats the prompt and says plainly that no real model answered. It makes every command
 * work on a fresh machine with no API key and no network. CLI internals: not part of the
 * package's exports.
 *
 * @since 0.1.0
 */
import { Duration, Effect } from "effect"
import type * as Scope from "effect/Scope"
import * as ScriptedModel from "../testing/ScriptedModel.ts"

/**
 * The provider id of the demo model.
 *
 * @example
 * ```ts
 * import { providerID, modelID } from "./LocalModel.ts"
 * `${providerID}/${modelID}` // "local/echo"
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const providerID = "local"

/**
 * The model id of the demo model.
 *
 * @example
 * ```ts
 * import { modelID } from "./LocalModel.ts"
 * modelID // "echo"
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const modelID = "echo"

/**
 * The environment variable that delays each of the demo model's answers by this many
 * milliseconds (to imitate a real model's latency; default 0).
 *
 * @example
 * ```ts
 * import { latencyVariable } from "./LocalModel.ts"
 * // EFFECT_OPENCODE_LOCAL_LATENCY=2000 effect-opencode run "hi"
 * latencyVariable // "EFFECT_OPENCODE_LOCAL_LATENCY"
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const latencyVariable = "EFFECT_OPENCODE_LOCAL_LATENCY"

/**
 * The demo model's reply to a prompt: the prompt, repeated, and what answered it.
 *
 * @example
 * ```ts
 * import { reply } from "./LocalModel.ts"
 * reply("Write a haiku") // "You asked: “Write a haiku”. …"
 * ```
 *
 * @since 0.1.0
 * @category constructors
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
 * import { providerConfig } from "./LocalModel.ts"
 * providerConfig("http://127.0.0.1:4000/v1").provider.local.models.echo.name // "Echo (offline demo)"
 * ```
 *
 * @since 0.1.0
 * @category constructors
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
 * import { start } from "./LocalModel.ts"
 *
 * const program = Effect.scoped(Effect.flatMap(start(), (baseURL) => Effect.log(baseURL)))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = (options: { readonly latency?: Duration.Input | undefined } = {}): Effect.Effect<
  string,
  never,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const fromEnv = Number(process.env[latencyVariable] ?? "0")
    const latency = options.latency ?? Duration.millis(Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 0)
    const answer = (text: string): ScriptedModel.Reply => {
      const r = ScriptedModel.text(text, { chunks: Math.max(1, Math.ceil(text.length / 24)) })
      return Duration.toMillis(Duration.fromInputUnsafe(latency)) > 0 ? ScriptedModel.delay(latency, r) : r
    }
    const model = yield* ScriptedModel.make({
      fallback: (request) => answer(reply(request.lastUserText)),
      title: (request) => ScriptedModel.text(request.lastUserText.slice(0, 50) || "effect-opencode session"),
      summary: (request) => answer(`Summary (offline demo model): ${request.lastUserText.slice(0, 200)}`),
      modelId: modelID
    })
    return model.baseURL
  })
