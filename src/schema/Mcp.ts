/**
 * MCP (Model Context Protocol) servers: their connection status, OAuth, and the resources they
 * offer.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, opt } from "../internal/lenient.ts"

/**
 * An MCP server's status: `connected`, `disabled`, `failed` (with `error`), `needs_auth`, or
 * `needs_client_registration` (with `error`); a newer status decodes too.
 *
 * @example
 * ```ts
 * import { Mcp } from "effect-opencode"
 * const s: Mcp.McpStatus = { status: "failed", error: "MCP error -32000: Connection closed" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpStatus = Schema.Struct({
  status: openLiterals(["connected", "disabled", "failed", "needs_auth", "needs_client_registration"]),
  error: opt(Schema.String)
})

/**
 * The decoded type of {@link McpStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpStatus = typeof McpStatus.Type

/**
 * The status of every MCP server, by name (`GET /mcp`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Mcp } from "effect-opencode"
 * Schema.decodeUnknownSync(Mcp.McpStatusMap)({ github: { status: "connected" } })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpStatusMap = Schema.Record(Schema.String, McpStatus)

/**
 * The decoded type of {@link McpStatusMap}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpStatusMap = typeof McpStatusMap.Type

/**
 * The start of an MCP OAuth flow: the URL to open and the state to check on return.
 *
 * @example
 * ```ts
 * import { Mcp } from "effect-opencode"
 * const start: Mcp.McpAuthStart = { authorizationUrl: "https://…", oauthState: "xyz" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpAuthStart = Schema.Struct({
  authorizationUrl: Schema.String,
  oauthState: Schema.String
})

/**
 * The decoded type of {@link McpAuthStart}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpAuthStart = typeof McpAuthStart.Type

/**
 * A resource an MCP server offers (`GET /experimental/resource`); `client` is the server's name.
 *
 * @example
 * ```ts
 * import { Mcp } from "effect-opencode"
 * const r: Mcp.McpResource = { name: "README", uri: "file:///repo/README.md", client: "fs" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpResource = Schema.Struct({
  name: Schema.String,
  uri: Schema.String,
  description: opt(Schema.String),
  mimeType: opt(Schema.String),
  client: Schema.String
})

/**
 * The decoded type of {@link McpResource}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpResource = typeof McpResource.Type
