// GENERATED FILE: do not edit by hand.
// Written by `npm run generate` (scripts/generate.ts) from spec/opencode-1.18.33.openapi.json
// and our patch file spec/opencode-1.18.33.patch.json; change those and regenerate.
// `npm test` fails while this file differs from what they generate.

import * as Schema from "effect/Schema"
import { lazy } from "../internal/lazy.ts"
import * as Ids from "../schema/Ids.ts"
import type { Operation, ServerFacts } from "./Descriptor.ts"
import {
  Agent,
  AgentPartInput,
  AgentV2Info,
  AssistantMessage,
  Auth,
  BadRequestError,
  Command,
  CommandV2Info,
  Config,
  ConflictError,
  ConsoleState,
  Effect_HttpApiError_BadRequest,
  Effect_HttpApiError_Forbidden,
  Effect_HttpApiError_InternalServerError,
  Event,
  EventTuiCommandExecute,
  EventTuiPromptAppend,
  EventTuiSessionSelect,
  EventTuiToastShow,
  ExperimentalCapabilities,
  File,
  FileContent,
  FileNode,
  FilePartInput,
  FilePartSource,
  FileSystemEntry,
  ForbiddenError,
  FormatterStatus,
  GlobalEvent,
  GlobalSession,
  IntegrationAttempt,
  IntegrationAttemptStatus,
  IntegrationInfo,
  InvalidCursorError,
  InvalidRequestError,
  LSPStatus,
  LocationInfo,
  LocationRef,
  MCPStatus,
  McpLocalConfig,
  McpRemoteConfig,
  McpResource,
  McpServerNotFoundError,
  McpUnsupportedOAuthError,
  Message,
  MessageNotFoundError,
  ModelRef,
  ModelV2Info,
  MoveSessionDestination,
  MoveSessionError,
  NotFoundError,
  OutputFormat,
  Part,
  Path,
  PermissionNotFoundError,
  PermissionRequest,
  PermissionRuleset,
  PermissionSavedInfo,
  PermissionV2Effect,
  PermissionV2Reply,
  PermissionV2Request,
  PermissionV2Source,
  Project,
  ProjectCommands,
  ProjectCopyCopy,
  ProjectCopyError,
  ProjectDirectories,
  ProjectIcon,
  ProjectNotFoundError,
  PromptInput,
  Provider,
  ProviderAuthAuthorization,
  ProviderAuthError1,
  ProviderAuthMethod,
  ProviderNotFoundError,
  ProviderV2Info,
  Pty,
  PtyForbiddenError,
  PtyNotFoundError,
  PtyTicketConnectToken,
  QuestionAnswer,
  QuestionNotFoundError,
  QuestionRequest,
  QuestionV2Reply,
  QuestionV2Request,
  ReferenceInfo,
  RevertState,
  ServiceUnavailableError,
  Session,
  SessionActive,
  SessionBusyError,
  SessionDurableEventStream,
  SessionHistory,
  SessionInputAdmitted,
  SessionMessage,
  SessionMessagesResponse,
  SessionNotFoundError,
  SessionStatus,
  SessionV2Info,
  SessionsResponse,
  SkillV2Info,
  SnapshotFileDiff,
  SubtaskPartInput,
  Symbol,
  TextPartInput,
  Todo,
  ToolIDs,
  ToolList,
  UnauthorizedError,
  UnknownError1,
  V2Event,
  VcsApplyError,
  VcsFileDiff,
  VcsFileStatus,
  VcsInfo,
  Workspace,
  WorkspaceCreateError,
  WorkspaceEventConnectionStatus,
  WorkspaceWarpError,
  Worktree,
  WorktreeCreateInput,
  WorktreeError,
  WorktreeRemoveInput,
  WorktreeResetInput
} from "./Schemas.ts"

// One constant per operation, named after its operationId (`session.get` → `sessionGet`), each
// dropped by a bundler when unused: import the ones you call. `OperationTable.ts` has them all by id.

// The schemas several operations spell alike, each built once, on first use.
const shared$0 = /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, Schema.Never))
const shared$1 = /* @__PURE__ */ lazy(() => Schema.Union([Effect_HttpApiError_BadRequest, InvalidRequestError]))
const shared$2 = /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String) }))
const shared$3 = /* @__PURE__ */ lazy(() => Schema.Union([WorktreeError, InvalidRequestError]))
const shared$4 = /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" })))
const shared$5 = /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "path": Schema.String }))
const shared$6 = /* @__PURE__ */ lazy(() => Schema.Union([McpUnsupportedOAuthError, InvalidRequestError]))
const shared$7 = /* @__PURE__ */ lazy(() => Schema.Struct({ "command": Schema.optionalKey(Schema.String), "args": Schema.optionalKey(Schema.Array(Schema.String)), "cwd": Schema.optionalKey(Schema.String), "title": Schema.optionalKey(Schema.String), "env": Schema.optionalKey(Schema.Record(Schema.String, Schema.String)) }))
const shared$8 = /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^pty", "u")).annotate({ "expected": "a string matching the RegExp ^pty" })))
const shared$9 = /* @__PURE__ */ lazy(() => Schema.Struct({ "title": Schema.optionalKey(Schema.String), "size": Schema.optionalKey(Schema.Struct({ "rows": Schema.Int.check(Schema.isGreaterThan(0).annotate({ "expected": "a value greater than 0" })), "cols": Schema.Int.check(Schema.isGreaterThan(0).annotate({ "expected": "a value greater than 0" })) })) }))
const shared$10 = /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^que", "u")).annotate({ "expected": "a string matching the RegExp ^que" })))
const shared$11 = /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Permission processed successfully" }))
const shared$12 = /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^per", "u")).annotate({ "expected": "a string matching the RegExp ^per" })))
const shared$13 = /* @__PURE__ */ lazy(() => Schema.Union([ProviderAuthError1, InvalidRequestError]))
const shared$14 = /* @__PURE__ */ lazy(() => Schema.Struct({ "messageID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" }))), "model": Schema.optionalKey(Schema.Struct({ "providerID": Schema.String, "modelID": Schema.String })), "agent": Schema.optionalKey(Schema.String), "noReply": Schema.optionalKey(Schema.Boolean), "tools": Schema.optionalKey(Schema.Record(Schema.String, Schema.Boolean)), "format": Schema.optionalKey(OutputFormat), "system": Schema.optionalKey(Schema.String), "variant": Schema.optionalKey(Schema.String), "parts": Schema.Array(Schema.Union([TextPartInput, FilePartInput, AgentPartInput, SubtaskPartInput])) }))
const shared$15 = /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" })))
const shared$16 = /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^prt", "u")).annotate({ "expected": "a string matching the RegExp ^prt" })))
const shared$17 = /* @__PURE__ */ lazy(() => Schema.Struct({ "location": Schema.optionalKey(Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String) })) }))
const shared$18 = /* @__PURE__ */ lazy(() => Schema.Struct({ "data": SessionV2Info }))
const shared$19 = /* @__PURE__ */ lazy(() => Schema.Union([SessionNotFoundError, SessionNotFoundError]))
const shared$20 = /* @__PURE__ */ lazy(() => Schema.Union([MessageNotFoundError, SessionNotFoundError, SessionNotFoundError]))
const shared$21 = /* @__PURE__ */ lazy(() => Schema.Union([InvalidRequestError, InvalidRequestError]))
const shared$22 = /* @__PURE__ */ lazy(() => Schema.Union([PermissionNotFoundError, SessionNotFoundError, SessionNotFoundError]))
const shared$23 = /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(FileSystemEntry) }))
const shared$24 = /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Pty }))
const shared$25 = /* @__PURE__ */ lazy(() => Schema.Union([QuestionNotFoundError, SessionNotFoundError, SessionNotFoundError]))
const shared$26 = /* @__PURE__ */ lazy(() => Schema.Union([ProjectCopyError, InvalidRequestError]))

