/**
 * Questions the model asks through its `question` tool (`question.asked`, `GET /question`),
 * replied to or rejected: `QuestionRequest` (its `questions`, the asking tool call),
 * `QuestionInfo` (text, `header`, `options`, `multiple`, `custom` free answers), `QuestionAnswer`
 * (the chosen labels or the free text); generated, re-exported. Gotcha: a reply to a request
 * that is gone is a 404 (`QuestionNotFoundError`).
 *
 * @example
 * ```ts
 * import type { Question } from "effect-opencode"
 * const firstChoice = (q: Question.QuestionRequest): Question.QuestionReplyBody => ({
 *   answers: q.questions.map((info) => (info.options[0] === undefined ? [] : [info.options[0].label]))
 * })
 * ```
 */
import * as Op from "../api/Operations.ts"

export { QuestionAnswer, QuestionInfo, QuestionOption, QuestionRequest, QuestionTool } from "../api/Schemas.ts"

/** The body of `POST /question/{requestID}/reply`: one answer per question, in order. */
export const QuestionReplyBody = Op.questionReply.body.schema
export type QuestionReplyBody = typeof QuestionReplyBody.Type
