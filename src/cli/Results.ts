/**
 * The output of `effect-opencode batch`, in every mode (plain, `--journal`, `--database`): one
 * {@link ResultLine} per task, encoded through one schema, and one writer of the results file
 * ({@link open}). CLI internals: not part of the package's exports; the shape is documented in
 * docs/runs-and-batches.md ("The result line").
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as NodeCrypto from "node:crypto"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as Store from "../cluster/Store.ts"
import type * as Batch from "../services/Batch.ts"
import type * as Tasks from "../tasks/TaskResult.ts"
import { errorJson, InputError } from "./Report.ts"

// -----------------------------------------------------------------------------
// the result line
// -----------------------------------------------------------------------------

const Tokens = Schema.Struct({
  input: Schema.Number,
  output: Schema.Number,
  reasoning: Schema.Number,
  cacheRead: Schema.Number,
  cacheWrite: Schema.Number,
  total: Schema.Number
})

const FileChange = Schema.Struct({
  file: Schema.String,
  status: Schema.Literals(["added", "deleted", "modified"]),
  additions: Schema.Number,
  deletions: Schema.Number
})

const ErrorJson = Schema.Struct({
  type: Schema.String,
  message: Schema.String,
  sessionID: Schema.optionalKey(Schema.String),
  status: Schema.optionalKey(Schema.Number)
})

/** Where a result came from: see {@link ResultLine}. */
const Source = Schema.Literals(["run", "resumed", "journal", "other"])

const common = {
  /** The task's `id` in the tasks file (`task-N` when it has none). */
  id: Schema.String,
  /** The task's line in the tasks file, from 0. */
  index: Schema.Number,
  /** The task's key: the hash of its content (`DurableBatch.taskKey`), the same in every mode. */
  key: Schema.String,
  source: Source
}

/**
 * The line of a task that finished: its session and prompt ids, the assistant's final text, the
 * files it changed (and their sums), tokens, cost and wall time.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { FinishedLine } from "./Results.ts"
 * const isFinished = Schema.is(FinishedLine)
 * ```
 */
export const FinishedLine = Schema.Struct({
  ok: Schema.Literal(true),
  status: Schema.Literal("finished"),
  ...common,
  sessionID: Schema.String,
  messageID: Schema.String,
  text: Schema.String,
  files: Schema.Array(FileChange),
  additions: Schema.Number,
  deletions: Schema.Number,
  tokens: Tokens,
  cost: Schema.Number,
  millis: Schema.Number
})

/**
 * The line of a task that failed (`status: "failed"`) or was not started because a budget was
 * used up (`status: "skipped"`): the error, the task's session when it had one, and whether the
 * next run of the same journal takes the task up again (`resumable`; always false without
 * `--journal`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { FailedLine } from "./Results.ts"
 * const isFailed = Schema.is(FailedLine)
 * ```
 */
export const FailedLine = Schema.Struct({
  ok: Schema.Literal(false),
  status: Schema.Literals(["failed", "skipped"]),
  ...common,
  sessionID: Schema.NullOr(Schema.String),
  error: ErrorJson,
  resumable: Schema.Boolean
})

/**
 * One line of `batch` output, whatever the mode: {@link FinishedLine} or {@link FailedLine}.
 * `source` says where the result came from: `"run"` (this command ran the task), `"resumed"`
 * (this command re-attached to a task an earlier run had left running), `"journal"` (it had
 * finished in an earlier run of the journal), `"other"` (another process ran it: a `--join`ed
 * one, or a cluster runner).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ResultLine } from "./Results.ts"
 * const decode = Schema.decodeUnknownSync(Schema.fromJsonString(ResultLine))
 * ```
 */
export const ResultLine = Schema.Union([FinishedLine, FailedLine])

/**
 * The type of {@link ResultLine}.
 *
 * @example
 * ```ts
 * import type { ResultLine } from "./Results.ts"
 * const ids = (lines: ReadonlyArray<ResultLine>) => lines.map((l) => l.id)
 * ```
 */
export type ResultLine = typeof ResultLine.Type

const encode = Schema.encodeSync(ResultLine)

/**
 * The JSON text of a line (without its newline), encoded through {@link ResultLine}.
 *
 * @example
 * ```ts
 * import { toJson, type ResultLine } from "./Results.ts"
 * const text = (line: ResultLine) => toJson(line)
 * ```
 */
