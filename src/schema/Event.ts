/**
 * The events of `GET /event` (one directory) and `GET /global/event` (all directories): every
 * event of the server's `Event` schema, plus `server.heartbeat`, as a union discriminated by
 * `type`. Each event is `{ id?, type, properties }` (the real server sends `id: "evt_…"`, ids sort
 * in emission order).
 *
 * An event with a `type` this library does not know decodes to {@link UnknownEvent}
 * `{ type: "unknown", originalType, properties, raw }` instead of failing. Decode with
 * {@link decodeEvent}, compiled once.
 *
 * @since 0.1.0
 */
import { Schema, SchemaTransformation } from "effect"
import { isId, MessageID, PartID, PermissionID, QuestionID, SessionID } from "./Ids.ts"
import { JsonObject, literalsOf, unrecognised } from "./internal.ts"
import * as MessageSchema from "./Message.ts"
import * as PartSchema from "./Part.ts"
import * as Permission from "./Permission.ts"
import * as Question from "./Question.ts"
import * as ServerError from "./ServerError.ts"
import * as SessionSchema from "./Session.ts"

/**
 * A model reference of the v2 session events: `{ id, providerID, variant? }`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const model: EventSchema.ModelRef = { id: "claude-sonnet-4", providerID: "anthropic" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelRef = Schema.Struct({
  id: Schema.String,
  providerID: Schema.String,
  variant: Schema.optional(Schema.String)
})

/**
 * The decoded type of {@link ModelRef}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelRef = typeof ModelRef.Type

/**
 * The server's `models-dev.refreshed` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isModelsDevRefreshed = (e: EventSchema.Event): e is EventSchema.ModelsDevRefreshed => e.type === "models-dev.refreshed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ModelsDevRefreshed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("models-dev.refreshed"),
  properties: JsonObject
})

/**
 * The decoded type of {@link ModelsDevRefreshed}.
 *
 * @since 0.1.0
 * @category events
 */
export type ModelsDevRefreshed = typeof ModelsDevRefreshed.Type

/**
 * The server's `integration.updated` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isIntegrationUpdated = (e: EventSchema.Event): e is EventSchema.IntegrationUpdated => e.type === "integration.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const IntegrationUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("integration.updated"),
  properties: JsonObject
})

/**
 * The decoded type of {@link IntegrationUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type IntegrationUpdated = typeof IntegrationUpdated.Type

/**
 * The server's `integration.connection.updated` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isIntegrationConnectionUpdated = (e: EventSchema.Event): e is EventSchema.IntegrationConnectionUpdated => e.type === "integration.connection.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const IntegrationConnectionUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("integration.connection.updated"),
  properties: Schema.Struct({
    integrationID: Schema.String
  })
})

/**
 * The decoded type of {@link IntegrationConnectionUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type IntegrationConnectionUpdated = typeof IntegrationConnectionUpdated.Type

/**
 * The model catalogue changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isCatalogUpdated = (e: EventSchema.Event): e is EventSchema.CatalogUpdated => e.type === "catalog.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const CatalogUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("catalog.updated"),
  properties: JsonObject
})

/**
 * The decoded type of {@link CatalogUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type CatalogUpdated = typeof CatalogUpdated.Type

/**
 * A session was created (`properties.info` is the new `Session`).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionCreated = (e: EventSchema.Event): e is EventSchema.SessionCreated => e.type === "session.created"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionCreated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.created"),
  properties: Schema.Struct({
    sessionID: SessionID,
    info: SessionSchema.Session
  })
})

/**
 * The decoded type of {@link SessionCreated}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionCreated = typeof SessionCreated.Type

/**
 * A session changed (title, summary, revert, time…); `properties.info` is the whole `Session`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionUpdated = (e: EventSchema.Event): e is EventSchema.SessionUpdated => e.type === "session.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.updated"),
  properties: Schema.Struct({
    sessionID: SessionID,
    info: SessionSchema.Session
  })
})

/**
 * The decoded type of {@link SessionUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionUpdated = typeof SessionUpdated.Type

/**
 * A session was deleted; `properties.info` is its last state.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionDeleted = (e: EventSchema.Event): e is EventSchema.SessionDeleted => e.type === "session.deleted"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionDeleted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.deleted"),
  properties: Schema.Struct({
    sessionID: SessionID,
    info: SessionSchema.Session
  })
})

/**
 * The decoded type of {@link SessionDeleted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionDeleted = typeof SessionDeleted.Type

/**
 * A message was created or changed; `properties.info` is the whole message (user or assistant).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMessageUpdated = (e: EventSchema.Event): e is EventSchema.MessageUpdated => e.type === "message.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const MessageUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("message.updated"),
  properties: Schema.Struct({
    sessionID: SessionID,
    info: MessageSchema.Message
  })
})

/**
 * The decoded type of {@link MessageUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type MessageUpdated = typeof MessageUpdated.Type

/**
 * A message was removed (after a revert became permanent).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMessageRemoved = (e: EventSchema.Event): e is EventSchema.MessageRemoved => e.type === "message.removed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const MessageRemoved = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("message.removed"),
  properties: Schema.Struct({
    sessionID: SessionID,
    messageID: MessageID
  })
})

/**
 * The decoded type of {@link MessageRemoved}.
 *
 * @since 0.1.0
 * @category events
 */
export type MessageRemoved = typeof MessageRemoved.Type

/**
 * A part was created or changed; `properties.part` is the whole part (a tool part is sent at each state).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMessagePartUpdated = (e: EventSchema.Event): e is EventSchema.MessagePartUpdated => e.type === "message.part.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const MessagePartUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("message.part.updated"),
  properties: Schema.Struct({
    sessionID: SessionID,
    part: PartSchema.Part,
    time: Schema.Number
  })
})

/**
 * The decoded type of {@link MessagePartUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type MessagePartUpdated = typeof MessagePartUpdated.Type

/**
 * A part was removed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMessagePartRemoved = (e: EventSchema.Event): e is EventSchema.MessagePartRemoved => e.type === "message.part.removed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const MessagePartRemoved = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("message.part.removed"),
  properties: Schema.Struct({
    sessionID: SessionID,
    messageID: MessageID,
    partID: PartID
  })
})

/**
 * The decoded type of {@link MessagePartRemoved}.
 *
 * @since 0.1.0
 * @category events
 */
export type MessagePartRemoved = typeof MessagePartRemoved.Type

