/**
 * Permission requests: the server asks before a tool runs when a session's rules say `ask`
 * (`permission.asked`, `GET /permission`), and the client replies once, always, or rejects.
 *
 * - `PermissionRequest` (generated, re-exported): a pending request: which `permission` (tool)
 *   on which `patterns`, its tool call, and the patterns an `always` reply would allow from now on.
 * - {@link PermissionReplyBody} and {@link PermissionReply}: what a reply sends.
 *
 * Gotchas: request ids are branded `Ids.PermissionID` (`per_…`); a reply to a request that is
 * gone is a 404 (`ServerError.PermissionNotFoundError`). Rules of a session (which tools ask) are
 * `Session.PermissionRuleset`.
 *
 * @example
 * ```ts
 * import type { Permission } from "effect-opencode"
 * const reply: Permission.PermissionReplyBody = { reply: "reject", message: "Not in this repository" }
 * const describe = (r: Permission.PermissionRequest) => `${r.permission}: ${r.patterns.join(", ")}`
 * ```
 */
import * as Op from "../api/Operations.ts"
import { lazy } from "../internal/lazy.ts"

export { PermissionRequest } from "../api/Schemas.ts"

/**
 * The body of `POST /permission/{requestID}/reply`: the reply, and an optional message for the
 * model (with `reject`).
 */
export const PermissionReplyBody = Op.permissionReply.body.schema
/** The decoded type of {@link PermissionReplyBody}. */
export type PermissionReplyBody = typeof PermissionReplyBody.Type

/** A reply to a permission request: allow this `once`, allow it `always`, or `reject` it. */
export const PermissionReply = /* @__PURE__ */ lazy(() => PermissionReplyBody.fields.reply)
/** The decoded type of {@link PermissionReply}. */
export type PermissionReply = typeof PermissionReply.Type
