/**
 * The server's identifiers as branded strings, with a prefix rule and a safe-character rule.
 * Every id the library puts into a URL path is checked first: its prefix (`ses_`, `msg_`, `prt_`,
 * `per_`, `que_`) plus at least one character, all of `/^[A-Za-z0-9_-]{1,200}$/`. So `../x`,
 * `ses%2F..`, unicode or huge values never reach a request line, nor a bare prefix, which the
 * server accepts (`abort("ses_")` answers `true`).
 *
 * @example
 * ```ts
 * import { Result, Schema } from "effect"
 * import { Ids } from "effect-opencode"
 *
 * const id = Schema.decodeUnknownSync(Ids.SessionID)("ses_1a2b3c")
 * Result.isFailure(Ids.validateId("session", "../etc/passwd")) // true
 * const mine = Ids.newMessageID() // a client-made id in the server's format
 * ```
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

/** The characters and length every id keeps to: ASCII letters, digits, `_`, `-`; 1 to 200. */
export const safeIdPattern: RegExp = /^[A-Za-z0-9_-]{1,200}$/

/**
 * The id kinds and their prefixes (`undefined`: none). A bare prefix is no id, although the server
 * only checks that a session id starts with `ses`; the ids it makes are `ses_` + 26 characters.
 */
export const idPrefixes = {
  session: "ses_",
  message: "msg_",
  part: "prt_",
  permission: "per_",
  question: "que_",
  project: undefined
} as const

/** The prefix, then 1 to (200 - prefix length) safe characters: a prefix alone is no id. */
const prefixed = (prefix: string): RegExp => new RegExp(`^${prefix}[A-Za-z0-9_-]{1,${200 - prefix.length}}$`)

const describe = (kind: string, prefix: string | undefined): string =>
  prefix === undefined
    ? `a ${kind}: 1 to 200 characters among A-Z a-z 0-9 _ -`
    : `a ${kind}: "${prefix}" followed by 1 to ${200 - prefix.length} characters among A-Z a-z 0-9 _ -`

const idString = (kind: string, prefix: string | undefined) =>
  Schema.String.check(
    Schema.isPattern(prefix === undefined ? safeIdPattern : prefixed(prefix), {
      expected: describe(kind, prefix)
    })
  )

/** A session id (`ses_…`). */
export const SessionID = /* @__PURE__ */ idString("session id", idPrefixes.session).pipe(/* @__PURE__ */ Schema.brand("SessionID"))
export type SessionID = typeof SessionID.Type

/** A message id (`msg_…`). */
export const MessageID = /* @__PURE__ */ idString("message id", idPrefixes.message).pipe(/* @__PURE__ */ Schema.brand("MessageID"))
export type MessageID = typeof MessageID.Type

/** A message part id (`prt_…`). */
export const PartID = /* @__PURE__ */ idString("part id", idPrefixes.part).pipe(/* @__PURE__ */ Schema.brand("PartID"))
export type PartID = typeof PartID.Type

/** A permission request id (`per_…`). */
export const PermissionID = /* @__PURE__ */ idString("permission id", idPrefixes.permission).pipe(/* @__PURE__ */ Schema.brand("PermissionID"))
export type PermissionID = typeof PermissionID.Type

/** A question request id (`que_…`). */
export const QuestionID = /* @__PURE__ */ idString("question id", idPrefixes.question).pipe(/* @__PURE__ */ Schema.brand("QuestionID"))
export type QuestionID = typeof QuestionID.Type

/** A project id: no prefix (a git root commit hash, or `"global"` outside a repository). */
export const ProjectID = /* @__PURE__ */ idString("project id", undefined).pipe(/* @__PURE__ */ Schema.brand("ProjectID"))
export type ProjectID = typeof ProjectID.Type

export type IdKind = keyof typeof idPrefixes

/** The branded type of each kind of id. */
export interface IdTypes {
  readonly session: SessionID
  readonly message: MessageID
  readonly part: PartID
  readonly permission: PermissionID
  readonly question: QuestionID
  readonly project: ProjectID
}

const patterns: { readonly [K in IdKind]: RegExp } = {
  session: prefixed(idPrefixes.session),
  message: prefixed(idPrefixes.message),
  part: prefixed(idPrefixes.part),
  permission: prefixed(idPrefixes.permission),
  question: prefixed(idPrefixes.question),
  project: safeIdPattern
}

const preview = (u: unknown): string => {
  if (typeof u !== "string") return u === null ? "null" : typeof u
  const shown = u.length > 40 ? `${u.slice(0, 40)}… (${u.length} characters)` : u
  return JSON.stringify(shown)
}

