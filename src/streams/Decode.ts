/**
 * Fast decoders for the event stream's hot path: the same results as decoding with the
 * `Event` / `GlobalEvent` schemas, a few times faster.
 *
 * The schemas transform nothing but their "unknown" fallbacks (of events, parts, messages and
 * errors): every other value decodes to itself. So a parsed event whose `type` is known and that
 * already satisfies that member's decoded type — checked with a guard compiled from the schema
 * (`Guard.compileGuard`, the answers of `Schema.is`: every field, literal and id pattern) — is
 * returned as it is, and everything else (unknown kinds, malformed payloads) goes through the full
 * decoder. One difference: keys the schema does not know are kept on the values returned as they
 * are (the full decoder drops them).
 */
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as EventSchema from "../schema/Event.ts"
import { compileGuard } from "./Guard.ts"

/**
 * A decoder of one parsed `/event` payload: the decoded `Event`, or `undefined` when it does not
 * match the schema (malformed). Never throws.
 *
 * @example
 * ```ts
 * import { Decode } from "effect-opencode"
 * const decode = Decode.makeEventDecoder()
 * decode(JSON.parse('{"type":"session.idle","properties":{"sessionID":"ses_1"}}'))?.type // "session.idle"
 * decode({ type: "session.idle", properties: {} }) // undefined
 * ```
 */
export const makeEventDecoder = (): (json: unknown) => EventSchema.Event | undefined => {
  // One guard per event `type`: a value of a known type can only be that member, so checking it
  // alone is the union's answer, without the union's dispatch.
  const guards = new Map<string, (u: unknown) => boolean>()
  for (const member of EventSchema.Event.members) {
    const type = (member as { readonly fields?: { readonly type?: { readonly literal?: unknown } } }).fields?.type?.literal
    if (typeof type !== "string") continue
    guards.set(type, compileGuard(member as Schema.Top))
  }
  const decode = Schema.decodeUnknownExit(EventSchema.Event)
  return (json) => {
    const type = typeof json === "object" && json !== null ? (json as { readonly type?: unknown }).type : undefined
    const guard = typeof type === "string" ? guards.get(type) : undefined
    if (guard !== undefined && guard(json)) return json as EventSchema.Event
    const exit = decode(json)
    return Exit.isSuccess(exit) ? exit.value : undefined
  }
}

/**
 * A decoder of one parsed `/global/event` frame: the decoded `GlobalEvent`, or `undefined`.
 *
 * @example
 * ```ts
 * import { Decode } from "effect-opencode"
 * const decode = Decode.makeGlobalEventDecoder()
 * decode({ directory: "/p", payload: { type: "server.connected", properties: {} } })?.directory // "/p"
 * ```
 */
export const makeGlobalEventDecoder = (): (json: unknown) => EventSchema.GlobalEvent | undefined => {
  const is = compileGuard(EventSchema.GlobalEvent)
  const decode = Schema.decodeUnknownExit(EventSchema.GlobalEvent)
  return (json) => {
    if (is(json)) return json
    const exit = decode(json)
    return Exit.isSuccess(exit) ? exit.value : undefined
  }
}
