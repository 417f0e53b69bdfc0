/**
 * The assistant's text as it is generated, from a session's events: the `message.part.delta`s of
 * assistant text parts, and for a part whose deltas were missing the rest of its final
 * `message.part.updated`; a part's deltas always add up to its final text. User, reasoning and
 * synthetic parts are left out; a part's text is held back until its message is known to be an
 * assistant's.
 *
 * @example
 * ```ts
 * import { TextStream } from "effect-opencode"
 *
 * const tracker = TextStream.makeTracker({ accept: (m) => m.parentID === "msg_1" })
 * const onEvent = (event: Parameters<typeof tracker.step>[0]) =>
 *   tracker.step(event).forEach((d) => process.stdout.write(d.text))
 * ```
 */
import type { Event } from "../schema/Event.ts"
import type { AssistantMessage, MessageWithParts } from "../schema/Message.ts"

/** A piece of assistant text, appended to part `partID` of message `messageID`. */
export interface TextDelta {
  readonly sessionID: string
  readonly messageID: string
  readonly partID: string
  readonly text: string
}

interface Entry {
  readonly sessionID: string
  readonly messageID: string
  readonly partID: string
  text: string
  emitted: number
  /** Re-read from the server: later deltas may overlap what was read, so only full updates count. */
  synced: boolean
}

/** Turns a session's events into {@link TextDelta}s; one per stream. */
export interface Tracker {
  /** Feeds one event; returns the text it adds (often none). */
  readonly step: (event: Event) => ReadonlyArray<TextDelta>
  /**
   * Feeds the session's messages as re-read (start, reconnect): emits the text the missed events
   * carried, for known assistant messages that `include` accepts. Later deltas of a part re-read so
   * are ignored (they could overlap); its rest comes with its final `message.part.updated`.
   */
  readonly resync: (
    messages: ReadonlyArray<MessageWithParts>,
    include: (message: AssistantMessage) => boolean
  ) => ReadonlyArray<TextDelta>
  /** Whether an assistant message this tracker follows has been seen. */
  readonly seenReply: () => boolean
  /** Forgets every message (after a run ended). */
  readonly reset: () => void
}

/** Options of {@link makeTracker}. */
export interface TrackerOptions {
  /** Follow only the assistant messages this accepts (the replies to one prompt). Default: all. */
  readonly accept?: ((message: AssistantMessage) => boolean) | undefined
}

/** A fresh {@link Tracker}. */
export const makeTracker = (options: TrackerOptions = {}): Tracker => {
  const accept = options.accept ?? (() => true)
  const roles = new Map<string, "user" | "assistant" | "skip">()
  const parts = new Map<string, Entry>()

  const flush = (entry: Entry, out: Array<TextDelta>) => {
    if (entry.text.length > entry.emitted) {
      out.push({
        sessionID: entry.sessionID,
        messageID: entry.messageID,
        partID: entry.partID,
        text: entry.text.slice(entry.emitted)
      })
      entry.emitted = entry.text.length
    }
  }

  const flushMessage = (messageID: string, out: Array<TextDelta>) => {
    for (const entry of parts.values()) if (entry.messageID === messageID) flush(entry, out)
  }

  const step = (event: Event): ReadonlyArray<TextDelta> => {
    switch (event.type) {
      case "message.updated": {
        const info = event.properties.info
        if (info.role === "unknown") return []
        const role = info.role === "user" ? "user" : accept(info) ? "assistant" : "skip"
        if (roles.get(info.id) === role) return []
        roles.set(info.id, role)
        if (role !== "assistant") {
          for (const [id, entry] of parts) if (entry.messageID === info.id) parts.delete(id)
          return []
        }
        const out: Array<TextDelta> = []
        flushMessage(info.id, out)
        return out
      }
      case "message.part.updated": {
        const part = event.properties.part
        if (part.type !== "text" || part.synthetic === true || part.ignored === true) return []
        const role = roles.get(part.messageID)
        if (role === "user" || role === "skip") return []
        let entry = parts.get(part.id)
        if (entry === undefined) {
          entry = { sessionID: part.sessionID, messageID: part.messageID, partID: part.id, text: "", emitted: 0, synced: false }
          parts.set(part.id, entry)
        }
        if (part.text.length >= entry.text.length) entry.text = part.text
        if (roles.get(part.messageID) !== "assistant") return []
        const out: Array<TextDelta> = []
        flush(entry, out)
        return out
      }
      case "message.part.delta": {
        const p = event.properties
        if (p.field !== "text") return []
        const entry = parts.get(p.partID)
        // not a known text part, or one re-read: its final update carries the text
        if (entry === undefined || entry.synced) return []
        entry.text += p.delta
        if (roles.get(p.messageID) !== "assistant") return []
        const delta = { sessionID: p.sessionID, messageID: p.messageID, partID: p.partID, text: p.delta }
        if (entry.emitted + p.delta.length === entry.text.length) {
          entry.emitted = entry.text.length
          return p.delta.length > 0 ? [delta] : []
        }
        const out: Array<TextDelta> = []
        flush(entry, out)
        return out
      }
      default:
        return []
    }
  }

  const resync = (
    messages: ReadonlyArray<MessageWithParts>,
    include: (message: AssistantMessage) => boolean
  ): ReadonlyArray<TextDelta> => {
    const out: Array<TextDelta> = []
    for (const m of messages) {
      const info = m.info
      if (info.role !== "assistant") continue
      const role = roles.get(info.id)
      if (role === "skip" || role === "user") continue
      if (role === undefined && !(include(info) && accept(info))) continue
      roles.set(info.id, "assistant")
      for (const part of m.parts) {
        if (part.type !== "text" || part.synthetic === true || part.ignored === true) continue
        let entry = parts.get(part.id)
        if (entry === undefined) {
          entry = { sessionID: part.sessionID, messageID: part.messageID, partID: part.id, text: "", emitted: 0, synced: true }
          parts.set(part.id, entry)
        }
        entry.synced = true
        if (part.text.length >= entry.text.length) entry.text = part.text
        flush(entry, out)
      }
    }
    return out
  }

  return {
    step,
    resync,
    seenReply: () => {
      for (const role of roles.values()) if (role === "assistant") return true
      return false
    },
    reset: () => {
      roles.clear()
      parts.clear()
    }
  }
}
