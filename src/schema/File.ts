/**
 * Files of the project as the server sees them (`GET /file`, `/file/content`, `/file/status`,
 * `/find`, `/find/symbol`): the generated schemas of `src/api/Schemas.ts` under the library's
 * names.
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * A directory entry (`GET /file`): `path` relative to the project (a directory ends with `/`).
 *
 * @since 0.1.0
 * @category models
 */
export const FileNode = Schemas.FileNode

/**
 * The decoded type of {@link FileNode}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileNode = Schemas.FileNode

/**
 * A file's contents (`GET /file/content`): `text`, or `binary` as base64 with a `mimeType`.
 *
 * @since 0.1.0
 * @category models
 */
export const FileContent = Schemas.FileContent

/**
 * The decoded type of {@link FileContent}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileContent = Schemas.FileContent

/**
 * One hunk of the structured patch of a {@link FileContent}.
 *
 * @since 0.1.0
 * @category models
 */
export const Hunk = Schemas.FileContent.fields.patch.schema.fields.hunks.value

/**
 * The decoded type of {@link Hunk}.
 *
 * @since 0.1.0
 * @category models
 */
export type Hunk = typeof Hunk.Type

/**
 * A changed file (`GET /file/status`): lines added and removed, and how it changed.
 *
 * @since 0.1.0
 * @category models
 */
export const FileStatus = Schemas.File

/**
 * The decoded type of {@link FileStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileStatus = Schemas.File

/**
 * A line that matched a text search (`GET /find`, ripgrep's JSON; byte offsets, lines from 1).
 *
 * @since 0.1.0
 * @category models
 */
export const TextMatch = operations["find.text"].success.schema.value

/**
 * The decoded type of {@link TextMatch}.
 *
 * @since 0.1.0
 * @category models
 */
export type TextMatch = typeof TextMatch.Type

/**
 * A position in a file (line and character from 0, as LSP counts).
 *
 * @since 0.1.0
 * @category models
 */
export const Position = Schemas.Range.fields.start

/**
 * The decoded type of {@link Position}.
 *
 * @since 0.1.0
 * @category models
 */
export type Position = typeof Position.Type

/**
 * A range in a file.
 *
 * @since 0.1.0
 * @category models
 */
export const Range = Schemas.Range

/**
 * The decoded type of {@link Range}.
 *
 * @since 0.1.0
 * @category models
 */
export type Range = Schemas.Range

/**
 * A workspace symbol from a language server (`GET /find/symbol`); `kind` is LSP's `SymbolKind`.
 *
 * @since 0.1.0
 * @category models
 */
export const WorkspaceSymbol = Schemas.Symbol

/**
 * The decoded type of {@link WorkspaceSymbol}.
 *
 * @since 0.1.0
 * @category models
 */
export type WorkspaceSymbol = Schemas.Symbol
