/**
 * Calls the transport cannot express: extra request headers, or a plain-text answer (a raw
 * patch). Errors are mapped exactly as `OpencodeClient.call` maps them.
 *
 * @since 0.1.0
 * @internal
 */
import { Duration, Effect, Schema, Stream } from "effect"
import { HttpClientRequest } from "effect/http"
import { ApiError, DecodeError, excerpt, type RequestError, TransportError } from "../Errors.ts"
import { type Call, decodeJson, type Service as Client } from "../layers/OpencodeClient.ts"
import { parseServerError } from "../schema/ServerError.ts"

/**
 * A call with extra headers whose answer is read as text.
 *
 * @since 0.1.0
 * @internal
 */
export interface RawCall extends Omit<Call<unknown>, "response" | "onHeaders"> {
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** The content types the answer may have (a prefix match); any when absent. */
  readonly accept?: ReadonlyArray<string> | undefined
}

/**
 * Sends a call and returns the body of a successful answer as text; a status of 400 or more
 * fails with an `ApiError` carrying the server's error name and message.
 *
 * @since 0.1.0
 * @internal
 */
export const callText = (client: Client, call: RawCall): Effect.Effect<string, RequestError> => {
  const method = call.method
  const path = call.path
  const endpoint = `${method} ${path}`
  let request = client.request(call)
  for (const [k, v] of Object.entries(call.headers ?? {})) request = HttpClientRequest.setHeader(request, k, v)
  const timeout = call.timeout === undefined ? client.config.requestTimeout : Duration.fromInputUnsafe(call.timeout)
  const max = client.config.maxBodyBytes
  return Effect.scoped(
    Effect.gen(function*() {
      const response = yield* Effect.mapError(client.http.execute(request), (e) => client.mapHttpError(e, method, path))
      let size = 0
      let tooBig = false
      const decoder = new TextDecoder()
      let text = ""
      yield* response.stream.pipe(
        Stream.takeWhile((chunk) => {
          size += chunk.byteLength
          if (size > max) {
            tooBig = true
            return false
          }
          text += decoder.decode(chunk, { stream: true })
          return true
        }),
        Stream.runDrain,
        Effect.catchIf((e) => e.reason._tag === "EmptyBodyError", () => Effect.void),
        Effect.mapError((e) => client.mapHttpError(e, method, path))
      )
      text += decoder.decode()
      if (response.status >= 400) {
        let json: unknown = undefined
        try {
          json = text.length > 0 ? JSON.parse(text) : undefined
        } catch {
          json = undefined
        }
        const parsed = parseServerError(json)
        return yield* new ApiError({
          status: response.status,
          ...(parsed.name !== undefined ? { name: parsed.name } : {}),
          message: parsed.message ?? (text.length > 0 ? excerpt(text, 200) : `HTTP ${response.status}`),
          ...(parsed.data !== undefined ? { data: parsed.data } : {}),
          method,
          path
        })
      }
      if (tooBig) {
        return yield* new DecodeError({ endpoint, issue: `response body exceeds the limit of ${max} bytes`, body: excerpt(text) })
      }
      const contentType = response.headers["content-type"] ?? ""
      if (call.accept !== undefined && !call.accept.some((t) => contentType.toLowerCase().startsWith(t))) {
        return yield* new DecodeError({
          endpoint,
          issue: `expected ${call.accept.join(" or ")}, got ${contentType || "no content type"} (status ${response.status})`,
          body: excerpt(text)
        })
      }
      return text
    })
  ).pipe(
    Effect.timeoutOrElse({
      duration: timeout,
      orElse: () =>
        Effect.fail(
          new TransportError({
            reason: "Timeout",
            method,
            url: client.config.baseUrl + path,
            detail: `no answer within ${Duration.format(timeout)}`
          })
        )
    })
  )
}

/**
 * Like {@link callText} for a JSON answer, decoded with `schema`.
 *
 * @since 0.1.0
 * @internal
 */
export const callJson = <A>(
  client: Client,
  call: RawCall,
  schema: Schema.Codec<A, any>
): Effect.Effect<A, RequestError> =>
  Effect.flatMap(
    callText(client, { ...call, accept: call.accept ?? ["application/json"] }),
    (text) => decodeJson(schema, text, `${call.method} ${call.path}`)
  )
