/**
 * Permission requests: list the pending ones and answer them (allow once, always, or reject).
 * `EventService.permissionRequests` / `answerPermissions` build on the same endpoints to answer
 * them as they arrive.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type { RequestError } from "../Errors.ts"
import { requireId } from "../internal/validate.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as Pe from "../schema/Permission.ts"

/** Options of {@link Service.list}. */
export interface ListOptions {
  /** Only this session's requests. */
  readonly sessionID?: string | undefined
  /** Overrides the client's directory (pending requests are kept per directory). */
  readonly directory?: string | undefined
}

/** The permission operations. */
export interface Service {
  /** The pending permission requests (of one session with `sessionID`, filtered client-side). */
  readonly list: (options?: ListOptions) => Effect.Effect<ReadonlyArray<Pe.PermissionRequest>, RequestError>
  /**
   * Answers a permission request: `once` lets this call run, `always` also allows its `always`
   * patterns from now on, `reject` refuses (with an optional `message` for the model). An
   * unknown or already answered request fails with an `ApiError` 404
   * (`PermissionNotFoundError`).
   */
  readonly reply: (
    requestID: string,
    reply: Pe.PermissionReply,
    options?: { readonly message?: string | undefined; readonly directory?: string | undefined }
  ) => Effect.Effect<void, RequestError>
  /**
   * The older form of {@link Service.reply}, addressed by session and permission id
   * (`POST /session/{sessionID}/permissions/{permissionID}`).
   */
  readonly respond: (
    sessionID: string,
    permissionID: string,
    response: Pe.PermissionReply
  ) => Effect.Effect<void, RequestError>
}

/**
 * The permission service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, PermissionService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const permissions = yield* PermissionService.PermissionService
 *   for (const r of yield* permissions.list()) {
 *     yield* r.permission === "bash"
 *       ? permissions.reply(r.id, "reject", { message: "No shell on this machine" })
 *       : permissions.reply(r.id, "once")
 *   }
 * }).pipe(Effect.provide(PermissionService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class PermissionService extends Context.Service<PermissionService, Service>()(
  "effect-opencode/PermissionService"
) {}

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = (options = {}) =>
    Effect.gen(function*() {
      if (options.sessionID !== undefined) yield* requireId("session", options.sessionID, "sessionID")
      const all = yield* call(Op.permissionList, { directory: options.directory })
      return options.sessionID === undefined ? all : all.filter((r) => r.sessionID === options.sessionID)
    })

  const reply: Service["reply"] = (requestID, answer, options = {}) =>
    Effect.asVoid(call(Op.permissionReply, {
      path: { requestID },
      body: { reply: answer, message: options.message },
      directory: options.directory
    }))

  const respond: Service["respond"] = (sessionID, permissionID, response) =>
    Effect.asVoid(call(Op.permissionRespond, { path: { sessionID, permissionID }, body: { response } }))

  return PermissionService.of({ list, reply, respond })
})

/** The permission service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<PermissionService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(PermissionService, make)
