/**
 * Durable batches: a batch with a journal file that can be killed at any moment (SIGKILL included)
 * and run again to carry on where it stopped, without sending any prompt twice. Each task's
 * `claimed` (session id and client-chosen `messageID`), `prompted` and `finished`/`failed` records
 * are flushed **before** the step they guard; a resumed task whose prompt the server has is
 * re-attached, one it lacks is sent only if the journal proves it was never accepted (else
 * `TaskLost`). The protocol, guarantees and limits: docs/durable-batches.md.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as FileSystem from "effect/FileSystem"
import * as Option from "effect/Option"
import * as Pull from "effect/Pull"
import * as Schedule from "effect/Schedule"
import { SessionError, ValidationError } from "../Errors.ts"
import { call } from "../internal/callback.ts"
import type * as Ids from "../schema/Ids.ts"
import * as MessageService from "../services/MessageService.ts"
import type * as Run from "../services/Run.ts"
import * as SessionService from "../services/SessionService.ts"
import * as Telemetry from "../telemetry/Telemetry.ts"
import { type BudgetExceeded, overBudget, TaskLost } from "../tasks/errors.ts"
import * as Kernel from "../tasks/index.ts"
import * as TaskTelemetry from "../tasks/TaskTelemetry.ts"
import { follow, interruptedTurn, makeTracker } from "../tasks/TaskSteps.ts"
import * as TaskSteps from "../tasks/TaskSteps.ts"
import { JournalError, type JournalLocked } from "./errors.ts"
import * as Journal from "./Journal.ts"

/** One task of a durable batch: the kernel's `Tasks.Task`. */
export type Task = Kernel.Task

/**
 * The steps of a task for {@link Options.onStep}, each called before it happens: `session`,
 * `claim` (write `claimed`), `send` (claim on disk), `wait` (prompt accepted), `record` (result
 * read, not yet written), `done` (result on disk).
 */
export type Step = "session" | "claim" | "send" | "wait" | "record" | "done"

/** Options of {@link run}. */
export interface Options {
  /** The journal file (JSON Lines). Created when missing; its directory must exist. */
  readonly journal: string
  /** Share the journal with the process holding it (none runs twice); without it: `JournalLocked`. */
  readonly join?: boolean | undefined
  /** Tasks running at once in this process. Default 5. */
  readonly concurrency?: number | undefined
  /** Deadline of each task after its prompt is sent (a task's own `timeout` wins): abort, `TimeoutError`. */
  readonly timeoutPerTask?: Duration.Input | undefined
  /** A task whose session shows no progress this long is aborted: `StallError`. Default 10 minutes. */
  readonly stallTimeout?: Duration.Input | undefined
  /**
   * Retries of a failed task (input: the error), each in a new session with a new prompt id, only
   * for failures safe to retry ({@link isRetryable}).
   */
  readonly retry?: Schedule.Schedule<unknown, Journal.TaskError> | undefined
  /**
   * Dollars, over every run of the journal: once finished tasks cost this much no new task starts
   * (running ones finish); the rest are `Skipped` with `BudgetExceeded`.
   */
  readonly maxCost?: number | undefined
  /** Like `maxCost`, for the finished tasks' total tokens. */
  readonly maxTokens?: number | undefined
  /** Delete each task's session once its end is on disk (never a task's own `sessionID`). Default false. */
  readonly deleteSessions?: boolean | undefined
  /** Accept a task list that differs from the journal's. Default false: `JournalError` (`TaskListChanged`). */
  readonly allowChangedTasks?: boolean | undefined
  /** Run again the tasks the journal lists as failed, when the failure is safe to retry. Default false. */
  readonly retryFailed?: boolean | undefined
  /**
   * How long after a claim a missing prompt may still appear (the server answers before it stores
   * the message): a resumed task's missing prompt is sent only after this. Default 3 seconds.
   */
  readonly resendGrace?: Duration.Input | undefined
  /** How often to look at the journal while only other processes' tasks are left. Default 500 ms. */
  readonly pollInterval?: Duration.Input | undefined
  /** Called after every change of the counts. */
  readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
  /** Called with each result as soon as known: this run's, a joined process's, and (first) the journal's. */
  readonly onResult?: ((result: TaskResult) => void | Effect.Effect<void>) | undefined
  /** Called before each step of each task (for logs, and for tests that kill the process at a step). */
  readonly onStep?: ((step: Step, key: string) => void | Effect.Effect<void>) | undefined
}

