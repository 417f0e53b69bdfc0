/**
 * Questions the model asks the user through its `question` tool (`question.asked`,
 * `GET /question`), answered with `POST /question/{id}/reply` or rejected.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { QuestionID, SessionID } from "./Ids.ts"

/**
 * A choice offered by a question.
 *
 * @example
 * ```ts
 * import { Question } from "effect-opencode"
 * const option: Question.QuestionOption = { label: "Yes", description: "Proceed" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionOption = Schema.Struct({
  label: Schema.String,
  description: Schema.String
})

/**
 * The decoded type of {@link QuestionOption}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionOption = typeof QuestionOption.Type

/**
 * One question: its text, a short `header`, the `options`, whether several may be chosen
 * (`multiple`) and whether a free answer is allowed (`custom`).
 *
 * @example
 * ```ts
 * import { Question } from "effect-opencode"
 * const q: Question.QuestionInfo = { question: "Deploy?", header: "Deploy", options: [{ label: "Yes", description: "" }] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionInfo = Schema.Struct({
  question: Schema.String,
  header: Schema.String,
  options: Schema.Array(QuestionOption),
  multiple: Schema.optional(Schema.Boolean),
  custom: Schema.optional(Schema.Boolean)
})

/**
 * The decoded type of {@link QuestionInfo}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionInfo = typeof QuestionInfo.Type

/**
 * The answer to one question: the chosen labels (or the free text).
 *
 * @example
 * ```ts
 * import { Question } from "effect-opencode"
 * const answer: Question.QuestionAnswer = ["Yes"]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionAnswer = Schema.Array(Schema.String)

/**
 * The decoded type of {@link QuestionAnswer}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionAnswer = typeof QuestionAnswer.Type

/**
 * The tool call that asked.
 *
 * @example
 * ```ts
 * import { Question } from "effect-opencode"
 * const tool: Question.QuestionTool = { messageID: "msg_1", callID: "call_1" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionTool = Schema.Struct({
  messageID: Schema.String,
  callID: Schema.String
})

/**
 * The decoded type of {@link QuestionTool}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionTool = typeof QuestionTool.Type

/**
 * A pending question request (`question.asked`, `GET /question`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Question } from "effect-opencode"
 * Schema.decodeUnknownSync(Question.QuestionRequest)({
 *   id: "que_1", sessionID: "ses_1", questions: [{ question: "Deploy?", header: "Deploy", options: [] }]
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionRequest = Schema.Struct({
  id: QuestionID,
  sessionID: SessionID,
  questions: Schema.Array(QuestionInfo),
  tool: Schema.optional(QuestionTool)
})

/**
 * The decoded type of {@link QuestionRequest}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionRequest = typeof QuestionRequest.Type

/**
 * The body of `POST /question/{requestID}/reply`: one answer per question, in order.
 *
 * @example
 * ```ts
 * import { Question } from "effect-opencode"
 * const body: Question.QuestionReplyBody = { answers: [["Yes"]] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionReplyBody = Schema.Struct({
  answers: Schema.Array(QuestionAnswer)
})

/**
 * The decoded type of {@link QuestionReplyBody}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionReplyBody = typeof QuestionReplyBody.Type
