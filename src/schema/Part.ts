/**
 * The parts of a message: text, reasoning, files, tool calls, step markers, snapshots, patches,
 * agents, subtasks, retries and compactions — discriminated by `type`.
 *
 * A part whose `type` this library does not know (from a newer server) decodes to
 * {@link UnknownPart} `{ type: "unknown", originalType, raw }` instead of failing; so does a tool
 * state with an unknown `status` ({@link UnknownToolState}).
 *
 * @since 0.1.0
 */
import { Schema, SchemaTransformation } from "effect"
import { MessageID, PartID, SessionID } from "./Ids.ts"
import { JsonObject, literalsOf, unknownByType, unrecognised } from "./internal.ts"
import { APIError } from "./ServerError.ts"
import { Tokens } from "./Session.ts"

const base = {
  id: PartID,
  sessionID: SessionID,
  messageID: MessageID
}

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
export const TextPart = Schema.Struct({
  ...base,
  type: Schema.Literal("text"),
  text: Schema.String,
  synthetic: Schema.optional(Schema.Boolean),
  ignored: Schema.optional(Schema.Boolean),
  time: Schema.optional(Schema.Struct({ start: Schema.Number, end: Schema.optional(Schema.Number) })),
  metadata: Schema.optional(JsonObject)
})

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
export const ReasoningPart = Schema.Struct({
  ...base,
  type: Schema.Literal("reasoning"),
  text: Schema.String,
  metadata: Schema.optional(JsonObject),
  time: Schema.Struct({ start: Schema.Number, end: Schema.optional(Schema.Number) })
})

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
export const FilePartSourceText = Schema.Struct({
  value: Schema.String,
  start: Schema.Number,
  end: Schema.Number
})

/**
 * The decoded type of {@link FilePartSourceText}.
 *
 * @since 0.1.0
 * @category parts
 */
export type FilePartSourceText = typeof FilePartSourceText.Type

const Position = Schema.Struct({ line: Schema.Number, character: Schema.Number })

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
export const FilePartSource = Schema.Union([
  Schema.Struct({
    text: FilePartSourceText,
    type: Schema.Literal("file"),
    path: Schema.String
  }),
  Schema.Struct({
    text: FilePartSourceText,
    type: Schema.Literal("symbol"),
    path: Schema.String,
    range: Schema.Struct({ start: Position, end: Position }),
    name: Schema.String,
    kind: Schema.Number
  }),
  Schema.Struct({
    text: FilePartSourceText,
    type: Schema.Literal("resource"),
    clientName: Schema.String,
    uri: Schema.String
  })
])

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
export const FilePart = Schema.Struct({
  ...base,
  type: Schema.Literal("file"),
  mime: Schema.String,
  filename: Schema.optional(Schema.String),
  url: Schema.String,
  source: Schema.optional(FilePartSource)
})

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
export const ToolStatePending = Schema.Struct({
  status: Schema.Literal("pending"),
  input: JsonObject,
  raw: Schema.String
})

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
export const ToolStateRunning = Schema.Struct({
  status: Schema.Literal("running"),
  input: JsonObject,
  title: Schema.optional(Schema.String),
  metadata: Schema.optional(JsonObject),
  time: Schema.Struct({ start: Schema.Number })
})

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
export const ToolStateCompleted = Schema.Struct({
  status: Schema.Literal("completed"),
  input: JsonObject,
  output: Schema.String,
  title: Schema.String,
  metadata: JsonObject,
  time: Schema.Struct({
    start: Schema.Number,
    end: Schema.Number,
    compacted: Schema.optional(Schema.Number)
  }),
  attachments: Schema.optional(Schema.Array(FilePart))
})

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
export const ToolStateError = Schema.Struct({
  status: Schema.Literal("error"),
  input: JsonObject,
  error: Schema.String,
  metadata: Schema.optional(JsonObject),
  time: Schema.Struct({ start: Schema.Number, end: Schema.Number })
})

