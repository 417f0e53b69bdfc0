/**
 * The server's configuration (`GET /config`, `PATCH /config`, `GET /global/config`). The
 * document describes some sixty fields; the commonly used ones are typed here and every other
 * key is kept as it is, so a newer server's additions never break decoding.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, OpenRecord, StringRecord } from "../internal/lenient.ts"

const open = <F extends Schema.Struct.Fields>(fields: F) => Schema.StructWithRest(Schema.Struct(fields), [OpenRecord])

/**
 * A permission action in the configuration.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const a: Config.PermissionActionConfig = "ask"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionActionConfig = openLiterals(["ask", "allow", "deny"])

/**
 * The decoded type of {@link PermissionActionConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionActionConfig = typeof PermissionActionConfig.Type

/**
 * The `permission` setting: one action for everything, or an action (or an action per pattern)
 * per tool, e.g. `{ bash: { "git *": "allow", "*": "ask" }, edit: "deny" }`.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const p: Config.PermissionConfig = { bash: { "git *": "allow", "*": "ask" }, edit: "deny" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionConfig = Schema.Union([
  PermissionActionConfig,
  Schema.Record(Schema.String, Schema.Union([PermissionActionConfig, Schema.Record(Schema.String, PermissionActionConfig)]))
])

/**
 * The decoded type of {@link PermissionConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionConfig = typeof PermissionConfig.Type

/**
 * An agent's settings (`agent.<name>`): its model, prompt, tools, mode and permissions.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const reviewer: Config.AgentConfig = { description: "Reviews code", mode: "subagent", tools: { write: false } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AgentConfig = open({
  model: Schema.optional(Schema.String),
  variant: Schema.optional(Schema.String),
  temperature: Schema.optional(Schema.Number),
  top_p: Schema.optional(Schema.Number),
  prompt: Schema.optional(Schema.String),
  tools: Schema.optional(Schema.Record(Schema.String, Schema.Boolean)),
  disable: Schema.optional(Schema.Boolean),
  description: Schema.optional(Schema.String),
  mode: Schema.optional(openLiterals(["subagent", "primary", "all"])),
  hidden: Schema.optional(Schema.Boolean),
  color: Schema.optional(Schema.String),
  steps: Schema.optional(Schema.Number),
  permission: Schema.optional(PermissionConfig)
})

/**
 * The decoded type of {@link AgentConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type AgentConfig = typeof AgentConfig.Type

/**
 * A custom command (`command.<name>`): a prompt `template` (`$ARGUMENTS` is replaced), with an
 * optional agent and model.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const c: Config.CommandConfig = { template: "Review $ARGUMENTS", description: "Review files" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const CommandConfig = open({
  template: Schema.String,
  description: Schema.optional(Schema.String),
  agent: Schema.optional(Schema.String),
  model: Schema.optional(Schema.String),
  variant: Schema.optional(Schema.String),
  subtask: Schema.optional(Schema.Boolean)
})

/**
 * The decoded type of {@link CommandConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type CommandConfig = typeof CommandConfig.Type

/**
 * A model declared under a configured provider.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const m: Config.ModelConfig = { name: "Echo", limit: { context: 8192, output: 4096 } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelConfig = open({
  id: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  family: Schema.optional(Schema.String),
  release_date: Schema.optional(Schema.String),
  attachment: Schema.optional(Schema.Boolean),
  reasoning: Schema.optional(Schema.Boolean),
  temperature: Schema.optional(Schema.Boolean),
  tool_call: Schema.optional(Schema.Boolean),
  cost: Schema.optional(open({ input: Schema.Number, output: Schema.Number })),
  limit: Schema.optional(open({ context: Schema.Number, output: Schema.Number, input: Schema.optional(Schema.Number) })),
  status: Schema.optional(Schema.String),
  options: Schema.optional(OpenRecord),
  headers: Schema.optional(StringRecord)
})

/**
 * The decoded type of {@link ModelConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelConfig = typeof ModelConfig.Type

/**
 * A configured provider (`provider.<id>`): its npm package, options (`baseURL`, `apiKey`…) and
 * models.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const local: Config.ProviderConfig = {
 *   npm: "@ai-sdk/openai-compatible", name: "Local",
 *   options: { baseURL: "http://127.0.0.1:8080/v1" }, models: { echo: { name: "Echo" } }
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProviderConfig = open({
  api: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  env: Schema.optional(Schema.Array(Schema.String)),
  id: Schema.optional(Schema.String),
  npm: Schema.optional(Schema.String),
  whitelist: Schema.optional(Schema.Array(Schema.String)),
  blacklist: Schema.optional(Schema.Array(Schema.String)),
  options: Schema.optional(OpenRecord),
  models: Schema.optional(Schema.Record(Schema.String, ModelConfig))
})

/**
 * The decoded type of {@link ProviderConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProviderConfig = typeof ProviderConfig.Type

/**
 * An MCP server that opencode starts as a process.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const fs: Config.McpLocalConfig = { type: "local", command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpLocalConfig = open({
  type: Schema.Literal("local"),
  command: Schema.Array(Schema.String),
  cwd: Schema.optional(Schema.String),
  environment: Schema.optional(StringRecord),
  enabled: Schema.optional(Schema.Boolean),
  timeout: Schema.optional(Schema.Number)
})

/**
 * The decoded type of {@link McpLocalConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpLocalConfig = typeof McpLocalConfig.Type

/**
 * An MCP server reached over HTTP, with optional headers and OAuth settings (`false` turns
 * OAuth off).
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const remote: Config.McpRemoteConfig = { type: "remote", url: "https://mcp.example.com/mcp" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpRemoteConfig = open({
  type: Schema.Literal("remote"),
  url: Schema.String,
  enabled: Schema.optional(Schema.Boolean),
  headers: Schema.optional(StringRecord),
  oauth: Schema.optional(Schema.Union([
    Schema.Literal(false),
    open({
      clientId: Schema.optional(Schema.String),
      clientSecret: Schema.optional(Schema.String),
      scope: Schema.optional(Schema.String),
      callbackPort: Schema.optional(Schema.Number),
      redirectUri: Schema.optional(Schema.String)
    })
  ])),
  timeout: Schema.optional(Schema.Number)
})

/**
 * The decoded type of {@link McpRemoteConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpRemoteConfig = typeof McpRemoteConfig.Type

/**
 * An MCP server's settings: local, remote, or only `{ enabled }` (to turn off one defined
 * elsewhere).
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const off: Config.McpConfig = { enabled: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpConfig = Schema.Union([McpLocalConfig, McpRemoteConfig, open({ enabled: Schema.Boolean })])

/**
 * The decoded type of {@link McpConfig}.
 *
 * @since 0.1.0
 * @category models
 */
