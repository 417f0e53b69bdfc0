/**
 * Messages and prompts: a session's history (list, pages, a newest-first stream), one message,
 * prompts (synchronous or asynchronous), slash and shell commands, and part/message edits.
 * Gotcha: a prompt is never resent blindly (a resend with an existing id appends to that
 * message); see {@link Service.prompt}.
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import * as FormatBug from "../internal/formatBug.ts"
import { ApiError, type RequestError, TransportError, ValidationError } from "../Errors.ts"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import { requireId } from "../internal/validate.ts"
import * as Ids from "../schema/Ids.ts"
import * as Message from "../schema/Message.ts"
import * as P from "../schema/Part.ts"
import * as Prompt from "../schema/PromptInput.ts"
import * as Turn from "../tasks/Turn.ts"

/** A model reference, as the server names it in prompts. */
export interface ModelRef {
  readonly providerID: string
  readonly modelID: string
}

/** Options of {@link Service.list} and {@link Service.page}. */
export interface ListOptions {
  /** At most this many messages: the **newest** `limit` ones, oldest first. Absent (or `0`): the whole history. */
  readonly limit?: number | undefined
  /**
   * An opaque cursor from a previous page ({@link Page.cursor}, the server's `X-Next-Cursor`):
   * only messages older than that page. Requires `limit`. It is **not** a message id; the server
   * rejects a message id with 400.
   */
  readonly before?: string | undefined
}

/**
 * One page of a session's history: its messages (oldest first) and the cursor of the next,
 * older page (`undefined` on the oldest page).
 */
export interface Page {
  readonly messages: ReadonlyArray<Message.MessageWithParts>
  readonly cursor: string | undefined
}

/** Options of {@link Service.command}. */
export interface CommandOptions {
  /** The command's name without the slash (`"init"`, `"review"`, a custom command). */
  readonly command: string
  /** The command's arguments as one string (`$ARGUMENTS`); `""` when left out. */
  readonly arguments?: string | undefined
  readonly agent?: string | undefined
  /** `{ providerID, modelID }` or the server's `"provider/model"` string. */
  readonly model?: ModelRef | string | undefined
  readonly variant?: string | undefined
  /** A client-chosen id of the user message the command creates. */
  readonly messageID?: string | undefined
  /** Files attached to the command (see `Prompt.file`). */
  readonly files?: ReadonlyArray<Prompt.FilePartInput> | undefined
}

/** Options of {@link Service.shell}. */
export interface ShellOptions {
  /** The shell command line. */
  readonly command: string
  /** The agent the command runs as; the server requires one. Default `"build"`. */
  readonly agent?: string | undefined
  readonly model?: ModelRef | undefined
  /** A client-chosen id of the user message the command creates. */
  readonly messageID?: string | undefined
}

/** A known part (every part but `UnknownPart`), as {@link Service.updatePart} takes it. */
export type KnownPart = Exclude<P.Part, P.UnknownPart>