/** The counts of a durable batch: the kernel's `Tasks.Progress`. */
export type Progress = Kernel.Progress

/** Where a task's end comes from: the kernel's `Tasks.Source`. */
export type Source = Kernel.Source

/** The kernel's `Tasks.TaskFinished`. */
export type TaskFinished = Kernel.TaskFinished

/** The kernel's `Tasks.TaskFailed`. */
export type TaskFailed = Kernel.TaskFailed

/** The kernel's `Tasks.TaskSkipped`. */
export type TaskSkipped = Kernel.TaskSkipped

/** How one task ended: the kernel's `Tasks.TaskResult`. */
export type TaskResult = Kernel.TaskResult

/**
 * Every task's result in task order, split by outcome; `removed`: journal keys no longer in the
 * list; cost and tokens of every run of the journal.
 */
export interface BatchResult {
  readonly results: ReadonlyArray<TaskResult>
  readonly finished: ReadonlyArray<TaskFinished>
  readonly failed: ReadonlyArray<TaskFailed>
  readonly skipped: ReadonlyArray<TaskSkipped>
  readonly removed: ReadonlyArray<string>
  readonly cost: number
  readonly tokens: number
  readonly millis: number
  readonly journal: string
  /** Whether this process held the journal's lock or joined its holder. */
  readonly mode: "holder" | "joined"
}

/** How the batch itself fails (a journal problem, bad keys); a task's failure is only its result. */
export type BatchError = JournalError | JournalLocked | ValidationError

/** One server's services and a `FileSystem` for the journal (`NodeFileSystem.layer`). */
export type Services = Run.RunServices | FileSystem.FileSystem

/** A task's content key: the kernel's `Tasks.taskKey`. */
export const taskKey = Kernel.taskKey

/** The keys of a task list: the kernel's `Tasks.taskKeys`. */
export const taskKeys = Kernel.taskKeys

/** Whether a failure is safe to retry with a new prompt: the kernel's `Tasks.isRetryable`. */
export const isRetryable = Kernel.isRetryable

/** A failed attempt: the error, whether it goes to the journal (the task's end is known), and whether it may be retried. */
interface AttemptFailure {
  readonly _tag: "AttemptFailure"
  readonly error: Journal.TaskError
  /** The attempt's claim is on disk and its end is known: write `failed`. */
  readonly journal: boolean
  readonly retryable: boolean
  readonly claim: { readonly attempt: number; readonly sessionID: string; readonly messageID: string } | undefined
}

/** The send failed: was the prompt certainly not accepted? */
const sendFailure = (error: Journal.TaskError, claim: AttemptFailure["claim"]): AttemptFailure => {
  const refused = (error._tag === "TransportError" && error.reason === "ConnectionRefused") ||
    (error._tag === "ApiError" && error.status < 500) ||
    (error._tag === "ApiError" && error.status >= 502 && error.status <= 504) ||
    error._tag === "ValidationError"
  return refused
    ? { _tag: "AttemptFailure", error, journal: true, retryable: isRetryable(error), claim }
      : { _tag: "AttemptFailure", error, journal: false, retryable: false, claim } // may be queued on the server: left for a resume
}

/** A failure after the prompt was accepted: the task's end when the turn ended, else left for a resume. */
const followFailure = (error: Journal.TaskError, claim: AttemptFailure["claim"]): AttemptFailure => {
  switch (error._tag) {
    case "SessionError":
    case "StallError":
    case "TimeoutError":
      return { _tag: "AttemptFailure", error, journal: true, retryable: true, claim }
    case "TaskLost":
      return { _tag: "AttemptFailure", error, journal: true, retryable: false, claim }
    default:
      return { _tag: "AttemptFailure", error, journal: false, retryable: false, claim }
  }
}

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  a.length === b.length && a.every((k, i) => k === b[i])

