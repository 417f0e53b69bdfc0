/**
 * Connection settings for one OpenCode server: where it is, the project directory calls are scoped
 * to, the credentials, and every timeout as a `Duration`.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { OpencodeConfig } from "effect-opencode"
 *
 * const Explicit = OpencodeConfig.layer({ baseUrl: "http://127.0.0.1:4096", password: Redacted.make("secret") })
 * const FromEnv = OpencodeConfig.layerConfig({ requestTimeout: "10 seconds" })
 * ```
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** What a user passes to build an {@link OpencodeConfig}; all but `baseUrl` optional. */
export interface Options {
  /** E.g. `http://127.0.0.1:4096`. */
  readonly baseUrl: string
  /** Sent as the `directory` query parameter of every call. */
  readonly directory?: string | undefined
  /** Basic-auth user; the server's default is `opencode`. */
  readonly username?: string | undefined
  /** Basic-auth password (the server's `OPENCODE_SERVER_PASSWORD`). */
  readonly password?: Redacted.Redacted<string> | undefined
  /**
   * Deadline of an ordinary call, all of it (attempts, retry waits, a prompt's look-ups before a
   * resend); past it: `TransportError` (`reason: "Timeout"`). Default 30 seconds.
   */
  readonly requestTimeout?: Duration.Input | undefined
  /**
   * Limit of one attempt within `requestTimeout`: an unanswered attempt is abandoned and retried if
   * it may be. For servers that accept a connection and never answer (a restarting `opencode
   * serve`). Calls that wait by design (synchronous prompts, `init`, MCP connects, the TUI's long
   * poll) are not cut. Default none: a fixed limit would also cut slow healthy answers (a long history).
   */
  readonly attemptTimeout?: Duration.Input | undefined
  /** Deadline of a synchronous prompt (waits for the model). Default 30 minutes. */
  readonly promptTimeout?: Duration.Input | undefined
  /** How many times an idempotent call is retried on a transient failure. Default 3. */
  readonly maxRetries?: number | undefined
  /** First retry delay; later delays double (with jitter) up to `retryMaxDelay`. Default 100 ms. */
  readonly retryBaseDelay?: Duration.Input | undefined
  /** Cap of one retry delay. Default 5 seconds. */
  readonly retryMaxDelay?: Duration.Input | undefined
  /** Largest response body accepted, in bytes. Default 64 MiB. */
  readonly maxBodyBytes?: number | undefined
}

/** The resolved settings, every default filled in. */
export interface Resolved {
  readonly baseUrl: string
  readonly directory: string | undefined
  readonly username: string
  readonly password: Redacted.Redacted<string> | undefined
  readonly requestTimeout: Duration.Duration
  readonly attemptTimeout: Duration.Duration | undefined
  readonly promptTimeout: Duration.Duration
  readonly maxRetries: number
  readonly retryBaseDelay: Duration.Duration
  readonly retryMaxDelay: Duration.Duration
  readonly maxBodyBytes: number
}

/** The connection settings service. */
export class OpencodeConfig extends Context.Service<OpencodeConfig, Resolved>()("effect-opencode/OpencodeConfig") {}

/** Fills in defaults and drops the base URL's trailing slash. */
export const resolve = (options: Options): Resolved => ({
  baseUrl: options.baseUrl.replace(/\/+$/, ""),
  directory: options.directory,
  username: options.username ?? "opencode",
  password: options.password,
  requestTimeout: Duration.fromInputUnsafe(options.requestTimeout ?? "30 seconds"),
  attemptTimeout: options.attemptTimeout === undefined ? undefined : Duration.fromInputUnsafe(options.attemptTimeout),
  promptTimeout: Duration.fromInputUnsafe(options.promptTimeout ?? "30 minutes"),
  maxRetries: options.maxRetries ?? 3,
  retryBaseDelay: Duration.fromInputUnsafe(options.retryBaseDelay ?? "100 millis"),
  retryMaxDelay: Duration.fromInputUnsafe(options.retryMaxDelay ?? "5 seconds"),
  maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024
})

/** A layer from explicit options. */
export const layer = (options: Options): Layer.Layer<OpencodeConfig> => Layer.succeed(OpencodeConfig, resolve(options))

/**
 * The settings from `OPENCODE_BASE_URL` (default `http://127.0.0.1:4096`), `OPENCODE_DIRECTORY`,
 * `OPENCODE_SERVER_USERNAME`, `OPENCODE_SERVER_PASSWORD`, `OPENCODE_REQUEST_TIMEOUT`,
 * `OPENCODE_ATTEMPT_TIMEOUT`, `OPENCODE_PROMPT_TIMEOUT`, `OPENCODE_MAX_RETRIES`; `overrides` win.
 */
export const layerConfig = (overrides: Partial<Options> = {}): Layer.Layer<OpencodeConfig, Config.ConfigError> =>
  Layer.effect(
    OpencodeConfig,
    Effect.map(environment, (env) =>
      resolve({
        baseUrl: env.OPENCODE_BASE_URL ?? "http://127.0.0.1:4096",
        directory: env.OPENCODE_DIRECTORY,
        username: env.OPENCODE_SERVER_USERNAME,
        password: env.OPENCODE_SERVER_PASSWORD,
        requestTimeout: env.OPENCODE_REQUEST_TIMEOUT,
        attemptTimeout: env.OPENCODE_ATTEMPT_TIMEOUT,
        promptTimeout: env.OPENCODE_PROMPT_TIMEOUT,
        maxRetries: env.OPENCODE_MAX_RETRIES,
        ...definedOnly(overrides)
      }))
  )

/**
 * The variables {@link layerConfig} reads, as one `Config` of one struct schema (every key
 * optional) rather than one `Config` per variable: one schema to build and one parser to compile
 * when the layer is built, which is on the path of a program's first call (issue 18: eight
 * separate `Config.String`/`Duration`/`Int`/`Redacted`, each with its own schema and parser, cost
 * more than the rest of the layer). The values are parsed as those constructors parse them
 * (`Schema.DurationFromString`, `Schema.Int`, `Schema.Redacted`), and a bad one fails with the
 * same `ConfigError` naming the variable. The schema is made when the layer is built, not at
 * import.
 *
 * Gotcha: a provider with no variables at all (an empty `ConfigProvider.fromUnknown({})`) has no
 * object at its root for the struct to decode, hence the default of no variables.
 */
const environment = Effect.suspend(() => {
  const variables = Schema.Struct({
    OPENCODE_BASE_URL: Schema.optionalKey(Schema.String),
    OPENCODE_DIRECTORY: Schema.optionalKey(Schema.String),
    OPENCODE_SERVER_USERNAME: Schema.optionalKey(Schema.String),
    OPENCODE_SERVER_PASSWORD: Schema.optionalKey(Schema.Redacted(Schema.String)),
    OPENCODE_REQUEST_TIMEOUT: Schema.optionalKey(Schema.DurationFromString),
    OPENCODE_ATTEMPT_TIMEOUT: Schema.optionalKey(Schema.DurationFromString),
    OPENCODE_PROMPT_TIMEOUT: Schema.optionalKey(Schema.DurationFromString),
    OPENCODE_MAX_RETRIES: Schema.optionalKey(Schema.Int)
  })
  // a provider with no variables at all has no object to decode: every variable is unset
  const unset: typeof variables.Type = {}
  return Config.schema(variables).pipe(Config.withDefault(unset))
})

const definedOnly = <A extends object>(a: A): Partial<A> =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Partial<A>
