/**
 * The output of `effect-opencode batch` in every mode (plain, `--journal`, `--database`): one
 * {@link ResultLine} per task through one schema, and one writer of the results file ({@link open}).
 * docs/runs-and-batches.md ("The result line") documents the shape.
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

/** A finished task's line: session and prompt ids, final text, files changed (and sums), tokens, cost, wall time. */
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
 * The line of a task that failed (`status: "failed"`) or was skipped because a budget was used up
 * (`"skipped"`): the error, its session if any, and whether the journal's next run takes it up
 * again (`resumable`; always false without `--journal`).
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
 * One line of `batch` output, whatever the mode. `source`: `"run"` (this command ran the task),
 * `"resumed"` (re-attached to a task an earlier run left running), `"journal"` (finished in an
 * earlier run of the journal), `"other"` (another process: a `--join`ed one, or a cluster runner).
 */
export const ResultLine = Schema.Union([FinishedLine, FailedLine])

/** The type of {@link ResultLine}. */
export type ResultLine = typeof ResultLine.Type

const encode = Schema.encodeSync(ResultLine)

/** The JSON text of a line (without its newline), encoded through {@link ResultLine}. */
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

/** The line of a task that ended, in the kernel's terms (`Tasks.TaskEnd`): journaled and cluster batches report these. */
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

/** The line of a plain batch's task (`Batch.stream`): `source: "run"`, a failure never resumable (no journal keeps it). */
export const fromBatch = (r: Batch.TaskResult, identity: Identity): ResultLine =>
  r._tag === "Failed" ? failed(identity, "run", r.error, { sessionID: r.sessionID }) : lineOf(r, identity)

/** The line of a journaled batch's task (`DurableBatch.run`). */
export const fromDurable: (r: Tasks.TaskResult, id: string) => ResultLine = fromResult

/** The line of a cluster batch's task as the database recorded it: `source: "other"` (a runner ran it). */
export const fromStored = (r: Store.StoredResult, id: string): ResultLine => fromResult(Store.toTaskEnd(r), id)

/** Where a batch writes its lines: {@link open}. */
export interface Results {
  /** Writes one line; never fails (the batch's callbacks cannot): a failed write is kept for {@link Results.close}. */
  readonly write: (line: ResultLine) => Effect.Effect<void>
  /** Ends the output: a file's lines replace it (fsync, rename); fails if a write failed (the file left as it was). The scope calls it if not before. */
  readonly close: Effect.Effect<void, InputError>
}

const code = (e: unknown): string => (e as NodeJS.ErrnoException | undefined)?.code ?? String(e)

/**
 * Opens a batch's output: `outFile`, else stdout (each line as it comes). A results file is never
 * written in place: its lines go to `.<name>.<pid>-<random>.partial` beside it (created by the
 * first line), which replaces `outFile` (fsync, one `rename`) when the batch ends, normally, on a
 * failure or on Ctrl-C. So `outFile` holds one run's lines whole, or what it held before (a
 * refused or crashed process never touches it). Gotchas: the file appears only at the end; its
 * directory must be writable (checked here, before the batch).
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
