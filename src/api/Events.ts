// GENERATED FILE: do not edit by hand.
// Written by `npm run generate` (scripts/generate.ts) from spec/opencode-1.18.33.openapi.json
// and our patch file spec/opencode-1.18.33.patch.json; change those and regenerate.
// `npm test` fails while this file differs from what they generate.

import * as Schemas from "./Schemas.ts"

/** The `models-dev.refreshed` member of `Event` (`Schemas.EventModels_devRefreshed`). */
export const ModelsDevRefreshed = Schemas.EventModels_devRefreshed
/** The decoded type of {@link ModelsDevRefreshed}. */
export type ModelsDevRefreshed = Schemas.EventModels_devRefreshed
/** The `integration.updated` member of `Event` (`Schemas.EventIntegrationUpdated`). */
export const IntegrationUpdated = Schemas.EventIntegrationUpdated
/** The decoded type of {@link IntegrationUpdated}. */
export type IntegrationUpdated = Schemas.EventIntegrationUpdated
/** The `integration.connection.updated` member of `Event` (`Schemas.EventIntegrationConnectionUpdated`). */
export const IntegrationConnectionUpdated = Schemas.EventIntegrationConnectionUpdated
/** The decoded type of {@link IntegrationConnectionUpdated}. */
export type IntegrationConnectionUpdated = Schemas.EventIntegrationConnectionUpdated
/** The `catalog.updated` member of `Event` (`Schemas.EventCatalogUpdated`). */
export const CatalogUpdated = Schemas.EventCatalogUpdated
/** The decoded type of {@link CatalogUpdated}. */
export type CatalogUpdated = Schemas.EventCatalogUpdated
/** The `session.created` member of `Event` (`Schemas.EventSessionCreated`). */
export const SessionCreated = Schemas.EventSessionCreated
/** The decoded type of {@link SessionCreated}. */
export type SessionCreated = Schemas.EventSessionCreated
/** The `session.updated` member of `Event` (`Schemas.EventSessionUpdated`). */
export const SessionUpdated = Schemas.EventSessionUpdated
/** The decoded type of {@link SessionUpdated}. */
export type SessionUpdated = Schemas.EventSessionUpdated
/** The `session.deleted` member of `Event` (`Schemas.EventSessionDeleted`). */
export const SessionDeleted = Schemas.EventSessionDeleted
/** The decoded type of {@link SessionDeleted}. */
export type SessionDeleted = Schemas.EventSessionDeleted
/** The `message.updated` member of `Event` (`Schemas.EventMessageUpdated`). */
export const MessageUpdated = Schemas.EventMessageUpdated
/** The decoded type of {@link MessageUpdated}. */
export type MessageUpdated = Schemas.EventMessageUpdated
/** The `message.removed` member of `Event` (`Schemas.EventMessageRemoved`). */
export const MessageRemoved = Schemas.EventMessageRemoved
/** The decoded type of {@link MessageRemoved}. */
export type MessageRemoved = Schemas.EventMessageRemoved
/** The `message.part.updated` member of `Event` (`Schemas.EventMessagePartUpdated`). */
export const MessagePartUpdated = Schemas.EventMessagePartUpdated
/** The decoded type of {@link MessagePartUpdated}. */
export type MessagePartUpdated = Schemas.EventMessagePartUpdated
/** The `message.part.removed` member of `Event` (`Schemas.EventMessagePartRemoved`). */
export const MessagePartRemoved = Schemas.EventMessagePartRemoved
/** The decoded type of {@link MessagePartRemoved}. */
export type MessagePartRemoved = Schemas.EventMessagePartRemoved
/** The `session.next.agent.switched` member of `Event` (`Schemas.EventSessionNextAgentSwitched`). */
export const SessionNextAgentSwitched = Schemas.EventSessionNextAgentSwitched
/** The decoded type of {@link SessionNextAgentSwitched}. */
export type SessionNextAgentSwitched = Schemas.EventSessionNextAgentSwitched
/** The `session.next.model.switched` member of `Event` (`Schemas.EventSessionNextModelSwitched`). */
export const SessionNextModelSwitched = Schemas.EventSessionNextModelSwitched
/** The decoded type of {@link SessionNextModelSwitched}. */
export type SessionNextModelSwitched = Schemas.EventSessionNextModelSwitched
/** The `session.next.moved` member of `Event` (`Schemas.EventSessionNextMoved`). */
export const SessionNextMoved = Schemas.EventSessionNextMoved
/** The decoded type of {@link SessionNextMoved}. */
export type SessionNextMoved = Schemas.EventSessionNextMoved
/** The `session.next.prompted` member of `Event` (`Schemas.EventSessionNextPrompted`). */
export const SessionNextPrompted = Schemas.EventSessionNextPrompted
/** The decoded type of {@link SessionNextPrompted}. */
export type SessionNextPrompted = Schemas.EventSessionNextPrompted
/** The `session.next.prompt.admitted` member of `Event` (`Schemas.EventSessionNextPromptAdmitted`). */
export const SessionNextPromptAdmitted = Schemas.EventSessionNextPromptAdmitted
/** The decoded type of {@link SessionNextPromptAdmitted}. */
export type SessionNextPromptAdmitted = Schemas.EventSessionNextPromptAdmitted
/** The `session.next.context.updated` member of `Event` (`Schemas.EventSessionNextContextUpdated`). */
export const SessionNextContextUpdated = Schemas.EventSessionNextContextUpdated
/** The decoded type of {@link SessionNextContextUpdated}. */
export type SessionNextContextUpdated = Schemas.EventSessionNextContextUpdated
/** The `session.next.synthetic` member of `Event` (`Schemas.EventSessionNextSynthetic`). */
export const SessionNextSynthetic = Schemas.EventSessionNextSynthetic
/** The decoded type of {@link SessionNextSynthetic}. */
export type SessionNextSynthetic = Schemas.EventSessionNextSynthetic
/** The `session.next.shell.started` member of `Event` (`Schemas.EventSessionNextShellStarted`). */
export const SessionNextShellStarted = Schemas.EventSessionNextShellStarted
/** The decoded type of {@link SessionNextShellStarted}. */
export type SessionNextShellStarted = Schemas.EventSessionNextShellStarted
/** The `session.next.shell.ended` member of `Event` (`Schemas.EventSessionNextShellEnded`). */
export const SessionNextShellEnded = Schemas.EventSessionNextShellEnded
/** The decoded type of {@link SessionNextShellEnded}. */
export type SessionNextShellEnded = Schemas.EventSessionNextShellEnded
/** The `session.next.step.started` member of `Event` (`Schemas.EventSessionNextStepStarted`). */
export const SessionNextStepStarted = Schemas.EventSessionNextStepStarted
/** The decoded type of {@link SessionNextStepStarted}. */
export type SessionNextStepStarted = Schemas.EventSessionNextStepStarted
/** The `session.next.step.ended` member of `Event` (`Schemas.EventSessionNextStepEnded`). */
export const SessionNextStepEnded = Schemas.EventSessionNextStepEnded
/** The decoded type of {@link SessionNextStepEnded}. */
export type SessionNextStepEnded = Schemas.EventSessionNextStepEnded
/** The `session.next.step.failed` member of `Event` (`Schemas.EventSessionNextStepFailed`). */
export const SessionNextStepFailed = Schemas.EventSessionNextStepFailed
/** The decoded type of {@link SessionNextStepFailed}. */
export type SessionNextStepFailed = Schemas.EventSessionNextStepFailed
/** The `session.next.text.started` member of `Event` (`Schemas.EventSessionNextTextStarted`). */
export const SessionNextTextStarted = Schemas.EventSessionNextTextStarted
/** The decoded type of {@link SessionNextTextStarted}. */
export type SessionNextTextStarted = Schemas.EventSessionNextTextStarted
/** The `session.next.text.delta` member of `Event` (`Schemas.EventSessionNextTextDelta`). */
export const SessionNextTextDelta = Schemas.EventSessionNextTextDelta
/** The decoded type of {@link SessionNextTextDelta}. */
export type SessionNextTextDelta = Schemas.EventSessionNextTextDelta
/** The `session.next.text.ended` member of `Event` (`Schemas.EventSessionNextTextEnded`). */
export const SessionNextTextEnded = Schemas.EventSessionNextTextEnded
/** The decoded type of {@link SessionNextTextEnded}. */
export type SessionNextTextEnded = Schemas.EventSessionNextTextEnded
/** The `session.next.reasoning.started` member of `Event` (`Schemas.EventSessionNextReasoningStarted`). */
export const SessionNextReasoningStarted = Schemas.EventSessionNextReasoningStarted
/** The decoded type of {@link SessionNextReasoningStarted}. */
export type SessionNextReasoningStarted = Schemas.EventSessionNextReasoningStarted
/** The `session.next.reasoning.delta` member of `Event` (`Schemas.EventSessionNextReasoningDelta`). */
export const SessionNextReasoningDelta = Schemas.EventSessionNextReasoningDelta
/** The decoded type of {@link SessionNextReasoningDelta}. */
export type SessionNextReasoningDelta = Schemas.EventSessionNextReasoningDelta
/** The `session.next.reasoning.ended` member of `Event` (`Schemas.EventSessionNextReasoningEnded`). */
export const SessionNextReasoningEnded = Schemas.EventSessionNextReasoningEnded
/** The decoded type of {@link SessionNextReasoningEnded}. */
export type SessionNextReasoningEnded = Schemas.EventSessionNextReasoningEnded
/** The `session.next.tool.input.started` member of `Event` (`Schemas.EventSessionNextToolInputStarted`). */
export const SessionNextToolInputStarted = Schemas.EventSessionNextToolInputStarted
/** The decoded type of {@link SessionNextToolInputStarted}. */
export type SessionNextToolInputStarted = Schemas.EventSessionNextToolInputStarted
/** The `session.next.tool.input.delta` member of `Event` (`Schemas.EventSessionNextToolInputDelta`). */
export const SessionNextToolInputDelta = Schemas.EventSessionNextToolInputDelta
/** The decoded type of {@link SessionNextToolInputDelta}. */
export type SessionNextToolInputDelta = Schemas.EventSessionNextToolInputDelta
/** The `session.next.tool.input.ended` member of `Event` (`Schemas.EventSessionNextToolInputEnded`). */
export const SessionNextToolInputEnded = Schemas.EventSessionNextToolInputEnded
/** The decoded type of {@link SessionNextToolInputEnded}. */
export type SessionNextToolInputEnded = Schemas.EventSessionNextToolInputEnded
/** The `session.next.tool.called` member of `Event` (`Schemas.EventSessionNextToolCalled`). */
export const SessionNextToolCalled = Schemas.EventSessionNextToolCalled
/** The decoded type of {@link SessionNextToolCalled}. */
export type SessionNextToolCalled = Schemas.EventSessionNextToolCalled
/** The `session.next.tool.progress` member of `Event` (`Schemas.EventSessionNextToolProgress`). */
export const SessionNextToolProgress = Schemas.EventSessionNextToolProgress
/** The decoded type of {@link SessionNextToolProgress}. */
export type SessionNextToolProgress = Schemas.EventSessionNextToolProgress
/** The `session.next.tool.success` member of `Event` (`Schemas.EventSessionNextToolSuccess`). */
export const SessionNextToolSuccess = Schemas.EventSessionNextToolSuccess
/** The decoded type of {@link SessionNextToolSuccess}. */
export type SessionNextToolSuccess = Schemas.EventSessionNextToolSuccess
/** The `session.next.tool.failed` member of `Event` (`Schemas.EventSessionNextToolFailed`). */
export const SessionNextToolFailed = Schemas.EventSessionNextToolFailed
/** The decoded type of {@link SessionNextToolFailed}. */
export type SessionNextToolFailed = Schemas.EventSessionNextToolFailed
/** The `session.next.retried` member of `Event` (`Schemas.EventSessionNextRetried`). */
export const SessionNextRetried = Schemas.EventSessionNextRetried
/** The decoded type of {@link SessionNextRetried}. */
export type SessionNextRetried = Schemas.EventSessionNextRetried
/** The `session.next.compaction.started` member of `Event` (`Schemas.EventSessionNextCompactionStarted`). */
export const SessionNextCompactionStarted = Schemas.EventSessionNextCompactionStarted
/** The decoded type of {@link SessionNextCompactionStarted}. */
export type SessionNextCompactionStarted = Schemas.EventSessionNextCompactionStarted
/** The `session.next.compaction.delta` member of `Event` (`Schemas.EventSessionNextCompactionDelta`). */
export const SessionNextCompactionDelta = Schemas.EventSessionNextCompactionDelta
/** The decoded type of {@link SessionNextCompactionDelta}. */
export type SessionNextCompactionDelta = Schemas.EventSessionNextCompactionDelta
/** The `session.next.compaction.ended` member of `Event` (`Schemas.EventSessionNextCompactionEnded`). */
export const SessionNextCompactionEnded = Schemas.EventSessionNextCompactionEnded
/** The decoded type of {@link SessionNextCompactionEnded}. */
export type SessionNextCompactionEnded = Schemas.EventSessionNextCompactionEnded
/** The `session.next.revert.staged` member of `Event` (`Schemas.EventSessionNextRevertStaged`). */
export const SessionNextRevertStaged = Schemas.EventSessionNextRevertStaged
/** The decoded type of {@link SessionNextRevertStaged}. */
export type SessionNextRevertStaged = Schemas.EventSessionNextRevertStaged
/** The `session.next.revert.cleared` member of `Event` (`Schemas.EventSessionNextRevertCleared`). */
export const SessionNextRevertCleared = Schemas.EventSessionNextRevertCleared
/** The decoded type of {@link SessionNextRevertCleared}. */
export type SessionNextRevertCleared = Schemas.EventSessionNextRevertCleared
/** The `session.next.revert.committed` member of `Event` (`Schemas.EventSessionNextRevertCommitted`). */
export const SessionNextRevertCommitted = Schemas.EventSessionNextRevertCommitted
/** The decoded type of {@link SessionNextRevertCommitted}. */
export type SessionNextRevertCommitted = Schemas.EventSessionNextRevertCommitted
/** The `message.part.delta` member of `Event` (`Schemas.EventMessagePartDelta`). */
export const MessagePartDelta = Schemas.EventMessagePartDelta
/** The decoded type of {@link MessagePartDelta}. */
export type MessagePartDelta = Schemas.EventMessagePartDelta
/** The `session.diff` member of `Event` (`Schemas.EventSessionDiff`). */
export const SessionDiff = Schemas.EventSessionDiff
/** The decoded type of {@link SessionDiff}. */
export type SessionDiff = Schemas.EventSessionDiff
/** The `session.error` member of `Event` (`Schemas.EventSessionError`). */
export const SessionError = Schemas.EventSessionError
/** The decoded type of {@link SessionError}. */
export type SessionError = Schemas.EventSessionError
/** The `installation.updated` member of `Event` (`Schemas.EventInstallationUpdated`). */
export const InstallationUpdated = Schemas.EventInstallationUpdated
/** The decoded type of {@link InstallationUpdated}. */
export type InstallationUpdated = Schemas.EventInstallationUpdated
/** The `installation.update-available` member of `Event` (`Schemas.EventInstallationUpdate_available`). */
export const InstallationUpdateAvailable = Schemas.EventInstallationUpdate_available
/** The decoded type of {@link InstallationUpdateAvailable}. */
export type InstallationUpdateAvailable = Schemas.EventInstallationUpdate_available
/** The `file.edited` member of `Event` (`Schemas.EventFileEdited`). */
export const FileEdited = Schemas.EventFileEdited
/** The decoded type of {@link FileEdited}. */
export type FileEdited = Schemas.EventFileEdited
/** The `reference.updated` member of `Event` (`Schemas.EventReferenceUpdated`). */
export const ReferenceUpdated = Schemas.EventReferenceUpdated
/** The decoded type of {@link ReferenceUpdated}. */
export type ReferenceUpdated = Schemas.EventReferenceUpdated
/** The `permission.v2.asked` member of `Event` (`Schemas.EventPermissionV2Asked`). */
export const PermissionV2Asked = Schemas.EventPermissionV2Asked
/** The decoded type of {@link PermissionV2Asked}. */
export type PermissionV2Asked = Schemas.EventPermissionV2Asked
/** The `permission.v2.replied` member of `Event` (`Schemas.EventPermissionV2Replied`). */
export const PermissionV2Replied = Schemas.EventPermissionV2Replied
/** The decoded type of {@link PermissionV2Replied}. */
export type PermissionV2Replied = Schemas.EventPermissionV2Replied
/** The `plugin.added` member of `Event` (`Schemas.EventPluginAdded`). */
export const PluginAdded = Schemas.EventPluginAdded
/** The decoded type of {@link PluginAdded}. */
export type PluginAdded = Schemas.EventPluginAdded
/** The `project.directories.updated` member of `Event` (`Schemas.EventProjectDirectoriesUpdated`). */
export const ProjectDirectoriesUpdated = Schemas.EventProjectDirectoriesUpdated
/** The decoded type of {@link ProjectDirectoriesUpdated}. */
export type ProjectDirectoriesUpdated = Schemas.EventProjectDirectoriesUpdated
/** The `file.watcher.updated` member of `Event` (`Schemas.EventFileWatcherUpdated`). */
export const FileWatcherUpdated = Schemas.EventFileWatcherUpdated
/** The decoded type of {@link FileWatcherUpdated}. */
export type FileWatcherUpdated = Schemas.EventFileWatcherUpdated
/** The `pty.created` member of `Event` (`Schemas.EventPtyCreated`). */
export const PtyCreated = Schemas.EventPtyCreated
/** The decoded type of {@link PtyCreated}. */
export type PtyCreated = Schemas.EventPtyCreated
/** The `pty.updated` member of `Event` (`Schemas.EventPtyUpdated`). */
export const PtyUpdated = Schemas.EventPtyUpdated
/** The decoded type of {@link PtyUpdated}. */
export type PtyUpdated = Schemas.EventPtyUpdated
/** The `pty.exited` member of `Event` (`Schemas.EventPtyExited`). */
export const PtyExited = Schemas.EventPtyExited
/** The decoded type of {@link PtyExited}. */
export type PtyExited = Schemas.EventPtyExited
/** The `pty.deleted` member of `Event` (`Schemas.EventPtyDeleted`). */
export const PtyDeleted = Schemas.EventPtyDeleted
/** The decoded type of {@link PtyDeleted}. */
export type PtyDeleted = Schemas.EventPtyDeleted
/** The `question.v2.asked` member of `Event` (`Schemas.EventQuestionV2Asked`). */
export const QuestionV2Asked = Schemas.EventQuestionV2Asked
/** The decoded type of {@link QuestionV2Asked}. */
export type QuestionV2Asked = Schemas.EventQuestionV2Asked
/** The `question.v2.replied` member of `Event` (`Schemas.EventQuestionV2Replied`). */
export const QuestionV2Replied = Schemas.EventQuestionV2Replied
/** The decoded type of {@link QuestionV2Replied}. */
export type QuestionV2Replied = Schemas.EventQuestionV2Replied
/** The `question.v2.rejected` member of `Event` (`Schemas.EventQuestionV2Rejected`). */
export const QuestionV2Rejected = Schemas.EventQuestionV2Rejected
/** The decoded type of {@link QuestionV2Rejected}. */
export type QuestionV2Rejected = Schemas.EventQuestionV2Rejected
/** The `todo.updated` member of `Event` (`Schemas.EventTodoUpdated`). */
export const TodoUpdated = Schemas.EventTodoUpdated
/** The decoded type of {@link TodoUpdated}. */
export type TodoUpdated = Schemas.EventTodoUpdated
/** The `lsp.updated` member of `Event` (`Schemas.EventLspUpdated`). */
export const LspUpdated = Schemas.EventLspUpdated
/** The decoded type of {@link LspUpdated}. */
export type LspUpdated = Schemas.EventLspUpdated
/** The `permission.asked` member of `Event` (`Schemas.EventPermissionAsked`). */
export const PermissionAsked = Schemas.EventPermissionAsked
/** The decoded type of {@link PermissionAsked}. */
export type PermissionAsked = Schemas.EventPermissionAsked
/** The `permission.replied` member of `Event` (`Schemas.EventPermissionReplied`). */
export const PermissionReplied = Schemas.EventPermissionReplied
/** The decoded type of {@link PermissionReplied}. */
export type PermissionReplied = Schemas.EventPermissionReplied
/** The `tui.prompt.append` member of `Event` (`Schemas.Event_tui_prompt_append`). */
export const TuiPromptAppend = Schemas.Event_tui_prompt_append
/** The decoded type of {@link TuiPromptAppend}. */
export type TuiPromptAppend = Schemas.Event_tui_prompt_append
/** The `tui.command.execute` member of `Event` (`Schemas.Event_tui_command_execute`). */
export const TuiCommandExecute = Schemas.Event_tui_command_execute
/** The decoded type of {@link TuiCommandExecute}. */
export type TuiCommandExecute = Schemas.Event_tui_command_execute
/** The `tui.toast.show` member of `Event` (`Schemas.Event_tui_toast_show`). */
export const TuiToastShow = Schemas.Event_tui_toast_show
/** The decoded type of {@link TuiToastShow}. */
export type TuiToastShow = Schemas.Event_tui_toast_show
/** The `tui.session.select` member of `Event` (`Schemas.Event_tui_session_select`). */
export const TuiSessionSelect = Schemas.Event_tui_session_select
/** The decoded type of {@link TuiSessionSelect}. */
export type TuiSessionSelect = Schemas.Event_tui_session_select
/** The `mcp.tools.changed` member of `Event` (`Schemas.EventMcpToolsChanged`). */
export const McpToolsChanged = Schemas.EventMcpToolsChanged
/** The decoded type of {@link McpToolsChanged}. */
export type McpToolsChanged = Schemas.EventMcpToolsChanged
/** The `mcp.browser.open.failed` member of `Event` (`Schemas.EventMcpBrowserOpenFailed`). */
export const McpBrowserOpenFailed = Schemas.EventMcpBrowserOpenFailed
/** The decoded type of {@link McpBrowserOpenFailed}. */
export type McpBrowserOpenFailed = Schemas.EventMcpBrowserOpenFailed
/** The `command.executed` member of `Event` (`Schemas.EventCommandExecuted`). */
export const CommandExecuted = Schemas.EventCommandExecuted
/** The decoded type of {@link CommandExecuted}. */
export type CommandExecuted = Schemas.EventCommandExecuted
/** The `project.updated` member of `Event` (`Schemas.EventProjectUpdated`). */
export const ProjectUpdated = Schemas.EventProjectUpdated
/** The decoded type of {@link ProjectUpdated}. */
export type ProjectUpdated = Schemas.EventProjectUpdated
/** The `session.status` member of `Event` (`Schemas.EventSessionStatus`). */
export const SessionStatus = Schemas.EventSessionStatus
/** The decoded type of {@link SessionStatus}. */
export type SessionStatus = Schemas.EventSessionStatus
/** The `session.idle` member of `Event` (`Schemas.EventSessionIdle`). */
export const SessionIdle = Schemas.EventSessionIdle
/** The decoded type of {@link SessionIdle}. */
export type SessionIdle = Schemas.EventSessionIdle
/** The `question.asked` member of `Event` (`Schemas.EventQuestionAsked`). */
export const QuestionAsked = Schemas.EventQuestionAsked
/** The decoded type of {@link QuestionAsked}. */
export type QuestionAsked = Schemas.EventQuestionAsked
/** The `question.replied` member of `Event` (`Schemas.EventQuestionReplied`). */
export const QuestionReplied = Schemas.EventQuestionReplied
/** The decoded type of {@link QuestionReplied}. */
export type QuestionReplied = Schemas.EventQuestionReplied
/** The `question.rejected` member of `Event` (`Schemas.EventQuestionRejected`). */
export const QuestionRejected = Schemas.EventQuestionRejected
/** The decoded type of {@link QuestionRejected}. */
export type QuestionRejected = Schemas.EventQuestionRejected
/** The `session.compacted` member of `Event` (`Schemas.EventSessionCompacted`). */
export const SessionCompacted = Schemas.EventSessionCompacted
/** The decoded type of {@link SessionCompacted}. */
export type SessionCompacted = Schemas.EventSessionCompacted
/** The `vcs.branch.updated` member of `Event` (`Schemas.EventVcsBranchUpdated`). */
export const VcsBranchUpdated = Schemas.EventVcsBranchUpdated
/** The decoded type of {@link VcsBranchUpdated}. */
export type VcsBranchUpdated = Schemas.EventVcsBranchUpdated
/** The `workspace.ready` member of `Event` (`Schemas.EventWorkspaceReady`). */
export const WorkspaceReady = Schemas.EventWorkspaceReady
/** The decoded type of {@link WorkspaceReady}. */
export type WorkspaceReady = Schemas.EventWorkspaceReady
/** The `workspace.failed` member of `Event` (`Schemas.EventWorkspaceFailed`). */
export const WorkspaceFailed = Schemas.EventWorkspaceFailed
/** The decoded type of {@link WorkspaceFailed}. */
export type WorkspaceFailed = Schemas.EventWorkspaceFailed
/** The `workspace.status` member of `Event` (`Schemas.EventWorkspaceStatus`). */
export const WorkspaceStatus = Schemas.EventWorkspaceStatus
/** The decoded type of {@link WorkspaceStatus}. */
export type WorkspaceStatus = Schemas.EventWorkspaceStatus
/** The `worktree.ready` member of `Event` (`Schemas.EventWorktreeReady`). */
export const WorktreeReady = Schemas.EventWorktreeReady
/** The decoded type of {@link WorktreeReady}. */
export type WorktreeReady = Schemas.EventWorktreeReady
/** The `worktree.failed` member of `Event` (`Schemas.EventWorktreeFailed`). */
export const WorktreeFailed = Schemas.EventWorktreeFailed
/** The decoded type of {@link WorktreeFailed}. */
export type WorktreeFailed = Schemas.EventWorktreeFailed
/** The `server.connected` member of `Event` (`Schemas.EventServerConnected`). */
export const ServerConnected = Schemas.EventServerConnected
/** The decoded type of {@link ServerConnected}. */
export type ServerConnected = Schemas.EventServerConnected
/** The `global.disposed` member of `Event` (`Schemas.EventGlobalDisposed`). */
export const GlobalDisposed = Schemas.EventGlobalDisposed
/** The decoded type of {@link GlobalDisposed}. */
export type GlobalDisposed = Schemas.EventGlobalDisposed
/** The `server.instance.disposed` member of `Event` (`Schemas.EventServerInstanceDisposed`). */
export const ServerInstanceDisposed = Schemas.EventServerInstanceDisposed
/** The decoded type of {@link ServerInstanceDisposed}. */
export type ServerInstanceDisposed = Schemas.EventServerInstanceDisposed
/** The `server.heartbeat` member of `Event` (`Schemas.EventServerHeartbeat`). */
export const ServerHeartbeat = Schemas.EventServerHeartbeat
/** The decoded type of {@link ServerHeartbeat}. */
export type ServerHeartbeat = Schemas.EventServerHeartbeat

