/**
 * The durable side of `effect-opencode batch`: `--journal run.jsonl` (run it again after a crash
 * or Ctrl-C and it carries on, never sending a prompt twice), `--join` (share a journal with the
 * process running it), `--allow-changed`, `--stall-timeout`, `--max-cost`, `--max-tokens`, and
 * `batch status run.jsonl` (`--database`: the cluster's counts, see cluster.ts).
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as NodeFs from "node:fs"
import * as DurableBatch from "../durable/DurableBatch.ts"
import * as Journal from "../durable/Journal.ts"
import * as ClusterCli from "./cluster.ts"
import * as Format from "./Format.ts"
import * as Progress from "./Progress.ts"
import { InputError, render, type Where } from "./Report.ts"
import * as Results from "./Results.ts"
import { type CliState, err, out, root } from "./Root.ts"

/** The flags `batch` takes for durable runs. */
export const batchFlags = {
  journal: Flag.String("journal").pipe(
    Flag.optional,
    Flag.withDescription(
      "Journal file (JSON Lines): run the same command again after a crash or Ctrl-C to carry on; finished tasks are skipped and no prompt is sent twice"
    )
  ),
  join: Flag.Boolean("join").pipe(
    Flag.withDefault(false),
    Flag.withDescription("With --journal: share the journal with the process running it (without it a second process fails at once)")
  ),
  stallTimeout: Flag.Int("stall-timeout").pipe(
    Flag.optional,
    Flag.withDescription("With --journal or --database: seconds without any activity of a task's session before it is aborted as stalled (default 600)")
  ),
  maxCost: Flag.Finite("max-cost").pipe(
    Flag.optional,
    Flag.withDescription("With --journal or --database: start no new task once the batch has cost this much (dollars); running tasks finish")
  ),
  allowChanged: Flag.Boolean("allow-changed").pipe(
    Flag.withDefault(false),
    Flag.withDescription("With --journal: accept a tasks file that differs from the journal's (new tasks run, finished ones are skipped)")
  ),
  maxTokens: Flag.Int("max-tokens").pipe(
    Flag.optional,
    Flag.withDescription("With --journal or --database: start no new task once the batch has used this many tokens")
  )
}

/** The parsed values of {@link batchFlags}. */
export interface BatchFlags {
  readonly journal: Option.Option<string>
  readonly join: boolean
  readonly stallTimeout: Option.Option<number>
  readonly maxCost: Option.Option<number>
  readonly maxTokens: Option.Option<number>
  readonly allowChanged: boolean
}

/** Refuses the durable flags without `--journal`. */
export const checkFlags = (flags: BatchFlags): Effect.Effect<void, InputError> => {
  if (Option.isSome(flags.journal)) return Effect.void
  const given = [
    flags.join ? "--join" : undefined,
    flags.allowChanged ? "--allow-changed" : undefined,
    Option.isSome(flags.stallTimeout) ? "--stall-timeout" : undefined,
    Option.isSome(flags.maxCost) ? "--max-cost" : undefined,
    Option.isSome(flags.maxTokens) ? "--max-tokens" : undefined
  ].filter((f) => f !== undefined)
  return given.length === 0
    ? Effect.void
    : Effect.fail(
      new InputError({
        message: `${given.join(", ")} need${given.length === 1 ? "s" : ""} --journal`,
        hint: Option.isSome(flags.maxCost) || Option.isSome(flags.maxTokens)
          ? "add --journal run.jsonl (--max-cost, --max-tokens and --stall-timeout also work with --database)"
          : "add --journal run.jsonl"
      })
    )
}

/** What {@link runBatch} needs from the `batch` command. */
export interface RunInput {
  readonly flags: BatchFlags
  readonly tasks: ReadonlyArray<DurableBatch.Task>
  /** Each task's id from the tasks file, for the output. */
  readonly ids: ReadonlyArray<string>
  readonly concurrency: number
  readonly timeoutSeconds: Option.Option<number>
  /** Delete each task's session once its end is journaled. */
  readonly ephemeral: boolean
  /** Where the result lines go; closed here once the batch has ended. */
  readonly results: Results.Results
  readonly reporter: Progress.Reporter
  readonly state: CliState["Service"]
  readonly outFile: string | undefined
}

/**
 * Runs the tasks as a durable batch with the `--journal` journal: progress on stderr, one result
 * line per task (those the journal already had too, `source: "journal"`), a summary line, exit
 * code 1 when a task failed. Ctrl-C stops following the tasks but leaves their sessions running:
 * the next run re-attaches to them.
 */
