/**
 * A local OpenAI-compatible model server on a free loopback port (`POST /v1/chat/completions`,
 * streaming or not; `GET /v1/models`), answering each chat request with the {@link Reply} a function
 * of it returns; opencode uses it as an `@ai-sdk/openai-compatible` provider (`options.baseURL`).
 * The one place that speaks the wire format (chunks, tool-call deltas, usage, `[DONE]`, error
 * frames), for the CLI's DemoModel.ts and the test kit's ScriptedModel.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Http from "node:http"

/** One scripted answer of the model: build it with {@link text}, {@link toolCall}, {@link streamError}, …. */
export type Reply =
  | {
    readonly _tag: "Text"
    readonly text: string
    readonly chunks: number
  }
  | { readonly _tag: "Echo" }
  | {
    readonly _tag: "ToolCall"
    readonly calls: ReadonlyArray<{ readonly id: string; readonly name: string; readonly args: unknown }>
  }
  | { readonly _tag: "Error"; readonly status: number; readonly body: unknown }
  | {
    readonly _tag: "StreamError"
    readonly afterText: string
    readonly mode: "frame" | "abort"
    readonly error: unknown
  }
  | { readonly _tag: "Delay"; readonly duration: Duration.Input; readonly reply: Reply }
  | { readonly _tag: "Awaiting"; readonly wait: Effect.Effect<void>; readonly reply: Reply }
  | { readonly _tag: "Hang" }

/** A reply, or a function choosing the reply from the request it answers. */
export type Responder = Reply | ((request: ModelRequest) => Reply)

/** Answers with `text`, streamed as `chunks` content deltas (default 3), finish reason `"stop"`. */
export const text = (text: string, options?: { readonly chunks?: number | undefined }): Reply => ({
  _tag: "Text",
  text,
  chunks: Math.max(1, options?.chunks ?? 3)
})

/** Answers with the text of the last user message of the request. */
export const echo: Reply = { _tag: "Echo" }

let toolCallCounter = 0

/**
 * Answers with a call of the tool `name` with JSON arguments `args` (finish reason `"tool_calls"`).
 * opencode runs the tool and asks the model again: script the follow-up reply too.
 */
export const toolCall = (name: string, args: unknown, options?: { readonly id?: string | undefined }): Reply => ({
  _tag: "ToolCall",
  calls: [{ id: options?.id ?? `call_${++toolCallCounter}`, name, args }]
})

/** Answers with several tool calls in one turn. */
export const toolCalls = (
  calls: ReadonlyArray<{ readonly name: string; readonly args: unknown; readonly id?: string | undefined }>
): Reply => ({
  _tag: "ToolCall",
  calls: calls.map((call) => ({ id: call.id ?? `call_${++toolCallCounter}`, name: call.name, args: call.args }))
})

/**
 * Answers with HTTP error `status` and `body` (an object as JSON, a string as text). Gotcha:
 * opencode retries model HTTP errors with backoff, so the prompt retries until aborted; use
 * {@link streamError} to make a session fail.
 */
export const error = (status: number, body: unknown = { error: { message: "Scripted error", type: "server_error" } }): Reply => ({
  _tag: "Error",
  status,
  body
})

/**
 * Starts a streamed answer with `afterText`, then fails it: `mode: "frame"` (default) sends an
 * OpenAI error frame (`data: {"error":{…}}`) and ends; `"abort"` cuts the connection without `[DONE]`.
 * opencode 1.18 fails the turn at once on the default frame (`type: "invalid_request_error"`:
 * assistant `error: { name: "UnknownError" }`, no retry); a `type: "server_error"` frame and
 * `"abort"` are retried after a ~2 s backoff, and the retry takes the next scripted reply.
 */
export const streamError = (
  afterText: string,
  options?: {
    readonly mode?: "frame" | "abort" | undefined
    /** The error object of the frame (mode `"frame"`). */
    readonly error?: unknown
  }
): Reply => ({
  _tag: "StreamError",
  afterText,
  mode: options?.mode ?? "frame",
  error: options?.error ?? { message: "Scripted stream error", type: "invalid_request_error", code: "scripted_error" }
})

