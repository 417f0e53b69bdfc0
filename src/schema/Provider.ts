/**
 * Providers and their models, the default model of each provider, and the ways to authenticate
 * with one (`GET /provider`, `GET /config/providers`, `GET /provider/auth`):
 *
 * - {@link Provider}: a provider and its `models` (`Model`: capabilities, limits, costs; `status`
 *   is `"alpha" | "beta" | "deprecated" | "active"`, `variants` are named option sets such as a
 *   reasoning effort). {@link ModelCapabilities}, {@link Modalities}, {@link ModelCost},
 *   {@link CacheCost} and {@link ModelLimit} name its parts.
 * - {@link ProviderList} (`GET /provider`) and {@link ConfiguredProviders} (`GET /config/providers`).
 * - `AuthMethod` (the document's `ProviderAuthMethod`): one way to authenticate, `oauth` (a
 *   browser flow) or `api` (a key); its index in the provider's list is the `method` number of the
 *   OAuth calls. It may ask {@link AuthPrompt}s first. {@link AuthMethods}: `GET /provider/auth`.
 * - `OAuthAuthorization` (the document's `ProviderAuthAuthorization`): the start of an OAuth
 *   flow: the `url` to open, and whether the code comes back by itself (`auto`) or must be pasted
 *   (`code`), with instructions.
 *
 * `Model`, `AuthMethod` and `OAuthAuthorization` are the generated schemas of `src/api/Schemas.ts`,
 * re-exported under the library's names; the others are parts of generated schemas.
 *
 * Gotcha: one hand-written change: a provider's `key` (the stored API key, when the server
 * reports one) is decoded as `Redacted`, so it never shows in logs or errors; read it with
 * `Redacted.value`. The generated `Schemas.Provider` has it as a plain string: answers decoded
 * with the generated table go through {@link redactKey}. Enumerations of answers are open.
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
/** The decoded type of {@link Modalities}. */
export type Modalities = typeof Modalities.Type

/**
 * What a model can do: sampling temperature, reasoning, attachments, tool calls, its input and
 * output modalities, and whether reasoning is interleaved (and in which field).
 */
export const ModelCapabilities = /* @__PURE__ */ lazy(() => Schemas.Model.fields.capabilities)
/** The decoded type of {@link ModelCapabilities}. */
export type ModelCapabilities = typeof ModelCapabilities.Type

/** Cache prices, per million tokens. */
export const CacheCost = /* @__PURE__ */ lazy(() => Schemas.Model.fields.cost.fields.cache)
/** The decoded type of {@link CacheCost}. */
export type CacheCost = typeof CacheCost.Type

/** A model's prices in USD per million tokens, with optional tiers by context size. */
export const ModelCost = /* @__PURE__ */ lazy(() => Schemas.Model.fields.cost)
/** The decoded type of {@link ModelCost}. */
export type ModelCost = typeof ModelCost.Type

/** A model's token limits: its context window, and the most it takes in and writes out. */
export const ModelLimit = /* @__PURE__ */ lazy(() => Schemas.Model.fields.limit)
/** The decoded type of {@link ModelLimit}. */
export type ModelLimit = typeof ModelLimit.Type

const ProviderKey = /* @__PURE__ */ lazy(() => Schema.optionalKey(Schema.RedactedFromValue(Schema.String, { label: "provider key" })))

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
 */
export const Provider = /* @__PURE__ */ lazy(() => Schemas.Provider.mapFields((fields) => ({ ...fields, key: ProviderKey })))

/** The decoded type of {@link Provider}. */
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
 */
export const ProviderList = /* @__PURE__ */ lazy(() => Op.providerList.success.schema.mapFields((fields) => ({ ...fields, all: Schema.Array(Provider) })))

/** The decoded type of {@link ProviderList}. */
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
 */
export const ConfiguredProviders = /* @__PURE__ */ lazy(() => Op.configProviders.success.schema.mapFields((fields) => ({ ...fields, providers: Schema.Array(Provider) })))

/** The decoded type of {@link ConfiguredProviders}. */
export type ConfiguredProviders = typeof ConfiguredProviders.Type

/** A question an auth method asks before it starts: free `text`, or a `select` among options. */
export const AuthPrompt = /* @__PURE__ */ lazy(() => Schemas.ProviderAuthMethod.fields.prompts.schema.value)
/** The decoded type of {@link AuthPrompt}. */
export type AuthPrompt = typeof AuthPrompt.Type

/** When a prompt is asked: only if an earlier answer (`key`) equals (`eq`) or differs from (`neq`) `value`. */
export const AuthPromptCondition = /* @__PURE__ */ lazy(() => AuthPrompt.members[0].fields.when.schema)
/** The decoded type of {@link AuthPromptCondition}. */
export type AuthPromptCondition = typeof AuthPromptCondition.Type

/** `GET /provider/auth`: the auth methods of each provider, by provider id. */
export const AuthMethods = Op.providerAuth.success.schema
/** The decoded type of {@link AuthMethods}. */
export type AuthMethods = typeof AuthMethods.Type

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
 */
export const redactKey = (provider: Schemas.Provider): Provider => {
  const { key, ...rest } = provider
  return key === undefined ? rest : { ...rest, key: Redacted.make(key, { label: "provider key" }) }
}
