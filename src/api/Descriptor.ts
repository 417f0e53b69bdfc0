/**
 * The shape of one entry of the generated operation table (`src/api/Operations.ts`): everything
 * a transport needs to send one call of the OpenCode API and read its answer, as data.
 *
 * This file is written by hand; the table that satisfies it is generated (`npm run generate`).
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"

/**
 * HTTP methods of the OpenCode API.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * Which API an operation belongs to: `"v2"` for every path under `/api/`, `"v1"` for the rest.
 *
 * @since 0.1.0
 * @category models
 */
export type ApiVersion = "v1" | "v2"

/**
 * One `{name}` of a path template.
 *
 * Gotcha: `idPrefix` is the prefix the server demands of the id (`"ses"` for `sessionID`); a value
 * without it is answered `500 UnknownError`, not `400`, so a client checks it before sending.
 * Every path parameter also needs the client's safe-character rule (see `src/schema/Ids.ts`),
 * which no document states.
 *
 * @since 0.1.0
 * @category models
 */
export interface PathParameter {
  readonly name: string
  readonly idPrefix: string | undefined
  readonly schema: Schema.Top
}

/**
 * A request body.
 *
 * @since 0.1.0
 * @category models
 */
export interface Body {
  readonly contentType: string
  readonly required: boolean
  readonly schema: Schema.Top
}

/**
 * How a successful answer is read.
 *
 * - `json`: decode the body with `schema`.
 * - `true`: the body is the JSON `true` whatever happened (e.g. summarize answers `true` even when
 *   it fails): it carries no outcome; `schema` still decodes it.
 * - `none`: no body and no content type (`204`): never decode it.
 * - `sse`: a `text/event-stream`; each `data:` line decodes with `schema`.
 * - `text`: the body as text (`contentType` says which).
 * - `binary`: the body as bytes.
 * - `websocket`: the route upgrades to a WebSocket; a plain HTTP call cannot use it.
 *
 * @since 0.1.0
 * @category models
 */
export type Success =
  | { readonly status: number; readonly kind: "json" | "true" | "sse"; readonly contentType: string; readonly schema: Schema.Top }
  | { readonly status: number; readonly kind: "text" | "binary"; readonly contentType: string; readonly schema: Schema.Top }
  | { readonly status: number; readonly kind: "none" }
  | { readonly status: number; readonly kind: "websocket" }

/**
 * One operation of the OpenCode API.
 *
 * `query` is one `Schema.Struct` of all query parameters (optional keys where the parameter is
 * optional); the names listed in `deepObjectQuery` are objects sent as `name[key]=value`.
 * `errors` maps each documented error status to the schema of its JSON body.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation {
  readonly id: string
  readonly method: Method
  readonly path: string
  readonly api: ApiVersion
  readonly pathParams: ReadonlyArray<PathParameter>
  readonly query: Schema.Top
  /**
   * The names of the required query parameters. A call without a query sends none without
   * building `query` or encoding `{}` with it when this is empty; when it is absent (an operation
   * written by hand), `{}` is encoded with `query` as any other query is.
   */
  readonly requiredQuery?: ReadonlyArray<string> | undefined
  readonly deepObjectQuery: ReadonlyArray<string>
  readonly body: Body | undefined
  readonly success: Success
  readonly errors: { readonly [status: number]: Schema.Top }
}

/**
 * What the server does beyond any single operation, from the patch file's document-level
 * `x-effect-opencode` object.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerFacts {
  /** What an unknown route answers (the web UI's HTML page with status 200, not a 404). */
  readonly unknownRoute: { readonly status: number; readonly contentType: string }
  /** What a missing or wrong password answers, on every route. */
  readonly unauthorized: { readonly status: number; readonly body: "empty"; readonly header: string }
}
