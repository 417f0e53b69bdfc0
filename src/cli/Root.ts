/**
 * The CLI's root command (its shared flags) and the state commands share with the entry point;
 * here rather than in Commands.ts so that cluster.ts and journal.ts, which Commands.ts imports,
 * can use them.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import type { Where } from "./Report.ts"

/** Writes to stdout (results) and stderr (everything else: banners, progress, errors). */
export const out = (text: string) => Effect.sync(() => void process.stdout.write(text))
export const err = (text: string) => Effect.sync(() => void process.stderr.write(text))

/**
 * Mutable state a command shares with the entry point: the exit code it wants, the exit code of an
 * interruption (`events` makes it 0: Ctrl-C is how it ends), and the server it talked to (for errors).
 */
export class CliState extends Context.Service<CliState, {
  exitCode: number
  interruptExitCode: number
  where: Where
}>()("effect-opencode/cli/CliState") {}

/** A fresh {@link CliState}: exit code 0, 130 on interruption. */
export const makeState = (): CliState["Service"] => ({ exitCode: 0, interruptExitCode: 130, where: {} })

/** The root command `effect-opencode`, with the flags every subcommand accepts: `--url`, `--dir`, `--json`, `--verbose`. */
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
