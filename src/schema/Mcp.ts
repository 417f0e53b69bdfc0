/**
 * MCP servers: `McpStatus` (`connected`, `disabled`, `failed` with `error`, `needs_auth`,
 * `needs_client_registration`), {@link McpStatusMap}, {@link McpAuthStart}, `McpResource`
 * (`client`: the server's name); generated schemas, re-exported. Gotcha: `McpStatus` is an exact
 * tagged union: a status the pinned document does not list is a `DecodeError`.
 */
import * as Op from "../api/Operations.ts"

export { MCPStatus as McpStatus, McpResource } from "../api/Schemas.ts"

/** Every MCP server's status, by name (`GET /mcp`, and the answer of `POST /mcp`). */
export const McpStatusMap = Op.mcpStatus.success.schema
export type McpStatusMap = typeof McpStatusMap.Type

/** The start of an MCP server's OAuth flow: the URL to open (`authorizationUrl`) and the flow's state. */
export const McpAuthStart = Op.mcpAuthStart.success.schema
export type McpAuthStart = typeof McpAuthStart.Type
