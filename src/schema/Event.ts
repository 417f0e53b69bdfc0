/**
 * The events of `GET /event` (one directory) and `GET /global/event` (all directories): the
 * server's `Event` union, derived from its OpenAPI document (`src/api/Schemas.ts`), each member
 * named after its `type` by the generator (`src/api/Events.ts`: `session.idle` is
 * {@link SessionIdle}), plus `server.heartbeat`, which the document omits (added by our patch
 * file). Each event is `{ id, type, properties }`; ids (`evt_…`) sort in emission order.
 *
 * An event with a `type` this library does not know decodes to {@link UnknownEvent}
 * `{ type: "unknown", originalType, id, properties, raw }` instead of failing; a known `type` with
 * a wrong shape (or without its `id`) fails. Decode with {@link decodeEvent}, compiled once.
 *
 * `Event` and `ModelRef` (a model reference of the v2 session events: `{ id, providerID,
 * variant? }`) are the generated schemas, re-exported; each member's schema is re-exported from
 * `src/api/Events.ts` with `byType`. Hand-written here: what the document lacks (the `sync`
 * payloads and frames of `/global/event`: {@link SyncEvent}, {@link GlobalPayload},
 * {@link GlobalEvent}), the open union's fallback {@link UnknownEvent}, and the helpers.
 *
 * Gotchas: `/event` has no resume: a reconnect starts from `server.connected`, so missed events
 * must be recovered by re-reading state. `session.idle` is the end marker of a prompt, but a few
 * events still follow it. Find the session of any event with {@link eventSessionID}.
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
import { JsonObject } from "./internal.ts"
import { lazy, lazyFunction } from "../internal/lazy.ts"

export * from "../api/Events.ts"
export { Event, ModelRef } from "../api/Schemas.ts"

/**
 * The `type`s of the events this library knows (the members of the document's union).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * EventSchema.knownEventTypes.has("session.idle") // true
 * ```
 */
export const knownEventTypes: ReadonlySet<string> = new Set(Object.keys(Events.byType))

/**
 * An event with a `type` this library does not know (from a newer server):
 * `{ type: "unknown", originalType, id, properties, raw }`, `raw` being the object as received.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { EventSchema } from "effect-opencode"
 * Schema.decodeUnknownSync(EventSchema.Event)({ id: "evt_1", type: "galaxy.spun", properties: { n: 1 } })
 * // { type: "unknown", originalType: "galaxy.spun", id: "evt_1", properties: { n: 1 }, raw: { … } }
 * ```
 */
export const UnknownEvent = /* @__PURE__ */ lazy(() => unknownEvent([...knownEventTypes]))

/** The decoded type of {@link UnknownEvent}. */
export type UnknownEvent = UnknownEventType

/**
 * The `type` of an event, with `"unknown"` for {@link UnknownEvent}.
 */
export type EventType = Schemas.Event["type"]

/**
 * The event of a given `type`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * type Delta = EventSchema.EventOf<"message.part.delta">
 * ```
 */
export type EventOf<T extends EventType> = Extract<Schemas.Event, { readonly type: T }>

/**
 * Decodes one parsed event (the JSON of an SSE `data:` line) to an `Exit`: compiled once, no
 * Effect runtime needed, for the event stream's hot path.
 *
 * @example
 * ```ts
 * import { Exit } from "effect"
 * import { EventSchema } from "effect-opencode"
 * const exit = EventSchema.decodeEvent(JSON.parse('{"id":"evt_1","type":"server.connected","properties":{}}'))
 * Exit.isSuccess(exit) // true
 * ```
 */
export const decodeEvent = /* @__PURE__ */ lazyFunction(() => Schema.decodeUnknownExit(Schemas.Event))

/**
 * A `sync` payload of `GET /global/event` (not on `/event`): the durable form of a session event,
 * with its `seq`uence number in the session's log (`aggregateID`). `syncEvent.type` is the event
 * type with a version (`"message.updated.1"`) and `syncEvent.data` its properties, kept as
 * received. The same change also arrives as a regular event. (The document does not describe it.)
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const seqOf = (p: EventSchema.GlobalPayload) => (p.type === "sync" ? p.syncEvent.seq : undefined)
 * ```
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

/** The decoded type of {@link SyncEvent}. */
export type SyncEvent = typeof SyncEvent.Type

/**
 * The payload of one `GET /global/event` frame: an event, a {@link SyncEvent}, or an unknown type.
 */
export const GlobalPayload = /* @__PURE__ */ lazy(() =>
  Schema.Union([
    ...Object.values(Events.byType),
    SyncEvent,
    unknownEvent([...knownEventTypes, "sync"])
  ])
)

/** The decoded type of {@link GlobalPayload}. */
export type GlobalPayload = typeof GlobalPayload.Type

/**
 * One frame of `GET /global/event`: the directory (and project, workspace) an event belongs to,
 * and the event itself as `payload`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const where = (e: EventSchema.GlobalEvent) => `${e.directory ?? "?"}: ${e.payload.type}`
 * ```
 */
export const GlobalEvent = /* @__PURE__ */ lazy(() =>
  Schema.Struct({
    directory: Schema.optional(Schema.String),
    project: Schema.optional(Schema.String),
    workspace: Schema.optional(Schema.String),
    payload: GlobalPayload
  })
)

/** The decoded type of {@link GlobalEvent}. */
export type GlobalEvent = typeof GlobalEvent.Type

/**
 * Decodes one parsed `/global/event` frame to an `Exit`, compiled once.
 */
export const decodeGlobalEvent = /* @__PURE__ */ lazyFunction(() => Schema.decodeUnknownExit(GlobalEvent))

const isObject = (u: unknown): u is { readonly [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const sessionIDIn = (u: unknown): SessionID | undefined => (isId("session", u) ? u : undefined)

/**
 * The session an event belongs to, or `undefined` for events of no session (`server.*`,
 * `plugin.added`, `file.edited`, `catalog.updated`, …). Reads `properties.sessionID`, else
 * `properties.part.sessionID` (part events), `properties.info.sessionID` (`message.updated`),
 * `properties.info.id` (`session.created` / `updated` / `deleted`); also for
 * {@link UnknownEvent}s, whose value is checked to be a session id, and for the {@link SyncEvent}s
 * of `/global/event` (`data.sessionID`, else `aggregateID`).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const forSession = (id: string) => (e: EventSchema.Event) => EventSchema.eventSessionID(e) === id
 * ```
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
