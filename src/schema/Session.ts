/**
 * Sessions and what hangs off them:
 *
 * - `Session`: a session (`GET /session/{id}`, `POST /session`, the `info` of `session.*`
 *   events). Times are epoch milliseconds; `projectID` is a plain string (`"global"` outside a
 *   git repository); `revert` ({@link Revert}) is set after `POST /session/{id}/revert`.
 * - `SessionStatus`: a session's run status, `idle`, `busy` or `retry` (one schema per member:
 *   {@link SessionStatusIdle}, …), and {@link SessionStatusMap}, the answer of `GET /session/status`.
 * - `FileDiff` (the document's `SnapshotFileDiff`): a file changed by a prompt, as
 *   `GET /session/{id}/diff?messageID=…`, a user message's `summary.diffs` and the `session.diff`
 *   event give it.
 * - `PermissionAction` (`"allow" | "deny" | "ask"`), `PermissionRule`
 *   (`{ permission, pattern, action }`) and `PermissionRuleset`: a session's permission rules
 *   (also accepted by `POST /session`); {@link toolRules} makes them from a `tools` map.
 * - `Todo`: an entry of a session's todo list (`GET /session/{id}/todo`, `todo.updated`);
 *   {@link Tokens}: token counts.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under the library's
 * names (docs/api-description.md). Hand-written only what the document cannot give:
 * {@link toolPermissions} and {@link toolRules}.
 *
 * Gotchas: enumerations of answers are open (a newer server's `status`, `action` or diff
 * `status` decodes as the string itself; match with a default branch), while the
 * `SessionStatus` union's `type` is exact. Unknown keys are dropped. Ids carry the library's
 * brands (`Ids.SessionID`, `MessageID`, `PartID`). `GET /session/status` leaves idle sessions
 * out: a missing key means idle. The real server sends all five fields of a `FileDiff`; the
 * document requires only `additions` and `deletions`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Session } from "effect-opencode"
 * const session = Schema.decodeUnknownSync(Session.Session)({
 *   id: "ses_1", slug: "brave-otter", projectID: "global", directory: "/tmp/p",
 *   title: "New session", version: "1.18.33", time: { created: 1, updated: 1 }
 * })
 * const statusOf = (map: Session.SessionStatusMap, id: string): Session.SessionStatus =>
 *   map[id] ?? { type: "idle" }
 * const rules: Session.PermissionRuleset = [{ permission: "bash", pattern: "*", action: "ask" }]
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
 * The server's tools that ask for another permission than their own name: the editing tools all
 * ask for `edit` (checked against opencode 1.18.33: an `edit` deny rule takes both `edit` and
 * `write` away from the model; a `write` deny rule takes away neither). Every other tool asks for
 * the permission of its own name (`bash`, `read`, `webfetch`, `todowrite`, an MCP tool's name, …).
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * Session.toolPermissions.write // "edit"
 * ```
 */
export const toolPermissions: Readonly<Record<string, string>> = {
  edit: "edit",
  write: "edit",
  patch: "edit",
  multiedit: "edit",
  apply_patch: "edit"
}

/**
 * The permission rules that express a `tools` map (tool name → enabled) on a session: one rule
 * per permission, `{ permission, pattern: "*", action: "allow" | "deny" }`. The server keeps these
 * with the session; a denied tool is not offered to the model, and a call to it is not run.
 *
 * Fails (with a message) when a tool name is empty, or when tools that share one permission get
 * different values (`{ write: false, edit: true }`: the server cannot keep `write` off and `edit`
 * on). Naming one tool of a shared permission sets it for all of them: `{ write: false }` also
 * takes `edit` and `patch` away.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * Session.toolRules({ bash: false, write: false })
 * // Result.succeed([{ permission: "bash", pattern: "*", action: "deny" },
 * //                 { permission: "edit", pattern: "*", action: "deny" }])
 * ```
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
/** The decoded type of {@link Revert}. */
export type Revert = typeof Revert.Type

/** Token counts (`input`, `output`, `reasoning`, `cache { read, write }`, `total` when reported) of an assistant message. */
export const Tokens = /* @__PURE__ */ lazy(() => Schemas.AssistantMessage.fields.tokens)
/** The decoded type of {@link Tokens}. */
export type Tokens = typeof Tokens.Type

/** The `idle` member of `SessionStatus`: the session is not running anything. */
export const SessionStatusIdle = /* @__PURE__ */ lazy(() => Schemas.SessionStatus.members[0])
/** The decoded type of {@link SessionStatusIdle}. */
export type SessionStatusIdle = typeof SessionStatusIdle.Type

/** The `busy` member of `SessionStatus`: the session is running a prompt. */
export const SessionStatusBusy = /* @__PURE__ */ lazy(() => Schemas.SessionStatus.members[2])
/** The decoded type of {@link SessionStatusBusy}. */
export type SessionStatusBusy = typeof SessionStatusBusy.Type

/**
 * The `retry` member of `SessionStatus`: the model call failed and will be retried (`attempt`,
 * the error `message`, `next`: epoch ms of the next try; `action`: a step the user can take, when
 * the server knows one).
 */
export const SessionStatusRetry = /* @__PURE__ */ lazy(() => Schemas.SessionStatus.members[1])
/** The decoded type of {@link SessionStatusRetry}. */
export type SessionStatusRetry = typeof SessionStatusRetry.Type

/** `GET /session/status`: session id → status. Idle sessions are left out: a missing key means idle. */
export const SessionStatusMap = Op.sessionStatus.success.schema
/** The decoded type of {@link SessionStatusMap}. */
export type SessionStatusMap = typeof SessionStatusMap.Type
