/**
 * About the server itself: {@link Health}, `LspStatus` (`GET /lsp`), `FormatterStatus`
 * (`GET /formatter`), `Tool` (`GET /experimental/tool`: a tool as a model sees it),
 * `Capabilities` (`GET /experimental/capabilities`), {@link LogLevel}; generated, re-exported.
 * Gotcha: a server that does not answer says nothing: a health probe needs its own timeout (the
 * port accepts connections shortly before the server answers).
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
export type Health = typeof Health.Type

/** The level of a log entry written with `POST /log`. */
export const LogLevel = /* @__PURE__ */ lazy(() => Op.appLog.body.schema.fields.level)
export type LogLevel = typeof LogLevel.Type
