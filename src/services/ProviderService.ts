/**
 * Providers and models: what the server can use, the default model of each provider, how to
 * authenticate, and the credentials it stores (API keys are `Redacted` and never appear in
 * errors or logs).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type * as Schemas from "../api/Schemas.ts"
import { ApiError, DecodeError, type RequestError, ValidationError } from "../Errors.ts"
import { requireName } from "../internal/names.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import * as P from "../schema/Provider.ts"

/**
 * Credentials for {@link Service.setCredentials}: an API key (with optional metadata), OAuth
 * tokens, or a well-known token. Every secret is `Redacted`.
 */
export type Credentials =
  | {
    readonly type: "api"
    readonly key: Redacted.Redacted<string>
    readonly metadata?: Readonly<Record<string, string>> | undefined
  }
  | {
    readonly type: "oauth"
    readonly refresh: Redacted.Redacted<string>
    readonly access: Redacted.Redacted<string>
    /** Expiry of `access`, epoch ms. */
    readonly expires: number
    readonly accountId?: string | undefined
    readonly enterpriseUrl?: string | undefined
  }
  | {
    readonly type: "wellknown"
    readonly key: string
    readonly token: Redacted.Redacted<string>
  }

/** Options of the calls that change credentials. */
export interface AuthOptions {
  /**
   * Dispose the directory's instance afterwards (`POST /instance/dispose`), so the next
   * {@link Service.list} sees the change. Default `false`.
   */
  readonly reload?: boolean | undefined
  /** Overrides the client's directory for the reload. */
  readonly directory?: string | undefined
}

/** A model with its provider, as {@link Service.model} finds it. */
export interface ModelInfo {
  readonly provider: P.Provider
  readonly model: P.Model
}

/** The provider operations. */
export interface Service {
  /**
   * Every provider the server knows (`all`), the default model of each, and the ids of those that
   * can be used now (`connected`: configured or with credentials).
   */
  readonly list: (options?: { readonly directory?: string | undefined }) => Effect.Effect<P.ProviderList, RequestError>
  /** The providers that are configured and usable, and their default models. */
  readonly configured: (
    options?: { readonly directory?: string | undefined }
  ) => Effect.Effect<P.ConfiguredProviders, RequestError>
  /**
   * Looks a model up among the configured providers (its limits, costs and capabilities).
   * Fails with an `ApiError` 404 when there is no such model.
   */
  readonly model: (providerID: string, modelID: string) => Effect.Effect<ModelInfo, RequestError>
  /**
   * The ways to authenticate with each provider, by provider id (the index of a method is its
   * `method` number in {@link Service.oauthAuthorize}).
   */
  readonly authMethods: () => Effect.Effect<P.AuthMethods, RequestError>
  /**
   * Stores an API key for a provider. The key stays `Redacted`: it is unwrapped only into the
   * request body, and scrubbed from any error. The server reads credentials when a directory's
   * instance starts: {@link Service.list} shows the change after a reload (`reload: true`
   * disposes the instance, as `ServerInfoService.dispose` does).
   */
  readonly setAuth: (
    providerID: string,
    apiKey: Redacted.Redacted<string>,
    options?: AuthOptions
  ) => Effect.Effect<void, RequestError>
  /** Stores credentials of any kind (API key with metadata, OAuth tokens, well-known token). */
  readonly setCredentials: (
    providerID: string,
    credentials: Credentials,
    options?: AuthOptions
  ) => Effect.Effect<void, RequestError>
  /**
   * Removes the stored credentials of a provider (seen by {@link Service.list} after a reload,
   * as with {@link Service.setAuth}).
   */
  readonly removeAuth: (providerID: string, options?: AuthOptions) => Effect.Effect<void, RequestError>
  /**
   * Starts a provider's OAuth flow with the method at index `method` of its auth methods: open
   * the returned `url`; with `method: "code"` pass the code to {@link Service.oauthCallback}.
   */
  readonly oauthAuthorize: (
    providerID: string,
    options: { readonly method: number; readonly inputs?: Readonly<Record<string, string>> | undefined }
  ) => Effect.Effect<P.OAuthAuthorization, RequestError>
  /** Completes a provider's OAuth flow (with the pasted `code` for `method: "code"`). */
  readonly oauthCallback: (
    providerID: string,
    options: { readonly method: number; readonly code?: Redacted.Redacted<string> | undefined }
  ) => Effect.Effect<void, RequestError>
}

/**
 * The provider service.
 *
 * @example
 * ```ts
 * import { Config, Effect, Layer } from "effect"
 * import { OpencodeClient, ProviderService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const providers = yield* ProviderService.ProviderService
 *   yield* providers.setAuth("anthropic", yield* Config.Redacted("ANTHROPIC_API_KEY"), { reload: true })
 *   const { connected, default: defaults } = yield* providers.list()
 *   const { model } = yield* providers.model("anthropic", defaults["anthropic"] ?? "")
 *   return { connected, context: model.limit.context }
 * }).pipe(Effect.provide(ProviderService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))))
 * ```
 */
export class ProviderService extends Context.Service<ProviderService, Service>()("effect-opencode/ProviderService") {}

const redactedText = "<redacted>"

const scrubValue = (value: unknown, secrets: ReadonlyArray<string>): unknown => {
  if (secrets.length === 0 || value === undefined) return value
  try {
    let json = JSON.stringify(value)
    if (json === undefined) return value
    for (const s of secrets) json = json.split(JSON.stringify(s).slice(1, -1)).join(redactedText)
    return JSON.parse(json)
  } catch {
    return redactedText
  }
}

