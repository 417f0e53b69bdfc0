/**
 * MCP (Model Context Protocol) servers: their connection status, OAuth, and the resources they
 * offer:
 *
 * - `McpStatus` (the document's `MCPStatus`): `connected`, `disabled`, `failed` (with `error`),
 *   `needs_auth`, or `needs_client_registration` (with `error`); {@link McpStatusMap}: every
 *   server's status by name (`GET /mcp`, and the answer of `POST /mcp`).
 * - {@link McpAuthStart}: the start of a server's OAuth flow (the URL to open, the flow's state).
 * - `McpResource`: a resource a server offers (`client` is the server's name).
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under the library's
 * names.
 *
 * Gotcha: `McpStatus` is the server's tagged union: a status the pinned server's document does
 * not list is a `DecodeError` (a tag stays exact, unlike the open enumerations of other answers).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Mcp } from "effect-opencode"
 * const statuses = Schema.decodeUnknownSync(Mcp.McpStatusMap)({ github: { status: "connected" } })
 * const s: Mcp.McpStatus = { status: "failed", error: "MCP error -32000: Connection closed" }
 * ```
 */
import * as Op from "../api/Operations.ts"

export { MCPStatus as McpStatus, McpResource } from "../api/Schemas.ts"

/** Every MCP server's status, by name (`GET /mcp`, and the answer of `POST /mcp`). */
export const McpStatusMap = Op.mcpStatus.success.schema
/** The decoded type of {@link McpStatusMap}. */
export type McpStatusMap = typeof McpStatusMap.Type

/** The start of an MCP server's OAuth flow: the URL to open (`authorizationUrl`) and the flow's state. */
export const McpAuthStart = Op.mcpAuthStart.success.schema
/** The decoded type of {@link McpAuthStart}. */
export type McpAuthStart = typeof McpAuthStart.Type
