/**
 * The one "is this turn finished" check: given a session's history and a prompt's id, how far
 * the prompt's turn got. Pure (no server call), so that every place that asks — the wait for
 * idle (`EventService.waitForIdle`), the reply after a refused resend (`MessageService`), a
 * resumed task (`TaskSteps.interruptedTurn`) — reads a history the same way.
 */
import type * as Message from "../schema/Message.ts"
import type { MessageError } from "../schema/ServerError.ts"
import { type AssistantWithParts, assistantReplies } from "../services/MessageResult.ts"

/**
 * A prompt's turn as a history shows it: its last assistant reply (`undefined`: none yet),
 * whether that reply completed, and its error.
 *
 * @example
 * ```ts
 * import type { Tasks } from "effect-opencode"
 * const done = (t: Tasks.Turn) => t.completed || t.error !== undefined
 * ```
 */
export interface Turn {
  readonly reply: AssistantWithParts | undefined
  /** The last reply has its `time.completed`. */
  readonly completed: boolean
  /** The last reply's error (a failed model call, an abort). */
  readonly error: MessageError | undefined
}

/**
 * The turn of the prompt `messageID` in `history`: its last assistant reply (`parentID`) and
 * whether that reply completed or failed.
 *
 * Gotcha: only the history; whether the session is idle is the caller's to ask. A turn whose
 * session is idle and whose last reply neither completed nor failed was cut off.
 *
 * @example
 * ```ts
 * import { Tasks } from "effect-opencode"
 * const ended = (history: Parameters<typeof Tasks.turnOf>[0]) => Tasks.ended(Tasks.turnOf(history, "msg_1"))
 * ```
 */
export const turnOf = (history: ReadonlyArray<Message.MessageWithParts>, messageID: string): Turn => {
  const reply = assistantReplies(history, messageID).at(-1)
  return {
    reply,
    completed: reply !== undefined && reply.info.time.completed !== undefined,
    error: reply?.info.error
  }
}

/**
 * Whether a reply's message says its turn ended: completed, or failed.
 *
 * @example
 * ```ts
 * import { Tasks } from "effect-opencode"
 * const done = (t: Tasks.Turn) => Tasks.ended(t)
 * ```
 */
export const ended = (turn: Turn): boolean => turn.reply !== undefined && (turn.completed || turn.error !== undefined)