export const toJson = (line: ResultLine): string => JSON.stringify(encode(line))

interface Identity {
  readonly id: string
  readonly index: number
  readonly key: string
}

const fileStatus = (status: string | undefined): "added" | "deleted" | "modified" =>
  status === "added" || status === "deleted" ? status : "modified"

type Output = Omit<Tasks.Output, "files"> & {
  readonly files: ReadonlyArray<{ readonly file: string; readonly status?: string | undefined; readonly additions: number; readonly deletions: number }>
}

const outputFields = (o: Output) => ({
  text: o.text,
  files: o.files.map((f) => ({ file: f.file, status: fileStatus(f.status), additions: f.additions, deletions: f.deletions })),
  additions: o.files.reduce((n, f) => n + f.additions, 0),
  deletions: o.files.reduce((n, f) => n + f.deletions, 0),
  tokens: {
    input: o.tokens.input,
    output: o.tokens.output,
    reasoning: o.tokens.reasoning,
    cacheRead: o.tokens.cache.read,
    cacheWrite: o.tokens.cache.write,
    total: o.tokens.total
  },
  cost: o.cost,
  millis: o.millis
})

const failed = (
  identity: Identity,
  source: ResultLine["source"],
  error: unknown,
  options: { readonly status?: "failed" | "skipped"; readonly sessionID?: string | undefined; readonly resumable?: boolean } = {}
): ResultLine => {
  const json = errorJson(error)
  return {
    ok: false,
    status: options.status ?? "failed",
    ...identity,
    source,
    sessionID: options.sessionID ?? json.sessionID ?? null,
    error: json,
    resumable: options.resumable ?? false
  }
}

/**
 * The line of a task that ended, in the kernel's vocabulary (`Tasks.TaskEnd`): what a journaled
 * batch (`DurableBatch.run`) reports, and what a cluster batch's database records
 * ({@link fromStored}).
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * import { fromResult } from "./Results.ts"
 * const line = (r: Tasks.TaskResult) => fromResult(r, "t1")
 * ```
 */
export const fromResult = (r: Tasks.TaskEnd, id: string): ResultLine => lineOf(r, { id, index: r.index, key: r.key })

const lineOf = (r: Tasks.TaskEnd, identity: Identity): ResultLine => {
  switch (r._tag) {
    case "Finished":
      return {
        ok: true,
        status: "finished",
        ...identity,
        source: r.source,
        sessionID: r.sessionID,
        messageID: r.messageID,
        ...outputFields(r.output)
      }
    case "Failed":
      return failed(identity, r.source, r.error, { resumable: !r.journaled, sessionID: r.sessionID })
    case "Skipped":
      return failed(identity, "run", r.reason, { status: "skipped" })
  }
}

/**
 * The line of a task of a plain batch (`Batch.stream`): {@link fromResult} with the CLI's
 * identity, `source: "run"`; a failure is never resumable (no journal keeps it).
 *
 * @example
 * ```ts
 * import type { Batch } from "effect-opencode"
 * import { fromBatch } from "./Results.ts"
 * const line = (r: Batch.TaskResult) => fromBatch(r, { id: "t1", index: r.index, key: r.key })
 * ```
 */
export const fromBatch = (r: Batch.TaskResult, identity: Identity): ResultLine =>
  r._tag === "Failed" ? failed(identity, "run", r.error, { sessionID: r.sessionID }) : lineOf(r, identity)

/**
 * The line of a task of a journaled batch (`DurableBatch.run`): {@link fromResult}.
 *
 * @example
 * ```ts
 * import type { DurableBatch } from "effect-opencode/durable"
 * import { fromDurable } from "./Results.ts"
 * const line = (r: DurableBatch.TaskResult) => fromDurable(r, "t1")
 * ```
 */
export const fromDurable: (r: Tasks.TaskResult, id: string) => ResultLine = fromResult

/**
 * The line of a task of a cluster batch, as the database recorded it (`ClusterStore.toTaskEnd`):
 * `source: "other"` (a runner ran it).
 *
 * @example
 * ```ts
 * import type { ClusterStore } from "effect-opencode/cluster"
 * import { fromStored } from "./Results.ts"
 * const line = (r: ClusterStore.StoredResult) => fromStored(r, "t1")
 * ```
 */
export const fromStored = (r: Store.StoredResult, id: string): ResultLine => fromResult(Store.toTaskEnd(r), id)

