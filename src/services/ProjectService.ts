/**
 * Projects and version control: the projects the server knows, the current one, git branch,
 * status and diffs of the working tree, applying a patch, worktrees, and the sessions of every
 * project.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { type RequestError, ValidationError } from "../Errors.ts"
import { requireName } from "../internal/names.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as Pr from "../schema/Project.ts"

/** Options every call takes. */
export interface DirectoryOption {
  /** Overrides the client's project directory. */
  readonly directory?: string | undefined
}

/** Fields of {@link Service.update}; absent fields are left as they are. */
export interface UpdateOptions {
  readonly name?: string | undefined
  readonly icon?: Pr.ProjectIcon | undefined
  readonly commands?: Pr.ProjectCommands | undefined
}

/** Options of {@link Service.sessions}. */
export interface SessionsOptions {
  /** Only sessions without a parent. */
  readonly roots?: boolean | undefined
  /** Only sessions updated at or after this time (epoch ms). */
  readonly start?: number | undefined
  /** Sessions updated before this time (epoch ms), for paging. */
  readonly cursor?: number | undefined
  /** Case-insensitive title filter. */
  readonly search?: string | undefined
  readonly limit?: number | undefined
  /** Include archived sessions. */
  readonly archived?: boolean | undefined
}

/** A session of any project (`GET /experimental/session`), with a summary of its project (`null` when it has none). */
export const GlobalSession = Schemas.GlobalSession

/** The decoded type of {@link GlobalSession}. */
export type GlobalSession = Schemas.GlobalSession

