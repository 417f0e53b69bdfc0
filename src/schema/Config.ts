/**
 * The server's configuration (`opencode.json`; `GET /config`, `PATCH /config`, the same under
 * `/global/config`):
 *
 * - `Config`: the configuration, as `GET /config` answers it and `PATCH /config` takes it (every
 *   key optional); `ConfigPatch` is the same type, named for what `ConfigService.update` /
 *   `updateGlobal` take: a configuration with only the keys to change.
 * - Permissions: `PermissionConfig` is one action for everything, or by tool name an action or an
 *   object of glob pattern → action; `PermissionActionConfig` is `ask`, `allow` or `deny`.
 * - `AgentConfig` (an agent defined or overridden under `agent.<name>`), {@link CommandConfig}
 *   (`command.<name>`), `ProviderConfig` (`provider.<id>`; `npm` is its AI SDK package) and its
 *   {@link ModelConfig}s, `McpLocalConfig` (an MCP server started as a local process),
 *   `McpRemoteConfig` (one reached over HTTP; `oauth: false` turns its OAuth discovery off) and
 *   {@link McpConfig} (either, or `{ enabled }` alone to turn a server defined elsewhere on or off).
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under their names.
 *
 * Gotchas: decoding follows the pinned server's OpenAPI document: unknown keys are dropped (a
 * newer server's extra settings do not fail a decode, but are not kept either); a value outside a
 * documented enum (`share`, `logLevel`, a permission action) decodes as the string itself, so
 * match on those with a default branch.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const config: ConfigSchema.Config = {
 *   model: "local/echo",
 *   share: "disabled",
 *   permission: { bash: { "git *": "allow", "*": "ask" }, edit: "deny" },
 *   provider: { local: { npm: "@ai-sdk/openai-compatible", options: { baseURL: "http://127.0.0.1:8080/v1" }, models: { echo: {} } } },
 *   mcp: { fs: { type: "local", command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."] } }
 * }
 * ```
 */
import * as Schemas from "../api/Schemas.ts"
import { lazy } from "../internal/lazy.ts"

export {
  AgentConfig,
  Config,
  McpLocalConfig,
  McpRemoteConfig,
  PermissionActionConfig,
  PermissionConfig,
  ProviderConfig
} from "../api/Schemas.ts"
export type { Config as ConfigPatch } from "../api/Schemas.ts"

/**
 * A slash command defined in the configuration, under `command.<name>`; `$ARGUMENTS` in
 * `template` is replaced by the command's arguments (`{ template: "Say hello to $ARGUMENTS" }`).
 */
export const CommandConfig = /* @__PURE__ */ lazy(() => Schemas.Config.fields.command.schema.value)
/** The decoded type of {@link CommandConfig}. */
export type CommandConfig = typeof CommandConfig.Type

/** A model of a provider defined in the configuration, under `provider.<id>.models.<model>`. */
export const ModelConfig = /* @__PURE__ */ lazy(() => Schemas.ProviderConfig.fields.models.schema.value)
/** The decoded type of {@link ModelConfig}. */
export type ModelConfig = typeof ModelConfig.Type

/** An entry of the configuration's `mcp`: a local or remote server, or `{ enabled }` alone. */
export const McpConfig = /* @__PURE__ */ lazy(() => Schemas.Config.fields.mcp.schema.value)
/** The decoded type of {@link McpConfig}. */
export type McpConfig = typeof McpConfig.Type
