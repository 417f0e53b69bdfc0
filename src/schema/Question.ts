/**
 * Questions the model asks the user through its `question` tool (`question.asked`,
 * `GET /question`), answered with `POST /question/{id}/reply` or rejected. The generated schemas
 * of `src/api/Schemas.ts` under the library's names.
 *
 * @since 0.1.0
 */
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * A choice offered by a question.
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionOption = Schemas.QuestionOption

/**
 * The decoded type of {@link QuestionOption}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionOption = Schemas.QuestionOption

/**
 * One question: its text, a short `header`, the `options`, whether several may be chosen
 * (`multiple`) and whether a free answer is allowed (`custom`).
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionInfo = Schemas.QuestionInfo

/**
 * The decoded type of {@link QuestionInfo}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionInfo = Schemas.QuestionInfo

/**
 * The answer to one question: the chosen labels (or the free text).
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionAnswer = Schemas.QuestionAnswer

/**
 * The decoded type of {@link QuestionAnswer}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionAnswer = Schemas.QuestionAnswer

/**
 * The tool call that asked.
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionTool = Schemas.QuestionTool

/**
 * The decoded type of {@link QuestionTool}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionTool = Schemas.QuestionTool

/**
 * A pending question request (`question.asked`, `GET /question`).
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionRequest = Schemas.QuestionRequest

/**
 * The decoded type of {@link QuestionRequest}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionRequest = Schemas.QuestionRequest

/**
 * The body of `POST /question/{requestID}/reply`: one answer per question, in order.
 *
 * @since 0.1.0
 * @category models
 */
export const QuestionReplyBody = operations["question.reply"].body.schema

/**
 * The decoded type of {@link QuestionReplyBody}.
 *
 * @since 0.1.0
 * @category models
 */
export type QuestionReplyBody = typeof QuestionReplyBody.Type
