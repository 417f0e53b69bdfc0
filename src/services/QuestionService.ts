/**
 * Questions the model asks through its `question` tool: list the pending ones, answer them, or
 * reject them. `EventService.questionRequests` / `answerQuestions` answer them as they arrive.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type { RequestError } from "../Errors.ts"
import { requireId } from "../internal/validate.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import type * as Q from "../schema/Question.ts"

/** Options of {@link Service.list}. */
export interface ListOptions {
  /** Only this session's questions. */
  readonly sessionID?: string | undefined
  /** Overrides the client's directory (pending questions are kept per directory). */
  readonly directory?: string | undefined
}

/** The question operations. */
export interface Service {
  /** The pending question requests (of one session with `sessionID`, filtered client-side). */
  readonly list: (options?: ListOptions) => Effect.Effect<ReadonlyArray<Q.QuestionRequest>, RequestError>
  /**
   * Answers a question request: one answer (the chosen labels, or free text) per question, in
   * order. An unknown or answered request fails with an `ApiError` 404 (`QuestionNotFoundError`).
   */
  readonly reply: (
    requestID: string,
    answers: ReadonlyArray<Q.QuestionAnswer>,
    options?: { readonly directory?: string | undefined }
  ) => Effect.Effect<void, RequestError>
  /** Rejects a question request (the tool call fails and the model carries on). */
  readonly reject: (requestID: string, options?: { readonly directory?: string | undefined }) => Effect.Effect<void, RequestError>
}

/**
 * The question service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { OpencodeClient, QuestionService } from "effect-opencode"
 *
 * const answerFirstOption = Effect.gen(function*() {
 *   const questions = yield* QuestionService.QuestionService
 *   for (const q of yield* questions.list()) {
 *     yield* questions.reply(q.id, q.questions.map((i) => [i.options[0]?.label ?? ""]))
 *   }
 * }).pipe(Effect.provide(QuestionService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class QuestionService extends Context.Service<QuestionService, Service>()("effect-opencode/QuestionService") {}

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = (options = {}) =>
    Effect.gen(function*() {
      if (options.sessionID !== undefined) yield* requireId("session", options.sessionID, "sessionID")
      const all = yield* call(Op.questionList, { directory: options.directory })
      return options.sessionID === undefined ? all : all.filter((r) => r.sessionID === options.sessionID)
    })

  const reply: Service["reply"] = (requestID, answers, options = {}) =>
    Effect.asVoid(call(Op.questionReply, { path: { requestID }, body: { answers }, directory: options.directory }))

  const reject: Service["reject"] = (requestID, options = {}) =>
    Effect.asVoid(call(Op.questionReject, { path: { requestID }, directory: options.directory }))

  return QuestionService.of({ list, reply, reject })
})

/** The question service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<QuestionService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(QuestionService, make)
