import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Message from "../../src/schema/Message.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
import * as Turn from "../../src/tasks/Turn.ts"
import { capture } from "../schema/helpers.ts"

const decode = Schema.decodeUnknownSync(Schema.Array(Message.MessageWithParts))
// user "say hello" → reply; user "please WRITE a file" → tool-call reply + text reply (captured)
const history = decode(capture.responses.messages!.body)
const writeUser = MessageResult.idOf(history[2]!)!

const edit = (m: Message.MessageWithParts, change: (info: Record<string, any>) => void): Message.MessageWithParts => {
  const info = structuredClone(Schema.encodeSync(Message.Message)(m.info)) as Record<string, any>
  change(info)
  return decode([{ info, parts: [] }])[0]!
}

describe("Turn (the one turn-finished check)", () => {
  it("a prompt's last completed reply ends its turn; the last reply decides, not the first", () => {
    const turn = Turn.turnOf(history, writeUser)
    expect(turn.reply?.info.id).toBe(MessageResult.idOf(history[4]!))
    expect(turn.completed).toBe(true)
    expect(turn.error).toBeUndefined()
    expect(Turn.ended(turn)).toBe(true)
  })

  it("no reply yet, or a last reply that neither completed nor failed: not ended", () => {
    const none = Turn.turnOf(history.slice(0, 3), writeUser)
    expect(none).toEqual({ reply: undefined, completed: false, error: undefined })
    expect(Turn.ended(none)).toBe(false)
    const running = Turn.turnOf([...history.slice(0, 4), edit(history[4]!, (i) => delete i.time.completed)], writeUser)
    expect(running.reply).toBeDefined()
    expect(running.completed).toBe(false)
    expect(Turn.ended(running)).toBe(false)
  })

  it("a failed last reply ends the turn with its error", () => {
    const error = { name: "MessageAbortedError", data: { message: "aborted" } }
    const failed = Turn.turnOf(
      [...history.slice(0, 4), edit(history[4]!, (i) => {
        delete i.time.completed
        i.error = error
      })],
      writeUser
    )
    expect(failed.completed).toBe(false)
    expect(failed.error?.name).toBe("MessageAbortedError")
    expect(Turn.ended(failed)).toBe(true)
  })
})