/** The message operations. */
export interface Service {
  /**
   * The session's messages with their parts, oldest first: all of them, or the newest `limit`
   * (older than the `before` cursor when given).
   */
  readonly list: (
    sessionID: string,
    options?: ListOptions
  ) => Effect.Effect<ReadonlyArray<Message.MessageWithParts>, RequestError>
  /** One page of the history with the cursor of the next, older page. */
  readonly page: (
    sessionID: string,
    options: { readonly limit: number; readonly before?: string | undefined }
  ) => Effect.Effect<Page, RequestError>
  /**
   * The history as a `Stream`, **newest first**, fetched lazily `pageSize` messages at a time
   * (default 50) by paging backwards with the server's cursor. `Stream.take(n)` reads only the
   * pages it needs.
   */
  readonly stream: (
    sessionID: string,
    options?: { readonly pageSize?: number | undefined }
  ) => Stream.Stream<Message.MessageWithParts, RequestError>
  /** One message with its parts; a missing one fails with an `ApiError` whose `isNotFound` is true. */
  readonly get: (sessionID: string, messageID: string) => Effect.Effect<Message.MessageWithParts, RequestError>
  /** Looks a message up: `Option.none()` when the server answers 404. */
  readonly find: (
    sessionID: string,
    messageID: string
  ) => Effect.Effect<Option.Option<Message.MessageWithParts>, RequestError>
  /**
   * Sends a prompt and waits for the answer (`POST /session/{id}/message`) within the long
   * `promptTimeout` (30 minutes by default). Returns the **last** assistant message of the turn
   * (tool calls make several: `MessageResult.assistantReplies`); with `noReply: true`, the stored
   * user message.
   *
   * Without a `messageID` a failed send is not retried. With one, a refused connection is resent;
   * after a 429/502/503/504 or a broken connection the message is looked up first: present → its
   * reply is awaited; absent → a rejected send is resent, a broken one fails (the server may hold
   * the prompt queued but unstored). Send, look-ups and wait share the one deadline.
   */
  readonly prompt: (
    sessionID: string,
    input: string | Prompt.PromptInput
  ) => Effect.Effect<Message.MessageWithParts, RequestError>
  /**
   * Sends a prompt without waiting (`prompt_async`, `204`) and returns its user message id (the
   * input's `messageID` or a fresh `Ids.newMessageID()`), so the caller can wait for this
   * prompt's replies. A failed send is handled as in {@link Service.prompt} (the id is always
   * known; a timed-out attempt counts as broken), within one `requestTimeout` (`TransportError`
   * "Timeout"); `attemptTimeout` abandons a hung send early and looks it up. Gotcha: the `204` precedes storage by ~20–50 ms (longer for
   * a busy session), so `get` right after may answer 404.
   */
  readonly promptAsync: (
    sessionID: string,
    input: string | Prompt.PromptInput
  ) => Effect.Effect<Ids.MessageID, RequestError>
  /**
   * Runs a slash command (`/init`, `/review`, a custom one) and waits for the assistant message
   * (long `promptTimeout`). Not retried.
   */
  readonly command: (
    sessionID: string,
    options: CommandOptions
  ) => Effect.Effect<Message.MessageWithParts, RequestError>
  /**
   * Runs a shell command in the session (no model call) and returns the assistant message whose
   * `bash` tool part holds its output. Fails with a busy `ApiError` (409) while the session works.
   * Not retried.
   */
  readonly shell: (sessionID: string, options: ShellOptions) => Effect.Effect<Message.MessageWithParts, RequestError>
  /** Replaces a part (its ids say where it lives) and returns the stored part. */
  readonly updatePart: (part: KnownPart) => Effect.Effect<P.Part, RequestError>
  /** Deletes a part of a message (a part that is already gone is not an error). */
  readonly deletePart: (sessionID: string, messageID: string, partID: string) => Effect.Effect<void, RequestError>
  /**
   * Deletes a message and its parts (a message that is already gone is not an error). Fails with
   * a busy `ApiError` (409) while the session works.
   */
  readonly deleteMessage: (sessionID: string, messageID: string) => Effect.Effect<void, RequestError>
}

/**
 * The message service.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Stream } from "effect"
 * import { MessageService, OpencodeClient, Prompt } from "effect-opencode"
 *
 * const program = (sessionID: string) =>
 *   Effect.gen(function*() {
 *     const messages = yield* MessageService.MessageService
 *     const id = yield* messages.promptAsync(sessionID, { parts: [Prompt.text("Run the tests")] })
 *     const lastTen = yield* Stream.runCollect(Stream.take(messages.stream(sessionID, { pageSize: 10 }), 10))
 *     const first = yield* messages.page(sessionID, { limit: 20 })
 *     const older = first.cursor === undefined ? [] : yield* messages.list(sessionID, { limit: 20, before: first.cursor })
 *     return { id, lastTen, older }
 *   }).pipe(Effect.provide(MessageService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class MessageService extends Context.Service<MessageService, Service>()("effect-opencode/MessageService") {}

/**
 * The library's one `GET /session/{id}/message` (SessionService and EventService re-read through
 * it): the newest `limit` messages when given, older than the `before` cursor when given;
 * `onCursor` gets the next older page's cursor (`undefined` on the last). A malformed id is a
 * `ValidationError` (field `path.sessionID`) before anything is sent.
 */
