/**
 * The project's files through the server: list a directory, read a file, the git status, and
 * search (text with ripgrep, file names, LSP symbols).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { type RequestError, ValidationError } from "../Errors.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as F from "../schema/File.ts"

/** Options every call takes. */
export interface DirectoryOption {
  /** Overrides the client's project directory. */
  readonly directory?: string | undefined
}

/** Options of {@link Service.findFiles}. */
export interface FindFilesOptions extends DirectoryOption {
  /** Only files, or only directories. */
  readonly type?: "file" | "directory" | undefined
  /** Include directories (the server's `dirs`). */
  readonly dirs?: boolean | undefined
  /** At most this many results, 1 to 200 (the server's default is 10). */
  readonly limit?: number | undefined
}

/** The file operations. */
export interface Service {
  /** The entries of a directory (relative to the project, or absolute; `""` is the project root). */
  readonly list: (path?: string, options?: DirectoryOption) => Effect.Effect<ReadonlyArray<F.FileNode>, RequestError>
  /**
   * A file's contents: text, or base64 with a MIME type for binary files. A missing file reads
   * as empty text (the server does not say 404).
   */
  readonly read: (path: string, options?: DirectoryOption) => Effect.Effect<F.FileContent, RequestError>
  /**
   * The files the server reports as changed. With opencode 1.18.33 this stays empty for
   * changes made outside a session; `ProjectService.vcsStatus` lists the working tree's changes.
   */
  readonly status: (options?: DirectoryOption) => Effect.Effect<ReadonlyArray<F.FileStatus>, RequestError>
  /**
   * Searches file contents with ripgrep (a regular expression). The server needs `rg` on its
   * `PATH` (offline it cannot download it, and answers 500).
   */
  readonly findText: (pattern: string, options?: DirectoryOption) => Effect.Effect<ReadonlyArray<F.TextMatch>, RequestError>
  /** Finds files (and directories) by a fuzzy name query; paths are relative to the project. */
  readonly findFiles: (query: string, options?: FindFilesOptions) => Effect.Effect<ReadonlyArray<string>, RequestError>
  /**
   * Finds workspace symbols (functions, classes…) through the project's language servers; empty
   * when none is running.
   */
  readonly findSymbols: (
    query: string,
    options?: DirectoryOption
  ) => Effect.Effect<ReadonlyArray<F.WorkspaceSymbol>, RequestError>
}

/**
 * The file service. Paths are validated client-side (non-empty where required, no NUL, ≤ 4096
 * characters): a bad one is a `ValidationError`, never a request.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { FileService, OpencodeClient } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const files = yield* FileService.FileService
 *   const dirs = (yield* files.list("src")).filter((e) => e.type === "directory")
 *   const paths = yield* files.findFiles("service", { type: "file", limit: 20 })
 *   return { dirs, paths, readme: (yield* files.read("README.md")).content }
 * }).pipe(Effect.provide(FileService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class FileService extends Context.Service<FileService, Service>()("effect-opencode/FileService") {}

const checkText = (field: string, value: unknown, allowEmpty: boolean): Effect.Effect<string, ValidationError> =>
  typeof value === "string" && (allowEmpty || value.length > 0) && !value.includes("\u0000") && value.length <= 4096
    ? Effect.succeed(value)
    : Effect.fail(
      new ValidationError({
        field,
        message: `${field} must be a ${allowEmpty ? "" : "non-empty "}string of at most 4096 characters without NUL`
      })
    )

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = (path = "", options = {}) =>
    Effect.flatMap(checkText("path", path, true), () => call(Op.fileList, { query: { path }, directory: options.directory }))

  const read: Service["read"] = (path, options = {}) =>
    Effect.flatMap(checkText("path", path, false), () => call(Op.fileRead, { query: { path }, directory: options.directory }))

  const status: Service["status"] = (options = {}) => call(Op.fileStatus, { directory: options.directory })

  const findText: Service["findText"] = (pattern, options = {}) =>
    Effect.flatMap(checkText("pattern", pattern, false), () => call(Op.findText, { query: { pattern }, directory: options.directory }))

  const findFiles: Service["findFiles"] = (query, options = {}) =>
    Effect.flatMap(checkText("query", query, true), () =>
      call(Op.findFiles, {
        query: { query, type: options.type, dirs: options.dirs === undefined ? undefined : `${options.dirs}`, limit: options.limit },
        directory: options.directory
      }))

  const findSymbols: Service["findSymbols"] = (query, options = {}) =>
    Effect.flatMap(checkText("query", query, true), () => call(Op.findSymbols, { query: { query }, directory: options.directory }))

  return FileService.of({ list, read, status, findText, findFiles, findSymbols })
})

/** The file service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<FileService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(FileService, make)
