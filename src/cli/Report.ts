/**
 * Error rendering of the CLI: every failure becomes one line saying what failed, the status or
 * cause and what to do (never a stack trace), plus detail lines for `--verbose`.
 */
import * as Cause from "effect/Cause"
import * as Schema from "effect/Schema"
import type { OpencodeError } from "../Errors.ts"
import { isOpencodeError } from "../Errors.ts"
import { type ShownUrl, shownUrl } from "../internal/url.ts"

/** A mistake in what the user gave the CLI (a tasks file line, a `--model` value): the message says where and what, the hint what to do. */
export class InputError extends Schema.TaggedError<InputError>("effect-opencode/cli/InputError")("InputError", {
  message: Schema.String,
  hint: Schema.optional(Schema.String),
  /** A usage mistake (flags that do not go together): exit code 2 instead of 1. */
  usage: Schema.optional(Schema.Boolean)
}) {}

/** What the CLI prints for an error: one line, and the detail lines `--verbose` adds. */
export interface Rendered {
  readonly line: string
  readonly detail: ReadonlyArray<string>
}

/**
 * The server the failing command talked to, so a message can name it. Its URL is a `ShownUrl`
 * (credentials removed by `shownUrl`): a raw `--url` does not type-check here.
 */
export interface Where {
  readonly url?: ShownUrl | undefined
  readonly embedded?: boolean | undefined
}

const firstLine = (s: string): string => s.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? s

const server = (where: Where): string =>
  where.embedded === true ? "the embedded opencode server" : where.url ? `the opencode server at ${where.url}` : "the opencode server"

const renderOpencode = (error: OpencodeError, where: Where): Rendered => {
  switch (error._tag) {
    case "ServerStartError": {
      const detail = [
        ...(error.binary !== undefined ? [`binary: ${error.binary}`] : []),
        ...(error.output.length > 0 ? ["last output lines:", ...error.output.slice(-20).map((l) => `  ${l}`)] : [])
      ]
      const todo = error.reason === "BinaryNotFound"
        ? "" // the message already says what to install
        : error.reason === "VersionMismatch"
        ? " — install a tested opencode-ai version"
        : error.output.length > 0
        ? " — run with --verbose to see its output"
        : ""
      return { line: `could not start the embedded opencode server (${error.reason}): ${firstLine(error.message)}${todo}`, detail }
    }
    case "TransportError": {
      const todo = error.reason === "ConnectionRefused"
        ? where.embedded === true
          ? " — the embedded server stopped; run with --verbose"
          : " — start one with `opencode serve`, or leave out --url (and OPENCODE_BASE_URL) to use an embedded server"
        : error.reason === "Timeout"
        ? " — the server did not answer in time; check that it is not overloaded"
        : error.reason === "ConnectionReset"
        ? " — the server closed the connection (did it stop?)"
        : ""
      return {
        line: `cannot reach ${server(where)} (${error.reason}: ${error.method} ${shownUrl(error.url)})${todo}`,
        detail: error.detail ? [`detail: ${error.detail}`] : []
      }
    }
    case "ApiError": {
      const todo = error.isUnauthorized
        ? " — set OPENCODE_SERVER_PASSWORD (and OPENCODE_SERVER_USERNAME) to the server's credentials"
        : error.isNotFound
        ? " — check the id (`effect-opencode sessions list` shows the sessions)"
        : error.isBusy
        ? " — the session is busy; wait for it or abort it"
        : error.isServerError
        ? " — the server failed; its log may say why"
        : ""
      const message = error.message.length > 0 ? `: ${firstLine(error.message)}` : ""
      // `name` is the server's error name; absent, it reads as the class's own.
      const name = error.name && !error.name.includes("/") ? ` ${error.name}` : ""
      return {
        line: `${server(where)} answered ${error.status}${name} to ${error.method} ${error.path}${message}${todo}`,
        detail: error.data !== undefined ? [`data: ${JSON.stringify(error.data).slice(0, 2000)}`] : []
      }
    }
    case "DecodeError":
      return {
        line: `unexpected answer from ${server(where)} to ${error.endpoint}: ${firstLine(error.issue)} — is it an opencode server of a tested version (1.18.x)?`,
        detail: [`issue: ${error.issue}`, `body: ${error.body}`]
      }
    case "ValidationError":
      return { line: `invalid ${error.field}: ${firstLine(error.message)}`, detail: [] }
    case "SessionError":
      return {
        line: `the model failed in session ${error.sessionID}: ${error.name}: ${firstLine(error.message)}${
          /not found/i.test(error.message) ? " — check --model (provider/model)" : ""
        }`,
        detail: error.error !== undefined ? [`error: ${JSON.stringify(error.error).slice(0, 2000)}`] : []
      }
    case "TimeoutError":
      return {
        line: `${error.operation} timed out after ${Math.round(error.timeoutMillis / 1000)} s${
          error.sessionID !== undefined ? ` (session ${error.sessionID} aborted)` : ""
        } — raise --timeout`,
        detail: []
      }
  }
}

const messageOf = (u: unknown): string =>
  u !== null && typeof u === "object" && typeof (u as { message?: unknown }).message === "string"
    ? (u as { message: string }).message
    : String(u)

/** A command's failure (a typed error, or a defect) as one line and its detail lines. */
export const render = (error: unknown, where: Where = {}): Rendered => {
  if (isOpencodeError(error)) return renderOpencode(error, where)
  const tag = error !== null && typeof error === "object" ? (error as { _tag?: unknown })._tag : undefined
  if (tag === "InputError") {
    const e = error as InputError
    return { line: `${e.message}${e.hint ? ` — ${e.hint}` : ""}`, detail: [] }
  }
  if (tag === "DatabaseError") return { line: firstLine(messageOf(error)), detail: [] }
  if (tag === "ClusterStartError") {
    const line = firstLine(messageOf(error))
    return { line: `${line}${/EADDRINUSE/.test(line) ? " — another process uses that port; pick another --port" : ""}`, detail: [] }
  }
  if (tag === "SqlError") return { line: `database error: ${firstLine(messageOf(error))}`, detail: [] }
  if (tag === "ConfigError") return { line: `bad configuration in the environment: ${firstLine(messageOf(error))}`, detail: [] }
  if (tag === "PlatformError") return { line: firstLine(messageOf(error)), detail: [] }
  const stack = error instanceof Error && error.stack ? error.stack.split("\n") : []
  return {
    line: `internal error: ${firstLine(messageOf(error))} — please report it (run with --verbose for the stack)`,
    detail: stack
  }
}

/** A whole `Cause` rendered: its first typed error, else its first defect. */
export const renderCause = (cause: Cause.Cause<unknown>, where: Where = {}): Rendered => {
  for (const reason of cause.reasons) {
    if (Cause.isFailReason(reason)) return render(reason.error, where)
  }
  for (const reason of cause.reasons) {
    if (Cause.isDieReason(reason)) return render(reason.defect, where)
  }
  return { line: "interrupted", detail: [] }
}

/** An error's JSON form (`type`, `message`, `sessionID`, `status`), for `--json` output and batch result lines. */
export const errorJson = (
  error: unknown
): { readonly type: string; readonly message: string; readonly sessionID?: string; readonly status?: number } => {
  const e = (error ?? {}) as { _tag?: unknown; message?: unknown; sessionID?: unknown; status?: unknown }
  return {
    type: typeof e._tag === "string" ? e._tag : "Error",
    message: typeof e.message === "string" ? e.message : String(error),
    ...(typeof e.sessionID === "string" ? { sessionID: e.sessionID } : {}),
    ...(typeof e.status === "number" ? { status: e.status } : {})
  }
}
