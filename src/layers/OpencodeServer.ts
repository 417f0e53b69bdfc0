/**
 * A managed `opencode serve` process as a scoped resource: started in its own process group,
 * ready once it printed its "listening on" line and answered `GET /global/health`, and stopped
 * when the scope closes, on success, failure or interruption alike (`SIGTERM` to the group,
 * `stopGrace`, `SIGKILL`, then a wait for the exit), so no process outlives its scope.
 */
import * as NodeChildProcessSpawner from "@effect/platform-node/NodeChildProcessSpawner"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Scope from "effect/Scope"
import type * as HttpClient from "effect/http/HttpClient"
import * as ChildProcess from "effect/process/ChildProcess"
import { ChildProcessSpawner } from "effect/process/ChildProcessSpawner"
import * as NodeFs from "node:fs"
import { createRequire } from "node:module"
import * as NodePathModule from "node:path"
import { pluginMarker } from "../internal/pluginMarker.ts"
import { ServerStartError } from "../Errors.ts"
import * as RealTime from "../internal/realTime.ts"
import * as Versions from "../internal/versions.ts"
import * as OpencodeClient from "./OpencodeClient.ts"
import * as OpencodeConfig from "./OpencodeConfig.ts"
import { parentGuard, sleepReal, timeoutReal } from "../internal/realTime.ts"

/** The `opencode` versions this library is tested against (`"1.18.x"`). */
export const testedVersions: string = Versions.testedVersions

/** Whether a version string is in {@link testedVersions}. */
export const isTestedVersion: (version: string) => boolean = Versions.isTestedVersion

/** Where the `opencode` binary was found. */
export type BinarySource = "option" | "env" | "package" | "path"

/** How the server process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  readonly code: number | null
  readonly signal: string | null
}

/** Options of {@link make} and {@link layer}. */
export interface Options {
  /** The binary to run. Default: `OPENCODE_BIN`, then the installed `opencode-ai` package, then `PATH`. */
  readonly binary?: string | undefined
  /** The interface to listen on. Default `127.0.0.1`. */
  readonly hostname?: string | undefined
  /** The port. Default: a free port. */
  readonly port?: number | undefined
  /** The project directory the server runs in. Default: the process working directory. */
  readonly cwd?: string | undefined
  /** Configuration passed as `OPENCODE_CONFIG_CONTENT` (JSON). */
  readonly config?: Readonly<Record<string, unknown>> | undefined
  /** The HTTP Basic password. Default: a random one, unless `auth` is `false`. */
  readonly password?: Redacted.Redacted<string> | undefined
  /** Set to `false` to run without a password (the server is then unsecured). Default `true`. */
  readonly auth?: boolean | undefined
  /** The HTTP Basic user name. Default `opencode`. */
  readonly username?: string | undefined
  /** Extra environment variables (`undefined` removes one). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  /**
   * Run with fresh temporary HOME / XDG directories, removed at scope close. Default `false`.
   * Their config directory is marked as having opencode's plugin package installed (see
   * docs/managed-server.md: 4–7 CPU-seconds per server otherwise); custom tools put there need
   * their packages installed by the caller.
   */
  readonly isolate?: boolean | undefined
  /** How long to wait for readiness. Default 30 seconds. */
  readonly startTimeout?: Duration.Input | undefined
  /** How long to wait after `SIGTERM` before `SIGKILL`. Default 3 seconds. */
  readonly stopGrace?: Duration.Input | undefined
  /** Sets `OPENCODE_DISABLE_MODELS_FETCH=1` (no model catalogue download). Default `true`. */
  readonly disableModelsFetch?: boolean | undefined
  /** How many output lines to keep. Default 200. */
  readonly outputLines?: number | undefined
  /** What to do when the version is outside {@link testedVersions}. Default `"warn"`. */
  readonly versionCheck?: "warn" | "fail" | "off" | undefined
  /**
   * Extra origins allowed to call the server from a browser (`--cors`, once each); it already
   * allows `localhost`/`127.0.0.1` on its port and `https://*.opencode.ai`. The server compares
   * strings, so each must be an exact `scheme://host[:port]` origin (no path, no trailing slash,
   * no default port), or the start fails with `ServerStartError` (`SpawnFailed`).
   */
  readonly cors?: ReadonlyArray<string> | undefined
}

