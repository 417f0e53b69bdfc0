/**
 * Agents, commands and skills as the server lists them (`GET /agent`, `GET /command`,
 * `GET /skill`):
 *
 * - `Agent`: `primary` agents take prompts, `subagent`s are called by other agents through the
 *   `task` tool, `all` can be both. `permission` is its effective rule set (later rules win).
 * - `Command`: a slash command: built in, from the configuration, from an MCP server
 *   (`source: "mcp"`) or a skill. `template` is its prompt; `hints` name its arguments
 *   (`$ARGUMENTS`, `$1`…).
 * - {@link Skill}: instructions the model can load with its `skill` tool.
 *
 * `Agent` and `Command` are the generated schemas of `src/api/Schemas.ts`, re-exported.
 *
 * Gotchas: decoding follows the pinned server's OpenAPI document: unknown keys are dropped, an
 * unknown `mode` (a newer server's) decodes as the string itself (every enumeration of an answer
 * is open: docs/api-description.md), but a `null` in place of an optional field is a
 * `DecodeError`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Agent } from "effect-opencode"
 * const build = Schema.decodeUnknownSync(Agent.Agent)({ name: "build", mode: "primary", permission: [], options: {} })
 * Schema.decodeUnknownSync(Agent.Command)({ name: "init", template: "Create AGENTS.md", hints: ["$ARGUMENTS"] })
 * ```
 */
import * as Op from "../api/Operations.ts"
import { lazy } from "../internal/lazy.ts"

export { Agent, Command } from "../api/Schemas.ts"

/**
 * A skill: instructions the model can load with its `skill` tool. `location` is the file it
 * came from (`<built-in>` for the server's own). The document declares it inline in
 * `GET /skill`'s answer, so it is taken from there.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Agent } from "effect-opencode"
 * Schema.decodeUnknownSync(Agent.Skill)({ name: "deploy", location: "/repo/.opencode/skill/deploy/SKILL.md", content: "…" })
 * ```
 */
export const Skill = /* @__PURE__ */ lazy(() => Op.appSkills.success.schema.value)

/** The decoded type of {@link Skill}. */
export type Skill = typeof Skill.Type
