/**
 * MCP (Model Context Protocol) servers: their status, adding one at run time, connecting and
 * disconnecting, OAuth, and the resources they offer. Gotcha: a server that fails to start is a
 * `failed` status, not a failed call; calls that start or connect one wait at least 60 s.
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type { RequestError } from "../Errors.ts"
import { requireName } from "../internal/names.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as C from "../schema/Config.ts"
import type * as M from "../schema/Mcp.ts"

/** Options every call takes. */
export interface DirectoryOption {
  /** Overrides the client's project directory (MCP servers run per directory). */
  readonly directory?: string | undefined
}

/** The MCP operations. */
export interface Service {
  /** The status of every MCP server, by name. */
  readonly status: (options?: DirectoryOption) => Effect.Effect<M.McpStatusMap, RequestError>
  /**
   * Adds an MCP server (for the life of the server process, not written to the configuration),
   * tries to connect it, and returns every server's status. A server that cannot start is
   * reported as `failed` with its error, not as a failure of this call.
   */
  readonly add: (
    name: string,
    config: C.McpLocalConfig | C.McpRemoteConfig,
    options?: DirectoryOption
  ) => Effect.Effect<M.McpStatusMap, RequestError>
  /**
   * Connects (or reconnects) a configured MCP server. An unknown name fails with an `ApiError`
   * 404 (`McpServerNotFoundError`).
   */
  readonly connect: (name: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /** Disconnects an MCP server (its status becomes `disabled`). */
  readonly disconnect: (name: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /**
   * Starts the OAuth flow of a remote MCP server: open `authorizationUrl`, then pass the code to
   * {@link Service.completeAuth}. A server without OAuth fails with an `ApiError` 400.
   */
  readonly startAuth: (name: string, options?: DirectoryOption) => Effect.Effect<M.McpAuthStart, RequestError>
  /** Completes an MCP server's OAuth flow with the authorization code and returns its status. */
  readonly completeAuth: (name: string, code: string, options?: DirectoryOption) => Effect.Effect<M.McpStatus, RequestError>
  /**
   * Runs the whole OAuth flow on the server's machine: it opens a browser there and waits for
   * the callback (up to `timeout`, default 5 minutes). Only useful when server and user share a
   * machine.
   */
  readonly authenticate: (
    name: string,
    options?: DirectoryOption & { readonly timeout?: Duration.Input | undefined }
  ) => Effect.Effect<M.McpStatus, RequestError>
  /** Removes the stored OAuth credentials of an MCP server. */
  readonly removeAuth: (name: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /** The resources of the connected MCP servers, by key (experimental endpoint). */
  readonly resources: (options?: DirectoryOption) => Effect.Effect<Readonly<Record<string, M.McpResource>>, RequestError>
}

/**
 * The MCP service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { McpService, OpencodeClient } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const mcp = yield* McpService.McpService
 *   const all = yield* mcp.add("fs", { type: "local", command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."] })
 *   if (all.fs?.status !== "connected") yield* mcp.connect("fs")
 *   return yield* mcp.resources()
 * }).pipe(Effect.provide(McpService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class McpService extends Context.Service<McpService, Service>()("effect-opencode/McpService") {}

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const client = yield* OpencodeClient
  const call = callWith(client)
  // starting or connecting a server spawns it or reaches it over the network: give it time
  const connectTimeout = Duration.max(client.config.requestTimeout, Duration.seconds(60))

  const status: Service["status"] = (options = {}) => call(Op.mcpStatus, { directory: options.directory })

  // POST /mcp replaces the entry of that name: sending it twice leaves the same state. The name
  // travels in the body, so it is checked here against the rule the other calls' paths keep.
  const add: Service["add"] = (name, config, options = {}) =>
    Effect.flatMap(requireName("name", name), () =>
      call(Op.mcpAdd, { body: { name, config }, idempotent: true, timeout: connectTimeout, directory: options.directory }))

  const connect: Service["connect"] = (name, options = {}) =>
    Effect.asVoid(
      call(Op.mcpConnect, { path: { name }, idempotent: true, timeout: connectTimeout, directory: options.directory })
    )

  const disconnect: Service["disconnect"] = (name, options = {}) =>
    Effect.asVoid(call(Op.mcpDisconnect, { path: { name }, idempotent: true, directory: options.directory }))

  const startAuth: Service["startAuth"] = (name, options = {}) =>
    call(Op.mcpAuthStart, { path: { name }, directory: options.directory })

  const completeAuth: Service["completeAuth"] = (name, code, options = {}) =>
    call(Op.mcpAuthCallback, { path: { name }, body: { code }, directory: options.directory })

  const authenticate: Service["authenticate"] = (name, options = {}) =>
    call(Op.mcpAuthAuthenticate, {
      path: { name },
      timeout: options.timeout ?? Duration.minutes(5),
      directory: options.directory
    })

  const removeAuth: Service["removeAuth"] = (name, options = {}) =>
    Effect.asVoid(call(Op.mcpAuthRemove, { path: { name }, directory: options.directory }))

  const resources: Service["resources"] = (options = {}) =>
    call(Op.experimentalResourceList, { directory: options.directory })

  return McpService.of({ status, add, connect, disconnect, startAuth, completeAuth, authenticate, removeAuth, resources })
})

/** The MCP service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<McpService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(McpService, make)