/**
 * (v2 session runner) `session.next.agent.switched`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextAgentSwitched = (e: EventSchema.Event): e is EventSchema.SessionNextAgentSwitched => e.type === "session.next.agent.switched"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextAgentSwitched = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.agent.switched"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    agent: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextAgentSwitched}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextAgentSwitched = typeof SessionNextAgentSwitched.Type

/**
 * (v2 session runner) `session.next.model.switched`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextModelSwitched = (e: EventSchema.Event): e is EventSchema.SessionNextModelSwitched => e.type === "session.next.model.switched"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextModelSwitched = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.model.switched"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    model: ModelRef
  })
})

/**
 * The decoded type of {@link SessionNextModelSwitched}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextModelSwitched = typeof SessionNextModelSwitched.Type

/**
 * (v2 session runner) `session.next.moved`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextMoved = (e: EventSchema.Event): e is EventSchema.SessionNextMoved => e.type === "session.next.moved"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextMoved = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.moved"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    location: JsonObject,
    subdirectory: Schema.optional(Schema.String)
  })
})

/**
 * The decoded type of {@link SessionNextMoved}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextMoved = typeof SessionNextMoved.Type

/**
 * (v2 session runner) `session.next.prompted`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextPrompted = (e: EventSchema.Event): e is EventSchema.SessionNextPrompted => e.type === "session.next.prompted"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextPrompted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.prompted"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    prompt: JsonObject,
    delivery: Schema.Literals(["steer", "queue"])
  })
})

/**
 * The decoded type of {@link SessionNextPrompted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextPrompted = typeof SessionNextPrompted.Type

/**
 * (v2 session runner) `session.next.prompt.admitted`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextPromptAdmitted = (e: EventSchema.Event): e is EventSchema.SessionNextPromptAdmitted => e.type === "session.next.prompt.admitted"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextPromptAdmitted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.prompt.admitted"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    prompt: JsonObject,
    delivery: Schema.Literals(["steer", "queue"])
  })
})

/**
 * The decoded type of {@link SessionNextPromptAdmitted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextPromptAdmitted = typeof SessionNextPromptAdmitted.Type

/**
 * (v2 session runner) `session.next.context.updated`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextContextUpdated = (e: EventSchema.Event): e is EventSchema.SessionNextContextUpdated => e.type === "session.next.context.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextContextUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.context.updated"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    text: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextContextUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextContextUpdated = typeof SessionNextContextUpdated.Type

/**
 * (v2 session runner) `session.next.synthetic`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextSynthetic = (e: EventSchema.Event): e is EventSchema.SessionNextSynthetic => e.type === "session.next.synthetic"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextSynthetic = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.synthetic"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    text: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextSynthetic}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextSynthetic = typeof SessionNextSynthetic.Type

/**
 * (v2 session runner) `session.next.shell.started`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextShellStarted = (e: EventSchema.Event): e is EventSchema.SessionNextShellStarted => e.type === "session.next.shell.started"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextShellStarted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.shell.started"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    callID: Schema.String,
    command: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextShellStarted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextShellStarted = typeof SessionNextShellStarted.Type

/**
 * (v2 session runner) `session.next.shell.ended`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextShellEnded = (e: EventSchema.Event): e is EventSchema.SessionNextShellEnded => e.type === "session.next.shell.ended"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextShellEnded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.shell.ended"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    callID: Schema.String,
    output: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextShellEnded}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextShellEnded = typeof SessionNextShellEnded.Type

/**
 * (v2 session runner) `session.next.step.started`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextStepStarted = (e: EventSchema.Event): e is EventSchema.SessionNextStepStarted => e.type === "session.next.step.started"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextStepStarted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.step.started"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    agent: Schema.String,
    model: ModelRef,
    snapshot: Schema.optional(Schema.String)
  })
})

/**
 * The decoded type of {@link SessionNextStepStarted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextStepStarted = typeof SessionNextStepStarted.Type

/**
 * (v2 session runner) `session.next.step.ended`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextStepEnded = (e: EventSchema.Event): e is EventSchema.SessionNextStepEnded => e.type === "session.next.step.ended"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextStepEnded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.step.ended"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    finish: Schema.String,
    cost: Schema.Number,
    tokens: Schema.Struct({
      input: Schema.Number,
      output: Schema.Number,
      reasoning: Schema.Number,
      cache: Schema.Struct({
        read: Schema.Number,
        write: Schema.Number
      })
    }),
    snapshot: Schema.optional(Schema.String),
    files: Schema.optional(Schema.Array(Schema.String))
  })
})

/**
 * The decoded type of {@link SessionNextStepEnded}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextStepEnded = typeof SessionNextStepEnded.Type

/**
 * (v2 session runner) `session.next.step.failed`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextStepFailed = (e: EventSchema.Event): e is EventSchema.SessionNextStepFailed => e.type === "session.next.step.failed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextStepFailed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.step.failed"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    error: JsonObject
  })
})

/**
 * The decoded type of {@link SessionNextStepFailed}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextStepFailed = typeof SessionNextStepFailed.Type

/**
 * (v2 session runner) `session.next.text.started`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextTextStarted = (e: EventSchema.Event): e is EventSchema.SessionNextTextStarted => e.type === "session.next.text.started"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextTextStarted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.text.started"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    textID: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextTextStarted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextTextStarted = typeof SessionNextTextStarted.Type

/**
 * (v2 session runner) `session.next.text.delta`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextTextDelta = (e: EventSchema.Event): e is EventSchema.SessionNextTextDelta => e.type === "session.next.text.delta"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextTextDelta = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.text.delta"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    textID: Schema.String,
    delta: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextTextDelta}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextTextDelta = typeof SessionNextTextDelta.Type

/**
 * (v2 session runner) `session.next.text.ended`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextTextEnded = (e: EventSchema.Event): e is EventSchema.SessionNextTextEnded => e.type === "session.next.text.ended"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextTextEnded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.text.ended"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    textID: Schema.String,
    text: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextTextEnded}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextTextEnded = typeof SessionNextTextEnded.Type

/**
 * (v2 session runner) `session.next.reasoning.started`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextReasoningStarted = (e: EventSchema.Event): e is EventSchema.SessionNextReasoningStarted => e.type === "session.next.reasoning.started"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextReasoningStarted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.reasoning.started"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    reasoningID: Schema.String,
    providerMetadata: Schema.optional(JsonObject)
  })
})

/**
 * The decoded type of {@link SessionNextReasoningStarted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextReasoningStarted = typeof SessionNextReasoningStarted.Type

/**
 * (v2 session runner) `session.next.reasoning.delta`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextReasoningDelta = (e: EventSchema.Event): e is EventSchema.SessionNextReasoningDelta => e.type === "session.next.reasoning.delta"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextReasoningDelta = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.reasoning.delta"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    reasoningID: Schema.String,
    delta: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextReasoningDelta}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextReasoningDelta = typeof SessionNextReasoningDelta.Type

/**
 * (v2 session runner) `session.next.reasoning.ended`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextReasoningEnded = (e: EventSchema.Event): e is EventSchema.SessionNextReasoningEnded => e.type === "session.next.reasoning.ended"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextReasoningEnded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.reasoning.ended"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    reasoningID: Schema.String,
    text: Schema.String,
    providerMetadata: Schema.optional(JsonObject)
  })
})

/**
 * The decoded type of {@link SessionNextReasoningEnded}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextReasoningEnded = typeof SessionNextReasoningEnded.Type

/**
 * (v2 session runner) `session.next.tool.input.started`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolInputStarted = (e: EventSchema.Event): e is EventSchema.SessionNextToolInputStarted => e.type === "session.next.tool.input.started"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolInputStarted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.input.started"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    name: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextToolInputStarted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolInputStarted = typeof SessionNextToolInputStarted.Type

/**
 * (v2 session runner) `session.next.tool.input.delta`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolInputDelta = (e: EventSchema.Event): e is EventSchema.SessionNextToolInputDelta => e.type === "session.next.tool.input.delta"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolInputDelta = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.input.delta"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    delta: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextToolInputDelta}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolInputDelta = typeof SessionNextToolInputDelta.Type

/**
 * (v2 session runner) `session.next.tool.input.ended`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolInputEnded = (e: EventSchema.Event): e is EventSchema.SessionNextToolInputEnded => e.type === "session.next.tool.input.ended"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolInputEnded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.input.ended"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    text: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextToolInputEnded}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolInputEnded = typeof SessionNextToolInputEnded.Type

/**
 * (v2 session runner) `session.next.tool.called`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolCalled = (e: EventSchema.Event): e is EventSchema.SessionNextToolCalled => e.type === "session.next.tool.called"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolCalled = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.called"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    tool: Schema.String,
    input: JsonObject,
    provider: Schema.Struct({
      executed: Schema.Boolean,
      metadata: Schema.optional(JsonObject)
    })
  })
})

/**
 * The decoded type of {@link SessionNextToolCalled}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolCalled = typeof SessionNextToolCalled.Type

/**
 * (v2 session runner) `session.next.tool.progress`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolProgress = (e: EventSchema.Event): e is EventSchema.SessionNextToolProgress => e.type === "session.next.tool.progress"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolProgress = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.progress"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    structured: JsonObject,
    content: Schema.Array(JsonObject)
  })
})

/**
 * The decoded type of {@link SessionNextToolProgress}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolProgress = typeof SessionNextToolProgress.Type

/**
 * (v2 session runner) `session.next.tool.success`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolSuccess = (e: EventSchema.Event): e is EventSchema.SessionNextToolSuccess => e.type === "session.next.tool.success"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolSuccess = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.success"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    structured: JsonObject,
    content: Schema.Array(JsonObject),
    outputPaths: Schema.optional(Schema.Array(Schema.String)),
    result: Schema.optional(Schema.Unknown),
    provider: Schema.Struct({
      executed: Schema.Boolean,
      metadata: Schema.optional(JsonObject)
    })
  })
})

/**
 * The decoded type of {@link SessionNextToolSuccess}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolSuccess = typeof SessionNextToolSuccess.Type

/**
 * (v2 session runner) `session.next.tool.failed`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextToolFailed = (e: EventSchema.Event): e is EventSchema.SessionNextToolFailed => e.type === "session.next.tool.failed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextToolFailed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.tool.failed"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    assistantMessageID: MessageID,
    callID: Schema.String,
    error: JsonObject,
    result: Schema.optional(Schema.Unknown),
    provider: Schema.Struct({
      executed: Schema.Boolean,
      metadata: Schema.optional(JsonObject)
    })
  })
})

/**
 * The decoded type of {@link SessionNextToolFailed}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextToolFailed = typeof SessionNextToolFailed.Type

/**
 * (v2 session runner) `session.next.retried`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextRetried = (e: EventSchema.Event): e is EventSchema.SessionNextRetried => e.type === "session.next.retried"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextRetried = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.retried"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    attempt: Schema.Number,
    error: JsonObject
  })
})

/**
 * The decoded type of {@link SessionNextRetried}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextRetried = typeof SessionNextRetried.Type

/**
 * (v2 session runner) `session.next.compaction.started`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextCompactionStarted = (e: EventSchema.Event): e is EventSchema.SessionNextCompactionStarted => e.type === "session.next.compaction.started"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextCompactionStarted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.compaction.started"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    reason: Schema.Literals(["auto", "manual"])
  })
})

/**
 * The decoded type of {@link SessionNextCompactionStarted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextCompactionStarted = typeof SessionNextCompactionStarted.Type

/**
 * (v2 session runner) `session.next.compaction.delta`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextCompactionDelta = (e: EventSchema.Event): e is EventSchema.SessionNextCompactionDelta => e.type === "session.next.compaction.delta"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextCompactionDelta = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.compaction.delta"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    text: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextCompactionDelta}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextCompactionDelta = typeof SessionNextCompactionDelta.Type

/**
 * (v2 session runner) `session.next.compaction.ended`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextCompactionEnded = (e: EventSchema.Event): e is EventSchema.SessionNextCompactionEnded => e.type === "session.next.compaction.ended"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextCompactionEnded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.compaction.ended"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID,
    reason: Schema.Literals(["auto", "manual"]),
    text: Schema.String,
    recent: Schema.String
  })
})

/**
 * The decoded type of {@link SessionNextCompactionEnded}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextCompactionEnded = typeof SessionNextCompactionEnded.Type

/**
 * (v2 session runner) `session.next.revert.staged`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextRevertStaged = (e: EventSchema.Event): e is EventSchema.SessionNextRevertStaged => e.type === "session.next.revert.staged"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextRevertStaged = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.revert.staged"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    revert: JsonObject
  })
})

/**
 * The decoded type of {@link SessionNextRevertStaged}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextRevertStaged = typeof SessionNextRevertStaged.Type

/**
 * (v2 session runner) `session.next.revert.cleared`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextRevertCleared = (e: EventSchema.Event): e is EventSchema.SessionNextRevertCleared => e.type === "session.next.revert.cleared"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextRevertCleared = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.revert.cleared"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID
  })
})

/**
 * The decoded type of {@link SessionNextRevertCleared}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextRevertCleared = typeof SessionNextRevertCleared.Type

/**
 * (v2 session runner) `session.next.revert.committed`: listed by the document, not sent by 1.18.33's v1 stream as observed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionNextRevertCommitted = (e: EventSchema.Event): e is EventSchema.SessionNextRevertCommitted => e.type === "session.next.revert.committed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionNextRevertCommitted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.next.revert.committed"),
  properties: Schema.Struct({
    timestamp: Schema.Number,
    sessionID: SessionID,
    messageID: MessageID
  })
})

/**
 * The decoded type of {@link SessionNextRevertCommitted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionNextRevertCommitted = typeof SessionNextRevertCommitted.Type

/**
 * Streaming: `delta` is appended to the `field` (`"text"`) of part `partID`. The full part follows in `message.part.updated`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMessagePartDelta = (e: EventSchema.Event): e is EventSchema.MessagePartDelta => e.type === "message.part.delta"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const MessagePartDelta = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("message.part.delta"),
  properties: Schema.Struct({
    sessionID: SessionID,
    messageID: MessageID,
    partID: PartID,
    field: Schema.String,
    delta: Schema.String
  })
})

/**
 * The decoded type of {@link MessagePartDelta}.
 *
 * @since 0.1.0
 * @category events
 */
