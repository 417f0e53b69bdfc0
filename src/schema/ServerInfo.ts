/**
 * About the server itself:
 *
 * - {@link Health} (`GET /global/health`): `healthy` (always `true` when the server answers) and
 *   its `version`.
 * - `LspStatus` (the document's `LSPStatus`, `GET /lsp`): a language server the server started.
 * - `FormatterStatus` (`GET /formatter`): a code formatter and the file extensions it handles.
 * - `Tool` (the document's `ToolListItem`, `GET /experimental/tool`): a tool as a model sees it:
 *   id, description, JSON Schema parameters.
 * - `Capabilities` (the document's `ExperimentalCapabilities`,
 *   `GET /experimental/capabilities`): experimental features the server has turned on.
 * - {@link LogLevel}: the level of a log entry written with `POST /log`.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under the library's
 * names.
 *
 * Gotcha: `Health` says nothing about a server that does not answer: a probe needs its own
 * timeout (the server accepts connections shortly before it answers them).
 *
 * @example
 * ```ts
 * import type { ServerInfo } from "effect-opencode"
 * const version = (h: ServerInfo.Health) => h.version
 * const level: ServerInfo.LogLevel = "info"
 * ```
 */
import * as Op from "../api/Operations.ts"
import { lazy } from "../internal/lazy.ts"

export {
  ExperimentalCapabilities as Capabilities,
  FormatterStatus,
  LSPStatus as LspStatus,
  ToolListItem as Tool
} from "../api/Schemas.ts"

/** `GET /global/health`: `healthy` (always `true` when the server answers) and its `version`. */
export const Health = Op.globalHealth.success.schema
/** The decoded type of {@link Health}. */
export type Health = typeof Health.Type

/** The level of a log entry written with `POST /log`. */
export const LogLevel = /* @__PURE__ */ lazy(() => Op.appLog.body.schema.fields.level)
/** The decoded type of {@link LogLevel}. */
export type LogLevel = typeof LogLevel.Type
