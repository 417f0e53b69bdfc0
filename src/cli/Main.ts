/**
 * The entry point of the `effect-opencode` CLI (`effect-opencode/cli`): parses the arguments, runs
 * the command, renders any failure as one line on stderr (detail under `--verbose`), and exits 0,
 * 1 (a failure, or a batch with a failed task), 2 (a usage error, a malformed database URL) or 130
 * (Ctrl-C; 0 for `events` and `runner`, which Ctrl-C or SIGTERM ends).
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as References from "effect/References"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as OpencodeNode from "../layers/OpencodeNode.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import { isInvalidUrl } from "./cluster.ts"
import { app } from "./Commands.ts"
import { renderCause } from "./Report.ts"
import { CliState, makeState } from "./Root.ts"

/** The version the CLI reports (`--version`). */
export const version = "0.1.0"

const stderrLogger = Logger.make((options) => {
  const level = options.logLevel === "Warn" ? "warning" : options.logLevel.toLowerCase()
  const message = Array.isArray(options.message) ? options.message.map(String).join(" ") : String(options.message)
  process.stderr.write(`${level}: ${message}\n`)
})

/** Control characters of what the user typed are shown escaped, never sent to the terminal. */
const printable = (text: string): string =>
  // oxlint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)

/** Spans and metrics go to `OTEL_EXPORTER_OTLP_ENDPOINT` when set; a malformed OpenTelemetry setting is a warning, never a failure. */
const telemetry = Telemetry.layerOtlpFromEnv.pipe(
  Layer.provide(OpencodeNode.layerHttpClient),
  Layer.catchCause((cause) =>
    Layer.effectDiscard(Effect.logWarning(`telemetry is off: ${Cause.squash(cause)}`))
  )
)

/** Every usage error's one form: one line on stderr with a pointer to `--help` (exit code 2); stdout stays clean. */
const printUsageError = (message: string, commandPath: ReadonlyArray<string>): void =>
  void process.stderr.write(`effect-opencode: error: ${printable(message)} (see: ${commandPath.join(" ")} --help)\n`)

/** A parse error of Effect's CLI as one sentence: its first line, and its suggestions if any. */
const parseErrorText = (error: CliError.NonShowHelpErrors): string => {
  const first = error.message.split("\n").find((l) => l.trim().length > 0)?.trim() ?? error._tag
  const suggestions = "suggestions" in error ? error.suggestions : []
  return suggestions.length > 0 ? `${first} (did you mean ${suggestions.join(" or ")}?)` : first
}

/**
 * Effect's CLI output, except that an invalid invocation (unknown flag or subcommand, missing
 * argument, bad value) or a command missing its subcommand is one line on stderr pointing to
 * `--help`, instead of the whole help text on stdout.
 */
const presenter: CliOutput.Presenter = {
  present: (event) => {
    if (event._tag === "InvalidInvocation") {
      return Effect.sync(() => printUsageError(event.errors.map(parseErrorText).join("; "), event.commandPath))
    }
    if (event._tag === "Help" && event.reason === "Implicit") {
      const names = (event.helpDoc.subcommands ?? []).flatMap((group) => group.commands.map((c) => c.name))
      return Effect.sync(() =>
        printUsageError(
          `${event.commandPath.join(" ")} needs a subcommand${names.length > 0 ? `: ${names.join(", ")}` : ""}`,
          event.commandPath
        )
      )
    }
    return CliOutput.defaultPresenter.present(event)
  }
}

/** The command a usage failure of a handler belongs to, from the arguments (for its `--help` pointer). */
const commandPathOf = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const path: Array<string> = [app.name]
  let command: Command.Command.Any = app
  for (const arg of args) {
    if (arg.startsWith("-")) continue
    const next = command.subcommands.flatMap((group) => group.commands).find((c) => c.name === arg || c.alias === arg)
    if (next === undefined) continue
    path.push(next.name)
    command = next
  }
  return path
}

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
 * Runs the CLI with `args` (without `node` and the script) and returns the exit code; every
 * failure is rendered on stderr, never thrown.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { main } from "effect-opencode/cli"
 *
 * main(["sessions", "list", "--url", "http://127.0.0.1:4096"]).pipe(
 *   Effect.flatMap((code) => Effect.sync(() => process.exit(code)))
 * )
 * ```
 */
export const main = (args: ReadonlyArray<string>, state: CliState["Service"] = makeState()): Effect.Effect<number> =>
  Effect.gen(function*() {
    const verbose = args.includes("--verbose")
    const exit = yield* Command.runWith(app, { version })(args).pipe(
      Effect.provideService(CliState, state),
      Effect.provide(telemetry),
      Effect.provideService(CliOutput.Presenter, presenter),
      Effect.provide(NodeServices.layer),
      Effect.provide(Logger.layer([stderrLogger])),
      Effect.provideService(References.MinimumLogLevel, verbose ? "Debug" : "Warn"),
      Effect.exit
    )
    if (Exit.isSuccess(exit)) return state.exitCode
    if (Cause.hasInterruptsOnly(exit.cause)) return state.interruptExitCode
    // Usage errors of the parser were already printed (by `presenter`).
    if (isUsageError(exit.cause)) return 2
    const rendered = renderCause(exit.cause, state.where)
    if (isUsageFailure(exit.cause)) {
      printUsageError(rendered.line, commandPathOf(args))
      return 2
    }
    process.stderr.write(`effect-opencode: error: ${rendered.line}\n`)
    if (verbose) {
      for (const line of rendered.detail) process.stderr.write(`  ${line}\n`)
      process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
    }
    return 1
  })

/**
 * Runs the CLI on `process.argv` as the program's main: Ctrl-C (SIGINT) or SIGTERM interrupts the
 * command, which aborts its sessions and stops the embedded server before the process exits.
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
