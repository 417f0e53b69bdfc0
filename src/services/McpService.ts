/**
 * MCP (Model Context Protocol) servers: their status, adding one at run time, connecting and
 * disconnecting, OAuth, and the resources they offer.
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect, Layer, Schema } from "effect"
import type { RequestError } from "../Errors.ts"
import { requireName } from "../internal/names.ts"
import { OpencodeClient, route } from "../layers/OpencodeClient.ts"
import type * as C from "../schema/Config.ts"
import * as M from "../schema/Mcp.ts"

/**
 * Options every call takes.
 *
 * @example
 * ```ts
 * import type { McpService } from "effect-opencode"
 * const options: McpService.DirectoryOption = { directory: "/work/repo" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface DirectoryOption {
  /** Overrides the client's project directory (MCP servers run per directory). */
  readonly directory?: string | undefined
}

/**
 * The MCP operations.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { McpService } from "effect-opencode"
 * const names = (mcp: McpService.Service) => Effect.map(mcp.status(), Object.keys)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * The status of every MCP server, by name.
   *
   * @example
   * ```ts
   * const failed = Object.entries(yield* mcp.status()).filter(([, s]) => s.status === "failed")
   * ```
   */
  readonly status: (options?: DirectoryOption) => Effect.Effect<M.McpStatusMap, RequestError>
  /**
   * Adds an MCP server (for the life of the server process, not written to the configuration),
   * tries to connect it, and returns every server's status. A server that cannot start is
   * reported as `failed` with its error, not as a failure of this call.
   *
   * @example
   * ```ts
   * const all = yield* mcp.add("fs", { type: "local", command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."] })
   * all.fs?.status // "connected" | "failed" | …
   * ```
   */
  readonly add: (
    name: string,
    config: C.McpLocalConfig | C.McpRemoteConfig,
    options?: DirectoryOption
  ) => Effect.Effect<M.McpStatusMap, RequestError>
  /**
   * Connects (or reconnects) a configured MCP server. An unknown name fails with an `ApiError`
   * 404 (`McpServerNotFoundError`).
   *
   * @example
   * ```ts
   * yield* mcp.connect("github")
   * ```
   */
  readonly connect: (name: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /**
   * Disconnects an MCP server (its status becomes `disabled`).
   *
   * @example
   * ```ts
   * yield* mcp.disconnect("github")
   * ```
   */
  readonly disconnect: (name: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /**
   * Starts the OAuth flow of a remote MCP server: open `authorizationUrl`, then pass the code to
   * {@link Service.completeAuth}. A server without OAuth fails with an `ApiError` 400.
   *
   * @example
   * ```ts
   * const { authorizationUrl } = yield* mcp.startAuth("linear")
   * ```
   */
  readonly startAuth: (name: string, options?: DirectoryOption) => Effect.Effect<M.McpAuthStart, RequestError>
  /**
   * Completes an MCP server's OAuth flow with the authorization code and returns its status.
   *
   * @example
   * ```ts
   * const status = yield* mcp.completeAuth("linear", code)
   * ```
   */
  readonly completeAuth: (name: string, code: string, options?: DirectoryOption) => Effect.Effect<M.McpStatus, RequestError>
  /**
   * Runs the whole OAuth flow on the server's machine: it opens a browser there and waits for
   * the callback (up to `timeout`, default 5 minutes). Only useful when server and user share a
   * machine.
   *
   * @example
   * ```ts
   * const status = yield* mcp.authenticate("linear", { timeout: "2 minutes" })
   * ```
   */
  readonly authenticate: (
    name: string,
    options?: DirectoryOption & { readonly timeout?: Duration.Input | undefined }
  ) => Effect.Effect<M.McpStatus, RequestError>
  /**
   * Removes the stored OAuth credentials of an MCP server.
   *
   * @example
   * ```ts
   * yield* mcp.removeAuth("linear")
   * ```
   */
  readonly removeAuth: (name: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /**
   * The resources of the connected MCP servers, by key (experimental endpoint).
   *
   * @example
   * ```ts
   * const uris = Object.values(yield* mcp.resources()).map((r) => r.uri)
   * ```
   */
  readonly resources: (options?: DirectoryOption) => Effect.Effect<Readonly<Record<string, M.McpResource>>, RequestError>
}

/**
 * The MCP service.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { McpService } from "effect-opencode"
 *
 * const connected = Effect.gen(function*() {
 *   const mcp = yield* McpService.McpService
 *   const all = yield* mcp.status()
 *   return Object.keys(all).filter((name) => all[name]?.status === "connected")
 * })
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class McpService extends Context.Service<McpService, Service>()("effect-opencode/McpService") {}

const ResourceMap = Schema.Record(Schema.String, M.McpResource)
const AuthRemoved = Schema.Struct({ success: Schema.Boolean })

/**
 * Builds the service from an {@link OpencodeClient}.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { McpService } from "effect-opencode"
 * const Live = Layer.effect(McpService.McpService, McpService.make)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.gen(function*() {
  const client = yield* OpencodeClient
  const mcpName = (name: string) => requireName("name", name)

  const status: Service["status"] = (options = {}) =>
    client.call({ method: "GET", path: "/mcp", response: M.McpStatusMap, directory: options.directory })

  const add: Service["add"] = (name, config, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      client.call({
        method: "POST",
        path: "/mcp",
        body: { name, config },
        response: M.McpStatusMap,
        idempotent: true,
        timeout: Duration.max(client.config.requestTimeout, Duration.seconds(60)),
        directory: options.directory
      }))

  const connect: Service["connect"] = (name, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      client.call({
        method: "POST",
        path: route`/mcp/${name}/connect`,
        response: "none",
        idempotent: true,
        timeout: Duration.max(client.config.requestTimeout, Duration.seconds(60)),
        directory: options.directory
      }))

  const disconnect: Service["disconnect"] = (name, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      client.call({
        method: "POST",
        path: route`/mcp/${name}/disconnect`,
        response: "none",
        idempotent: true,
        directory: options.directory
      }))

  const startAuth: Service["startAuth"] = (name, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      client.call({ method: "POST", path: route`/mcp/${name}/auth`, response: M.McpAuthStart, directory: options.directory }))

  const completeAuth: Service["completeAuth"] = (name, code, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      client.call({
        method: "POST",
        path: route`/mcp/${name}/auth/callback`,
        body: { code },
        response: M.McpStatus,
        directory: options.directory
      }))

  const authenticate: Service["authenticate"] = (name, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      client.call({
        method: "POST",
        path: route`/mcp/${name}/auth/authenticate`,
        response: M.McpStatus,
        timeout: options.timeout ?? Duration.minutes(5),
        directory: options.directory
      }))

  const removeAuth: Service["removeAuth"] = (name, options = {}) =>
    Effect.flatMap(mcpName(name), () =>
      Effect.asVoid(
        client.call({ method: "DELETE", path: route`/mcp/${name}/auth`, response: AuthRemoved, directory: options.directory })
      ))

  const resources: Service["resources"] = (options = {}) =>
    client.call({ method: "GET", path: "/experimental/resource", response: ResourceMap, directory: options.directory })

  return McpService.of({ status, add, connect, disconnect, startAuth, completeAuth, authenticate, removeAuth, resources })
})

/**
 * The MCP service over the {@link OpencodeClient} in context.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { McpService, OpencodeClient } from "effect-opencode"
 *
 * const Live = McpService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<McpService, never, OpencodeClient> = Layer.effect(McpService, make)
