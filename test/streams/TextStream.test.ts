import { describe, expect, it } from "@effect/vitest"
import { Exit } from "effect"
import { decodeEvent, type Event } from "../../src/schema/Event.ts"
import * as TextStream from "../../src/streams/TextStream.ts"
import { capture } from "../schema/helpers.ts"

const events: ReadonlyArray<Event> = capture.events.map((raw) => {
  const exit = decodeEvent(raw)
  if (Exit.isFailure(exit)) throw new Error(`fixture event does not decode: ${raw.type}`)
  return exit.value
})

/** The final text of every assistant text part, from the last update of each part. */
const finalTexts = (list: ReadonlyArray<Event>) => {
  const assistants = new Set<string>()
  for (const e of list) {
    if (e.type === "message.updated" && e.properties.info.role === "assistant") assistants.add(e.properties.info.id)
  }
  const texts = new Map<string, string>()
  for (const e of list) {
    if (e.type === "message.part.updated" && e.properties.part.type === "text" && assistants.has(e.properties.part.messageID)) {
      texts.set(e.properties.part.id, e.properties.part.text)
    }
  }
  return texts
}

const streamed = (list: ReadonlyArray<Event>) => {
  const tracker = TextStream.makeTracker()
  const byPart = new Map<string, string>()
  for (const e of list) {
    for (const d of tracker.step(e)) byPart.set(d.partID, (byPart.get(d.partID) ?? "") + d.text)
  }
  return byPart
}

describe("TextStream", () => {
  it("the deltas of each assistant text part add up to its final text; user text is left out", () => {
    const expected = finalTexts(events)
    expect(expected.size).toBeGreaterThan(3)
    expect(streamed(events)).toEqual(expected)
    const userTexts = events.flatMap((e) =>
      e.type === "message.part.updated" && e.properties.part.type === "text" && !expected.has(e.properties.part.id)
        ? [e.properties.part.text]
        : []
    )
    expect(userTexts).toContain("say hello")
  })

  it("a part without deltas is emitted from its final update", () => {
    const withoutDeltas = events.filter((e) => e.type !== "message.part.delta")
    expect(streamed(withoutDeltas)).toEqual(finalTexts(events))
  })

  it("parts seen before their message is known as the assistant's are held back, then flushed", () => {
    // drop every assistant message.updated until the end, then send them all
    const assistantUpdates = events.filter((e) => e.type === "message.updated" && e.properties.info.role === "assistant")
    const reordered = [...events.filter((e) => !assistantUpdates.includes(e)), ...assistantUpdates]
    expect(streamed(reordered)).toEqual(finalTexts(events))
  })

  it("resync emits only what the missed events carried", () => {
    const tracker = TextStream.makeTracker()
    const firstDelta = events.findIndex((e) => e.type === "message.part.delta")
    let text = ""
    for (const e of events.slice(0, firstDelta + 1)) for (const d of tracker.step(e)) text += d.text
    expect(text.length).toBeGreaterThan(0)
    const delta = events[firstDelta]!
    if (delta.type !== "message.part.delta") throw new Error("fixture")
    const final = finalTexts(events).get(delta.properties.partID)!
    const message = events.find((e) => e.type === "message.updated" && (e.properties.info as { id?: string }).id === delta.properties.messageID)!
    if (message.type !== "message.updated") throw new Error("fixture")
    const part = { id: delta.properties.partID, sessionID: delta.properties.sessionID, messageID: delta.properties.messageID, type: "text", text: final }
    for (const d of tracker.resync([{ info: message.properties.info, parts: [part as any] }], () => false)) text += d.text
    expect(text).toBe(final)
    // later deltas of a re-read part are ignored (they may overlap what was read)
    expect(tracker.step(delta)).toEqual([])
    // messages unknown to the tracker are re-read only when `include` accepts them
    const fresh = TextStream.makeTracker()
    expect(fresh.resync([{ info: message.properties.info, parts: [part as any] }], () => false)).toEqual([])
    expect(fresh.resync([{ info: message.properties.info, parts: [part as any] }], () => true).map((d) => d.text)).toEqual([final])
  })

  it("accept: only the replies to one prompt", () => {
    const firstReply = events.find((e) => e.type === "message.updated" && e.properties.info.role === "assistant")!
    if (firstReply.type !== "message.updated" || firstReply.properties.info.role !== "assistant") throw new Error("fixture")
    const parent = firstReply.properties.info.parentID
    const tracker = TextStream.makeTracker({ accept: (m) => m.parentID === parent })
    const text = events.flatMap((e) => tracker.step(e)).map((d) => d.text).join("")
    expect(text).toBe("Hello from the echo model.")
    expect(tracker.seenReply()).toBe(true)
  })
})
