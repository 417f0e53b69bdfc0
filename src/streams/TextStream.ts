/**
 * The assistant's text as it is generated, from a session's events: `message.part.delta`
 * (`field: "text"`) of assistant text parts as they stream, and for a part that had no deltas
 * (or missed some) the rest of the text of its final `message.part.updated`. The concatenation of
 * the deltas of a part always equals the part's final text.
 *
 * The user's own text parts, reasoning parts and synthetic parts are left out. A part is emitted
 * only once its message is known to be an assistant message; until then its text is held back.
 */
import type { Event } from "../schema/Event.ts"
import type { AssistantMessage, MessageWithParts } from "../schema/Message.ts"

/**
 * A piece of assistant text: `text` is appended to the part `partID` of message `messageID`.
 *
 * @example
 * ```ts
 * import { TextStream } from "effect-opencode"
 * const print = (d: TextStream.TextDelta) => process.stdout.write(d.text)
 * ```
 */
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

/**
 * Turns a session's events into {@link TextDelta}s; one per stream.
 *
 * @example
 * ```ts
 * import { TextStream } from "effect-opencode"
 * const tracker = TextStream.makeTracker()
 * const deltas = tracker.step({ type: "server.connected", properties: {} } as any) // []
 * ```
 */
export interface Tracker {
  /** Feeds one event; returns the text it adds (often nothing). */
  readonly step: (event: Event) => ReadonlyArray<TextDelta>
  /**
   * Feeds the session's messages as re-read (after a reconnect, or at the start): emits the text
   * the missed events carried, for the assistant messages this tracker knows and those `include`
   * accepts. The deltas of a part re-read this way are ignored afterwards (they could overlap the
   * text read); the rest of such a part comes with its final `message.part.updated`.
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

/**
 * Options of {@link makeTracker}.
 *
 * @example
 * ```ts
 * import { TextStream } from "effect-opencode"
 * const repliesTo = (messageID: string) => TextStream.makeTracker({ accept: (m) => m.parentID === messageID })
 * ```
 */
export interface TrackerOptions {
  /** Follow only the assistant messages this accepts (e.g. the replies to one prompt). Default: all. */
  readonly accept?: ((message: AssistantMessage) => boolean) | undefined
}

/**
 * A fresh {@link Tracker}.
 *
 * @example
 * ```ts
 * import { TextStream } from "effect-opencode"
 * const tracker = TextStream.makeTracker()
 * ```
 */
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
