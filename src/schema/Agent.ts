/**
 * Agents, commands and skills as the server lists them (`GET /agent`, `GET /command`,
 * `GET /skill`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, OpenRecord, opt } from "../internal/lenient.ts"
import { PermissionRule } from "./Session.ts"

/**
 * An agent: `primary` agents take prompts, `subagent`s are called by other agents through the
 * `task` tool, `all` can be both. `permission` is its effective rule set (later rules win).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Agent } from "effect-opencode"
 * const build = Schema.decodeUnknownSync(Agent.Agent)({ name: "build", mode: "primary", permission: [], options: {} })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Agent = Schema.Struct({
  name: Schema.String,
  description: opt(Schema.String),
  mode: openLiterals(["subagent", "primary", "all"]),
  native: opt(Schema.Boolean),
  hidden: opt(Schema.Boolean),
  topP: opt(Schema.Number),
  temperature: opt(Schema.Number),
  color: opt(Schema.String),
  permission: opt(Schema.Array(PermissionRule)),
  model: opt(Schema.Struct({ modelID: Schema.String, providerID: Schema.String })),
  variant: opt(Schema.String),
  prompt: opt(Schema.String),
  options: opt(OpenRecord),
  steps: opt(Schema.Number)
})

/**
 * The decoded type of {@link Agent}.
 *
 * @since 0.1.0
 * @category models
 */
export type Agent = typeof Agent.Type

/**
 * A slash command: built in, from the configuration, from an MCP server (`source: "mcp"`) or a
 * skill. `template` is its prompt; `hints` name its arguments (`$ARGUMENTS`, `$1`…).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Agent } from "effect-opencode"
 * Schema.decodeUnknownSync(Agent.Command)({ name: "init", template: "Create AGENTS.md", hints: ["$ARGUMENTS"] })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Command = Schema.Struct({
  name: Schema.String,
  description: opt(Schema.String),
  agent: opt(Schema.String),
  model: opt(Schema.String),
  source: opt(openLiterals(["command", "mcp", "skill"])),
  template: Schema.String,
  subtask: opt(Schema.Boolean),
  hints: opt(Schema.Array(Schema.String))
})

/**
 * The decoded type of {@link Command}.
 *
 * @since 0.1.0
 * @category models
 */
export type Command = typeof Command.Type

/**
 * A skill: instructions the model can load with its `skill` tool. `location` is the file it
 * came from (`<built-in>` for the server's own).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Agent } from "effect-opencode"
 * Schema.decodeUnknownSync(Agent.Skill)({ name: "deploy", location: "/repo/.opencode/skill/deploy/SKILL.md", content: "…" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Skill = Schema.Struct({
  name: Schema.String,
  description: opt(Schema.String),
  location: Schema.String,
  content: Schema.String
})

/**
 * The decoded type of {@link Skill}.
 *
 * @since 0.1.0
 * @category models
 */
export type Skill = typeof Skill.Type
