/**
 * Remote control of an OpenCode terminal UI attached to the server: fill and submit its
 * prompt, run its commands, open its dialogs, show toasts, select a session, and answer the
 * requests it queues. Without a TUI attached the server accepts these calls and nothing shows.
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect, Layer, Schema } from "effect"
import type { RequestError } from "../Errors.ts"
import { requireId } from "../internal/validate.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"

/**
 * An event for the TUI (`POST /tui/publish`).
 *
 * @example
 * ```ts
 * import type { TuiService } from "effect-opencode"
 * const e: TuiService.TuiEvent = { type: "tui.toast.show", properties: { message: "Deployed", variant: "success" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type TuiEvent =
  | { readonly type: "tui.prompt.append"; readonly properties: { readonly text: string } }
  | { readonly type: "tui.command.execute"; readonly properties: { readonly command: string } }
  | { readonly type: "tui.toast.show"; readonly properties: Toast }
  | { readonly type: "tui.session.select"; readonly properties: { readonly sessionID: string } }

/**
 * A toast notification.
 *
 * @example
 * ```ts
 * import type { TuiService } from "effect-opencode"
 * const t: TuiService.Toast = { title: "Build", message: "Tests passed", variant: "success", duration: 3000 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Toast {
  readonly title?: string | undefined
  readonly message: string
  readonly variant: "info" | "success" | "warning" | "error"
  /** Milliseconds. */
  readonly duration?: number | undefined
}

/**
 * A request the TUI queued for a controller (`GET /tui/control/next`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { TuiService } from "effect-opencode"
 * Schema.decodeUnknownSync(TuiService.ControlRequest)({ path: "/tui/open-help", body: {} })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ControlRequest = Schema.Struct({
  path: Schema.String,
  body: Schema.Unknown
})

/**
 * The decoded type of {@link ControlRequest}.
 *
 * @since 0.1.0
 * @category models
 */
export type ControlRequest = typeof ControlRequest.Type

/**
 * The TUI operations.
 *
 * @example
 * ```ts
 * import type { TuiService } from "effect-opencode"
 * const say = (tui: TuiService.Service) => tui.showToast({ message: "hi", variant: "info" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Appends text to the TUI's prompt.
   *
   * @example
   * ```ts
   * yield* tui.appendPrompt("Explain src/index.ts")
   * ```
   */
  readonly appendPrompt: (text: string) => Effect.Effect<void, RequestError>
  /**
   * Clears the TUI's prompt.
   *
   * @example
   * ```ts
   * yield* tui.clearPrompt()
   * ```
   */
  readonly clearPrompt: () => Effect.Effect<void, RequestError>
  /**
   * Submits the TUI's prompt.
   *
   * @example
   * ```ts
   * yield* tui.submitPrompt()
   * ```
   */
  readonly submitPrompt: () => Effect.Effect<void, RequestError>
  /**
   * Runs a TUI command (`session.new`, `session.compact`, `agent.cycle`, `prompt.submit`…).
   *
   * @example
   * ```ts
   * yield* tui.executeCommand("session.new")
   * ```
   */
  readonly executeCommand: (command: string) => Effect.Effect<void, RequestError>
  /**
   * Shows a toast.
   *
   * @example
   * ```ts
   * yield* tui.showToast({ message: "Deployed", variant: "success" })
   * ```
   */
  readonly showToast: (toast: Toast) => Effect.Effect<void, RequestError>
  /**
   * Opens one of the TUI's dialogs.
   *
   * @example
   * ```ts
   * yield* tui.open("models")
   * ```
   */
  readonly open: (dialog: "help" | "models" | "sessions" | "themes") => Effect.Effect<void, RequestError>
  /**
   * Shows a session in the TUI; an unknown session fails with an `ApiError` 404.
   *
   * @example
   * ```ts
   * yield* tui.selectSession(session.id)
   * ```
   */
  readonly selectSession: (sessionID: string) => Effect.Effect<void, RequestError>
  /**
   * Publishes a TUI event.
   *
   * @example
   * ```ts
   * yield* tui.publish({ type: "tui.prompt.append", properties: { text: "hello" } })
   * ```
   */
  readonly publish: (event: TuiEvent) => Effect.Effect<void, RequestError>
  /**
   * Waits for the next request the TUI queued for a controller (a long poll: it answers only
   * when there is one; `timeout` defaults to 5 minutes).
   *
   * @example
   * ```ts
   * const request = yield* tui.nextRequest({ timeout: "30 seconds" })
   * ```
   */
  readonly nextRequest: (options?: { readonly timeout?: Duration.Input | undefined }) => Effect.Effect<ControlRequest, RequestError>
  /**
   * Answers the request taken with {@link Service.nextRequest}.
   *
   * @example
   * ```ts
   * yield* tui.respond({ ok: true })
   * ```
   */
  readonly respond: (body: unknown) => Effect.Effect<void, RequestError>
}

/**
 * The TUI service.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TuiService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const tui = yield* TuiService.TuiService
 *   yield* tui.appendPrompt("Run the tests")
 *   yield* tui.submitPrompt()
 * })
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class TuiService extends Context.Service<TuiService, Service>()("effect-opencode/TuiService") {}

/**
 * Builds the service from an {@link OpencodeClient}.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { TuiService } from "effect-opencode"
 * const Live = Layer.effect(TuiService.TuiService, TuiService.make)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.gen(function*() {
  const client = yield* OpencodeClient
  const post = (path: string, body?: unknown) => client.call({ method: "POST", path, body, response: "none" })

  const toastBody = (toast: Toast) => ({
    ...(toast.title !== undefined ? { title: toast.title } : {}),
    message: toast.message,
    variant: toast.variant,
    ...(toast.duration !== undefined ? { duration: toast.duration } : {})
  })

  return TuiService.of({
    appendPrompt: (text) => post("/tui/append-prompt", { text }),
    clearPrompt: () => post("/tui/clear-prompt"),
    submitPrompt: () => post("/tui/submit-prompt"),
    executeCommand: (command) => post("/tui/execute-command", { command }),
    showToast: (toast) => post("/tui/show-toast", toastBody(toast)),
    open: (dialog) => post(`/tui/open-${dialog}`),
    selectSession: (sessionID) =>
      Effect.flatMap(requireId("session", sessionID, "sessionID"), () => post("/tui/select-session", { sessionID })),
    publish: (event) => post("/tui/publish", event),
    nextRequest: (options = {}) =>
      client.call({
        method: "GET",
        path: "/tui/control/next",
        response: ControlRequest,
        idempotent: false,
        timeout: options.timeout ?? Duration.minutes(5)
      }),
    respond: (body) => post("/tui/control/response", body ?? {})
  })
})

/**
 * The TUI service over the {@link OpencodeClient} in context.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { OpencodeClient, TuiService } from "effect-opencode"
 *
 * const Live = TuiService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<TuiService, never, OpencodeClient> = Layer.effect(TuiService, make)
