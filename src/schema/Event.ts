/**
 * The events of `GET /event` (one directory) and `GET /global/event` (all): the server's `Event`
 * union (generated; each member named after its `type`: `session.idle` is {@link SessionIdle}),
 * plus `server.heartbeat`, which the document omits. Each is `{ id, type, properties }`; `evt_…`
 * ids sort in emission order. An unknown `type` decodes to {@link UnknownEvent} instead of
 * failing; a known one with a wrong shape fails. Hand-written here: the `/global/event` frames
 * the document lacks ({@link SyncEvent}, {@link GlobalPayload}, {@link GlobalEvent}), the fallback
 * and the helpers.
 *
 * Gotchas: `/event` has no resume (a reconnect starts at `server.connected`): re-read state for the
 * gap. `session.idle` ends a prompt, but a few events still follow it.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const onEvent = (e: EventSchema.Event) => {
 *   switch (e.type) {
 *     case "message.part.delta": return e.properties.delta
 *     case "session.idle": return `idle ${e.properties.sessionID}`
 *     default: return undefined
 *   }
 * }
 * ```
 */
import * as Schema from "effect/Schema"
import * as Events from "../api/Events.ts"
import * as Schemas from "../api/Schemas.ts"
import { unknownEvent, type UnknownEvent as UnknownEventType } from "../internal/lenient.ts"
import { isId, type SessionID } from "./Ids.ts"
import { isObject, JsonObject } from "./internal.ts"
import { lazy, lazyFunction } from "../internal/lazy.ts"

export * from "../api/Events.ts"
export { Event, ModelRef } from "../api/Schemas.ts"

/** The `type`s of the events this library knows. */
export const knownEventTypes: ReadonlySet<string> = new Set(Object.keys(Events.byType))

/**
 * An event of a `type` this library does not know (a newer server's): `{ type: "unknown",
 * originalType, id, properties, raw }`, `raw` as received.
 */
export const UnknownEvent = /* @__PURE__ */ lazy(() => unknownEvent([...knownEventTypes]))

export type UnknownEvent = UnknownEventType

/** The `type` of an event, `"unknown"` for {@link UnknownEvent}. */
export type EventType = Schemas.Event["type"]

/** The event of a given `type` (`EventOf<"message.part.delta">`). */
export type EventOf<T extends EventType> = Extract<Schemas.Event, { readonly type: T }>

/** Decodes one parsed event to an `Exit`: compiled once, no runtime needed (the stream's hot path). */
export const decodeEvent = /* @__PURE__ */ lazyFunction(() => Schema.decodeUnknownExit(Schemas.Event))

/**
 * A `sync` payload of `/global/event`: the durable form of a session event, with its `seq` in the
 * session's log (`aggregateID`); `syncEvent.type` is versioned (`"message.updated.1"`), `data` kept
 * as received. The same change also arrives as a regular event. Not in the document.
 */
export const SyncEvent = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    id: Schema.optional(Schema.String),
    type: Schema.Literal("sync"),
    syncEvent: Schema.Struct({
      type: Schema.String,
      id: Schema.String,
      seq: Schema.Number,
      aggregateID: Schema.String,
      data: JsonObject
    })
  })
)

export type SyncEvent = typeof SyncEvent.Type

/** The payload of one `/global/event` frame: an event, a {@link SyncEvent}, or an unknown type. */
export const GlobalPayload = /* @__PURE__ */ lazy(() =>
  Schema.Union([
    ...Object.values(Events.byType),
    SyncEvent,
    unknownEvent([...knownEventTypes, "sync"])
  ])
)

export type GlobalPayload = typeof GlobalPayload.Type

/** One `/global/event` frame: the directory (project, workspace) of an event, and the event as `payload`. */
export const GlobalEvent = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    directory: Schema.optional(Schema.String),
    project: Schema.optional(Schema.String),
    workspace: Schema.optional(Schema.String),
    payload: GlobalPayload
  })
)

export type GlobalEvent = typeof GlobalEvent.Type

/** Decodes one parsed `/global/event` frame to an `Exit`, compiled once. */
export const decodeGlobalEvent = /* @__PURE__ */ lazyFunction(() => Schema.decodeUnknownExit(GlobalEvent))

const sessionIDIn = (u: unknown): SessionID | undefined => (isId("session", u) ? u : undefined)

/**
 * The session of an event, `undefined` for none (`server.*`, `plugin.added`, `file.edited`, …):
 * `properties.sessionID`, `.part.sessionID`, `.info.sessionID`, or `.info.id` of `session.*`;
 * checked to be a session id, so also for {@link UnknownEvent}s; for a {@link SyncEvent},
 * `data.sessionID` else `aggregateID`.
 */
export const eventSessionID = (event: Schemas.Event | SyncEvent): SessionID | undefined => {
  if (event.type === "sync") {
    return sessionIDIn(event.syncEvent.data.sessionID) ?? sessionIDIn(event.syncEvent.aggregateID)
  }
  const properties: unknown = event.properties
  if (!isObject(properties)) return undefined
  const direct = sessionIDIn(properties.sessionID)
  if (direct !== undefined) return direct
  if (isObject(properties.part)) {
    const fromPart = sessionIDIn(properties.part.sessionID)
    if (fromPart !== undefined) return fromPart
  }
  if (isObject(properties.info)) {
    const fromMessage = sessionIDIn(properties.info.sessionID)
    if (fromMessage !== undefined) return fromMessage
    const type = event.type === "unknown" ? event.originalType : event.type
    if (type === "session.created" || type === "session.updated" || type === "session.deleted") {
      return sessionIDIn(properties.info.id)
    }
  }
  return undefined
}
