/**
 * Runs: one prompt carried from start to finish. Create (or reuse) a session, send the prompt,
 * wait until the session is idle again, and return the assistant's messages, final text, diff,
 * tokens and cost — or a typed error: `SessionError` when the model failed, `TimeoutError` when
 * the run took too long (the session is then aborted), a request error otherwise.
 *
 * A run is an `Effect` that needs the services of one server ({@link RunServices}); build them
 * with {@link layer}.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import { isAbsolute, resolve } from "../internal/path.ts"
import { type RequestError, SessionError, TimeoutError } from "../Errors.ts"
import * as OpencodeClient from "../layers/OpencodeClient.ts"
import type * as OpencodeConfig from "../layers/OpencodeConfig.ts"
import * as Ids from "../schema/Ids.ts"
import type * as Prompt from "../schema/PromptInput.ts"
import { messageErrorName, messageErrorText } from "../schema/ServerError.ts"
import type * as S from "../schema/Session.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import * as EventService from "./EventService.ts"
import * as MessageResult from "./MessageResult.ts"
import * as MessageService from "./MessageService.ts"
import * as SessionService from "./SessionService.ts"
import * as StructuredOutput from "./StructuredOutput.ts"

/** The services a run needs: sessions, messages and events of one server. */
export type RunServices = SessionService.SessionService | MessageService.MessageService | EventService.EventService

/**
 * How a run fails: the model or the session failed (`SessionError`, with the server's error),
 * the run exceeded its `timeout` (`TimeoutError`), or a request failed.
 */
export type RunError = RequestError | SessionError | TimeoutError

/** Options of {@link run}. */
export interface RunOptions {
  /** Send the prompt in this existing session instead of creating one. */
  readonly sessionID?: string | undefined
  /**
   * Options of the session a run creates. Its `title` defaults to the start of the prompt (a
   * session without a title costs an extra model call for one).
   */
  readonly session?: Omit<SessionService.CreateOptions, "initialPrompt" | "ephemeral"> | undefined
  /**
   * Delete the session the run created when the run ends (success, failure, timeout or
   * interruption). A session given by `sessionID` is never deleted. Default false.
   */
  readonly ephemeral?: boolean | undefined
  /**
   * Deadline of the whole run. When it passes the session is aborted and the run fails with a
   * `TimeoutError`. Default: none.
   */
  readonly timeout?: Duration.Input | undefined
  /** Model of the prompt (overrides the input's). */
  readonly model?: SessionService.ModelRef | undefined
  /** Agent of the prompt (overrides the input's). */
  readonly agent?: string | undefined
  /**
   * Tools enabled or disabled (override the input's). A run that creates its session makes them
   * the session's permission rules, kept with `session.permission`; a run in an existing session
   * (`sessionID`) sends them on the prompt, where the server replaces that session's rules with them.
   */
  readonly tools?: Readonly<Record<string, boolean>> | undefined
  /**
   * Ask for structured output following this Schema (see `StructuredOutput`): the prompt carries
   * its JSON Schema as `format`, and the result's `output` is the server's value decoded with it.
   * A model that cannot comply fails with a `SessionError` named `"StructuredOutputError"`; a
   * value the Schema rejects with a `DecodeError`.
   */
  readonly output?: Schema.Top | undefined
  /** With `output`: how often the server asks the model again after an invalid answer (server default 2). */
  readonly outputRetries?: number | undefined
}

/** What a finished run returns. */
export interface RunResult {
  readonly sessionID: string
  /** The id of the prompt's user message. */
  readonly messageID: Ids.MessageID
  /** The assistant messages answering the prompt, in order (several when tools were called). */
  readonly messages: ReadonlyArray<MessageResult.AssistantWithParts>
  /** The assistant's final text ({@link MessageResult.finalText}). */
  readonly text: string
  /** The files the prompt changed, from the server's diff of the prompt (`[]` when none). */
  readonly diff: ReadonlyArray<S.FileDiff>
  /** Tokens summed over the assistant messages. */
  readonly tokens: S.Tokens & { readonly total: number }
  /** Cost summed over the assistant messages. */
  readonly cost: number
  /** The structured value as the server returned it (JSON), when the prompt asked for one. */
  readonly structured?: unknown
}

