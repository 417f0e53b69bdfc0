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
import * as Events from "../api/Events.ts"
import * as EventSchema from "../schema/Event.ts"
import { compileGuard } from "./Guard.ts"

/**
 * A decoder of one parsed `/event` payload: the `Event`, or `undefined` when malformed. Never throws.
 * Neither the members nor their guards are built when the decoder is made: a member's guard is
 * compiled at the first event of its `type` (a stream sees a few of the ~90 types, and building
 * them all kept ~1.5 MiB in memory from the start).
 */
export const makeEventDecoder = (): (json: unknown) => EventSchema.Event | undefined => {
  // A value of a known `type` can only be that member: its guard, compiled at first need.
  const members: Readonly<Record<string, Schema.Top>> = Events.byType
  const guards = new Map<string, (u: unknown) => boolean>()
  const guardOf = (type: string): ((u: unknown) => boolean) | undefined => {
    if (!Object.hasOwn(members, type)) return undefined
    const guard = compileGuard(members[type]!)
    guards.set(type, guard)
    return guard
  }
  const decode = EventSchema.decodeEvent
  return (json) => {
    const type = typeof json === "object" && json !== null ? (json as { readonly type?: unknown }).type : undefined
    const guard = typeof type === "string" ? guards.get(type) ?? guardOf(type) : undefined
    if (guard !== undefined && guard(json)) return json as EventSchema.Event
    const exit = decode(json)
    return Exit.isSuccess(exit) ? exit.value : undefined
  }
}

/**
 * A decoder of one parsed `/global/event` frame: the `GlobalEvent`, or `undefined`. Never throws.
 * Its guard (every event type's) is compiled at the first frame, not when the decoder is made.
 */
export const makeGlobalEventDecoder = (): (json: unknown) => EventSchema.GlobalEvent | undefined => {
  let is: ((u: unknown) => u is EventSchema.GlobalEvent) | undefined
  const decode = EventSchema.decodeGlobalEvent
  return (json) => {
    if ((is ??= compileGuard(EventSchema.GlobalEvent))(json)) return json
    const exit = decode(json)
    return Exit.isSuccess(exit) ? exit.value : undefined
  }
}
