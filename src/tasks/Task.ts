/**
 * The task description of every batch engine (`Batch`, `DurableBatch`, `ClusterBatch`) and its
 * identity, the content key ({@link taskKey}) under which a journal or a database records it.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { ValidationError } from "../Errors.ts"
import { sha256Hex } from "../internal/sha256.ts"
import type * as Prompt from "../schema/PromptInput.ts"
import * as MessageService from "../services/MessageService.ts"
import * as StructuredOutput from "../services/StructuredOutput.ts"
import type * as Run from "../services/Run.ts"
import type * as SessionService from "../services/SessionService.ts"

/**
 * One task: a prompt and, optionally, run options of its own, a name, a key and a summary to make
 * once the prompt is done. Gotcha: only the recording engines (`DurableBatch`, `ClusterBatch`)
 * keep the key beyond the results.
 */
export interface Task {
  readonly prompt: string | Prompt.PromptInput
  readonly options?: Run.RunOptions | undefined
  /** A label for reports; the task's index when left out. */
  readonly name?: string | undefined
  /**
   * The task's identity in a journal or a database. Default: a hash of its content
   * ({@link taskKey}), so a changed task is a new task; identical tasks get `~2`, `~3`… in order.
   */
  readonly key?: string | undefined
  /**
   * Summarize (compact) the session after the prompt, with the session's model or this one.
   * Gotcha: a summary the server answers `true` to but that failed fails the task (`SessionError`).
   */
  readonly summarize?: boolean | SessionService.ModelRef | undefined
}

/** A bare prompt as a task. */
export const normalize = (task: string | Task): Task => (typeof task === "string" ? { prompt: task } : task)

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) out[k] = canonical(v)
    }
    return out
  }
  return value
}

/**
 * A task's own `key`, or its content key: the first 16 hex digits of the SHA-256 of its prompt,
 * model, agent, tools, session options, `sessionID`, `summarize` and the JSON Schema of `output`
 * (not its name, timeout or `ephemeral`).
 */
export const taskKey = (input: string | Task): string => {
  const task = normalize(input)
  if (task.key !== undefined) return task.key
  const o = task.options
  const content = canonical({
    prompt: MessageService.toPromptInput(task.prompt),
    model: o?.model,
    agent: o?.agent,
    tools: o?.tools,
    session: o?.session,
    sessionID: o?.sessionID,
    summarize: task.summarize,
    // A Schema by its JSON Schema; anything else (e.g. a Schema after a JSON round trip, which a
    // cluster refuses: it sends `toPlain`'s form instead) as it is.
    output: o?.output === undefined ? undefined : Schema.isSchema(o.output) ? StructuredOutput.jsonSchema(o.output) : o.output
  })
  return sha256Hex(JSON.stringify(content)).slice(0, 16)
}

/**
 * The keys of a task list, in order: {@link taskKey} of each, `~2`, `~3`… appended to repeated
 * content keys. Fails on two equal given keys, or a given key that is empty or holds a line break.
 */
export const taskKeys = (tasks: ReadonlyArray<string | Task>): Effect.Effect<ReadonlyArray<string>, ValidationError> =>
  Effect.suspend(() => {
    const seen = new Map<string, number>()
    const keys: Array<string> = []
    for (const input of tasks) {
      const task = normalize(input)
      const base = taskKey(task)
      if (task.key !== undefined) {
        if (task.key === "" || /[\n\r]/.test(task.key)) {
          return Effect.fail(new ValidationError({ field: "key", message: `invalid task key ${JSON.stringify(task.key)}` }))
        }
        if (seen.has(base)) {
          return Effect.fail(new ValidationError({ field: "key", message: `two tasks have the key ${JSON.stringify(base)}` }))
        }
        seen.set(base, 1)
        keys.push(base)
        continue
      }
      const n = (seen.get(base) ?? 0) + 1
      seen.set(base, n)
      keys.push(n === 1 ? base : `${base}~${n}`)
    }
    if (new Set(keys).size !== keys.length) {
      return Effect.fail(new ValidationError({ field: "key", message: "a given key collides with a content key" }))
    }
    return Effect.succeed(keys)
  })

/**
 * A task as plain JSON, for tasks that travel between machines (`ClusterBatch`): its
 * `options.output` Schema (and `outputRetries`) become the prompt's `format` (the same JSON Schema
 * the other engines send); only the side holding the Schema can decode the answer
 * (`StructuredOutput.decode`). Fails with a `ValidationError` (field `tasks[index].options.output`)
 * when `output` is not a Schema (already JSON?) or has no JSON Schema; a `Schema.declare`d type
 * (`{}`) is sent as it is.
 *
 * Gotcha: the plain task's content key differs from the task's: key the original tasks.
 */
export const toPlain = (task: Task, index = 0): Effect.Effect<Task, ValidationError> =>
  Effect.suspend(() => {
    const output = task.options?.output
    if (output === undefined) return Effect.succeed(task)
    const { output: _, outputRetries, ...options } = task.options!
    const invalid = (message: string) => new ValidationError({ field: `tasks[${index}].options.output`, message })
    if (!Schema.isSchema(output)) return Effect.fail(invalid("the output is not a Schema (a task already turned into JSON?)"))
    return Effect.try({
      try: (): Task => ({
        ...task,
        prompt: {
          ...MessageService.toPromptInput(task.prompt),
          format: StructuredOutput.format(output, { retryCount: outputRetries })
        },
        options
      }),
      catch: (cause) => invalid(`the output Schema has no JSON Schema: ${cause instanceof Error ? cause.message : String(cause)}`)
    })
  })
