/**
 * Providers and their models (`GET /provider`, `GET /config/providers`) and the ways to
 * authenticate with one (`GET /provider/auth`). `Model` (capabilities, limits, costs; `variants`
 * are named option sets such as a reasoning effort), `AuthMethod` (`oauth` or `api`; its index in
 * the provider's list is the `method` number of the OAuth calls) and `OAuthAuthorization` (the
 * `url` to open; `auto` or pasted `code`) are the generated schemas under the library's names.
 *
 * Gotcha: a provider's `key` (its stored API key, when reported) decodes as `Redacted`, so it
 * never shows in logs or errors; the generated `Schemas.Provider` has a plain string, which
 * {@link redactKey} converts. Enumerations of answers are open.
 *
 * @example
 * ```ts
 * import { Redacted, Schema } from "effect"
 * import { Provider } from "effect-opencode"
 * const provider = Schema.decodeUnknownSync(Provider.Provider)({
 *   id: "openai", name: "OpenAI", source: "env", env: [], key: "sk-…", options: {}, models: {}
 * })
 * const key = provider.key === undefined ? undefined : Redacted.value(provider.key)
 * const window = (model: Provider.Model) => model.limit.context
 * ```
 */
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Op from "../api/Operations.ts"
import * as Schemas from "../api/Schemas.ts"
import { lazy } from "../internal/lazy.ts"

export { Model, ProviderAuthAuthorization as OAuthAuthorization, ProviderAuthMethod as AuthMethod } from "../api/Schemas.ts"

/** What a model takes in or gives out (`text`, `audio`, `image`, `video`, `pdf`). */
export const Modalities = /* @__PURE__ */ lazy(() => Schemas.Model.fields.capabilities.fields.input)
export type Modalities = typeof Modalities.Type

/** What a model can do: temperature, reasoning (interleaved, in which field), attachments, tool calls, modalities. */
export const ModelCapabilities = /* @__PURE__ */ lazy(() => Schemas.Model.fields.capabilities)
export type ModelCapabilities = typeof ModelCapabilities.Type

/** Cache prices, per million tokens. */
export const CacheCost = /* @__PURE__ */ lazy(() => Schemas.Model.fields.cost.fields.cache)
export type CacheCost = typeof CacheCost.Type

/** A model's prices in USD per million tokens, optionally tiered by context size. */
export const ModelCost = /* @__PURE__ */ lazy(() => Schemas.Model.fields.cost)
export type ModelCost = typeof ModelCost.Type

/** A model's token limits: context window, most input, most output. */
export const ModelLimit = /* @__PURE__ */ lazy(() => Schemas.Model.fields.limit)
export type ModelLimit = typeof ModelLimit.Type

const ProviderKey = /* @__PURE__ */ lazy(() => Schema.optionalKey(Schema.RedactedFromValue(Schema.String, { label: "provider key" })))

/** A provider and its models; `key` decoded as `Redacted` (the only change from the generated schema). */
export const Provider = /* @__PURE__ */ lazy(() => Schemas.Provider.mapFields((fields) => ({ ...fields, key: ProviderKey })))

export type Provider = typeof Provider.Type

/** `GET /provider`: all providers (`all`), each one's default model id (`default`), the usable ones' ids (`connected`). */
export const ProviderList = /* @__PURE__ */ lazy(() => Op.providerList.success.schema.mapFields((fields) => ({ ...fields, all: Schema.Array(Provider) })))

export type ProviderList = typeof ProviderList.Type

/** `GET /config/providers`: the configured providers and each one's default model id. */
export const ConfiguredProviders = /* @__PURE__ */ lazy(() => Op.configProviders.success.schema.mapFields((fields) => ({ ...fields, providers: Schema.Array(Provider) })))

export type ConfiguredProviders = typeof ConfiguredProviders.Type

/** A question an auth method asks before it starts: free `text`, or a `select` among options. */
export const AuthPrompt = /* @__PURE__ */ lazy(() => Schemas.ProviderAuthMethod.fields.prompts.schema.value)
export type AuthPrompt = typeof AuthPrompt.Type

/** When a prompt is asked: only if an earlier answer (`key`) equals (`eq`) or differs from (`neq`) `value`. */
export const AuthPromptCondition = /* @__PURE__ */ lazy(() => AuthPrompt.members[0].fields.when.schema)
export type AuthPromptCondition = typeof AuthPromptCondition.Type

/** `GET /provider/auth`: the auth methods of each provider, by provider id. */
export const AuthMethods = Op.providerAuth.success.schema
export type AuthMethods = typeof AuthMethods.Type

/** The generated `Provider` with its `key` `Redacted`, as `ProviderService` applies to generated answers. */
export const redactKey = (provider: Schemas.Provider): Provider => {
  const { key, ...rest } = provider
  return key === undefined ? rest : { ...rest, key: Redacted.make(key, { label: "provider key" }) }
}
