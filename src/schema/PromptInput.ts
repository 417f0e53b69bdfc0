/**
 * The body of a prompt (`POST /session/{id}/message`, `POST /session/{id}/prompt_async`) and the
 * {@link Prompt} constructors of its parts:
 *
 * - {@link PromptInput}: the body (`parts`, and optionally `messageID`, `model`, `agent`,
 *   `noReply`, `tools`, `format`, `system`, `variant`).
 * - {@link PartInput}: any part of a prompt: `TextPartInput` (text), `FilePartInput` (`url`:
 *   `file://…`, `data:…`, `https://…`; `mime`, `filename`), `AgentPartInput` (an agent mention:
 *   the server then asks the model to delegate to that agent), `SubtaskPartInput` (a subtask for
 *   another agent).
 *
 * The schemas are the generated ones (the body of `session.prompt`, the same as `prompt_async`'s,
 * and its part components), re-exported under their names. Hand-written only: the {@link Prompt}
 * constructors, {@link inferMime}, {@link validatePromptInput} (the library's id rule, checked
 * before anything is sent), {@link encodePromptInput}, and `messageID` typed as `Ids.MessageID`.
 *
 * Gotchas: for a `file://` URL the server reads the file itself: `text/plain` through its read
 * tool, a directory as a listing, other types (images, PDF) as an attachment, so the `mime`
 * decides how the model sees it ({@link inferMime}). A relative path given to `Prompt.file` is
 * resolved against `process.cwd()` of the client, not the server's directory: pass `cwd`.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { PromptInput } from "effect-opencode"
 * const { Prompt } = PromptInput
 * const input = PromptInput.validatePromptInput({
 *   parts: [Prompt.text("Explain this file"), Prompt.file("src/index.ts", { cwd: "/repo" })]
 * })
 * const body = Result.isSuccess(input) ? PromptInput.encodePromptInput(input.success) : undefined
 * ```
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { basename, cwd, fileURLToPath, pathToFileURL, resolve } from "../internal/path.ts"
import * as Op from "../api/Operations.ts"
import type { AgentPartInput, FilePartInput, SubtaskPartInput, TextPartInput } from "../api/Schemas.ts"
import { isId, MessageID, type PartID } from "./Ids.ts"
import { lazy } from "../internal/lazy.ts"

export { AgentPartInput, FilePartInput, SubtaskPartInput, TextPartInput } from "../api/Schemas.ts"

/** Any part of a prompt: text, file, agent or subtask. */
export const PartInput = /* @__PURE__ */ lazy(() => Op.sessionPrompt.body.schema.fields.parts.value)
/** The decoded type of {@link PartInput}. */
export type PartInput = typeof PartInput.Type

/**
 * The body of `POST /session/{id}/message` and `POST /session/{id}/prompt_async`.
 *
 * - `messageID`: a client-chosen id (`Ids.newMessageID()`); a second send with the same id
 *   appends its parts to that message without a new model turn.
 * - `model`: `{ providerID, modelID }`, else the session's / agent's default.
 * - `noReply`: store the message without asking the model.
 * - `tools`: tool name → enabled. The server turns it into the session's permission rules,
 *   replacing the rules the session had (see `SessionService.CreateOptions.tools` for tools of a
 *   whole session).
 * - `format`: structured output; `system`: an extra system prompt; `variant`: a model variant.
 *
 * @example
 * ```ts
 * import { PromptInput } from "effect-opencode"
 * const input: PromptInput.PromptInput = {
 *   model: { providerID: "anthropic", modelID: "claude-sonnet-4" },
 *   parts: [PromptInput.Prompt.text("Explain src/index.ts"), PromptInput.Prompt.file("src/index.ts")]
 * }
 * ```
 */
export const PromptInput = /* @__PURE__ */ lazy(() =>
  Op.sessionPrompt.body.schema.mapFields((fields) => ({
    ...fields,
    // the library's id type: a client-chosen id is an `Ids.MessageID` (its brand and rule), which
    // the services return as the sent message's id; the document's body has a plain string there
    messageID: Schema.optionalKey(MessageID)
  }))
)