/** Every member of `Event`, by its `type` (the open union's fallback aside). */
export const byType = {
  "models-dev.refreshed": ModelsDevRefreshed,
  "integration.updated": IntegrationUpdated,
  "integration.connection.updated": IntegrationConnectionUpdated,
  "catalog.updated": CatalogUpdated,
  "session.created": SessionCreated,
  "session.updated": SessionUpdated,
  "session.deleted": SessionDeleted,
  "message.updated": MessageUpdated,
  "message.removed": MessageRemoved,
  "message.part.updated": MessagePartUpdated,
  "message.part.removed": MessagePartRemoved,
  "session.next.agent.switched": SessionNextAgentSwitched,
  "session.next.model.switched": SessionNextModelSwitched,
  "session.next.moved": SessionNextMoved,
  "session.next.prompted": SessionNextPrompted,
  "session.next.prompt.admitted": SessionNextPromptAdmitted,
  "session.next.context.updated": SessionNextContextUpdated,
  "session.next.synthetic": SessionNextSynthetic,
  "session.next.shell.started": SessionNextShellStarted,
  "session.next.shell.ended": SessionNextShellEnded,
  "session.next.step.started": SessionNextStepStarted,
  "session.next.step.ended": SessionNextStepEnded,
  "session.next.step.failed": SessionNextStepFailed,
  "session.next.text.started": SessionNextTextStarted,
  "session.next.text.delta": SessionNextTextDelta,
  "session.next.text.ended": SessionNextTextEnded,
  "session.next.reasoning.started": SessionNextReasoningStarted,
  "session.next.reasoning.delta": SessionNextReasoningDelta,
  "session.next.reasoning.ended": SessionNextReasoningEnded,
  "session.next.tool.input.started": SessionNextToolInputStarted,
  "session.next.tool.input.delta": SessionNextToolInputDelta,
  "session.next.tool.input.ended": SessionNextToolInputEnded,
  "session.next.tool.called": SessionNextToolCalled,
  "session.next.tool.progress": SessionNextToolProgress,
  "session.next.tool.success": SessionNextToolSuccess,
  "session.next.tool.failed": SessionNextToolFailed,
  "session.next.retried": SessionNextRetried,
  "session.next.compaction.started": SessionNextCompactionStarted,
  "session.next.compaction.delta": SessionNextCompactionDelta,
  "session.next.compaction.ended": SessionNextCompactionEnded,
  "session.next.revert.staged": SessionNextRevertStaged,
  "session.next.revert.cleared": SessionNextRevertCleared,
  "session.next.revert.committed": SessionNextRevertCommitted,
  "message.part.delta": MessagePartDelta,
  "session.diff": SessionDiff,
  "session.error": SessionError,
  "installation.updated": InstallationUpdated,
  "installation.update-available": InstallationUpdateAvailable,
  "file.edited": FileEdited,
  "reference.updated": ReferenceUpdated,
  "permission.v2.asked": PermissionV2Asked,
  "permission.v2.replied": PermissionV2Replied,
  "plugin.added": PluginAdded,
  "project.directories.updated": ProjectDirectoriesUpdated,
  "file.watcher.updated": FileWatcherUpdated,
  "pty.created": PtyCreated,
  "pty.updated": PtyUpdated,
  "pty.exited": PtyExited,
  "pty.deleted": PtyDeleted,
  "question.v2.asked": QuestionV2Asked,
  "question.v2.replied": QuestionV2Replied,
  "question.v2.rejected": QuestionV2Rejected,
  "todo.updated": TodoUpdated,
  "lsp.updated": LspUpdated,
  "permission.asked": PermissionAsked,
  "permission.replied": PermissionReplied,
  "tui.prompt.append": TuiPromptAppend,
  "tui.command.execute": TuiCommandExecute,
  "tui.toast.show": TuiToastShow,
  "tui.session.select": TuiSessionSelect,
  "mcp.tools.changed": McpToolsChanged,
  "mcp.browser.open.failed": McpBrowserOpenFailed,
  "command.executed": CommandExecuted,
  "project.updated": ProjectUpdated,
  "session.status": SessionStatus,
  "session.idle": SessionIdle,
  "question.asked": QuestionAsked,
  "question.replied": QuestionReplied,
  "question.rejected": QuestionRejected,
  "session.compacted": SessionCompacted,
  "vcs.branch.updated": VcsBranchUpdated,
  "workspace.ready": WorkspaceReady,
  "workspace.failed": WorkspaceFailed,
  "workspace.status": WorkspaceStatus,
  "worktree.ready": WorktreeReady,
  "worktree.failed": WorktreeFailed,
  "server.connected": ServerConnected,
  "global.disposed": GlobalDisposed,
  "server.instance.disposed": ServerInstanceDisposed,
  "server.heartbeat": ServerHeartbeat
} as const
