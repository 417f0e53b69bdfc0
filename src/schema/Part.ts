/**
 * The parts of a message: text, reasoning, files, tool calls, step markers, snapshots, patches,
 * agents, subtasks, retries and compactions — discriminated by `type`.
 *
 * A part whose `type` this library does not know (from a newer server) decodes to
 * {@link UnknownPart} `{ type: "unknown", originalType, raw }` instead of failing; so does a tool
 * state with an unknown `status` ({@link UnknownToolState}). A known `type` with a wrong shape is
 * a `DecodeError`.
 *
 * Every schema here is the generated one of `src/api/Schemas.ts` (the server's document, its
 * `Part` and `ToolState` unions opened by the patch file) under the library's name; nothing is
 * hand-written but {@link knownPartTypes}, read off the generated union.
 *
 * @since 0.1.0
 */
import * as Schemas from "../api/Schemas.ts"
import { knownTags, lastOf } from "./internal.ts"

/**
 * Text written by the user or the model. During streaming the server sends the part with an empty
 * `text`, then `message.part.delta` events, then the full part.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const text = (parts: ReadonlyArray<Part.Part>) =>
 *   parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("")
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const TextPart = Schemas.TextPart

/**
 * The decoded type of {@link TextPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type TextPart = typeof TextPart.Type

/**
 * The model's reasoning ("thinking") text.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const isReasoning = (p: Part.Part): p is Part.ReasoningPart => p.type === "reasoning"
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const ReasoningPart = Schemas.ReasoningPart

/**
 * The decoded type of {@link ReasoningPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type ReasoningPart = typeof ReasoningPart.Type

/**
 * Where the text of a file part came from: `{ value, start, end }`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const text: Part.FilePartSourceText = { value: "@src/a.ts", start: 0, end: 9 }
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const FilePartSourceText = Schemas.FilePartSourceText

/**
 * The decoded type of {@link FilePartSourceText}.
 *
 * @since 0.1.0
 * @category parts
 */
export type FilePartSourceText = typeof FilePartSourceText.Type


/**
 * The origin of a file part: a whole file, a symbol (LSP range), or an MCP resource.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const source: Part.FilePartSource = { type: "file", path: "src/a.ts", text: { value: "@src/a.ts", start: 0, end: 9 } }
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const FilePartSource = Schemas.FilePartSource

/**
 * The decoded type of {@link FilePartSource}.
 *
 * @since 0.1.0
 * @category parts
 */
export type FilePartSource = typeof FilePartSource.Type

/**
 * A file attached to a message: `url` (`file://…` or `data:…`), `mime`, `filename`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const urls = (parts: ReadonlyArray<Part.Part>) => parts.flatMap((p) => (p.type === "file" ? [p.url] : []))
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const FilePart = Schemas.FilePart

/**
 * The decoded type of {@link FilePart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type FilePart = typeof FilePart.Type

/**
 * A tool call that is known but not started (`raw` is the input text received so far).
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const pending: Part.ToolStatePending = { status: "pending", input: {}, raw: "" }
 * ```
 *
 * @since 0.1.0
 * @category tool states
 */
export const ToolStatePending = Schemas.ToolStatePending

/**
 * The decoded type of {@link ToolStatePending}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type ToolStatePending = typeof ToolStatePending.Type

/**
 * A tool call in progress.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const running: Part.ToolStateRunning = { status: "running", input: { command: "ls" }, time: { start: 1 } }
 * ```
 *
 * @since 0.1.0
 * @category tool states
 */
export const ToolStateRunning = Schemas.ToolStateRunning

/**
 * The decoded type of {@link ToolStateRunning}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type ToolStateRunning = typeof ToolStateRunning.Type

/**
 * A finished tool call with its `output`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const output = (p: Part.ToolPart) => (p.state.status === "completed" ? p.state.output : undefined)
 * ```
 *
 * @since 0.1.0
 * @category tool states
 */
export const ToolStateCompleted = Schemas.ToolStateCompleted

/**
 * The decoded type of {@link ToolStateCompleted}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type ToolStateCompleted = typeof ToolStateCompleted.Type

/**
 * A failed tool call with its `error` text.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const failure = (p: Part.ToolPart) => (p.state.status === "error" ? p.state.error : undefined)
 * ```
 *
 * @since 0.1.0
 * @category tool states
 */
export const ToolStateError = Schemas.ToolStateError

/**
 * The decoded type of {@link ToolStateError}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type ToolStateError = typeof ToolStateError.Type


/**
 * A tool state with a `status` this library does not know: `{ status: "unknown", originalStatus, raw }`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const label = (s: Part.ToolState) => (s.status === "unknown" ? s.originalStatus : s.status)
 * ```
 *
 * @since 0.1.0
 * @category tool states
 */
export const UnknownToolState = lastOf(Schemas.ToolState.members)

