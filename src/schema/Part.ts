/**
 * The parts of a message, discriminated by `type` (the table in docs/messages-and-parts.md): the
 * generated schemas, re-exported. `TextPart` streams as an empty `text`, then
 * `message.part.delta` events, then the full part; `ToolPart.state` goes `ToolStatePending` (`raw`
 * input so far) → `ToolStateRunning` → `ToolStateCompleted` (`output`) or `ToolStateError`.
 *
 * Gotchas: `Part` and `ToolState` are open unions: an unknown `type` decodes to
 * {@link UnknownPart}, an unknown `status` to {@link UnknownToolState}, so match with a default
 * branch; a known `type` with a wrong shape, or no string `type`, is a `DecodeError`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
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

/** A tool state of a `status` this library does not know: `{ status: "unknown", originalStatus, raw }`. */
export const UnknownToolState = /* @__PURE__ */ lazy(() => lastOf(Schemas.ToolState.members))
export type UnknownToolState = typeof UnknownToolState.Type

/** The `type`s of the parts this library knows. */
export const knownPartTypes: ReadonlySet<string> = /* @__PURE__ */ lazy(() => knownTags(Schemas.Part.members, "type"))

/** A part of a `type` this library does not know (a newer server's): `{ type: "unknown", originalType, raw }`. */
export const UnknownPart = /* @__PURE__ */ lazy(() => lastOf(Schemas.Part.members))
export type UnknownPart = typeof UnknownPart.Type

/** The `type` of a part, `"unknown"` for {@link UnknownPart}. */
export type PartType = Schemas.Part["type"]
