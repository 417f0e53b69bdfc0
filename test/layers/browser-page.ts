/**
 * The program of layerFetch.browser.test.ts's page: bundled for the browser platform (ESM) from
 * the package root's source (src/index.ts, the `effect-opencode` entry) and run by Chromium. It
 * installs `globalThis.runOpencode(config)`, which the test calls with `page.evaluate`; the
 * promise it returns settles with a JSON-serializable {@link Outcome} (never rejects), so a
 * failure in the page reaches the test with its tag and message.
 *
 * Not a test file (vitest runs `*.test.ts` only); tsc checks it with the rest of test/.
 */
import { Cause, Duration, Effect, Layer, Redacted, Stream } from "effect"
import {
  EventSchema,
  EventService,
  MessageResult,
  MessageService,
  OpencodeClient,
  Run,
  SessionService
} from "../../src/index.ts"

/** What the test passes in. */
export interface PageConfig {
  readonly baseUrl: string
  readonly password: string
  /** `"full"`: the whole flow; `"list"`: one `sessions.list()` (the refused origin's check). */
  readonly mode: "full" | "list"
}

/** A failure, as the page saw it. */
export interface PageFailure {
  readonly tag: string
  readonly message: string
  readonly reason?: string | undefined
  readonly status?: number | undefined
}

/** What the page reports back. */
export type Outcome =
  | {
    readonly ok: true
    readonly sessionID?: string
    readonly title?: string
    /** The types of the session's events, from the subscription to its `session.idle`. */
    readonly eventTypes?: ReadonlyArray<string>
    /** The text of a second prompt's reply, sent with `Run.run` in the same session. */
    readonly runText?: string
    /** The text of the history (both prompts and replies), read after the run. */
    readonly history?: ReadonlyArray<string>
    /** `messages.page(id, { limit: 1 })`: its size and cursor (`null`: none). */
    readonly firstPage?: { readonly size: number; readonly cursor: string | null }
    /** How many messages `messages.stream(id, { pageSize: 1 })` yields. */
    readonly streamed?: number
    /** A call with a wrong password. */
    readonly wrongPassword?: PageFailure
    /** `sessions.list()` (mode `"list"`): how many. */
    readonly listed?: number
  }
  | { readonly ok: false; readonly error: PageFailure }

const failure = (error: unknown): PageFailure => {
  const e = error as { _tag?: unknown; message?: unknown; reason?: unknown; status?: unknown }
  return {
    tag: typeof e._tag === "string" ? e._tag : "unknown",
    message: typeof e.message === "string" ? e.message : String(error),
    reason: typeof e.reason === "string" ? e.reason : undefined,
    status: typeof e.status === "number" ? e.status : undefined
  }
}

const services = (baseUrl: string, password: string) =>
  Run.layerFromClient.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl, password: Redacted.make(password) })),
    Layer.provide(OpencodeClient.layerFetch)
  )

const full = Effect.gen(function*() {
  const sessions = yield* SessionService.SessionService
  const messages = yield* MessageService.MessageService
  const events = yield* EventService.EventService
  const session = yield* sessions.create({ title: "from a browser" })
  // Subscribed (and the stream live) before the prompt is sent, so none of its events is missed.
  const eventTypes = yield* Effect.scoped(Effect.gen(function*() {
    const subscription = yield* events.subscribe()
    yield* subscription.ready
    yield* messages.promptAsync(session.id, "Hello from a browser")
    const collected = yield* subscription.items.pipe(
      Stream.filter((item) => item.type !== "client.reconnected" && EventSchema.eventSessionID(item) === session.id),
      Stream.takeUntil((item) => item.type === "session.idle"),
      Stream.map((item) => item.type),
      Stream.runCollect,
      Effect.timeout(Duration.seconds(60))
    )
    return Array.from(collected)
  }))
  const run = yield* Run.run("Again from a browser", { sessionID: session.id, timeout: Duration.seconds(60) })
  const history = yield* messages.list(session.id)
  const page = yield* messages.page(session.id, { limit: 1 })
  const streamed = yield* messages.stream(session.id, { pageSize: 1 }).pipe(Stream.runCount)
  return {
    sessionID: session.id,
    title: session.title,
    eventTypes,
    runText: run.text,
    history: history.map(MessageResult.textOf),
    firstPage: { size: page.messages.length, cursor: page.cursor ?? null },
    streamed
  }
})

const run = (config: PageConfig): Promise<Outcome> => {
  const program: Effect.Effect<Outcome, unknown> = config.mode === "list"
    ? SessionService.SessionService.use((s) => s.list()).pipe(
      Effect.map((listed): Outcome => ({ ok: true, listed: listed.length })),
      Effect.provide(services(config.baseUrl, config.password))
    )
    : Effect.gen(function*() {
      const result = yield* full.pipe(Effect.provide(services(config.baseUrl, config.password)))
      const wrongPassword = yield* SessionService.SessionService.use((s) => s.list()).pipe(
        Effect.provide(services(config.baseUrl, `${config.password}-wrong`)),
        Effect.flip,
        Effect.map(failure)
      )
      return { ok: true, ...result, wrongPassword } as const
    })
  return Effect.runPromise(
    program.pipe(Effect.catchCause((cause) => Effect.succeed<Outcome>({ ok: false, error: failure(Cause.squash(cause)) })))
  )
}

;(globalThis as unknown as Record<string, unknown>).runOpencode = run
