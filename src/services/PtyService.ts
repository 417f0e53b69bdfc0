/**
 * Pseudo-terminals run by the server: create, list, read, resize or rename, remove, and get a
 * ticket for the WebSocket that streams a terminal (`GET /pty/{id}/connect`, which this library
 * does not open: use any WebSocket client with the ticket). Gotcha: a terminal runs until
 * removed, whatever happens to the caller; tie it to a scope as below.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import type { RequestError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import { lazy } from "../internal/lazy.ts"

/**
 * A pseudo-terminal: command and arguments, working directory, process id, and whether it still
 * runs (`exitCode` once it has exited).
 */
export const Pty = Schemas.Pty

/** The decoded type of {@link Pty}. */
export type Pty = Schemas.Pty

/** A shell found on the server's machine (`GET /pty/shells`). */
export const Shell = /* @__PURE__ */ lazy(() => Op.ptyShells.success.schema.value)

/** The decoded type of {@link Shell}. */
export type Shell = typeof Shell.Type

/** A short-lived ticket for the terminal's WebSocket (`?ticket=` of `/pty/{id}/connect`). */
export const ConnectTicket = Schemas.PtyTicketConnectToken

/** The decoded type of {@link ConnectTicket}. */
export type ConnectTicket = Schemas.PtyTicketConnectToken

/** Options of {@link Service.create}. */
export interface CreateOptions {
  /** The program (default: the user's shell). */
  readonly command?: string | undefined
  readonly args?: ReadonlyArray<string> | undefined
  /** Working directory (default: the project directory). */
  readonly cwd?: string | undefined
  readonly title?: string | undefined
  readonly env?: Readonly<Record<string, string>> | undefined
  /** Overrides the client's project directory. */
  readonly directory?: string | undefined
}

/** The terminal operations. */
export interface Service {
  /** The terminals of the directory. */
  readonly list: (options?: { readonly directory?: string | undefined }) => Effect.Effect<ReadonlyArray<Pty>, RequestError>
  /** Starts a terminal. */
  readonly create: (options?: CreateOptions) => Effect.Effect<Pty, RequestError>
  /** Reads one terminal; an unknown id fails with an `ApiError` 404 (`PtyNotFoundError`). */
  readonly get: (ptyID: string) => Effect.Effect<Pty, RequestError>
  /** Renames or resizes a terminal (`rows` and `cols` are positive integers). */
  readonly update: (
    ptyID: string,
    options: { readonly title?: string | undefined; readonly size?: { readonly rows: number; readonly cols: number } | undefined }
  ) => Effect.Effect<Pty, RequestError>
  /** Stops and removes a terminal. */
  readonly remove: (ptyID: string) => Effect.Effect<void, RequestError>
  /** The shells available on the server's machine. */
  readonly shells: () => Effect.Effect<ReadonlyArray<Shell>, RequestError>
  /** A ticket (valid `expires_in` seconds) for the terminal's WebSocket, `ws://…/pty/{id}/connect?ticket=…`. */
  readonly connectToken: (ptyID: string) => Effect.Effect<ConnectTicket, RequestError>
}

/**
 * The terminal service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, PtyService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const pty = yield* PtyService.PtyService
 *   const term = yield* Effect.acquireRelease(
 *     pty.create({ command: "/bin/bash", title: "build", env: { CI: "1" } }),
 *     (t) => Effect.ignore(pty.remove(t.id))
 *   )
 *   yield* pty.update(term.id, { size: { rows: 40, cols: 120 } })
 *   const { ticket } = yield* pty.connectToken(term.id)
 *   return `ws://127.0.0.1:4096/pty/${term.id}/connect?ticket=${ticket}`
 * }).pipe(Effect.scoped, Effect.provide(PtyService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class PtyService extends Context.Service<PtyService, Service>()("effect-opencode/PtyService") {}

// The server hands out tickets only to requests that carry this header (and a same-origin Origin, when any).
const ticketHeader = { "x-opencode-ticket": "1" }

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = (options = {}) => call(Op.ptyList, { directory: options.directory })

  const create: Service["create"] = (options = {}) =>
    call(Op.ptyCreate, {
      body: { command: options.command, args: options.args, cwd: options.cwd, title: options.title, env: options.env },
      directory: options.directory
    })

  const get: Service["get"] = (ptyID) => call(Op.ptyGet, { path: { ptyID } })

  const update: Service["update"] = (ptyID, options) =>
    call(Op.ptyUpdate, { path: { ptyID }, body: { title: options.title, size: options.size } })

  const remove: Service["remove"] = (ptyID) => Effect.asVoid(call(Op.ptyRemove, { path: { ptyID } }))

  const shells: Service["shells"] = () => call(Op.ptyShells)

  const connectToken: Service["connectToken"] = (ptyID) =>
    call(Op.ptyConnectToken, { path: { ptyID }, headers: ticketHeader })

  return PtyService.of({ list, create, get, update, remove, shells, connectToken })
})

/** The terminal service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<PtyService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(PtyService, make)

