/**
 * The body of a prompt (`POST /session/{id}/message` and `…/prompt_async`) and {@link Prompt},
 * the constructors of its parts. The schemas are the generated ones, re-exported; hand-written
 * are the constructors, {@link inferMime}, {@link validatePromptInput}, {@link encodePromptInput}
 * and `messageID` typed as `Ids.MessageID`.
 *
 * Gotchas: for a `file://` URL the server reads the file itself (`text/plain` through its read
 * tool, a directory as a listing, images and PDF as attachments), so the `mime` decides what the
 * model sees. `Prompt.file` resolves a relative path against the client's `process.cwd()`, not
 * the server's directory: pass `cwd`.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { PromptInput } from "effect-opencode"
 * const { Prompt } = PromptInput
 * const input = PromptInput.validatePromptInput({
 *   parts: [Prompt.text("Explain this file"), Prompt.file("src/index.ts", { cwd: "/repo" }), Prompt.agent("explore")]
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
export type PartInput = typeof PartInput.Type

/**
 * The body of a prompt. `messageID` (`Ids.newMessageID()`): sent again, it appends its parts to
 * that message without a new model turn. `model` defaults to the session's or agent's; `noReply`
 * stores without asking the model; `tools` (name → enabled) replaces the session's permission
 * rules (for a whole session: `SessionService.CreateOptions.tools`); `format`: structured output.
 */
export const PromptInput = /* @__PURE__ */ lazy(() =>
  Op.sessionPrompt.body.schema.mapFields((fields) => ({
    ...fields,
    // a client-chosen id is an `Ids.MessageID`, returned as the sent message's id (the document says string)
    messageID: Schema.optionalKey(MessageID)
  }))
)

export type PromptInput = typeof PromptInput.Type

/** A copy without `undefined` object fields, at every depth (the wire has no `undefined`). */
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

/** The JSON body of a prompt, `undefined` fields left out; check the ids first with {@link validatePromptInput}. */
export const encodePromptInput = (input: PromptInput): { readonly [key: string]: unknown } =>
  stripUndefined(input) as { readonly [key: string]: unknown }

/**
 * Checks what the server would reject, before anything is sent: `messageID` and part ids (safe
 * `msg…` / `prt…` ids), an empty `parts`, unknown part `type`s. The input, or a message naming the field.
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
 * The mime type the server should see for a file name: images and `pdf` by extension, a trailing
 * `/` a directory, else `text/plain` (read as text).
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

/** Options of {@link Prompt.file}: `mime` (default {@link inferMime}), `filename` (default the base name), `cwd` for a relative path. */
export interface FileOptions {
  readonly mime?: string | undefined
  readonly filename?: string | undefined
  readonly cwd?: string | undefined
}

/** Constructors of prompt parts. */
export const Prompt = {
  /** A text part. */
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
   * A file part: a path (relative to `options.cwd` or `process.cwd()`) becomes a `file://` URL; a
   * URL (`file:`, `data:`, `https:`, string or `URL`) is kept. `mime` is inferred, `filename` the base name.
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

  /** An agent mention: the server asks the model to delegate to that agent. */
  agent: (name: string): AgentPartInput => ({ type: "agent", name }),

  /** A subtask for another agent. */
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