const scrubText = (text: string, secrets: ReadonlyArray<string>): string => {
  let out = text
  for (const s of secrets) out = out.split(s).join(redactedText)
  return out
}

/**
 * Replaces every occurrence of the given secrets in an error's text and data by `<redacted>`
 * (the server may echo a request body in its error message).
 */
export const scrubError = (error: RequestError, secrets: ReadonlyArray<string>): RequestError => {
  const live = secrets.filter((s) => s.length > 0)
  if (live.length === 0) return error
  switch (error._tag) {
    case "ApiError":
      return new ApiError({
        status: error.status,
        ...(error.name !== undefined ? { name: scrubText(error.name, live) } : {}),
        message: scrubText(error.message, live),
        ...(error.data !== undefined ? { data: scrubValue(error.data, live) } : {}),
        method: error.method,
        path: error.path
      })
    case "DecodeError":
      return new DecodeError({
        endpoint: error.endpoint,
        issue: scrubText(error.issue, live),
        body: scrubText(error.body, live)
      })
    case "ValidationError":
      return new ValidationError({ field: error.field, message: scrubText(error.message, live) })
    default:
      return error
  }
}

const secretsOf = (credentials: Credentials): ReadonlyArray<string> => {
  switch (credentials.type) {
    case "api":
      return [Redacted.value(credentials.key)]
    case "oauth":
      return [Redacted.value(credentials.refresh), Redacted.value(credentials.access)]
    case "wellknown":
      return [Redacted.value(credentials.token)]
  }
}

const bodyOf = (credentials: Credentials): Schemas.Auth => {
  switch (credentials.type) {
    case "api":
      return {
        type: "api",
        key: Redacted.value(credentials.key),
        ...(credentials.metadata !== undefined ? { metadata: credentials.metadata } : {})
      }
    case "oauth":
      return {
        type: "oauth",
        refresh: Redacted.value(credentials.refresh),
        access: Redacted.value(credentials.access),
        expires: credentials.expires,
        ...(credentials.accountId !== undefined ? { accountId: credentials.accountId } : {}),
        ...(credentials.enterpriseUrl !== undefined ? { enterpriseUrl: credentials.enterpriseUrl } : {})
      }
    case "wellknown":
      return { type: "wellknown", key: credentials.key, token: Redacted.value(credentials.token) }
  }
}

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const call = callWith(yield* OpencodeClient)

  const list: Service["list"] = (options = {}) =>
    Effect.map(call(Op.providerList, { directory: options.directory }), (l) => ({ ...l, all: l.all.map(P.redactKey) }))

  const configured: Service["configured"] = (options = {}) =>
    Effect.map(
      call(Op.configProviders, { directory: options.directory }),
      (c) => ({ ...c, providers: c.providers.map(P.redactKey) })
    )

  const model: Service["model"] = (providerID, modelID) =>
    Effect.gen(function*() {
      yield* requireName("providerID", providerID)
      const { providers } = yield* configured()
      const provider = providers.find((p) => p.id === providerID)
      const found = provider?.models[modelID]
      if (provider === undefined || found === undefined) {
        return yield* new ApiError({
          status: 404,
          name: "ModelNotFound",
          message: provider === undefined
            ? `provider ${providerID} is not configured`
            : `provider ${providerID} has no model ${modelID}`,
          method: "GET",
          path: "/config/providers"
        })
      }
      return { provider, model: found }
    })

  const authMethods: Service["authMethods"] = () => call(Op.providerAuth)

  const reload = (options: AuthOptions) =>
    options.reload === true
      ? Effect.asVoid(call(Op.instanceDispose, { idempotent: true, directory: options.directory }))
      : Effect.void

  const setCredentials: Service["setCredentials"] = (providerID, credentials, options = {}) =>
    Effect.gen(function*() {
      const secrets = secretsOf(credentials)
      yield* call(Op.authSet, { path: { providerID }, body: bodyOf(credentials) }).pipe(
        Effect.mapError((e) => scrubError(e, secrets))
      )
      yield* reload(options)
    })

  const setAuth: Service["setAuth"] = (providerID, apiKey, options) =>
    setCredentials(providerID, { type: "api", key: apiKey }, options)

  const removeAuth: Service["removeAuth"] = (providerID, options = {}) =>
    Effect.gen(function*() {
      yield* call(Op.authRemove, { path: { providerID } })
      yield* reload(options)
    })

  const oauthAuthorize: Service["oauthAuthorize"] = (providerID, options) =>
    call(Op.providerOauthAuthorize, {
      path: { providerID },
      body: { method: options.method, ...(options.inputs !== undefined ? { inputs: options.inputs } : {}) }
    })

  const oauthCallback: Service["oauthCallback"] = (providerID, options) => {
    const code = options.code === undefined ? undefined : Redacted.value(options.code)
    return call(Op.providerOauthCallback, {
      path: { providerID },
      body: { method: options.method, ...(code !== undefined ? { code } : {}) }
    }).pipe(Effect.asVoid, Effect.mapError((e) => scrubError(e, code === undefined ? [] : [code])))
  }

  return ProviderService.of({
    list,
    configured,
    model,
    authMethods,
    setAuth,
    setCredentials,
    removeAuth,
    oauthAuthorize,
    oauthCallback
  })
})

/** The provider service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<ProviderService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(ProviderService, make)