export type MessagePartDelta = typeof MessagePartDelta.Type

/**
 * The file changes of a session. The real server mostly sends `diff: []` (once non-empty, after a
 * write); the reliable source is the user messages' `summary.diffs`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionDiff = (e: EventSchema.Event): e is EventSchema.SessionDiff => e.type === "session.diff"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionDiff = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.diff"),
  properties: Schema.Struct({
    sessionID: SessionID,
    diff: Schema.Array(SessionSchema.FileDiff)
  })
})

/**
 * The decoded type of {@link SessionDiff}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionDiff = typeof SessionDiff.Type

/**
 * A session failed (model error, abort: `MessageAbortedError`, …). `sessionID` and `error` are optional.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionError = (e: EventSchema.Event): e is EventSchema.SessionError => e.type === "session.error"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionError = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.error"),
  properties: Schema.Struct({
    sessionID: Schema.optional(SessionID),
    error: Schema.optional(ServerError.MessageError)
  })
})

/**
 * The decoded type of {@link SessionError}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionError = typeof SessionError.Type

/**
 * opencode was updated.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isInstallationUpdated = (e: EventSchema.Event): e is EventSchema.InstallationUpdated => e.type === "installation.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const InstallationUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("installation.updated"),
  properties: Schema.Struct({
    version: Schema.String
  })
})

/**
 * The decoded type of {@link InstallationUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type InstallationUpdated = typeof InstallationUpdated.Type

/**
 * A newer opencode is available.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isInstallationUpdateAvailable = (e: EventSchema.Event): e is EventSchema.InstallationUpdateAvailable => e.type === "installation.update-available"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const InstallationUpdateAvailable = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("installation.update-available"),
  properties: Schema.Struct({
    version: Schema.String
  })
})

/**
 * The decoded type of {@link InstallationUpdateAvailable}.
 *
 * @since 0.1.0
 * @category events
 */