export type McpConfig = typeof McpConfig.Type

/**
 * The configuration. Typed: the default `model` (`"provider/model"`), `small_model`,
 * `default_agent`, `username`, `share`, `autoupdate`, `snapshot`, `logLevel`, `instructions`,
 * enabled and disabled providers, `provider`, `agent`, `command`, `mcp`, `permission`, `tools`,
 * `plugin`; every other key is kept as it is.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Config } from "effect-opencode"
 * const config = Schema.decodeUnknownSync(Config.Config)({ model: "local/echo", share: "disabled", theme: "dark" })
 * config.model // "local/echo"
 * config.theme // "dark" (an untyped key, kept)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Config = open({
  $schema: Schema.optional(Schema.String),
  model: Schema.optional(Schema.String),
  small_model: Schema.optional(Schema.String),
  default_agent: Schema.optional(Schema.String),
  username: Schema.optional(Schema.String),
  shell: Schema.optional(Schema.String),
  share: Schema.optional(openLiterals(["manual", "auto", "disabled"])),
  autoupdate: Schema.optional(Schema.Union([Schema.Boolean, Schema.String])),
  snapshot: Schema.optional(Schema.Boolean),
  logLevel: Schema.optional(openLiterals(["DEBUG", "INFO", "WARN", "ERROR"])),
  instructions: Schema.optional(Schema.Array(Schema.String)),
  disabled_providers: Schema.optional(Schema.Array(Schema.String)),
  enabled_providers: Schema.optional(Schema.Array(Schema.String)),
  provider: Schema.optional(Schema.Record(Schema.String, ProviderConfig)),
  agent: Schema.optional(Schema.Record(Schema.String, AgentConfig)),
  mode: Schema.optional(Schema.Record(Schema.String, AgentConfig)),
  command: Schema.optional(Schema.Record(Schema.String, CommandConfig)),
  mcp: Schema.optional(Schema.Record(Schema.String, McpConfig)),
  permission: Schema.optional(PermissionConfig),
  tools: Schema.optional(Schema.Record(Schema.String, Schema.Boolean)),
  plugin: Schema.optional(Schema.Array(Schema.Unknown))
})

/**
 * The decoded type of {@link Config}.
 *
 * @since 0.1.0
 * @category models
 */
export type Config = typeof Config.Type

/**
 * A partial configuration for `ConfigService.update`: the typed fields of {@link Config}, all
 * optional, plus any other key the server accepts.
 *
 * @example
 * ```ts
 * import { Config } from "effect-opencode"
 * const patch: Config.ConfigPatch = { model: "anthropic/claude-sonnet-4-6", permission: { bash: "ask" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ConfigPatch = typeof Config.Encoded
