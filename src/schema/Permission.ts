/**
 * Permission requests: when a session's rules say `ask`, the server asks before a tool runs
 * (`permission.asked`, `GET /permission`) and the client replies `once`, `always` or `reject`.
 * `PermissionRequest` (generated): the `permission` (tool), its `patterns`, the tool call, and
 * what `always` would allow from now on. Gotcha: a reply to a request that is gone is a 404
 * (`PermissionNotFoundError`). A session's rules are `Session.PermissionRuleset`.
 */
import * as Op from "../api/Operations.ts"
import { lazy } from "../internal/lazy.ts"

export { PermissionRequest } from "../api/Schemas.ts"

/** The body of `POST /permission/{requestID}/reply`: the reply, and a message for the model (with `reject`). */
export const PermissionReplyBody = Op.permissionReply.body.schema
export type PermissionReplyBody = typeof PermissionReplyBody.Type

/** A reply to a permission request: allow this `once`, allow it `always`, or `reject` it. */
export const PermissionReply = /* @__PURE__ */ lazy(() => PermissionReplyBody.fields.reply)
export type PermissionReply = typeof PermissionReply.Type
