/**
 * A local, scripted, OpenAI-compatible model server for tests (on a free loopback port). Each test
 * scripts the replies to its chat requests in order; title and summary requests are answered by
 * separate rules that never consume the script, because opencode sends them in parallel with the
 * chat turn. Every request is recorded so tests can assert what opencode sent. The server and the
 * replies are src/model/ChatCompletionsServer.ts's; this module adds script, rules and recording.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ChatCompletionsServer from "../model/ChatCompletionsServer.ts"
import type { ModelRequest, Reply, Responder } from "../model/ChatCompletionsServer.ts"
import { echo, resolve, text } from "../model/ChatCompletionsServer.ts"

/**
 * The replies (`text`, `echo`, `toolCall`, `toolCalls`, `structured`, `error`, `streamError`,
 * `delay`, `awaiting`, `hang`) and the request types of the library's OpenAI-compatible server.
 */
export {
  awaiting,
  contentText,
  delay,
  echo,
  error,
  hang,
  streamError,
  structured,
  structuredOutputTool,
  text,
  toolCall,
  toolCalls
} from "../model/ChatCompletionsServer.ts"
export type {
  ChatMessage,
  ChatRequestBody,
  ModelRequest,
  Reply,
  RequestKind,
  Responder
} from "../model/ChatCompletionsServer.ts"

/** Options of {@link make} and {@link layer}. */
export interface Options {
  /** Replies queued from the start. */
  readonly script?: ReadonlyArray<Reply> | undefined
  /** Answers chat requests when the script is empty. Default: {@link echo}. */
  readonly fallback?: Responder | undefined
  /** Answers title-generation requests. Default: `text("Test session")`. */
  readonly title?: Responder | undefined
  /** Answers summarization requests. Default: `"Summary: "` + the last user text. */
  readonly summary?: Responder | undefined
  /** The model id reported by `GET /v1/models` and in replies. Default `"echo"`. */
  readonly modelId?: string | undefined
}

/** The running scripted model server. */
export interface ScriptedModelShape {
  readonly port: number
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** `http://127.0.0.1:PORT/v1`: an OpenAI-compatible provider's `baseURL`. */
  readonly baseURL: string
  /** Appends replies to the script of chat requests (consumed first in, first out). */
  readonly script: (...replies: ReadonlyArray<Reply>) => Effect.Effect<void>
  /** Sets what answers chat requests once the script is empty. */
  readonly setFallback: (responder: Responder) => Effect.Effect<void>
  /** Sets what answers title-generation requests. */
  readonly setTitle: (responder: Responder) => Effect.Effect<void>
  /** Sets what answers summarization requests. */
  readonly setSummary: (responder: Responder) => Effect.Effect<void>
  /** Every request received so far, in arrival order. */
  readonly requests: Effect.Effect<ReadonlyArray<ModelRequest>>
  /** How many scripted replies are still queued. */
  readonly pending: Effect.Effect<number>
  /** Clears the script and the recorded requests and restores the default rules. */
  readonly reset: Effect.Effect<void>
}

/**
 * The scripted model service.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ScriptedModel } from "effect-opencode/testing"
 *
 * const program = Effect.gen(function*() {
 *   const model = yield* ScriptedModel.ScriptedModel
 *   yield* model.script(ScriptedModel.toolCall("bash", { command: "ls", description: "list" }), ScriptedModel.text("done"))
 *   yield* model.setTitle(ScriptedModel.text("My title"))
 *   // … prompt opencode, then look at what it sent
 *   return (yield* model.requests).map((request) => request.lastUserText)
 * }).pipe(Effect.provide(ScriptedModel.layer()))
 * ```
 */
export class ScriptedModel extends Context.Service<ScriptedModel, ScriptedModelShape>()(
  "effect-opencode/testing/ScriptedModel"
) {}

/** Starts a scripted model server on a free loopback port for the life of the scope; closing it closes every socket. */
export const make = Effect.fnUntraced(function*(options: Options = {}) {
  const defaultFallback: Responder = options.fallback ?? echo
  const defaultTitle: Responder = options.title ?? text("Test session")
  const defaultSummary: Responder = options.summary ??
    ((request: ModelRequest) => text(`Summary: ${request.lastUserText}`))

  const queue: Array<Reply> = [...(options.script ?? [])]
  const recorded: Array<ModelRequest> = []
  let fallback = defaultFallback
  let title = defaultTitle
  let summary = defaultSummary

  const server = yield* ChatCompletionsServer.make({
    modelId: options.modelId,
    answer: (request) => {
      recorded.push(request)
      return request.kind === "title"
        ? resolve(title, request)
        : request.kind === "summary"
        ? resolve(summary, request)
        : queue.length > 0
        ? queue.shift()!
        : resolve(fallback, request)
    }
  })

  return ScriptedModel.of({
    port: server.port,
    url: server.url,
    baseURL: server.baseURL,
    script: (...replies) => Effect.sync(() => void queue.push(...replies)),
    setFallback: (responder) => Effect.sync(() => void (fallback = responder)),
    setTitle: (responder) => Effect.sync(() => void (title = responder)),
    setSummary: (responder) => Effect.sync(() => void (summary = responder)),
    requests: Effect.sync(() => recorded.slice()),
    pending: Effect.sync(() => queue.length),
    reset: Effect.sync(() => {
      queue.length = 0
      recorded.length = 0
      fallback = defaultFallback
      title = defaultTitle
      summary = defaultSummary
    })
  })
})

/** A layer running a scripted model server for as long as the layer lives. */
export const layer = (options?: Options): Layer.Layer<ScriptedModel> => Layer.effect(ScriptedModel, make(options))
