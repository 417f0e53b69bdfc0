/**
 * About the server: health and version (with a check against the versions this library is
 * tested with), its paths, disposing instances, language servers and formatters, the tools a
 * model can call, experimental capabilities, writing to its log, and its OpenAPI document.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { type RequestError, ServerStartError, ValidationError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import { isTestedVersion, testedVersions } from "../internal/versions.ts"
import type * as Pr from "../schema/Project.ts"
import type * as I from "../schema/ServerInfo.ts"

/** Options every call takes. */
export interface DirectoryOption {
  /** Overrides the client's project directory. */
  readonly directory?: string | undefined
}

/** Options of {@link Service.checkVersion}. */
export interface CheckVersionOptions {
  /** What to do with a version outside the range: log a warning (default) or fail. */
  readonly onMismatch?: "warn" | "fail" | undefined
  /**
   * The accepted versions, as `major.minor.x` / `major.x` patterns separated by `||`, or an
   * exact version. Default: the range this library is tested with, `"1.18.x"`.
   */
  readonly range?: string | undefined
}

/** What {@link Service.checkVersion} found. */
export interface VersionCheck {
  readonly version: string
  readonly range: string
  readonly supported: boolean
}

/** Fields of {@link Service.log}. */
export interface LogEntry {
  /** The component the entry is about (shown as `service=` in the server's log). */
  readonly service: string
  readonly level: I.LogLevel
  readonly message: string
  /** Extra fields of the entry: JSON values only (anything else is a `ValidationError`). */
  readonly extra?: Readonly<Record<string, Schema.Json>> | undefined
}

/** The server information operations. */
export interface Service {
  /** Whether the server is healthy, and its version. */
  readonly health: () => Effect.Effect<I.Health, RequestError>
  /** The server's version (from its health answer). */
  readonly version: () => Effect.Effect<string, RequestError>
  /**
   * Compares the server's version with a range (default: the tested `"1.18.x"`). Outside it,
   * logs a warning, or with `onMismatch: "fail"` fails with a `ServerStartError` whose reason is
   * `VersionMismatch`.
   */
  readonly checkVersion: (
    options?: CheckVersionOptions
  ) => Effect.Effect<VersionCheck, RequestError | ServerStartError | ValidationError>
  /** The paths the server uses: home, state, config, the project's worktree and directory. */
  readonly paths: (options?: DirectoryOption) => Effect.Effect<Pr.PathInfo, RequestError>
  /**
   * Disposes the directory's instance: its state is dropped and rebuilt on the next request
   * (reloads configuration, restarts language and MCP servers).
   */
  readonly dispose: (options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /** Disposes every instance of the server. */
  readonly disposeAll: () => Effect.Effect<void, RequestError>
  /** The language servers running for the directory. */
  readonly lsp: (options?: DirectoryOption) => Effect.Effect<ReadonlyArray<I.LspStatus>, RequestError>
  /** The formatters known for the directory. */
  readonly formatters: (options?: DirectoryOption) => Effect.Effect<ReadonlyArray<I.FormatterStatus>, RequestError>
  /** The ids of every tool (built in and registered). */
  readonly toolIds: (options?: DirectoryOption) => Effect.Effect<ReadonlyArray<string>, RequestError>
  /** The tools a model would get, with their descriptions and JSON Schema parameters. */
  readonly tools: (
    model: { readonly providerID: string; readonly modelID: string },
    options?: DirectoryOption
  ) => Effect.Effect<ReadonlyArray<I.Tool>, RequestError>
  /** The experimental features the server has turned on. */
  readonly capabilities: (options?: DirectoryOption) => Effect.Effect<I.Capabilities, RequestError>
  /** Writes an entry to the server's log. */
  readonly log: (entry: LogEntry) => Effect.Effect<void, RequestError>
  /** The server's OpenAPI 3.1 document (`GET /doc`, about 480 KB), as plain JSON. */
  readonly openapi: () => Effect.Effect<OpenApiDocument, RequestError>
}

/**
 * The server's OpenAPI document (`GET /doc`): `openapi`, `info` and `paths` are checked, every
 * other key is kept as sent.
 */
export const OpenApiDocument = Op.appDoc.success.schema

/** The decoded type of {@link OpenApiDocument}. */
export type OpenApiDocument = typeof OpenApiDocument.Type

/**
 * The server information service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, ServerInfoService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const info = yield* ServerInfoService.ServerInfoService
 *   yield* info.checkVersion({ onMismatch: "fail" }) // a ServerStartError outside 1.18.x
 *   yield* info.log({ service: "deploy-bot", level: "info", message: "connected", extra: { attempt: 1 } })
 *   return yield* info.paths()
 * }).pipe(Effect.provide(ServerInfoService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class ServerInfoService extends Context.Service<ServerInfoService, Service>()(
  "effect-opencode/ServerInfoService"
) {}

/**
 * Tells whether a version is in a range: `||`-separated alternatives, each an exact version or a
 * pattern with `x` (or `*`) for any number (`"1.18.x"`, `"1.x"`). Pre-release and build suffixes
 * of the version are ignored: `versionInRange("1.19.0", "1.18.x || 1.19.x")` is true, `("2.0.0", "1.x")` false.
 */
export const versionInRange = (version: string, range: string): boolean => {
  const parts = version.trim().replace(/^v/, "").split(/[-+]/)[0]!.split(".")
  return range.split("||").map((r) => r.trim()).filter((r) => r.length > 0).some((alternative) => {
    const pattern = alternative.replace(/^v/, "").split(".")
    return pattern.every((p, i) => p === "x" || p === "X" || p === "*" || p === parts[i]) &&
      (pattern.length >= parts.length || pattern[pattern.length - 1] === "x" || pattern[pattern.length - 1] === "*")
  })
}

const validRange = /^\s*v?[0-9xX*]+(\.[0-9xX*]+)*(\s*\|\|\s*v?[0-9xX*]+(\.[0-9xX*]+)*)*\s*$/

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const client = yield* OpencodeClient
  const call = callWith(client)

