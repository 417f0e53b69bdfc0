/**
 * The API description of the OpenCode server (opencode 1.18.33): ids, sessions, messages, parts,
 * events, errors and prompt bodies, as Effect schemas. Each module is a namespace. The modules
 * whose plain name is also a module of `effect` are exported with a `Schema` suffix
 * (`ConfigSchema`, `EventSchema`, `FileSchema`), so that importing them never shadows `Config`
 * from `effect`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { EventSchema, Ids, Part } from "effect-opencode"
 * const decodePart = Schema.decodeUnknownExit(Part.Part)
 * const id = Ids.newMessageID()
 * ```
 */

export * as EventSchema from "./Event.ts"
export * as Ids from "./Ids.ts"
export * as Message from "./Message.ts"
export * as Part from "./Part.ts"
export * as Permission from "./Permission.ts"
export * as PromptInput from "./PromptInput.ts"
export * as Question from "./Question.ts"
export * as ServerError from "./ServerError.ts"
export * as Session from "./Session.ts"
export * as Agent from "./Agent.ts"
export * as ConfigSchema from "./Config.ts"
export * as FileSchema from "./File.ts"
export * as Mcp from "./Mcp.ts"
export * as Project from "./Project.ts"
export * as Provider from "./Provider.ts"
export * as ServerInfo from "./ServerInfo.ts"
