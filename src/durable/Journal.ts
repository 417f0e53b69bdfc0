/**
 * The journal of a durable batch: an append-only JSON Lines file, each append one `write` flushed
 * (`fsync`) before it returns. Records: `batch` (the task keys), `claimed` (written before the
 * prompt is sent), `prompted`, `finished`, `failed`. An unterminated last line (a crash mid-write)
 * is left out; any other non-record line is a `JournalError` naming it, and nothing more is written.
 *
 * {@link open} takes `<journal>.lock` (`O_EXCL`, pid and host; a dead pid's lock on this host is
 * stale and taken over); a second process gets `JournalLocked` unless it joins, then all append
 * (`O_APPEND`) and the first claim in the file wins ({@link fold}). See docs/durable-batches.md.
 */
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Schema from "effect/Schema"
import * as Semaphore from "effect/Semaphore"
import type * as PlatformError from "effect/PlatformError"
import type * as Scope from "effect/Scope"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { excerpt } from "../Errors.ts"
import { Output, TaskError } from "../tasks/TaskResult.ts"
import { JournalError, JournalLocked } from "./errors.ts"

/** The format's version, in every `batch` record; a newer one is refused (`JournalError` `Version`). */
export const version = 1

// The task's error and output are the kernel's, re-exported under their journal names.
export { FileChange, Output, TaskError, Tokens } from "../tasks/TaskResult.ts"

/** The task list (keys, in order): written at creation and when `allowChangedTasks` changes it. */
export const BatchRecord = Schema.Struct({
  type: Schema.Literal("batch"),
  v: Schema.Number,
  owner: Schema.String,
  at: Schema.Number,
  keys: Schema.Array(Schema.String)
})

/**
 * A process takes a task: flushed after its session exists and **before** the prompt is sent,
 * with the prompt's client-chosen `messageID`. `prev`: the owner this claim replaces.
 */
export const ClaimedRecord = Schema.Struct({
  type: Schema.Literal("claimed"),
  key: Schema.String,
  owner: Schema.String,
  prev: Schema.optional(Schema.String),
  attempt: Schema.Number,
  sessionID: Schema.String,
  messageID: Schema.String,
  at: Schema.Number
})

/** The server accepted the claim's prompt (`prompt_async` answered). */
export const PromptedRecord = Schema.Struct({
  type: Schema.Literal("prompted"),
  key: Schema.String,
  owner: Schema.String,
  attempt: Schema.Number,
  sessionID: Schema.String,
  messageID: Schema.String,
  at: Schema.Number
})

/** A task ended with its result. */
export const FinishedRecord = Schema.Struct({
  type: Schema.Literal("finished"),
  key: Schema.String,
  owner: Schema.String,
  attempt: Schema.Number,
  sessionID: Schema.String,
  messageID: Schema.String,
  result: Output,
  at: Schema.Number
})

/** An attempt failed; `final: false` when a retry follows, `retryable`: safe to retry. */
export const FailedRecord = Schema.Struct({
  type: Schema.Literal("failed"),
  key: Schema.String,
  owner: Schema.String,
  attempt: Schema.Number,
  sessionID: Schema.optional(Schema.String),
  messageID: Schema.optional(Schema.String),
  error: TaskError,
  final: Schema.Boolean,
  retryable: Schema.Boolean,
  at: Schema.Number
})

/** Any journal record. */
export const Record = Schema.Union([BatchRecord, ClaimedRecord, PromptedRecord, FinishedRecord, FailedRecord])

export type Record = typeof Record.Type

/** A record to append: `owner` and `at` are filled in by {@link Journal.append}. */
export type NewRecord = Record extends infer R ? R extends Record ? Omit<R, "owner" | "at"> : never : never

const RecordJson = Schema.toCodecJson(Record)
const encodeRecord = Schema.encodeSync(RecordJson)
const decodeRecord = Schema.decodeUnknownResult(RecordJson)

/** One record as a journal line (JSON and a newline). */
export const encodeLine = (record: Record): string => `${JSON.stringify(encodeRecord(record))}\n`