export type InstallationUpdateAvailable = typeof InstallationUpdateAvailable.Type

/**
 * A file was edited by a tool (no session id).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isFileEdited = (e: EventSchema.Event): e is EventSchema.FileEdited => e.type === "file.edited"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const FileEdited = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("file.edited"),
  properties: Schema.Struct({
    file: Schema.String
  })
})

/**
 * The decoded type of {@link FileEdited}.
 *
 * @since 0.1.0
 * @category events
 */
export type FileEdited = typeof FileEdited.Type

/**
 * The server's `reference.updated` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isReferenceUpdated = (e: EventSchema.Event): e is EventSchema.ReferenceUpdated => e.type === "reference.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ReferenceUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("reference.updated"),
  properties: JsonObject
})

/**
 * The decoded type of {@link ReferenceUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type ReferenceUpdated = typeof ReferenceUpdated.Type

/**
 * The server's `permission.v2.asked` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPermissionV2Asked = (e: EventSchema.Event): e is EventSchema.PermissionV2Asked => e.type === "permission.v2.asked"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PermissionV2Asked = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("permission.v2.asked"),
  properties: Schema.Struct({
    id: PermissionID,
    sessionID: SessionID,
    action: Schema.String,
    resources: Schema.Array(Schema.String),
    save: Schema.optional(Schema.Array(Schema.String)),
    metadata: Schema.optional(JsonObject),
    source: Schema.optional(JsonObject)
  })
})

/**
 * The decoded type of {@link PermissionV2Asked}.
 *
 * @since 0.1.0
 * @category events
 */
export type PermissionV2Asked = typeof PermissionV2Asked.Type

/**
 * The server's `permission.v2.replied` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPermissionV2Replied = (e: EventSchema.Event): e is EventSchema.PermissionV2Replied => e.type === "permission.v2.replied"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PermissionV2Replied = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("permission.v2.replied"),
  properties: Schema.Struct({
    sessionID: SessionID,
    requestID: PermissionID,
    reply: Permission.PermissionReply
  })
})

/**
 * The decoded type of {@link PermissionV2Replied}.
 *
 * @since 0.1.0
 * @category events
 */
export type PermissionV2Replied = typeof PermissionV2Replied.Type

/**
 * A plugin was loaded (about 45 of them around the first prompt; no session id).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPluginAdded = (e: EventSchema.Event): e is EventSchema.PluginAdded => e.type === "plugin.added"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PluginAdded = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("plugin.added"),
  properties: Schema.Struct({
    id: Schema.String
  })
})

/**
 * The decoded type of {@link PluginAdded}.
 *
 * @since 0.1.0
 * @category events
 */
export type PluginAdded = typeof PluginAdded.Type

