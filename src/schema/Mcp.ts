/**
 * MCP (Model Context Protocol) servers: their connection status, OAuth, and the resources they
 * offer: the generated schemas of `src/api/Schemas.ts` under the library's names.
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * An MCP server's status: `connected`, `disabled`, `failed` (with `error`), `needs_auth`, or
 * `needs_client_registration` (with `error`). This is the server's tagged union: a status the
 * pinned server's document does not list is a `DecodeError` (a tag stays exact, unlike the open
 * enumerations of other answers).
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
export const McpStatus = Schemas.MCPStatus

/**
 * The decoded type of {@link McpStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpStatus = Schemas.MCPStatus

/**
 * Every MCP server's status, by name (`GET /mcp`, and the answer of `POST /mcp`).
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
export const McpStatusMap = operations["mcp.status"].success.schema

/**
 * The decoded type of {@link McpStatusMap}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpStatusMap = typeof McpStatusMap.Type

/**
 * The start of an MCP server's OAuth flow: the URL to open and the flow's state.
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
export const McpAuthStart = operations["mcp.auth.start"].success.schema

/**
 * The decoded type of {@link McpAuthStart}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpAuthStart = typeof McpAuthStart.Type

/**
 * A resource an MCP server offers (`client` is the server's name).
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
export const McpResource = Schemas.McpResource

/**
 * The decoded type of {@link McpResource}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpResource = Schemas.McpResource
