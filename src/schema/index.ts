/**
 * The API description of opencode 1.18.33 as Effect schemas, one namespace per module. Modules
 * whose plain name is also an `effect` module carry a `Schema` suffix (`ConfigSchema`,
 * `EventSchema`, `FileSchema`), so importing them never shadows `Config` from `effect`.
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