export const runBatch = (input: RunInput): Effect.Effect<void, InputError, DurableBatch.Services> =>
  Effect.gen(function*() {
    const journal = Option.getOrThrow(input.flags.journal)
    const where: Where = input.state.where
    const started = Date.now()
    let last: DurableBatch.Progress = { total: input.tasks.length, finished: 0, failed: 0, skipped: 0, running: 0 }
    const result = yield* DurableBatch.run(input.tasks, {
      journal,
      join: input.flags.join,
      concurrency: input.concurrency,
      deleteSessions: input.ephemeral,
      allowChangedTasks: input.flags.allowChanged,
      ...(Option.isSome(input.timeoutSeconds) ? { timeoutPerTask: Duration.seconds(input.timeoutSeconds.value) } : {}),
      ...(Option.isSome(input.flags.stallTimeout) ? { stallTimeout: Duration.seconds(input.flags.stallTimeout.value) } : {}),
      ...(Option.isSome(input.flags.maxCost) ? { maxCost: input.flags.maxCost.value } : {}),
      ...(Option.isSome(input.flags.maxTokens) ? { maxTokens: input.flags.maxTokens.value } : {}),
      onProgress: (p) => {
        last = p
        input.reporter.update(last)
      },
      onResult: (r) =>
        Effect.gen(function*() {
          const id = input.ids[r.index] ?? r.key
          yield* input.results.write(Results.fromDurable(r, id))
          const millis = r._tag === "Finished" ? r.output.millis : 0
          const note = r._tag === "Finished"
            ? r.source === "run" ? undefined : `(${r.source === "journal" ? "done earlier" : r.source === "resumed" ? "re-attached" : "by another process"})`
            : r._tag === "Failed"
            ? render(r.error, where).line
            : `skipped: ${r.reason.message}`
          input.reporter.finished(
            r._tag === "Finished"
              ? { ok: true, id: note === undefined ? id : `${id} ${note}`, millis, spent: Progress.spentOf(r.output) }
              : { ok: false, id, millis, error: note },
            last
          )
        })
    }).pipe(
      Effect.onInterrupt(() =>
        Effect.sync(() =>
          input.reporter.line(`interrupted: the running tasks go on on the server; run the same command again to carry on (${journal})`)
        )
      ),
      Effect.ensuring(Effect.sync(() => input.reporter.close()))
    )
    yield* input.results.close
    const resumable = result.failed.filter((f) => !f.journaled).length
    yield* err(
      `${result.results.length} task${result.results.length === 1 ? "" : "s"}: ${result.finished.length} done, ${result.failed.length} failed${
        resumable > 0 ? ` (${resumable} to resume)` : ""
      }${result.skipped.length > 0 ? `, ${result.skipped.length} skipped (budget)` : ""} in ${Format.duration(Date.now() - started)} · ${
        Format.cost(result.cost)
      } · ${Format.count(result.tokens)} tokens · journal ${result.journal}${result.mode === "joined" ? " (joined)" : ""}${
        input.outFile !== undefined ? ` · results in ${input.outFile}` : ""
      }\n`
    )
    if (result.removed.length > 0) {
      yield* err(`${result.removed.length} task${result.removed.length === 1 ? "" : "s"} of the journal no longer in the tasks file\n`)
    }
    if (result.failed.length > 0 || result.skipped.length > 0) input.state.exitCode = 1
  }).pipe(
    // The journal's problems are the user's to fix: report them as such.
    Effect.catchTags({
      JournalLocked: (e) => Effect.fail(new InputError({ message: e.message, hint: "wait for it, or pass --join to share its tasks" })),
      JournalError: (e) =>
        Effect.fail(
          new InputError({
            message: e.message,
            hint: e.reason === "TaskListChanged"
              ? "use the tasks file the journal was made with, pass --allow-changed, or use another journal"
              : e.reason === "Corrupt"
              ? "the journal is left as it is; fix or move that line, or use another journal"
              : "check the journal's path"
          })
        ),
      ValidationError: (e) => Effect.fail(new InputError({ message: e.message }))
    })
  )

/** The lines `batch status` prints for a journal's summary. */
export const statusLines = (path: string, s: Journal.Summary): ReadonlyArray<string> => [
  `${path}: ${s.total} task${s.total === 1 ? "" : "s"}`,
  `  done       ${s.done}`,
  `  failed     ${s.failed}`,
  `  in flight  ${s.running + s.interrupted}${
    s.running + s.interrupted > 0 ? ` (${s.running} running, ${s.interrupted} interrupted: resumed by the next run)` : ""
  }`,
  `  pending    ${s.pending}`,
  `  cost       ${Format.cost(s.cost)}`,
  `  tokens     ${Format.count(s.tokens)}`,
  ...(s.truncatedTail ? ["  (the last line is unterminated — a crash while writing; the next run repairs it)"] : [])
]

/**
 * `effect-opencode batch status run.jsonl`: done, failed, in flight, pending, cost and tokens, read
 * without taking the journal's lock (it works while the batch runs); `--json` prints the summary.
 */
export const status = Command.make("status", {
  journal: Argument.String("journal").pipe(
    Argument.optional,
    Argument.withDescription("The journal file of a batch (--journal); leave it out with --database")
  ),
  ...ClusterCli.statusFlags
}, (config) =>
  Effect.gen(function*() {
    const g = yield* root
    if (Option.isSome(config.journal) && Option.isSome(config.database)) {
      return yield* ClusterCli.usage("give a journal file or --database, not both")
    }
    // $EFFECT_OPENCODE_DATABASE stands in for --database when no journal is given.
    const database = Option.isSome(config.journal) ? undefined : ClusterCli.databaseOf(config.database)
    if (database !== undefined) return yield* ClusterCli.status({ database, batchId: config.batchId, json: g.json })
    if (Option.isNone(config.journal)) {
      return yield* ClusterCli.usage(
        "batch status needs a journal file or --database",
        "batch status run.jsonl, or batch status --database postgres://…"
      )
    }
    if (Option.isSome(config.batchId)) return yield* ClusterCli.usage("--batch-id needs --database")
    const journal = config.journal.value
    if (!NodeFs.existsSync(journal)) {
      return yield* new InputError({ message: `no journal at ${journal}`, hint: "give the file passed to batch --journal" })
    }
    const summary = yield* Journal.status(journal)
    if (g.json) return yield* out(`${JSON.stringify(summary)}\n`)
    yield* out(`${statusLines(journal, summary).join("\n")}\n`)
  })).pipe(
  Command.withDescription(
    "Print what a batch journal says (done, failed, in flight, pending, cost and tokens), or with --database the counts of the cluster's batches"
  )
)
