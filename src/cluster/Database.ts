/**
 * The cluster's PostgreSQL connection: the connection string is checked before anything else uses
 * it, so a wrong one ends in one clear `DatabaseError` rather than in the engine's retries.
 */
import { PgClient } from "@effect/sql-pg"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Reactivity from "effect/reactivity/Reactivity"
import type * as SqlClient from "effect/sql/SqlClient"

/** The database could not be used (bad URL, unreachable, login or database refused); `url` never shows a password. */
export class DatabaseError extends Schema.TaggedError<DatabaseError>("effect-opencode/DatabaseError")("DatabaseError", {
  url: Schema.String,
  reason: Schema.Literals(["InvalidUrl", "Unreachable", "Rejected"]),
  detail: Schema.String
}) {
  override get message(): string {
    switch (this.reason) {
      case "InvalidUrl":
        return `invalid database URL ${this.url}: ${this.detail} (expected postgres://user[:password]@host[:port]/database)`
      case "Unreachable":
        return `cannot reach PostgreSQL at ${this.url}: ${this.detail}`
      case "Rejected":
        return `PostgreSQL at ${this.url} refused the connection: ${this.detail}`
    }
  }
}

/** A parsed connection string. */
export interface Connection {
  readonly url: Redacted.Redacted<string>
  /** The URL with its password replaced by `***`, for messages and logs. */
  readonly display: string
  readonly host: string
  readonly port: number
  readonly database: string
}

/** The connection string with its password replaced by `***`. */
export const redact = (url: string): string => {
  try {
    const u = new URL(url)
    if (u.password !== "") u.password = "***"
    return u.toString()
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@")
  }
}

/** Parses and checks the shape of a connection string (no network). */
export const parse = (url: string): Effect.Effect<Connection, DatabaseError> =>
  Effect.suspend(() => {
    const display = redact(url)
    const invalid = (detail: string) => Effect.fail(new DatabaseError({ url: display, reason: "InvalidUrl", detail }))
    let u: URL
    try {
      u = new URL(url)
    } catch {
      return invalid("not a URL")
    }
    if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
      return invalid(`unsupported scheme "${u.protocol.replace(/:$/, "")}"`)
    }
    if (u.hostname === "") return invalid("no host")
    const database = decodeURIComponent(u.pathname.replace(/^\//, ""))
    if (database === "" || database.includes("/")) return invalid("no database name")
    const port = u.port === "" ? 5432 : Number(u.port)
    return Effect.succeed({ url: Redacted.make(url), display, host: u.hostname, port, database })
  })

const describe = (error: unknown): { reason: "Unreachable" | "Rejected"; detail: string } => {
  const texts: Array<string> = []
  let code: string | undefined
  let current: unknown = error
  for (let i = 0; i < 6 && current !== undefined && current !== null; i++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown; reason?: unknown }
    if (typeof e.code === "string" && code === undefined) code = e.code
    if (typeof e.message === "string" && e.message !== "" && !texts.includes(e.message)) texts.push(e.message)
    current = e.cause ?? e.reason
  }
  const text = texts.at(-1) ?? String(error)
  const network = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|timed? ?out|connect/i
  if (code !== undefined && /^E[A-Z]+$/.test(code)) {
    return { reason: "Unreachable", detail: text.includes(code) ? text : `${code}: ${text}` }
  }
  if (network.test(text) && !/password|authentication|does not exist|role/i.test(text)) {
    return { reason: "Unreachable", detail: text }
  }
  return { reason: "Rejected", detail: text }
}

/**
 * Connects once and runs `SELECT 1`, within `timeout` (default 10 seconds).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClusterDatabase } from "effect-opencode/cluster"
 *
 * const ok = ClusterDatabase.check("postgres://app@db:5432/batches", { timeout: "5 seconds" }).pipe(
 *   Effect.catchTag("DatabaseError", (e) => Effect.logError(e.message)) // e.g. "cannot reach PostgreSQL at …"
 * )
 * ```
 */
export const check = (
  url: string,
  options?: { readonly timeout?: Duration.Input | undefined }
): Effect.Effect<Connection, DatabaseError> =>
  Effect.gen(function*() {
    const connection = yield* parse(url)
    const timeout = Duration.fromInputUnsafe(options?.timeout ?? "10 seconds")
    yield* Effect.scoped(Effect.gen(function*() {
      const client = yield* PgClient.makeClient({ url: connection.url, connectTimeout: timeout, applicationName: "effect-opencode" })
      yield* client`SELECT 1`
    })).pipe(
      Effect.provide(Reactivity.layer),
      Effect.timeoutOrElse({
        duration: timeout,
        orElse: () =>
          Effect.fail({ message: `no answer within ${Duration.format(timeout)}`, code: "ETIMEDOUT" })
      }),
      Effect.mapError((error) => new DatabaseError({ url: connection.display, ...describe(error) }))
    )
    return connection
  })

/**
 * `PgClient` and `SqlClient` for a connection string, checked first ({@link check}); connections
 * are cut after `connectTimeout` (default 10 seconds) when the server does not answer.
 */
export const layer = (
  url: string,
  options?: { readonly connectTimeout?: Duration.Input | undefined; readonly maxConnections?: number | undefined }
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, DatabaseError> =>
  Layer.unwrap(Effect.gen(function*() {
    const connection = yield* check(url, { timeout: options?.connectTimeout })
    return PgClient.layerFrom(
      PgClient.make({
        url: connection.url,
        connectTimeout: options?.connectTimeout ?? "10 seconds",
        applicationName: "effect-opencode",
        ...(options?.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {})
      }).pipe(Effect.mapError((error) => new DatabaseError({ url: connection.display, ...describe(error) })))
    )
  }))
