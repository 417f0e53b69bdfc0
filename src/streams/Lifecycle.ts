/**
 * The lifecycle of one session, derived from its events: a small state machine that
 * `EventService.lifecycle` runs over the session's event stream, and re-synchronises from the
 * server's state after a reconnect.
 *
 * The states and the transitions between them are drawn in docs/events.md ("The session
 * lifecycle"): `completed` is idle after an assistant message finished without error, else `idle`;
 * `error` comes at most once per run (an abort is `MessageAbortedError`), with its `idle` after it.
 *
 * @example
 * ```ts
 * import { Lifecycle } from "effect-opencode"
 *
 * let machine = Lifecycle.initial("ses_1")
 * const step = Lifecycle.resync(machine, { session: undefined, status: { type: "idle" } })
 * machine = step.machine
 * step.changes.map((c) => c.state) // ["deleted"]
 * ```
 */
import { SessionError } from "../Errors.ts"
import type { Event } from "../schema/Event.ts"
import type { AssistantMessage } from "../schema/Message.ts"
import { type MessageError, messageErrorName, messageErrorText } from "../schema/ServerError.ts"
import type { Session, SessionStatus } from "../schema/Session.ts"

/** The states of a session's lifecycle. */
export type LifecycleState =
  | "created"
  | "active"
  | "idle"
  | "completed"
  | "error"
  | "reverted"
  | "archived"
  | "deleted"

/**
 * One state change. `status` is set for `active`; `message` for `completed` and for an error from
 * a message; `session` when an event or re-read carried it; `resynced` when it came from re-reading
 * the server's state (start, reconnect) rather than from an event.
 */
export interface Change {
  readonly sessionID: string
  readonly state: LifecycleState
  readonly status?: SessionStatus | undefined
  readonly message?: AssistantMessage | undefined
  readonly error?: SessionError | undefined
  readonly session?: Session | undefined
  readonly resynced: boolean
}

/** The machine's memory between events. */
export interface Machine {
  readonly sessionID: string
  /** The last state emitted (`undefined` before the first). */
  readonly state: LifecycleState | undefined
  /** The status of the last `active` change. */
  readonly status: SessionStatus | undefined
  /** Whether an error was emitted in the current run. */
  readonly runError: boolean
  /** The last assistant message that finished during the current run. */
  readonly finished: AssistantMessage | undefined
  readonly revertID: string | undefined
  readonly archived: boolean
}

/** What {@link transition} and {@link resync} return: the next machine and the changes to emit. */
export interface Step {
  readonly machine: Machine
  readonly changes: ReadonlyArray<Change>
}

/** The machine of a session before any event. */
export const initial = (sessionID: string): Machine => ({
  sessionID,
  state: undefined,
  status: undefined,
  runError: false,
  finished: undefined,
  revertID: undefined,
  archived: false
})

/** A `SessionError` from a server message error. */
export const sessionError = (sessionID: string, error: MessageError | undefined): SessionError =>
  error === undefined
    ? new SessionError({ sessionID, name: "UnknownError", message: "the session reported an error" })
    : new SessionError({ sessionID, name: messageErrorName(error), message: messageErrorText(error), error })

const sameStatus = (a: SessionStatus | undefined, b: SessionStatus): boolean =>
  a !== undefined && a.type === b.type && (a.type !== "retry" || (b.type === "retry" && a.attempt === b.attempt))

const change = (m: Machine, state: LifecycleState, extra: Partial<Change> = {}, resynced = false): Change => ({
  sessionID: m.sessionID,
  state,
  resynced,
  ...extra
})

const isRunning = (m: Machine) => m.state === "active" || m.state === "error"

const toActive = (m: Machine, status: SessionStatus, resynced: boolean): Step => {
  if (m.state === "active" && sameStatus(m.status, status)) return { machine: m, changes: [] }
  const fresh = m.state !== "active" && m.state !== "error"
  const machine: Machine = {
    ...m,
    state: "active",
    status,
    ...(fresh ? { runError: false, finished: undefined } : {})
  }
  if (m.state === "error") {
    // still the same run (a retry after an error): keep the error state, record the status
    return { machine: { ...m, status }, changes: [] }
  }
  return { machine, changes: [change(m, "active", { status }, resynced)] }
}

const toIdle = (m: Machine, resynced: boolean, lastAssistant?: AssistantMessage): Step => {
  if (!isRunning(m) && m.state !== undefined) return { machine: m, changes: [] }
  const done: Machine = { ...m, status: undefined }
  if (m.runError) {
    return { machine: { ...done, state: "idle", runError: false, finished: undefined }, changes: [change(m, "idle", {}, resynced)] }
  }
  const finished = m.finished ?? lastAssistant
  if (finished !== undefined && finished.error === undefined && finished.time.completed !== undefined && m.state !== undefined) {
    return {
      machine: { ...done, state: "completed", finished: undefined },
      changes: [change(m, "completed", { message: finished }, resynced)]
    }
  }
  return { machine: { ...done, state: "idle", finished: undefined }, changes: [change(m, "idle", {}, resynced)] }
}