/**
 * The decoded type of {@link ToolStateError}.
 *
 * @since 0.1.0
 * @category tool states
 */
export type ToolStateError = typeof ToolStateError.Type

const knownToolStatuses = literalsOf("status", [
  ToolStatePending,
  ToolStateRunning,
  ToolStateCompleted,
  ToolStateError
])

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
export const UnknownToolState = unrecognised("status", knownToolStatuses, "a tool state (an object with a string \"status\")")
  .pipe(
    Schema.decodeTo(
      Schema.Struct({
        status: Schema.Literal("unknown"),
        originalStatus: Schema.String,
        raw: Schema.Unknown
      }),
      SchemaTransformation.transform({
        decode: (raw) => ({ status: "unknown" as const, originalStatus: raw.status, raw: raw as unknown }),
        encode: (value) => value.raw as { readonly status: string }
      })
    )
  )

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
export const ToolState = Schema.Union([
  ToolStatePending,
  ToolStateRunning,
  ToolStateCompleted,
  ToolStateError,
  UnknownToolState
])

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
export const ToolPart = Schema.Struct({
  ...base,
  type: Schema.Literal("tool"),
  callID: Schema.String,
  tool: Schema.String,
  state: ToolState,
  metadata: Schema.optional(JsonObject)
})

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
export const StepStartPart = Schema.Struct({
  ...base,
  type: Schema.Literal("step-start"),
  snapshot: Schema.optional(Schema.String)
})

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
export const StepFinishPart = Schema.Struct({
  ...base,
  type: Schema.Literal("step-finish"),
  reason: Schema.String,
  snapshot: Schema.optional(Schema.String),
  cost: Schema.Number,
  tokens: Tokens
})

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
export const SnapshotPart = Schema.Struct({
  ...base,
  type: Schema.Literal("snapshot"),
  snapshot: Schema.String
})

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
export const PatchPart = Schema.Struct({
  ...base,
  type: Schema.Literal("patch"),
  hash: Schema.String,
  files: Schema.Array(Schema.String)
})

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
export const AgentPart = Schema.Struct({
  ...base,
  type: Schema.Literal("agent"),
  name: Schema.String,
  source: Schema.optional(Schema.Struct({ value: Schema.String, start: Schema.Number, end: Schema.Number }))
})

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
export const SubtaskPart = Schema.Struct({
  ...base,
  type: Schema.Literal("subtask"),
  prompt: Schema.String,
  description: Schema.String,
  agent: Schema.String,
  model: Schema.optional(Schema.Struct({ providerID: Schema.String, modelID: Schema.String })),
  command: Schema.optional(Schema.String)
})

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
export const RetryPart = Schema.Struct({
  ...base,
  type: Schema.Literal("retry"),
  attempt: Schema.Number,
  error: APIError,
  time: Schema.Struct({ created: Schema.Number })
})

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
export const CompactionPart = Schema.Struct({
  ...base,
  type: Schema.Literal("compaction"),
  auto: Schema.Boolean,
  overflow: Schema.optional(Schema.Boolean),
  tail_start_id: Schema.optional(MessageID)
})

/**
 * The decoded type of {@link CompactionPart}.
 *
 * @since 0.1.0
 * @category parts
 */
export type CompactionPart = typeof CompactionPart.Type

const knownMembers = [
  TextPart,
  SubtaskPart,
  ReasoningPart,
  FilePart,
  ToolPart,
  StepStartPart,
  StepFinishPart,
  SnapshotPart,
  PatchPart,
  AgentPart,
  RetryPart,
  CompactionPart
] as const

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
export const knownPartTypes: ReadonlySet<string> = literalsOf("type", knownMembers)

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
export const UnknownPart = unknownByType(knownPartTypes, "a message part")

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
export const Part = Schema.Union([...knownMembers, UnknownPart])

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
