/**
 * Questions the model asks the user through its `question` tool (`question.asked`,
 * `GET /question`), answered with `POST /question/{id}/reply` or rejected.
 *
 * - `QuestionRequest`: a pending question request: its `questions` and the tool call that asked
 *   (`QuestionTool`).
 * - `QuestionInfo`: one question: its text, a short `header`, the `options` (`QuestionOption`),
 *   whether several may be chosen (`multiple`) and whether a free answer is allowed (`custom`).
 * - `QuestionAnswer`: the answer to one question: the chosen labels (or the free text).
 * - {@link QuestionReplyBody}: the body of a reply, one answer per question, in order.
 *
 * The schemas are the generated ones of `src/api/Schemas.ts`, re-exported under their names.
 * Gotchas: request ids are branded `Ids.QuestionID` (`que_…`); a reply to a request that is gone
 * is a 404 (`ServerError.QuestionNotFoundError`).
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
/** The decoded type of {@link QuestionReplyBody}. */
export type QuestionReplyBody = typeof QuestionReplyBody.Type
