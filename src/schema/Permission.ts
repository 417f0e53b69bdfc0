/**
 * Permission requests: the server asks before a tool runs when a session's rules say `ask`
 * (`permission.asked`, `GET /permission`), and the client replies once, always, or rejects. The
 * generated schemas of `src/api/Schemas.ts` under the library's names.
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * A pending permission request: which `permission` (tool) on which `patterns`, its tool call, and
 * the patterns an `always` reply would allow from now on.
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionRequest = Schemas.PermissionRequest

/**
 * The decoded type of {@link PermissionRequest}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionRequest = Schemas.PermissionRequest

/**
 * The body of `POST /permission/{requestID}/reply`: the reply, and an optional message for the
 * model (with `reject`).
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionReplyBody = operations["permission.reply"].body.schema

/**
 * The decoded type of {@link PermissionReplyBody}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionReplyBody = typeof PermissionReplyBody.Type

/**
 * A reply to a permission request: allow this `once`, allow it `always`, or `reject` it.
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionReply = PermissionReplyBody.fields.reply

/**
 * The decoded type of {@link PermissionReply}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionReply = typeof PermissionReply.Type
