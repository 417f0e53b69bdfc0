/**
 * About the server itself (health and version, language servers, formatters, the tools a model
 * can call, experimental capabilities, log entries): the generated schemas of `src/api/Schemas.ts`
 * under the library's names.
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * `GET /global/health`: `healthy` (always `true` when the server answers) and its `version`.
 *
 * @since 0.1.0
 * @category models
 */
export const Health = operations["global.health"].success.schema

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
 * @since 0.1.0
 * @category models
 */
export const LspStatus = Schemas.LSPStatus

/**
 * The decoded type of {@link LspStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type LspStatus = Schemas.LSPStatus

/**
 * A code formatter and the file extensions it handles (`GET /formatter`).
 *
 * @since 0.1.0
 * @category models
 */
export const FormatterStatus = Schemas.FormatterStatus

/**
 * The decoded type of {@link FormatterStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type FormatterStatus = Schemas.FormatterStatus

/**
 * A tool as a model sees it (`GET /experimental/tool`): id, description, JSON Schema parameters.
 *
 * @since 0.1.0
 * @category models
 */
export const Tool = Schemas.ToolListItem

/**
 * The decoded type of {@link Tool}.
 *
 * @since 0.1.0
 * @category models
 */
export type Tool = Schemas.ToolListItem

/**
 * Experimental features the server has turned on (`GET /experimental/capabilities`).
 *
 * @since 0.1.0
 * @category models
 */
export const Capabilities = Schemas.ExperimentalCapabilities

/**
 * The decoded type of {@link Capabilities}.
 *
 * @since 0.1.0
 * @category models
 */
export type Capabilities = Schemas.ExperimentalCapabilities

/**
 * The level of a log entry written with `POST /log`.
 *
 * @since 0.1.0
 * @category models
 */
export const LogLevel = operations["app.log"].body.schema.fields.level

/**
 * The decoded type of {@link LogLevel}.
 *
 * @since 0.1.0
 * @category models
 */
export type LogLevel = typeof LogLevel.Type
