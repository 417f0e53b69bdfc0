/**
 * Remote control of an OpenCode terminal UI attached to the server: fill and submit its
 * prompt, run its commands, open its dialogs, show toasts, select a session, and answer the
 * requests it queues. Without a TUI attached the server accepts these calls and nothing shows.
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type { RequestError } from "../Errors.ts"
import { requireId } from "../internal/validate.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"

/** An event for the TUI (`POST /tui/publish`): append to the prompt, run a command, show a toast, select a session. */
export type TuiEvent = typeof Op.tuiPublish["body"]["schema"]["Type"]

/** A toast notification (`POST /tui/show-toast`); `duration` is in milliseconds. */
export type Toast = typeof Op.tuiShowToast["body"]["schema"]["Type"]

/** A request the TUI queued for a controller (`GET /tui/control/next`). */
export const ControlRequest = Op.tuiControlNext.success.schema

/** The decoded type of {@link ControlRequest}. */
export type ControlRequest = typeof ControlRequest.Type

/** The TUI operations. */
export interface Service {
  /** Appends text to the TUI's prompt. */
  readonly appendPrompt: (text: string) => Effect.Effect<void, RequestError>
  /** Clears the TUI's prompt. */
  readonly clearPrompt: () => Effect.Effect<void, RequestError>
  /** Submits the TUI's prompt. */
  readonly submitPrompt: () => Effect.Effect<void, RequestError>
  /** Runs a TUI command (`session.new`, `session.compact`, `agent.cycle`, `prompt.submit`…). */
  readonly executeCommand: (command: string) => Effect.Effect<void, RequestError>
  /** Shows a toast. */
  readonly showToast: (toast: Toast) => Effect.Effect<void, RequestError>
  /** Opens one of the TUI's dialogs. */
  readonly open: (dialog: "help" | "models" | "sessions" | "themes") => Effect.Effect<void, RequestError>
  /** Shows a session in the TUI; an unknown session fails with an `ApiError` 404. */
  readonly selectSession: (sessionID: string) => Effect.Effect<void, RequestError>
  /** Publishes a TUI event. */
  readonly publish: (event: TuiEvent) => Effect.Effect<void, RequestError>
  /**
   * Waits for the next request the TUI queued for a controller (a long poll: it answers only
   * when there is one; `timeout` defaults to 5 minutes). Never retried: a retry could take a
   * second request.
   */
  readonly nextRequest: (options?: { readonly timeout?: Duration.Input | undefined }) => Effect.Effect<ControlRequest, RequestError>
  /**
   * Answers the request taken with {@link Service.nextRequest}; a body that is not JSON (a
   * function, a `Date`, `NaN`) is a `ValidationError`.
   */
  readonly respond: (body: unknown) => Effect.Effect<void, RequestError>
}

/**
 * The TUI service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, TuiService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const tui = yield* TuiService.TuiService
 *   yield* tui.appendPrompt("Run the tests")
 *   yield* tui.submitPrompt()
 *   yield* tui.showToast({ title: "Build", message: "Tests started", variant: "info", duration: 3000 })
 * }).pipe(Effect.provide(TuiService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class TuiService extends Context.Service<TuiService, Service>()("effect-opencode/TuiService") {}

const dialogs = {
  help: Op.tuiOpenHelp,
  models: Op.tuiOpenModels,
  sessions: Op.tuiOpenSessions,
  themes: Op.tuiOpenThemes
} as const

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  return TuiService.of({
    appendPrompt: (text) => Effect.asVoid(call(Op.tuiAppendPrompt, { body: { text } })),
    clearPrompt: () => Effect.asVoid(call(Op.tuiClearPrompt)),
    submitPrompt: () => Effect.asVoid(call(Op.tuiSubmitPrompt)),
    executeCommand: (command) => Effect.asVoid(call(Op.tuiExecuteCommand, { body: { command } })),
    showToast: (toast) => Effect.asVoid(call(Op.tuiShowToast, { body: toast })),
    open: (dialog) => Effect.asVoid(call(dialogs[dialog])),
    selectSession: (sessionID) =>
      Effect.flatMap(requireId("session", sessionID, "sessionID"), () => Effect.asVoid(call(Op.tuiSelectSession, { body: { sessionID } }))),
    publish: (event) => Effect.asVoid(call(Op.tuiPublish, { body: event })),
    nextRequest: (options = {}) => call(Op.tuiControlNext, { idempotent: false, timeout: options.timeout ?? Duration.minutes(5) }),
    respond: (body) => Effect.asVoid(call(Op.tuiControlResponse, { body: (body ?? {}) as Schema.Json }))
  })
})

/** The TUI service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<TuiService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(TuiService, make)
