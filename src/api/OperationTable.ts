// GENERATED FILE: do not edit by hand.
// Written by `npm run generate` (scripts/generate.ts) from spec/opencode-1.18.33.openapi.json
// and our patch file spec/opencode-1.18.33.patch.json; change those and regenerate.
// `npm test` fails while this file differs from what they generate.

import type { Operation } from "./Descriptor.ts"
import * as Op from "./Operations.ts"

/**
 * Every operation of the OpenCode API, by operationId: for the calls that take an id
 * (`ApiCall.call("session.get", …)`, `OpencodeV2`). Importing it keeps every operation and
 * every schema in a bundle; a service imports its operations from `Operations.ts` instead.
 */
export const operations: Operations = {
  "auth.set": Op.authSet,
  "auth.remove": Op.authRemove,
  "app.log": Op.appLog,
  "experimental.controlPlane.moveSession": Op.experimentalControlPlaneMoveSession,
  "global.health": Op.globalHealth,
  "global.event": Op.globalEvent,
  "global.config.get": Op.globalConfigGet,
  "global.config.update": Op.globalConfigUpdate,
  "global.dispose": Op.globalDispose,
  "global.upgrade": Op.globalUpgrade,
  "event.subscribe": Op.eventSubscribe,
  "config.get": Op.configGet,
  "config.update": Op.configUpdate,
  "config.providers": Op.configProviders,
  "experimental.capabilities.get": Op.experimentalCapabilitiesGet,
  "experimental.console.get": Op.experimentalConsoleGet,
  "experimental.console.listOrgs": Op.experimentalConsoleListOrgs,
  "experimental.console.switchOrg": Op.experimentalConsoleSwitchOrg,
  "tool.list": Op.toolList,
  "tool.ids": Op.toolIds,
  "worktree.list": Op.worktreeList,
  "worktree.create": Op.worktreeCreate,
  "worktree.remove": Op.worktreeRemove,
  "worktree.reset": Op.worktreeReset,
  "experimental.session.list": Op.experimentalSessionList,
  "experimental.session.background": Op.experimentalSessionBackground,
  "experimental.resource.list": Op.experimentalResourceList,
  "find.text": Op.findText,
  "find.files": Op.findFiles,
  "find.symbols": Op.findSymbols,
  "file.list": Op.fileList,
  "file.read": Op.fileRead,
  "file.status": Op.fileStatus,
  "instance.dispose": Op.instanceDispose,
  "path.get": Op.pathGet,
  "vcs.get": Op.vcsGet,
  "vcs.status": Op.vcsStatus,
  "vcs.diff": Op.vcsDiff,
  "vcs.diff.raw": Op.vcsDiffRaw,
  "vcs.apply": Op.vcsApply,
  "command.list": Op.commandList,
  "app.agents": Op.appAgents,
  "app.skills": Op.appSkills,
  "lsp.status": Op.lspStatus,
  "formatter.status": Op.formatterStatus,
  "mcp.status": Op.mcpStatus,
  "mcp.add": Op.mcpAdd,
  "mcp.auth.start": Op.mcpAuthStart,
  "mcp.auth.remove": Op.mcpAuthRemove,
  "mcp.auth.callback": Op.mcpAuthCallback,
  "mcp.auth.authenticate": Op.mcpAuthAuthenticate,
  "mcp.connect": Op.mcpConnect,
  "mcp.disconnect": Op.mcpDisconnect,
  "project.list": Op.projectList,
  "project.current": Op.projectCurrent,
  "project.initGit": Op.projectInitGit,
  "project.update": Op.projectUpdate,
  "project.directories": Op.projectDirectories,
  "experimental.projectCopy.generateName": Op.experimentalProjectCopyGenerateName,
  "pty.shells": Op.ptyShells,
  "pty.list": Op.ptyList,
  "pty.create": Op.ptyCreate,
  "pty.get": Op.ptyGet,
  "pty.update": Op.ptyUpdate,
  "pty.remove": Op.ptyRemove,
  "pty.connectToken": Op.ptyConnectToken,
  "question.list": Op.questionList,
  "question.reply": Op.questionReply,
  "question.reject": Op.questionReject,
  "permission.list": Op.permissionList,
  "permission.reply": Op.permissionReply,
  "provider.list": Op.providerList,
  "provider.auth": Op.providerAuth,
  "provider.oauth.authorize": Op.providerOauthAuthorize,
  "provider.oauth.callback": Op.providerOauthCallback,
  "session.list": Op.sessionList,
  "session.create": Op.sessionCreate,
  "session.status": Op.sessionStatus,
  "session.get": Op.sessionGet,
  "session.delete": Op.sessionDelete,
  "session.update": Op.sessionUpdate,
  "session.children": Op.sessionChildren,
  "session.todo": Op.sessionTodo,
  "session.diff": Op.sessionDiff,
  "session.messages": Op.sessionMessages,
  "session.prompt": Op.sessionPrompt,
  "session.message": Op.sessionMessage,
  "session.deleteMessage": Op.sessionDeleteMessage,
  "session.fork": Op.sessionFork,
  "session.abort": Op.sessionAbort,
  "session.init": Op.sessionInit,
  "session.share": Op.sessionShare,
  "session.unshare": Op.sessionUnshare,
  "session.summarize": Op.sessionSummarize,
  "session.prompt_async": Op.sessionPromptAsync,
  "session.command": Op.sessionCommand,
  "session.shell": Op.sessionShell,
  "session.revert": Op.sessionRevert,
  "session.unrevert": Op.sessionUnrevert,
  "permission.respond": Op.permissionRespond,
  "part.delete": Op.partDelete,
  "part.update": Op.partUpdate,
  "sync.start": Op.syncStart,
  "sync.replay": Op.syncReplay,
  "sync.steal": Op.syncSteal,
  "sync.history.list": Op.syncHistoryList,
  "tui.appendPrompt": Op.tuiAppendPrompt,
  "tui.openHelp": Op.tuiOpenHelp,
  "tui.openSessions": Op.tuiOpenSessions,
  "tui.openThemes": Op.tuiOpenThemes,
  "tui.openModels": Op.tuiOpenModels,
  "tui.submitPrompt": Op.tuiSubmitPrompt,
  "tui.clearPrompt": Op.tuiClearPrompt,
  "tui.executeCommand": Op.tuiExecuteCommand,
  "tui.showToast": Op.tuiShowToast,
  "tui.publish": Op.tuiPublish,
  "tui.selectSession": Op.tuiSelectSession,
  "tui.control.next": Op.tuiControlNext,
  "tui.control.response": Op.tuiControlResponse,
  "experimental.workspace.adapter.list": Op.experimentalWorkspaceAdapterList,
  "experimental.workspace.list": Op.experimentalWorkspaceList,
  "experimental.workspace.create": Op.experimentalWorkspaceCreate,
  "experimental.workspace.syncList": Op.experimentalWorkspaceSyncList,
  "experimental.workspace.status": Op.experimentalWorkspaceStatus,
  "experimental.workspace.remove": Op.experimentalWorkspaceRemove,
  "experimental.workspace.warp": Op.experimentalWorkspaceWarp,
  "v2.health.get": Op.v2HealthGet,
  "v2.location.get": Op.v2LocationGet,
  "v2.agent.list": Op.v2AgentList,
  "v2.session.list": Op.v2SessionList,
  "v2.session.create": Op.v2SessionCreate,
  "v2.session.active": Op.v2SessionActive,
  "v2.session.get": Op.v2SessionGet,
  "v2.session.switchAgent": Op.v2SessionSwitchAgent,
  "v2.session.switchModel": Op.v2SessionSwitchModel,
  "v2.session.prompt": Op.v2SessionPrompt,
  "v2.session.compact": Op.v2SessionCompact,
  "v2.session.wait": Op.v2SessionWait,
  "v2.session.revert.stage": Op.v2SessionRevertStage,
  "v2.session.revert.clear": Op.v2SessionRevertClear,
  "v2.session.revert.commit": Op.v2SessionRevertCommit,
  "v2.session.context": Op.v2SessionContext,
  "v2.session.history": Op.v2SessionHistory,
  "v2.session.events": Op.v2SessionEvents,
  "v2.session.interrupt": Op.v2SessionInterrupt,
  "v2.session.message": Op.v2SessionMessage,
  "v2.session.messages": Op.v2SessionMessages,
  "v2.model.list": Op.v2ModelList,
  "v2.provider.list": Op.v2ProviderList,
  "v2.provider.get": Op.v2ProviderGet,
  "v2.integration.list": Op.v2IntegrationList,
  "v2.integration.get": Op.v2IntegrationGet,
  "v2.integration.connect.key": Op.v2IntegrationConnectKey,
  "v2.integration.connect.oauth": Op.v2IntegrationConnectOauth,
  "v2.integration.attempt.status": Op.v2IntegrationAttemptStatus,
  "v2.integration.attempt.cancel": Op.v2IntegrationAttemptCancel,
  "v2.integration.attempt.complete": Op.v2IntegrationAttemptComplete,
  "v2.credential.update": Op.v2CredentialUpdate,
  "v2.credential.remove": Op.v2CredentialRemove,
  "v2.permission.request.list": Op.v2PermissionRequestList,
  "v2.permission.saved.list": Op.v2PermissionSavedList,
  "v2.permission.saved.remove": Op.v2PermissionSavedRemove,
  "v2.session.permission.create": Op.v2SessionPermissionCreate,
  "v2.session.permission.list": Op.v2SessionPermissionList,
  "v2.session.permission.get": Op.v2SessionPermissionGet,
  "v2.session.permission.reply": Op.v2SessionPermissionReply,
  "v2.fs.read": Op.v2FsRead,
  "v2.fs.list": Op.v2FsList,
  "v2.fs.find": Op.v2FsFind,
  "v2.command.list": Op.v2CommandList,
  "v2.skill.list": Op.v2SkillList,
  "v2.event.subscribe": Op.v2EventSubscribe,
  "v2.pty.list": Op.v2PtyList,
  "v2.pty.create": Op.v2PtyCreate,
  "v2.pty.get": Op.v2PtyGet,
  "v2.pty.update": Op.v2PtyUpdate,
  "v2.pty.remove": Op.v2PtyRemove,
  "v2.pty.connectToken": Op.v2PtyConnectToken,
  "v2.pty.connect": Op.v2PtyConnect,
  "v2.question.request.list": Op.v2QuestionRequestList,
  "v2.session.question.list": Op.v2SessionQuestionList,
  "v2.session.question.reply": Op.v2SessionQuestionReply,
  "v2.session.question.reject": Op.v2SessionQuestionReject,
  "v2.reference.list": Op.v2ReferenceList,
  "v2.projectCopy.create": Op.v2ProjectCopyCreate,
  "v2.projectCopy.remove": Op.v2ProjectCopyRemove,
  "v2.projectCopy.refresh": Op.v2ProjectCopyRefresh,
  "pty.connect": Op.ptyConnect,
  "app.doc": Op.appDoc
} satisfies Record<string, Operation>

