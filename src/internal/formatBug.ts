/**
 * A workaround for an opencode 1.18.33 defect: `GET /session/{id}/message` answers 400 ("Expected
 * OutputFormatJsonSchema … at [n].info.format") for any page holding a user message sent with a
 * `json_schema` format, and for that message alone; the others stay readable one at a time.
 */
import * as Effect from "effect/Effect"
import type { RequestError } from "../Errors.ts"

/** Whether a request failed on that defect. */
export const isFormatEncodeBug = (error: RequestError): boolean =>
  error._tag === "ApiError" && error.status === 400 && error.message.includes("OutputFormatJsonSchema")

/**
 * A history page read around the defect: the newest messages one at a time (following the cursor
 * from `before`), oldest first, up to `limit`, stopping at the first message refused: it and older
 * ones are left out, with no cursor (the server gives none past it).
 */
export const readAround = <A>(
  readOne: (before: string | undefined, onCursor: (cursor: string | undefined) => void) => Effect.Effect<ReadonlyArray<A>, RequestError>,
  query: { readonly limit?: number | undefined; readonly before?: string | undefined },
  onCursor?: (cursor: string | undefined) => void
): Effect.Effect<ReadonlyArray<A>, RequestError> =>
  Effect.gen(function*() {
    const newestFirst: Array<A> = []
    let before = query.before
    const max = query.limit === undefined || query.limit === 0 ? Number.POSITIVE_INFINITY : query.limit
    while (newestFirst.length < max) {
      let cursor: string | undefined
      const page = yield* Effect.result(readOne(before, (c) => void (cursor = c)))
      if (page._tag === "Failure") {
        if (isFormatEncodeBug(page.failure)) break
        return yield* page.failure
      }
      const m = page.success[0]
      if (m === undefined) break
      newestFirst.push(m)
      if (cursor === undefined) break
      before = cursor
    }
    onCursor?.(undefined)
    return newestFirst.reverse()
  })
