/**
 * The server's configuration (`GET /config`, `PATCH /config`, the same under `/global/config`):
 * the generated schemas of `src/api/Schemas.ts` under the library's names.
 *
 * Decoding follows the pinned server's OpenAPI document: unknown keys are dropped (a newer
 * server's extra settings do not fail a decode, but are not kept either); a value outside a
 * documented enum (`share`, `logLevel`, a permission action) decodes as the string itself, so
 * match on those with a default branch.
 *
 * @since 0.1.0
 */
import * as Schemas from "../api/Schemas.ts"

/**
 * What a permission rule does: `ask` the user, `allow` or `deny`.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const action: ConfigSchema.PermissionActionConfig = "ask"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionActionConfig = Schemas.PermissionActionConfig

/**
 * The decoded type of {@link PermissionActionConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionActionConfig = Schemas.PermissionActionConfig

/**
 * Permissions in the configuration: one action for everything, or by tool name an action or
 * an object of glob pattern → action (`{ bash: { "git *": "allow", "*": "ask" } }`).
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const permission: ConfigSchema.PermissionConfig = { bash: { "git *": "allow", "*": "ask" }, edit: "deny" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionConfig = Schemas.PermissionConfig

/**
 * The decoded type of {@link PermissionConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionConfig = Schemas.PermissionConfig

/**
 * An agent defined (or overridden) in the configuration, under `agent.<name>`.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const reviewer: ConfigSchema.AgentConfig = { mode: "subagent", description: "Reviews code", prompt: "You review code." }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AgentConfig = Schemas.AgentConfig

/**
 * The decoded type of {@link AgentConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type AgentConfig = Schemas.AgentConfig

/**
 * A slash command defined in the configuration, under `command.<name>`; `$ARGUMENTS` in
 * `template` is replaced by the command's arguments.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const greet: ConfigSchema.CommandConfig = { template: "Say hello to $ARGUMENTS" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const CommandConfig = Schemas.Config.fields.command.schema.value

/**
 * The decoded type of {@link CommandConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type CommandConfig = typeof CommandConfig.Type

/**
 * A model of a provider defined in the configuration, under `provider.<id>.models.<model>`.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const echo: ConfigSchema.ModelConfig = { name: "Echo" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelConfig = Schemas.ProviderConfig.fields.models.schema.value

/**
 * The decoded type of {@link ModelConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelConfig = typeof ModelConfig.Type

/**
 * A provider defined in the configuration, under `provider.<id>` (`npm` is its AI SDK package).
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const local: ConfigSchema.ProviderConfig = { npm: "@ai-sdk/openai-compatible", options: { baseURL: "http://127.0.0.1:8080/v1" }, models: { echo: {} } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProviderConfig = Schemas.ProviderConfig

/**
 * The decoded type of {@link ProviderConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProviderConfig = Schemas.ProviderConfig

/**
 * An MCP server the OpenCode server starts as a local process.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const fs: ConfigSchema.McpLocalConfig = { type: "local", command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpLocalConfig = Schemas.McpLocalConfig

/**
 * The decoded type of {@link McpLocalConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpLocalConfig = Schemas.McpLocalConfig

/**
 * An MCP server reached over HTTP; `oauth: false` turns its OAuth discovery off.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const linear: ConfigSchema.McpRemoteConfig = { type: "remote", url: "https://mcp.linear.app/sse" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpRemoteConfig = Schemas.McpRemoteConfig

/**
 * The decoded type of {@link McpRemoteConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpRemoteConfig = Schemas.McpRemoteConfig

/**
 * An entry of the configuration's `mcp`: a local or remote server, or `{ enabled }` alone to
 * turn a server defined elsewhere on or off.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const off: ConfigSchema.McpConfig = { enabled: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpConfig = Schemas.Config.fields.mcp.schema.value

/**
 * The decoded type of {@link McpConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpConfig = typeof McpConfig.Type

/**
 * The configuration (`opencode.json`), as `GET /config` answers it and as `PATCH /config`
 * takes it (every key optional).
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const config: ConfigSchema.Config = { model: "anthropic/claude-sonnet-4-6", share: "disabled" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Config = Schemas.Config

/**
 * The decoded type of {@link Config}.
 *
 * @since 0.1.0
 * @category models
 */
export type Config = Schemas.Config

/**
 * What `ConfigService.update` / `updateGlobal` take: a configuration with only the keys to
 * change.
 *
 * @since 0.1.0
 * @category models
 */
export type ConfigPatch = Schemas.Config
