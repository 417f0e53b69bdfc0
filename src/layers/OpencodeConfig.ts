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
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

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
    Effect.gen(function*() {
      const env = yield* Config.all({
        baseUrl: Config.String("OPENCODE_BASE_URL").pipe(Config.withDefault("http://127.0.0.1:4096")),
        directory: Config.option(Config.String("OPENCODE_DIRECTORY")),
        username: Config.option(Config.String("OPENCODE_SERVER_USERNAME")),
        password: Config.option(Config.Redacted("OPENCODE_SERVER_PASSWORD")),
        requestTimeout: Config.option(Config.Duration("OPENCODE_REQUEST_TIMEOUT")),
        attemptTimeout: Config.option(Config.Duration("OPENCODE_ATTEMPT_TIMEOUT")),
        promptTimeout: Config.option(Config.Duration("OPENCODE_PROMPT_TIMEOUT")),
        maxRetries: Config.option(Config.Int("OPENCODE_MAX_RETRIES"))
      })
      return resolve({
        baseUrl: env.baseUrl,
        directory: Option.getOrUndefined(env.directory),
        username: Option.getOrUndefined(env.username),
        password: Option.getOrUndefined(env.password),
        requestTimeout: Option.getOrUndefined(env.requestTimeout),
        attemptTimeout: Option.getOrUndefined(env.attemptTimeout),
        promptTimeout: Option.getOrUndefined(env.promptTimeout),
        maxRetries: Option.getOrUndefined(env.maxRetries),
        ...definedOnly(overrides)
      })
    })
  )

const definedOnly = <A extends object>(a: A): Partial<A> =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Partial<A>