/** What {@link runSimpleText} returns at once: the new session and the id of the prompt sent. */
export interface Started {
  readonly session: S.Session
  readonly messageID: Ids.MessageID
}

/**
 * The first text line of a prompt, cut to 60 characters: the title of a session created for it
 * when its options give none (`fallback` when the prompt has no text).
 */
export const defaultTitle = (input: Prompt.PromptInput, fallback = "effect-opencode run"): string => {
  for (const part of input.parts) {
    if (part.type === "text") {
      const line = part.text.trim().split("\n")[0]!.trim()
      if (line !== "") return line.length > 60 ? `${line.slice(0, 57)}…` : line
    }
  }
  return fallback
}

/**
 * The prompt a run sends: its input with the run's `model` and `agent` applied.
 *
 * Tools: a prompt's `tools` *replace* the session's permission rules on the server, so a run that
 * creates its own session sends none on the prompt and gives them to the session instead (see
 * {@link sessionOptions}); a run in an existing session (`sessionID`) sends `tools` (the run's,
 * else the input's) on the prompt.
 */
export const promptInput = (input: Prompt.PromptInput, options: RunOptions | undefined): Prompt.PromptInput => {
  const { tools, ...rest } = input
  const promptTools = options?.sessionID === undefined ? undefined : options.tools ?? tools
  return {
    ...rest,
    ...(options?.model !== undefined ? { model: { providerID: options.model.providerID, modelID: options.model.modelID } } : {}),
    ...(options?.agent !== undefined ? { agent: options.agent } : {}),
    ...(promptTools !== undefined ? { tools: promptTools } : {}),
    ...(options?.output !== undefined ? { format: StructuredOutput.format(options.output, { retryCount: options.outputRetries }) } : {})
  }
}

/**
 * The options of the session a run creates: the run's `session` options, titled after the prompt
 * unless they give a title, with the tools of the session options, the input and the run merged
 * (in that order, the last winning) into the session's own permission rules, where the server
 * keeps them for every prompt of the session.
 */
export const sessionOptions = (
  input: Prompt.PromptInput,
  options: RunOptions | undefined,
  fallbackTitle?: string
): SessionService.CreateOptions => {
  const tools = { ...options?.session?.tools, ...input.tools, ...options?.tools }
  return {
    ...options?.session,
    ...(Object.keys(tools).length > 0 ? { tools } : {}),
    title: options?.session?.title ?? options?.session?.description ?? defaultTitle(input, fallbackTitle)
  }
}

/**
 * The prompt's messages, newest first, paging back from the newest message only as far as the
 * prompt's own user message (included).
 */
const sincePrompt = (sessionID: string, messageID: Ids.MessageID) => StructuredOutput.sincePrompt(sessionID, messageID)

/**
 * Reads what a finished prompt produced: its assistant replies, their error as a
 * `SessionError`, and the prompt's diff.
 *
 * The diff is the user message's `summary.diffs`. The server writes that summary twice: when the
 * prompt starts (nothing changed yet) and again a little after the session turns idle. So when
 * the replies' `patch` parts name changed files, this waits (up to 5 s, then asks
 * `GET /session/{id}/diff`) until the summary lists each of them; when no reply has a `patch`
 * part the prompt changed nothing and the diff is empty.
 */