/**
 * The server's `project.directories.updated` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isProjectDirectoriesUpdated = (e: EventSchema.Event): e is EventSchema.ProjectDirectoriesUpdated => e.type === "project.directories.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ProjectDirectoriesUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("project.directories.updated"),
  properties: Schema.Struct({
    projectID: Schema.String
  })
})

/**
 * The decoded type of {@link ProjectDirectoriesUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type ProjectDirectoriesUpdated = typeof ProjectDirectoriesUpdated.Type

/**
 * The file watcher saw a change (no session id).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isFileWatcherUpdated = (e: EventSchema.Event): e is EventSchema.FileWatcherUpdated => e.type === "file.watcher.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const FileWatcherUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("file.watcher.updated"),
  properties: Schema.Struct({
    file: Schema.String,
    event: Schema.Literals(["add", "change", "unlink"])
  })
})

/**
 * The decoded type of {@link FileWatcherUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type FileWatcherUpdated = typeof FileWatcherUpdated.Type

/**
 * A pseudo-terminal was created.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPtyCreated = (e: EventSchema.Event): e is EventSchema.PtyCreated => e.type === "pty.created"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PtyCreated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("pty.created"),
  properties: Schema.Struct({
    info: JsonObject
  })
})

/**
 * The decoded type of {@link PtyCreated}.
 *
 * @since 0.1.0
 * @category events
 */
export type PtyCreated = typeof PtyCreated.Type

/**
 * A pseudo-terminal changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPtyUpdated = (e: EventSchema.Event): e is EventSchema.PtyUpdated => e.type === "pty.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PtyUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("pty.updated"),
  properties: Schema.Struct({
    info: JsonObject
  })
})

/**
 * The decoded type of {@link PtyUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type PtyUpdated = typeof PtyUpdated.Type

/**
 * A pseudo-terminal's process exited.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPtyExited = (e: EventSchema.Event): e is EventSchema.PtyExited => e.type === "pty.exited"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PtyExited = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("pty.exited"),
  properties: Schema.Struct({
    id: Schema.String,
    exitCode: Schema.Number
  })
})

/**
 * The decoded type of {@link PtyExited}.
 *
 * @since 0.1.0
 * @category events
 */
export type PtyExited = typeof PtyExited.Type

/**
 * A pseudo-terminal was deleted.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPtyDeleted = (e: EventSchema.Event): e is EventSchema.PtyDeleted => e.type === "pty.deleted"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PtyDeleted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("pty.deleted"),
  properties: Schema.Struct({
    id: Schema.String
  })
})

/**
 * The decoded type of {@link PtyDeleted}.
 *
 * @since 0.1.0
 * @category events
 */
export type PtyDeleted = typeof PtyDeleted.Type

/**
 * The server's `question.v2.asked` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isQuestionV2Asked = (e: EventSchema.Event): e is EventSchema.QuestionV2Asked => e.type === "question.v2.asked"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const QuestionV2Asked = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("question.v2.asked"),
  properties: Schema.Struct({
    id: QuestionID,
    sessionID: SessionID,
    questions: Schema.Array(Question.QuestionInfo),
    tool: Schema.optional(Question.QuestionTool)
  })
})

/**
 * The decoded type of {@link QuestionV2Asked}.
 *
 * @since 0.1.0
 * @category events
 */
export type QuestionV2Asked = typeof QuestionV2Asked.Type

/**
 * The server's `question.v2.replied` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isQuestionV2Replied = (e: EventSchema.Event): e is EventSchema.QuestionV2Replied => e.type === "question.v2.replied"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const QuestionV2Replied = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("question.v2.replied"),
  properties: Schema.Struct({
    sessionID: SessionID,
    requestID: QuestionID,
    answers: Schema.Array(Question.QuestionAnswer)
  })
})

/**
 * The decoded type of {@link QuestionV2Replied}.
 *
 * @since 0.1.0
 * @category events
 */
export type QuestionV2Replied = typeof QuestionV2Replied.Type

/**
 * The server's `question.v2.rejected` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isQuestionV2Rejected = (e: EventSchema.Event): e is EventSchema.QuestionV2Rejected => e.type === "question.v2.rejected"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const QuestionV2Rejected = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("question.v2.rejected"),
  properties: Schema.Struct({
    sessionID: SessionID,
    requestID: QuestionID
  })
})

/**
 * The decoded type of {@link QuestionV2Rejected}.
 *
 * @since 0.1.0
 * @category events
 */
export type QuestionV2Rejected = typeof QuestionV2Rejected.Type

/**
 * A session's todo list changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isTodoUpdated = (e: EventSchema.Event): e is EventSchema.TodoUpdated => e.type === "todo.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const TodoUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("todo.updated"),
  properties: Schema.Struct({
    sessionID: SessionID,
    todos: Schema.Array(SessionSchema.Todo)
  })
})

/**
 * The decoded type of {@link TodoUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type TodoUpdated = typeof TodoUpdated.Type

/**
 * The language servers changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isLspUpdated = (e: EventSchema.Event): e is EventSchema.LspUpdated => e.type === "lsp.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const LspUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("lsp.updated"),
  properties: JsonObject
})

/**
 * The decoded type of {@link LspUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type LspUpdated = typeof LspUpdated.Type

/**
 * The server waits for a permission reply before running a tool.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPermissionAsked = (e: EventSchema.Event): e is EventSchema.PermissionAsked => e.type === "permission.asked"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PermissionAsked = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("permission.asked"),
  properties: Permission.PermissionRequest
})

/**
 * The decoded type of {@link PermissionAsked}.
 *
 * @since 0.1.0
 * @category events
 */
export type PermissionAsked = typeof PermissionAsked.Type

/**
 * A permission request was answered.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isPermissionReplied = (e: EventSchema.Event): e is EventSchema.PermissionReplied => e.type === "permission.replied"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const PermissionReplied = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("permission.replied"),
  properties: Schema.Struct({
    sessionID: SessionID,
    requestID: PermissionID,
    reply: Schema.Literals(["once", "always", "reject"])
  })
})

/**
 * The decoded type of {@link PermissionReplied}.
 *
 * @since 0.1.0
 * @category events
 */
export type PermissionReplied = typeof PermissionReplied.Type

/**
 * (TUI) text appended to the prompt.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isTuiPromptAppend = (e: EventSchema.Event): e is EventSchema.TuiPromptAppend => e.type === "tui.prompt.append"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const TuiPromptAppend = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("tui.prompt.append"),
  properties: Schema.Struct({
    text: Schema.String
  })
})

/**
 * The decoded type of {@link TuiPromptAppend}.
 *
 * @since 0.1.0
 * @category events
 */
export type TuiPromptAppend = typeof TuiPromptAppend.Type

/**
 * (TUI) a command to run.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isTuiCommandExecute = (e: EventSchema.Event): e is EventSchema.TuiCommandExecute => e.type === "tui.command.execute"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const TuiCommandExecute = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("tui.command.execute"),
  properties: Schema.Struct({
    command: Schema.String
  })
})

/**
 * The decoded type of {@link TuiCommandExecute}.
 *
 * @since 0.1.0
 * @category events
 */
export type TuiCommandExecute = typeof TuiCommandExecute.Type

