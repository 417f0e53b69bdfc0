/**
 * Identifiers of the OpenCode server: branded strings with a prefix rule and a safe-character rule.
 *
 * Every id this library puts into a URL path is checked first: it must be its prefix (`ses_`,
 * `msg_`, `prt_`, `per_`, `que_`) followed by at least one more character, and match
 * `/^[A-Za-z0-9_-]{1,200}$/`, so a hostile value (`../x`, `ses%2F..`, unicode, a very long string)
 * can never reach a request line, and neither can a prefix alone (`ses_`), which the server would
 * take (`abort("ses_")` answers `true`).
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

/**
 * The characters and the length every id must keep to: ASCII letters, digits, `_` and `-`,
 * 1 to 200 characters.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.safeIdPattern.test("ses_abc") // true
 * Ids.safeIdPattern.test("../etc") // false
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const safeIdPattern: RegExp = /^[A-Za-z0-9_-]{1,200}$/

/**
 * The kinds of id this module knows, with their prefix (`undefined`: no prefix rule). An id is its
 * prefix followed by at least one more character: `"ses_"` alone is not a session id. (The server
 * itself only checks that a session id starts with `ses`, and takes `ses_` or `ses` as one; every
 * id it makes is `ses_` + 26 characters.)
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.idPrefixes.session // "ses_"
 * ```
 *
 * @since 0.1.0
 * @category validation
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

/**
 * A session id (`ses_…`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ids } from "effect-opencode"
 * Schema.decodeUnknownSync(Ids.SessionID)("ses_1a2b3c")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionID = /* @__PURE__ */ idString("session id", idPrefixes.session).pipe(/* @__PURE__ */ Schema.brand("SessionID"))

/**
 * A session id (`ses_…`).
 *
 * @since 0.1.0
 * @category models
 */
export type SessionID = typeof SessionID.Type

/**
 * A message id (`msg_…`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ids } from "effect-opencode"
 * Schema.decodeUnknownSync(Ids.MessageID)("msg_1a2b3c")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageID = /* @__PURE__ */ idString("message id", idPrefixes.message).pipe(/* @__PURE__ */ Schema.brand("MessageID"))

/**
 * A message id (`msg_…`).
 *
 * @since 0.1.0
 * @category models
 */
export type MessageID = typeof MessageID.Type

/**
 * A message part id (`prt_…`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ids } from "effect-opencode"
 * Schema.decodeUnknownSync(Ids.PartID)("prt_1a2b3c")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const PartID = /* @__PURE__ */ idString("part id", idPrefixes.part).pipe(/* @__PURE__ */ Schema.brand("PartID"))

/**
 * A message part id (`prt_…`).
 *
 * @since 0.1.0
 * @category models
 */
export type PartID = typeof PartID.Type

/**
 * A permission request id (`per_…`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ids } from "effect-opencode"
 * Schema.decodeUnknownSync(Ids.PermissionID)("per_1a2b3c")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const PermissionID = /* @__PURE__ */ idString("permission id", idPrefixes.permission).pipe(/* @__PURE__ */ Schema.brand("PermissionID"))

/**
 * A permission request id (`per_…`).
 *
 * @since 0.1.0
 * @category models
 */
export type PermissionID = typeof PermissionID.Type

/**
 * A question request id (`que_…`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ids } from "effect-opencode"
 * Schema.decodeUnknownSync(Ids.QuestionID)("que_1a2b3c")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const QuestionID = /* @__PURE__ */ idString("question id", idPrefixes.question).pipe(/* @__PURE__ */ Schema.brand("QuestionID"))

/**
 * A question request id (`que_…`).
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionID = typeof QuestionID.Type

/**
 * A project id: no prefix rule (a git root commit hash, or `"global"` outside a repository), only
 * the safe-character rule.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ids } from "effect-opencode"
 * Schema.decodeUnknownSync(Ids.ProjectID)("global")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProjectID = /* @__PURE__ */ idString("project id", undefined).pipe(/* @__PURE__ */ Schema.brand("ProjectID"))

/**
 * A project id.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectID = typeof ProjectID.Type

/**
 * A kind of id: `"session" | "message" | "part" | "permission" | "question" | "project"`.
 *
 * @since 0.1.0
 * @category models
 */
export type IdKind = keyof typeof idPrefixes

/**
 * The branded type of each kind of id.
 *
 * @since 0.1.0
 * @category models
 */
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
 * Checks an id without Effect: `Result.succeed(id)` (branded) when it is valid, `Result.fail`
 * with a readable message otherwise. The transport calls it before building a URL and turns a
 * failure into a `ValidationError`.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { Ids } from "effect-opencode"
 *
 * Result.isSuccess(Ids.validateId("session", "ses_abc")) // true
 * Result.isFailure(Ids.validateId("session", "../etc/passwd")) // true
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validateId = <K extends IdKind>(kind: K, value: unknown): Result.Result<IdTypes[K], string> =>
  typeof value === "string" && patterns[kind].test(value)
    ? Result.succeed(value as IdTypes[K])
    : Result.fail(`Invalid ${kind} id ${preview(value)}: expected ${describe(`${kind} id`, idPrefixes[kind])}`)