/** Parses one complete line: the record, or a `JournalError` (`Corrupt`, or `Version`). */
export const parseLine = (line: string, path: string, lineNumber: number): Record | JournalError => {
  const corrupt = (detail: string) =>
    new JournalError({ path, reason: "Corrupt", line: lineNumber, content: excerpt(line, 200), detail })
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch (e) {
    return corrupt(`not JSON (${e instanceof Error ? e.message : String(e)})`)
  }
  if (json !== null && typeof json === "object" && "type" in json && json.type === "batch" && "v" in json) {
    if (typeof json.v === "number" && json.v > version) {
      return new JournalError({
        path,
        reason: "Version",
        line: lineNumber,
        detail: `written by journal format ${json.v}; this version reads format ${version}`
      })
    }
  }
  const result = decodeRecord(json)
  if (result._tag === "Failure") return corrupt(`not a journal record: ${excerpt(result.failure.message, 300)}`)
  return result.success
}

/** What the journal says about one task: the accepted claim's owner, attempt and ids, and its end. */
export interface TaskState {
  readonly key: string
  /** The process whose claim is accepted (see {@link fold}). */
  owner: string | undefined
  attempt: number
  sessionID: string | undefined
  messageID: string | undefined
  /** The server accepted the current attempt's prompt. */
  prompted: boolean
  /** When the current claim was written (epoch ms). */
  claimedAt: number | undefined
  /** The task's end: its `finished` record, or its final `failed` record. */
  end: typeof FinishedRecord.Type | typeof FailedRecord.Type | undefined
  /** The current attempt failed and a retry was to follow (its owner's `final: false` record). */
  retryPending: typeof FailedRecord.Type | undefined
  /** Accepted claims so far (attempts and takeovers). */
  claims: number
}

/** Everything a journal says: the latest task list, each task, finished cost and tokens, lines read. */
export interface State {
  keys: ReadonlyArray<string> | undefined
  readonly tasks: Map<string, TaskState>
  cost: number
  tokens: number
  lines: number
}

/** An empty state. */
export const emptyState = (): State => ({ keys: undefined, tasks: new Map(), cost: 0, tokens: 0, lines: 0 })

const taskOf = (state: State, key: string): TaskState => {
  let task = state.tasks.get(key)
  if (task === undefined) {
    task = {
      key,
      owner: undefined,
      attempt: 0,
      sessionID: undefined,
      messageID: undefined,
      prompted: false,
      claimedAt: undefined,
      end: undefined,
      retryPending: undefined,
      claims: 0
    }
    state.tasks.set(key, task)
  }
  return task
}

/**
 * Applies one record to a state, in place. What makes several writers safe: a `claimed` counts
 * only when its `prev` is the current owner (so of two racing claims the first in the file wins);
 * a finished task stays finished; `prompted`/`finished`/`failed` count only for the current claim.
 */
export const fold = (state: State, record: Record): State => {
  state.lines++
  if (record.type === "batch") {
    state.keys = record.keys
    return state
  }
  const task = taskOf(state, record.key)
  if (task.end?.type === "finished") return state
  switch (record.type) {
    case "claimed": {
      if (record.prev !== task.owner) return state
      const sameAttempt = record.messageID === task.messageID
      task.owner = record.owner
      task.attempt = record.attempt
      task.sessionID = record.sessionID
      task.messageID = record.messageID
      task.prompted = sameAttempt && task.prompted
      task.claimedAt = record.at
      task.end = undefined
      task.retryPending = undefined
      task.claims++
      return state
    }
    case "prompted": {
      if (record.messageID === task.messageID) task.prompted = true
      return state
    }
    case "finished": {
      if (record.messageID !== task.messageID) return state
      task.end = record
      state.cost += record.result.cost
      state.tokens += record.result.tokens.total
      return state
    }
    case "failed": {
      if (record.owner !== task.owner || record.attempt !== task.attempt) return state
      if (record.final) task.end = record
      else task.retryPending = record
      return state
    }
  }
}

/** The pid and host of an owner id, `pid@hostname#random` (the random part tells reused pids apart). */
export const parseOwner = (owner: string): { readonly pid: number; readonly hostname: string } | undefined => {
  const at = owner.indexOf("@")
  const hash = owner.lastIndexOf("#")
  if (at <= 0 || hash < at) return undefined
  const pid = Number(owner.slice(0, at))
  return Number.isInteger(pid) && pid > 0 ? { pid, hostname: owner.slice(at + 1, hash) } : undefined
}