/**
 * Checks an id without Effect: the branded id, or a readable message. The transport calls it
 * before building a URL and turns a failure into a `ValidationError`.
 */
export const validateId = <K extends IdKind>(kind: K, value: unknown): Result.Result<IdTypes[K], string> =>
  typeof value === "string" && patterns[kind].test(value)
    ? Result.succeed(value as IdTypes[K])
    : Result.fail(`Invalid ${kind} id ${preview(value)}: expected ${describe(`${kind} id`, idPrefixes[kind])}`)

/** Whether a value is a valid id of the given kind. */
export const isId = <K extends IdKind>(kind: K, value: unknown): value is IdTypes[K] =>
  typeof value === "string" && patterns[kind].test(value)

const unsafe = <K extends IdKind>(kind: K) => (value: string): IdTypes[K] => {
  const result = validateId(kind, value)
  if (Result.isFailure(result)) throw new TypeError(result.failure)
  return result.success
}

/** {@link validateId} for session ids. */
export const validateSessionID = (value: unknown): Result.Result<SessionID, string> => validateId("session", value)
/** {@link validateId} for message ids. */
export const validateMessageID = (value: unknown): Result.Result<MessageID, string> => validateId("message", value)
/** {@link validateId} for part ids. */
export const validatePartID = (value: unknown): Result.Result<PartID, string> => validateId("part", value)
/** {@link validateId} for permission ids. */
export const validatePermissionID = (value: unknown): Result.Result<PermissionID, string> =>
  validateId("permission", value)
/** {@link validateId} for question ids. */
export const validateQuestionID = (value: unknown): Result.Result<QuestionID, string> => validateId("question", value)
/** {@link validateId} for project ids. */
export const validateProjectID = (value: unknown): Result.Result<ProjectID, string> => validateId("project", value)
/** Brands a session id; throws a `TypeError` if it is not one (untrusted input: `validateSessionID`). */
export const makeSessionID: (value: string) => SessionID = unsafe("session")
/** Brands a message id; throws a `TypeError` if it is not one (untrusted input: `validateMessageID`). */
export const makeMessageID: (value: string) => MessageID = unsafe("message")
/** Brands a part id; throws a `TypeError` if it is not one (untrusted input: `validatePartID`). */
export const makePartID: (value: string) => PartID = unsafe("part")
/** Brands a permission id; throws a `TypeError` if it is not one (untrusted input: `validatePermissionID`). */
export const makePermissionID: (value: string) => PermissionID = unsafe("permission")
/** Brands a question id; throws a `TypeError` if it is not one (untrusted input: `validateQuestionID`). */
export const makeQuestionID: (value: string) => QuestionID = unsafe("question")
/** Brands a project id; throws a `TypeError` if it is not one (untrusted input: `validateProjectID`). */
export const makeProjectID: (value: string) => ProjectID = unsafe("project")

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const RANDOM_LENGTH = 14
const TIME_MASK = (1n << 48n) - 1n
let lastValue = 0n

const randomBase62 = (length: number): string => {
  // rejection sampling: only bytes below 248 (4 × 62) keep the alphabet uniform
  let out = ""
  while (out.length < length) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length * 2))
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      const byte = bytes[i]!
      if (byte < 248) out += BASE62[byte % 62]
    }
  }
  return out
}

const ascending = (prefix: string): string => {
  // The server's Identifier.ascending (timestamp_ms * 0x1000 + counter, low 48 bits, 12 hex
  // digits), but never going back, even when the clock does: ids of one process sort by creation.
  let value = BigInt(Date.now()) * 0x1000n + 1n
  if (value <= lastValue) value = lastValue + 1n
  lastValue = value
  return `${prefix}_${(value & TIME_MASK).toString(16).padStart(12, "0")}${randomBase62(RANDOM_LENGTH)}`
}

/**
 * A message id made on the client in the server's format: `msg_`, 12 hex digits of
 * `(timestamp_ms * 0x1000 + counter)`, 14 random base62. Ids of one process sort in creation
 * order, after the server's ids of earlier messages; as a prompt's `messageID` it makes a resend
 * recognisable. The 48-bit time field wraps every ~2.2 years, as the server's does.
 */
export const newMessageID = (): MessageID => ascending("msg") as MessageID

/** A part id made on the client (`prt_`, same format), for an input part's optional `id`. */
export const newPartID = (): PartID => ascending("prt") as PartID
