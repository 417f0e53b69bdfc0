/**
 * The server's configuration (`GET /config`, `PATCH /config`, `GET /global/config`). The
 * document describes some sixty fields; the commonly used ones are typed here and every other
 * key is kept as it is, so a newer server's additions never break decoding.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, OpenRecord, StringRecord, opt } from "../internal/lenient.ts"

const open = <F extends Schema.Struct.Fields>(fields: F) => Schema.StructWithRest(Schema.Struct(fields), [OpenRecord])

/**
 * A permission action in the configuration.
 *
 * @example
 * ```ts
 * import { ConfigSchema } from "effect-opencode"
 * const a: ConfigSchema.PermissionActionConfig = "ask"
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
 * import { ConfigSchema } from "effect-opencode"
 * const p: ConfigSchema.PermissionConfig = { bash: { "git *": "allow", "*": "ask" }, edit: "deny" }
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
 * import { ConfigSchema } from "effect-opencode"
 * const reviewer: ConfigSchema.AgentConfig = { description: "Reviews code", mode: "subagent", tools: { write: false } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AgentConfig = open({
  model: opt(Schema.String),
  variant: opt(Schema.String),
  temperature: opt(Schema.Number),
  top_p: opt(Schema.Number),
  prompt: opt(Schema.String),
  tools: opt(Schema.Record(Schema.String, Schema.Boolean)),
  disable: opt(Schema.Boolean),
  description: opt(Schema.String),
  mode: opt(openLiterals(["subagent", "primary", "all"])),
  hidden: opt(Schema.Boolean),
  color: opt(Schema.String),
  steps: opt(Schema.Number),
  permission: opt(PermissionConfig)
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
 * import { ConfigSchema } from "effect-opencode"
 * const c: ConfigSchema.CommandConfig = { template: "Review $ARGUMENTS", description: "Review files" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const CommandConfig = open({
  template: Schema.String,
  description: opt(Schema.String),
  agent: opt(Schema.String),
  model: opt(Schema.String),
  variant: opt(Schema.String),
  subtask: opt(Schema.Boolean)
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
 * import { ConfigSchema } from "effect-opencode"
 * const m: ConfigSchema.ModelConfig = { name: "Echo", limit: { context: 8192, output: 4096 } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelConfig = open({
  id: opt(Schema.String),
  name: opt(Schema.String),
  family: opt(Schema.String),
  release_date: opt(Schema.String),
  attachment: opt(Schema.Boolean),
  reasoning: opt(Schema.Boolean),
  temperature: opt(Schema.Boolean),
  tool_call: opt(Schema.Boolean),
  cost: opt(open({ input: Schema.Number, output: Schema.Number })),
  limit: opt(open({ context: Schema.Number, output: Schema.Number, input: opt(Schema.Number) })),
  status: opt(Schema.String),
  options: opt(OpenRecord),
  headers: opt(StringRecord)
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
 * import { ConfigSchema } from "effect-opencode"
 * const local: ConfigSchema.ProviderConfig = {
 *   npm: "@ai-sdk/openai-compatible", name: "Local",
 *   options: { baseURL: "http://127.0.0.1:8080/v1" }, models: { echo: { name: "Echo" } }
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProviderConfig = open({
  api: opt(Schema.String),
  name: opt(Schema.String),
  env: opt(Schema.Array(Schema.String)),
  id: opt(Schema.String),
  npm: opt(Schema.String),
  whitelist: opt(Schema.Array(Schema.String)),
  blacklist: opt(Schema.Array(Schema.String)),
  options: opt(OpenRecord),
  models: opt(Schema.Record(Schema.String, ModelConfig))
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
 * import { ConfigSchema } from "effect-opencode"
 * const fs: ConfigSchema.McpLocalConfig = { type: "local", command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpLocalConfig = open({
  type: Schema.Literal("local"),
  command: Schema.Array(Schema.String),
  cwd: opt(Schema.String),
  environment: opt(StringRecord),
  enabled: opt(Schema.Boolean),
  timeout: opt(Schema.Number)
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
 * import { ConfigSchema } from "effect-opencode"
 * const remote: ConfigSchema.McpRemoteConfig = { type: "remote", url: "https://mcp.example.com/mcp" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const McpRemoteConfig = open({
  type: Schema.Literal("remote"),
  url: Schema.String,
  enabled: opt(Schema.Boolean),
  headers: opt(StringRecord),
  oauth: opt(Schema.Union([
    Schema.Literal(false),
    open({
      clientId: opt(Schema.String),
      clientSecret: opt(Schema.String),
      scope: opt(Schema.String),
      callbackPort: opt(Schema.Number),
      redirectUri: opt(Schema.String)
    })
  ])),
  timeout: opt(Schema.Number)
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
 * import { ConfigSchema } from "effect-opencode"
 * const off: ConfigSchema.McpConfig = { enabled: false }
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
 * import { ConfigSchema } from "effect-opencode"
 * const config = Schema.decodeUnknownSync(ConfigSchema.Config)({ model: "local/echo", share: "disabled", theme: "dark" })
 * config.model // "local/echo"
 * config.theme // "dark" (an untyped key, kept)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Config = open({
  $schema: opt(Schema.String),
  model: opt(Schema.String),
  small_model: opt(Schema.String),
  default_agent: opt(Schema.String),
  username: opt(Schema.String),
  shell: opt(Schema.String),
  share: opt(openLiterals(["manual", "auto", "disabled"])),
  autoupdate: opt(Schema.Union([Schema.Boolean, Schema.String])),
  snapshot: opt(Schema.Boolean),
  logLevel: opt(openLiterals(["DEBUG", "INFO", "WARN", "ERROR"])),
  instructions: opt(Schema.Array(Schema.String)),
  disabled_providers: opt(Schema.Array(Schema.String)),
  enabled_providers: opt(Schema.Array(Schema.String)),
  provider: opt(Schema.Record(Schema.String, ProviderConfig)),
  agent: opt(Schema.Record(Schema.String, AgentConfig)),
  mode: opt(Schema.Record(Schema.String, AgentConfig)),
  command: opt(Schema.Record(Schema.String, CommandConfig)),
  mcp: opt(Schema.Record(Schema.String, McpConfig)),
  permission: opt(PermissionConfig),
  tools: opt(Schema.Record(Schema.String, Schema.Boolean)),
  plugin: opt(Schema.Array(Schema.Unknown))
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
 * import { ConfigSchema } from "effect-opencode"
 * const patch: ConfigSchema.ConfigPatch = { model: "anthropic/claude-sonnet-4-6", permission: { bash: "ask" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ConfigPatch = typeof Config.Encoded
