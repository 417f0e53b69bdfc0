/**
 * Output formatting of the CLI: pure functions from results to the text and JSON the commands
 * print (diff summaries, usage lines, session tables, event lines, one JSON object per run).
 */
import type { EventSchema, Session as SessionSchema } from "../index.ts"
import type * as Run from "../services/Run.ts"

/** One changed file of a run in the JSON results (without its patch: `effect-opencode sessions diff <id>` shows it). */
export interface FileChange {
  readonly file: string
  readonly status: string
  readonly additions: number
  readonly deletions: number
}

/** The JSON object of one finished run (`run --json`, and each line of a batch's results). */
export interface RunJson {
  readonly ok: true
  readonly id?: string | undefined
  readonly index?: number | undefined
  readonly sessionID: string
  readonly messageID: string
  readonly text: string
  readonly files: ReadonlyArray<FileChange>
  readonly additions: number
  readonly deletions: number
  readonly tokens: {
    readonly input: number
    readonly output: number
    readonly reasoning: number
    readonly cacheRead: number
    readonly cacheWrite: number
    readonly total: number
  }
  readonly cost: number
  readonly millis: number
}

/** The JSON object of one failed run. */
export interface ErrorJson {
  readonly ok: false
  readonly id?: string | undefined
  readonly index?: number | undefined
  readonly error: {
    readonly type: string
    readonly message: string
    readonly sessionID?: string | undefined
    readonly status?: number | undefined
  }
  readonly millis?: number | undefined
}

/** The files a run changed, without their patches. */
export const fileChanges = (diff: ReadonlyArray<SessionSchema.FileDiff>): ReadonlyArray<FileChange> =>
  diff.map((d) => ({
    file: d.file ?? "(unknown file)",
    status: d.status ?? "modified",
    additions: d.additions,
    deletions: d.deletions
  }))

/** A finished run as its JSON object. */
export const runJson = (
  result: Run.RunResult,
  millis: number,
  extra: { readonly id?: string | undefined; readonly index?: number | undefined } = {}
): RunJson => {
  const files = fileChanges(result.diff)
  return {
    ok: true,
    ...(extra.id !== undefined ? { id: extra.id } : {}),
    ...(extra.index !== undefined ? { index: extra.index } : {}),
    sessionID: result.sessionID,
    messageID: result.messageID,
    text: result.text,
    files,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    tokens: {
      input: result.tokens.input,
      output: result.tokens.output,
      reasoning: result.tokens.reasoning,
      cacheRead: result.tokens.cache.read,
      cacheWrite: result.tokens.cache.write,
      total: result.tokens.total
    },
    cost: result.cost,
    millis
  }
}

/** `"420 ms"` below a second, `"1.9 s"` below ten minutes, else `"12 min"`. */
export const duration = (millis: number): string =>
  millis < 1000 ? `${Math.round(millis)} ms` : millis < 600_000 ? `${(millis / 1000).toFixed(1)} s` : `${Math.round(millis / 60_000)} min`

/** A cost in dollars: four decimals below one cent, two above. */
export const cost = (dollars: number): string => (dollars >= 0.01 ? `$${dollars.toFixed(2)}` : `$${dollars.toFixed(4)}`)

const statusLetter = (status: string): string => (status === "added" ? "A" : status === "deleted" ? "D" : "M")

/** A run's diff summary: a line per file (`A`/`M`/`D`, path, `+n -m`) and a total line. */
export const diffSummary = (files: ReadonlyArray<FileChange>): ReadonlyArray<string> => {
  if (files.length === 0) return ["no files changed"]
  const width = Math.max(...files.map((f) => f.file.length))
  const lines = files.map((f) => `  ${statusLetter(f.status)} ${f.file.padEnd(width)}  +${f.additions} -${f.deletions}`)
  const additions = files.reduce((n, f) => n + f.additions, 0)
  const deletions = files.reduce((n, f) => n + f.deletions, 0)
  lines.push(`${files.length} file${files.length === 1 ? "" : "s"} changed, +${additions} -${deletions}`)
  return lines
}

/** A run's closing line: `session ses_… · 1,234 in / 56 out tokens · $0.0012 · 2.1 s`. */
export const usageLine = (result: RunJson): string => {
  const t = result.tokens
  const cache = t.cacheRead + t.cacheWrite > 0 ? ` (cache ${count(t.cacheRead)} read / ${count(t.cacheWrite)} write)` : ""
  return `session ${result.sessionID} · ${count(t.input)} in / ${count(t.output)} out tokens${cache} · ${
    cost(result.cost)
  } · ${duration(result.millis)}`
}