const collect = (sessionID: string, messageID: Ids.MessageID) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const newestFirst = yield* sincePrompt(sessionID, messageID)
    const replies = MessageResult.assistantReplies([...newestFirst].reverse(), messageID)
    const error = MessageResult.errorOf(replies)
    if (error !== undefined) {
      return yield* new SessionError({ sessionID, name: messageErrorName(error), message: messageErrorText(error), error })
    }
    const changed = new Set<string>()
    let root = ""
    for (const m of replies) {
      root = m.info.path.root
      for (const p of m.parts) if (p.type === "patch") for (const f of p.files) changed.add(f)
    }
    let diff: ReadonlyArray<S.FileDiff> = []
    if (changed.size > 0) {
      const complete = (diffs: ReadonlyArray<S.FileDiff> | undefined): diffs is ReadonlyArray<S.FileDiff> => {
        if (diffs === undefined) return false
        const listed = new Set(diffs.map((d) => (d.file === undefined ? "" : isAbsolute(d.file) ? d.file : resolve(root, d.file))))
        for (const f of changed) if (!listed.has(f)) return false
        return true
      }
      const own = newestFirst.at(-1)
      let diffs = own !== undefined && own.info.role === "user" && own.info.id === messageID ? own.info.summary?.diffs : undefined
      // A prompt with a json_schema format: the server cannot return its user message (StructuredOutput).
      for (let i = 0; own !== undefined && MessageResult.idOf(own) === messageID && i < 200 && !complete(diffs); i++) {
        yield* Effect.sleep("25 millis")
        const user = yield* messages.get(sessionID, messageID)
        if (user.info.role === "user") diffs = user.info.summary?.diffs
      }
      diff = complete(diffs) ? diffs : yield* sessions.diff(sessionID, { messageID })
    }
    const structured = replies.findLast((m) => m.info.structured !== undefined)?.info.structured
    return {
      sessionID,
      messageID,
      messages: replies,
      text: MessageResult.finalText(replies),
      diff,
      tokens: MessageResult.tokens(replies),
      cost: MessageResult.cost(replies),
      ...(structured !== undefined ? { structured } : {})
    } satisfies RunResult
  })

/**
 * After a `session.error`: the server reports the error (and reads idle) about a second before
 * it writes the error into the assistant message and completes it. Waits (up to 5 s) until the
 * prompt's replies are all completed, so a failed run leaves a settled history behind.
 */
const settle = (sessionID: string, messageID: Ids.MessageID) =>
  Effect.gen(function*() {
    for (let i = 0; i < 50; i++) {
      const newestFirst = yield* sincePrompt(sessionID, messageID)
      const replies = MessageResult.assistantReplies(newestFirst, messageID)
      if (replies.every((m) => m.info.time.completed !== undefined)) return
      yield* Effect.sleep("100 millis")
    }
  }).pipe(Effect.ignore)

/**
 * Sends a prompt in a session and waits for its end; aborts the session when interrupted (a
 * timeout interrupts it too) once the prompt may have been sent.
 */
const promptAndWait = (sessionID: string, input: Prompt.PromptInput, messageID: Ids.MessageID) =>
  Effect.gen(function*() {
    const messages = yield* MessageService.MessageService
    const sessions = yield* SessionService.SessionService
    const events = yield* EventService.EventService
    let sent = false
    let sentAt: number | undefined
    return yield* Effect.gen(function*() {
      // Sent by the wait once it has subscribed: it then needs no re-read of the session's state.
      const send = Effect.suspend(() => {
        sent = true
        return Effect.flatMap(Clock.currentTimeMillis, (now) => {
          sentAt = now
          return messages.promptAsync(sessionID, { ...input, messageID })
        })
      })
      yield* events.waitForIdle(sessionID, { after: messageID, start: send }).pipe(
        Effect.tapError((e) => (e._tag === "SessionError" ? settle(sessionID, messageID) : Effect.void))
      )
      return yield* collect(sessionID, messageID)
    }).pipe(
      Effect.onInterrupt(() => (sent ? Effect.ignore(sessions.abort(sessionID)) : Effect.void)),
      Effect.onExit((exit) =>
        sentAt === undefined ? Effect.void : Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Telemetry.recordPromptDuration(now - sentAt!, Telemetry.outcomeOf(exit)))
      )
    )
  })