// -----------------------------------------------------------------------------
// the results file
// -----------------------------------------------------------------------------

/**
 * Where a batch writes its lines: {@link open}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { Results } from "./Results.ts"
 * const finish = (results: Results) => results.close
 * ```
 */
export interface Results {
  /**
   * Writes one line. Never fails: a failed write is kept, and {@link Results.close} reports it
   * (the batch's own callbacks cannot fail).
   */
  readonly write: (line: ResultLine) => Effect.Effect<void>
  /**
   * Ends the output: with a file, its lines replace the file (fsync, then rename). Fails when a
   * write failed (the file is then left as it was). Called by the scope if not before.
   */
  readonly close: Effect.Effect<void, InputError>
}

const code = (e: unknown): string => (e as NodeJS.ErrnoException | undefined)?.code ?? String(e)

/**
 * Opens the output of a batch: `outFile`, else stdout (each line written as it comes).
 *
 * A results file is never written in place. Its lines go to a temporary file beside it
 * (`.<name>.<pid>-<random>.partial`), created by the first line, and that file replaces
 * `outFile` (fsync, then one `rename`) when the batch ends: normally, on a task failure, or on
 * Ctrl-C (the lines so far). So `outFile` always holds one run's lines, whole, or what it held
 * before: a process that is refused (`JournalLocked`) or fails before its first result never
 * touches it, a process that shares the journal (`--join`) writes its own complete file, and a
 * crash leaves it as it was (the lines so far stay in the `.partial` file).
 *
 * Gotchas: the file appears when the batch ends, not while it runs (follow the progress on
 * stderr, or write to stdout); the directory must be writable (checked here, before the batch).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { open, type ResultLine } from "./Results.ts"
 *
 * const program = (lines: ReadonlyArray<ResultLine>) =>
 *   Effect.scoped(Effect.gen(function*() {
 *     const results = yield* open("results.jsonl")
 *     for (const line of lines) yield* results.write(line)
 *     yield* results.close
 *   }))
 * ```
 */
export const open: (outFile: string | undefined) => Effect.Effect<Results, InputError, Scope.Scope> = Effect.fn("Results.open")(
  function*(outFile: string | undefined) {
    const target = outFile === undefined ? undefined : NodePath.resolve(outFile)
    const failure = (e: unknown) => new InputError({ message: `cannot write ${outFile ?? "the results to stdout"}: ${code(e)}` })
    if (target !== undefined) {
      yield* Effect.try({
        try: () => {
          if (NodeFs.statSync(target, { throwIfNoEntry: false })?.isDirectory() === true) {
            throw Object.assign(new Error("a directory"), { code: "EISDIR" })
          }
          NodeFs.accessSync(NodePath.dirname(target), NodeFs.constants.W_OK)
        },
        catch: failure
      })
    }
    let fd: number | undefined = target === undefined ? 1 : undefined
    let partial: string | undefined
    let error: unknown
    let closed = false

    const writeAll = (text: string) => {
      if (fd === undefined && target !== undefined) {
        partial = NodePath.join(
          NodePath.dirname(target),
          `.${NodePath.basename(target)}.${process.pid}-${NodeCrypto.randomBytes(4).toString("hex")}.partial`
        )
        fd = NodeFs.openSync(partial, "wx", 0o644)
      }
      const bytes = Buffer.from(text)
      let at = 0
      while (at < bytes.length) at += NodeFs.writeSync(fd!, bytes, at)
    }

    const write = (line: ResultLine) =>
      Effect.sync(() => {
        if (closed || error !== undefined) return
        try {
          writeAll(`${toJson(line)}\n`)
        } catch (e) {
          error = e
        }
      })

    const close = Effect.suspend(() => {
      if (closed) return Effect.void
      closed = true
      if (target === undefined || fd === undefined) return error === undefined ? Effect.void : Effect.fail(failure(error))
      const file = fd
      return Effect.try({
        try: () => {
          try {
            if (error !== undefined) throw error
            NodeFs.fsyncSync(file)
          } finally {
            NodeFs.closeSync(file)
          }
          NodeFs.renameSync(partial!, target)
        },
        catch: (e) => {
          try {
            NodeFs.unlinkSync(partial!)
          } catch {
            // already gone
          }
          return failure(e)
        }
      })
    })

    yield* Effect.addFinalizer(() => Effect.ignore(close))
    return { write, close } satisfies Results
  }
)