/** A number with thousands separators. */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US")

/** A local date and time, `YYYY-MM-DD HH:MM`. */
export const dateTime = (millis: number): string => {
  const d = new Date(millis)
  const p = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** A table of sessions (id, last update, title), in the order given. */
export const sessionTable = (sessions: ReadonlyArray<SessionSchema.Session>): ReadonlyArray<string> => {
  if (sessions.length === 0) return ["no sessions"]
  const idWidth = Math.max(2, ...sessions.map((s) => s.id.length))
  const lines = [`${"ID".padEnd(idWidth)}  UPDATED           TITLE`]
  for (const s of sessions) lines.push(`${s.id.padEnd(idWidth)}  ${dateTime(s.time.updated)}  ${s.title}`)
  return lines
}

/** The fields of one session, as `key: value` lines. */
export const sessionDetails = (s: SessionSchema.Session): ReadonlyArray<string> => {
  const rows: Array<[string, string | undefined]> = [
    ["id", s.id],
    ["title", s.title],
    ["directory", s.directory],
    ["created", dateTime(s.time.created)],
    ["updated", dateTime(s.time.updated)],
    ["parent", s.parentID],
    ["agent", s.agent],
    ["model", s.model ? `${s.model.providerID}/${s.model.id}` : undefined],
    ["cost", s.cost !== undefined ? cost(s.cost) : undefined],
    ["tokens", s.tokens ? `${count(s.tokens.input)} in / ${count(s.tokens.output)} out` : undefined],
    ["shared", s.share?.url],
    ["reverted", s.revert ? `from message ${s.revert.messageID}` : undefined],
    ["archived", s.time.archived !== undefined ? dateTime(s.time.archived) : undefined]
  ]
  return rows.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`)
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`)

/** The first line of a text, clipped to `max` characters: a session's default title. */
export const firstLine = (text: string, max = 60): string => clip(text.trim().split("\n")[0] ?? "", max)

const eventDetail = (type: string, p: Record<string, unknown>): string => {
  switch (type) {
    case "session.status": {
      const status = isObject(p.status) ? p.status : {}
      return String(status.type ?? "") + (status.type === "retry" ? ` attempt ${String(status.attempt)}` : "")
    }
    case "message.part.delta":
      return JSON.stringify(clip(String(p.delta ?? ""), 60))
    case "message.updated": {
      const info = isObject(p.info) ? p.info : {}
      return `${String(info.role ?? "")} ${String(info.id ?? "")}`.trim()
    }
    case "message.part.updated": {
      const part = isObject(p.part) ? p.part : {}
      const state = isObject(part.state) ? ` ${String(part.state.status ?? "")}` : ""
      const tool = typeof part.tool === "string" ? ` ${part.tool}` : ""
      return `${String(part.type ?? "")}${tool}${state}`
    }
    case "session.error": {
      const error = isObject(p.error) ? p.error : {}
      const data = isObject(error.data) ? error.data : {}
      return clip(`${String(error.name ?? "error")}${typeof data.message === "string" ? `: ${data.message}` : ""}`, 120)
    }
    case "session.created":
    case "session.updated": {
      const info = isObject(p.info) ? p.info : {}
      return typeof info.title === "string" ? JSON.stringify(clip(info.title, 60)) : ""
    }
    case "permission.asked":
      return `${String(p.permission ?? "")} ${String(p.id ?? "")}`.trim()
    case "file.edited":
      return String(p.file ?? "")
    default:
      return ""
  }
}

/** One event as a line: local time, type, session id and a short detail (status, text delta, role, part kind, error). */
export const eventLine = (event: EventSchema.Event | { readonly type: string; readonly properties?: unknown }, at: Date): string => {
  const type = event.type === "unknown" && "originalType" in event ? String(event.originalType) : event.type
  const p = isObject(event.properties) ? event.properties : {}
  const part = isObject(p.part) ? p.part : {}
  const info = isObject(p.info) ? p.info : {}
  const session = [p.sessionID, part.sessionID, info.sessionID].find((s) => typeof s === "string") as string | undefined
  const time = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}:${
    String(at.getSeconds()).padStart(2, "0")
  }.${String(at.getMilliseconds()).padStart(3, "0")}`
  return [time, type.padEnd(22), session ?? "-", eventDetail(type, p)].join("  ").trimEnd()
}