  const health: Service["health"] = () => call(Op.globalHealth, { directory: null })

  const version: Service["version"] = () => Effect.map(health(), (h) => h.version)

  const checkVersion: Service["checkVersion"] = (options = {}) =>
    Effect.gen(function*() {
      const range = options.range ?? testedVersions
      if (!validRange.test(range)) {
        return yield* new ValidationError({ field: "range", message: `not a version range: ${JSON.stringify(range)}` })
      }
      const v = yield* version()
      const supported = options.range === undefined ? isTestedVersion(v) : versionInRange(v, range)
      if (!supported) {
        const message = `opencode ${v} at ${client.config.baseUrl} is outside the supported versions (${range})`
        if (options.onMismatch === "fail") {
          return yield* new ServerStartError({ reason: "VersionMismatch", message, output: [] })
        }
        yield* Effect.logWarning(message)
      }
      return { version: v, range, supported }
    })

  const paths: Service["paths"] = (options = {}) => call(Op.pathGet, { directory: options.directory })

  const dispose: Service["dispose"] = (options = {}) =>
    Effect.asVoid(call(Op.instanceDispose, { idempotent: true, directory: options.directory }))

  const disposeAll: Service["disposeAll"] = () => Effect.asVoid(call(Op.globalDispose, { idempotent: true, directory: null }))

  const lsp: Service["lsp"] = (options = {}) => call(Op.lspStatus, { directory: options.directory })

  const formatters: Service["formatters"] = (options = {}) => call(Op.formatterStatus, { directory: options.directory })

  const toolIds: Service["toolIds"] = (options = {}) => call(Op.toolIds, { directory: options.directory })

  const tools: Service["tools"] = (model, options = {}) =>
    call(Op.toolList, { query: { provider: model.providerID, model: model.modelID }, directory: options.directory })

  const capabilities: Service["capabilities"] = (options = {}) =>
    call(Op.experimentalCapabilitiesGet, { directory: options.directory })

  const log: Service["log"] = (entry) =>
    Effect.asVoid(call(Op.appLog, {
      body: { service: entry.service, level: entry.level, message: entry.message, extra: entry.extra }
    }))

  const openapi: Service["openapi"] = () => call(Op.appDoc, { directory: null })

  return ServerInfoService.of({
    health,
    version,
    checkVersion,
    paths,
    dispose,
    disposeAll,
    lsp,
    formatters,
    toolIds,
    tools,
    capabilities,
    log,
    openapi
  })
})

/** The server information service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<ServerInfoService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(ServerInfoService, make)
