/**
 * Sessions and what hangs off them: `Session`, its status, its file diffs and its todo list: the
 * generated schemas of `src/api/Schemas.ts` under the library's names (one description of the
 * API, docs/api-description.md).
 *
 * Hand-written here only what the document cannot give: {@link toolPermissions} and
 * {@link toolRules} (the library's `tools` vocabulary, turned into the server's permission rules).
 *
 * Decoding follows the pinned server's document: unknown keys are dropped, enumerations of answers
 * are open (a newer server's `status` or `action` decodes as the string itself), ids carry the
 * library's brands (`Ids.SessionID`, `MessageID`, `PartID`).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * A file changed by a prompt, as `GET /session/{id}/diff?messageID=…`, a user message's
 * `summary.diffs` and the `session.diff` event give it (the document's `SnapshotFileDiff`).
 * The real server sends all five fields; the document requires only `additions` and `deletions`.
 * `status` is open: a newer server's value decodes as the string.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Session } from "effect-opencode"
 * Schema.decodeUnknownSync(Session.FileDiff)({
 *   file: "hello.txt", patch: "Index: hello.txt\n…", additions: 1, deletions: 0, status: "added"
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const FileDiff = Schemas.SnapshotFileDiff

/**
 * The decoded type of {@link FileDiff}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileDiff = typeof FileDiff.Type

/**
 * What a permission rule does: `"allow" | "deny" | "ask"`, open when decoding (a newer server's
 * action decodes as the string; match with a default branch).
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const action: Session.PermissionAction = "ask"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionAction = Schemas.PermissionAction

/**
 * The decoded type of {@link PermissionAction}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionAction = typeof PermissionAction.Type

/**
 * One rule of a session's permission set: `{ permission: "bash", pattern: "*", action: "ask" }`.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const rule: Session.PermissionRule = { permission: "bash", pattern: "*", action: "ask" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionRule = Schemas.PermissionRule

/**
 * The decoded type of {@link PermissionRule}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionRule = typeof PermissionRule.Type

/**
 * A session's permission rules (also accepted by `POST /session`).
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const rules: Session.PermissionRuleset = [{ permission: "bash", pattern: "*", action: "ask" }]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PermissionRuleset = Schemas.PermissionRuleset

/**
 * The decoded type of {@link PermissionRuleset}.
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionRuleset = typeof PermissionRuleset.Type

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
 *
 * @since 0.1.0
 * @category permissions
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
 *
 * @since 0.1.0
 * @category permissions
 */
export const toolRules = (tools: Readonly<Record<string, boolean>>): Result.Result<PermissionRuleset, string> => {
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

/**
 * The revert state of a session after `POST /session/{id}/revert`: messages from `messageID` on
 * are hidden; `diff` is the patch that undid the change.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const hiddenFrom = (s: Session.Session) => s.revert?.messageID
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Revert = Schemas.Session.fields.revert.schema

/**
 * The decoded type of {@link Revert}.
 *
 * @since 0.1.0
 * @category models
 */
export type Revert = typeof Revert.Type

/**
 * Token counts: `input`, `output`, `reasoning`, `cache { read, write }`, and `total` when the
 * provider reports it (an assistant message's `tokens` in the document; a step-finish part and a
 * session carry the same counts).
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const tokens: Session.Tokens = { input: 10, output: 5, reasoning: 0, cache: { read: 0, write: 0 } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Tokens = Schemas.AssistantMessage.fields.tokens

/**
 * The decoded type of {@link Tokens}.
 *
 * @since 0.1.0
 * @category models
 */
export type Tokens = typeof Tokens.Type

/**
 * A session (`GET /session/{id}`, `POST /session`, the `info` of `session.*` events), the
 * server's `Session` schema. Times are epoch milliseconds. `projectID` is a plain string (the
 * document gives it no pattern; `"global"` outside a git repository).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Session } from "effect-opencode"
 * const session = Schema.decodeUnknownSync(Session.Session)({
 *   id: "ses_1", slug: "brave-otter", projectID: "global", directory: "/tmp/p",
 *   title: "New session", version: "1.18.33", time: { created: 1, updated: 1 }
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Session = Schemas.Session

/**
 * The decoded type of {@link Session}.
 *
 * @since 0.1.0
 * @category models
 */
export type Session = typeof Session.Type

/**
 * The session is not running anything.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const idle: Session.SessionStatusIdle = { type: "idle" }
 * ```
 *
 * @since 0.1.0
 * @category status
 */
export const SessionStatusIdle = Schemas.SessionStatus.members[0]

/**
 * The decoded type of {@link SessionStatusIdle}.
 *
 * @since 0.1.0
 * @category status
 */
export type SessionStatusIdle = typeof SessionStatusIdle.Type

/**
 * The session is running a prompt.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const busy: Session.SessionStatusBusy = { type: "busy" }
 * ```
 *
 * @since 0.1.0
 * @category status
 */
export const SessionStatusBusy = Schemas.SessionStatus.members[2]

/**
 * The decoded type of {@link SessionStatusBusy}.
 *
 * @since 0.1.0
 * @category status
 */
export type SessionStatusBusy = typeof SessionStatusBusy.Type

/**
 * The model call failed and will be retried: `attempt`, the error `message`, and `next` (epoch ms
 * of the next try). `action` describes a step the user can take, when the server knows one.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const retry: Session.SessionStatusRetry = { type: "retry", attempt: 1, message: "429", next: 1_700_000_000_000 }
 * ```
 *
 * @since 0.1.0
 * @category status
 */
export const SessionStatusRetry = Schemas.SessionStatus.members[1]

/**
 * The decoded type of {@link SessionStatusRetry}.
 *
 * @since 0.1.0
 * @category status
 */
export type SessionStatusRetry = typeof SessionStatusRetry.Type

/**
 * A session's run status: `idle`, `busy` or `retry`.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const isRunning = (s: Session.SessionStatus) => s.type !== "idle"
 * ```
 *
 * @since 0.1.0
 * @category status
 */
export const SessionStatus = Schemas.SessionStatus

/**
 * The decoded type of {@link SessionStatus}.
 *
 * @since 0.1.0
 * @category status
 */
export type SessionStatus = typeof SessionStatus.Type

/**
 * `GET /session/status`: session id → status. Idle sessions are left out, so a missing key means
 * idle.
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const statusOf = (map: Session.SessionStatusMap, id: string): Session.SessionStatus =>
 *   map[id] ?? { type: "idle" }
 * ```
 *
 * @since 0.1.0
 * @category status
 */
export const SessionStatusMap = operations["session.status"].success.schema

/**
 * The decoded type of {@link SessionStatusMap}.
 *
 * @since 0.1.0
 * @category status
 */
export type SessionStatusMap = typeof SessionStatusMap.Type

/**
 * An entry of a session's todo list (`GET /session/{id}/todo`, `todo.updated`). `status` is one
 * of `pending`, `in_progress`, `completed`, `cancelled`; `priority` one of `high`, `medium`, `low`
 * (kept as strings, as the server documents them).
 *
 * @example
 * ```ts
 * import { Session } from "effect-opencode"
 * const todo: Session.Todo = { content: "write tests", status: "pending", priority: "high" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Todo = Schemas.Todo

/**
 * The decoded type of {@link Todo}.
 *
 * @since 0.1.0
 * @category models
 */
export type Todo = typeof Todo.Type