/**
 * The decoded type of {@link UnknownToolState}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type UnknownToolState = typeof UnknownToolState.Type

/**
 * The state of a tool call: pending → running → completed | error.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const done = (s: Part.ToolState) => s.status === "completed" || s.status === "error"
 * ```
 *
 * @since 0.1.0
 * @category tool states
 */
export const ToolState = Schemas.ToolState

/**
 * The decoded type of {@link ToolState}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type ToolState = typeof ToolState.Type

/**
 * A tool call (`bash`, `write`, `read`, …) with its `callID` and current `state`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const tools = (parts: ReadonlyArray<Part.Part>) => parts.flatMap((p) => (p.type === "tool" ? [p.tool] : []))
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const ToolPart = Schemas.ToolPart

/**
 * The decoded type of {@link ToolPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type ToolPart = typeof ToolPart.Type

/**
 * The start of a model step (`snapshot`: the git snapshot taken before it).
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const steps = (parts: ReadonlyArray<Part.Part>) => parts.filter((p) => p.type === "step-start").length
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const StepStartPart = Schemas.StepStartPart

/**
 * The decoded type of {@link StepStartPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type StepStartPart = typeof StepStartPart.Type

/**
 * The end of a model step: finish `reason` (`"stop"`, `"tool-calls"`, …), `cost`, `tokens`.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const cost = (parts: ReadonlyArray<Part.Part>) =>
 *   parts.reduce((sum, p) => (p.type === "step-finish" ? sum + p.cost : sum), 0)
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const StepFinishPart = Schemas.StepFinishPart

/**
 * The decoded type of {@link StepFinishPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type StepFinishPart = typeof StepFinishPart.Type

/**
 * A git snapshot of the worktree.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const snapshots = (parts: ReadonlyArray<Part.Part>) => parts.flatMap((p) => (p.type === "snapshot" ? [p.snapshot] : []))
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const SnapshotPart = Schemas.SnapshotPart

/**
 * The decoded type of {@link SnapshotPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type SnapshotPart = typeof SnapshotPart.Type

/**
 * The files a step changed (`files`: absolute paths) and the snapshot `hash` after it.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const changed = (parts: ReadonlyArray<Part.Part>) => parts.flatMap((p) => (p.type === "patch" ? p.files : []))
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const PatchPart = Schemas.PatchPart

/**
 * The decoded type of {@link PatchPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type PatchPart = typeof PatchPart.Type

/**
 * An agent mention (`@build`) in a user message.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const agents = (parts: ReadonlyArray<Part.Part>) => parts.flatMap((p) => (p.type === "agent" ? [p.name] : []))
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const AgentPart = Schemas.AgentPart

/**
 * The decoded type of {@link AgentPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type AgentPart = typeof AgentPart.Type

/**
 * A subtask handed to another agent.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const subtasks = (parts: ReadonlyArray<Part.Part>) => parts.flatMap((p) => (p.type === "subtask" ? [p.description] : []))
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const SubtaskPart = Schemas.SubtaskPart

/**
 * The decoded type of {@link SubtaskPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type SubtaskPart = typeof SubtaskPart.Type

/**
 * A failed model call that is being retried (`attempt`, the provider's `error`).
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const retries = (parts: ReadonlyArray<Part.Part>) => parts.filter((p) => p.type === "retry").length
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const RetryPart = Schemas.RetryPart

/**
 * The decoded type of {@link RetryPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type RetryPart = typeof RetryPart.Type

/**
 * Marks the user message of a compaction (`POST /session/{id}/summarize`, or automatic).
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * const isCompaction = (parts: ReadonlyArray<Part.Part>) => parts.some((p) => p.type === "compaction")
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const CompactionPart = Schemas.CompactionPart

/**
 * The decoded type of {@link CompactionPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type CompactionPart = typeof CompactionPart.Type


/**
 * The `type`s of the parts this library knows.
 *
 * @example
 * ```ts
 * import { Part } from "effect-opencode"
 * Part.knownPartTypes.has("tool") // true
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const knownPartTypes: ReadonlySet<string> = knownTags(Schemas.Part.members, "type")

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
 *
 * @since 0.1.0
 * @category parts
 */
export const UnknownPart = lastOf(Schemas.Part.members)

/**
 * The decoded type of {@link UnknownPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type UnknownPart = typeof UnknownPart.Type

/**
 * Any part of a message, discriminated by `type`. A value that is not an object with a string
 * `type` fails to decode; a known `type` with a wrong shape fails too; an unknown `type` gives
 * {@link UnknownPart}.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Part } from "effect-opencode"
 * const decodePart = Schema.decodeUnknownExit(Part.Part)
 * ```
 *
 * @since 0.1.0
 * @category parts
 */
export const Part = Schemas.Part

/**
 * The decoded type of {@link Part}.
 *
 * @since 0.1.0
 * @category parts
 */
export type Part = typeof Part.Type

/**
 * The `type` of a part, with `"unknown"` for {@link UnknownPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type PartType = Part["type"]
