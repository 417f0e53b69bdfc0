/**
 * The tasks file of `effect-opencode batch`: JSON Lines, one task a line,
 * `{"prompt": "...", "id"?: "...", "model"?: "provider/model", "agent"?: "...", "title"?: "..."}`;
 * blank lines and lines starting with `//` or `#` are skipped.
 */
import * as Effect from "effect/Effect"
import * as NodeFs from "node:fs"
import { InputError } from "./Report.ts"

/** One task of the file. */
export interface TaskLine {
  readonly id: string
  /** 1-based. */
  readonly line: number
  readonly prompt: string
  readonly model: string | undefined
  readonly agent: string | undefined
  readonly title: string | undefined
}

const known = new Set(["prompt", "id", "model", "agent", "title"])

/**
/**
 * Parses a tasks file's text; an `InputError` names the first bad line (unknown fields included).
 * A task without `id` gets `task-N` (its position among the tasks, from 1); ids must be unique.
 */
export const parse = (text: string, file: string): Effect.Effect<ReadonlyArray<TaskLine>, InputError> =>
  Effect.suspend(() => {
    const tasks: Array<TaskLine> = []
    const ids = new Set<string>()
    const lines = text.split(/\r?\n/)
    const bad = (line: number, message: string) =>
      Effect.fail(
        new InputError({
          message: `${file} line ${line}: ${message}`,
          hint: `each line must be a JSON object like {"prompt": "...", "id": "...", "model": "provider/model"}`
        })
      )
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!.trim()
      if (raw === "" || raw.startsWith("//") || raw.startsWith("#")) continue
      let value: unknown
      try {
        value = JSON.parse(raw)
      } catch (error) {
        return bad(i + 1, `not valid JSON (${(error as Error).message})`)
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) return bad(i + 1, "not a JSON object")
      const o = value as Record<string, unknown>
      if (typeof o.prompt !== "string" || o.prompt.trim() === "") return bad(i + 1, `"prompt" must be a non-empty string`)
      for (const key of ["id", "model", "agent", "title"] as const) {
        if (o[key] !== undefined && typeof o[key] !== "string") return bad(i + 1, `"${key}" must be a string`)
      }
      const unknownKeys = Object.keys(o).filter((k) => !known.has(k))
      if (unknownKeys.length > 0) return bad(i + 1, `unknown field${unknownKeys.length > 1 ? "s" : ""} ${unknownKeys.map((k) => JSON.stringify(k)).join(", ")}`)
      const id = (o.id as string | undefined) ?? `task-${tasks.length + 1}`
      if (ids.has(id)) return bad(i + 1, `duplicate id ${JSON.stringify(id)}`)
      ids.add(id)
      tasks.push({
        id,
        line: i + 1,
        prompt: o.prompt,
        model: o.model as string | undefined,
        agent: o.agent as string | undefined,
        title: o.title as string | undefined
      })
    }
    if (tasks.length === 0) {
      return Effect.fail(new InputError({ message: `${file} has no tasks`, hint: `add one JSON object per line: {"prompt": "..."}` }))
    }
    return Effect.succeed(tasks)
  })

/**
/** Reads and parses a tasks file (`-` reads standard input). */
export const read = (file: string): Effect.Effect<ReadonlyArray<TaskLine>, InputError> =>
  Effect.try({
    try: () => NodeFs.readFileSync(file === "-" ? 0 : file, "utf8"),
    catch: (error) =>
      new InputError({
        message: `cannot read the tasks file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        hint: "check the path"
      })
  }).pipe(Effect.flatMap((text) => parse(text, file === "-" ? "stdin" : file)))
