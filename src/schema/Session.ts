/**
 * Sessions and what hangs off them, the generated schemas under the library's names: `Session`
 * (times in epoch ms; `projectID` `"global"` outside a git repository; {@link Revert} after a
 * revert), `SessionStatus` (`idle`, `busy`, `retry`; {@link SessionStatusMap}), `FileDiff` (a file
 * changed by a prompt), `PermissionRule`/`PermissionRuleset` (a session's permission rules;
 * {@link toolRules} makes them from a `tools` map), `Todo`, {@link Tokens}.
 *
 * Gotchas: enumerations of answers are open (a newer server's value decodes as the string: match
 * with a default branch), but `SessionStatus`'s `type` is exact. Unknown keys are dropped.
 * `GET /session/status` leaves idle sessions out. The real server sends all five `FileDiff`
 * fields; the document requires only `additions` and `deletions`.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { Session } from "effect-opencode"
 * const statusOf = (map: Session.SessionStatusMap, id: string): Session.SessionStatus =>
 *   map[id] ?? { type: "idle" }
 * const rules = Session.toolRules({ bash: false, write: false })
 * // Result.succeed([{ permission: "bash", … "deny" }, { permission: "edit", … "deny" }])
 * ```
 */
import * as Result from "effect/Result"
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { lazy } from "../internal/lazy.ts"

export {
  PermissionAction,
  PermissionRule,
  PermissionRuleset,
  Session,
  SessionStatus,
  SnapshotFileDiff as FileDiff,
  Todo
} from "../api/Schemas.ts"

/**
 * Tools that ask for another permission than their own name: the editing tools all ask for `edit`
 * (opencode 1.18.33: an `edit` deny rule removes `edit` and `write`; a `write` rule removes neither).
 */
export const toolPermissions: Readonly<Record<string, string>> = {
  edit: "edit",
  write: "edit",
  patch: "edit",
  multiedit: "edit",
  apply_patch: "edit"
}

/**
 * The permission rules for a `tools` map (name → enabled): one `{ permission, pattern: "*",
 * action }` per permission; the server then neither offers nor runs a denied tool. Fails on an
 * empty name or on tools sharing a permission with different values (`{ write: false, edit:
 * true }`); `{ write: false }` also removes `edit` and `patch`.
 */
export const toolRules = (tools: Readonly<Record<string, boolean>>): Result.Result<Schemas.PermissionRuleset, string> => {
  const byPermission = new Map<string, { readonly tool: string; readonly enabled: boolean }>()
  for (const [tool, enabled] of Object.entries(tools)) {
    if (tool.trim() === "") return Result.fail("a tool name is empty")
    if (typeof enabled !== "boolean") return Result.fail(`tool ${JSON.stringify(tool)}: expected true or false`)
    const permission = Object.hasOwn(toolPermissions, tool) ? toolPermissions[tool]! : tool
    const seen = byPermission.get(permission)
    if (seen !== undefined && seen.enabled !== enabled) {
      return Result.fail(
        `tools ${JSON.stringify(seen.tool)} (${seen.enabled}) and ${JSON.stringify(tool)} (${enabled}) share the server's ` +
          `${JSON.stringify(permission)} permission: give them the same value`
      )
    }
    if (seen === undefined) byPermission.set(permission, { tool, enabled })
  }
  return Result.succeed(
    [...byPermission].map(([permission, { enabled }]) => ({ permission, pattern: "*", action: enabled ? "allow" : "deny" }))
  )
}

/** A session's revert state (`Session.revert`): messages from `messageID` on are hidden; `diff` is the patch that undid the change. */
export const Revert = /* @__PURE__ */ lazy(() => Schemas.Session.fields.revert.schema)
export type Revert = typeof Revert.Type

/** Token counts (`input`, `output`, `reasoning`, `cache { read, write }`, `total` when reported) of an assistant message. */
export const Tokens = /* @__PURE__ */ lazy(() => Schemas.AssistantMessage.fields.tokens)
export type Tokens = typeof Tokens.Type

/** The `idle` member of `SessionStatus`: the session is not running anything. */
export const SessionStatusIdle = /* @__PURE__ */ lazy(() => Schemas.SessionStatus.members[0])
export type SessionStatusIdle = typeof SessionStatusIdle.Type

/** The `busy` member of `SessionStatus`: the session is running a prompt. */
export const SessionStatusBusy = /* @__PURE__ */ lazy(() => Schemas.SessionStatus.members[2])
export type SessionStatusBusy = typeof SessionStatusBusy.Type

/** The `retry` member: the model call failed and will be retried (`attempt`, `message`, `next` in epoch ms, `action` if known). */
export const SessionStatusRetry = /* @__PURE__ */ lazy(() => Schemas.SessionStatus.members[1])
export type SessionStatusRetry = typeof SessionStatusRetry.Type

/** `GET /session/status`: session id → status. Idle sessions are left out: a missing key means idle. */
export const SessionStatusMap = Op.sessionStatus.success.schema
export type SessionStatusMap = typeof SessionStatusMap.Type