/**
 * (TUI) a toast to show.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isTuiToastShow = (e: EventSchema.Event): e is EventSchema.TuiToastShow => e.type === "tui.toast.show"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const TuiToastShow = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("tui.toast.show"),
  properties: Schema.Struct({
    title: Schema.optional(Schema.String),
    message: Schema.String,
    variant: Schema.Literals(["info", "success", "warning", "error"]),
    duration: Schema.optional(Schema.Number)
  })
})

/**
 * The decoded type of {@link TuiToastShow}.
 *
 * @since 0.1.0
 * @category events
 */
export type TuiToastShow = typeof TuiToastShow.Type

/**
 * (TUI) a session to select.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isTuiSessionSelect = (e: EventSchema.Event): e is EventSchema.TuiSessionSelect => e.type === "tui.session.select"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const TuiSessionSelect = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("tui.session.select"),
  properties: Schema.Struct({
    sessionID: SessionID
  })
})

/**
 * The decoded type of {@link TuiSessionSelect}.
 *
 * @since 0.1.0
 * @category events
 */
export type TuiSessionSelect = typeof TuiSessionSelect.Type

/**
 * An MCP server's tools changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMcpToolsChanged = (e: EventSchema.Event): e is EventSchema.McpToolsChanged => e.type === "mcp.tools.changed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const McpToolsChanged = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("mcp.tools.changed"),
  properties: Schema.Struct({
    server: Schema.String
  })
})

/**
 * The decoded type of {@link McpToolsChanged}.
 *
 * @since 0.1.0
 * @category events
 */
export type McpToolsChanged = typeof McpToolsChanged.Type

/**
 * An MCP server's OAuth page could not be opened.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isMcpBrowserOpenFailed = (e: EventSchema.Event): e is EventSchema.McpBrowserOpenFailed => e.type === "mcp.browser.open.failed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const McpBrowserOpenFailed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("mcp.browser.open.failed"),
  properties: Schema.Struct({
    mcpName: Schema.String,
    url: Schema.String
  })
})

/**
 * The decoded type of {@link McpBrowserOpenFailed}.
 *
 * @since 0.1.0
 * @category events
 */
export type McpBrowserOpenFailed = typeof McpBrowserOpenFailed.Type

/**
 * A slash command ran in a session.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isCommandExecuted = (e: EventSchema.Event): e is EventSchema.CommandExecuted => e.type === "command.executed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const CommandExecuted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("command.executed"),
  properties: Schema.Struct({
    name: Schema.String,
    sessionID: SessionID,
    arguments: Schema.String,
    messageID: MessageID
  })
})

/**
 * The decoded type of {@link CommandExecuted}.
 *
 * @since 0.1.0
 * @category events
 */
export type CommandExecuted = typeof CommandExecuted.Type

/**
 * A project changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isProjectUpdated = (e: EventSchema.Event): e is EventSchema.ProjectUpdated => e.type === "project.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ProjectUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("project.updated"),
  properties: Schema.Struct({
    id: Schema.String,
    worktree: Schema.String,
    vcs: Schema.optional(Schema.String),
    name: Schema.optional(Schema.String),
    icon: Schema.optional(JsonObject),
    commands: Schema.optional(JsonObject),
    time: JsonObject,
    sandboxes: Schema.Array(Schema.String)
  })
})

/**
 * The decoded type of {@link ProjectUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type ProjectUpdated = typeof ProjectUpdated.Type

/**
 * A session's run status changed (`idle`, `busy`, `retry`).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionStatus = (e: EventSchema.Event): e is EventSchema.SessionStatus => e.type === "session.status"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionStatus = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.status"),
  properties: Schema.Struct({
    sessionID: SessionID,
    status: SessionSchema.SessionStatus
  })
})

/**
 * The decoded type of {@link SessionStatus}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionStatus = typeof SessionStatus.Type

/**
 * A session finished its prompt: the end marker of a run.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionIdle = (e: EventSchema.Event): e is EventSchema.SessionIdle => e.type === "session.idle"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionIdle = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.idle"),
  properties: Schema.Struct({
    sessionID: SessionID
  })
})

/**
 * The decoded type of {@link SessionIdle}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionIdle = typeof SessionIdle.Type

/**
 * The model asks the user a question and waits for the answer.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isQuestionAsked = (e: EventSchema.Event): e is EventSchema.QuestionAsked => e.type === "question.asked"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const QuestionAsked = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("question.asked"),
  properties: Question.QuestionRequest
})

/**
 * The decoded type of {@link QuestionAsked}.
 *
 * @since 0.1.0
 * @category events
 */
export type QuestionAsked = typeof QuestionAsked.Type

/**
 * A question was answered.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isQuestionReplied = (e: EventSchema.Event): e is EventSchema.QuestionReplied => e.type === "question.replied"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const QuestionReplied = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("question.replied"),
  properties: Schema.Struct({
    sessionID: SessionID,
    requestID: QuestionID,
    answers: Schema.Array(Question.QuestionAnswer)
  })
})

/**
 * The decoded type of {@link QuestionReplied}.
 *
 * @since 0.1.0
 * @category events
 */
export type QuestionReplied = typeof QuestionReplied.Type

/**
 * A question was rejected.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isQuestionRejected = (e: EventSchema.Event): e is EventSchema.QuestionRejected => e.type === "question.rejected"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const QuestionRejected = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("question.rejected"),
  properties: Schema.Struct({
    sessionID: SessionID,
    requestID: QuestionID
  })
})

/**
 * The decoded type of {@link QuestionRejected}.
 *
 * @since 0.1.0
 * @category events
 */
export type QuestionRejected = typeof QuestionRejected.Type

/**
 * A compaction (summarize) finished.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSessionCompacted = (e: EventSchema.Event): e is EventSchema.SessionCompacted => e.type === "session.compacted"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SessionCompacted = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("session.compacted"),
  properties: Schema.Struct({
    sessionID: SessionID
  })
})

/**
 * The decoded type of {@link SessionCompacted}.
 *
 * @since 0.1.0
 * @category events
 */
export type SessionCompacted = typeof SessionCompacted.Type

/**
 * The git branch of the project changed.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isVcsBranchUpdated = (e: EventSchema.Event): e is EventSchema.VcsBranchUpdated => e.type === "vcs.branch.updated"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const VcsBranchUpdated = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("vcs.branch.updated"),
  properties: Schema.Struct({
    branch: Schema.optional(Schema.String)
  })
})

/**
 * The decoded type of {@link VcsBranchUpdated}.
 *
 * @since 0.1.0
 * @category events
 */