/**
 * Runs one prompt to its end: creates a session (or uses `sessionID`), sends the prompt, waits
 * until the session is idle again and returns the replies, final text, diff, tokens and cost.
 * Several runs with the same `sessionID` make a conversation.
 *
 * - A model error (an error on the assistant message, or `session.error`) fails with a
 *   `SessionError`; the session is idle afterwards.
 * - Past `timeout`, the run is aborted on the server and fails with a `TimeoutError`.
 * - Interruption aborts the session's work; `ephemeral: true` deletes the created session always.
 *
 * Traced as one `opencode.run` span (session, model, agent, tokens, cost, outcome; the prompt
 * text only with `Telemetry.CaptureContent`) with its server calls as children; tokens, cost and
 * latency go to `Telemetry.Metrics`.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { Run } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const first = yield* Run.run("Add a test for src/sum.ts", { timeout: "10 minutes", session: { title: "sum" } })
 *   const verdict = yield* Run.run("Does the test pass?", {
 *     sessionID: first.sessionID,
 *     output: Schema.Struct({ passes: Schema.Boolean })
 *   })
 *   return { files: first.diff.map((d) => d.file), passes: verdict.output.passes }
 * }).pipe(
 *   Effect.catchTag("SessionError", (e) => Effect.succeed({ files: [], passes: false, error: e.message })),
 *   Effect.provide(Run.layer({ baseUrl: "http://127.0.0.1:4096", directory: "/work/repo" }))
 * )
 * ```
 */
export const run: {
  <S extends StructuredOutput.Output<any>>(
    input: string | Prompt.PromptInput,
    options: RunOptions & { readonly output: S }
  ): Effect.Effect<RunResult & { readonly output: S["Type"] }, RunError, RunServices>
  (input: string | Prompt.PromptInput, options?: RunOptions): Effect.Effect<RunResult, RunError, RunServices>
} = (
  input: string | Prompt.PromptInput,
  options: RunOptions = {}
): Effect.Effect<any, RunError, RunServices> =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const original = MessageService.toPromptInput(input)
    const prompt = promptInput(original, options)
    const messageID = prompt.messageID ?? Ids.newMessageID()
    let sessionID: string | undefined = options.sessionID
    yield* Effect.annotateCurrentSpan({
      [Telemetry.Attributes.messageId]: messageID,
      ...(prompt.model !== undefined
        ? { [Telemetry.Attributes.provider]: prompt.model.providerID, [Telemetry.Attributes.model]: prompt.model.modelID }
        : {}),
      ...(prompt.agent !== undefined ? { [Telemetry.Attributes.agent]: prompt.agent } : {}),
      ...(yield* Telemetry.promptAttributes(original))
    })
    const body: Effect.Effect<RunResult, RunError, RunServices> = options.sessionID !== undefined
      ? promptAndWait(options.sessionID, prompt, messageID)
      : options.ephemeral === true
      ? Effect.scoped(
        Effect.flatMap(sessions.createScoped(sessionOptions(original, options)), (session) => {
          sessionID = session.id
          return promptAndWait(session.id, prompt, messageID)
        })
      )
      : Effect.flatMap(sessions.create(sessionOptions(original, options)), (session) => {
        sessionID = session.id
        return promptAndWait(session.id, prompt, messageID)
      })
    const bounded = options.timeout === undefined ? body : Effect.suspend(() => {
      const duration = Duration.fromInputUnsafe(options.timeout!)
      return Effect.timeoutOrElse(body, {
        duration,
        orElse: () =>
          Effect.fail(
            new TimeoutError({
              operation: "run",
              timeoutMillis: Duration.toMillis(duration),
              ...(sessionID !== undefined ? { sessionID } : {})
            })
          )
      })
    })
    return yield* Effect.onExit(bounded, (exit) => runEnded(exit, sessionID))
  }).pipe(
    Effect.flatMap((result) => StructuredOutput.attach(result, options.output)),
    Effect.withSpan(Telemetry.SpanNames.run)
  )