const shuffled = <A>(items: ReadonlyArray<A>): Array<A> => {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

type Pick =
  /** `prev`: the owner the pick saw (the claim replaces exactly that one, see `Journal.fold`). */
  | { readonly _tag: "Fresh"; readonly key: string; readonly prev: string | undefined }
  | { readonly _tag: "Resume"; readonly key: string; readonly previous: Journal.TaskState }
  | { readonly _tag: "Wait" }
  | { readonly _tag: "Done" }

/**
 * Runs a batch with a journal: every task once, across crashes and restarts. Running it again
 * with the same journal skips what ended, takes over what a dead process left in flight and runs
 * the rest. An empty task list is a `ValidationError` (field `tasks`) before the journal is touched.
 *
 * Gotcha: interrupting the batch stops following its tasks but does not abort their sessions: the
 * next run re-attaches to them.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Schedule } from "effect"
 * import { NodeFileSystem } from "@effect/platform-node"
 * import { Run } from "effect-opencode"
 * import { DurableBatch } from "effect-opencode/durable"
 *
 * const tasks = ["src/a.ts", "src/b.ts"].map((f) => ({ key: f, prompt: `Add doc comments to ${f}` }))
 * const program = Effect.gen(function*() {
 *   const result = yield* DurableBatch.run(tasks, {
 *     journal: "docs.jsonl",
 *     concurrency: 2,
 *     retry: Schedule.max([Schedule.exponential("30 seconds"), Schedule.recurs(2)]),
 *     maxCost: 5
 *   })
 *   for (const f of result.failed) console.error(f.key, f.error._tag, f.error.message)
 * }).pipe(Effect.provide(Layer.merge(Run.layer({ baseUrl: "http://127.0.0.1:4096" }), NodeFileSystem.layer)))
 * ```
 */
export const run = (
  input: Iterable<string | Task>,
  options: Options
): Effect.Effect<BatchResult, BatchError, Services> =>
  Effect.suspend(() => {
    const tasks = Array.from(input, Kernel.normalize)
    return execute(tasks, options).pipe(TaskTelemetry.traceBatch({ tasks: tasks.length }))
  })

const execute = (
  tasks: ReadonlyArray<Task>,
  options: Options
): Effect.Effect<BatchResult, BatchError, Services> =>
  Effect.scoped(Effect.gen(function*() {
    const started = Date.now()
    const keys = yield* taskKeys(tasks)
    if (keys.length === 0) {
      // Before the journal is opened: a journal of no tasks would refuse the next real list as changed.
      return yield* new ValidationError({ field: "tasks", message: "a durable batch needs at least one task" })
    }
    const indexOf = new Map(keys.map((k, i) => [k, i]))
    const journal = yield* Journal.open(options.journal, { join: options.join })
    const state = journal.state
    const me = journal.owner

    // The task list.
    if (state.keys === undefined) {
      yield* journal.append([{ type: "batch", v: Journal.version, keys }])
      yield* journal.refresh
    } else if (!sameList(state.keys, keys)) {
      const old = new Set(state.keys)
      const now = new Set(keys)
      const added = keys.filter((k) => !old.has(k)).length
      const dropped = state.keys.filter((k) => !now.has(k)).length
      if (options.allowChangedTasks !== true || journal.mode === "joined") {
        return yield* new JournalError({
          path: journal.path,
          reason: "TaskListChanged",
          detail: `the journal's task list differs from this batch's (${added} added, ${dropped} removed${
            state.keys.length === keys.length && added === 0 ? ", reordered" : ""
          })${journal.mode === "joined" ? "; a joining process must run the same tasks" : "; pass allowChangedTasks to accept it"}`
        })
      }
      yield* journal.append([{ type: "batch", v: Journal.version, keys }])
      yield* journal.refresh
    }
    const known = new Set(keys)
    const removed = [...state.tasks.keys()].filter((k) => !known.has(k))

    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    // One event subscription for the whole batch: it keeps the connection open and watches the
    // followed sessions for stalls.
    const tracker = yield* makeTracker

    const stallMillis = Duration.toMillis(Duration.fromInputUnsafe(options.stallTimeout ?? "10 minutes"))
    const graceMillis = Duration.toMillis(Duration.fromInputUnsafe(options.resendGrace ?? "3 seconds"))
    const pollInterval = options.pollInterval ?? "500 millis"
    const concurrency = Math.max(1, options.concurrency ?? 5)

    // Results of this run, by key; tasks that had ended before it are "journal".
    const results = new Map<string, TaskResult>()
    const endedAtStart = new Set<string>()
    for (const key of keys) if (state.tasks.get(key)?.end !== undefined) endedAtStart.add(key)
    const retriedHere = new Set<string>()
    const inProgress = new Set<string>()

    const ended: Array<TaskResult> = []
    const settle = (key: string, result: TaskResult) => {
      results.set(key, result)
      ended.push(result)
    }
    // Reports the results settled since the last call: the counts first, then each result.
    const announce = Effect.suspend(() => {
      if (ended.length === 0) return Effect.void
      const batch = ended.splice(0)
      return Effect.andThen(progress(), Effect.forEach(batch, (r) => call(options.onResult, r), { discard: true }))
    })
    const counts = (): Progress => Kernel.progressOf(keys.length, results.values(), inProgress.size)
    const progress = () => call(options.onProgress, counts())
    const step = (s: Step, key: string) => call(options.onStep, s, key)

    const fromJournal = (key: string, task: Journal.TaskState, source: Source): TaskResult => {
      const index = indexOf.get(key)!
      const end = task.end!
      return end.type === "finished"
        ? {
          _tag: "Finished",
          index,
          key,
          task: tasks[index]!,
          sessionID: end.sessionID,
          messageID: end.messageID,
          output: end.result,
          source
        }
        : { _tag: "Failed", index, key, task: tasks[index]!, error: end.error, source, journaled: true, sessionID: end.sessionID }
    }

    const budget = (): BudgetExceeded | undefined => overBudget(options, state)

    // Interrupted tasks first (their sessions may be running), then the rest; a process that
    // joined takes tasks in a random order, so that two processes rarely race for the same one.
    const interruptedFirst = (order: ReadonlyArray<string>) => {
      const first = order.filter((k) => Journal.phaseOf(state.tasks.get(k), journal.alive) === "interrupted")
      const set = new Set(first)
      return [...first, ...order.filter((k) => !set.has(k))]
    }
    const order = interruptedFirst(journal.mode === "joined" ? shuffled(keys) : keys)

    const pick = (): Pick => {
      let waiting = false
      for (const key of order) {
        if (results.has(key) || inProgress.has(key)) continue
        const task = state.tasks.get(key)
        if (task?.end !== undefined) {
          const retry = task.end.type === "failed" && options.retryFailed === true && task.end.retryable &&
            !retriedHere.has(key)
          if (!retry) {
            const source: Source = endedAtStart.has(key) ? "journal" : task.end.owner === me ? "run" : "other"
            settle(key, fromJournal(key, task, source))
            continue
          }
          retriedHere.add(key)
          return { _tag: "Fresh", key, prev: task.owner }
        }
        if (task !== undefined && task.owner !== undefined) {
          if (task.owner === me) continue
          if (journal.alive(task.owner)) {
            waiting = true
            continue
          }
          if (task.retryPending !== undefined) return { _tag: "Fresh", key, prev: task.owner }
          return { _tag: "Resume", key, previous: { ...task } }
        }
        const over = budget()
        if (over !== undefined) {
          const index = indexOf.get(key)!
          settle(key, { _tag: "Skipped", index, key, task: tasks[index]!, reason: over })
          continue
        }
        return { _tag: "Fresh", key, prev: task?.owner }
      }
      return waiting ? { _tag: "Wait" } : { _tag: "Done" }
    }

    /**
     * Writes the claim and reads the journal back: did this process win the task? `prev` is the
     * owner seen at the pick, not the state's now: a refresh since may have read a rival's claim,
     * and naming that rival would take a live attempt over (and send the prompt twice).
     */
    const claim = (key: string, prev: string | undefined, attempt: number, sessionID: string, messageID: string) =>
      Effect.gen(function*() {
        yield* journal.append([{
          type: "claimed",
          key,
          attempt,
          sessionID,
          messageID,
          ...(prev !== undefined ? { prev } : {})
        }])
        yield* journal.refresh
        const now = state.tasks.get(key)
        return now !== undefined && now.owner === me && now.messageID === messageID
      })

    const timeoutOf = (task: Task) => task.options?.timeout ?? options.timeoutPerTask

    const writeFailed = (key: string, failure: AttemptFailure, final: boolean) =>
      failure.journal && failure.claim !== undefined
        ? journal.append([{
          type: "failed",
          key,
          attempt: failure.claim.attempt,
          sessionID: failure.claim.sessionID,
          messageID: failure.claim.messageID,
          error: failure.error,
          final,
          retryable: failure.retryable
        }])
        : Effect.void

    type Outcome =
      | { readonly _tag: "Finished"; readonly sessionID: string; readonly messageID: string; readonly output: Journal.Output }
      | { readonly _tag: "Lost" }

    type Claim = { readonly attempt: number; readonly sessionID: string; readonly messageID: Ids.MessageID }

    /** Sends the claimed prompt and records that the server accepted it. */
    const sendClaimed = (key: string, task: Task, c: Claim) =>
      Effect.gen(function*() {
        yield* step("send", key)
        yield* TaskSteps.send(task, c.sessionID, c.messageID).pipe(Effect.mapError((error) => sendFailure(error, c)))
        yield* journal.append([{ type: "prompted", key, attempt: c.attempt, sessionID: c.sessionID, messageID: c.messageID }])
      })

    /** Waits for the claimed prompt's end and reads its output. */
    const followClaimed = (key: string, task: Task, c: Claim, startedAt: number, reattached: boolean) =>
      Effect.andThen(
        step("wait", key),
        follow({
          tracker,
          key,
          task,
          sessionID: c.sessionID,
          messageID: c.messageID,
          startedAt,
          reattached,
          stallMillis,
          timeout: timeoutOf(task)
        }).pipe(Effect.mapError((error) => followFailure(error, c)))
      )

    /** One fresh attempt: a session, the claim, the prompt, the wait. */
    const attemptFresh = (key: string, task: Task, prev: string | undefined, attempt: number) =>
      Effect.gen(function*() {
        yield* step("session", key)
        const own = task.options?.sessionID
        const sessionID = yield* TaskSteps.createSession(task).pipe(
          Effect.mapError((error): AttemptFailure => ({ _tag: "AttemptFailure", error, journal: false, retryable: isRetryable(error), claim: undefined }))
        )
        const messageID = TaskSteps.newMessageID()
        const claimInfo = { attempt, sessionID, messageID }
        yield* step("claim", key)
        const won = yield* claim(key, prev, attempt, sessionID, messageID)
        if (!won) {
          if (own === undefined) yield* Effect.ignore(sessions.delete(sessionID))
          return { _tag: "Lost" } as Outcome
        }
        const startedAt = Date.now()
        yield* sendClaimed(key, task, claimInfo)
        const output = yield* followClaimed(key, task, claimInfo, startedAt, false)
        return { _tag: "Finished", sessionID, messageID, output } as Outcome
      })

    /** Takes over a dead process's attempt: re-attach when the server has the prompt, send it when it surely was not accepted. */
    const attemptResume = (key: string, task: Task, previous: Journal.TaskState) =>
      Effect.gen(function*() {
        const sessionID = previous.sessionID!
        const messageID = previous.messageID! as Ids.MessageID
        const attempt = previous.attempt
        const claimInfo = { attempt, sessionID, messageID }
        yield* step("claim", key)
        const won = yield* claim(key, previous.owner, attempt, sessionID, messageID)
        if (!won) return { _tag: "Lost" } as Outcome
        const lost = (reason: "SessionDeleted" | "MessageMissing"): AttemptFailure => ({
          _tag: "AttemptFailure",
          error: new TaskLost({ key, sessionID, messageID, reason }),
          journal: true,
          retryable: false,
          claim: claimInfo
        })
        const unreachable = (error: Journal.TaskError): AttemptFailure => ({ _tag: "AttemptFailure", error, journal: false, retryable: false, claim: claimInfo })
        const lookup = messages.find(sessionID, messageID).pipe(Effect.mapError(unreachable))
        let found = yield* lookup
        if (Option.isNone(found)) {
          const session = yield* sessions.get(sessionID).pipe(
            Effect.map(Option.some),
            Effect.catchIf((e) => e._tag === "ApiError" && e.isNotFound, () => Effect.succeed(Option.none())),
            Effect.mapError(unreachable)
          )
          if (Option.isNone(session)) return yield* Effect.fail(lost("SessionDeleted"))
          // The server answers a prompt before it stores it: give one sent just before the crash time to appear.
          const wait = (previous.claimedAt ?? 0) + graceMillis - Date.now()
          if (wait > 0) yield* Effect.sleep(wait)
          found = yield* lookup
        }
        const startedAt = Date.now()
        let reattached = true
        if (Option.isSome(found)) {
          // Idle with an unfinished turn (server restarted under it): nothing will finish it, and a
          // resend with the same id starts no turn either. That attempt ended.
          const check = interruptedTurn(sessionID, messageID).pipe(Effect.mapError(unreachable))
          let cut = yield* check
          const early = (previous.claimedAt ?? 0) + graceMillis - Date.now()
          if (cut && early > 0) {
            // Just sent: the server may not have started the turn yet.
            yield* Effect.sleep(early)
            cut = yield* check
          }
          if (cut) {
            return yield* Effect.fail(followFailure(
              new SessionError({
                sessionID,
                name: "TurnInterrupted",
                message: `the session is idle but the turn of ${messageID} never finished (was the server restarted?)`
              }),
              claimInfo
            ))
          }
        }
        if (Option.isNone(found)) {
          if (previous.prompted) return yield* Effect.fail(lost("MessageMissing"))
          // The journal shows the prompt was never accepted, and the server does not have it.
          reattached = false
          yield* sendClaimed(key, task, claimInfo)
        }
        const output = yield* followClaimed(key, task, claimInfo, startedAt, reattached)
        return { _tag: "Finished", sessionID, messageID, output, reattached } as Outcome
      })

    const handle = (p: Extract<Pick, { _tag: "Fresh" | "Resume" }>) =>
      Effect.gen(function*() {
        const key = p.key
        const index = indexOf.get(key)!
        const task = tasks[index]!
        let attempt = state.tasks.get(key)?.attempt ?? 0
        let source: Source = p._tag === "Resume" ? "resumed" : "run"
        const first: Effect.Effect<Outcome, AttemptFailure | JournalError, Services> = p._tag === "Resume"
          ? attemptResume(key, task, p.previous)
          : Effect.suspend(() => attemptFresh(key, task, p.prev, ++attempt))
        // A retry replaces this process's own failed attempt when that one got as far as its
        // claim, else the owner the pick saw.
        let prev = p._tag === "Fresh" ? p.prev : p.previous.owner
        const next = (claimed: boolean) =>
          Effect.suspend(() => {
            if (claimed) prev = me
            source = "run"
            return attemptFresh(key, task, prev, ++attempt)
          })
        // Retries: a new session and prompt id each time, only for failures safe to retry.
        const stepper = options.retry === undefined ? undefined : yield* Schedule.toStepWithSleep(options.retry)
        let current = first
        let outcome = yield* Effect.result(current)
        while (outcome._tag === "Failure" && stepper !== undefined) {
          const failure = outcome.failure
          if (failure._tag === "JournalError" || !failure.retryable) break
          yield* writeFailed(key, failure, false)
          const more = yield* stepper(failure.error).pipe(Effect.as(true), Pull.catchDone(() => Effect.succeed(false)))
          if (!more) break
          current = next(failure.claim !== undefined)
          outcome = yield* Effect.result(current)
        }
        if (outcome._tag === "Success") {
          const o = outcome.success
          if (o._tag === "Lost") return // another process owns it: its end will be read from the journal
          yield* step("record", key)
          yield* journal.append([{
            type: "finished",
            key,
            attempt: state.tasks.get(key)?.attempt ?? attempt,
            sessionID: o.sessionID,
            messageID: o.messageID,
            result: o.output
          }])
          yield* step("done", key)
          settle(key, {
            _tag: "Finished",
            index,
            key,
            task,
            sessionID: o.sessionID,
            messageID: o.messageID,
            output: o.output,
            source
          })
          if (options.deleteSessions === true && task.options?.sessionID === undefined) {
            yield* Effect.ignore(sessions.delete(o.sessionID))
          }
          return
        }
        const failure = outcome.failure
        if (failure._tag === "JournalError") return yield* failure
        yield* step("record", key)
        yield* writeFailed(key, failure, true)
        yield* step("done", key)
        settle(key, {
          _tag: "Failed",
          index,
          key,
          task,
          error: failure.error,
          source,
          journaled: failure.journal && failure.claim !== undefined,
          sessionID: failure.claim?.sessionID
        })
        if (
          options.deleteSessions === true && failure.journal && failure.claim !== undefined &&
          task.options?.sessionID === undefined
        ) {
          yield* Effect.ignore(sessions.delete(failure.claim.sessionID))
        }
      })

    const worker = Effect.gen(function*() {
      while (true) {
        yield* journal.refresh
        const next = pick()
        yield* announce
        if (next._tag === "Done") return
        if (next._tag === "Wait") {
          yield* Effect.sleep(pollInterval)
          continue
        }
        inProgress.add(next.key)
        yield* progress()
        const index = indexOf.get(next.key)!
        yield* handle(next).pipe(
          TaskTelemetry.traceTask(
            { index, key: next.key, server: 0, prompt: TaskSteps.promptOf(tasks[index]!) },
            (exit): TaskTelemetry.Ending => {
              const result = results.get(next.key)
              if (result !== undefined) return TaskTelemetry.endingOf(result)
              // Another process won the claim, or this one was stopped: carried on elsewhere or later.
              return { _tag: "Stopped", outcome: Exit.isSuccess(exit) ? "taken" : Telemetry.outcomeOf(exit) }
            }
          ),
          Effect.ensuring(Effect.sync(() => inProgress.delete(next.key)))
        )
        yield* Effect.suspend(() => (ended.length > 0 ? announce : progress()))
      }
    })

    yield* Effect.forEach(Array.from({ length: concurrency }, () => worker), (w) => w, { concurrency: "unbounded", discard: true })
    yield* journal.refresh
    pick() // records the ends written by others at the very last moment
    yield* announce

    const results_ = keys.map((key, index): TaskResult => {
      const r = results.get(key)
      if (r !== undefined) return r
      // Not reached: every key ends in a result; kept total for safety.
      return {
        _tag: "Failed",
        index,
        key,
        task: tasks[index]!,
        error: new SessionError({ sessionID: "", name: "Unknown", message: "the task has no result" }),
        source: "run",
        journaled: false
      }
    })
    yield* TaskTelemetry.batchEnded(results_, { concurrency })
    return {
      results: results_,
      finished: results_.filter((r): r is TaskFinished => r._tag === "Finished"),
      failed: results_.filter((r): r is TaskFailed => r._tag === "Failed"),
      skipped: results_.filter((r): r is TaskSkipped => r._tag === "Skipped"),
      removed,
      cost: state.cost,
      tokens: state.tokens,
      millis: Date.now() - started,
      journal: journal.path,
      mode: journal.mode
    } satisfies BatchResult
  }))

/** A journal's task counts (done, failed, running, interrupted, pending), cost and tokens: `Journal.status`. */
export const status: (path: string) => Effect.Effect<Journal.Summary, JournalError, FileSystem.FileSystem> =
  Journal.status
