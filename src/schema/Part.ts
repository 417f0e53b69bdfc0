/**
 * The parts of a message, discriminated by `type`:
 *
 * - `TextPart`: text written by the user or the model. While streaming, the server sends it with
 *   an empty `text`, then `message.part.delta` events, then the full part.
 * - `ReasoningPart`: the model's reasoning ("thinking").
 * - `FilePart`: a file attached to a message (`url`: `file://…` or `data:…`, `mime`, `filename`);
 *   its `source` (`FilePartSource`) is a whole file, a symbol (LSP range) or an MCP resource, with
 *   the prompt text it came from (`FilePartSourceText`: `{ value, start, end }`).
 * - `ToolPart`: a tool call (`bash`, `write`, …) with its `callID` and its `ToolState`:
 *   `ToolStatePending` (`raw`: the input received so far) → `ToolStateRunning` →
 *   `ToolStateCompleted` (`output`) | `ToolStateError` (`error`).
 * - `StepStartPart` / `StepFinishPart`: a model step (the finish: `reason` such as `"stop"` or
 *   `"tool-calls"`, `cost`, `tokens`). `SnapshotPart`: a git snapshot of the worktree.
 *   `PatchPart`: the files a step changed (absolute paths) and the snapshot `hash` after it.
 * - `AgentPart` (an `@agent` mention), `SubtaskPart` (a subtask for another agent), `RetryPart`
 *   (a failed model call being retried: `attempt`, the provider's `error`), `CompactionPart`
 *   (marks the user message of a compaction).
 *
 * `Part` is the union, `PartType` its `type`s. Every schema is the generated one of
 * `src/api/Schemas.ts` (the server's document, its `Part` and `ToolState` unions opened by the
 * patch file), re-exported under its own name; hand-written are only the fallback members and
 * {@link knownPartTypes}, read off the generated union.
 *
 * Gotchas: both unions are open. A part whose `type` this library does not know (a newer
 * server's) decodes to {@link UnknownPart} `{ type: "unknown", originalType, raw }`, a tool state
 * with an unknown `status` to {@link UnknownToolState} `{ status: "unknown", originalStatus, raw }`,
 * instead of failing: match with a default branch. A known `type` with a wrong shape, or a value
 * that is not an object with a string `type`, is a `DecodeError`. Ids are branded (`Ids.PartID`,
 * `Ids.MessageID`, `Ids.SessionID`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Part } from "effect-opencode"
 * const decodePart = Schema.decodeUnknownExit(Part.Part)
 * const text = (parts: ReadonlyArray<Part.Part>) =>
 *   parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("")
 * const output = (p: Part.ToolPart) => (p.state.status === "completed" ? p.state.output : undefined)
 * ```
 */
import * as Schemas from "../api/Schemas.ts"
import { knownTags, lastOf } from "./internal.ts"
import { lazy } from "../internal/lazy.ts"

export {
  AgentPart,
  CompactionPart,
  FilePart,
  FilePartSource,
  FilePartSourceText,
  Part,
  PatchPart,
  ReasoningPart,
  RetryPart,
  SnapshotPart,
  StepFinishPart,
  StepStartPart,
  SubtaskPart,
  TextPart,
  ToolPart,
  ToolState,
  ToolStateCompleted,
  ToolStateError,
  ToolStatePending,
  ToolStateRunning
} from "../api/Schemas.ts"

/**
 * A tool state with a `status` this library does not know: `{ status: "unknown", originalStatus,
 * raw }` (the fallback member of the open `ToolState` union).
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const label = (s: Part.ToolState) => (s.status === "unknown" ? s.originalStatus : s.status)
 * ```
 */
export const UnknownToolState = /* @__PURE__ */ lazy(() => lastOf(Schemas.ToolState.members))

/** The decoded type of {@link UnknownToolState}. */
export type UnknownToolState = typeof UnknownToolState.Type

/**
 * The `type`s of the parts this library knows.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * Part.knownPartTypes.has("tool") // true
 * ```
 */
export const knownPartTypes: ReadonlySet<string> = /* @__PURE__ */ lazy(() => knownTags(Schemas.Part.members, "type"))

/**
 * A part with a `type` this library does not know (from a newer server):
 * `{ type: "unknown", originalType, raw }`, `raw` being the object as received.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Part } from "effect-opencode"
 * Schema.decodeUnknownSync(Part.Part)({ type: "hologram", id: "prt_1" })
 * // { type: "unknown", originalType: "hologram", raw: { type: "hologram", id: "prt_1" } }
 * ```
 */
export const UnknownPart = /* @__PURE__ */ lazy(() => lastOf(Schemas.Part.members))

/** The decoded type of {@link UnknownPart}. */
export type UnknownPart = typeof UnknownPart.Type

/**
 * The `type` of a part, with `"unknown"` for {@link UnknownPart}.
 */
export type PartType = Schemas.Part["type"]