export const readMessages = (
  client: OpencodeClient["Service"],
  sessionID: string,
  query: { readonly limit?: number | undefined; readonly before?: string | undefined } = {},
  onCursor?: (cursor: string | undefined) => void
): Effect.Effect<ReadonlyArray<Message.MessageWithParts>, RequestError> =>
  readPage(client, sessionID, query, onCursor).pipe(
    // opencode 1.18.33 cannot list a structured-output prompt: read around it (internal/formatBug.ts).
    Effect.catchIf(FormatBug.isFormatEncodeBug, () =>
      FormatBug.readAround((before, cb) => readPage(client, sessionID, { limit: 1, before }, cb), query, onCursor))
  )

const readPage = (
  client: OpencodeClient["Service"],
  sessionID: string,
  query: { readonly limit?: number | undefined; readonly before?: string | undefined },
  onCursor?: (cursor: string | undefined) => void
): Effect.Effect<ReadonlyArray<Message.MessageWithParts>, RequestError> =>
  callWith(client)(Op.sessionMessages, {
    path: { sessionID },
    query: { limit: query.limit, before: query.before },
    ...(onCursor !== undefined
      ? {
        onHeaders: (headers: Readonly<Record<string, string>>) => {
          const next = headers["x-next-cursor"]
          onCursor(next !== undefined && next !== "" ? next : undefined)
        }
      }
      : {})
  })

/** A prompt given as a string or as a full input, as a full input. */
export const toPromptInput = (input: string | Prompt.PromptInput): Prompt.PromptInput =>
  typeof input === "string" ? { parts: [Prompt.Prompt.text(input)] } : input

const checkInput = (input: Prompt.PromptInput): Effect.Effect<Prompt.PromptInput, ValidationError> => {
  const result = Prompt.validatePromptInput(input)
  if (Result.isSuccess(result)) return Effect.succeed(result.success)
  const colon = result.failure.indexOf(":")
  return Effect.fail(
    new ValidationError({ field: colon > 0 ? result.failure.slice(0, colon) : "input", message: result.failure })
  )
}

/**
 * What a failed send tells about the prompt:
 * - `unsent`: the connection was refused, the request never reached the server;
 * - `rejected`: the server (or a proxy) turned it away (429, 502, 503, 504);
 * - `ambiguous`: the connection broke (or timed out) after the request went out;
 * - `final`: any other answer, never resent.
 */
const classify = (error: RequestError, timeoutToo: boolean): "unsent" | "rejected" | "ambiguous" | "final" => {
  if (error._tag === "TransportError") {
    if (error.reason === "ConnectionRefused") return "unsent"
    if (error.reason === "ConnectionReset" || (timeoutToo && error.reason === "Timeout")) return "ambiguous"
    return "final"
  }
  if (error._tag === "ApiError" && (error.status === 429 || error.status >= 502 && error.status <= 504)) return "rejected"
  return "final"
}

