/**
 * A swapped `HttpClient` for unit tests: every request is recorded and answered by a handler,
 * which can also simulate transport failures (refused, reset, hung connections). Put it under
 * `OpencodeClient.layer(...)` instead of the real client.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"

/** A request as the handler sees it. */
export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * What a handler answers: a web `Response`, or a simulated network failure by its Node error
 * code (`ECONNREFUSED`, `ECONNRESET`, …), or `"hang"` to never answer.
 */
export type Answer = Response | { readonly networkError: string } | "hang"

/** The recording side of the mock. */
export class MockHttp extends Context.Service<MockHttp, {
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
}>()("effect-opencode/testing/MockHttp") {}

/** A JSON `Response` (no body for 204). */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })

/** A plain-text or HTML `Response`. */
export const text = (status: number, body: string, contentType = "text/plain"): Response =>
  new Response(body, { status, headers: { "content-type": contentType } })

/**
 * Provides `HttpClient` (answered by `handler`, which also gets the 1-based count of requests so
 * far) and {@link MockHttp} (the recorded requests).
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { OpencodeClient } from "effect-opencode"
 * import { MockHttp } from "effect-opencode/testing"
 *
 * const Test = OpencodeClient.layer({ baseUrl: "http://opencode.test" }).pipe(
 *   Layer.provideMerge(MockHttp.layer((request, attempt) => attempt === 1 ? { networkError: "ECONNRESET" } : MockHttp.json(200, [])))
 * )
 * ```
 */
export const layer = (
  handler: (request: RecordedRequest, attempt: number) => Answer | Effect.Effect<Answer>
): Layer.Layer<HttpClient.HttpClient | MockHttp> =>
  Layer.effectContext(
    Effect.gen(function*() {
      const recorded = yield* Ref.make<ReadonlyArray<RecordedRequest>>([])
      const client = HttpClient.make((request, url) =>
        Effect.gen(function*() {
          const body = bodyText(request)
          const entry: RecordedRequest = { method: request.method, url, headers: { ...request.headers }, body }
          const all = yield* Ref.updateAndGet(recorded, (xs) => [...xs, entry])
          const answer0 = handler(entry, all.length)
          const answer = Effect.isEffect(answer0) ? yield* answer0 : answer0
          if (answer === "hang") return yield* Effect.never
          if ("networkError" in answer) {
            const cause = Object.assign(new Error(`simulated ${answer.networkError}`), { code: answer.networkError })
            return yield* Effect.fail(
              new HttpClientError.HttpClientError({
                reason: new HttpClientError.TransportError({ request, cause, description: cause.message })
              })
            )
          }
          return HttpClientResponse.fromWeb(request, answer)
        })
      )
      return Context.make(HttpClient.HttpClient, client).pipe(
        Context.add(MockHttp, MockHttp.of({ requests: Ref.get(recorded) }))
      )
    })
  )

const bodyText = (request: HttpClientRequest.HttpClientRequest): string | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Uint8Array":
      return new TextDecoder().decode(body.body)
    case "Empty":
      return undefined
    default:
      return `<${body._tag} body>`
  }
}
