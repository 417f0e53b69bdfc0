/**
 * Files of the project as the server sees them (`GET /file`, `/file/content`, `/file/status`,
 * `/find`, `/find/symbol`): `FileNode` (a directory entry, relative path, directories end with
 * `/`), `FileContent` (`text`, or base64 `binary` with `mimeType`, and a patch of {@link Hunk}s),
 * `FileStatus` (a changed file), {@link TextMatch}, `WorkspaceSymbol` (LSP `SymbolKind` and `Range`).
 *
 * Gotchas: positions count as LSP (line and character from 0), a `TextMatch` as ripgrep (byte
 * offsets, lines from 1). A file's `status` is an open enumeration.
 */
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { lazy } from "../internal/lazy.ts"

export { File as FileStatus, FileContent, FileNode, Range, Symbol as WorkspaceSymbol } from "../api/Schemas.ts"

/** One hunk of the structured patch of a `FileContent`. */
export const Hunk = /* @__PURE__ */ lazy(() => Schemas.FileContent.fields.patch.schema.fields.hunks.value)
export type Hunk = typeof Hunk.Type

/** A line that matched a text search (`GET /find`, ripgrep's JSON; byte offsets, lines from 1). */
export const TextMatch = /* @__PURE__ */ lazy(() => Op.findText.success.schema.value)
export type TextMatch = typeof TextMatch.Type

/** A position in a file (line and character from 0, as LSP counts). */
export const Position = /* @__PURE__ */ lazy(() => Schemas.Range.fields.start)
export type Position = typeof Position.Type