/**
 * Tells whether a value is a valid id of the given kind.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.isId("message", "msg_abc") // true
 * Ids.isId("message", "ses_abc") // false
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const isId = <K extends IdKind>(kind: K, value: unknown): value is IdTypes[K] =>
  typeof value === "string" && patterns[kind].test(value)

const unsafe = <K extends IdKind>(kind: K) => (value: string): IdTypes[K] => {
  const result = validateId(kind, value)
  if (Result.isFailure(result)) throw new TypeError(result.failure)
  return result.success
}

/**
 * Validates a session id, without Effect.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.validateSessionID("ses_abc") // Result.succeed("ses_abc")
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validateSessionID = (value: unknown): Result.Result<SessionID, string> => validateId("session", value)

/**
 * Validates a message id, without Effect.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.validateMessageID("msg_abc") // Result.succeed("msg_abc")
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validateMessageID = (value: unknown): Result.Result<MessageID, string> => validateId("message", value)

/**
 * Validates a part id, without Effect.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.validatePartID("prt_abc") // Result.succeed("prt_abc")
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validatePartID = (value: unknown): Result.Result<PartID, string> => validateId("part", value)

/**
 * Validates a permission request id, without Effect.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.validatePermissionID("per_abc") // Result.succeed("per_abc")
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validatePermissionID = (value: unknown): Result.Result<PermissionID, string> =>
  validateId("permission", value)

/**
 * Validates a question request id, without Effect.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.validateQuestionID("que_abc") // Result.succeed("que_abc")
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validateQuestionID = (value: unknown): Result.Result<QuestionID, string> => validateId("question", value)

/**
 * Validates a project id, without Effect.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * Ids.validateProjectID("global") // Result.succeed("global")
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validateProjectID = (value: unknown): Result.Result<ProjectID, string> => validateId("project", value)

/**
 * Brands a string as a session id; throws a `TypeError` when it is not one. Prefer
 * {@link validateSessionID} for untrusted input.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.makeSessionID("ses_abc")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSessionID: (value: string) => SessionID = unsafe("session")

/**
 * Brands a string as a message id; throws a `TypeError` when it is not one.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.makeMessageID("msg_abc")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMessageID: (value: string) => MessageID = unsafe("message")

/**
 * Brands a string as a part id; throws a `TypeError` when it is not one.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.makePartID("prt_abc")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makePartID: (value: string) => PartID = unsafe("part")

/**
 * Brands a string as a permission request id; throws a `TypeError` when it is not one.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.makePermissionID("per_abc")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makePermissionID: (value: string) => PermissionID = unsafe("permission")

/**
 * Brands a string as a question request id; throws a `TypeError` when it is not one.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.makeQuestionID("que_abc")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeQuestionID: (value: string) => QuestionID = unsafe("question")

/**
 * Brands a string as a project id; throws a `TypeError` when it is not one.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.makeProjectID("global")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeProjectID: (value: string) => ProjectID = unsafe("project")

// ---------------------------------------------------------------------------------------------
// Ascending ids, in the server's format
// ---------------------------------------------------------------------------------------------

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const RANDOM_LENGTH = 14
const TIME_MASK = (1n << 48n) - 1n
let lastValue = 0n

const randomBase62 = (length: number): string => {
  // Rejection sampling: only bytes below 248 (= 4 * 62) keep the alphabet uniform.
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
  // The server's Identifier.ascending: (timestamp_ms * 0x1000 + counter), low 48 bits, 12 hex
  // digits. Here the value also never goes back, even when the clock does or a millisecond holds
  // more than 4096 ids, so ids of this process sort in creation order.
  let value = BigInt(Date.now()) * 0x1000n + 1n
  if (value <= lastValue) value = lastValue + 1n
  lastValue = value
  return `${prefix}_${(value & TIME_MASK).toString(16).padStart(12, "0")}${randomBase62(RANDOM_LENGTH)}`
}

/**
 * Generates a message id on the client, in the server's own format: `msg_` + 12 lowercase hex
 * digits of `(timestamp_ms * 0x1000 + counter)` (its low 48 bits) + 14 random base62 characters.
 * Ids generated by one process sort (as strings) in creation order, and after the server's ids of
 * earlier messages. Use it as `messageID` of a prompt to make a resend recognisable.
 *
 * (The 48-bit time field wraps about every 2.2 years, as the server's does; ids created across
 * that instant do not sort.)
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.newMessageID() // "msg_9a1b2c3d4e5fAbCdEf01234567"
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const newMessageID = (): MessageID => ascending("msg") as MessageID

/**
 * Generates a part id on the client, in the server's format (`prt_` + 12 hex + 14 base62), for
 * the optional `id` of an input part.
 *
 * @example
 * ```ts
 * import { Ids } from "effect-opencode"
 * const id = Ids.newPartID()
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const newPartID = (): PartID => ascending("prt") as PartID
