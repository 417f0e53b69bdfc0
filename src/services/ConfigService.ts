/**
 * The server's configuration: read it, patch it, and the same for the global (user-level)
 * configuration. Gotcha: only {@link Service.updateGlobal} changes what {@link Service.get} shows.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type { RequestError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as C from "../schema/Config.ts"

/** The configuration operations. */
export interface Service {
  /** The directory's effective configuration (global, project and `OPENCODE_CONFIG_CONTENT` merged). */
  readonly get: (options?: { readonly directory?: string | undefined }) => Effect.Effect<C.Config, RequestError>
  /**
   * Merges a partial configuration into the project's configuration file and returns what the
   * server wrote. Observed with opencode 1.18.33: the server writes `config.json` in the
   * project directory and answers with the patch, but {@link Service.get} does not show the
   * change (not even after `instance/dispose`); use {@link Service.updateGlobal} for settings
   * that must take effect. Idempotent (a merge), so retried.
   */
  readonly update: (
    patch: C.ConfigPatch,
    options?: { readonly directory?: string | undefined }
  ) => Effect.Effect<C.Config, RequestError>
  /** The global (user-level) configuration file's contents. */
  readonly global: () => Effect.Effect<C.Config, RequestError>
  /**
   * Merges a partial configuration into the global configuration (`opencode.jsonc` in the
   * user's config directory); the server reloads, and {@link Service.get} shows the change.
   */
  readonly updateGlobal: (patch: C.ConfigPatch) => Effect.Effect<C.Config, RequestError>
}

/**
 * The configuration service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { ConfigService, OpencodeClient } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const config = yield* ConfigService.ConfigService
 *   yield* config.updateGlobal({ username: "ada" })
 *   return (yield* config.get()).model
 * }).pipe(Effect.provide(ConfigService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class ConfigService extends Context.Service<ConfigService, Service>()("effect-opencode/ConfigService") {}

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const get: Service["get"] = (options = {}) => call(Op.configGet, { directory: options.directory })

  // A merge of the given keys: sending it twice writes the same file, so it may be retried.
  const update: Service["update"] = (patch, options = {}) =>
    call(Op.configUpdate, { body: patch, idempotent: true, directory: options.directory })

  const global: Service["global"] = () => call(Op.globalConfigGet, { directory: null })

  const updateGlobal: Service["updateGlobal"] = (patch) =>
    call(Op.globalConfigUpdate, { body: patch, idempotent: true, directory: null })

  return ConfigService.of({ get, update, global, updateGlobal })
})

/** The configuration service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<ConfigService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(ConfigService, make)