/** The running server. */
export interface OpencodeServerShape {
  /** The base URL, e.g. `http://127.0.0.1:4096`. */
  readonly url: string
  readonly port: number
  readonly hostname: string
  /** The HTTP Basic password, `undefined` when the server runs without auth. */
  readonly password: Redacted.Redacted<string> | undefined
  readonly username: string
  /** The `Authorization` header value (`Basic …`), `undefined` without auth. */
  readonly authorization: Redacted.Redacted<string> | undefined
  readonly directory: string
  readonly binary: string
  readonly binarySource: BinarySource
  /** The binary's version, from its health answer (`"unknown"` when it could not be determined). */
  readonly version: string
  /** The process id (also its process group id). */
  readonly pid: number
  /** The last lines the process printed (stdout and stderr). */
  readonly output: Effect.Effect<ReadonlyArray<string>>
  /** Waits until the process exits. */
  readonly exited: Effect.Effect<ServerExit>
  readonly isRunning: Effect.Effect<boolean>
}

/** The managed `opencode serve` process. */
export class OpencodeServer extends Context.Service<OpencodeServer, OpencodeServerShape>()(
  "effect-opencode/OpencodeServer"
) {}

const isExecutableFile = (file: string): boolean => {
  try {
    if (!NodeFs.statSync(file).isFile()) return false
    if (process.platform !== "win32") NodeFs.accessSync(file, NodeFs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

const searchPath = (name: string): string | undefined => {
  const dirs = (process.env.PATH ?? "").split(NodePathModule.delimiter).filter((d) => d.length > 0)
  const exts = process.platform === "win32" ? ["", ".exe", ".cmd"] : [""]
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = NodePathModule.join(dir, name + ext)
      if (isExecutableFile(candidate)) return candidate
    }
  }
  return undefined
}

const isScript = (file: string): boolean => {
  try {
    const fd = NodeFs.openSync(file, "r")
    try {
      const buffer = Buffer.alloc(2)
      NodeFs.readSync(fd, buffer, 0, 2, 0)
      return buffer.toString("latin1") === "#!"
    } finally {
      NodeFs.closeSync(fd)
    }
  } catch {
    return false
  }
}

const platformPackages = (): ReadonlyArray<string> => {
  const platform = process.platform === "win32" ? "windows" : process.platform
  const arch = process.arch
  const base = `opencode-${platform}-${arch}`
  return [base, `${base}-baseline`, `${base}-musl`, `${base}-baseline-musl`]
}

const resolvePackageBinary = (fromDirs: ReadonlyArray<string>): string | undefined => {
  for (const dir of fromDirs) {
    let packageJson: string
    try {
      packageJson = createRequire(NodePathModule.join(dir, "noop.js")).resolve("opencode-ai/package.json")
    } catch {
      continue
    }
    const packageDir = NodePathModule.dirname(packageJson)
    let bin: string | undefined
    try {
      const manifest = JSON.parse(NodeFs.readFileSync(packageJson, "utf8")) as { bin?: string | Record<string, string> }
      const entry = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.opencode
      if (entry) bin = NodePathModule.resolve(packageDir, entry)
    } catch {
      // fall through to the platform packages
    }
    // a node wrapper script would not pass signals on: prefer the platform package's native binary
    if (bin !== undefined && isExecutableFile(bin) && !isScript(bin)) return bin
    const requireFromPackage = createRequire(packageJson)
    const exe = process.platform === "win32" ? "opencode.exe" : "opencode"
    for (const name of platformPackages()) {
      try {
        const platformJson = requireFromPackage.resolve(`${name}/package.json`)
        const candidate = NodePathModule.join(NodePathModule.dirname(platformJson), "bin", exe)
        if (isExecutableFile(candidate)) return candidate
      } catch {
        // not installed
      }
    }
    if (bin !== undefined && isExecutableFile(bin)) return bin
  }
  return undefined
}

const notFound = (message: string, binary?: string) =>
  new ServerStartError({ reason: "BinaryNotFound", message, binary, output: [] })

const installHint = "install it with `npm install opencode-ai`, or set OPENCODE_BIN or the `binary` option"

const resolveExplicit = (value: string, source: BinarySource) =>
  Effect.suspend(() => {
    const looksLikePath = value.includes("/") || value.includes("\\")
    const found = looksLikePath ? (isExecutableFile(value) ? NodePathModule.resolve(value) : undefined) : searchPath(value)
    return found === undefined
      ? Effect.fail(
        notFound(
          `The opencode binary ${JSON.stringify(value)} (from ${
            source === "env" ? "OPENCODE_BIN" : "the binary option"
          }) was not found or is not executable; ${installHint}`,
          value
        )
      )
      : Effect.succeed({ binary: found, source })
  })

/**
 * Finds the `opencode` binary: the `binary` option, `OPENCODE_BIN`, the `opencode-ai` package
 * (resolved from `cwd`, the process working directory, then this library's location; its
 * platform package's native binary first), then `PATH`.
 */
export const resolveBinary = (options: {
  readonly binary?: string | undefined
  readonly cwd?: string | undefined
}): Effect.Effect<{ readonly binary: string; readonly source: BinarySource }, ServerStartError> =>
  Effect.gen(function*() {
    if (options.binary !== undefined) return yield* resolveExplicit(options.binary, "option")
    const fromEnv = yield* Config.option(Config.String("OPENCODE_BIN")).pipe(
      Effect.orElseSucceed(() => Option.none<string>())
    )
    if (Option.isSome(fromEnv) && fromEnv.value.trim() !== "") return yield* resolveExplicit(fromEnv.value, "env")
    // this module's own place last: a program depending on `opencode-ai` finds it from anywhere
    const dirs = [...new Set([options.cwd, process.cwd(), import.meta.dirname].filter((d): d is string => d !== undefined))]
    const fromPackage = resolvePackageBinary(dirs)
    if (fromPackage !== undefined) return { binary: fromPackage, source: "package" as const }
    const fromPath = searchPath("opencode")
    if (fromPath !== undefined) return { binary: fromPath, source: "path" as const }
    return yield* Effect.fail(notFound(`The opencode binary was not found; ${installHint}`))
  })

/**
 * A port free on `hostname` now (default `127.0.0.1`), for a server of your own beside the managed
 * one (a test's PostgreSQL, a cluster runner). It may be taken by the time it is used.
 */
export const freePort = (hostname = "127.0.0.1"): Effect.Effect<number, ServerStartError> =>
  RealTime.freePort(hostname, (message) => new ServerStartError({ reason: "SpawnFailed", message, output: [] }))

const urlHost = (hostname: string): string => {
  if (hostname === "0.0.0.0" || hostname === "") return "127.0.0.1"
  if (hostname === "::") return "[::1]"
  return hostname.includes(":") ? `[${hostname}]` : hostname
}

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g

const listeningLine = /listening on\s+(https?:\/\/\S+)/i

// The server compares the `Origin` header with its `--cors` strings: only the exact origin matches.
const corsOriginProblem = (origin: string): string | undefined => {
  if (!URL.canParse(origin)) return "is not an origin (scheme://host[:port])"
  const url = new URL(origin)
  if (url.protocol !== "http:" && url.protocol !== "https:") return "is not an http or https origin"
  if (url.origin !== origin) {
    return `is not an origin as a browser sends it (scheme://host[:port], no path, no trailing slash, no default port): did you mean ${JSON.stringify(url.origin)}?`
  }
  return undefined
}

const randomPassword = (): string => {
  const bytes = new Uint8Array(24)
  globalThis.crypto.getRandomValues(bytes)
  return Buffer.from(bytes).toString("base64url")
}

// The spawner reports an exit by signal as an error whose cause says which signal.
const signalOf = (error: unknown): string | null => {
  const texts: Array<string> = []
  let current: unknown = error
  for (let depth = 0; depth < 4 && current !== null && typeof current === "object"; depth++) {
    const message = (current as { message?: unknown }).message
    if (typeof message === "string") texts.push(message)
    current = (current as { cause?: unknown }).cause
  }
  const match = /signal:?\s*'?(SIG[A-Z0-9]+)/.exec(texts.join("\n"))
  return match ? match[1]! : null
}

const describeExit = (exit: ServerExit): string =>
  exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`

const tail = (lines: ReadonlyArray<string>, n: number): string =>
  lines.length === 0 ? "" : `\n${lines.slice(-n).join("\n")}`

/**
 * Marks an isolated server's fresh config directory as having `@opencode-ai/plugin` installed, as
 * opencode 1.18 checks it (`node_modules` and a lock file listing its dependencies): otherwise
 * each server fetches ~30 packages at its first request, 4–7 CPU-seconds measured. A later
 * opencode that checks differently just installs as before.
 */
const skipPluginInstall = (configDir: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const marker = pluginMarker(configDir)
    yield* fs.makeDirectory(marker.directory, { recursive: true })
    yield* fs.writeFileString(marker.lockFile, marker.lockFileText)
  })

const platformLayer = Layer.provideMerge(
  NodeChildProcessSpawner.layer,
  Layer.merge(NodeFileSystem.layer, NodePath.layer)
)

/**
 * Starts `opencode serve` for the life of the current scope and waits until it is ready. Fails
 * with `ServerStartError`: `BinaryNotFound`, `SpawnFailed`, `Exited` (before ready; `output` holds
 * what it printed), `NotReady` (not within `startTimeout`), `VersionMismatch` (`versionCheck: "fail"`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { OpencodeServer } from "effect-opencode/server"
 *
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const server = yield* OpencodeServer.make({ cwd: "/path/to/project", isolate: true })
 *   yield* Effect.log(`opencode ${server.version} at ${server.url}`)
 * }))
 * ```
 */
export const make = (options: Options = {}): Effect.Effect<OpencodeServerShape, ServerStartError, Scope.Scope> =>
  Effect.provide(makeWith(options), platformLayer)

const makeWith = Effect.fnUntraced(function*(options: Options) {
  const spawner = yield* ChildProcessSpawner
  const fs = yield* FileSystem.FileSystem
  const hostname = options.hostname ?? "127.0.0.1"
  const directory = NodePathModule.resolve(options.cwd ?? process.cwd())
  const startTimeoutMillis = Duration.toMillis(options.startTimeout ?? Duration.seconds(30))
  const stopGrace = options.stopGrace ?? Duration.seconds(3)
  const bufferSize = Math.max(1, options.outputLines ?? 200)
  const versionCheck = options.versionCheck ?? "warn"
  const auth = options.auth ?? true
  const username = options.username ?? "opencode"
  const password = auth ? (options.password ?? Redacted.make(randomPassword())) : undefined
  const authorization = password === undefined
    ? undefined
    : Redacted.make(`Basic ${Buffer.from(`${username}:${Redacted.value(password)}`).toString("base64")}`)

  const cors = options.cors ?? []
  for (const origin of cors) {
    const problem = corsOriginProblem(origin)
    if (problem !== undefined) {
      return yield* Effect.fail(
        new ServerStartError({ reason: "SpawnFailed", message: `cors: ${JSON.stringify(origin)} ${problem}`, output: [] })
      )
    }
  }

  const { binary, source } = yield* resolveBinary({ binary: options.binary, cwd: directory })
  yield* Effect.logDebug(`opencode binary: ${binary} (from ${source})`)
  const isDirectory = yield* fs.stat(directory).pipe(
    Effect.map((info) => info.type === "Directory"),
    Effect.orElseSucceed(() => false)
  )
  if (!isDirectory) {
    return yield* Effect.fail(
      new ServerStartError({
        reason: "SpawnFailed",
        message: `The project directory ${directory} does not exist or is not a directory`,
        binary,
        output: []
      })
    )
  }

  const spawnFailed = (message: string) =>
    new ServerStartError({ reason: "SpawnFailed", message, binary, output: [] })

  const env: Record<string, string | Redacted.Redacted<string> | undefined> = {}
  if (options.isolate === true) {
    const root = yield* fs.makeTempDirectoryScoped({ prefix: "effect-opencode-" }).pipe(
      Effect.mapError((e) => spawnFailed(`Could not create the isolated directories: ${e.message}`))
    )
    const dirs = { HOME: "home", XDG_CONFIG_HOME: "config", XDG_DATA_HOME: "data", XDG_CACHE_HOME: "cache", XDG_STATE_HOME: "state" }
    for (const [name, sub] of Object.entries(dirs)) {
      const dir = NodePathModule.join(root, sub)
      yield* fs.makeDirectory(dir, { recursive: true }).pipe(
        Effect.mapError((e) => spawnFailed(`Could not create ${dir}: ${e.message}`))
      )
      env[name] = dir
    }
    yield* skipPluginInstall(NodePathModule.join(root, "config", "opencode")).pipe(
      Effect.mapError((e) => spawnFailed(`Could not prepare the isolated config directory: ${e.message}`))
    )
    // Configuration from the user's environment would defeat the isolation.
    env.OPENCODE_CONFIG = undefined
    env.OPENCODE_CONFIG_DIR = undefined
    env.OPENCODE_CONFIG_CONTENT = undefined
  }
  if (options.disableModelsFetch ?? true) env.OPENCODE_DISABLE_MODELS_FETCH = "1"
  if (options.config !== undefined) env.OPENCODE_CONFIG_CONTENT = JSON.stringify(options.config)
  env.OPENCODE_SERVER_PASSWORD = password
  env.OPENCODE_SERVER_USERNAME = password === undefined ? undefined : username
  for (const [key, value] of Object.entries(options.env ?? {})) env[key] = value

  const getVersion: Effect.Effect<string | undefined> = versionCheck === "off"
    ? Effect.succeed(undefined)
    : timeoutReal(
      spawner.string(ChildProcess.make(binary, ["--version"], {
        cwd: directory,
        env,
        extendEnv: true,
        stdin: "ignore",
        forceKillAfter: Duration.seconds(1)
      })),
      10_000,
      () => new Error("timed out")
    ).pipe(
      Effect.map((out) => /\d+\.\d+\.\d+[^\s]*/.exec(out)?.[0]),
      Effect.orElseSucceed(() => undefined)
    )
  const checkVersion = (version: string | undefined): Effect.Effect<void, ServerStartError> => {
    if (versionCheck === "off" || (version !== undefined && isTestedVersion(version))) return Effect.void
    const message = version === undefined
      ? `Could not determine the version of ${binary} (\`--version\` failed); tested versions: ${testedVersions}`
      : `opencode ${version} at ${binary} is outside the tested versions (${testedVersions})`
    return versionCheck === "fail"
      ? Effect.fail(new ServerStartError({ reason: "VersionMismatch", message, binary, output: [] }))
      : Effect.logWarning(message)
  }
  // "fail" checks the version before the start; "warn" takes it from the readiness probe's health
  // answer, so no second process competes with the start (`--version` only if that has none).
  let version: string | undefined
  if (versionCheck === "fail") {
    version = yield* getVersion
    yield* checkVersion(version)
  }

  const lines: Array<string> = []
  const output = Effect.sync((): ReadonlyArray<string> => lines.slice())
  const started = Date.now()
  const deadline = started + startTimeoutMillis
  const parentScope = yield* Effect.scope

  // One start on one port, in its own scope: a failed attempt is cleaned up at once.
  const attempt = (port: number) =>
    Effect.gen(function*() {
      const url = `http://${urlHost(hostname)}:${port}`
      lines.length = 0
      const listening = yield* Deferred.make<string>()
      const exitDeferred = yield* Deferred.make<ServerExit>()
      const args = ["serve", "--port", String(port), "--hostname", hostname, ...cors.flatMap((origin) => ["--cors", origin])]
      const command = ChildProcess.make(binary, args, {
        cwd: directory,
        env,
        extendEnv: true,
        detached: true,
        stdin: "ignore",
        killSignal: "SIGTERM",
        forceKillAfter: stopGrace
      })
      const handle = yield* spawner.spawn(command).pipe(
        Effect.mapError((error) => {
          const reason = (error as { reason?: { _tag?: string } }).reason?._tag
          return new ServerStartError({
            reason: reason === "NotFound" ? "BinaryNotFound" : "SpawnFailed",
            message: `Could not start ${binary}: ${error.message}`,
            binary,
            output: []
          })
        })
      )
      const pid = handle.pid as number
      yield* parentGuard(pid, { signal: "SIGTERM", graceSeconds: Math.ceil(Duration.toSeconds(Duration.fromInputUnsafe(stopGrace))) })

      const push = (line: string) => {
        const clean = line.replace(ansi, "").replace(/\r$/, "")
        if (clean.trim().length === 0) return
        lines.push(clean)
        if (lines.length > bufferSize) lines.splice(0, lines.length - bufferSize)
        const match = listeningLine.exec(clean)
        if (match) Deferred.doneUnsafe(listening, Effect.succeed(match[1]!))
      }
      // Both pipes are drained for the life of the process, or a full pipe would block it.
      const lineStream = (stream: typeof handle.stdout) =>
        stream.pipe(
          Stream.decodeText,
          Stream.splitLines,
          Stream.runForEach((line) => Effect.sync(() => push(line))),
          Effect.ignore
        )
      const outputFiber = yield* Effect.forkScoped(
        Effect.all([lineStream(handle.stdout), lineStream(handle.stderr)], { concurrency: 2, discard: true })
      )
      // Not tied to the scope: it must see the exit the scope's release causes.
      yield* Effect.forkDetach(
        handle.exitCode.pipe(
          Effect.map((code): ServerExit => ({ code, signal: null })),
          Effect.catch((error) => Effect.succeed<ServerExit>({ code: null, signal: signalOf(error) ?? "unknown" })),
          Effect.flatMap((exit) => Deferred.succeed(exitDeferred, exit))
        )
      )

      // Each probe has its own short timeout: the port accepts connections before the server
      // answers, and such a request may hang (≥ 58 s seen).
      const probe = Effect.tryPromise({
        try: (signal) =>
          fetch(`${url}/global/health`, {
            headers: authorization ? { authorization: Redacted.value(authorization) } : {},
            signal: AbortSignal.any([signal, AbortSignal.timeout(1_000)])
          }).then(async (response) => {
            const body = await response.text()
            if (response.status !== 200) throw new Error(`health answered ${response.status}`)
            try {
              const version = (JSON.parse(body) as { version?: unknown }).version
              return typeof version === "string" ? version : undefined
            } catch {
              return undefined
            }
          }),
        catch: (error) => error
      })
      const probeUntilHealthy: Effect.Effect<string | undefined> = probe.pipe(
        Effect.catch(() => Effect.andThen(sleepReal(50), Effect.suspend(() => probeUntilHealthy)))
      )
      const ready = Effect.andThen(Deferred.await(listening), probeUntilHealthy)
      const died = Deferred.await(exitDeferred).pipe(
        Effect.flatMap((exit) =>
          // let the last lines reach the buffer
          Effect.andThen(
            Effect.raceFirst(Fiber.join(outputFiber), sleepReal(500)),
            Effect.suspend(() =>
              Effect.fail(
                new ServerStartError({
                  reason: "Exited",
                  message: `${binary} ${describeExit(exit)} before it was ready${tail(lines, 5)}`,
                  binary,
                  output: lines.slice()
                })
              )
            )
          )
        )
      )
      const healthVersion = yield* timeoutReal(
        Effect.raceFirst(ready, died),
        Math.max(0, deadline - Date.now()),
        () =>
          new ServerStartError({
            reason: "NotReady",
            message: `${binary} was not ready at ${url} after ${startTimeoutMillis} ms${tail(lines, 5)}`,
            binary,
            output: lines.slice()
          })
      )
      return { url, port, pid, exitDeferred, healthVersion }
    })

  const portInUse = (error: ServerStartError) =>
    error.reason === "Exited" &&
    error.output.some((line) => /EADDRINUSE|address already in use|ServeError|port .*in use/i.test(line))

  const startOn = (port: number, retriesLeft: number): Effect.Effect<
    {
      url: string
      port: number
      pid: number
      exitDeferred: Deferred.Deferred<ServerExit>
      healthVersion: string | undefined
    },
    ServerStartError
  > =>
    Effect.gen(function*() {
      const scope = yield* Scope.fork(parentScope)
      const exit = yield* Effect.exit(Scope.provide(attempt(port), scope))
      if (exit._tag === "Success") return exit.value
      yield* Scope.close(scope, exit)
      const error = Cause.findErrorOption(exit.cause)
      // Another process took the free port between its discovery and the start: try another.
      if (Option.isSome(error) && retriesLeft > 0 && options.port === undefined && portInUse(error.value)) {
        yield* Effect.logDebug(`opencode could not listen on port ${port}, retrying on another port`)
        return yield* startOn(yield* freePort(hostname), retriesLeft - 1)
      }
      return yield* Effect.failCause(exit.cause)
    })

  const { exitDeferred, healthVersion, pid, port, url } = yield* startOn(
    options.port ?? (yield* freePort(hostname)),
    3
  )

  if (versionCheck === "warn") {
    version = healthVersion ?? (yield* getVersion)
    yield* checkVersion(version)
  } else if (versionCheck === "off") {
    version = healthVersion
  }
  yield* Effect.logDebug(
    `opencode ${version ?? "(version unknown)"} ready at ${url} (pid ${pid}, ${Date.now() - started} ms, binary ${binary} from ${source})`
  )

  return OpencodeServer.of({
    url,
    port,
    hostname,
    password,
    username,
    authorization,
    directory,
    binary,
    binarySource: source,
    version: version ?? "unknown",
    pid,
    output,
    exited: Deferred.await(exitDeferred),
    isRunning: Effect.map(Deferred.isDone(exitDeferred), (done) => !done)
  })
})

/** A layer running `opencode serve` for as long as the layer lives. */
export const layer = (options?: Options): Layer.Layer<OpencodeServer, ServerStartError> =>
  Layer.effect(OpencodeServer, make(options))

/**
 * {@link layer} with `OPENCODE_BIN`, `OPENCODE_SERVER_PASSWORD`, `OPENCODE_SERVER_USERNAME` and
 * `OPENCODE_PORT` from the environment, merged over `options`.
 */
export const layerConfig = (options?: Options): Layer.Layer<OpencodeServer, ServerStartError | Config.ConfigError> =>
  Layer.effect(
    OpencodeServer,
    Effect.gen(function*() {
      const binary = yield* Config.option(Config.String("OPENCODE_BIN"))
      const password = yield* Config.option(Config.Redacted("OPENCODE_SERVER_PASSWORD"))
      const username = yield* Config.option(Config.String("OPENCODE_SERVER_USERNAME"))
      const port = yield* Config.option(Config.Port("OPENCODE_PORT"))
      return yield* make({
        ...options,
        ...(Option.isSome(binary) ? { binary: binary.value } : {}),
        ...(Option.isSome(password) ? { password: password.value } : {}),
        ...(Option.isSome(username) ? { username: username.value } : {}),
        ...(Option.isSome(port) ? { port: port.value } : {})
      })
    })
  )

/** The `Authorization` and directory headers, for plain `fetch` calls to the server. */
export const headers = (server: OpencodeServerShape, directory?: string): Record<string, string> => ({
  ...(server.authorization ? { authorization: Redacted.value(server.authorization) } : {}),
  ...(directory !== undefined ? { "x-opencode-directory": directory } : {})
})

/**
 * The transport to the `OpencodeServer` in context (its URL, credentials and directory; `options`
 * override the rest). Calls in flight when the server dies fail with a `TransportError`. Here, not
 * in the client module, so remote-only programs never load the process code. Needs an
 * `HttpClient`: on Node, `OpencodeNode.layerHttpClient` (the example of `effect-opencode/server`).
 */
export const layerClient = (
  options: Partial<OpencodeConfig.Options> = {}
): Layer.Layer<OpencodeClient.OpencodeClient, never, HttpClient.HttpClient | OpencodeServer> =>
  Layer.effect(
    OpencodeClient.OpencodeClient,
    Effect.flatMap(OpencodeServer, (server) =>
      OpencodeClient.make(OpencodeConfig.resolve({
        baseUrl: server.url,
        directory: server.directory,
        username: server.username,
        password: server.password,
        ...options
      })))
  )
