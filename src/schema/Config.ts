/**
 * The server's configuration (`opencode.json`; `GET`/`PATCH /config`, the same under
 * `/global/config`), the generated schemas re-exported. `ConfigPatch` is `Config` named for what
 * `ConfigService.update` takes: only the keys to change. `PermissionConfig`: one action for all,
 * or by tool an action or glob pattern → action. `McpRemoteConfig`'s `oauth: false` turns its
 * OAuth discovery off; {@link McpConfig} `{ enabled }` alone toggles a server defined elsewhere.
 *
 * Gotchas: unknown keys are dropped (a newer server's settings do not fail, nor are they kept);
 * values outside a documented enum (`share`, `logLevel`, actions) decode as the string itself.
 *
 * @example
 * ```ts
 * import type { ConfigSchema } from "effect-opencode"
 * const config: ConfigSchema.Config = {
 *   model: "local/echo",
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

/** A slash command under `command.<name>`; `$ARGUMENTS` in `template` is replaced by its arguments. */
export const CommandConfig = /* @__PURE__ */ lazy(() => Schemas.Config.fields.command.schema.value)
export type CommandConfig = typeof CommandConfig.Type

/** A model of a provider defined in the configuration, under `provider.<id>.models.<model>`. */
export const ModelConfig = /* @__PURE__ */ lazy(() => Schemas.ProviderConfig.fields.models.schema.value)
export type ModelConfig = typeof ModelConfig.Type

/** An entry of the configuration's `mcp`: a local or remote server, or `{ enabled }` alone. */
export const McpConfig = /* @__PURE__ */ lazy(() => Schemas.Config.fields.mcp.schema.value)
export type McpConfig = typeof McpConfig.Type
