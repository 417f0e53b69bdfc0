/**
 * Sessions and what hangs off them: `Session`, its status, its file diffs and its todo list.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { MessageID, PartID, ProjectID, SessionID } from "./Ids.ts"
import { JsonObject } from "./internal.ts"

/**
 * A file changed by a prompt, as `GET /session/{id}/diff?messageID=…`, a user message's
 * `summary.diffs` and the `session.diff` event give it (the document's `SnapshotFileDiff`).
 * The real server sends all five fields; the document requires only `additions` and `deletions`.
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
export const FileDiff = Schema.Struct({
  file: Schema.optional(Schema.String),
  patch: Schema.optional(Schema.String),
  additions: Schema.Number,
  deletions: Schema.Number,
  status: Schema.optional(Schema.Literals(["added", "deleted", "modified"]))
})

/**
 * The decoded type of {@link FileDiff}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileDiff = typeof FileDiff.Type

/**
 * What a permission rule does.
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
export const PermissionAction = Schema.Literals(["allow", "deny", "ask"])

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
export const PermissionRule = Schema.Struct({
  permission: Schema.String,
  pattern: Schema.String,
  action: PermissionAction
})

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
export const PermissionRuleset = Schema.Array(PermissionRule)

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
export const Revert = Schema.Struct({
  messageID: MessageID,
  partID: Schema.optional(PartID),
  snapshot: Schema.optional(Schema.String),
  diff: Schema.optional(Schema.String)
})

/**
 * The decoded type of {@link Revert}.
 *
 * @since 0.1.0
 * @category models
 */
export type Revert = typeof Revert.Type

/**
 * Token counts: `input`, `output`, `reasoning`, `cache { read, write }`, and `total` when the
 * provider reports it.
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
export const Tokens = Schema.Struct({
  total: Schema.optional(Schema.Number),
  input: Schema.Number,
  output: Schema.Number,
  reasoning: Schema.Number,
  cache: Schema.Struct({
    read: Schema.Number,
    write: Schema.Number
  })
})

/**
 * The decoded type of {@link Tokens}.
 *
 * @since 0.1.0
 * @category models
 */
export type Tokens = typeof Tokens.Type

/**
 * A session (`GET /session/{id}`, `POST /session`, the `info` of `session.*` events), with every
 * field of the server's `Session` schema. Times are epoch milliseconds.
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
export const Session = Schema.Struct({
  id: SessionID,
  slug: Schema.String,
  projectID: ProjectID,
  workspaceID: Schema.optional(Schema.String),
  directory: Schema.String,
  path: Schema.optional(Schema.String),
  parentID: Schema.optional(SessionID),
  summary: Schema.optional(
    Schema.Struct({
      additions: Schema.Number,
      deletions: Schema.Number,
      files: Schema.Number,
      diffs: Schema.optional(Schema.Array(FileDiff))
    })
  ),
  cost: Schema.optional(Schema.Number),
  tokens: Schema.optional(Tokens),
  share: Schema.optional(Schema.Struct({ url: Schema.String })),
  title: Schema.String,
  agent: Schema.optional(Schema.String),
  model: Schema.optional(
    Schema.Struct({
      id: Schema.String,
      providerID: Schema.String,
      variant: Schema.optional(Schema.String)
    })
  ),
  version: Schema.String,
  metadata: Schema.optional(JsonObject),
  time: Schema.Struct({
    created: Schema.Number,
    updated: Schema.Number,
    compacting: Schema.optional(Schema.Number),
    archived: Schema.optional(Schema.Number)
  }),
  permission: Schema.optional(PermissionRuleset),
  revert: Schema.optional(Revert)
})

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
export const SessionStatusIdle = Schema.Struct({ type: Schema.Literal("idle") })

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
export const SessionStatusBusy = Schema.Struct({ type: Schema.Literal("busy") })

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
export const SessionStatusRetry = Schema.Struct({
  type: Schema.Literal("retry"),
  attempt: Schema.Number,
  message: Schema.String,
  action: Schema.optional(
    Schema.Struct({
      reason: Schema.String,
      provider: Schema.String,
      title: Schema.String,
      message: Schema.String,
      label: Schema.String,
      link: Schema.optional(Schema.String)
    })
  ),
  next: Schema.Number
})

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
export const SessionStatus = Schema.Union([SessionStatusIdle, SessionStatusBusy, SessionStatusRetry])

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
export const SessionStatusMap = Schema.Record(Schema.String, SessionStatus)

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
export const Todo = Schema.Struct({
  content: Schema.String,
  status: Schema.String,
  priority: Schema.String
})

/**
 * The decoded type of {@link Todo}.
 *
 * @since 0.1.0
 * @category models
 */
export type Todo = typeof Todo.Type