export type VcsBranchUpdated = typeof VcsBranchUpdated.Type

/**
 * The server's `workspace.ready` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isWorkspaceReady = (e: EventSchema.Event): e is EventSchema.WorkspaceReady => e.type === "workspace.ready"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const WorkspaceReady = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("workspace.ready"),
  properties: Schema.Struct({
    name: Schema.String
  })
})

/**
 * The decoded type of {@link WorkspaceReady}.
 *
 * @since 0.1.0
 * @category events
 */
export type WorkspaceReady = typeof WorkspaceReady.Type

/**
 * The server's `workspace.failed` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isWorkspaceFailed = (e: EventSchema.Event): e is EventSchema.WorkspaceFailed => e.type === "workspace.failed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const WorkspaceFailed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("workspace.failed"),
  properties: Schema.Struct({
    message: Schema.String
  })
})

/**
 * The decoded type of {@link WorkspaceFailed}.
 *
 * @since 0.1.0
 * @category events
 */
export type WorkspaceFailed = typeof WorkspaceFailed.Type

/**
 * The server's `workspace.status` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isWorkspaceStatus = (e: EventSchema.Event): e is EventSchema.WorkspaceStatus => e.type === "workspace.status"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const WorkspaceStatus = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("workspace.status"),
  properties: Schema.Struct({
    workspaceID: Schema.String,
    status: Schema.Literals(["connected", "connecting", "disconnected", "error"])
  })
})

/**
 * The decoded type of {@link WorkspaceStatus}.
 *
 * @since 0.1.0
 * @category events
 */
export type WorkspaceStatus = typeof WorkspaceStatus.Type

/**
 * The server's `worktree.ready` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isWorktreeReady = (e: EventSchema.Event): e is EventSchema.WorktreeReady => e.type === "worktree.ready"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const WorktreeReady = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("worktree.ready"),
  properties: Schema.Struct({
    name: Schema.String,
    branch: Schema.optional(Schema.String)
  })
})

/**
 * The decoded type of {@link WorktreeReady}.
 *
 * @since 0.1.0
 * @category events
 */
export type WorktreeReady = typeof WorktreeReady.Type

/**
 * The server's `worktree.failed` event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isWorktreeFailed = (e: EventSchema.Event): e is EventSchema.WorktreeFailed => e.type === "worktree.failed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const WorktreeFailed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("worktree.failed"),
  properties: Schema.Struct({
    message: Schema.String
  })
})

/**
 * The decoded type of {@link WorktreeFailed}.
 *
 * @since 0.1.0
 * @category events
 */
export type WorktreeFailed = typeof WorktreeFailed.Type

/**
 * The first event of every `/event` connection.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isServerConnected = (e: EventSchema.Event): e is EventSchema.ServerConnected => e.type === "server.connected"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ServerConnected = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("server.connected"),
  properties: JsonObject
})

/**
 * The decoded type of {@link ServerConnected}.
 *
 * @since 0.1.0
 * @category events
 */
export type ServerConnected = typeof ServerConnected.Type

/**
 * The server disposed all its instances.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isGlobalDisposed = (e: EventSchema.Event): e is EventSchema.GlobalDisposed => e.type === "global.disposed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const GlobalDisposed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("global.disposed"),
  properties: JsonObject
})

/**
 * The decoded type of {@link GlobalDisposed}.
 *
 * @since 0.1.0
 * @category events
 */
export type GlobalDisposed = typeof GlobalDisposed.Type

/**
 * The server disposed its instance for a directory.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isServerInstanceDisposed = (e: EventSchema.Event): e is EventSchema.ServerInstanceDisposed => e.type === "server.instance.disposed"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ServerInstanceDisposed = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("server.instance.disposed"),
  properties: Schema.Struct({
    directory: Schema.String
  })
})

/**
 * The decoded type of {@link ServerInstanceDisposed}.
 *
 * @since 0.1.0
 * @category events
 */
export type ServerInstanceDisposed = typeof ServerInstanceDisposed.Type

/**
 * Sent about every 10 s on `/event` (not in the document; the real server sends it).
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isServerHeartbeat = (e: EventSchema.Event): e is EventSchema.ServerHeartbeat => e.type === "server.heartbeat"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const ServerHeartbeat = Schema.Struct({
  id: Schema.optional(Schema.String),
  type: Schema.Literal("server.heartbeat"),
  properties: JsonObject
})

/**
 * The decoded type of {@link ServerHeartbeat}.
 *
 * @since 0.1.0
 * @category events
 */
export type ServerHeartbeat = typeof ServerHeartbeat.Type
const knownMembers = [
  ModelsDevRefreshed,
  IntegrationUpdated,
  IntegrationConnectionUpdated,
  CatalogUpdated,
  SessionCreated,
  SessionUpdated,
  SessionDeleted,
  MessageUpdated,
  MessageRemoved,
  MessagePartUpdated,
  MessagePartRemoved,
  SessionNextAgentSwitched,
  SessionNextModelSwitched,
  SessionNextMoved,
  SessionNextPrompted,
  SessionNextPromptAdmitted,
  SessionNextContextUpdated,
  SessionNextSynthetic,
  SessionNextShellStarted,
  SessionNextShellEnded,
  SessionNextStepStarted,
  SessionNextStepEnded,
  SessionNextStepFailed,
  SessionNextTextStarted,
  SessionNextTextDelta,
  SessionNextTextEnded,
  SessionNextReasoningStarted,
  SessionNextReasoningDelta,
  SessionNextReasoningEnded,
  SessionNextToolInputStarted,
  SessionNextToolInputDelta,
  SessionNextToolInputEnded,
  SessionNextToolCalled,
  SessionNextToolProgress,
  SessionNextToolSuccess,
  SessionNextToolFailed,
  SessionNextRetried,
  SessionNextCompactionStarted,
  SessionNextCompactionDelta,
  SessionNextCompactionEnded,
  SessionNextRevertStaged,
  SessionNextRevertCleared,
  SessionNextRevertCommitted,
  MessagePartDelta,
  SessionDiff,
  SessionError,
  InstallationUpdated,
  InstallationUpdateAvailable,
  FileEdited,
  ReferenceUpdated,
  PermissionV2Asked,
  PermissionV2Replied,
  PluginAdded,
  ProjectDirectoriesUpdated,
  FileWatcherUpdated,
  PtyCreated,
  PtyUpdated,
  PtyExited,
  PtyDeleted,
  QuestionV2Asked,
  QuestionV2Replied,
  QuestionV2Rejected,
  TodoUpdated,
  LspUpdated,
  PermissionAsked,
  PermissionReplied,
  TuiPromptAppend,
  TuiCommandExecute,
  TuiToastShow,
  TuiSessionSelect,
  McpToolsChanged,
  McpBrowserOpenFailed,
  CommandExecuted,
  ProjectUpdated,
  SessionStatus,
  SessionIdle,
  QuestionAsked,
  QuestionReplied,
  QuestionRejected,
  SessionCompacted,
  VcsBranchUpdated,
  WorkspaceReady,
  WorkspaceFailed,
  WorkspaceStatus,
  WorktreeReady,
  WorktreeFailed,
  ServerConnected,
  GlobalDisposed,
  ServerInstanceDisposed,
  ServerHeartbeat
] as const

