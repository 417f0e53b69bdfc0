/**
 * Agents, slash commands and skills available on the server: read-only listings, scoped to a
 * directory (the client's default unless `directory` is given).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { ApiError, type RequestError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as A from "../schema/Agent.ts"

/** Options of the listing calls: `directory` overrides the client's default project directory. */
export interface ListOptions {
  readonly directory?: string | undefined
}

/** The agent, command and skill operations. */
export interface Service {
  /** Every agent, built-in and configured, hidden ones and subagents included (filter on `mode`/`hidden`). */
  readonly list: (options?: ListOptions) => Effect.Effect<ReadonlyArray<A.Agent>, RequestError>
  /** One agent by name, looked up in {@link Service.list} (no route of its own): an `ApiError` 404 when absent. */
  readonly get: (name: string, options?: ListOptions) => Effect.Effect<A.Agent, RequestError>
  /** Every slash command (built-in, configured, from MCP servers and skills). */
  readonly commands: (options?: ListOptions) => Effect.Effect<ReadonlyArray<A.Command>, RequestError>
  /** Every skill the model can load. */
  readonly skills: (options?: ListOptions) => Effect.Effect<ReadonlyArray<A.Skill>, RequestError>
}

/**
 * The agent service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { AgentService, OpencodeClient } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const agents = yield* AgentService.AgentService
 *   const primary = (yield* agents.list()).filter((a) => a.mode !== "subagent" && !a.hidden)
 *   return { primary, build: yield* agents.get("build"), commands: yield* agents.commands() }
 * }).pipe(Effect.provide(AgentService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class AgentService extends Context.Service<AgentService, Service>()("effect-opencode/AgentService") {}

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = (options = {}) => call(Op.appAgents, { directory: options.directory })

  const get: Service["get"] = (name, options = {}) =>
    Effect.flatMap(list(options), (agents) => {
      const found = agents.find((a) => a.name === name)
      return found !== undefined
        ? Effect.succeed(found)
        : Effect.fail(
          new ApiError({ status: 404, name: "AgentNotFound", message: `no agent named ${name}`, method: "GET", path: "/agent" })
        )
    })

  const commands: Service["commands"] = (options = {}) => call(Op.commandList, { directory: options.directory })

  const skills: Service["skills"] = (options = {}) => call(Op.appSkills, { directory: options.directory })

  return AgentService.of({ list, get, commands, skills })
})

/** The agent service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<AgentService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(AgentService, make)