const makeOwner = (): string => `${process.pid}@${NodeOs.hostname()}#${Math.random().toString(36).slice(2, 8)}`

/** The owners of the journals open in this process (an owner of this pid that is not here is gone). */
const openHere = new Set<string>()

const aliveOnThisHost = (owner: string, pid: number): boolean =>
  pid === process.pid ? openHere.has(owner) : pidAlive(pid)

/** Whether a process of this host runs: `kill(pid, 0)` succeeds (or `EPERM`: another user's). */
export const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

interface LockInfo {
  readonly pid: number
  readonly hostname: string
  readonly owner: string
  readonly at: number
}

const parseLock = (text: string): LockInfo | undefined => {
  try {
    const json = JSON.parse(text) as Partial<LockInfo>
    return typeof json.pid === "number" && typeof json.hostname === "string" && typeof json.owner === "string" &&
        typeof json.at === "number"
      ? json as LockInfo
      : undefined
  } catch {
    return undefined
  }
}

const io = (path: string, what: string) => (e: PlatformError.PlatformError) =>
  new JournalError({ path, reason: "Io", detail: `${what}: ${e.message}` })

const isTag = (e: PlatformError.PlatformError, tag: string) => e.reason._tag === tag

/** Takes `<journal>.lock` (`"holder"`), or joins a live holder (`"joined"`), else `JournalLocked`. */
const acquireLock = (path: string, owner: string, join: boolean) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const lockPath = `${path}.lock`
    const hostname = NodeOs.hostname()
    const mine: LockInfo = { pid: process.pid, hostname, owner, at: Date.now() }
    for (let round = 0; round < 20; round++) {
      const created = yield* fs.writeFileString(lockPath, JSON.stringify(mine), { flag: "wx" }).pipe(
        Effect.as(true),
        Effect.catchIf((e) => isTag(e, "AlreadyExists"), () => Effect.succeed(false)),
        Effect.mapError(io(path, `creating ${lockPath}`))
      )
      if (created) return "holder" as const
      const text = yield* fs.readFileString(lockPath).pipe(
        Effect.catchIf((e) => isTag(e, "NotFound"), () => Effect.succeed(undefined)),
        Effect.mapError(io(path, `reading ${lockPath}`))
      )
      if (text === undefined) continue // released in between: try again
      const holder = parseLock(text)
      if (holder === undefined) {
        // Created, not written yet (or left empty by a crash at that very moment).
        const info = yield* fs.stat(lockPath).pipe(Effect.option)
        const mtime = info._tag === "Some" && info.value.mtime._tag === "Some" ? info.value.mtime.value.getTime() : 0
        if (Date.now() - mtime < 5_000) {
          yield* Effect.sleep("50 millis")
          continue
        }
        yield* stealStale(lockPath, text, path)
        continue
      }
      const stale = holder.hostname === hostname && !aliveOnThisHost(holder.owner, holder.pid)
      if (stale) {
        yield* stealStale(lockPath, text, path)
        continue
      }
      if (join) return "joined" as const
      return yield* new JournalLocked({
        path,
        lockPath,
        pid: holder.pid,
        hostname: holder.hostname,
        since: holder.at
      })
    }
    return yield* new JournalError({ path, reason: "Io", detail: `could not take ${lockPath} (it keeps changing)` })
  })

/**
 * Moves a stale lock aside (rename is atomic: only one process moves it) and removes it if it is
 * the lock that was read; a fresh lock moved by mistake is put back.
 */
