/**
 * Projects (a git repository, or `global` outside one), their version control state (branch,
 * changed files, diffs), worktrees and the server's paths: the generated schemas of
 * `src/api/Schemas.ts` under the library's names.
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * A project's icon: an image `url`, an `override`, or a `color`.
 *
 * @since 0.1.0
 * @category models
 */
export const ProjectIcon = Schemas.ProjectIcon

/**
 * The decoded type of {@link ProjectIcon}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectIcon = Schemas.ProjectIcon

/**
 * Commands of a project (`start` runs when a worktree is created).
 *
 * @since 0.1.0
 * @category models
 */
export const ProjectCommands = Schemas.ProjectCommands

/**
 * The decoded type of {@link ProjectCommands}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectCommands = Schemas.ProjectCommands

/**
 * A project: its id (the root commit of its repository, or `"global"`), its `worktree`, `vcs:
 * "git"` when it is one, and its sandboxes (worktrees).
 *
 * @since 0.1.0
 * @category models
 */
export const Project = Schemas.Project

/**
 * The decoded type of {@link Project}.
 *
 * @since 0.1.0
 * @category models
 */
export type Project = Schemas.Project

/**
 * A local directory known for a project (`GET /project/{id}/directories`).
 *
 * @since 0.1.0
 * @category models
 */
export const ProjectDirectory = Schemas.ProjectDirectories.value

/**
 * The decoded type of {@link ProjectDirectory}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectDirectory = typeof ProjectDirectory.Type

/**
 * Version control information (`GET /vcs`): the current branch and the default branch.
 *
 * @since 0.1.0
 * @category models
 */
export const VcsInfo = Schemas.VcsInfo

/**
 * The decoded type of {@link VcsInfo}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsInfo = Schemas.VcsInfo

/**
 * A changed file of the working tree (`GET /vcs/status`), untracked files included.
 *
 * @since 0.1.0
 * @category models
 */
export const VcsFileStatus = Schemas.VcsFileStatus

/**
 * The decoded type of {@link VcsFileStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsFileStatus = Schemas.VcsFileStatus

/**
 * A changed file with its unified diff (`GET /vcs/diff`).
 *
 * @since 0.1.0
 * @category models
 */
export const VcsFileDiff = Schemas.VcsFileDiff

/**
 * The decoded type of {@link VcsFileDiff}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsFileDiff = Schemas.VcsFileDiff

/**
 * What a diff compares: the working tree with `HEAD` (`git`), or with the default branch (`branch`).
 *
 * @since 0.1.0
 * @category models
 */
export const VcsDiffMode = operations["vcs.diff"].query.fields.mode

/**
 * The decoded type of {@link VcsDiffMode}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsDiffMode = typeof VcsDiffMode.Type

/**
 * A git worktree made for the project (experimental).
 *
 * @since 0.1.0
 * @category models
 */
export const Worktree = Schemas.Worktree

/**
 * The decoded type of {@link Worktree}.
 *
 * @since 0.1.0
 * @category models
 */
export type Worktree = Schemas.Worktree

/**
 * The paths the server uses (`GET /path`): home, state, config, the project's worktree and the
 * directory it serves.
 *
 * @since 0.1.0
 * @category models
 */
export const PathInfo = Schemas.Path

/**
 * The decoded type of {@link PathInfo}.
 *
 * @since 0.1.0
 * @category models
 */
export type PathInfo = Schemas.Path
