/**
 * The OpenCode v2 API (the routes under `/api/`) as one service, its methods derived from the
 * generated table and grouped by operation id segments (`v2.session.revert.stage` is
 * `v2.session.revert.stage(input)`); each is `ApiCall.call` (or `ApiCall.stream`) bound to the
 * service's transport. `fs.read` (binary) and `pty.connect` (WebSocket) are absent: use `ApiCall`.
 *
 * Gotcha: opencode 1.18.33 serves only part of v2: reads such as `session.list`, `session.get`,
 * `session.history`, `model.list` answer, others answer `503 ServiceUnavailableError`, and
 * `session.events` never answers. docs/api-v2.md lists each operation's answer on that server.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, OpencodeV2 } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const v2 = yield* OpencodeV2.V2
 *   const sessions = yield* v2.session.list({ query: { limit: 10 } })
 *   const first = sessions.data[0]
 *   if (first !== undefined) yield* v2.session.history({ path: { sessionID: first.id } })
 * }).pipe(Effect.provide(OpencodeV2.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
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

/** The ids of the v2 operations this service serves (JSON, none, text or event stream). */
export type V2Id = {
  [K in OperationId]: Operations[K]["api"] extends "v2" ? K extends ApiCall.CallableId | ApiCall.StreamId ? K : never
    : never
}[OperationId]

/** One method: a call, or a stream for event-stream operations. */
export type Method<K extends OperationId> = K extends ApiCall.StreamId ? (
    ...args: ApiCall.StreamArgs<K>
  ) => Stream.Stream<ApiCall.Success<K> | SseConnection.Reconnected, SseConnection.ConnectionError | ValidationError>
  : K extends ApiCall.CallableId ? (...args: ApiCall.Args<K>) => Effect.Effect<ApiCall.Success<K>, RequestError>
  : never

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P
type Under<P extends string, H extends string> = P extends `${H}.${infer R}` ? R : never

/** The methods of the ids `P` (the dots after `Prefix`), grouped by their first segment. */
export type Tree<Prefix extends string, P extends string> = {
  readonly [H in Head<P>]: H extends P ? `${Prefix}${H}` extends OperationId ? Method<`${Prefix}${H}`> : never
    : Tree<`${Prefix}${H}.`, Under<P, H>>
}

/** The whole v2 surface: `session.list`, `session.revert.stage`, `model.list`, … */
export type Service = Tree<"v2.", V2Id extends `v2.${infer R}` ? R : never>

/** The v2 API of one OpenCode server. */
export class V2 extends Context.Service<V2, Service>()("effect-opencode/OpencodeV2") {}

/** The served v2 operations as data: id, method and path of each. */
export const v2Operations: ReadonlyArray<Operation> = Object.values(operations as Readonly<Record<string, Operation>>)
  .filter((op) => op.api === "v2" && op.id.startsWith("v2.") && ["json", "true", "none", "text", "sse"].includes(op.success.kind))

/** Builds the surface for one transport; throws when two ids need one place (a method and a group of one name): the tests check the pinned table. */
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

/** The v2 service over the `OpencodeClient` in context. */
export const layer: Layer.Layer<V2, never, OpencodeClient> = Layer.effect(V2, Effect.map(OpencodeClient, make))
