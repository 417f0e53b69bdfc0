/**
 * The entry point of the `effect-opencode` CLI: parses the arguments, runs the command, renders
 * any failure as one line on stderr (with detail under `--verbose`), and exits with 0 (success),
 * 1 (a failure, or a batch with a failed task), 2 (a usage error, a malformed database URL) or 130
 * (Ctrl-C; 0 for `events` and `runner`, which Ctrl-C or SIGTERM ends). CLI internals:
 * not part of the package's exports.
 *
 * @since 0.1.0
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Cause, Effect, Exit, Logger, References } from "effect"
import { CliError, Command } from "effect/cli"
import { isInvalidUrl } from "./cluster.ts"
import { app, CliState, makeState } from "./Commands.ts"
import { renderCause } from "./Report.ts"

/**
 * The version the CLI reports (`--version`).
 *
 * @example
 * ```ts
 * import { version } from "./Main.ts"
 * version // "0.1.0"
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const version = "0.1.0"

const stderrLogger = Logger.make((options) => {
  const level = options.logLevel === "Warn" ? "warning" : options.logLevel.toLowerCase()
  const message = Array.isArray(options.message) ? options.message.map(String).join(" ") : String(options.message)
  process.stderr.write(`${level}: ${message}\n`)
})

const isUsageError = (cause: Cause.Cause<unknown>): boolean =>
  cause.reasons.some((r) => Cause.isFailReason(r) && CliError.isCliError(r.error))

/** A usage mistake found by a command itself (flags that do not go together, a malformed database URL). */
const isUsageFailure = (cause: Cause.Cause<unknown>): boolean => {
  const first = cause.reasons.find(Cause.isFailReason)
  if (first === undefined) return false
  const e = first.error as { _tag?: unknown; usage?: unknown }
  return (e._tag === "InputError" && e.usage === true) || isInvalidUrl(first.error)
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit
 * code; every failure is rendered on stderr, never thrown.
 *
 * @example
 * ```ts
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Effect } from "effect"
 * import { main } from "./Main.ts"
 *
 * main(["sessions", "list", "--url", "http://127.0.0.1:4096"]).pipe(
 *   Effect.flatMap((code) => Effect.sync(() => process.exit(code)))
 * )
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export const main = (args: ReadonlyArray<string>, state: CliState["Service"] = makeState()): Effect.Effect<number> =>
  Effect.gen(function*() {
    const verbose = args.includes("--verbose")
    const exit = yield* Command.runWith(app, { version })(args).pipe(
      Effect.provideService(CliState, state),
      Effect.provide(NodeServices.layer),
      Effect.provide(Logger.layer([stderrLogger])),
      Effect.provideService(References.MinimumLogLevel, verbose ? "Debug" : "Warn"),
      Effect.exit
    )
    if (Exit.isSuccess(exit)) return state.exitCode
    if (Cause.hasInterruptsOnly(exit.cause)) return state.interruptExitCode
    // Usage errors were already printed with the help text.
    if (isUsageError(exit.cause)) return 2
    const rendered = renderCause(exit.cause, state.where)
    process.stderr.write(`effect-opencode: error: ${rendered.line}\n`)
    if (verbose) {
      for (const line of rendered.detail) process.stderr.write(`  ${line}\n`)
      process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
    }
    return isUsageFailure(exit.cause) ? 2 : 1
  })

/**
 * Runs the CLI on `process.argv` as the program's main effect: Ctrl-C (SIGINT) or SIGTERM
 * interrupts the command, which aborts its sessions and stops the embedded server before the
 * process exits.
 *
 * @example
 * ```ts
 * import { runMain } from "./Main.ts"
 * runMain()
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export const runMain = (): void => {
  // A closed pipe (e.g. `| head`) ends the output, not the program with a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error
  })
  let code = 0
  const state = makeState()
  main(process.argv.slice(2), state).pipe(
    Effect.tap((c) => Effect.sync(() => void (code = c))),
    (effect) =>
      NodeRuntime.runMain(effect, {
        disableErrorReporting: true,
        teardown: (exit, onExit) => {
          const result = Exit.isSuccess(exit) ? code : Cause.hasInterruptsOnly(exit.cause) ? state.interruptExitCode : 1
          onExit(result)
          // Nothing may keep the process alive once the command is done.
          if (result === 0) setImmediate(() => process.exit(0))
        }
      })
  )
}