const toError = (m: Machine, error: SessionError, message: AssistantMessage | undefined, resynced: boolean): Step => {
  if (m.runError) return { machine: m, changes: [] }
  return {
    machine: { ...m, state: "error", runError: true },
    changes: [change(m, "error", { error, ...(message !== undefined ? { message } : {}) }, resynced)]
  }
}

const onSession = (m: Machine, session: Session, resynced: boolean): Step => {
  const changes: Array<Change> = []
  let machine = m
  const revertID = session.revert?.messageID
  if (revertID !== undefined && revertID !== m.revertID) {
    machine = { ...machine, revertID, state: "reverted" }
    changes.push(change(m, "reverted", { session }, resynced))
  } else if (revertID === undefined && m.revertID !== undefined) {
    machine = { ...machine, revertID: undefined, state: "idle" }
    changes.push(change(m, "idle", { session }, resynced))
  }
  const archived = session.time.archived !== undefined
  if (archived && !m.archived) {
    machine = { ...machine, archived: true, state: "archived" }
    changes.push(change(m, "archived", { session }, resynced))
  } else if (!archived && m.archived) {
    machine = { ...machine, archived: false, state: "idle" }
    changes.push(change(m, "idle", { session }, resynced))
  }
  return { machine, changes }
}

/** Feeds one event of the session to the machine; filter out other sessions' events first (`Event.eventSessionID`). */
export const transition = (m: Machine, event: Event): Step => {
  switch (event.type) {
    case "session.created":
      return {
        machine: { ...m, state: "created" },
        changes: [change(m, "created", { session: event.properties.info })]
      }
    case "session.status": {
      const status = event.properties.status
      return status.type === "idle" ? toIdle(m, false) : toActive(m, status, false)
    }
    case "session.idle":
      return toIdle(m, false)
    case "session.error":
      return toError(m, sessionError(m.sessionID, event.properties.error), undefined, false)
    case "message.updated": {
      const info = event.properties.info
      if (info.role !== "assistant") return { machine: m, changes: [] }
      if (info.error !== undefined) {
        // an error of a run that already ended (the server re-sends the message after the idle)
        if (!isRunning(m) && m.state !== undefined) return { machine: m, changes: [] }
        return toError(m, sessionError(m.sessionID, info.error), info, false)
      }
      if (info.time.completed !== undefined) return { machine: { ...m, finished: info }, changes: [] }
      return { machine: m, changes: [] }
    }
    case "session.updated":
      return onSession(m, event.properties.info, false)
    case "session.deleted":
      if (m.state === "deleted") return { machine: m, changes: [] }
      return {
        machine: { ...m, state: "deleted" },
        changes: [change(m, "deleted", { session: event.properties.info })]
      }
    default:
      return { machine: m, changes: [] }
  }
}

/**
 * The server's state of a session, re-read at the start and after a reconnect: the session
 * (`undefined` once deleted), its status, the last assistant message (read only when needed).
 */
export interface Snapshot {
  readonly session: Session | undefined
  readonly status: SessionStatus
  readonly lastAssistant?: AssistantMessage | undefined
}

/** Whether a re-sync must read the last assistant message: a run seems on and the server says idle (its end was missed). */
export const needsMessages = (m: Machine, status: SessionStatus): boolean => status.type === "idle" && isRunning(m)

/**
 * Brings the machine in line with a {@link Snapshot}, emitting the missed changes (`resynced`); on
 * a fresh machine it emits the current state once: `deleted`, `archived`, `reverted`, `active` or `idle`.
 */
export const resync = (m: Machine, snapshot: Snapshot): Step => {
  if (m.state === "deleted") return { machine: m, changes: [] }
  if (snapshot.session === undefined) {
    return { machine: { ...m, state: "deleted" }, changes: [change(m, "deleted", {}, true)] }
  }
  const session = snapshot.session
  if (m.state === undefined) {
    // the first state: the most specific one that holds now
    const base: Machine = {
      ...m,
      revertID: session.revert?.messageID,
      archived: session.time.archived !== undefined
    }
    if (snapshot.status.type !== "idle") {
      return {
        machine: { ...base, state: "active", status: snapshot.status },
        changes: [change(m, "active", { status: snapshot.status }, true)]
      }
    }
    const state: LifecycleState = base.archived ? "archived" : base.revertID !== undefined ? "reverted" : "idle"
    return {
      machine: { ...base, state },
      changes: [change(m, state, state === "idle" ? {} : { session }, true)]
    }
  }
  const changes: Array<Change> = []
  let machine = m
  const last = snapshot.lastAssistant
  if (snapshot.status.type === "idle") {
    if (isRunning(machine) && last !== undefined && last.error !== undefined) {
      const step = toError(machine, sessionError(m.sessionID, last.error), last, true)
      machine = step.machine
      changes.push(...step.changes)
    }
    const step = toIdle(machine, true, last)
    machine = step.machine
    changes.push(...step.changes)
  } else {
    const step = toActive(machine, snapshot.status, true)
    machine = step.machine
    changes.push(...step.changes)
  }
  const step = onSession(machine, session, true)
  return { machine: step.machine, changes: [...changes, ...step.changes] }
}