/** `PUT /auth/{providerID}` (`auth.set`). */
export const authSet = /* @__PURE__ */ (() => ({
  id: "auth.set",
  method: "PUT",
  path: "/auth/{providerID}",
  api: "v1",
  pathParams: [{ name: "providerID", idPrefix: undefined, schema: Schema.String }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: Auth },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Successfully set authentication credentials" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `DELETE /auth/{providerID}` (`auth.remove`). */
export const authRemove = /* @__PURE__ */ (() => ({
  id: "auth.remove",
  method: "DELETE",
  path: "/auth/{providerID}",
  api: "v1",
  pathParams: [{ name: "providerID", idPrefix: undefined, schema: Schema.String }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Successfully removed authentication credentials" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /log` (`app.log`). */
export const appLog = /* @__PURE__ */ (() => ({
  id: "app.log",
  method: "POST",
  path: "/log",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "service": Schema.String.annotate({ "description": "Service name for the log entry" }), "level": Schema.Literals(["debug", "info", "error", "warn"]).annotate({ "description": "Log level" }), "message": Schema.String.annotate({ "description": "Log message" }), "extra": Schema.optionalKey(Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Log entry written successfully" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /experimental/control-plane/move-session` (`experimental.controlPlane.moveSession`). */
export const experimentalControlPlaneMoveSession = /* @__PURE__ */ (() => ({
  id: "experimental.controlPlane.moveSession",
  method: "POST",
  path: "/experimental/control-plane/move-session",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "sessionID": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" })), "destination": MoveSessionDestination, "moveChanges": Schema.optionalKey(Schema.Boolean) })) },
  success: { status: 204, kind: "none" },
  errors: { 400: /* @__PURE__ */ lazy(() => Schema.Union([MoveSessionError, InvalidRequestError])) }
} as const satisfies Operation))()

/** `GET /global/health` (`global.health`). */
export const globalHealth = /* @__PURE__ */ (() => ({
  id: "global.health",
  method: "GET",
  path: "/global/health",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "healthy": Schema.Literal(true), "version": Schema.String }).annotate({ "description": "Health information" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /global/event` (`global.event`). */
export const globalEvent = /* @__PURE__ */ (() => ({
  id: "global.event",
  method: "GET",
  path: "/global/event",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "sse", contentType: "text/event-stream", schema: GlobalEvent },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /global/config` (`global.config.get`). */
export const globalConfigGet = /* @__PURE__ */ (() => ({
  id: "global.config.get",
  method: "GET",
  path: "/global/config",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Config },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `PATCH /global/config` (`global.config.update`). */
export const globalConfigUpdate = /* @__PURE__ */ (() => ({
  id: "global.config.update",
  method: "PATCH",
  path: "/global/config",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: Config },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Config },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /global/dispose` (`global.dispose`). */
export const globalDispose = /* @__PURE__ */ (() => ({
  id: "global.dispose",
  method: "POST",
  path: "/global/dispose",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Global disposed" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /global/upgrade` (`global.upgrade`). */
export const globalUpgrade = /* @__PURE__ */ (() => ({
  id: "global.upgrade",
  method: "POST",
  path: "/global/upgrade",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "target": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Union([Schema.Struct({ "success": Schema.Literal(true), "version": Schema.String }), Schema.Struct({ "success": Schema.Literal(false), "error": Schema.String })]).annotate({ "description": "Upgrade result" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /event` (`event.subscribe`). */
export const eventSubscribe = /* @__PURE__ */ (() => ({
  id: "event.subscribe",
  method: "GET",
  path: "/event",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "sse", contentType: "text/event-stream", schema: Event },
  errors: {  }
} as const satisfies Operation))()

/** `GET /config` (`config.get`). */
export const configGet = /* @__PURE__ */ (() => ({
  id: "config.get",
  method: "GET",
  path: "/config",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Config },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `PATCH /config` (`config.update`). */
export const configUpdate = /* @__PURE__ */ (() => ({
  id: "config.update",
  method: "PATCH",
  path: "/config",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: Config },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Config },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /config/providers` (`config.providers`). */
export const configProviders = /* @__PURE__ */ (() => ({
  id: "config.providers",
  method: "GET",
  path: "/config/providers",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "providers": Schema.Array(Provider), "default": Schema.Record(Schema.String, Schema.String) }).annotate({ "description": "List of providers" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /experimental/capabilities` (`experimental.capabilities.get`). */
export const experimentalCapabilitiesGet = /* @__PURE__ */ (() => ({
  id: "experimental.capabilities.get",
  method: "GET",
  path: "/experimental/capabilities",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: ExperimentalCapabilities },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /experimental/console` (`experimental.console.get`). */
export const experimentalConsoleGet = /* @__PURE__ */ (() => ({
  id: "experimental.console.get",
  method: "GET",
  path: "/experimental/console",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: ConsoleState },
  errors: { 400: BadRequestError, 500: Effect_HttpApiError_InternalServerError }
} as const satisfies Operation))()

/** `GET /experimental/console/orgs` (`experimental.console.listOrgs`). */
export const experimentalConsoleListOrgs = /* @__PURE__ */ (() => ({
  id: "experimental.console.listOrgs",
  method: "GET",
  path: "/experimental/console/orgs",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "orgs": Schema.Array(Schema.Struct({ "accountID": Schema.String, "accountEmail": Schema.String, "accountUrl": Schema.String, "orgID": Schema.String, "orgName": Schema.String, "active": Schema.Boolean })) }).annotate({ "description": "Switchable Console orgs" })) },
  errors: { 400: BadRequestError, 500: Effect_HttpApiError_InternalServerError }
} as const satisfies Operation))()

/** `POST /experimental/console/switch` (`experimental.console.switchOrg`). */
export const experimentalConsoleSwitchOrg = /* @__PURE__ */ (() => ({
  id: "experimental.console.switchOrg",
  method: "POST",
  path: "/experimental/console/switch",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "accountID": Schema.String, "orgID": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Switch success" })) },
  errors: {  }
} as const satisfies Operation))()

/** `GET /experimental/tool` (`tool.list`). */
export const toolList = /* @__PURE__ */ (() => ({
  id: "tool.list",
  method: "GET",
  path: "/experimental/tool",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "provider": Schema.String, "model": Schema.String })),
  requiredQuery: ["provider", "model"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: ToolList },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /experimental/tool/ids` (`tool.ids`). */
export const toolIds = /* @__PURE__ */ (() => ({
  id: "tool.ids",
  method: "GET",
  path: "/experimental/tool/ids",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: ToolIDs },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /experimental/worktree` (`worktree.list`). */
export const worktreeList = /* @__PURE__ */ (() => ({
  id: "worktree.list",
  method: "GET",
  path: "/experimental/worktree",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.String).annotate({ "description": "List of worktree directories" })) },
  errors: { 400: shared$3 }
} as const satisfies Operation))()

/** `POST /experimental/worktree` (`worktree.create`). */
export const worktreeCreate = /* @__PURE__ */ (() => ({
  id: "worktree.create",
  method: "POST",
  path: "/experimental/worktree",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: WorktreeCreateInput },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Worktree },
  errors: { 400: shared$3 }
} as const satisfies Operation))()

/** `DELETE /experimental/worktree` (`worktree.remove`). */
export const worktreeRemove = /* @__PURE__ */ (() => ({
  id: "worktree.remove",
  method: "DELETE",
  path: "/experimental/worktree",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: WorktreeRemoveInput },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Worktree removed" })) },
  errors: { 400: shared$3 }
} as const satisfies Operation))()

/** `POST /experimental/worktree/reset` (`worktree.reset`). */
export const worktreeReset = /* @__PURE__ */ (() => ({
  id: "worktree.reset",
  method: "POST",
  path: "/experimental/worktree/reset",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: WorktreeResetInput },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Worktree reset" })) },
  errors: { 400: shared$3 }
} as const satisfies Operation))()

/** `GET /experimental/session` (`experimental.session.list`). */
export const experimentalSessionList = /* @__PURE__ */ (() => ({
  id: "experimental.session.list",
  method: "GET",
  path: "/experimental/session",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "roots": Schema.optionalKey(Schema.Union([Schema.Boolean, Schema.Literals(["true", "false"])])), "start": Schema.optionalKey(Schema.Finite), "cursor": Schema.optionalKey(Schema.Finite), "search": Schema.optionalKey(Schema.String), "limit": Schema.optionalKey(Schema.Finite), "archived": Schema.optionalKey(Schema.Union([Schema.Boolean, Schema.Literals(["true", "false"])])) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(GlobalSession).annotate({ "description": "List of sessions" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /experimental/session/{sessionID}/background` (`experimental.session.background`). */
export const experimentalSessionBackground = /* @__PURE__ */ (() => ({
  id: "experimental.session.background",
  method: "POST",
  path: "/experimental/session/{sessionID}/background",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Backgrounded subagents" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /experimental/resource` (`experimental.resource.list`). */
export const experimentalResourceList = /* @__PURE__ */ (() => ({
  id: "experimental.resource.list",
  method: "GET",
  path: "/experimental/resource",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, McpResource).annotate({ "description": "MCP resources" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /find` (`find.text`). */
export const findText = /* @__PURE__ */ (() => ({
  id: "find.text",
  method: "GET",
  path: "/find",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "pattern": Schema.String })),
  requiredQuery: ["pattern"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.Struct({ "path": Schema.Struct({ "text": Schema.String }), "lines": Schema.Struct({ "text": Schema.String }), "line_number": Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })), "absolute_offset": Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })), "submatches": Schema.Array(Schema.Struct({ "match": Schema.Struct({ "text": Schema.String }), "start": Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })), "end": Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })) })) })).annotate({ "description": "Matches" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /find/file` (`find.files`). */
export const findFiles = /* @__PURE__ */ (() => ({
  id: "find.files",
  method: "GET",
  path: "/find/file",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "query": Schema.String, "dirs": Schema.optionalKey(Schema.Literals(["true", "false"])), "type": Schema.optionalKey(Schema.Literals(["file", "directory"])), "limit": Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1).annotate({ "expected": "a value greater than or equal to 1" })).check(Schema.isLessThanOrEqualTo(200).annotate({ "expected": "a value less than or equal to 200" }))) })),
  requiredQuery: ["query"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.String).annotate({ "description": "File paths" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /find/symbol` (`find.symbols`). */
export const findSymbols = /* @__PURE__ */ (() => ({
  id: "find.symbols",
  method: "GET",
  path: "/find/symbol",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "query": Schema.String })),
  requiredQuery: ["query"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Symbol).annotate({ "description": "Symbols" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /file` (`file.list`). */
export const fileList = /* @__PURE__ */ (() => ({
  id: "file.list",
  method: "GET",
  path: "/file",
  api: "v1",
  pathParams: [],
  query: shared$5,
  requiredQuery: ["path"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(FileNode).annotate({ "description": "Files and directories" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /file/content` (`file.read`). */
export const fileRead = /* @__PURE__ */ (() => ({
  id: "file.read",
  method: "GET",
  path: "/file/content",
  api: "v1",
  pathParams: [],
  query: shared$5,
  requiredQuery: ["path"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: FileContent },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /file/status` (`file.status`). */
export const fileStatus = /* @__PURE__ */ (() => ({
  id: "file.status",
  method: "GET",
  path: "/file/status",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(File).annotate({ "description": "File status" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /instance/dispose` (`instance.dispose`). */
export const instanceDispose = /* @__PURE__ */ (() => ({
  id: "instance.dispose",
  method: "POST",
  path: "/instance/dispose",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Instance disposed" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /path` (`path.get`). */
export const pathGet = /* @__PURE__ */ (() => ({
  id: "path.get",
  method: "GET",
  path: "/path",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Path },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /vcs` (`vcs.get`). */
export const vcsGet = /* @__PURE__ */ (() => ({
  id: "vcs.get",
  method: "GET",
  path: "/vcs",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: VcsInfo },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /vcs/status` (`vcs.status`). */
export const vcsStatus = /* @__PURE__ */ (() => ({
  id: "vcs.status",
  method: "GET",
  path: "/vcs/status",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(VcsFileStatus).annotate({ "description": "VCS status" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /vcs/diff` (`vcs.diff`). */
export const vcsDiff = /* @__PURE__ */ (() => ({
  id: "vcs.diff",
  method: "GET",
  path: "/vcs/diff",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "mode": Schema.Literals(["git", "branch"]), "context": Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" }))) })),
  requiredQuery: ["mode"],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(VcsFileDiff).annotate({ "description": "VCS diff" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /vcs/diff/raw` (`vcs.diff.raw`). */
export const vcsDiffRaw = /* @__PURE__ */ (() => ({
  id: "vcs.diff.raw",
  method: "GET",
  path: "/vcs/diff/raw",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "text", contentType: "text/x-diff", schema: Schema.String },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /vcs/apply` (`vcs.apply`). */
export const vcsApply = /* @__PURE__ */ (() => ({
  id: "vcs.apply",
  method: "POST",
  path: "/vcs/apply",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "patch": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "applied": Schema.Boolean }).annotate({ "description": "VCS patch applied" })) },
  errors: { 400: /* @__PURE__ */ lazy(() => Schema.Union([VcsApplyError, InvalidRequestError])) }
} as const satisfies Operation))()

/** `GET /command` (`command.list`). */
export const commandList = /* @__PURE__ */ (() => ({
  id: "command.list",
  method: "GET",
  path: "/command",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Command).annotate({ "description": "List of commands" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /agent` (`app.agents`). */
export const appAgents = /* @__PURE__ */ (() => ({
  id: "app.agents",
  method: "GET",
  path: "/agent",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Agent).annotate({ "description": "List of agents" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /skill` (`app.skills`). */
export const appSkills = /* @__PURE__ */ (() => ({
  id: "app.skills",
  method: "GET",
  path: "/skill",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.Struct({ "name": Schema.String, "description": Schema.optionalKey(Schema.String), "location": Schema.String, "content": Schema.String })).annotate({ "description": "List of skills" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /lsp` (`lsp.status`). */
export const lspStatus = /* @__PURE__ */ (() => ({
  id: "lsp.status",
  method: "GET",
  path: "/lsp",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(LSPStatus).annotate({ "description": "LSP server status" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /formatter` (`formatter.status`). */
export const formatterStatus = /* @__PURE__ */ (() => ({
  id: "formatter.status",
  method: "GET",
  path: "/formatter",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(FormatterStatus).annotate({ "description": "Formatter status" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /mcp` (`mcp.status`). */
export const mcpStatus = /* @__PURE__ */ (() => ({
  id: "mcp.status",
  method: "GET",
  path: "/mcp",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, MCPStatus).annotate({ "description": "MCP server status" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /mcp` (`mcp.add`). */
export const mcpAdd = /* @__PURE__ */ (() => ({
  id: "mcp.add",
  method: "POST",
  path: "/mcp",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "name": Schema.String, "config": Schema.Union([McpLocalConfig, McpRemoteConfig]) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, MCPStatus).annotate({ "description": "MCP server added successfully" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /mcp/{name}/auth` (`mcp.auth.start`). */
export const mcpAuthStart = /* @__PURE__ */ (() => ({
  id: "mcp.auth.start",
  method: "POST",
  path: "/mcp/{name}/auth",
  api: "v1",
  pathParams: [{ name: "name", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "authorizationUrl": Schema.String, "oauthState": Schema.String }).annotate({ "description": "OAuth flow started" })) },
  errors: { 400: shared$6, 404: McpServerNotFoundError }
} as const satisfies Operation))()

/** `DELETE /mcp/{name}/auth` (`mcp.auth.remove`). */
export const mcpAuthRemove = /* @__PURE__ */ (() => ({
  id: "mcp.auth.remove",
  method: "DELETE",
  path: "/mcp/{name}/auth",
  api: "v1",
  pathParams: [{ name: "name", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "success": Schema.Literal(true) }).annotate({ "description": "OAuth credentials removed" })) },
  errors: { 400: BadRequestError, 404: McpServerNotFoundError }
} as const satisfies Operation))()

/** `POST /mcp/{name}/auth/callback` (`mcp.auth.callback`). */
export const mcpAuthCallback = /* @__PURE__ */ (() => ({
  id: "mcp.auth.callback",
  method: "POST",
  path: "/mcp/{name}/auth/callback",
  api: "v1",
  pathParams: [{ name: "name", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "code": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: MCPStatus },
  errors: { 400: shared$1, 404: McpServerNotFoundError }
} as const satisfies Operation))()

/** `POST /mcp/{name}/auth/authenticate` (`mcp.auth.authenticate`). */
export const mcpAuthAuthenticate = /* @__PURE__ */ (() => ({
  id: "mcp.auth.authenticate",
  method: "POST",
  path: "/mcp/{name}/auth/authenticate",
  api: "v1",
  pathParams: [{ name: "name", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: MCPStatus },
  errors: { 400: shared$6, 404: McpServerNotFoundError }
} as const satisfies Operation))()

/** `POST /mcp/{name}/connect` (`mcp.connect`). */
export const mcpConnect = /* @__PURE__ */ (() => ({
  id: "mcp.connect",
  method: "POST",
  path: "/mcp/{name}/connect",
  api: "v1",
  pathParams: [{ name: "name", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "MCP server connected successfully" })) },
  errors: { 400: BadRequestError, 404: McpServerNotFoundError }
} as const satisfies Operation))()

/** `POST /mcp/{name}/disconnect` (`mcp.disconnect`). */
export const mcpDisconnect = /* @__PURE__ */ (() => ({
  id: "mcp.disconnect",
  method: "POST",
  path: "/mcp/{name}/disconnect",
  api: "v1",
  pathParams: [{ name: "name", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "MCP server disconnected successfully" })) },
  errors: { 400: BadRequestError, 404: McpServerNotFoundError }
} as const satisfies Operation))()

/** `GET /project` (`project.list`). */
export const projectList = /* @__PURE__ */ (() => ({
  id: "project.list",
  method: "GET",
  path: "/project",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Project).annotate({ "description": "List of projects" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /project/current` (`project.current`). */
export const projectCurrent = /* @__PURE__ */ (() => ({
  id: "project.current",
  method: "GET",
  path: "/project/current",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Project },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /project/git/init` (`project.initGit`). */
export const projectInitGit = /* @__PURE__ */ (() => ({
  id: "project.initGit",
  method: "POST",
  path: "/project/git/init",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Project },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `PATCH /project/{projectID}` (`project.update`). */
export const projectUpdate = /* @__PURE__ */ (() => ({
  id: "project.update",
  method: "PATCH",
  path: "/project/{projectID}",
  api: "v1",
  pathParams: [{ name: "projectID", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "name": Schema.optionalKey(Schema.String), "icon": Schema.optionalKey(ProjectIcon), "commands": Schema.optionalKey(ProjectCommands) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Project },
  errors: { 400: shared$1, 404: ProjectNotFoundError }
} as const satisfies Operation))()

/** `GET /project/{projectID}/directories` (`project.directories`). */
export const projectDirectories = /* @__PURE__ */ (() => ({
  id: "project.directories",
  method: "GET",
  path: "/project/{projectID}/directories",
  api: "v1",
  pathParams: [{ name: "projectID", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: ProjectDirectories },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /experimental/project/{projectID}/copy/generate-name` (`experimental.projectCopy.generateName`). */
export const experimentalProjectCopyGenerateName = /* @__PURE__ */ (() => ({
  id: "experimental.projectCopy.generateName",
  method: "POST",
  path: "/experimental/project/{projectID}/copy/generate-name",
  api: "v1",
  pathParams: [{ name: "projectID", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "context": Schema.optionalKey(Schema.String) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "name": Schema.String })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /pty/shells` (`pty.shells`). */
export const ptyShells = /* @__PURE__ */ (() => ({
  id: "pty.shells",
  method: "GET",
  path: "/pty/shells",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.Struct({ "path": Schema.String, "name": Schema.String, "acceptable": Schema.Boolean })).annotate({ "description": "List of shells" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /pty` (`pty.list`). */
export const ptyList = /* @__PURE__ */ (() => ({
  id: "pty.list",
  method: "GET",
  path: "/pty",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Pty).annotate({ "description": "List of sessions" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /pty` (`pty.create`). */
export const ptyCreate = /* @__PURE__ */ (() => ({
  id: "pty.create",
  method: "POST",
  path: "/pty",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: shared$7 },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Pty },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /pty/{ptyID}` (`pty.get`). */
export const ptyGet = /* @__PURE__ */ (() => ({
  id: "pty.get",
  method: "GET",
  path: "/pty/{ptyID}",
  api: "v1",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Pty },
  errors: { 400: BadRequestError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `PUT /pty/{ptyID}` (`pty.update`). */
export const ptyUpdate = /* @__PURE__ */ (() => ({
  id: "pty.update",
  method: "PUT",
  path: "/pty/{ptyID}",
  api: "v1",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: shared$9 },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Pty },
  errors: { 400: shared$1, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `DELETE /pty/{ptyID}` (`pty.remove`). */
export const ptyRemove = /* @__PURE__ */ (() => ({
  id: "pty.remove",
  method: "DELETE",
  path: "/pty/{ptyID}",
  api: "v1",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Session removed" })) },
  errors: { 400: BadRequestError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `POST /pty/{ptyID}/connect-token` (`pty.connectToken`). */
export const ptyConnectToken = /* @__PURE__ */ (() => ({
  id: "pty.connectToken",
  method: "POST",
  path: "/pty/{ptyID}/connect-token",
  api: "v1",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: PtyTicketConnectToken },
  errors: { 400: BadRequestError, 403: PtyForbiddenError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `GET /question` (`question.list`). */
export const questionList = /* @__PURE__ */ (() => ({
  id: "question.list",
  method: "GET",
  path: "/question",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(QuestionRequest).annotate({ "description": "List of pending questions" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /question/{requestID}/reply` (`question.reply`). */
export const questionReply = /* @__PURE__ */ (() => ({
  id: "question.reply",
  method: "POST",
  path: "/question/{requestID}/reply",
  api: "v1",
  pathParams: [{ name: "requestID", idPrefix: "que", schema: shared$10 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "answers": Schema.Array(QuestionAnswer).annotate({ "description": "User answers in order of questions (each answer is an array of selected labels)" }) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Question answered successfully" })) },
  errors: { 400: shared$1, 404: QuestionNotFoundError }
} as const satisfies Operation))()

/** `POST /question/{requestID}/reject` (`question.reject`). */
export const questionReject = /* @__PURE__ */ (() => ({
  id: "question.reject",
  method: "POST",
  path: "/question/{requestID}/reject",
  api: "v1",
  pathParams: [{ name: "requestID", idPrefix: "que", schema: shared$10 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Question rejected successfully" })) },
  errors: { 400: shared$1, 404: QuestionNotFoundError }
} as const satisfies Operation))()

/** `GET /permission` (`permission.list`). */
export const permissionList = /* @__PURE__ */ (() => ({
  id: "permission.list",
  method: "GET",
  path: "/permission",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(PermissionRequest).annotate({ "description": "List of pending permissions" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /permission/{requestID}/reply` (`permission.reply`). */
export const permissionReply = /* @__PURE__ */ (() => ({
  id: "permission.reply",
  method: "POST",
  path: "/permission/{requestID}/reply",
  api: "v1",
  pathParams: [{ name: "requestID", idPrefix: "per", schema: shared$12 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "reply": Schema.Literals(["once", "always", "reject"]), "message": Schema.optionalKey(Schema.String) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$11 },
  errors: { 400: shared$1, 404: PermissionNotFoundError }
} as const satisfies Operation))()

/** `GET /provider` (`provider.list`). */
export const providerList = /* @__PURE__ */ (() => ({
  id: "provider.list",
  method: "GET",
  path: "/provider",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "all": Schema.Array(Provider), "default": Schema.Record(Schema.String, Schema.String), "connected": Schema.Array(Schema.String) }).annotate({ "description": "List of providers" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /provider/auth` (`provider.auth`). */
export const providerAuth = /* @__PURE__ */ (() => ({
  id: "provider.auth",
  method: "GET",
  path: "/provider/auth",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, Schema.Array(ProviderAuthMethod)).annotate({ "description": "Provider auth methods" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /provider/{providerID}/oauth/authorize` (`provider.oauth.authorize`). */
export const providerOauthAuthorize = /* @__PURE__ */ (() => ({
  id: "provider.oauth.authorize",
  method: "POST",
  path: "/provider/{providerID}/oauth/authorize",
  api: "v1",
  pathParams: [{ name: "providerID", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "method": Schema.Number.annotate({ "description": "Auth method index" }).check(Schema.isFinite().annotate({ "expected": "a finite number" })), "inputs": Schema.optionalKey(Schema.Record(Schema.String, Schema.String)) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: ProviderAuthAuthorization },
  errors: { 400: shared$13 }
} as const satisfies Operation))()

/** `POST /provider/{providerID}/oauth/callback` (`provider.oauth.callback`). */
export const providerOauthCallback = /* @__PURE__ */ (() => ({
  id: "provider.oauth.callback",
  method: "POST",
  path: "/provider/{providerID}/oauth/callback",
  api: "v1",
  pathParams: [{ name: "providerID", idPrefix: undefined, schema: Schema.String }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "method": Schema.Number.annotate({ "description": "Auth method index" }).check(Schema.isFinite().annotate({ "expected": "a finite number" })), "code": Schema.optionalKey(Schema.String) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "OAuth callback processed successfully" })) },
  errors: { 400: shared$13 }
} as const satisfies Operation))()

/** `GET /session` (`session.list`). */
export const sessionList = /* @__PURE__ */ (() => ({
  id: "session.list",
  method: "GET",
  path: "/session",
  api: "v1",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "scope": Schema.optionalKey(Schema.Literal("project")), "path": Schema.optionalKey(Schema.String), "roots": Schema.optionalKey(Schema.Union([Schema.Boolean, Schema.Literals(["true", "false"])])), "start": Schema.optionalKey(Schema.Finite), "search": Schema.optionalKey(Schema.String), "limit": Schema.optionalKey(Schema.Finite) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Session).annotate({ "description": "List of sessions" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /session` (`session.create`). */
export const sessionCreate = /* @__PURE__ */ (() => ({
  id: "session.create",
  method: "POST",
  path: "/session",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "parentID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" }))), "title": Schema.optionalKey(Schema.String), "agent": Schema.optionalKey(Schema.String), "model": Schema.optionalKey(Schema.Struct({ "id": Schema.String, "providerID": Schema.String, "variant": Schema.optionalKey(Schema.String) })), "metadata": Schema.optionalKey(Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))), "permission": Schema.optionalKey(PermissionRuleset), "workspaceID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^wrk", "u")).annotate({ "expected": "a string matching the RegExp ^wrk" }))) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /session/status` (`session.status`). */
export const sessionStatus = /* @__PURE__ */ (() => ({
  id: "session.status",
  method: "GET",
  path: "/session/status",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, SessionStatus).annotate({ "description": "Get session status" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `GET /session/{sessionID}` (`session.get`). */
export const sessionGet = /* @__PURE__ */ (() => ({
  id: "session.get",
  method: "GET",
  path: "/session/{sessionID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `DELETE /session/{sessionID}` (`session.delete`). */
export const sessionDelete = /* @__PURE__ */ (() => ({
  id: "session.delete",
  method: "DELETE",
  path: "/session/{sessionID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "true", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Successfully deleted session" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `PATCH /session/{sessionID}` (`session.update`). */
export const sessionUpdate = /* @__PURE__ */ (() => ({
  id: "session.update",
  method: "PATCH",
  path: "/session/{sessionID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "title": Schema.optionalKey(Schema.String), "metadata": Schema.optionalKey(Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))), "permission": Schema.optionalKey(PermissionRuleset), "time": Schema.optionalKey(Schema.Struct({ "archived": Schema.optionalKey(Schema.Finite) })) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /session/{sessionID}/children` (`session.children`). */
export const sessionChildren = /* @__PURE__ */ (() => ({
  id: "session.children",
  method: "GET",
  path: "/session/{sessionID}/children",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Session).annotate({ "description": "List of children" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /session/{sessionID}/todo` (`session.todo`). */
export const sessionTodo = /* @__PURE__ */ (() => ({
  id: "session.todo",
  method: "GET",
  path: "/session/{sessionID}/todo",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Todo).annotate({ "description": "Todo list" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /session/{sessionID}/diff` (`session.diff`). */
export const sessionDiff = /* @__PURE__ */ (() => ({
  id: "session.diff",
  method: "GET",
  path: "/session/{sessionID}/diff",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "messageID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" }))) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(SnapshotFileDiff).annotate({ "description": "Successfully retrieved diff" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /session/{sessionID}/message` (`session.messages`). */
export const sessionMessages = /* @__PURE__ */ (() => ({
  id: "session.messages",
  method: "GET",
  path: "/session/{sessionID}/message",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "limit": Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })).check(Schema.isLessThanOrEqualTo(9007199254740991).annotate({ "expected": "a value less than or equal to 9007199254740991" }))), "before": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.Struct({ "info": Message, "parts": Schema.Array(Part) })).annotate({ "description": "List of messages" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/message` (`session.prompt`). */
export const sessionPrompt = /* @__PURE__ */ (() => ({
  id: "session.prompt",
  method: "POST",
  path: "/session/{sessionID}/message",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: shared$14 },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "info": Message, "parts": Schema.Array(Part) })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /session/{sessionID}/message/{messageID}` (`session.message`). */
export const sessionMessage = /* @__PURE__ */ (() => ({
  id: "session.message",
  method: "GET",
  path: "/session/{sessionID}/message/{messageID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "messageID", idPrefix: "msg", schema: shared$15 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "info": Message, "parts": Schema.Array(Part) }).annotate({ "description": "Message" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `DELETE /session/{sessionID}/message/{messageID}` (`session.deleteMessage`). */
export const sessionDeleteMessage = /* @__PURE__ */ (() => ({
  id: "session.deleteMessage",
  method: "DELETE",
  path: "/session/{sessionID}/message/{messageID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "messageID", idPrefix: "msg", schema: shared$15 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Successfully deleted message" })) },
  errors: { 400: shared$1, 404: NotFoundError, 409: SessionBusyError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/fork` (`session.fork`). */
export const sessionFork = /* @__PURE__ */ (() => ({
  id: "session.fork",
  method: "POST",
  path: "/session/{sessionID}/fork",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "messageID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" }))) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/abort` (`session.abort`). */
export const sessionAbort = /* @__PURE__ */ (() => ({
  id: "session.abort",
  method: "POST",
  path: "/session/{sessionID}/abort",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "true", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Aborted session" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/init` (`session.init`). */
export const sessionInit = /* @__PURE__ */ (() => ({
  id: "session.init",
  method: "POST",
  path: "/session/{sessionID}/init",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "modelID": Schema.String, "providerID": Schema.String, "messageID": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" })) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "200" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/share` (`session.share`). */
export const sessionShare = /* @__PURE__ */ (() => ({
  id: "session.share",
  method: "POST",
  path: "/session/{sessionID}/share",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: BadRequestError, 404: NotFoundError, 500: Effect_HttpApiError_InternalServerError }
} as const satisfies Operation))()

/** `DELETE /session/{sessionID}/share` (`session.unshare`). */
export const sessionUnshare = /* @__PURE__ */ (() => ({
  id: "session.unshare",
  method: "DELETE",
  path: "/session/{sessionID}/share",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: BadRequestError, 404: NotFoundError, 500: Effect_HttpApiError_InternalServerError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/summarize` (`session.summarize`). */
export const sessionSummarize = /* @__PURE__ */ (() => ({
  id: "session.summarize",
  method: "POST",
  path: "/session/{sessionID}/summarize",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "providerID": Schema.String, "modelID": Schema.String, "auto": Schema.optionalKey(Schema.Boolean) })) },
  success: { status: 200, kind: "true", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Summarized session" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/prompt_async` (`session.prompt_async`). */
export const sessionPromptAsync = /* @__PURE__ */ (() => ({
  id: "session.prompt_async",
  method: "POST",
  path: "/session/{sessionID}/prompt_async",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: shared$14 },
  success: { status: 204, kind: "none" },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/command` (`session.command`). */
export const sessionCommand = /* @__PURE__ */ (() => ({
  id: "session.command",
  method: "POST",
  path: "/session/{sessionID}/command",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "messageID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" }))), "agent": Schema.optionalKey(Schema.String), "model": Schema.optionalKey(Schema.String), "arguments": Schema.String, "command": Schema.String, "variant": Schema.optionalKey(Schema.String), "parts": Schema.optionalKey(Schema.Array(Schema.Struct({ "id": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^prt", "u")).annotate({ "expected": "a string matching the RegExp ^prt" }))), "type": Schema.Literal("file"), "mime": Schema.String, "filename": Schema.optionalKey(Schema.String), "url": Schema.String, "source": Schema.optionalKey(FilePartSource) }))) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "info": AssistantMessage, "parts": Schema.Array(Part) })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/shell` (`session.shell`). */
export const sessionShell = /* @__PURE__ */ (() => ({
  id: "session.shell",
  method: "POST",
  path: "/session/{sessionID}/shell",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "messageID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" }))), "agent": Schema.String, "model": Schema.optionalKey(Schema.Struct({ "providerID": Schema.String, "modelID": Schema.String })), "command": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "info": Message, "parts": Schema.Array(Part) }).annotate({ "description": "Created message" })) },
  errors: { 400: shared$1, 404: NotFoundError, 409: SessionBusyError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/revert` (`session.revert`). */
export const sessionRevert = /* @__PURE__ */ (() => ({
  id: "session.revert",
  method: "POST",
  path: "/session/{sessionID}/revert",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "messageID": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg", "u")).annotate({ "expected": "a string matching the RegExp ^msg" })), "partID": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^prt", "u")).annotate({ "expected": "a string matching the RegExp ^prt" }))) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: shared$1, 404: NotFoundError, 409: SessionBusyError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/unrevert` (`session.unrevert`). */
export const sessionUnrevert = /* @__PURE__ */ (() => ({
  id: "session.unrevert",
  method: "POST",
  path: "/session/{sessionID}/unrevert",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Session },
  errors: { 400: shared$1, 404: NotFoundError, 409: SessionBusyError }
} as const satisfies Operation))()

/** `POST /session/{sessionID}/permissions/{permissionID}` (`permission.respond`). */
export const permissionRespond = /* @__PURE__ */ (() => ({
  id: "permission.respond",
  method: "POST",
  path: "/session/{sessionID}/permissions/{permissionID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "permissionID", idPrefix: "per", schema: shared$12 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "response": Schema.Literals(["once", "always", "reject"]) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$11 },
  errors: { 400: shared$1, 404: /* @__PURE__ */ lazy(() => Schema.Union([NotFoundError, PermissionNotFoundError])) }
} as const satisfies Operation))()

/** `DELETE /session/{sessionID}/message/{messageID}/part/{partID}` (`part.delete`). */
export const partDelete = /* @__PURE__ */ (() => ({
  id: "part.delete",
  method: "DELETE",
  path: "/session/{sessionID}/message/{messageID}/part/{partID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "messageID", idPrefix: "msg", schema: shared$15 }, { name: "partID", idPrefix: "prt", schema: shared$16 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Successfully deleted part" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `PATCH /session/{sessionID}/message/{messageID}/part/{partID}` (`part.update`). */
export const partUpdate = /* @__PURE__ */ (() => ({
  id: "part.update",
  method: "PATCH",
  path: "/session/{sessionID}/message/{messageID}/part/{partID}",
  api: "v1",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "messageID", idPrefix: "msg", schema: shared$15 }, { name: "partID", idPrefix: "prt", schema: shared$16 }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: Part },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Part },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `POST /sync/start` (`sync.start`). */
export const syncStart = /* @__PURE__ */ (() => ({
  id: "sync.start",
  method: "POST",
  path: "/sync/start",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Workspace sync started" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /sync/replay` (`sync.replay`). */
export const syncReplay = /* @__PURE__ */ (() => ({
  id: "sync.replay",
  method: "POST",
  path: "/sync/replay",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.String, "events": Schema.Array(Schema.Struct({ "id": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^evt_", "u")).annotate({ "expected": "a string matching the RegExp ^evt_" })), "aggregateID": Schema.String, "seq": Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })), "type": Schema.String, "data": Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" })) })).check(Schema.isMinLength(1).annotate({ "expected": "a value with a length of at least 1" })) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "sessionID": Schema.String }).annotate({ "description": "Replayed sync events" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /sync/steal` (`sync.steal`). */
export const syncSteal = /* @__PURE__ */ (() => ({
  id: "sync.steal",
  method: "POST",
  path: "/sync/steal",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "sessionID": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" })) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "sessionID": Ids.SessionID }).annotate({ "description": "Session stolen into workspace" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /sync/history` (`sync.history.list`). */
export const syncHistoryList = /* @__PURE__ */ (() => ({
  id: "sync.history.list",
  method: "POST",
  path: "/sync/history",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Record(Schema.String, Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })))) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.Struct({ "id": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^evt_", "u")).annotate({ "expected": "a string matching the RegExp ^evt_" })), "aggregate_id": Schema.String, "seq": Schema.Int.check(Schema.isGreaterThanOrEqualTo(0).annotate({ "expected": "a value greater than or equal to 0" })), "type": Schema.String, "data": Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" })) })).annotate({ "description": "Sync events" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /tui/append-prompt` (`tui.appendPrompt`). */
export const tuiAppendPrompt = /* @__PURE__ */ (() => ({
  id: "tui.appendPrompt",
  method: "POST",
  path: "/tui/append-prompt",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "text": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Prompt processed successfully" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /tui/open-help` (`tui.openHelp`). */
export const tuiOpenHelp = /* @__PURE__ */ (() => ({
  id: "tui.openHelp",
  method: "POST",
  path: "/tui/open-help",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Help dialog opened successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/open-sessions` (`tui.openSessions`). */
export const tuiOpenSessions = /* @__PURE__ */ (() => ({
  id: "tui.openSessions",
  method: "POST",
  path: "/tui/open-sessions",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Session dialog opened successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/open-themes` (`tui.openThemes`). */
export const tuiOpenThemes = /* @__PURE__ */ (() => ({
  id: "tui.openThemes",
  method: "POST",
  path: "/tui/open-themes",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Theme dialog opened successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/open-models` (`tui.openModels`). */
export const tuiOpenModels = /* @__PURE__ */ (() => ({
  id: "tui.openModels",
  method: "POST",
  path: "/tui/open-models",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Model dialog opened successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/submit-prompt` (`tui.submitPrompt`). */
export const tuiSubmitPrompt = /* @__PURE__ */ (() => ({
  id: "tui.submitPrompt",
  method: "POST",
  path: "/tui/submit-prompt",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Prompt submitted successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/clear-prompt` (`tui.clearPrompt`). */
export const tuiClearPrompt = /* @__PURE__ */ (() => ({
  id: "tui.clearPrompt",
  method: "POST",
  path: "/tui/clear-prompt",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Prompt cleared successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/execute-command` (`tui.executeCommand`). */
export const tuiExecuteCommand = /* @__PURE__ */ (() => ({
  id: "tui.executeCommand",
  method: "POST",
  path: "/tui/execute-command",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "command": Schema.String })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Command executed successfully" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /tui/show-toast` (`tui.showToast`). */
export const tuiShowToast = /* @__PURE__ */ (() => ({
  id: "tui.showToast",
  method: "POST",
  path: "/tui/show-toast",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "title": Schema.optionalKey(Schema.String), "message": Schema.String, "variant": Schema.Literals(["info", "success", "warning", "error"]), "duration": Schema.optionalKey(Schema.Int.check(Schema.isGreaterThan(0).annotate({ "expected": "a value greater than 0" }))) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Toast notification shown successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/publish` (`tui.publish`). */
export const tuiPublish = /* @__PURE__ */ (() => ({
  id: "tui.publish",
  method: "POST",
  path: "/tui/publish",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Union([EventTuiPromptAppend, EventTuiCommandExecute, EventTuiToastShow, EventTuiSessionSelect])) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Event published successfully" })) },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /tui/select-session` (`tui.selectSession`). */
export const tuiSelectSession = /* @__PURE__ */ (() => ({
  id: "tui.selectSession",
  method: "POST",
  path: "/tui/select-session",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "sessionID": Schema.String.annotate({ "description": "Session ID to navigate to" }).check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" })) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Session selected successfully" })) },
  errors: { 400: shared$1, 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /tui/control/next` (`tui.control.next`). */
export const tuiControlNext = /* @__PURE__ */ (() => ({
  id: "tui.control.next",
  method: "GET",
  path: "/tui/control/next",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "path": Schema.String, "body": Schema.Json.annotate({ "expected": "JSON value" }) }).annotate({ "description": "Next TUI request" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /tui/control/response` (`tui.control.response`). */
export const tuiControlResponse = /* @__PURE__ */ (() => ({
  id: "tui.control.response",
  method: "POST",
  path: "/tui/control/response",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Json.annotate({ "expected": "JSON value" })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Boolean.annotate({ "description": "Response submitted successfully" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /experimental/workspace/adapter` (`experimental.workspace.adapter.list`). */
export const experimentalWorkspaceAdapterList = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.adapter.list",
  method: "GET",
  path: "/experimental/workspace/adapter",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Schema.Struct({ "type": Schema.String, "name": Schema.String, "description": Schema.String })).annotate({ "description": "Workspace adapters" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /experimental/workspace` (`experimental.workspace.list`). */
export const experimentalWorkspaceList = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.list",
  method: "GET",
  path: "/experimental/workspace",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(Workspace).annotate({ "description": "Workspaces" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `POST /experimental/workspace` (`experimental.workspace.create`). */
export const experimentalWorkspaceCreate = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.create",
  method: "POST",
  path: "/experimental/workspace",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "id": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^wrk", "u")).annotate({ "expected": "a string matching the RegExp ^wrk" }))), "type": Schema.String, "branch": Schema.optionalKey(Schema.Union([Schema.String, Schema.Null])), "extra": Schema.optionalKey(Schema.Union([Schema.Json.annotate({ "expected": "JSON value" }), Schema.Null])) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: Workspace },
  errors: { 400: /* @__PURE__ */ lazy(() => Schema.Union([WorkspaceCreateError, Effect_HttpApiError_BadRequest, InvalidRequestError])) }
} as const satisfies Operation))()

/** `POST /experimental/workspace/sync-list` (`experimental.workspace.syncList`). */
export const experimentalWorkspaceSyncList = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.syncList",
  method: "POST",
  path: "/experimental/workspace/sync-list",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `GET /experimental/workspace/status` (`experimental.workspace.status`). */
export const experimentalWorkspaceStatus = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.status",
  method: "GET",
  path: "/experimental/workspace/status",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Array(WorkspaceEventConnectionStatus).annotate({ "description": "Workspace status" })) },
  errors: { 400: BadRequestError }
} as const satisfies Operation))()

/** `DELETE /experimental/workspace/{id}` (`experimental.workspace.remove`). */
export const experimentalWorkspaceRemove = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.remove",
  method: "DELETE",
  path: "/experimental/workspace/{id}",
  api: "v1",
  pathParams: [{ name: "id", idPrefix: "wrk", schema: /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^wrk", "u")).annotate({ "expected": "a string matching the RegExp ^wrk" }))) }],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: Workspace },
  errors: { 400: shared$1 }
} as const satisfies Operation))()

/** `POST /experimental/workspace/warp` (`experimental.workspace.warp`). */
export const experimentalWorkspaceWarp = /* @__PURE__ */ (() => ({
  id: "experimental.workspace.warp",
  method: "POST",
  path: "/experimental/workspace/warp",
  api: "v1",
  pathParams: [],
  query: shared$2,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "id": Schema.Union([Schema.String.check(Schema.isPattern(new globalThis.RegExp("^wrk", "u")).annotate({ "expected": "a string matching the RegExp ^wrk" })), Schema.Null]), "sessionID": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" })), "copyChanges": Schema.optionalKey(Schema.Boolean) })) },
  success: { status: 204, kind: "none" },
  errors: { 400: /* @__PURE__ */ lazy(() => Schema.Union([WorkspaceWarpError, VcsApplyError, InvalidRequestError])), 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /api/health` (`v2.health.get`). */
export const v2HealthGet = /* @__PURE__ */ (() => ({
  id: "v2.health.get",
  method: "GET",
  path: "/api/health",
  api: "v2",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "healthy": Schema.Literal(true) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/location` (`v2.location.get`). */
export const v2LocationGet = /* @__PURE__ */ (() => ({
  id: "v2.location.get",
  method: "GET",
  path: "/api/location",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: LocationInfo },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/agent` (`v2.agent.list`). */
export const v2AgentList = /* @__PURE__ */ (() => ({
  id: "v2.agent.list",
  method: "GET",
  path: "/api/agent",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(AgentV2Info) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/session` (`v2.session.list`). */
export const v2SessionList = /* @__PURE__ */ (() => ({
  id: "v2.session.list",
  method: "GET",
  path: "/api/session",
  api: "v2",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "workspace": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^wrk", "u")).annotate({ "expected": "a string matching the RegExp ^wrk" }))), "limit": Schema.optionalKey(Schema.Finite), "order": Schema.optionalKey(Schema.Literals(["asc", "desc"])), "search": Schema.optionalKey(Schema.String), "directory": Schema.optionalKey(Schema.String), "project": Schema.optionalKey(Schema.String), "subpath": Schema.optionalKey(Schema.String), "cursor": Schema.optionalKey(Schema.String.annotate({ "description": "Opaque pagination cursor returned as cursor.previous or cursor.next in the previous response." })) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: SessionsResponse },
  errors: { 400: /* @__PURE__ */ lazy(() => Schema.Union([InvalidCursorError, InvalidRequestError, InvalidRequestError])), 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /api/session` (`v2.session.create`). */
export const v2SessionCreate = /* @__PURE__ */ (() => ({
  id: "v2.session.create",
  method: "POST",
  path: "/api/session",
  api: "v2",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "id": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" }))), "agent": Schema.optionalKey(Schema.String), "model": Schema.optionalKey(ModelRef), "location": Schema.optionalKey(LocationRef) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$18 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/session/active` (`v2.session.active`). */
export const v2SessionActive = /* @__PURE__ */ (() => ({
  id: "v2.session.active",
  method: "GET",
  path: "/api/session/active",
  api: "v2",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": Schema.Record(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^ses", "u")).annotate({ "expected": "a string matching the RegExp ^ses" })), SessionActive) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}` (`v2.session.get`). */
export const v2SessionGet = /* @__PURE__ */ (() => ({
  id: "v2.session.get",
  method: "GET",
  path: "/api/session/{sessionID}",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$18 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/agent` (`v2.session.switchAgent`). */
export const v2SessionSwitchAgent = /* @__PURE__ */ (() => ({
  id: "v2.session.switchAgent",
  method: "POST",
  path: "/api/session/{sessionID}/agent",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "agent": Schema.String })) },
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/model` (`v2.session.switchModel`). */
export const v2SessionSwitchModel = /* @__PURE__ */ (() => ({
  id: "v2.session.switchModel",
  method: "POST",
  path: "/api/session/{sessionID}/model",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "model": ModelRef })) },
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/prompt` (`v2.session.prompt`). */
export const v2SessionPrompt = /* @__PURE__ */ (() => ({
  id: "v2.session.prompt",
  method: "POST",
  path: "/api/session/{sessionID}/prompt",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "id": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg_", "u")).annotate({ "expected": "a string matching the RegExp ^msg_" }))), "prompt": PromptInput, "delivery": Schema.optionalKey(Schema.Literals(["steer", "queue"])), "resume": Schema.optionalKey(Schema.Boolean) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": SessionInputAdmitted })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19, 409: ConflictError }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/compact` (`v2.session.compact`). */
export const v2SessionCompact = /* @__PURE__ */ (() => ({
  id: "v2.session.compact",
  method: "POST",
  path: "/api/session/{sessionID}/compact",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19, 503: ServiceUnavailableError }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/wait` (`v2.session.wait`). */
export const v2SessionWait = /* @__PURE__ */ (() => ({
  id: "v2.session.wait",
  method: "POST",
  path: "/api/session/{sessionID}/wait",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19, 503: ServiceUnavailableError }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/revert/stage` (`v2.session.revert.stage`). */
export const v2SessionRevertStage = /* @__PURE__ */ (() => ({
  id: "v2.session.revert.stage",
  method: "POST",
  path: "/api/session/{sessionID}/revert/stage",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "messageID": Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg_", "u")).annotate({ "expected": "a string matching the RegExp ^msg_" })), "files": Schema.optionalKey(Schema.Boolean) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": RevertState })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$20, 500: UnknownError1 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/revert/clear` (`v2.session.revert.clear`). */
export const v2SessionRevertClear = /* @__PURE__ */ (() => ({
  id: "v2.session.revert.clear",
  method: "POST",
  path: "/api/session/{sessionID}/revert/clear",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19, 500: UnknownError1 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/revert/commit` (`v2.session.revert.commit`). */
export const v2SessionRevertCommit = /* @__PURE__ */ (() => ({
  id: "v2.session.revert.commit",
  method: "POST",
  path: "/api/session/{sessionID}/revert/commit",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/context` (`v2.session.context`). */
export const v2SessionContext = /* @__PURE__ */ (() => ({
  id: "v2.session.context",
  method: "GET",
  path: "/api/session/{sessionID}/context",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": Schema.Array(SessionMessage) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19, 500: UnknownError1 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/history` (`v2.session.history`). */
export const v2SessionHistory = /* @__PURE__ */ (() => ({
  id: "v2.session.history",
  method: "GET",
  path: "/api/session/{sessionID}/history",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "limit": Schema.optionalKey(Schema.String), "after": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: SessionHistory },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/event` (`v2.session.events`). */
export const v2SessionEvents = /* @__PURE__ */ (() => ({
  id: "v2.session.events",
  method: "GET",
  path: "/api/session/{sessionID}/event",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "after": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "sse", contentType: "text/event-stream", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "id": Schema.String, "event": Schema.String, "data": SessionDurableEventStream })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/interrupt` (`v2.session.interrupt`). */
export const v2SessionInterrupt = /* @__PURE__ */ (() => ({
  id: "v2.session.interrupt",
  method: "POST",
  path: "/api/session/{sessionID}/interrupt",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/message/{messageID}` (`v2.session.message`). */
export const v2SessionMessage = /* @__PURE__ */ (() => ({
  id: "v2.session.message",
  method: "GET",
  path: "/api/session/{sessionID}/message/{messageID}",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "messageID", idPrefix: "msg", schema: /* @__PURE__ */ lazy(() => Schema.String.check(Schema.isPattern(new globalThis.RegExp("^msg_", "u")).annotate({ "expected": "a string matching the RegExp ^msg_" }))) }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": SessionMessage })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$20 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/message` (`v2.session.messages`). */
export const v2SessionMessages = /* @__PURE__ */ (() => ({
  id: "v2.session.messages",
  method: "GET",
  path: "/api/session/{sessionID}/message",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "limit": Schema.optionalKey(Schema.Finite), "order": Schema.optionalKey(Schema.Literals(["asc", "desc"])), "cursor": Schema.optionalKey(Schema.String.annotate({ "description": "Opaque pagination cursor returned as cursor.previous or cursor.next in the previous response. Do not combine with order." })) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: SessionMessagesResponse },
  errors: { 400: /* @__PURE__ */ lazy(() => Schema.Union([InvalidCursorError, InvalidRequestError])), 401: UnauthorizedError, 404: shared$19, 500: UnknownError1 }
} as const satisfies Operation))()

/** `GET /api/model` (`v2.model.list`). */
export const v2ModelList = /* @__PURE__ */ (() => ({
  id: "v2.model.list",
  method: "GET",
  path: "/api/model",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(ModelV2Info) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 503: ServiceUnavailableError }
} as const satisfies Operation))()

/** `GET /api/provider` (`v2.provider.list`). */
export const v2ProviderList = /* @__PURE__ */ (() => ({
  id: "v2.provider.list",
  method: "GET",
  path: "/api/provider",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(ProviderV2Info) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 503: ServiceUnavailableError }
} as const satisfies Operation))()

/** `GET /api/provider/{providerID}` (`v2.provider.get`). */
export const v2ProviderGet = /* @__PURE__ */ (() => ({
  id: "v2.provider.get",
  method: "GET",
  path: "/api/provider/{providerID}",
  api: "v2",
  pathParams: [{ name: "providerID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": ProviderV2Info })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: ProviderNotFoundError, 503: ServiceUnavailableError }
} as const satisfies Operation))()

/** `GET /api/integration` (`v2.integration.list`). */
export const v2IntegrationList = /* @__PURE__ */ (() => ({
  id: "v2.integration.list",
  method: "GET",
  path: "/api/integration",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(IntegrationInfo) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/integration/{integrationID}` (`v2.integration.get`). */
export const v2IntegrationGet = /* @__PURE__ */ (() => ({
  id: "v2.integration.get",
  method: "GET",
  path: "/api/integration/{integrationID}",
  api: "v2",
  pathParams: [{ name: "integrationID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Union([IntegrationInfo, Schema.Null]) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /api/integration/{integrationID}/connect/key` (`v2.integration.connect.key`). */
export const v2IntegrationConnectKey = /* @__PURE__ */ (() => ({
  id: "v2.integration.connect.key",
  method: "POST",
  path: "/api/integration/{integrationID}/connect/key",
  api: "v2",
  pathParams: [{ name: "integrationID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "key": Schema.String, "label": Schema.optionalKey(Schema.String) })) },
  success: { status: 204, kind: "none" },
  errors: { 400: shared$21, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /api/integration/{integrationID}/connect/oauth` (`v2.integration.connect.oauth`). */
export const v2IntegrationConnectOauth = /* @__PURE__ */ (() => ({
  id: "v2.integration.connect.oauth",
  method: "POST",
  path: "/api/integration/{integrationID}/connect/oauth",
  api: "v2",
  pathParams: [{ name: "integrationID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "methodID": Schema.String, "inputs": Schema.Record(Schema.String, Schema.String), "label": Schema.optionalKey(Schema.String) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": IntegrationAttempt })) },
  errors: { 400: shared$21, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/integration/attempt/{attemptID}` (`v2.integration.attempt.status`). */
export const v2IntegrationAttemptStatus = /* @__PURE__ */ (() => ({
  id: "v2.integration.attempt.status",
  method: "GET",
  path: "/api/integration/attempt/{attemptID}",
  api: "v2",
  pathParams: [{ name: "attemptID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": IntegrationAttemptStatus })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `DELETE /api/integration/attempt/{attemptID}` (`v2.integration.attempt.cancel`). */
export const v2IntegrationAttemptCancel = /* @__PURE__ */ (() => ({
  id: "v2.integration.attempt.cancel",
  method: "DELETE",
  path: "/api/integration/attempt/{attemptID}",
  api: "v2",
  pathParams: [{ name: "attemptID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /api/integration/attempt/{attemptID}/complete` (`v2.integration.attempt.complete`). */
export const v2IntegrationAttemptComplete = /* @__PURE__ */ (() => ({
  id: "v2.integration.attempt.complete",
  method: "POST",
  path: "/api/integration/attempt/{attemptID}/complete",
  api: "v2",
  pathParams: [{ name: "attemptID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "code": Schema.optionalKey(Schema.String) })) },
  success: { status: 204, kind: "none" },
  errors: { 400: shared$21, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `PATCH /api/credential/{credentialID}` (`v2.credential.update`). */
export const v2CredentialUpdate = /* @__PURE__ */ (() => ({
  id: "v2.credential.update",
  method: "PATCH",
  path: "/api/credential/{credentialID}",
  api: "v2",
  pathParams: [{ name: "credentialID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "label": Schema.String })) },
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `DELETE /api/credential/{credentialID}` (`v2.credential.remove`). */
export const v2CredentialRemove = /* @__PURE__ */ (() => ({
  id: "v2.credential.remove",
  method: "DELETE",
  path: "/api/credential/{credentialID}",
  api: "v2",
  pathParams: [{ name: "credentialID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/permission/request` (`v2.permission.request.list`). */
export const v2PermissionRequestList = /* @__PURE__ */ (() => ({
  id: "v2.permission.request.list",
  method: "GET",
  path: "/api/permission/request",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(PermissionV2Request) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/permission/saved` (`v2.permission.saved.list`). */
export const v2PermissionSavedList = /* @__PURE__ */ (() => ({
  id: "v2.permission.saved.list",
  method: "GET",
  path: "/api/permission/saved",
  api: "v2",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "projectID": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": Schema.Array(PermissionSavedInfo) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `DELETE /api/permission/saved/{id}` (`v2.permission.saved.remove`). */
export const v2PermissionSavedRemove = /* @__PURE__ */ (() => ({
  id: "v2.permission.saved.remove",
  method: "DELETE",
  path: "/api/permission/saved/{id}",
  api: "v2",
  pathParams: [{ name: "id", idPrefix: undefined, schema: Schema.String }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/permission` (`v2.session.permission.create`). */
export const v2SessionPermissionCreate = /* @__PURE__ */ (() => ({
  id: "v2.session.permission.create",
  method: "POST",
  path: "/api/session/{sessionID}/permission",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "id": Schema.optionalKey(Schema.String.check(Schema.isPattern(new globalThis.RegExp("^per", "u")).annotate({ "expected": "a string matching the RegExp ^per" }))), "action": Schema.String, "resources": Schema.Array(Schema.String), "save": Schema.optionalKey(Schema.Array(Schema.String)), "metadata": Schema.optionalKey(Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))), "source": Schema.optionalKey(PermissionV2Source), "agent": Schema.optionalKey(Schema.String) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": Schema.Struct({ "id": Ids.PermissionID, "effect": PermissionV2Effect }) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/permission` (`v2.session.permission.list`). */
export const v2SessionPermissionList = /* @__PURE__ */ (() => ({
  id: "v2.session.permission.list",
  method: "GET",
  path: "/api/session/{sessionID}/permission",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": Schema.Array(PermissionV2Request) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/permission/{requestID}` (`v2.session.permission.get`). */
export const v2SessionPermissionGet = /* @__PURE__ */ (() => ({
  id: "v2.session.permission.get",
  method: "GET",
  path: "/api/session/{sessionID}/permission/{requestID}",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "requestID", idPrefix: "per", schema: shared$12 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": PermissionV2Request })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$22 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/permission/{requestID}/reply` (`v2.session.permission.reply`). */
export const v2SessionPermissionReply = /* @__PURE__ */ (() => ({
  id: "v2.session.permission.reply",
  method: "POST",
  path: "/api/session/{sessionID}/permission/{requestID}/reply",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "requestID", idPrefix: "per", schema: shared$12 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "reply": PermissionV2Reply, "message": Schema.optionalKey(Schema.String) })) },
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$22 }
} as const satisfies Operation))()

/** `GET /api/fs/read/*` (`v2.fs.read`). */
export const v2FsRead = /* @__PURE__ */ (() => ({
  id: "v2.fs.read",
  method: "GET",
  path: "/api/fs/read/*",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "binary", contentType: "application/octet-stream", schema: Schema.String },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/fs/list` (`v2.fs.list`). */
export const v2FsList = /* @__PURE__ */ (() => ({
  id: "v2.fs.list",
  method: "GET",
  path: "/api/fs/list",
  api: "v2",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": Schema.optionalKey(Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String) })), "path": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$23 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/fs/find` (`v2.fs.find`). */
export const v2FsFind = /* @__PURE__ */ (() => ({
  id: "v2.fs.find",
  method: "GET",
  path: "/api/fs/find",
  api: "v2",
  pathParams: [],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": Schema.optionalKey(Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String) })), "query": Schema.String, "type": Schema.optionalKey(Schema.Literals(["file", "directory"])), "limit": Schema.optionalKey(Schema.String) })),
  requiredQuery: ["query"],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$23 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/command` (`v2.command.list`). */
export const v2CommandList = /* @__PURE__ */ (() => ({
  id: "v2.command.list",
  method: "GET",
  path: "/api/command",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(CommandV2Info) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/skill` (`v2.skill.list`). */
export const v2SkillList = /* @__PURE__ */ (() => ({
  id: "v2.skill.list",
  method: "GET",
  path: "/api/skill",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(SkillV2Info) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/event` (`v2.event.subscribe`). */
export const v2EventSubscribe = /* @__PURE__ */ (() => ({
  id: "v2.event.subscribe",
  method: "GET",
  path: "/api/event",
  api: "v2",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "sse", contentType: "text/event-stream", schema: V2Event },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/pty` (`v2.pty.list`). */
export const v2PtyList = /* @__PURE__ */ (() => ({
  id: "v2.pty.list",
  method: "GET",
  path: "/api/pty",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(Pty) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /api/pty` (`v2.pty.create`). */
export const v2PtyCreate = /* @__PURE__ */ (() => ({
  id: "v2.pty.create",
  method: "POST",
  path: "/api/pty",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: true, schema: shared$7 },
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$24 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/pty/{ptyID}` (`v2.pty.get`). */
export const v2PtyGet = /* @__PURE__ */ (() => ({
  id: "v2.pty.get",
  method: "GET",
  path: "/api/pty/{ptyID}",
  api: "v2",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$24 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `PUT /api/pty/{ptyID}` (`v2.pty.update`). */
export const v2PtyUpdate = /* @__PURE__ */ (() => ({
  id: "v2.pty.update",
  method: "PUT",
  path: "/api/pty/{ptyID}",
  api: "v2",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: true, schema: shared$9 },
  success: { status: 200, kind: "json", contentType: "application/json", schema: shared$24 },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `DELETE /api/pty/{ptyID}` (`v2.pty.remove`). */
export const v2PtyRemove = /* @__PURE__ */ (() => ({
  id: "v2.pty.remove",
  method: "DELETE",
  path: "/api/pty/{ptyID}",
  api: "v2",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `POST /api/pty/{ptyID}/connect-token` (`v2.pty.connectToken`). */
export const v2PtyConnectToken = /* @__PURE__ */ (() => ({
  id: "v2.pty.connectToken",
  method: "POST",
  path: "/api/pty/{ptyID}/connect-token",
  api: "v2",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": PtyTicketConnectToken })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 403: ForbiddenError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `GET /api/pty/{ptyID}/connect` (`v2.pty.connect`). */
export const v2PtyConnect = /* @__PURE__ */ (() => ({
  id: "v2.pty.connect",
  method: "GET",
  path: "/api/pty/{ptyID}/connect",
  api: "v2",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "location[directory]": Schema.optionalKey(Schema.String), "location[workspace]": Schema.optionalKey(Schema.String), "cursor": Schema.optionalKey(Schema.String), "ticket": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "websocket" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 403: ForbiddenError, 404: PtyNotFoundError }
} as const satisfies Operation))()

/** `GET /api/question/request` (`v2.question.request.list`). */
export const v2QuestionRequestList = /* @__PURE__ */ (() => ({
  id: "v2.question.request.list",
  method: "GET",
  path: "/api/question/request",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(QuestionV2Request) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `GET /api/session/{sessionID}/question` (`v2.session.question.list`). */
export const v2SessionQuestionList = /* @__PURE__ */ (() => ({
  id: "v2.session.question.list",
  method: "GET",
  path: "/api/session/{sessionID}/question",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "data": Schema.Array(QuestionV2Request) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$19 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/question/{requestID}/reply` (`v2.session.question.reply`). */
export const v2SessionQuestionReply = /* @__PURE__ */ (() => ({
  id: "v2.session.question.reply",
  method: "POST",
  path: "/api/session/{sessionID}/question/{requestID}/reply",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "requestID", idPrefix: "que", schema: shared$10 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: { contentType: "application/json", required: true, schema: QuestionV2Reply },
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$25 }
} as const satisfies Operation))()

/** `POST /api/session/{sessionID}/question/{requestID}/reject` (`v2.session.question.reject`). */
export const v2SessionQuestionReject = /* @__PURE__ */ (() => ({
  id: "v2.session.question.reject",
  method: "POST",
  path: "/api/session/{sessionID}/question/{requestID}/reject",
  api: "v2",
  pathParams: [{ name: "sessionID", idPrefix: "ses", schema: shared$4 }, { name: "requestID", idPrefix: "que", schema: shared$10 }],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError, 404: shared$25 }
} as const satisfies Operation))()

/** `GET /api/reference` (`v2.reference.list`). */
export const v2ReferenceList = /* @__PURE__ */ (() => ({
  id: "v2.reference.list",
  method: "GET",
  path: "/api/reference",
  api: "v2",
  pathParams: [],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "location": LocationInfo, "data": Schema.Array(ReferenceInfo) })) },
  errors: { 400: InvalidRequestError, 401: UnauthorizedError }
} as const satisfies Operation))()

/** `POST /experimental/project/{projectID}/copy` (`v2.projectCopy.create`). */
export const v2ProjectCopyCreate = /* @__PURE__ */ (() => ({
  id: "v2.projectCopy.create",
  method: "POST",
  path: "/experimental/project/{projectID}/copy",
  api: "v1",
  pathParams: [{ name: "projectID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "strategy": Schema.String, "directory": Schema.String, "name": Schema.optionalKey(Schema.String) })) },
  success: { status: 200, kind: "json", contentType: "application/json", schema: ProjectCopyCopy },
  errors: { 400: shared$26 }
} as const satisfies Operation))()

/** `DELETE /experimental/project/{projectID}/copy` (`v2.projectCopy.remove`). */
export const v2ProjectCopyRemove = /* @__PURE__ */ (() => ({
  id: "v2.projectCopy.remove",
  method: "DELETE",
  path: "/experimental/project/{projectID}/copy",
  api: "v1",
  pathParams: [{ name: "projectID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: { contentType: "application/json", required: false, schema: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.String, "force": Schema.Boolean })) },
  success: { status: 204, kind: "none" },
  errors: { 400: shared$26 }
} as const satisfies Operation))()

/** `POST /experimental/project/{projectID}/copy/refresh` (`v2.projectCopy.refresh`). */
export const v2ProjectCopyRefresh = /* @__PURE__ */ (() => ({
  id: "v2.projectCopy.refresh",
  method: "POST",
  path: "/experimental/project/{projectID}/copy/refresh",
  api: "v1",
  pathParams: [{ name: "projectID", idPrefix: undefined, schema: Schema.String }],
  query: shared$17,
  requiredQuery: [],
  deepObjectQuery: ["location"],
  body: undefined,
  success: { status: 204, kind: "none" },
  errors: { 400: shared$26 }
} as const satisfies Operation))()

/** `GET /pty/{ptyID}/connect` (`pty.connect`). */
export const ptyConnect = /* @__PURE__ */ (() => ({
  id: "pty.connect",
  method: "GET",
  path: "/pty/{ptyID}/connect",
  api: "v1",
  pathParams: [{ name: "ptyID", idPrefix: "pty", schema: shared$8 }],
  query: /* @__PURE__ */ lazy(() => Schema.Struct({ "directory": Schema.optionalKey(Schema.String), "workspace": Schema.optionalKey(Schema.String), "cursor": Schema.optionalKey(Schema.String), "ticket": Schema.optionalKey(Schema.String) })),
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "websocket" },
  errors: { 403: Effect_HttpApiError_Forbidden, 404: NotFoundError }
} as const satisfies Operation))()

/** `GET /doc` (`app.doc`). */
export const appDoc = /* @__PURE__ */ (() => ({
  id: "app.doc",
  method: "GET",
  path: "/doc",
  api: "v1",
  pathParams: [],
  query: shared$0,
  requiredQuery: [],
  deepObjectQuery: [],
  body: undefined,
  success: { status: 200, kind: "json", contentType: "application/json", schema: /* @__PURE__ */ lazy(() => Schema.StructWithRest(Schema.Struct({ "openapi": Schema.String, "info": Schema.optionalKey(Schema.StructWithRest(Schema.Struct({ "title": Schema.optionalKey(Schema.String), "version": Schema.optionalKey(Schema.String) }), [Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))])), "paths": Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))) }), [Schema.Record(Schema.String, Schema.Json.annotate({ "expected": "JSON value" }))])) },
  errors: {  }
} as const satisfies Operation))()

/** What the server does beyond any one operation (from the patch file). */
export const serverFacts = {"unknownRoute":{"status":200,"contentType":"text/html"},"unauthorized":{"status":401,"body":"empty","header":"www-authenticate: Basic"}} as const satisfies ServerFacts
