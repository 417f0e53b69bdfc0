/**
 * The OpenCode v2 API (every route under `/api/`) as one service whose methods are derived from
 * the generated operation table, grouped by the segments of their operation ids:
 * `v2.session.revert.stage` is `v2.session.revert.stage(input)`.
 *
 * What v2 is: the server's newer, location-scoped API (sessions with durable history and
 * replayable events, models, providers, integrations, permissions, file system, ptys, questions),
 * described beside the v1 routes that the rest of this library uses. Opencode 1.18.33 serves
 * only part of it: reads such as `session.list`, `session.get`, `session.history`,
 * `session.context`, `session.active` and `model.list` answer, while others answer
 * `503 ServiceUnavailableError` ("… is not available yet", e.g. `session.wait`) and
 * `session.events` never answers. docs/api-v2.md lists what each operation answers on the pinned
 * server.
 *
 * Every method is `ApiCall.call` (or `ApiCall.stream` for event streams) bound to this service's
 * transport: same input, same checks before sending, same typed errors. Operations a method
 * cannot serve are absent: `fs.read` (a binary answer) and `pty.connect` (a WebSocket).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import type { RequestError, ValidationError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as SseConnection from "../streams/SseConnection.ts"
import * as ApiCall from "./Call.ts"
import type { Operation } from "./Descriptor.ts"
import { type OperationId, type Operations, operations } from "./OperationTable.ts"

/**
 * The ids of the v2 operations this service serves (the `/api/` routes that answer JSON, nothing,
 * text or an event stream).
 */
export type V2Id = {
  [K in OperationId]: Operations[K]["api"] extends "v2" ? K extends ApiCall.CallableId | ApiCall.StreamId ? K : never
    : never
}[OperationId]

/**
 * One method: a call for JSON/none/text operations, a stream for event-stream operations.
 */
export type Method<K extends OperationId> = K extends ApiCall.StreamId ? (
    ...args: ApiCall.StreamArgs<K>
  ) => Stream.Stream<ApiCall.Success<K> | SseConnection.Reconnected, SseConnection.ConnectionError | ValidationError>
  : K extends ApiCall.CallableId ? (...args: ApiCall.Args<K>) => Effect.Effect<ApiCall.Success<K>, RequestError>
  : never

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P
type Under<P extends string, H extends string> = P extends `${H}.${infer R}` ? R : never

/**
 * The methods of the ids `P` (with the dots after `Prefix`), grouped by their first segment.
 */
export type Tree<Prefix extends string, P extends string> = {
  readonly [H in Head<P>]: H extends P ? `${Prefix}${H}` extends OperationId ? Method<`${Prefix}${H}`> : never
    : Tree<`${Prefix}${H}.`, Under<P, H>>
}

/**
 * The whole v2 surface: `session.list`, `session.get`, `session.revert.stage`, `model.list`, …
 */
export type Service = Tree<"v2.", V2Id extends `v2.${infer R}` ? R : never>

/**
 * The v2 API of one OpenCode server.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { OpencodeV2 } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const v2 = yield* OpencodeV2.V2
 *   const sessions = yield* v2.session.list({ query: { limit: 10 } })
 *   const first = sessions.data[0]
 *   if (first !== undefined) yield* v2.session.history({ path: { sessionID: first.id } })
 * })
 * ```
 */
export class V2 extends Context.Service<V2, Service>()("effect-opencode/OpencodeV2") {}

/**
 * The v2 operations as data: each served id with its method and path (from the table).
 *
 * @example
 * ```ts
 * import { OpencodeV2 } from "effect-opencode"
 * OpencodeV2.v2Operations.map((op) => op.id) // ["v2.health.get", "v2.location.get", …]
 * ```
 */
export const v2Operations: ReadonlyArray<Operation> = Object.values(operations as Readonly<Record<string, Operation>>)
  .filter((op) => op.api === "v2" && op.id.startsWith("v2.") && ["json", "true", "none", "text", "sse"].includes(op.success.kind))

/**
 * Builds the surface for one transport: a loop over the table, each method set at the place its
 * operation id names. Throws when two ids would need the same place (a method and a group of
 * the same name), which the tests check for the pinned table.
 */
export const make = (client: OpencodeClient["Service"]): Service => {
  const call = ApiCall.callWith(client) as (op: Operation, input?: unknown) => unknown
  const stream = ApiCall.streamWith(client) as (op: Operation, input?: unknown) => unknown
  const root: Record<string, unknown> = {}
  for (const op of v2Operations) {
    const segments = op.id.split(".").slice(1)
    let node = root
    for (const segment of segments.slice(0, -1)) {
      const next = node[segment]
      if (typeof next === "function") throw new Error(`OpencodeV2: ${op.id} is under the method ${segment}`)
      if (next === undefined) node[segment] = {}
      node = node[segment] as Record<string, unknown>
    }
    const leaf = segments[segments.length - 1]!
    if (node[leaf] !== undefined) throw new Error(`OpencodeV2: ${op.id} is both a method and a group`)
    node[leaf] = op.success.kind === "sse" ? (input?: unknown) => stream(op, input) : (input?: unknown) => call(op, input)
  }
  return root as Service
}

/**
 * The v2 service over the `OpencodeClient` in context.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { OpencodeClient, OpencodeV2 } from "effect-opencode"
 * const Live = OpencodeV2.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
 * ```
 */
export const layer: Layer.Layer<V2, never, OpencodeClient> = Layer.effect(V2, Effect.map(OpencodeClient, make))
