/**
 * The root command of the `effect-opencode` CLI (its shared flags) and the state a command shares
 * with the entry point. Every command module builds on these, and Commands.ts assembles the
 * commands under `root`; keeping them here lets cluster.ts and journal.ts use them without
 * importing Commands.ts, which imports them. CLI internals: not part of the package's exports.
 */
import * as Context from "effect/Context"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import type { Where } from "./Report.ts"

// -----------------------------------------------------------------------------
// State shared with the entry point
// -----------------------------------------------------------------------------

/**
 * Mutable state a command shares with the entry point: the exit code it wants, the exit code of
 * an interruption (Ctrl-C; `events` makes it 0, since Ctrl-C is how it ends), and where it was
 * talking to (for error messages).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { CliState } from "./Root.ts"
 *
 * const markFailed = CliState.use((state) => Effect.sync(() => { state.exitCode = 1 }))
 * ```
 */
export class CliState extends Context.Service<CliState, {
  exitCode: number
  interruptExitCode: number
  where: Where
}>()("effect-opencode/cli/CliState") {}

/**
 * A fresh {@link CliState}: exit code 0, 130 on interruption.
 *
 * @example
 * ```ts
 * import { makeState } from "./Root.ts"
 * makeState().interruptExitCode // 130
 * ```
 */
export const makeState = (): CliState["Service"] => ({ exitCode: 0, interruptExitCode: 130, where: {} })

// -----------------------------------------------------------------------------
// Shared flags
// -----------------------------------------------------------------------------

/**
 * The root command `effect-opencode` with the flags every subcommand accepts: `--url`, `--dir`,
 * `--json`, `--verbose`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { root } from "./Root.ts"
 *
 * // inside a subcommand's handler
 * const flags = Effect.gen(function*() { return yield* root })
 * ```
 */
export const root = Command.make("effect-opencode").pipe(
  Command.withDescription(
    "Run prompts, batches and session chores against an OpenCode server (an embedded `opencode serve` unless --url is given)."
  ),
  Command.withSharedFlags({
    url: Flag.String("url").pipe(
      Flag.withAlias("u"),
      Flag.optional,
      Flag.withDescription("Use the opencode server at this URL (default: $OPENCODE_BASE_URL, else start an embedded one; password from $OPENCODE_SERVER_PASSWORD)")
    ),
    dir: Flag.String("dir").pipe(
      Flag.withAlias("d"),
      Flag.optional,
      Flag.withDescription("Project directory (embedded server: where it runs; default the current directory)")
    ),
    json: Flag.Boolean("json").pipe(Flag.withDefault(false), Flag.withDescription("Print JSON instead of text")),
    verbose: Flag.Boolean("verbose").pipe(
      Flag.withDefault(false),
      Flag.withDescription("Print more detail: server pid, binary and version, full errors")
    )
  })
)
