/**
 * Fast decoders for the event stream's hot path, with the results of the `Event` / `GlobalEvent`
 * schemas, a few times faster. Those schemas transform nothing but their "unknown" fallbacks, so
 * an event of a known `type` that already passes its member's compiled guard (`Guard`, the answers
 * of `Schema.is`) is returned as it is; anything else goes through the full decoder. Difference:
 * keys the schema does not know stay on values returned as they are (the full decoder drops them).
 *
 * @example
 * ```ts
 * import { Decode } from "effect-opencode"
 *
 * const decode = Decode.makeEventDecoder()
 * decode(JSON.parse('{"type":"session.idle","properties":{"sessionID":"ses_1"}}'))?.type // "session.idle"
 * decode({ type: "session.idle", properties: {} }) // undefined: malformed
 * ```
 */
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as EventSchema from "../schema/Event.ts"
import { compileGuard } from "./Guard.ts"

/** A decoder of one parsed `/event` payload: the `Event`, or `undefined` when malformed. Never throws. */
export const makeEventDecoder = (): (json: unknown) => EventSchema.Event | undefined => {
  // One guard per `type`: a value of a known type can only be that member.
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

/** A decoder of one parsed `/global/event` frame: the `GlobalEvent`, or `undefined`. Never throws. */
export const makeGlobalEventDecoder = (): (json: unknown) => EventSchema.GlobalEvent | undefined => {
  const is = compileGuard(EventSchema.GlobalEvent)
  const decode = Schema.decodeUnknownExit(EventSchema.GlobalEvent)
  return (json) => {
    if (is(json)) return json
    const exit = decode(json)
    return Exit.isSuccess(exit) ? exit.value : undefined
  }
}
