/**
 * Projects, their version control state, worktrees and the server's paths. `Project`: id (the
 * repository's root commit, or `"global"` outside one), `worktree`, `vcs`, sandboxes, icon,
 * `commands` (`start` runs when a worktree is made). `VcsInfo` (`GET /vcs`: branches),
 * `VcsFileStatus` (`/vcs/status`, untracked files included), `VcsFileDiff` (`/vcs/diff`, as
 * {@link VcsDiffMode} says), `Worktree` (experimental), `PathInfo` (`GET /path`).
 *
 * Gotchas: every directory outside a git repository shares the project id `global`. A file's
 * `status` is an open enumeration.
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
export type ProjectDirectory = typeof ProjectDirectory.Type

/** What a diff compares: the working tree with `HEAD` (`git`), or with the default branch (`branch`). */
export const VcsDiffMode = /* @__PURE__ */ lazy(() => Op.vcsDiff.query.fields.mode)
export type VcsDiffMode = typeof VcsDiffMode.Type