/** The decoded type of {@link PromptInput}. */
export type PromptInput = typeof PromptInput.Type

/**
 * A copy of a value without its `undefined` object fields, at every depth (the wire has no
 * `undefined`).
 */
const stripUndefined = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripUndefined)
  if (typeof value !== "object" || value === null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = stripUndefined(v)
  }
  return out
}

/**
 * The JSON body of a prompt: the input as the server expects it, `undefined` fields left out.
 * Synchronous and total; check the ids first with {@link validatePromptInput}.
 *
 * @example
 * ```ts
 * import { PromptInput } from "effect-opencode"
 * PromptInput.encodePromptInput({ agent: undefined, parts: [PromptInput.Prompt.text("hi")] })
 * // { parts: [{ type: "text", text: "hi" }] }
 * ```
 */
export const encodePromptInput = (input: PromptInput): { readonly [key: string]: unknown } =>
  stripUndefined(input) as { readonly [key: string]: unknown }

/**
 * Checks what the server would reject before anything is sent: the `messageID` (must be a safe
 * `msg…` id), the part ids (`prt…`), an empty `parts` array, and the part `type`s. Returns the
 * input unchanged, or a message naming the field.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { PromptInput } from "effect-opencode"
 * Result.isFailure(PromptInput.validatePromptInput({ messageID: "bogus" as any, parts: [] })) // true
 * ```
 */
export const validatePromptInput = (input: PromptInput): Result.Result<PromptInput, string> => {
  if (input.messageID !== undefined && !isId("message", input.messageID)) {
    return Result.fail(`messageID: expected a message id ("msg" + up to 197 of A-Z a-z 0-9 _ -)`)
  }
  if (!Array.isArray(input.parts) || input.parts.length === 0) {
    return Result.fail("parts: a prompt needs at least one part")
  }
  for (let i = 0; i < input.parts.length; i++) {
    const part = input.parts[i]!
    if (part.id !== undefined && !isId("part", part.id)) {
      return Result.fail(`parts[${i}].id: expected a part id ("prt" + up to 197 of A-Z a-z 0-9 _ -)`)
    }
    const type: unknown = part.type
    if (type !== "text" && type !== "file" && type !== "agent" && type !== "subtask") {
      return Result.fail(`parts[${i}].type: expected "text", "file", "agent" or "subtask"`)
    }
  }
  return Result.succeed(input)
}

// ---------------------------------------------------------------------------------------------
// Constructors
// ---------------------------------------------------------------------------------------------

const mimeByExtension: { readonly [ext: string]: string } = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  pdf: "application/pdf"
}

/**
 * The mime type the server should see for a file name: images (`png`, `jpg`, `gif`, `webp`,
 * `bmp`) and `pdf` by extension, a trailing `/` as a directory, and `text/plain` for everything
 * else (source code, JSON, Markdown…), which the server reads as text.
 *
 * @example
 * ```ts
 * import { PromptInput } from "effect-opencode"
 * PromptInput.inferMime("shot.PNG") // "image/png"
 * PromptInput.inferMime("src/index.ts") // "text/plain"
 * ```
 */
export const inferMime = (name: string): string => {
  if (name.endsWith("/") || name.endsWith("\\")) return "application/x-directory"
  const dot = name.lastIndexOf(".")
  if (dot === -1) return "text/plain"
  return mimeByExtension[name.slice(dot + 1).toLowerCase()] ?? "text/plain"
}

const schemePattern = /^[A-Za-z][A-Za-z0-9+.-]*:/
const windowsDrive = /^[A-Za-z]:[\\/]/