/**
 * The `type`s of the events this library knows.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * EventSchema.knownEventTypes.has("session.idle") // true
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const knownEventTypes: ReadonlySet<string> = literalsOf("type", knownMembers)

const unknownEvent = (known: ReadonlySet<string>) =>
  unrecognised("type", known, "an event (an object with a string \"type\")").pipe(
    Schema.decodeTo(
      Schema.Struct({
        type: Schema.Literal("unknown"),
        originalType: Schema.String,
        id: Schema.optional(Schema.String),
        properties: Schema.optional(Schema.Unknown),
        raw: Schema.Unknown
      }),
      SchemaTransformation.transform({
        decode: (raw) => ({
          type: "unknown" as const,
          originalType: raw.type,
          ...(typeof raw.id === "string" ? { id: raw.id } : {}),
          ...(raw.properties !== undefined ? { properties: raw.properties } : {}),
          raw: raw as unknown
        }),
        encode: (value) => value.raw as { readonly type: string }
      })
    )
  )

/**
 * An event with a `type` this library does not know (from a newer server):
 * `{ type: "unknown", originalType, properties, raw }`, `raw` being the object as received.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { EventSchema } from "effect-opencode"
 * Schema.decodeUnknownSync(EventSchema.Event)({ type: "galaxy.spun", properties: { n: 1 } })
 * // { type: "unknown", originalType: "galaxy.spun", properties: { n: 1 }, raw: { … } }
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const UnknownEvent = unknownEvent(knownEventTypes)

/**
 * The decoded type of {@link UnknownEvent}.
 *
 * @since 0.1.0
 * @category events
 */
export type UnknownEvent = typeof UnknownEvent.Type

/**
 * Any event of the server, discriminated by `type`. A value that is not an object with a string
 * `type` fails to decode, and so does a known `type` with a wrong shape; an unknown `type` gives
 * {@link UnknownEvent}.
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
 *
 * @since 0.1.0
 * @category events
 */
export const Event = Schema.Union([...knownMembers, UnknownEvent])

/**
 * The decoded type of {@link Event}.
 *
 * @since 0.1.0
 * @category events
 */
export type Event = typeof Event.Type

/**
 * The `type` of an event, with `"unknown"` for {@link UnknownEvent}.
 *
 * @since 0.1.0
 * @category events
 */
export type EventType = Event["type"]

/**
 * The event of a given `type`.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * type Delta = EventSchema.EventOf<"message.part.delta">
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export type EventOf<T extends EventType> = Extract<Event, { readonly type: T }>

/**
 * Decodes one parsed event (the JSON of an SSE `data:` line) to an `Exit`: compiled once, no
 * Effect runtime needed, for the event stream's hot path.
 *
 * @example
 * ```ts
 * import { Exit } from "effect"
 * import { EventSchema } from "effect-opencode"
 * const exit = EventSchema.decodeEvent(JSON.parse('{"type":"server.connected","properties":{}}'))
 * Exit.isSuccess(exit) // true
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeEvent = Schema.decodeUnknownExit(Event)

/**
 * A `sync` payload of `GET /global/event` (not on `/event`): the durable form of a session event,
 * with its `seq`uence number in the session's log (`aggregateID`). `syncEvent.type` is the event
 * type with a version (`"message.updated.1"`) and `syncEvent.data` its properties, kept as
 * received. The same change also arrives as a regular event.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const seqOf = (p: EventSchema.GlobalPayload) => (p.type === "sync" ? p.syncEvent.seq : undefined)
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const SyncEvent = Schema.Struct({
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

/**
 * The decoded type of {@link SyncEvent}.
 *
 * @since 0.1.0
 * @category events
 */
export type SyncEvent = typeof SyncEvent.Type

const knownGlobalTypes: ReadonlySet<string> = new Set([...knownEventTypes, "sync"])

const UnknownGlobalPayload = unknownEvent(knownGlobalTypes)

/**
 * The `payload` of a `/global/event` frame: any {@link Event}, or a {@link SyncEvent}.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const isSync = (p: EventSchema.GlobalPayload): p is EventSchema.SyncEvent => p.type === "sync"
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const GlobalPayload = Schema.Union([...knownMembers, SyncEvent, UnknownGlobalPayload])

/**
 * The decoded type of {@link GlobalPayload}.
 *
 * @since 0.1.0
 * @category events
 */
export type GlobalPayload = typeof GlobalPayload.Type

/**
 * A frame of `GET /global/event`: the event (`payload`) and the `directory` (and `project`,
 * `workspace`) it comes from. `directory` is optional although the document requires it: the
 * real server's first frame is `{"payload":{"type":"server.connected",…}}` without one.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * const where = (e: EventSchema.GlobalEvent) => `${e.directory ?? "(server)"}: ${e.payload.type}`
 * ```
 *
 * @since 0.1.0
 * @category events
 */
export const GlobalEvent = Schema.Struct({
  directory: Schema.optional(Schema.String),
  project: Schema.optional(Schema.String),
  workspace: Schema.optional(Schema.String),
  payload: GlobalPayload
})

/**
 * The decoded type of {@link GlobalEvent}.
 *
 * @since 0.1.0
 * @category events
 */
export type GlobalEvent = typeof GlobalEvent.Type

/**
 * Decodes one parsed frame of `GET /global/event` to an `Exit`, compiled once.
 *
 * @example
 * ```ts
 * import { EventSchema } from "effect-opencode"
 * EventSchema.decodeGlobalEvent({ directory: "/p", payload: { type: "server.connected", properties: {} } })
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeGlobalEvent = Schema.decodeUnknownExit(GlobalEvent)

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
 *
 * @since 0.1.0
 * @category utils
 */
export const eventSessionID = (event: Event | SyncEvent): SessionID | undefined => {
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
