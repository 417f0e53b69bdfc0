/**
 * Projects (a git repository, or `global` outside one), their version control state (branch,
 * changed files, diffs) and worktrees.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, opt } from "../internal/lenient.ts"

/**
 * A project's icon: an image `url`, an `override`, or a `color`.
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const icon: Project.ProjectIcon = { color: "blue" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProjectIcon = Schema.Struct({
  url: opt(Schema.String),
  override: opt(Schema.String),
  color: opt(Schema.String)
})

/**
 * The decoded type of {@link ProjectIcon}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectIcon = typeof ProjectIcon.Type

/**
 * Commands of a project (`start` runs when a worktree is created).
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const commands: Project.ProjectCommands = { start: "npm install" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProjectCommands = Schema.Struct({
  start: opt(Schema.String)
})

/**
 * The decoded type of {@link ProjectCommands}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectCommands = typeof ProjectCommands.Type

/**
 * A project: its id (the root commit hash of its repository, or `"global"`), its `worktree`
 * (the repository root), `vcs: "git"` when it is one, and the sandboxes (worktrees) made for it.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Project } from "effect-opencode"
 * Schema.decodeUnknownSync(Project.Project)({
 *   id: "b2100a26", worktree: "/repo", vcs: "git", time: { created: 1, updated: 1 }, sandboxes: []
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Project = Schema.Struct({
  id: Schema.String,
  worktree: Schema.String,
  vcs: opt(Schema.String),
  name: opt(Schema.String),
  icon: opt(ProjectIcon),
  commands: opt(ProjectCommands),
  time: Schema.Struct({
    created: Schema.Number,
    updated: Schema.Number,
    initialized: opt(Schema.Number)
  }),
  sandboxes: opt(Schema.Array(Schema.String))
})

/**
 * The decoded type of {@link Project}.
 *
 * @since 0.1.0
 * @category models
 */
export type Project = typeof Project.Type

/**
 * A local directory known for a project (`GET /project/{id}/directories`).
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const d: Project.ProjectDirectory = { directory: "/repo" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProjectDirectory = Schema.Struct({
  directory: Schema.String,
  strategy: opt(Schema.String)
})

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
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const info: Project.VcsInfo = { branch: "feature", default_branch: "main" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const VcsInfo = Schema.Struct({
  branch: opt(Schema.String),
  default_branch: opt(Schema.String)
})

/**
 * The decoded type of {@link VcsInfo}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsInfo = typeof VcsInfo.Type

/**
 * A changed file of the working tree (`GET /vcs/status`), untracked files included.
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const s: Project.VcsFileStatus = { file: "a.txt", additions: 1, deletions: 0, status: "modified" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const VcsFileStatus = Schema.Struct({
  file: Schema.String,
  additions: Schema.Number,
  deletions: Schema.Number,
  status: openLiterals(["added", "deleted", "modified"])
})

/**
 * The decoded type of {@link VcsFileStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsFileStatus = typeof VcsFileStatus.Type

/**
 * A changed file with its unified diff (`GET /vcs/diff`).
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const d: Project.VcsFileDiff = { file: "a.txt", patch: "diff --git a/a.txt b/a.txt\n…", additions: 1, deletions: 0 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const VcsFileDiff = Schema.Struct({
  file: Schema.String,
  patch: opt(Schema.String),
  additions: Schema.Number,
  deletions: Schema.Number,
  status: opt(openLiterals(["added", "deleted", "modified"]))
})

/**
 * The decoded type of {@link VcsFileDiff}.
 *
 * @since 0.1.0
 * @category models
 */
export type VcsFileDiff = typeof VcsFileDiff.Type

/**
 * What a diff compares: the working tree with `HEAD` (`git`), or with the default branch
 * (`branch`).
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const mode: Project.VcsDiffMode = "git"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const VcsDiffMode = Schema.Literals(["git", "branch"])

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
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const w: Project.Worktree = { name: "brave-otter", branch: "opencode/brave-otter", directory: "/data/worktree/brave-otter" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Worktree = Schema.Struct({
  name: Schema.String,
  branch: opt(Schema.String),
  directory: Schema.String
})

/**
 * The decoded type of {@link Worktree}.
 *
 * @since 0.1.0
 * @category models
 */
export type Worktree = typeof Worktree.Type

/**
 * The paths the server uses (`GET /path`): the user's home, its state and config directories,
 * the project's worktree and the directory it serves.
 *
 * @example
 * ```ts
 * import { Project } from "effect-opencode"
 * const p: Project.PathInfo = { home: "/home/me", state: "/home/me/.local/state/opencode", config: "/home/me/.config/opencode", worktree: "/repo", directory: "/repo" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const PathInfo = Schema.Struct({
  home: Schema.String,
  state: Schema.String,
  config: Schema.String,
  worktree: Schema.String,
  directory: Schema.String
})

/**
 * The decoded type of {@link PathInfo}.
 *
 * @since 0.1.0
 * @category models
 */
export type PathInfo = typeof PathInfo.Type
