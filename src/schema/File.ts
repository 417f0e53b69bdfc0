/**
 * Files of the project as the server sees them (`GET /file`, `/file/content`, `/file/status`,
 * `/find`, `/find/symbol`):
 *
 * - `FileNode`: a directory entry (`GET /file`), `path` relative to the project (a directory
 *   ends with `/`).
 * - `FileContent`: a file's contents (`GET /file/content`): `text`, or `binary` as base64 with a
 *   `mimeType`, and a structured `patch` of {@link Hunk}s.
 * - `FileStatus` (the document's `File`): a changed file (`GET /file/status`): lines added and
 *   removed, and how it changed.
 * - {@link TextMatch}: a line that matched a text search (`GET /find`, ripgrep's JSON).
 * - `WorkspaceSymbol` (the document's `Symbol`): a workspace symbol from a language server
 *   (`GET /find/symbol`; `kind` is LSP's `SymbolKind`), located by a `Range` of {@link Position}s.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under the library's
 * names.
 *
 * Gotchas: positions count as LSP does (line and character from 0), a `TextMatch` as ripgrep
 * does (byte offsets, lines from 1). Enumerations (a file's `status`) are open: a newer server's
 * value decodes as the string itself.
 *
 * @example
 * ```ts
 * import type { FileSchema } from "effect-opencode"
 * const dirs = (nodes: ReadonlyArray<FileSchema.FileNode>) => nodes.filter((n) => n.type === "directory")
 * const text = (c: FileSchema.FileContent) => (c.type === "text" ? c.content : undefined)
 * ```
 */
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { lazy } from "../internal/lazy.ts"

export { File as FileStatus, FileContent, FileNode, Range, Symbol as WorkspaceSymbol } from "../api/Schemas.ts"

/** One hunk of the structured patch of a `FileContent`. */
export const Hunk = /* @__PURE__ */ lazy(() => Schemas.FileContent.fields.patch.schema.fields.hunks.value)
/** The decoded type of {@link Hunk}. */
export type Hunk = typeof Hunk.Type

/** A line that matched a text search (`GET /find`, ripgrep's JSON; byte offsets, lines from 1). */
export const TextMatch = /* @__PURE__ */ lazy(() => Op.findText.success.schema.value)
/** The decoded type of {@link TextMatch}. */
export type TextMatch = typeof TextMatch.Type

/** A position in a file (line and character from 0, as LSP counts). */
export const Position = /* @__PURE__ */ lazy(() => Schemas.Range.fields.start)
/** The decoded type of {@link Position}. */
export type Position = typeof Position.Type