/** The end of a run on its span (session, model, usage, outcome) and in the metrics. */
const runEnded = (exit: Exit.Exit<RunResult, RunError>, sessionID: string | undefined) =>
  Effect.gen(function*() {
    const last = Exit.isSuccess(exit) ? exit.value.messages.at(-1)?.info : undefined
    yield* Effect.annotateCurrentSpan({
      [Telemetry.Attributes.outcome]: Telemetry.outcomeOf(exit),
      ...(sessionID !== undefined ? { [Telemetry.Attributes.sessionId]: sessionID } : {}),
      ...(last !== undefined && last.role === "assistant"
        ? { [Telemetry.Attributes.provider]: last.providerID, [Telemetry.Attributes.model]: last.modelID }
        : {}),
      ...(Exit.isSuccess(exit) ? Telemetry.usageAttributes(exit.value) : {})
    })
    if (Exit.isSuccess(exit)) yield* Telemetry.recordUsage(exit.value)
  })

/**
 * The quick task: creates a session, sends the prompt asynchronously and returns at once with the
 * session and the prompt's message id (wait for it with `EventService.waitForIdle(session.id,
 * { after: messageID })`, or read it later). The session is an ordinary one: nothing deletes it.
 */
export const runSimpleText = (
  text: string,
  options: Omit<RunOptions, "sessionID" | "ephemeral" | "timeout"> = {}
): Effect.Effect<Started, RequestError, SessionService.SessionService | MessageService.MessageService> =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const original = MessageService.toPromptInput(text)
    const prompt = promptInput(original, options)
    const session = yield* sessions.create(sessionOptions(original, options))
    const messageID = yield* messages.promptAsync(session.id, prompt)
    return { session, messageID }
  })

/**
 * Reads the result of a prompt sent earlier (e.g. by {@link runSimpleText}): waits until the
 * session is idle with that prompt answered, then collects it like {@link run}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Run } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const started = yield* Run.runSimpleText("Summarize README.md")
 *   // … later: the two ids are all it needs
 *   return (yield* Run.awaitResult(started.session.id, started.messageID, { timeout: "5 minutes" })).text
 * }).pipe(Effect.provide(Run.layer({ baseUrl: "http://127.0.0.1:4096" })))
 * ```
 */
export const awaitResult = (
  sessionID: string,
  messageID: string,
  options: {
    readonly timeout?: Duration.Input | undefined
    /**
     * The prompt's send, when it is not sent yet: run once the wait has subscribed to the events,
     * so that the wait re-reads nothing (see `EventService.WaitOptions.start`).
     */
    readonly send?: Effect.Effect<unknown, RunError, RunServices> | undefined
  } = {}
): Effect.Effect<RunResult, RunError, RunServices> =>
  Effect.gen(function*() {
    const events = yield* EventService.EventService
    yield* events.waitForIdle(sessionID, {
      after: messageID,
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
      ...(options.send !== undefined ? { start: options.send } : {})
    })
    return yield* collect(sessionID, messageID as Ids.MessageID)
  })

/** Whether a run's error is a session (model) error, as opposed to a timeout or a request failure. */
export const isSessionError = (error: RunError): error is SessionError => error._tag === "SessionError"

/**
 * The services of {@link RunServices} for one server, from transport options, over `fetch`
 * (`OpencodeClient.layerFetch`). On Node, `Run.layerFromClient` over `OpencodeNode.layer(options)`
 * (`effect-opencode/node`) uses Node's own HTTP client instead.
 */
export const layer = (options: OpencodeConfig.Options): Layer.Layer<RunServices> =>
  layerFromClient.pipe(
    Layer.provide(OpencodeClient.layer(options)),
    Layer.provide(OpencodeClient.layerFetch)
  )

/** The services of {@link RunServices} over the `OpencodeClient` in context. */
export const layerFromClient: Layer.Layer<RunServices, never, OpencodeClient.OpencodeClient> = Layer.mergeAll(
  SessionService.layer,
  MessageService.layer,
  EventService.layer
)
