/**
 * Projects (a git repository, or `global` outside one), their version control state, worktrees
 * and the server's paths:
 *
 * - `Project`: its id (the root commit of its repository, or `"global"`), its `worktree`,
 *   `vcs: "git"` when it is one, its sandboxes (worktrees), its `ProjectIcon` (an image `url`, an
 *   `override`, or a `color`) and `ProjectCommands` (`start` runs when a worktree is created);
 *   {@link ProjectDirectory}: a local directory known for it (`GET /project/{id}/directories`).
 * - `VcsInfo` (`GET /vcs`): the current branch and the default branch. `VcsFileStatus`
 *   (`GET /vcs/status`): a changed file of the working tree, untracked files included.
 *   `VcsFileDiff` (`GET /vcs/diff`): a changed file with its unified diff, compared as
 *   {@link VcsDiffMode} says.
 * - `Worktree`: a git worktree made for the project (experimental).
 * - `PathInfo` (the document's `Path`, `GET /path`): the paths the server uses: home, state,
 *   config, the project's worktree and the directory it serves.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under the library's
 * names.
 *
 * Gotchas: a project id has no prefix rule (`Ids.ProjectID`: a commit hash, or `"global"`, for
 * every directory outside a git repository, so `global` projects share one id). Enumerations of
 * answers (a file's `status`) are open: a newer server's value decodes as the string itself.
 *
 * @example
 * ```ts
 * import type { Project } from "effect-opencode"
 * const isRepository = (p: Project.Project) => p.vcs === "git"
 * const changed = (files: ReadonlyArray<Project.VcsFileStatus>) => files.map((f) => f.file)
 * ```
 */
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { lazy } from "../internal/lazy.ts"

export {
  Path as PathInfo,
  Project,
  ProjectCommands,
  ProjectIcon,
  VcsFileDiff,
  VcsFileStatus,
  VcsInfo,
  Worktree
} from "../api/Schemas.ts"

/** A local directory known for a project (`GET /project/{id}/directories`). */
export const ProjectDirectory = /* @__PURE__ */ lazy(() => Schemas.ProjectDirectories.value)
/** The decoded type of {@link ProjectDirectory}. */
export type ProjectDirectory = typeof ProjectDirectory.Type

/** What a diff compares: the working tree with `HEAD` (`git`), or with the default branch (`branch`). */
export const VcsDiffMode = /* @__PURE__ */ lazy(() => Op.vcsDiff.query.fields.mode)
/** The decoded type of {@link VcsDiffMode}. */
export type VcsDiffMode = typeof VcsDiffMode.Type