/**
 * The tool opencode offers the model for structured output (a prompt with a `json_schema`
 * format): the model answers by calling it with the JSON value as arguments.
 */
export const structuredOutputTool = "StructuredOutput"

/**
 * Answers a structured-output request as a real provider does: one `StructuredOutput` call with
 * `value` as arguments; opencode validates it against the prompt's schema and stores it as the
 * reply's `structured`. To make the request fail, answer with {@link text} instead (opencode then
 * fails the turn with `StructuredOutputError`).
 */
export const structured = (value: unknown): Reply => toolCall(structuredOutputTool, value)

const outputSchemaOf = (body: ChatRequestBody): unknown => {
  for (const tool of body.tools ?? []) {
    const fn = (tool as { readonly function?: { readonly name?: unknown; readonly parameters?: unknown } } | null)?.function
    if (fn?.name === structuredOutputTool) return fn.parameters
  }
  return undefined
}

/** Waits `duration` (real time) before giving `reply`. */
export const delay = (duration: Duration.Input, reply: Reply): Reply => ({ _tag: "Delay", duration, reply })

/**
 * Answers with `reply` once `wait` completes (e.g. `Deferred.await(gate)`): instead of a long
 * {@link delay} when a test must hold a prompt until something else happened, so it neither
 * waits longer than needed nor fails on a slower machine. `wait` runs once per request in the
 * server's fiber and is interrupted when the client aborts; one that never completes is a {@link hang}.
 */
export const awaiting = (wait: Effect.Effect<void>, reply: Reply): Reply => ({ _tag: "Awaiting", wait, reply })

/** Never answers: the request stays open until the client aborts it or the server stops (to test aborts). */
export const hang: Reply = { _tag: "Hang" }

/** What a request was for: a chat turn (answered from the script), a session title, or a context summary. */
export type RequestKind = "chat" | "title" | "summary"

/** A request to `/v1/chat/completions`, as the server hands it to its `answer` function. */
export interface ModelRequest {
  /** The parsed JSON body (`model`, `messages`, `tools`, `stream`, …). */
  readonly body: ChatRequestBody
  /** The request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  readonly kind: RequestKind
  /** The text of the last `role: "user"` message ("" when there is none). */
  readonly lastUserText: string
  /** The `x-session-id` header, when present. */
  readonly sessionID: string | undefined
  /** Milliseconds since the epoch when the request arrived. */
  readonly receivedAt: number
  /**
   * The JSON Schema of the structured output asked for (the parameters of the `StructuredOutput`
   * tool opencode offers when a prompt has a `json_schema` format), else `undefined`. Answer with {@link structured}.
   */
  readonly outputSchema: unknown
}

/** The body of a chat completion request, as far as the server looks at it. */
export interface ChatRequestBody {
  readonly model?: string
  readonly stream?: boolean
  readonly messages?: ReadonlyArray<ChatMessage>
  readonly tools?: ReadonlyArray<unknown>
  readonly [key: string]: unknown
}

/** One message of a chat completion request. */
export interface ChatMessage {
  readonly role: string
  readonly content?: unknown
  readonly [key: string]: unknown
}

/** The text of a message's `content`, whether a string or an array of parts. */
export const contentText = (content: unknown): string => {
  if (typeof content === "string") return content
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === "string"
          ? part
          : part !== null && typeof part === "object" && typeof (part as { text?: unknown }).text === "string"
          ? (part as { text: string }).text
          : ""
      )
      .join("")
  }
  return ""
}

const titleMarker = "You are a title generator"
const summaryMarker = "You are a context summarization agent"

const classify = (body: ChatRequestBody): RequestKind => {
  const system = (body.messages ?? [])
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => contentText(m.content))
    .join("\n")
  if (system.includes(titleMarker)) return "title"
  if (system.includes(summaryMarker)) return "summary"
  return "chat"
}

const lastUserText = (body: ChatRequestBody): string => {
  const messages = body.messages ?? []
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!
    if (message.role === "user") return contentText(message.content)
  }
  return ""
}

