/**
 * Permission requests: the server asks before a tool runs when a session's rules say `ask`
 * (`permission.asked`, `GET /permission`), and the client replies once, always, or rejects.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PermissionID, SessionID } from "./Ids.ts"
import { JsonObject } from "./internal.ts"

/**
 * A pending permission request: which `permission` (tool) on which `patterns`, the tool call it
 * belongs to, and the patterns an `always` reply would allow from now on.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Permission } from "effect-opencode"
 * Schema.decodeUnknownSync(Permission.PermissionRequest)({
 *   id: "per_1", sessionID: "ses_1", permission: "bash", patterns: ["ls"], metadata: {}, always: ["ls *"],
 *   tool: { messageID: "msg_1", callID: "call_1" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionRequest = Schema.Struct({
  id: PermissionID,
  sessionID: SessionID,
  permission: Schema.String,
  patterns: Schema.Array(Schema.String),
  metadata: JsonObject,
  always: Schema.Array(Schema.String),
  tool: Schema.optional(Schema.Struct({ messageID: Schema.String, callID: Schema.String }))
})

/**
 * The decoded type of {@link PermissionRequest}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionRequest = typeof PermissionRequest.Type

/**
 * A reply to a permission request: allow this `once`, allow it `always` (its `always`
 * patterns), or `reject` it.
 *
 * @example
 * ```ts
 * import { Permission } from "effect-opencode"
 * const reply: Permission.PermissionReply = "once"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionReply = Schema.Literals(["once", "always", "reject"])

/**
 * The decoded type of {@link PermissionReply}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionReply = typeof PermissionReply.Type

/**
 * The body of `POST /permission/{requestID}/reply`: the reply, and an optional message for the
 * model (with `reject`).
 *
 * @example
 * ```ts
 * import { Permission } from "effect-opencode"
 * const body: Permission.PermissionReplyBody = { reply: "reject", message: "not in production" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionReplyBody = Schema.Struct({
  reply: PermissionReply,
  message: Schema.optional(Schema.String)
})

/**
 * The decoded type of {@link PermissionReplyBody}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionReplyBody = typeof PermissionReplyBody.Type
