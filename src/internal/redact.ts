/**
 * Redaction of a client's own credentials from what a server sends back: a server or proxy may
 * reflect the request (an error page printing headers, a JSON error quoting the query), and the
 * transport keeps excerpts of answers in its errors. A {@link Redactor} replaces every form the
 * credentials can travel in, before an excerpt is cut and again in the finished error.
 */
import { ApiError, DecodeError, type RequestError, TransportError } from "../Errors.ts"
import * as Base64 from "./base64.ts"

/** What replaces a credential in a text. */
export const redactedText = "<redacted>"

/** Removes the client's credentials from texts, values and errors. */
export interface Redactor {
  /** The text with every credential form replaced by {@link redactedText}. */
  readonly text: (text: string) => string
  /** A copy of a JSON-like value with its strings redacted (the value itself when clean). */
  readonly value: <A>(value: A) => A
  /** The error with its server-provided fields redacted (the same error when clean). */
  readonly error: <E extends RequestError>(error: E) => E
}

const base64 = Base64.encode
const base64Url = Base64.encodeUrl

/** A Base64 token that decodes to printable text (`user:password` sent as `auth_token`). */
const decodedToken = (token: string): string | undefined => {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(token)) return undefined
  const decoded = Base64.decode(token) ?? ""
  // eslint-disable-next-line no-control-regex
  return decoded.length > 0 && !/[\u0000-\u001f\ufffd]/.test(decoded) ? decoded : undefined
}

/**
 * Every form the credentials can take in an answer: as is, URL-encoded, Base64 (standard and
 * URL-safe) and its URL encoding, for secrets and `user:password` pairs; for a token that is
 * Base64 of `user:password`, the pair and its password.
 */
export const credentialForms = (options: {
  readonly username: string
  readonly passwords: ReadonlyArray<string>
  readonly tokens: ReadonlyArray<string>
  /** Other strings that are secret as they are (a password as written in a URL). */
  readonly literals?: ReadonlyArray<string> | undefined
}): ReadonlyArray<string> => {
  const secrets = new Set<string>()
  const add = (s: string) => {
    if (s.length === 0) return
    for (const form of [s, encodeURIComponent(s), base64(s), base64Url(s), encodeURIComponent(base64(s))]) {
      secrets.add(form)
    }
  }
  for (const password of options.passwords) {
    add(password)
    if (password.length > 0) add(`${options.username}:${password}`)
  }
  for (const token of options.tokens) {
    add(token)
    const decoded = decodedToken(token)
    if (decoded !== undefined) {
      add(decoded)
      const colon = decoded.indexOf(":")
      if (colon >= 0) add(decoded.slice(colon + 1))
    }
  }
  for (const literal of options.literals ?? []) if (literal.length > 0) secrets.add(literal)
  return [...secrets]
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const identity: Redactor = { text: (t) => t, value: (v) => v, error: (e) => e }

/**
 * A redactor for the given secrets (none: changes nothing); longer forms first, so a password in
 * `user:password` leaves nothing behind. A one-character secret is replaced everywhere: the safe side.
 */
export const make = (secrets: ReadonlyArray<string>): Redactor => {
  const live = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length)
  if (live.length === 0) return identity
  const pattern = new RegExp(live.map(escapeRegExp).join("|"), "g")
  const text = (t: string): string => {
    pattern.lastIndex = 0
    return pattern.test(t) ? t.replace(pattern, redactedText) : t
  }
  const value = <A>(v: A, depth = 0): A => {
    if (typeof v === "string") return text(v) as A
    if (depth > 32 || v === null || typeof v !== "object") return v
    if (Array.isArray(v)) {
      const out = v.map((x) => value(x, depth + 1))
      return (out.some((x, i) => x !== v[i]) ? out : v) as A
    }
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const key = text(k)
      const y = value(x, depth + 1)
      if (key !== k || y !== x) changed = true
      out[key] = y
    }
    return (changed ? out : v) as A
  }
  const error = <E extends RequestError>(e: E): E => {
    switch (e._tag) {
      case "ApiError": {
        const name = e.name === undefined ? undefined : text(e.name)
        const message = text(e.message)
        const data = value(e.data)
        if (name === e.name && message === e.message && data === e.data) return e
        return new ApiError({
          status: e.status,
          ...(name !== undefined ? { name } : {}),
          message,
          ...(data !== undefined ? { data } : {}),
          method: e.method,
          path: e.path
        }) as E
      }
      case "DecodeError": {
        const issue = text(e.issue)
        const body = text(e.body)
        if (issue === e.issue && body === e.body) return e
        return new DecodeError({ endpoint: e.endpoint, issue, body }) as E
      }
      case "TransportError": {
        const detail = text(e.detail)
        const url = text(e.url)
        if (detail === e.detail && url === e.url) return e
        return new TransportError({ reason: e.reason, method: e.method, url, detail }) as E
      }
      default:
        return e
    }
  }
  return { text, value: (v) => value(v), error }
}