/** The project and version control operations. */
export interface Service {
  /** Every project the server has opened. */
  readonly list: () => Effect.Effect<ReadonlyArray<Pr.Project>, RequestError>
  /** The project of the directory (`id: "global"` outside a git repository). */
  readonly current: (options?: DirectoryOption) => Effect.Effect<Pr.Project, RequestError>
  /** Changes a project's name, icon or commands. */
  readonly update: (projectID: string, options: UpdateOptions) => Effect.Effect<Pr.Project, RequestError>
  /** The local directories known for a project. */
  readonly directories: (projectID: string) => Effect.Effect<ReadonlyArray<Pr.ProjectDirectory>, RequestError>
  /** Runs `git init` in the directory and returns the refreshed project. */
  readonly initGit: (options?: DirectoryOption) => Effect.Effect<Pr.Project, RequestError>
  /** The current branch and the default branch. */
  readonly vcs: (options?: DirectoryOption) => Effect.Effect<Pr.VcsInfo, RequestError>
  /** The changed files of the working tree (untracked ones included), without patches. */
  readonly vcsStatus: (options?: DirectoryOption) => Effect.Effect<ReadonlyArray<Pr.VcsFileStatus>, RequestError>
  /**
   * The changed files with their patches, against `HEAD` (`mode: "git"`, the default) or the
   * default branch (`"branch"`); `context` sets the lines of context.
   */
  readonly vcsDiff: (
    options?: DirectoryOption & { readonly mode?: Pr.VcsDiffMode | undefined; readonly context?: number | undefined }
  ) => Effect.Effect<ReadonlyArray<Pr.VcsFileDiff>, RequestError>
  /** The uncommitted changes as one raw patch (`git diff` text), ready for {@link Service.vcsApply}. */
  readonly vcsDiffRaw: (options?: DirectoryOption) => Effect.Effect<string, RequestError>
  /**
   * Applies a raw patch to the working tree. A patch that does not apply fails with an
   * `ApiError` named `VcsApplyError` (`data.reason`: `"non-git"` or `"not-clean"`).
   */
  readonly vcsApply: (patch: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /** The worktrees (sandboxes) made for the project (experimental endpoint). */
  readonly worktrees: (options?: DirectoryOption) => Effect.Effect<ReadonlyArray<string>, RequestError>
  /**
   * Creates a git worktree on a new branch `opencode/<name>` and runs the project's start
   * command in it (experimental endpoint).
   */
  readonly createWorktree: (
    options?: DirectoryOption & { readonly name?: string | undefined; readonly startCommand?: string | undefined }
  ) => Effect.Effect<Pr.Worktree, RequestError>
  /** Removes a worktree and deletes its branch (experimental endpoint). */
  readonly removeWorktree: (worktreeDirectory: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /** Resets a worktree's branch to the default branch (experimental endpoint). */
  readonly resetWorktree: (worktreeDirectory: string, options?: DirectoryOption) => Effect.Effect<void, RequestError>
  /**
   * The sessions of every project, most recently updated first (experimental endpoint; archived
   * sessions only with `archived: true`).
   */
  readonly sessions: (options?: SessionsOptions) => Effect.Effect<ReadonlyArray<GlobalSession>, RequestError>
}

/**
 * The project service. Gotcha: a worktree outlives the caller; remove it (as below) when done.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, ProjectService } from "effect-opencode"
 *
 * // carry the uncommitted changes of the project into a fresh worktree
 * const program = Effect.gen(function*() {
 *   const projects = yield* ProjectService.ProjectService
 *   const patch = yield* projects.vcsDiffRaw()
 *   const worktree = yield* Effect.acquireRelease(
 *     projects.createWorktree({ name: "try-fix" }),
 *     (w) => Effect.ignore(projects.removeWorktree(w.directory))
 *   )
 *   yield* projects.vcsApply(patch, { directory: worktree.directory })
 *   return yield* projects.vcsDiff({ directory: worktree.directory, mode: "branch" })
 * }).pipe(Effect.scoped, Effect.provide(ProjectService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class ProjectService extends Context.Service<ProjectService, Service>()("effect-opencode/ProjectService") {}

const requirePath = (field: string, value: unknown) =>
  typeof value === "string" && value.length > 0 && !value.includes("\u0000")
    ? Effect.succeed(value)
    : Effect.fail(new ValidationError({ field, message: `${field} must be a non-empty path` }))

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = () => call(Op.projectList)

  const current: Service["current"] = (options = {}) => call(Op.projectCurrent, { directory: options.directory })

  const update: Service["update"] = (projectID, options) =>
    call(Op.projectUpdate, {
      path: { projectID },
      body: { name: options.name, icon: options.icon, commands: options.commands },
      idempotent: true
    })

  const directories: Service["directories"] = (projectID) => call(Op.projectDirectories, { path: { projectID } })

  const initGit: Service["initGit"] = (options = {}) =>
    call(Op.projectInitGit, { idempotent: true, directory: options.directory })

  const vcs: Service["vcs"] = (options = {}) => call(Op.vcsGet, { directory: options.directory })

  const vcsStatus: Service["vcsStatus"] = (options = {}) => call(Op.vcsStatus, { directory: options.directory })

  const vcsDiff: Service["vcsDiff"] = (options = {}) =>
    call(Op.vcsDiff, { query: { mode: options.mode ?? "git", context: options.context }, directory: options.directory })

  const vcsDiffRaw: Service["vcsDiffRaw"] = (options = {}) => call(Op.vcsDiffRaw, { directory: options.directory })

  const vcsApply: Service["vcsApply"] = (patch, options = {}) =>
    Effect.gen(function*() {
      if (typeof patch !== "string" || patch.trim().length === 0) {
        return yield* new ValidationError({ field: "patch", message: "patch must be a non-empty string" })
      }
      yield* call(Op.vcsApply, { body: { patch }, directory: options.directory })
    })

  const worktrees: Service["worktrees"] = (options = {}) => call(Op.worktreeList, { directory: options.directory })

  const createWorktree: Service["createWorktree"] = (options = {}) =>
    Effect.gen(function*() {
      if (options.name !== undefined) yield* requireName("name", options.name)
      return yield* call(Op.worktreeCreate, {
        body: { name: options.name, startCommand: options.startCommand },
        directory: options.directory
      })
    })

  const removeWorktree: Service["removeWorktree"] = (worktreeDirectory, options = {}) =>
    Effect.flatMap(requirePath("worktreeDirectory", worktreeDirectory), (directory) =>
      Effect.asVoid(call(Op.worktreeRemove, { body: { directory }, directory: options.directory })))

  const resetWorktree: Service["resetWorktree"] = (worktreeDirectory, options = {}) =>
    Effect.flatMap(requirePath("worktreeDirectory", worktreeDirectory), (directory) =>
      Effect.asVoid(call(Op.worktreeReset, { body: { directory }, directory: options.directory })))

  const sessions: Service["sessions"] = (options = {}) =>
    call(Op.experimentalSessionList, {
      query: {
        roots: options.roots,
        start: options.start,
        cursor: options.cursor,
        search: options.search,
        limit: options.limit,
        archived: options.archived
      },
      directory: null
    })

  return ProjectService.of({
    list,
    current,
    update,
    directories,
    initGit,
    vcs,
    vcsStatus,
    vcsDiff,
    vcsDiffRaw,
    vcsApply,
    worktrees,
    createWorktree,
    removeWorktree,
    resetWorktree,
    sessions
  })
})

/** The project service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<ProjectService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(ProjectService, make)
