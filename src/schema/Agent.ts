/**
 * Agents, commands and skills as the server lists them (`GET /agent`, `/command`, `/skill`).
 * `Agent`: `primary` agents take prompts, `subagent`s are called through the `task` tool, `all`
 * both; `permission` is its effective rule set (later rules win). `Command`: a slash command
 * (built in, configured, from MCP or a skill); `template` is its prompt, `hints` its arguments.
 *
 * Gotchas: unknown keys are dropped and an unknown `mode` decodes as the string itself, but a
 * `null` in place of an optional field is a `DecodeError`.
 */
import * as Op from "../api/Operations.ts"
import { lazy } from "../internal/lazy.ts"

export { Agent, Command } from "../api/Schemas.ts"

/** A skill: instructions the model loads with its `skill` tool; `location` is its file (`<built-in>` for the server's own). */
export const Skill = /* @__PURE__ */ lazy(() => Op.appSkills.success.schema.value)
export type Skill = typeof Skill.Type