const fromUrl = (url: URL): { readonly url: string; readonly name: string | undefined; readonly mime: string | undefined } => {
  if (url.protocol === "file:") {
    const path = fileURLToPath(url)
    return { url: url.href, name: basename(path) || undefined, mime: inferMime(url.pathname) }
  }
  if (url.protocol === "data:") {
    const header = url.pathname.slice(0, url.pathname.indexOf(","))
    const media = header.split(";")[0]
    return { url: url.href, name: undefined, mime: media !== undefined && media !== "" ? media : "text/plain" }
  }
  const last = url.pathname.split("/").pop()
  const name = last !== undefined && last !== "" ? decodeURIComponent(last) : undefined
  return { url: url.href, name, mime: name === undefined ? undefined : inferMime(name) }
}

/**
 * Options of {@link Prompt.file}.
 */
export interface FileOptions {
  /** The mime type; inferred from the extension when left out ({@link inferMime}). */
  readonly mime?: string | undefined
  /** The name shown to the model; the file's base name when left out. */
  readonly filename?: string | undefined
  /** Resolve a relative path against this directory instead of `process.cwd()`. */
  readonly cwd?: string | undefined
}

/**
 * Constructors of prompt parts.
 *
 * @example
 * ```ts
 * import { PromptInput } from "effect-opencode"
 * const { Prompt } = PromptInput
 * const parts = [
 *   Prompt.text("Review this file"),
 *   Prompt.file("src/index.ts"),
 *   Prompt.agent("explore"),
 *   Prompt.subtask({ prompt: "List TODOs", description: "todos", agent: "explore" })
 * ]
 * ```
 */
export const Prompt = {
  /**
   * A text part.
   */
  text: (
    text: string,
    options?: { readonly id?: PartID | undefined; readonly synthetic?: boolean | undefined }
  ): TextPartInput => ({
    ...(options?.id !== undefined ? { id: options.id } : {}),
    type: "text",
    text,
    ...(options?.synthetic !== undefined ? { synthetic: options.synthetic } : {})
  }),

  /**
   * A file part. A path (relative to `options.cwd` or `process.cwd()`, or absolute) becomes a
   * `file://` URL; a URL (`file:`, `data:`, `https:` …, as a string or a `URL`) is kept as it is.
   * `mime` is inferred from the extension (`text/plain` by default), `filename` is the base name.
   */
  file: (pathOrUrl: string | URL, options?: FileOptions): FilePartInput => {
    let target: { readonly url: string; readonly name: string | undefined; readonly mime: string | undefined }
    if (pathOrUrl instanceof URL) {
      target = fromUrl(pathOrUrl)
    } else if (schemePattern.test(pathOrUrl) && !windowsDrive.test(pathOrUrl)) {
      target = fromUrl(new URL(pathOrUrl))
    } else {
      const absolute = resolve(options?.cwd ?? cwd(), pathOrUrl)
      const href = pathToFileURL(absolute).href
      const directory = pathOrUrl.endsWith("/") || pathOrUrl.endsWith("\\")
      target = {
        url: directory && !href.endsWith("/") ? `${href}/` : href,
        name: basename(absolute) || undefined,
        mime: directory ? "application/x-directory" : inferMime(absolute)
      }
    }
    const filename = options?.filename ?? target.name
    return {
      type: "file",
      mime: options?.mime ?? target.mime ?? "text/plain",
      ...(filename !== undefined ? { filename } : {}),
      url: target.url
    }
  },

  /**
   * An agent mention.
   */
  agent: (name: string): AgentPartInput => ({ type: "agent", name }),

  /**
   * A subtask for another agent.
   */
  subtask: (options: {
    readonly prompt: string
    readonly description: string
    readonly agent: string
    readonly model?: { readonly providerID: string; readonly modelID: string } | undefined
    readonly command?: string | undefined
  }): SubtaskPartInput => ({
    type: "subtask",
    prompt: options.prompt,
    description: options.description,
    agent: options.agent,
    ...(options.model !== undefined ? { model: { providerID: options.model.providerID, modelID: options.model.modelID } } : {}),
    ...(options.command !== undefined ? { command: options.command } : {})
  })
} as const