/** The operations' table type (spelled out: a declaration file cannot print the inferred one). */
export type Operations = {
  readonly "auth.set": typeof Op.authSet
  readonly "auth.remove": typeof Op.authRemove
  readonly "app.log": typeof Op.appLog
  readonly "experimental.controlPlane.moveSession": typeof Op.experimentalControlPlaneMoveSession
  readonly "global.health": typeof Op.globalHealth
  readonly "global.event": typeof Op.globalEvent
  readonly "global.config.get": typeof Op.globalConfigGet
  readonly "global.config.update": typeof Op.globalConfigUpdate
  readonly "global.dispose": typeof Op.globalDispose
  readonly "global.upgrade": typeof Op.globalUpgrade
  readonly "event.subscribe": typeof Op.eventSubscribe
  readonly "config.get": typeof Op.configGet
  readonly "config.update": typeof Op.configUpdate
  readonly "config.providers": typeof Op.configProviders
  readonly "experimental.capabilities.get": typeof Op.experimentalCapabilitiesGet
  readonly "experimental.console.get": typeof Op.experimentalConsoleGet
  readonly "experimental.console.listOrgs": typeof Op.experimentalConsoleListOrgs
  readonly "experimental.console.switchOrg": typeof Op.experimentalConsoleSwitchOrg
  readonly "tool.list": typeof Op.toolList
  readonly "tool.ids": typeof Op.toolIds
  readonly "worktree.list": typeof Op.worktreeList
  readonly "worktree.create": typeof Op.worktreeCreate
  readonly "worktree.remove": typeof Op.worktreeRemove
  readonly "worktree.reset": typeof Op.worktreeReset
  readonly "experimental.session.list": typeof Op.experimentalSessionList
  readonly "experimental.session.background": typeof Op.experimentalSessionBackground
  readonly "experimental.resource.list": typeof Op.experimentalResourceList
  readonly "find.text": typeof Op.findText
  readonly "find.files": typeof Op.findFiles
  readonly "find.symbols": typeof Op.findSymbols
  readonly "file.list": typeof Op.fileList
  readonly "file.read": typeof Op.fileRead
  readonly "file.status": typeof Op.fileStatus
  readonly "instance.dispose": typeof Op.instanceDispose
  readonly "path.get": typeof Op.pathGet
  readonly "vcs.get": typeof Op.vcsGet
  readonly "vcs.status": typeof Op.vcsStatus
  readonly "vcs.diff": typeof Op.vcsDiff
  readonly "vcs.diff.raw": typeof Op.vcsDiffRaw
  readonly "vcs.apply": typeof Op.vcsApply
  readonly "command.list": typeof Op.commandList
  readonly "app.agents": typeof Op.appAgents
  readonly "app.skills": typeof Op.appSkills
  readonly "lsp.status": typeof Op.lspStatus
  readonly "formatter.status": typeof Op.formatterStatus
  readonly "mcp.status": typeof Op.mcpStatus
  readonly "mcp.add": typeof Op.mcpAdd
  readonly "mcp.auth.start": typeof Op.mcpAuthStart
  readonly "mcp.auth.remove": typeof Op.mcpAuthRemove
  readonly "mcp.auth.callback": typeof Op.mcpAuthCallback
  readonly "mcp.auth.authenticate": typeof Op.mcpAuthAuthenticate
  readonly "mcp.connect": typeof Op.mcpConnect
  readonly "mcp.disconnect": typeof Op.mcpDisconnect
  readonly "project.list": typeof Op.projectList
  readonly "project.current": typeof Op.projectCurrent
  readonly "project.initGit": typeof Op.projectInitGit
  readonly "project.update": typeof Op.projectUpdate
  readonly "project.directories": typeof Op.projectDirectories
  readonly "experimental.projectCopy.generateName": typeof Op.experimentalProjectCopyGenerateName
  readonly "pty.shells": typeof Op.ptyShells
  readonly "pty.list": typeof Op.ptyList
  readonly "pty.create": typeof Op.ptyCreate
  readonly "pty.get": typeof Op.ptyGet
  readonly "pty.update": typeof Op.ptyUpdate
  readonly "pty.remove": typeof Op.ptyRemove
  readonly "pty.connectToken": typeof Op.ptyConnectToken
  readonly "question.list": typeof Op.questionList
  readonly "question.reply": typeof Op.questionReply
  readonly "question.reject": typeof Op.questionReject
  readonly "permission.list": typeof Op.permissionList
  readonly "permission.reply": typeof Op.permissionReply
  readonly "provider.list": typeof Op.providerList
  readonly "provider.auth": typeof Op.providerAuth
  readonly "provider.oauth.authorize": typeof Op.providerOauthAuthorize
  readonly "provider.oauth.callback": typeof Op.providerOauthCallback
  readonly "session.list": typeof Op.sessionList
  readonly "session.create": typeof Op.sessionCreate
  readonly "session.status": typeof Op.sessionStatus
  readonly "session.get": typeof Op.sessionGet
  readonly "session.delete": typeof Op.sessionDelete
  readonly "session.update": typeof Op.sessionUpdate
  readonly "session.children": typeof Op.sessionChildren
  readonly "session.todo": typeof Op.sessionTodo
  readonly "session.diff": typeof Op.sessionDiff
  readonly "session.messages": typeof Op.sessionMessages
  readonly "session.prompt": typeof Op.sessionPrompt
  readonly "session.message": typeof Op.sessionMessage
  readonly "session.deleteMessage": typeof Op.sessionDeleteMessage
  readonly "session.fork": typeof Op.sessionFork
  readonly "session.abort": typeof Op.sessionAbort
  readonly "session.init": typeof Op.sessionInit
  readonly "session.share": typeof Op.sessionShare
  readonly "session.unshare": typeof Op.sessionUnshare
  readonly "session.summarize": typeof Op.sessionSummarize
  readonly "session.prompt_async": typeof Op.sessionPromptAsync
  readonly "session.command": typeof Op.sessionCommand
  readonly "session.shell": typeof Op.sessionShell
  readonly "session.revert": typeof Op.sessionRevert
  readonly "session.unrevert": typeof Op.sessionUnrevert
  readonly "permission.respond": typeof Op.permissionRespond
  readonly "part.delete": typeof Op.partDelete
  readonly "part.update": typeof Op.partUpdate
  readonly "sync.start": typeof Op.syncStart
  readonly "sync.replay": typeof Op.syncReplay
  readonly "sync.steal": typeof Op.syncSteal
  readonly "sync.history.list": typeof Op.syncHistoryList
  readonly "tui.appendPrompt": typeof Op.tuiAppendPrompt
  readonly "tui.openHelp": typeof Op.tuiOpenHelp
  readonly "tui.openSessions": typeof Op.tuiOpenSessions
  readonly "tui.openThemes": typeof Op.tuiOpenThemes
  readonly "tui.openModels": typeof Op.tuiOpenModels
  readonly "tui.submitPrompt": typeof Op.tuiSubmitPrompt
  readonly "tui.clearPrompt": typeof Op.tuiClearPrompt
  readonly "tui.executeCommand": typeof Op.tuiExecuteCommand
  readonly "tui.showToast": typeof Op.tuiShowToast
  readonly "tui.publish": typeof Op.tuiPublish
  readonly "tui.selectSession": typeof Op.tuiSelectSession
  readonly "tui.control.next": typeof Op.tuiControlNext
  readonly "tui.control.response": typeof Op.tuiControlResponse
  readonly "experimental.workspace.adapter.list": typeof Op.experimentalWorkspaceAdapterList
  readonly "experimental.workspace.list": typeof Op.experimentalWorkspaceList
  readonly "experimental.workspace.create": typeof Op.experimentalWorkspaceCreate
  readonly "experimental.workspace.syncList": typeof Op.experimentalWorkspaceSyncList
  readonly "experimental.workspace.status": typeof Op.experimentalWorkspaceStatus
  readonly "experimental.workspace.remove": typeof Op.experimentalWorkspaceRemove
  readonly "experimental.workspace.warp": typeof Op.experimentalWorkspaceWarp
  readonly "v2.health.get": typeof Op.v2HealthGet
  readonly "v2.location.get": typeof Op.v2LocationGet
  readonly "v2.agent.list": typeof Op.v2AgentList
  readonly "v2.session.list": typeof Op.v2SessionList
  readonly "v2.session.create": typeof Op.v2SessionCreate
  readonly "v2.session.active": typeof Op.v2SessionActive
  readonly "v2.session.get": typeof Op.v2SessionGet
  readonly "v2.session.switchAgent": typeof Op.v2SessionSwitchAgent
  readonly "v2.session.switchModel": typeof Op.v2SessionSwitchModel
  readonly "v2.session.prompt": typeof Op.v2SessionPrompt
  readonly "v2.session.compact": typeof Op.v2SessionCompact
  readonly "v2.session.wait": typeof Op.v2SessionWait
  readonly "v2.session.revert.stage": typeof Op.v2SessionRevertStage
  readonly "v2.session.revert.clear": typeof Op.v2SessionRevertClear
  readonly "v2.session.revert.commit": typeof Op.v2SessionRevertCommit
  readonly "v2.session.context": typeof Op.v2SessionContext
  readonly "v2.session.history": typeof Op.v2SessionHistory
  readonly "v2.session.events": typeof Op.v2SessionEvents
  readonly "v2.session.interrupt": typeof Op.v2SessionInterrupt
  readonly "v2.session.message": typeof Op.v2SessionMessage
  readonly "v2.session.messages": typeof Op.v2SessionMessages
  readonly "v2.model.list": typeof Op.v2ModelList
  readonly "v2.provider.list": typeof Op.v2ProviderList
  readonly "v2.provider.get": typeof Op.v2ProviderGet
  readonly "v2.integration.list": typeof Op.v2IntegrationList
  readonly "v2.integration.get": typeof Op.v2IntegrationGet
  readonly "v2.integration.connect.key": typeof Op.v2IntegrationConnectKey
  readonly "v2.integration.connect.oauth": typeof Op.v2IntegrationConnectOauth
  readonly "v2.integration.attempt.status": typeof Op.v2IntegrationAttemptStatus
  readonly "v2.integration.attempt.cancel": typeof Op.v2IntegrationAttemptCancel
  readonly "v2.integration.attempt.complete": typeof Op.v2IntegrationAttemptComplete
  readonly "v2.credential.update": typeof Op.v2CredentialUpdate
  readonly "v2.credential.remove": typeof Op.v2CredentialRemove
  readonly "v2.permission.request.list": typeof Op.v2PermissionRequestList
  readonly "v2.permission.saved.list": typeof Op.v2PermissionSavedList
  readonly "v2.permission.saved.remove": typeof Op.v2PermissionSavedRemove
  readonly "v2.session.permission.create": typeof Op.v2SessionPermissionCreate
  readonly "v2.session.permission.list": typeof Op.v2SessionPermissionList
  readonly "v2.session.permission.get": typeof Op.v2SessionPermissionGet
  readonly "v2.session.permission.reply": typeof Op.v2SessionPermissionReply
  readonly "v2.fs.read": typeof Op.v2FsRead
  readonly "v2.fs.list": typeof Op.v2FsList
  readonly "v2.fs.find": typeof Op.v2FsFind
  readonly "v2.command.list": typeof Op.v2CommandList
  readonly "v2.skill.list": typeof Op.v2SkillList
  readonly "v2.event.subscribe": typeof Op.v2EventSubscribe
  readonly "v2.pty.list": typeof Op.v2PtyList
  readonly "v2.pty.create": typeof Op.v2PtyCreate
  readonly "v2.pty.get": typeof Op.v2PtyGet
  readonly "v2.pty.update": typeof Op.v2PtyUpdate
  readonly "v2.pty.remove": typeof Op.v2PtyRemove
  readonly "v2.pty.connectToken": typeof Op.v2PtyConnectToken
  readonly "v2.pty.connect": typeof Op.v2PtyConnect
  readonly "v2.question.request.list": typeof Op.v2QuestionRequestList
  readonly "v2.session.question.list": typeof Op.v2SessionQuestionList
  readonly "v2.session.question.reply": typeof Op.v2SessionQuestionReply
  readonly "v2.session.question.reject": typeof Op.v2SessionQuestionReject
  readonly "v2.reference.list": typeof Op.v2ReferenceList
  readonly "v2.projectCopy.create": typeof Op.v2ProjectCopyCreate
  readonly "v2.projectCopy.remove": typeof Op.v2ProjectCopyRemove
  readonly "v2.projectCopy.refresh": typeof Op.v2ProjectCopyRefresh
  readonly "pty.connect": typeof Op.ptyConnect
  readonly "app.doc": typeof Op.appDoc
}

/** An operationId. */
export type OperationId = keyof Operations
