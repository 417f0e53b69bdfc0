/**
 * Files of the project as the server sees them: directory entries, file contents (with the
 * uncommitted patch), git status, ripgrep matches and LSP symbols.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, opt } from "../internal/lenient.ts"

/**
 * An entry of a directory listing (`GET /file`). `path` is relative to the project (directories
 * end with `/`), `absolute` is the full path, `ignored` tells whether git ignores it.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { FileSchema } from "effect-opencode"
 * Schema.decodeUnknownSync(FileSchema.FileNode)({ name: "src", path: "src/", absolute: "/repo/src", type: "directory", ignored: false })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const FileNode = Schema.Struct({
  name: Schema.String,
  path: Schema.String,
  absolute: Schema.String,
  type: openLiterals(["file", "directory"]),
  ignored: opt(Schema.Boolean)
})

/**
 * The decoded type of {@link FileNode}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileNode = typeof FileNode.Type

/**
 * One hunk of a structured patch.
 *
 * @example
 * ```ts
 * import { FileSchema } from "effect-opencode"
 * const h: FileSchema.Hunk = { oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, lines: [" a", "+b"] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Hunk = Schema.Struct({
  oldStart: Schema.Number,
  oldLines: Schema.Number,
  newStart: Schema.Number,
  newLines: Schema.Number,
  lines: Schema.Array(Schema.String)
})

/**
 * The decoded type of {@link Hunk}.
 *
 * @since 0.1.0
 * @category models
 */
export type Hunk = typeof Hunk.Type

/**
 * A file's contents (`GET /file/content`): `text`, or `binary` with `encoding: "base64"` and a
 * `mimeType`; `diff` and `patch` describe uncommitted changes when there are any. A missing
 * file reads as empty text.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { FileSchema } from "effect-opencode"
 * Schema.decodeUnknownSync(FileSchema.FileContent)({ type: "text", content: "hello" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const FileContent = Schema.Struct({
  type: openLiterals(["text", "binary"]),
  content: Schema.String,
  diff: opt(Schema.String),
  patch: opt(Schema.Struct({
    oldFileName: Schema.String,
    newFileName: Schema.String,
    oldHeader: opt(Schema.String),
    newHeader: opt(Schema.String),
    hunks: Schema.Array(Hunk),
    index: opt(Schema.String)
  })),
  encoding: opt(Schema.String),
  mimeType: opt(Schema.String)
})

/**
 * The decoded type of {@link FileContent}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileContent = typeof FileContent.Type

/**
 * A changed file (`GET /file/status`): lines added and removed, and how it changed.
 *
 * @example
 * ```ts
 * import { FileSchema } from "effect-opencode"
 * const s: FileSchema.FileStatus = { path: "src/a.ts", added: 3, removed: 1, status: "modified" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const FileStatus = Schema.Struct({
  path: Schema.String,
  added: Schema.Number,
  removed: Schema.Number,
  status: openLiterals(["added", "deleted", "modified"])
})

/**
 * The decoded type of {@link FileStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type FileStatus = typeof FileStatus.Type

/**
 * A line that matched a text search (`GET /find`, ripgrep's JSON): the file, the line, its
 * number (from 1), its byte offset, and each match in it with its byte range.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { FileSchema } from "effect-opencode"
 * Schema.decodeUnknownSync(FileSchema.TextMatch)({
 *   path: { text: "a.txt" }, lines: { text: "hello world\n" }, line_number: 1, absolute_offset: 0,
 *   submatches: [{ match: { text: "hello" }, start: 0, end: 5 }]
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const TextMatch = Schema.Struct({
  path: Schema.Struct({ text: Schema.String }),
  lines: Schema.Struct({ text: Schema.String }),
  line_number: Schema.Number,
  absolute_offset: Schema.Number,
  submatches: Schema.Array(Schema.Struct({
    match: Schema.Struct({ text: Schema.String }),
    start: Schema.Number,
    end: Schema.Number
  }))
})

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
 * @example
 * ```ts
 * import { FileSchema } from "effect-opencode"
 * const p: FileSchema.Position = { line: 0, character: 16 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Position = Schema.Struct({ line: Schema.Number, character: Schema.Number })

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
 * @example
 * ```ts
 * import { FileSchema } from "effect-opencode"
 * const r: FileSchema.Range = { start: { line: 0, character: 16 }, end: { line: 0, character: 21 } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Range = Schema.Struct({ start: Position, end: Position })

/**
 * The decoded type of {@link Range}.
 *
 * @since 0.1.0
 * @category models
 */
export type Range = typeof Range.Type

/**
 * A workspace symbol found by a language server (`GET /find/symbol`); `kind` is the LSP
 * `SymbolKind` number (12 = function, 5 = class…).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { FileSchema } from "effect-opencode"
 * Schema.decodeUnknownSync(FileSchema.WorkspaceSymbol)({
 *   name: "greet", kind: 12,
 *   location: { uri: "file:///repo/src/g.ts", range: { start: { line: 0, character: 16 }, end: { line: 0, character: 21 } } }
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const WorkspaceSymbol = Schema.Struct({
  name: Schema.String,
  kind: Schema.Number,
  location: Schema.Struct({ uri: Schema.String, range: Range })
})

/**
 * The decoded type of {@link WorkspaceSymbol}.
 *
 * @since 0.1.0
 * @category models
 */
export type WorkspaceSymbol = typeof WorkspaceSymbol.Type
