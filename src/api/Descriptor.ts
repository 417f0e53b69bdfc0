/**
 * The shape of one entry of the generated operation table (`src/api/Operations.ts`): what a
 * transport needs to send one call and read its answer, as data. Hand-written; the table is generated.
 */
import type * as Schema from "effect/Schema"

/** HTTP methods of the OpenCode API. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** `"v2"` for every path under `/api/`, `"v1"` for the rest. */
export type ApiVersion = "v1" | "v2"

/**
 * One `{name}` of a path template. Gotcha: a value without `idPrefix` (`"ses"` for `sessionID`) is
 * answered `500 UnknownError`, not 400, so a client checks it first, with its own safe-character
 * rule (`Ids`), which no document states.
 */
export interface PathParameter {
  readonly name: string
  readonly idPrefix: string | undefined
  readonly schema: Schema.Top
}

/** A request body. */
export interface Body {
  readonly contentType: string
  readonly required: boolean
  readonly schema: Schema.Top
}

/**
 * How a success is read: `json` (decode with `schema`); `true` (the JSON `true` whatever happened,
 * summarize's even when it fails: no outcome); `none` (`204`, never decoded); `sse` (each `data:`
 * decoded with `schema`); `text`; `binary`; `websocket` (no plain HTTP call can use it).
 */
export type Success =
  | { readonly status: number; readonly kind: "json" | "true" | "sse"; readonly contentType: string; readonly schema: Schema.Top }
  | { readonly status: number; readonly kind: "text" | "binary"; readonly contentType: string; readonly schema: Schema.Top }
  | { readonly status: number; readonly kind: "none" }
  | { readonly status: number; readonly kind: "websocket" }

/**
 * One operation. `query` is one Struct of all query parameters; those in `deepObjectQuery` are
 * objects sent as `name[key]=value`; `errors` maps documented error statuses to body schemas.
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

/** What the server does beyond any single operation (the patch file's `x-effect-opencode`). */
export interface ServerFacts {
  /** What an unknown route answers (the web UI's HTML page with status 200, not a 404). */
  readonly unknownRoute: { readonly status: number; readonly contentType: string }
  /** What a missing or wrong password answers, on every route. */
  readonly unauthorized: { readonly status: number; readonly body: "empty"; readonly header: string }
}