const modelString = (model: ModelRef | string): string =>
  typeof model === "string" ? model : `${model.providerID}/${model.modelID}`

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const client = yield* OpencodeClient
  const config = client.config
  const call = callWith(client)
  // The path a deadline error names: the operation's own, with the session id in it.
  const pathOf = (op: typeof Op.sessionPrompt | typeof Op.sessionPromptAsync, sessionID: string) =>
    op.path.replace("{sessionID}", encodeURIComponent(sessionID))

  const sessionId = (id: string) => requireId("session", id, "sessionID")
  const messageId = (id: string) => requireId("message", id, "messageID")

  const checkLimit = (limit: number | undefined) =>
    limit === undefined || (Number.isSafeInteger(limit) && limit >= 0)
      ? Effect.void
      : Effect.fail(new ValidationError({ field: "limit", message: `limit must be a whole number >= 0, got ${limit}` }))

  const page: Service["page"] = (id, options) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      yield* checkLimit(options.limit)
      if (options.limit < 1) {
        return yield* new ValidationError({ field: "limit", message: "a page needs a limit of at least 1" })
      }
      let cursor: string | undefined
      const messages = yield* readMessages(client, id, options, (next) => {
        cursor = next
      })
      return { messages, cursor }
    })

  const list: Service["list"] = (id, options = {}) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      yield* checkLimit(options.limit)
      if (options.before !== undefined && !options.limit) {
        return yield* new ValidationError({ field: "before", message: "the server takes a `before` cursor only with a limit" })
      }
      return yield* readMessages(client, id, options)
    })

  const stream: Service["stream"] = (id, options = {}) => {
    const pageSize = options.pageSize ?? 50
    return Stream.paginate(undefined as string | undefined, (before) =>
      Effect.map(page(id, { limit: pageSize, before }), (p) =>
        [
          [...p.messages].reverse(),
          p.cursor === undefined ? Option.none<string | undefined>() : Option.some(p.cursor)
        ] as const))
  }

  const get: Service["get"] = (id, mid) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      yield* messageId(mid)
      return yield* call(Op.sessionMessage, { path: { sessionID: id, messageID: mid } })
    })

  const find: Service["find"] = (id, mid) =>
    get(id, mid).pipe(
      Effect.map(Option.some),
      Effect.catchIf(
        (e): e is ApiError => e._tag === "ApiError" && e.isNotFound,
        () => Effect.succeed(Option.none())
      )
    )

  /**
   * After a resend was refused because the server already holds the prompt: waits until the
   * session is idle and the prompt's last reply is complete, and returns it.
   */
  const awaitReply = (id: string, mid: string, noReply: boolean) =>
    Effect.gen(function*() {
      let delay = 100
      let idleWithoutReply = 0
      while (true) {
        const statuses = yield* call(Op.sessionStatus)
        const idle = (statuses[id] ?? { type: "idle" }).type === "idle"
        if (idle) {
          const history = yield* readMessages(client, id)
          const turn = Turn.turnOf(history, mid)
          if (turn.completed) return turn.reply!
          if (noReply || ++idleWithoutReply >= 10) {
            const own = history.find((m) => m.info.role === "user" && m.info.id === mid)
            if (own !== undefined) return own
          }
        } else {
          idleWithoutReply = 0
        }
        yield* Effect.sleep(Duration.millis(delay))
        delay = Math.min(1000, delay * 2)
      }
    }).pipe(
      Effect.timeoutOrElse({
        duration: config.promptTimeout,
        orElse: () =>
          Effect.fail(
            new TransportError({
              reason: "Timeout",
              method: Op.sessionPrompt.method,
              url: `${config.baseUrl}${pathOf(Op.sessionPrompt, id)}`,
              detail: `no reply to ${mid} within ${Duration.format(config.promptTimeout)}`
            })
          )
      })
    )

  /**
   * Sends once; with a message id, handles a failure on the way without ever sending a prompt
   * twice: a refused connection is resent; otherwise the message is looked up first — when the
   * server has it, `recover` runs instead of a resend; when it does not, a rejected request (429,
   * 502–504) is resent, but a broken connection is not (the server may have accepted the prompt
   * and not stored it yet: a queued prompt is stored only when its turn comes), so that failure
   * is returned.
   *
   * The send, the waits, the look-ups, the resends and `recover` share one deadline (`timeout`,
   * the same as the send's own): a hung server costs the deadline once, not once per request.
   */
  const sendWithLookup = <A>(
    id: string,
    mid: string | undefined,
    send: Effect.Effect<A, RequestError>,
    recover: Effect.Effect<A, RequestError>,
    options: { readonly timeoutToo: boolean; readonly path: string; readonly timeout: Duration.Duration }
  ): Effect.Effect<A, RequestError> => {
    if (mid === undefined) return send
    const timeoutToo = options.timeoutToo
    const baseMs = Duration.toMillis(config.retryBaseDelay)
    const maxMs = Duration.toMillis(config.retryMaxDelay)
    const attempt = (n: number): Effect.Effect<A, RequestError> =>
      Effect.catchIf(send, (e) => n < config.maxRetries && classify(e, timeoutToo) !== "final", (error) =>
        Effect.gen(function*() {
          const backoff = Math.min(maxMs, baseMs * 2 ** n)
          yield* Effect.sleep(Duration.millis(backoff / 2 + Math.random() * (backoff / 2)))
          const kind = classify(error, timeoutToo)
          if (kind === "unsent") return yield* attempt(n + 1)
          const found = yield* Effect.orElseSucceed(find(id, mid), () => undefined)
          if (found === undefined) return yield* Effect.fail(error)
          if (Option.isSome(found)) return yield* recover
          return kind === "rejected" ? yield* attempt(n + 1) : yield* Effect.fail(error)
        }))
    return client.withDeadline(attempt(0), { method: Op.sessionPrompt.method, path: options.path, timeout: options.timeout })
  }

  const prompt: Service["prompt"] = (id, raw) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      const input = yield* checkInput(toPromptInput(raw))
      const mid = input.messageID
      const path = pathOf(Op.sessionPrompt, id)
      const send: Effect.Effect<Message.MessageWithParts, RequestError> = call(Op.sessionPrompt, {
        path: { sessionID: id },
        body: input,
        idempotent: false,
        timeout: config.promptTimeout
      })
      return yield* sendWithLookup(id, mid, send, awaitReply(id, mid ?? "", input.noReply === true), {
        timeoutToo: false,
        path,
        timeout: config.promptTimeout
      })
    })

  const promptAsync: Service["promptAsync"] = (id, raw) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      const given = toPromptInput(raw)
      const input = yield* checkInput(given.messageID === undefined ? { ...given, messageID: Ids.newMessageID() } : given)
      const mid = input.messageID!
      const path = pathOf(Op.sessionPromptAsync, id)
      const send = call(Op.sessionPromptAsync, { path: { sessionID: id }, body: input, idempotent: false })
      yield* sendWithLookup(id, mid, send, Effect.void, { timeoutToo: true, path, timeout: config.requestTimeout })
      return mid
    })

  const command: Service["command"] = (id, options) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      if (options.messageID !== undefined) yield* messageId(options.messageID)
      if (options.command.trim() === "") {
        return yield* new ValidationError({ field: "command", message: "a command name is required" })
      }
      return yield* call(Op.sessionCommand, {
        path: { sessionID: id },
        body: {
          command: options.command,
          arguments: options.arguments ?? "",
          ...(options.agent !== undefined ? { agent: options.agent } : {}),
          ...(options.model !== undefined ? { model: modelString(options.model) } : {}),
          ...(options.variant !== undefined ? { variant: options.variant } : {}),
          ...(options.messageID !== undefined ? { messageID: options.messageID } : {}),
          ...(options.files !== undefined && options.files.length > 0
            ? { parts: options.files }
            : {})
        },
        idempotent: false,
        timeout: config.promptTimeout
      })
    })

  const shell: Service["shell"] = (id, options) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      if (options.messageID !== undefined) yield* messageId(options.messageID)
      return yield* call(Op.sessionShell, {
        path: { sessionID: id },
        body: {
          agent: options.agent ?? "build",
          command: options.command,
          ...(options.model !== undefined
            ? { model: { providerID: options.model.providerID, modelID: options.model.modelID } }
            : {}),
          ...(options.messageID !== undefined ? { messageID: options.messageID } : {})
        },
        idempotent: false,
        timeout: config.promptTimeout
      })
    })

  const updatePart: Service["updatePart"] = (part) =>
    Effect.gen(function*() {
      yield* sessionId(part.sessionID)
      yield* messageId(part.messageID)
      yield* requireId("part", part.id, "partID")
      return yield* call(Op.partUpdate, {
        path: { sessionID: part.sessionID, messageID: part.messageID, partID: part.id },
        body: part,
        idempotent: true
      })
    })

  const deletePart: Service["deletePart"] = (id, mid, pid) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      yield* messageId(mid)
      yield* requireId("part", pid, "partID")
      yield* call(Op.partDelete, { path: { sessionID: id, messageID: mid, partID: pid } })
    })

  const deleteMessage: Service["deleteMessage"] = (id, mid) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      yield* messageId(mid)
      yield* call(Op.sessionDeleteMessage, { path: { sessionID: id, messageID: mid } })
    })

  return MessageService.of({
    list,
    page,
    stream,
    get,
    find,
    prompt,
    promptAsync,
    command,
    shell,
    updatePart,
    deletePart,
    deleteMessage
  })
})

/** The message service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<MessageService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(MessageService, make)
