/**
 * Providers and their models (capabilities, limits, costs), the default model of each provider,
 * and the ways to authenticate with one (`GET /provider`, `GET /config/providers`,
 * `GET /provider/auth`, `PUT /auth/{providerID}`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals, OpenRecord, StringRecord, opt } from "../internal/lenient.ts"

/**
 * What a model takes in or gives out.
 *
 * @example
 * ```ts
 * import { Provider } from "effect-opencode"
 * const m: Provider.Modalities = { text: true, image: true }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Modalities = Schema.Struct({
  text: opt(Schema.Boolean),
  audio: opt(Schema.Boolean),
  image: opt(Schema.Boolean),
  video: opt(Schema.Boolean),
  pdf: opt(Schema.Boolean)
})

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
 * import { Provider } from "effect-opencode"
 * const c: Provider.ModelCapabilities = { toolcall: true, reasoning: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelCapabilities = Schema.Struct({
  temperature: opt(Schema.Boolean),
  reasoning: opt(Schema.Boolean),
  attachment: opt(Schema.Boolean),
  toolcall: opt(Schema.Boolean),
  input: opt(Modalities),
  output: opt(Modalities),
  interleaved: opt(Schema.Union([Schema.Boolean, Schema.Struct({ field: Schema.String })]))
})

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
 * import { Provider } from "effect-opencode"
 * const c: Provider.CacheCost = { read: 0.03, write: 0 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const CacheCost = Schema.Struct({
  read: Schema.Number,
  write: Schema.Number
})

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
 * import { Provider } from "effect-opencode"
 * const cost: Provider.ModelCost = { input: 3, output: 15, cache: { read: 0.3, write: 3.75 } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelCost = Schema.Struct({
  input: Schema.Number,
  output: Schema.Number,
  cache: opt(CacheCost),
  tiers: opt(Schema.Array(Schema.Struct({
    input: Schema.Number,
    output: Schema.Number,
    cache: opt(CacheCost),
    tier: opt(Schema.Struct({ type: Schema.String, size: Schema.Number }))
  }))),
  experimentalOver200K: opt(Schema.Struct({
    input: Schema.Number,
    output: Schema.Number,
    cache: opt(CacheCost)
  }))
})

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
 * import { Provider } from "effect-opencode"
 * const limit: Provider.ModelLimit = { context: 200_000, output: 64_000 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ModelLimit = Schema.Struct({
  context: Schema.Number,
  input: opt(Schema.Number),
  output: Schema.Number
})

/**
 * The decoded type of {@link ModelLimit}.
 *
 * @since 0.1.0
 * @category models
 */
export type ModelLimit = typeof ModelLimit.Type

/**
 * A model of a provider. `status` is `"alpha" | "beta" | "deprecated" | "active"` (or a newer
 * value); `variants` are named option sets (e.g. reasoning effort).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Provider } from "effect-opencode"
 * const model = Schema.decodeUnknownSync(Provider.Model)({
 *   id: "echo", providerID: "local", name: "Echo",
 *   cost: { input: 0, output: 0 }, limit: { context: 8192, output: 4096 }
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Model = Schema.Struct({
  id: Schema.String,
  providerID: Schema.String,
  name: Schema.String,
  family: opt(Schema.String),
  api: opt(Schema.Struct({
    id: opt(Schema.String),
    url: opt(Schema.String),
    npm: opt(Schema.String)
  })),
  capabilities: opt(ModelCapabilities),
  cost: opt(ModelCost),
  limit: opt(ModelLimit),
  status: opt(openLiterals(["alpha", "beta", "deprecated", "active"])),
  options: opt(OpenRecord),
  headers: opt(StringRecord),
  release_date: opt(Schema.String),
  variants: opt(Schema.Record(Schema.String, OpenRecord))
})

/**
 * The decoded type of {@link Model}.
 *
 * @since 0.1.0
 * @category models
 */
export type Model = typeof Model.Type

/**
 * A provider and its models. `key` is the stored API key when the server reports one: it is
 * decoded as a `Redacted` value, so it never shows in logs or errors (read it with
 * `Redacted.value`).
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
export const Provider = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  source: opt(openLiterals(["env", "config", "custom", "api"])),
  env: opt(Schema.Array(Schema.String)),
  key: opt(Schema.RedactedFromValue(Schema.String, { label: "provider key" })),
  options: opt(OpenRecord),
  models: Schema.Record(Schema.String, Model)
})

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
export const ProviderList = Schema.Struct({
  all: Schema.Array(Provider),
  default: StringRecord,
  connected: Schema.Array(Schema.String)
})

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
export const ConfiguredProviders = Schema.Struct({
  providers: Schema.Array(Provider),
  default: StringRecord
})

/**
 * The decoded type of {@link ConfiguredProviders}.
 *
 * @since 0.1.0
 * @category models
 */
export type ConfiguredProviders = typeof ConfiguredProviders.Type

/**
 * A condition on an earlier prompt's answer: show this prompt only when `key` `op` `value`.
 *
 * @example
 * ```ts
 * import { Provider } from "effect-opencode"
 * const when: Provider.AuthPromptCondition = { key: "deploymentType", op: "eq", value: "enterprise" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthPromptCondition = Schema.Struct({
  key: Schema.String,
  op: openLiterals(["eq", "neq"]),
  value: Schema.String
})

/**
 * The decoded type of {@link AuthPromptCondition}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthPromptCondition = typeof AuthPromptCondition.Type

/**
 * A question an auth method asks before it starts: free `text`, or a `select` among options.
 *
 * @example
 * ```ts
 * import { Provider } from "effect-opencode"
 * const p: Provider.AuthPrompt = { type: "text", key: "instanceUrl", message: "GitLab instance URL" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthPrompt = Schema.Struct({
  type: openLiterals(["text", "select"]),
  key: Schema.String,
  message: Schema.String,
  placeholder: opt(Schema.String),
  options: opt(Schema.Array(Schema.Struct({
    label: Schema.String,
    value: Schema.String,
    hint: opt(Schema.String)
  }))),
  when: opt(AuthPromptCondition)
})

/**
 * The decoded type of {@link AuthPrompt}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthPrompt = typeof AuthPrompt.Type

/**
 * One way to authenticate with a provider: `oauth` (a browser flow) or `api` (a key). Its index
 * in the provider's list is the `method` number of the OAuth calls.
 *
 * @example
 * ```ts
 * import { Provider } from "effect-opencode"
 * const m: Provider.AuthMethod = { type: "api", label: "Manually enter API Key" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const AuthMethod = Schema.Struct({
  type: openLiterals(["oauth", "api"]),
  label: Schema.String,
  prompts: opt(Schema.Array(AuthPrompt))
})

/**
 * The decoded type of {@link AuthMethod}.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthMethod = typeof AuthMethod.Type

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
export const AuthMethods = Schema.Record(Schema.String, Schema.Array(AuthMethod))

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
 * import { Provider } from "effect-opencode"
 * const a: Provider.OAuthAuthorization = { url: "https://…", method: "code", instructions: "Paste the code" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const OAuthAuthorization = Schema.Struct({
  url: Schema.String,
  method: openLiterals(["auto", "code"]),
  instructions: Schema.String
})

/**
 * The decoded type of {@link OAuthAuthorization}.
 *
 * @since 0.1.0
 * @category models
 */
export type OAuthAuthorization = typeof OAuthAuthorization.Type
