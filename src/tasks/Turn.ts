/**
 * The one "is this turn finished" check: given a session's history and a prompt's id, how far
 * the prompt's turn got. Pure (no server call), so that every place that asks — the wait for
 * idle (`EventService.waitForIdle`), the reply after a refused resend (`MessageService`), a
 * resumed task (`TaskSteps.interruptedTurn`) — reads a history the same way.
 */
import type * as Message from "../schema/Message.ts"
import type { MessageError } from "../schema/ServerError.ts"
import { type AssistantWithParts, assistantReplies } from "../services/MessageResult.ts"

/** A prompt's turn as a history shows it: its last assistant reply (`undefined`: none yet). */
export interface Turn {
  readonly reply: AssistantWithParts | undefined
  /** The last reply has its `time.completed`. */
  readonly completed: boolean
  /** The last reply's error (a failed model call, an abort). */
  readonly error: MessageError | undefined
}

/**
 * The turn of the prompt `messageID` in `history` (its replies are those whose `parentID` it is).
 *
 * Gotcha: only the history; whether the session is idle is the caller's to ask. A turn whose
 * session is idle and whose last reply neither completed nor failed was cut off.
 */
export const turnOf = (history: ReadonlyArray<Message.MessageWithParts>, messageID: string): Turn => {
  const reply = assistantReplies(history, messageID).at(-1)
  return {
    reply,
    completed: reply !== undefined && reply.info.time.completed !== undefined,
    error: reply?.info.error
  }
}

/** Whether the turn has a reply that completed or failed. */
export const ended = (turn: Turn): boolean => turn.reply !== undefined && (turn.completed || turn.error !== undefined)