const stealStale = (lockPath: string, seen: string, path: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`
    const moved = yield* fs.rename(lockPath, aside).pipe(
      Effect.as(true),
      Effect.catchIf((e) => isTag(e, "NotFound"), () => Effect.succeed(false)),
      Effect.mapError(io(path, `moving the stale ${lockPath}`))
    )
    if (!moved) return
    const text = yield* fs.readFileString(aside).pipe(Effect.orElseSucceed(() => seen))
    if (text === seen) {
      yield* Effect.ignore(fs.remove(aside))
      yield* Effect.logWarning(`effect-opencode: took over the stale journal lock ${lockPath} (${excerpt(seen, 120)})`)
    } else {
      // Someone took the lock between our read and our rename: give it back.
      yield* Effect.ignore(fs.rename(aside, lockPath))
    }
  })

const releaseLock = (path: string, owner: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const lockPath = `${path}.lock`
    const text = yield* fs.readFileString(lockPath).pipe(Effect.option)
    if (text._tag === "Some" && parseLock(text.value)?.owner === owner) yield* Effect.ignore(fs.remove(lockPath))
  })

const NEWLINE = 0x0a
const decoder = new TextDecoder("utf-8", { fatal: false })
const encoder = new TextEncoder()

interface Cursor {
  /** Bytes consumed: up to and including the last complete line's newline. */
  offset: number
  /** Lines consumed. */
  line: number
  /** Bytes after `offset` that end without a newline (0 when the file ends with one). */
  tail: number
}

const readRange = (file: FileSystem.File, from: number, length: number) =>
  Effect.gen(function*() {
    const buffer = new Uint8Array(length)
    let got = 0
    while (got < length) {
      const n = yield* file.read(buffer.subarray(got), { position: BigInt(from + got) })
      if (n === 0) break
      got += n
    }
    return got === length ? buffer : buffer.subarray(0, got)
  })

/** Folds the complete lines appended since `cursor` into `state`; an unterminated one waits (`cursor.tail`). */
const readNew = (path: string, file: FileSystem.File, cursor: Cursor, state: State) =>
  Effect.gen(function*() {
    const info = yield* file.stat.pipe(Effect.mapError(io(path, "stat")))
    const size = Number(info.size)
    if (size <= cursor.offset) {
      cursor.tail = 0
      return state
    }
    const bytes = yield* readRange(file, cursor.offset, size - cursor.offset).pipe(Effect.mapError(io(path, "read")))
    const last = bytes.lastIndexOf(NEWLINE)
    cursor.tail = bytes.length - (last + 1)
    if (last < 0) return state
    const text = decoder.decode(bytes.subarray(0, last))
    const lines = text.split("\n")
    let n = cursor.line
    for (const line of lines) {
      n++
      if (line.trim() === "") continue
      const record = parseLine(line, path, n)
      if (record instanceof JournalError) return yield* record
      fold(state, record)
    }
    cursor.line = n
    cursor.offset += last + 1
    return state
  })

/** Reads a whole journal without its lock (a missing one reads as empty), e.g. for a status. */
export const read = (
  path: string
): Effect.Effect<{ readonly state: State; readonly truncatedTail: boolean }, JournalError, FileSystem.FileSystem> =>
  Effect.scoped(Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const exists = yield* fs.exists(path).pipe(Effect.mapError(io(path, "exists")))
    if (!exists) return { state: emptyState(), truncatedTail: false }
    const file = yield* fs.open(path, { flag: "r" }).pipe(Effect.mapError(io(path, "open")))
    const cursor: Cursor = { offset: 0, line: 0, tail: 0 }
    const state = yield* readNew(path, file, cursor, emptyState())
    return { state, truncatedTail: cursor.tail > 0 }
  }))

/**
 * Where a task stands: `running` (claimed by a live process), `interrupted` (by one that is gone:
 * a resume takes it over), `done`, `failed` or `pending`.
 */
export type Phase = "done" | "failed" | "running" | "interrupted" | "pending"

/** The phase of one task, given who is alive. */
export const phaseOf = (task: TaskState | undefined, alive: (owner: string) => boolean): Phase => {
  if (task === undefined || task.owner === undefined) return "pending"
  if (task.end?.type === "finished") return "done"
  if (task.end?.type === "failed") return "failed"
  return alive(task.owner) ? "running" : "interrupted"
}

/**
 * Whether an owner is a live process: its pid runs on this host (for this process: its journal is
 * still open). Gotcha: an owner on another host cannot be checked and counts as alive.
 */
export const ownerAlive = (owner: string): boolean => {
  const parsed = parseOwner(owner)
  if (parsed === undefined) return false
  return parsed.hostname !== NodeOs.hostname() || aliveOnThisHost(owner, parsed.pid)
}

/** A journal's counts by {@link Phase} (of the latest task list), cost and tokens. */
export interface Summary {
  readonly total: number
  readonly done: number
  readonly failed: number
  readonly running: number
  readonly interrupted: number
  readonly pending: number
  readonly cost: number
  readonly tokens: number
  /** Whether the last line is unterminated (a crash while writing; the next run repairs it). */
  readonly truncatedTail: boolean
}

/** Counts a state's tasks by {@link Phase}. */
export const summarize = (
  state: State,
  options: { readonly alive?: (owner: string) => boolean; readonly truncatedTail?: boolean } = {}
): Summary => {
  const alive = options.alive ?? ownerAlive
  const keys = state.keys ?? [...state.tasks.keys()]
  const counts = { done: 0, failed: 0, running: 0, interrupted: 0, pending: 0 }
  for (const key of keys) counts[phaseOf(state.tasks.get(key), alive)]++
  return {
    total: keys.length,
    ...counts,
    cost: state.cost,
    tokens: state.tokens,
    truncatedTail: options.truncatedTail ?? false
  }
}

/** Reads a journal (without its lock) and counts its tasks: what `effect-opencode batch status` prints. */
export const status = (path: string): Effect.Effect<Summary, JournalError, FileSystem.FileSystem> =>
  Effect.map(read(path), ({ state, truncatedTail }) => summarize(state, { truncatedTail }))

/**
 * An open journal: its state as read so far, appends that return once on disk, and a refresh that
 * reads what any process appended since.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { NodeFileSystem } from "@effect/platform-node"
 * import { Journal } from "effect-opencode/durable"
 *
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const journal = yield* Journal.open("run.jsonl", { join: true }) // lock released with the scope
 *   yield* journal.append([{ type: "batch", v: Journal.version, keys: ["a", "b"] }])
 *   const state = yield* journal.refresh
 *   return Journal.summarize(state, { alive: journal.alive })
 * })).pipe(Effect.provide(NodeFileSystem.layer))
 * ```
 */
export interface Journal {
  readonly path: string
  /** This process's identity in the journal ({@link parseOwner}). */
  readonly owner: string
  /** `"holder"`: this process holds the lock; `"joined"`: it joined the holder. */
  readonly mode: "holder" | "joined"
  /** The state of every record read so far (it changes with {@link Journal.refresh}). */
  readonly state: State
  /**
   * Appends records (this owner, the current time) in one write, flushed before it returns;
   * concurrent appends share one flush. After a failed write nothing more is written.
   */
  readonly append: (records: ReadonlyArray<NewRecord>) => Effect.Effect<void, JournalError>
  /** Reads the records appended since the last read (by any process) into {@link Journal.state}. */
  readonly refresh: Effect.Effect<State, JournalError>
  /**
   * Whether an owner is alive, cached for a second. Another host's owner counts as gone in
   * `"holder"` mode (it could only share the journal by joining), as alive when joined.
   */
  readonly alive: (owner: string) => boolean
}

/** Options of {@link open}. */
export interface OpenOptions {
  /** Share the journal with the live process that holds its lock instead of failing. */
  readonly join?: boolean | undefined
}

/**
 * Opens (or creates) a journal for the scope's life: takes its lock (or joins), reads it and, when
 * holding the lock, saves an unterminated last line to `<journal>.tail-<time>` and cuts it. A
 * corrupt journal fails with a `JournalError` naming the line and is left as it is.
 */
export const open = (
  pathInput: string,
  options: OpenOptions = {}
): Effect.Effect<Journal, JournalError | JournalLocked, FileSystem.FileSystem | Scope.Scope> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = NodePath.resolve(pathInput)
    const dirExists = yield* fs.exists(NodePath.dirname(path)).pipe(Effect.mapError(io(path, "exists")))
    if (!dirExists) {
      return yield* new JournalError({ path, reason: "Io", detail: `its directory ${NodePath.dirname(path)} does not exist` })
    }
    const owner = makeOwner()
    yield* Effect.acquireRelease(Effect.sync(() => openHere.add(owner)), () => Effect.sync(() => openHere.delete(owner)))
    const mode = yield* Effect.acquireRelease(
      acquireLock(path, owner, options.join === true),
      (mode) => (mode === "holder" ? Effect.ignore(releaseLock(path, owner)) : Effect.void)
    )
    const existed = yield* fs.exists(path).pipe(Effect.mapError(io(path, "exists")))
    const writer = yield* fs.open(path, { flag: "a" }).pipe(Effect.mapError(io(path, "open for appending")))
    if (!existed) {
      // Make the new file's directory entry durable too.
      yield* Effect.scoped(
        Effect.flatMap(fs.open(NodePath.dirname(path), { flag: "r" }), (dir) => dir.sync)
      ).pipe(Effect.ignore)
    }
    const reader = yield* fs.open(path, { flag: "r" }).pipe(Effect.mapError(io(path, "open for reading")))
    const state = emptyState()
    const cursor: Cursor = { offset: 0, line: 0, tail: 0 }
    yield* readNew(path, reader, cursor, state)

    if (cursor.tail > 0 && mode === "holder") {
      // A crash mid-write, unless a joined process is writing it now: look again, keep a copy, cut it.
      yield* Effect.sleep("100 millis")
      yield* readNew(path, reader, cursor, state)
      if (cursor.tail > 0) {
        const tail = yield* readRange(reader, cursor.offset, cursor.tail).pipe(Effect.mapError(io(path, "read")))
        const copy = `${path}.tail-${Date.now()}`
        yield* fs.writeFile(copy, tail).pipe(Effect.mapError(io(path, `writing ${copy}`)))
        yield* fs.truncate(path, cursor.offset).pipe(Effect.mapError(io(path, "truncate the unterminated last line")))
        yield* Effect.logWarning(
          `effect-opencode: ${path} ended with an unterminated line (${cursor.tail} bytes, a crash while writing); saved to ${copy} and cut`
        )
        cursor.tail = 0
      }
    }

    const readLock = Semaphore.makeUnsafe(1)
    const refresh = readLock.withPermits(1)(readNew(path, reader, cursor, state))

    const writeLock = Semaphore.makeUnsafe(1)
    let broken: JournalError | undefined
    const pending: Array<{ readonly bytes: Uint8Array; readonly done: Deferred.Deferred<void, JournalError> }> = []
    const flush = Effect.gen(function*() {
      if (pending.length === 0) return
      const batch = pending.splice(0)
      let bytes: Uint8Array
      if (batch.length === 1) bytes = batch[0]!.bytes
      else {
        bytes = new Uint8Array(batch.reduce((n, b) => n + b.bytes.length, 0))
        let at = 0
        for (const b of batch) {
          bytes.set(b.bytes, at)
          at += b.bytes.length
        }
      }
      const outcome = broken !== undefined
        ? Effect.fail(broken)
        : writer.writeAll(bytes).pipe(Effect.andThen(writer.sync), Effect.mapError(io(path, "append")))
      const exit = yield* Effect.exit(outcome)
      if (exit._tag === "Failure" && broken === undefined) {
        const e = Cause.findErrorOption(exit.cause)
        broken = e._tag === "Some" ? e.value : new JournalError({ path, reason: "Io", detail: "append failed" })
      }
      for (const b of batch) Deferred.doneUnsafe(b.done, exit)
    })

    const append = (records: ReadonlyArray<NewRecord>): Effect.Effect<void, JournalError> =>
      Effect.uninterruptible(Effect.suspend(() => {
        if (broken !== undefined) return Effect.fail(broken)
        const at = Date.now()
        let text = ""
        for (const r of records) text += encodeLine({ ...r, owner, at } as Record)
        const done = Deferred.makeUnsafe<void, JournalError>()
        pending.push({ bytes: encoder.encode(text), done })
        return writeLock.withPermits(1)(flush).pipe(Effect.andThen(Deferred.await(done)))
      }))

    const liveness = new Map<string, { readonly alive: boolean; readonly at: number }>()
    const hostname = NodeOs.hostname()
    const alive = (other: string): boolean => {
      if (other === owner) return true
      const cached = liveness.get(other)
      const now = Date.now()
      if (cached !== undefined && now - cached.at < 1_000) return cached.alive
      const parsed = parseOwner(other)
      const result = parsed === undefined
        ? false
        : parsed.hostname !== hostname
        ? mode === "joined"
        : aliveOnThisHost(other, parsed.pid)
      liveness.set(other, { alive: result, at: now })
      return result
    }

    return { path, owner, mode, state, append, refresh, alive } satisfies Journal
  })
