/**
 * Agents, slash commands and skills available on the server.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { ApiError, type RequestError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as A from "../schema/Agent.ts"

/**
 * Options of the listing calls.
 *
 * @example
 * ```ts
 * import type { AgentService } from "effect-opencode"
 * const options: AgentService.ListOptions = { directory: "/work/repo" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ListOptions {
  readonly directory?: string | undefined
}

/**
 * The agent, command and skill operations.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { AgentService } from "effect-opencode"
 * const names = (agents: AgentService.Service) => Effect.map(agents.list(), (all) => all.map((a) => a.name))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Every agent (built-in and configured, hidden ones included).
   *
   * @example
   * ```ts
   * const primary = (yield* agents.list()).filter((a) => a.mode !== "subagent" && !a.hidden)
   * ```
   */
  readonly list: (options?: ListOptions) => Effect.Effect<ReadonlyArray<A.Agent>, RequestError>
  /**
   * One agent by name; an `ApiError` 404 when there is none.
   *
   * @example
   * ```ts
   * const build = yield* agents.get("build")
   * ```
   */
  readonly get: (name: string, options?: ListOptions) => Effect.Effect<A.Agent, RequestError>
  /**
   * Every slash command (built-in, configured, from MCP servers and skills).
   *
   * @example
   * ```ts
   * const names = (yield* agents.commands()).map((c) => c.name)
   * ```
   */
  readonly commands: (options?: ListOptions) => Effect.Effect<ReadonlyArray<A.Command>, RequestError>
  /**
   * Every skill the model can load.
   *
   * @example
   * ```ts
   * const skills = yield* agents.skills()
   * ```
   */
  readonly skills: (options?: ListOptions) => Effect.Effect<ReadonlyArray<A.Skill>, RequestError>
}

/**
 * The agent service.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { AgentService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const agents = yield* AgentService.AgentService
 *   return (yield* agents.list()).map((a) => a.name)
 * })
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class AgentService extends Context.Service<AgentService, Service>()("effect-opencode/AgentService") {}

/**
 * Builds the service from an {@link OpencodeClient}.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { AgentService } from "effect-opencode"
 * const Live = Layer.effect(AgentService.AgentService, AgentService.make)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
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

/**
 * The agent service over the {@link OpencodeClient} in context.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { AgentService, OpencodeClient } from "effect-opencode"
 *
 * const Live = AgentService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<AgentService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(AgentService, make)
