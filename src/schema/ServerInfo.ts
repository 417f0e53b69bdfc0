/**
 * About the server itself: health and version, language servers and formatters, the tools the
 * model can call, experimental capabilities, and log entries.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, OpenRecord, opt } from "../internal/lenient.ts"

/**
 * `GET /global/health`: `healthy` and the server's `version`.
 *
 * @example
 * ```ts
 * import { ServerInfo } from "effect-opencode"
 * const h: ServerInfo.Health = { healthy: true, version: "1.18.33" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Health = Schema.Struct({
  healthy: Schema.Boolean,
  version: Schema.String
})

/**
 * The decoded type of {@link Health}.
 *
 * @since 0.1.0
 * @category models
 */
export type Health = typeof Health.Type

/**
 * A language server the server started (`GET /lsp`).
 *
 * @example
 * ```ts
 * import { ServerInfo } from "effect-opencode"
 * const s: ServerInfo.LspStatus = { id: "typescript", name: "TypeScript", root: "/repo", status: "connected" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const LspStatus = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  root: Schema.String,
  status: openLiterals(["connected", "error"])
})

/**
 * The decoded type of {@link LspStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type LspStatus = typeof LspStatus.Type

/**
 * A code formatter and the file extensions it handles (`GET /formatter`).
 *
 * @example
 * ```ts
 * import { ServerInfo } from "effect-opencode"
 * const f: ServerInfo.FormatterStatus = { name: "prettier", extensions: [".ts"], enabled: true }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const FormatterStatus = Schema.Struct({
  name: Schema.String,
  extensions: Schema.Array(Schema.String),
  enabled: Schema.Boolean
})

/**
 * The decoded type of {@link FormatterStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type FormatterStatus = typeof FormatterStatus.Type

/**
 * A tool as a model sees it (`GET /experimental/tool`): its id, description and JSON Schema
 * parameters.
 *
 * @example
 * ```ts
 * import { ServerInfo } from "effect-opencode"
 * const t: ServerInfo.Tool = { id: "bash", description: "Runs a command", parameters: { type: "object" } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Tool = Schema.Struct({
  id: Schema.String,
  description: Schema.String,
  parameters: OpenRecord
})

/**
 * The decoded type of {@link Tool}.
 *
 * @since 0.1.0
 * @category models
 */
export type Tool = typeof Tool.Type

/**
 * Experimental features the server has turned on (`GET /experimental/capabilities`).
 *
 * @example
 * ```ts
 * import { ServerInfo } from "effect-opencode"
 * const c: ServerInfo.Capabilities = { backgroundSubagents: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Capabilities = Schema.StructWithRest(
  Schema.Struct({ backgroundSubagents: opt(Schema.Boolean) }),
  [OpenRecord]
)

/**
 * The decoded type of {@link Capabilities}.
 *
 * @since 0.1.0
 * @category models
 */
export type Capabilities = typeof Capabilities.Type

/**
 * The level of a log entry written with `POST /log`.
 *
 * @example
 * ```ts
 * import { ServerInfo } from "effect-opencode"
 * const level: ServerInfo.LogLevel = "warn"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const LogLevel = Schema.Literals(["debug", "info", "warn", "error"])

/**
 * The decoded type of {@link LogLevel}.
 *
 * @since 0.1.0
 * @category models
 */
export type LogLevel = typeof LogLevel.Type
