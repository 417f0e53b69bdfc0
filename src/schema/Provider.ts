/**
 * Providers and their models (capabilities, limits, costs), the default model of each provider,
 * and the ways to authenticate with one (`GET /provider`, `GET /config/providers`,
 * `GET /provider/auth`): the generated schemas of `src/api/Schemas.ts` under the library's
 * names, with one hand-written change: a provider's `key` is decoded as `Redacted`.
 *
 * @since 0.1.0
 */
import { Redacted, Schema } from "effect"
import { operations } from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"

/**
 * What a model takes in or gives out.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const m: Provider.Modalities = { text: true, audio: false, image: true, video: false, pdf: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Modalities = Schemas.Model.fields.capabilities.fields.input

/**
 * The decoded type of {@link Modalities}.
 *
 * @since 0.1.0
 * @category models
 */
export type Modalities = typeof Modalities.Type

/**
 * What a model can do: sampling temperature, reasoning, attachments, tool calls, its input and
 * output modalities, and whether reasoning is interleaved (and in which field).
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const can = (c: Provider.ModelCapabilities) => c.toolcall && c.input.image
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelCapabilities = Schemas.Model.fields.capabilities

/**
 * The decoded type of {@link ModelCapabilities}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelCapabilities = typeof ModelCapabilities.Type

/**
 * Cache prices, per million tokens.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const cache: Provider.CacheCost = { read: 0.3, write: 3.75 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const CacheCost = Schemas.Model.fields.cost.fields.cache

/**
 * The decoded type of {@link CacheCost}.
 *
 * @since 0.1.0
 * @category models
 */
export type CacheCost = typeof CacheCost.Type

/**
 * A model's prices in USD per million tokens, with optional tiers by context size.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const cost: Provider.ModelCost = { input: 3, output: 15, cache: { read: 0.3, write: 3.75 } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelCost = Schemas.Model.fields.cost

/**
 * The decoded type of {@link ModelCost}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelCost = typeof ModelCost.Type

/**
 * A model's token limits: its context window, and the most it takes in and writes out.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const limit: Provider.ModelLimit = { context: 200_000, output: 64_000 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelLimit = Schemas.Model.fields.limit

/**
 * The decoded type of {@link ModelLimit}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelLimit = typeof ModelLimit.Type

/**
 * A model of a provider. `status` is `"alpha" | "beta" | "deprecated" | "active"`; `variants`
 * are named option sets (e.g. reasoning effort).
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const window = (model: Provider.Model) => model.limit.context
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Model = Schemas.Model

/**
 * The decoded type of {@link Model}.
 *
 * @since 0.1.0
 * @category models
 */
export type Model = Schemas.Model

const ProviderKey = Schema.optionalKey(Schema.RedactedFromValue(Schema.String, { label: "provider key" }))

/**
 * A provider and its models. `key` is the stored API key when the server reports one: it is
 * decoded as a `Redacted` value, so it never shows in logs or errors (read it with
 * `Redacted.value`). The generated schema has it as a plain string; this one differs only there.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Provider } from "effect-opencode"
 * const provider = Schema.decodeUnknownSync(Provider.Provider)({
 *   id: "local", name: "Local", source: "config", env: [], options: {}, models: {}
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Provider = Schemas.Provider.mapFields((fields) => ({ ...fields, key: ProviderKey }))

/**
 * The decoded type of {@link Provider}.
 *
 * @since 0.1.0
 * @category models
 */
export type Provider = typeof Provider.Type

/**
 * `GET /provider`: every provider the server knows (`all`), the default model id of each
 * (`default`, by provider id), and the ids of the providers that can be used (`connected`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Provider } from "effect-opencode"
 * const list = Schema.decodeUnknownSync(Provider.ProviderList)({ all: [], default: {}, connected: [] })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProviderList = operations["provider.list"].success.schema.mapFields((fields) => ({ ...fields, all: Schema.Array(Provider) }))

/**
 * The decoded type of {@link ProviderList}.
 *
 * @since 0.1.0
 * @category models
 */
export type ProviderList = typeof ProviderList.Type

/**
 * `GET /config/providers`: the configured providers and the default model id of each.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Provider } from "effect-opencode"
 * Schema.decodeUnknownSync(Provider.ConfiguredProviders)({ providers: [], default: {} })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ConfiguredProviders = operations["config.providers"].success.schema.mapFields((fields) => ({ ...fields, providers: Schema.Array(Provider) }))

/**
 * The decoded type of {@link ConfiguredProviders}.
 *
 * @since 0.1.0
 * @category models
 */
export type ConfiguredProviders = typeof ConfiguredProviders.Type

/**
 * A question an auth method asks before it starts: free `text`, or a `select` among options.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const p: Provider.AuthPrompt = { type: "text", key: "instanceUrl", message: "GitLab instance URL" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthPrompt = Schemas.ProviderAuthMethod.fields.prompts.schema.value

/**
 * The decoded type of {@link AuthPrompt}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthPrompt = typeof AuthPrompt.Type

/**
 * When a prompt is asked: only if an earlier answer (`key`) equals (`eq`) or differs from
 * (`neq`) `value`.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const when: Provider.AuthPromptCondition = { key: "deploymentType", op: "eq", value: "enterprise" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthPromptCondition = AuthPrompt.members[0].fields.when.schema

/**
 * The decoded type of {@link AuthPromptCondition}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthPromptCondition = typeof AuthPromptCondition.Type

/**
 * One way to authenticate with a provider: `oauth` (a browser flow) or `api` (a key). Its index
 * in the provider's list is the `method` number of the OAuth calls.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const m: Provider.AuthMethod = { type: "api", label: "Manually enter API Key" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthMethod = Schemas.ProviderAuthMethod

/**
 * The decoded type of {@link AuthMethod}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthMethod = Schemas.ProviderAuthMethod

/**
 * `GET /provider/auth`: the auth methods of each provider, by provider id.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Provider } from "effect-opencode"
 * Schema.decodeUnknownSync(Provider.AuthMethods)({ openai: [{ type: "api", label: "API key" }] })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthMethods = operations["provider.auth"].success.schema

/**
 * The decoded type of {@link AuthMethods}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthMethods = typeof AuthMethods.Type

/**
 * The start of an OAuth flow: the `url` to open, and whether the code comes back by itself
 * (`auto`) or must be pasted (`code`), with instructions.
 *
 * @example
 * ```ts
 * import type { Provider } from "effect-opencode"
 * const a: Provider.OAuthAuthorization = { url: "https://…", method: "code", instructions: "Paste the code" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const OAuthAuthorization = Schemas.ProviderAuthAuthorization

/**
 * The decoded type of {@link OAuthAuthorization}.
 *
 * @since 0.1.0
 * @category models
 */
export type OAuthAuthorization = Schemas.ProviderAuthAuthorization

/**
 * Turns the plain `key` of a generated `Provider` into the `Redacted` one of {@link Provider}:
 * what `ProviderService` applies to the answers the generated table decodes.
 *
 * @example
 * ```ts
 * import { Provider } from "effect-opencode"
 * const p = Provider.redactKey({ id: "openai", name: "OpenAI", source: "env", env: [], key: "sk-…", options: {}, models: {} })
 * // p.key is Redacted: it prints as <redacted>
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const redactKey = (provider: Schemas.Provider): Provider => {
  const { key, ...rest } = provider
  return key === undefined ? rest : { ...rest, key: Redacted.make(key, { label: "provider key" }) }
}