/** The reply a {@link Responder} gives to a request. */
export const resolve = (responder: Responder, request: ModelRequest): Reply =>
  typeof responder === "function" ? responder(request) : responder

/** Options of {@link make}. */
export interface Options {
  /** Chooses each chat request's reply, in arrival order; runs synchronously on the request fiber, so put any wait in the reply ({@link delay}). */
  readonly answer: (request: ModelRequest) => Reply
  /** The model id reported by `GET /v1/models` and in replies. Default `"echo"`. */
  readonly modelId?: string | undefined
}

/** The running server (listening on 127.0.0.1). */
export interface ChatCompletionsServer {
  readonly port: number
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** `http://127.0.0.1:PORT/v1`: an OpenAI-compatible provider's `baseURL`. */
  readonly baseURL: string
}

const encoder = new TextEncoder()

const sseFrame = (data: unknown): Uint8Array =>
  encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`)

const splitText = (text: string, chunks: number): Array<string> => {
  if (text.length === 0) return []
  const size = Math.max(1, Math.ceil(text.length / chunks))
  const parts: Array<string> = []
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size))
  return parts
}

const estimateTokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4))

// Real timers: the model server answers real clients, even when built under a TestClock.
const sleepReal = (duration: Duration.Input): Effect.Effect<void> =>
  Effect.callback<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), Duration.toMillis(duration))
    return Effect.sync(() => clearTimeout(timer))
  })

/**
 * Starts the server on a free loopback port for the life of the scope. Closing the scope stops
 * listening and destroys every socket, which ends delayed, hanging and streaming replies at once.
 */
export const make = Effect.fnUntraced(function*(options: Options) {
  const modelId = options.modelId ?? "echo"
  let completionCounter = 0

  const completionBase = (id: string) => ({
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: modelId
  })

  const usageOf = (request: ModelRequest, output: string) => {
    const prompt = estimateTokens(JSON.stringify(request.body.messages ?? []))
    const completion = estimateTokens(output)
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
  }

  const respond = (reply: Reply, request: ModelRequest): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
    const streaming = request.body.stream === true
    const id = `chatcmpl-${++completionCounter}`
    switch (reply._tag) {
      case "Delay":
        return Effect.andThen(sleepReal(reply.duration), respond(reply.reply, request))
      case "Awaiting":
        return Effect.andThen(reply.wait, respond(reply.reply, request))
      case "Hang":
        return Effect.never
      case "Echo":
        return respond(text(request.lastUserText), request)
      case "Error":
        return Effect.succeed(
          typeof reply.body === "string"
            ? HttpServerResponse.text(reply.body, { status: reply.status })
            : HttpServerResponse.jsonUnsafe(reply.body, { status: reply.status })
        )
      case "Text":
      case "ToolCall":
      case "StreamError": {
        const content = reply._tag === "ToolCall" ? "" : reply._tag === "Text" ? reply.text : reply.afterText
        const toolCalls = reply._tag === "ToolCall"
          ? reply.calls.map((call, index) => ({
            index,
            id: call.id,
            type: "function" as const,
            function: {
              name: call.name,
              arguments: typeof call.args === "string" ? call.args : JSON.stringify(call.args ?? {})
            }
          }))
          : undefined
        const finishReason = reply._tag === "ToolCall" ? "tool_calls" : "stop"
        const usage = usageOf(request, content + JSON.stringify(toolCalls ?? ""))
        if (!streaming) {
          if (reply._tag === "StreamError") {
            return Effect.succeed(
              HttpServerResponse.jsonUnsafe({ error: { message: "Scripted stream error", type: "server_error" } }, {
                status: 500
              })
            )
          }
          return Effect.succeed(HttpServerResponse.jsonUnsafe({
            ...completionBase(id),
            object: "chat.completion",
            choices: [{
              index: 0,
              message: {
                role: "assistant",
                content: toolCalls ? null : content,
                ...(toolCalls ? { tool_calls: toolCalls.map(({ index: _index, ...call }) => call) } : {})
              },
              finish_reason: finishReason
            }],
            usage
          }))
        }
        const base = completionBase(id)
        const chunk = (delta: unknown, finish: string | null = null, extra: Record<string, unknown> = {}) =>
          sseFrame({ ...base, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })
        const frames: Array<Uint8Array> = [chunk({ role: "assistant", content: "" })]
        for (const piece of splitText(content, reply._tag === "Text" ? reply.chunks : 2)) {
          frames.push(chunk({ content: piece }))
        }
        if (toolCalls) frames.push(chunk({ tool_calls: toolCalls }))
        let body: Stream.Stream<Uint8Array, Error> = Stream.fromIterable(frames)
        if (reply._tag === "StreamError") {
          body = reply.mode === "frame"
            ? Stream.concat(
              body,
              Stream.make(sseFrame({ error: reply.error }))
            )
            : Stream.concat(
              body,
              // let the frames reach the client before the connection is cut
              Stream.fromEffect(Effect.andThen(sleepReal(50), Effect.fail(new Error("Scripted stream abort"))))
            )
        } else {
          body = Stream.concat(
            body,
            Stream.make(chunk({}, finishReason, { usage }), sseFrame("[DONE]"))
          )
        }
        return Effect.succeed(HttpServerResponse.stream(body, {
          contentType: "text/event-stream",
          headers: { "cache-control": "no-cache", connection: "keep-alive" }
        }))
      }
    }
  }

  const chatCompletions = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const raw = yield* request.text.pipe(Effect.orElseSucceed(() => ""))
    let body: ChatRequestBody
    try {
      const parsed: unknown = JSON.parse(raw)
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object")
      body = parsed as ChatRequestBody
    } catch {
      return HttpServerResponse.jsonUnsafe(
        { error: { message: "Invalid JSON body", type: "invalid_request_error" } },
        { status: 400 }
      )
    }
    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(request.headers)) {
      if (typeof value === "string") headers[key.toLowerCase()] = value
    }
    const kind = classify(body)
    const modelRequest: ModelRequest = {
      body,
      headers,
      kind,
      lastUserText: lastUserText(body),
      sessionID: headers["x-session-id"],
      receivedAt: Date.now(),
      outputSchema: outputSchemaOf(body)
    }
    const reply = options.answer(modelRequest)
    return yield* respond(reply, modelRequest)
  })

  const models = Effect.sync(() =>
    HttpServerResponse.jsonUnsafe({
      object: "list",
      data: [{ id: modelId, object: "model", created: 0, owned_by: "effect-opencode" }]
    })
  )

  const app = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const path = request.url.split("?")[0]!.replace(/\/+$/, "")
    if (request.method === "POST" && (path === "/v1/chat/completions" || path === "/chat/completions")) {
      return yield* chatCompletions
    }
    if (request.method === "GET" && (path === "/v1/models" || path === "/models")) {
      return yield* models
    }
    return HttpServerResponse.jsonUnsafe({ error: { message: `Not found: ${request.method} ${path}` } }, {
      status: 404
    })
  })

  const nodeServer = Http.createServer({ keepAliveTimeout: 1_000 })
  const server = yield* NodeHttpServer.make(() => nodeServer, {
    port: 0,
    host: "127.0.0.1",
    gracefulShutdownTimeout: Duration.millis(200)
  }).pipe(Effect.orDie)
  // The server runs handlers uninterruptibly; ours must be interruptible so that a client abort
  // or the scope closing ends a delayed or hanging reply.
  yield* server.serve(Effect.interruptible(app))
  // Runs first at scope close: destroying every socket (keep-alive, hanging, streaming) keeps
  // them from holding the close up, and interrupts their request fibers.
  yield* Effect.addFinalizer(() =>
    Effect.sync(() => {
      nodeServer.close()
      nodeServer.closeAllConnections()
    })
  )

  const address = nodeServer.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  const url = `http://127.0.0.1:${port}`

  const running: ChatCompletionsServer = { port, url, baseURL: `${url}/v1` }
  return running
})
