/**
 * A throwaway PostgreSQL server for tests: `initdb` in a fresh temporary directory, `postgres` on
 * a free loopback port, a fresh database, all stopped and removed when the scope closes. It can be
 * stopped and started again (same port and data) to test the database going away and coming back.
 * Binaries: {@link resolveBinaries}. PostgreSQL refuses to run as root: under root it runs as the
 * `postgres` system user through `runuser`.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as NodeChildProcessSpawner from "@effect/platform-node/NodeChildProcessSpawner"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Semaphore from "effect/Semaphore"
import * as Stream from "effect/Stream"
import * as ChildProcess from "effect/process/ChildProcess"
import { ChildProcessSpawner, type ChildProcessHandle } from "effect/process/ChildProcessSpawner"
import * as Reactivity from "effect/reactivity/Reactivity"
import type * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import * as Scope from "effect/Scope"
import * as NodeFs from "node:fs"
import * as NodePathModule from "node:path"
import { ServerStartError } from "../Errors.ts"
import { parentGuard, sleepReal, timeoutReal } from "../internal/realTime.ts"
import { freePort } from "../layers/OpencodeServer.ts"

/** The database {@link make} creates unless `database` says otherwise. */
export const defaultDatabase = "effect_opencode_test"

/** The environment variable naming a directory that holds `initdb` and `postgres`. */
export const binEnv = "EFFECT_OPENCODE_PG_BIN"

/** Where the PostgreSQL binaries were found. */
export type BinarySource = "option" | "env" | "system" | "path"

/** Options of {@link make} and {@link layer}. */
export interface Options {
  /** The database to create. Default {@link defaultDatabase}. */
  readonly database?: string | undefined
  /** The superuser `initdb` creates (no password, `trust` authentication). Default `postgres`. */
  readonly user?: string | undefined
  /** A directory holding `initdb` and `postgres`; takes precedence over {@link binEnv}. */
  readonly binDirectory?: string | undefined
  /** How long `initdb`, the start and the database creation may take together. Default 30 seconds. */
  readonly startTimeout?: Duration.Input | undefined
  /** How long to wait after `SIGINT` (fast shutdown) before `SIGKILL`. Default 5 seconds. */
  readonly stopTimeout?: Duration.Input | undefined
  /** Extra server settings, passed as `-c name=value` after the test defaults. */
  readonly settings?: Readonly<Record<string, string | number | boolean>> | undefined
  /** How many lines of the server's log to keep. Default 200. */
  readonly outputLines?: number | undefined
}

/** The running test server. */
export interface TestPostgresShape {
  /** `postgres://user@127.0.0.1:PORT/DATABASE`. */
  readonly url: string
  /** Always `127.0.0.1`. */
  readonly host: string
  readonly port: number
  readonly database: string
  readonly user: string
  /** The cluster's data directory (inside the temporary directory). */
  readonly dataDirectory: string
  /** The directory of the server's Unix socket (inside the temporary directory). */
  readonly socketDirectory: string
  readonly binDirectory: string
  readonly binarySource: BinarySource
  /** `server_version`, e.g. `15.6 (Debian 15.6-0+deb12u1)`. */
  readonly version: string
  /** The postmaster's pid while it runs, `undefined` while stopped. */
  readonly pid: Effect.Effect<number | undefined>
  readonly isRunning: Effect.Effect<boolean>
  /** The last lines of the server's log. */
  readonly output: Effect.Effect<ReadonlyArray<string>>
  /** Stops the server (fast shutdown, `SIGKILL` after `stopTimeout`), keeping the data; no-op when stopped. */
  readonly stop: Effect.Effect<void>
  /** Starts it again on the same port and data and waits until it answers a query; no-op when running. */
  readonly start: Effect.Effect<void, ServerStartError>
  /** Runs one SQL text on a fresh connection to the test database and returns its rows. */
  readonly query: <A extends object = Record<string, unknown>>(
    sql: string,
    params?: ReadonlyArray<unknown>
  ) => Effect.Effect<ReadonlyArray<A>, SqlError>
  /**
   * Creates another database on this server and returns its URL: a fresh database per test on one
   * server per file, for tests that must not see each other's tables. Fails with `SqlError` when it exists.
   */
  readonly createDatabase: (name: string) => Effect.Effect<string, SqlError>
}

/** The throwaway PostgreSQL server of {@link layer}. */
export class TestPostgres extends Context.Service<TestPostgres, TestPostgresShape>()(
  "effect-opencode/testing/TestPostgres"
) {}

const isExecutableFile = (file: string): boolean => {
  try {
    if (!NodeFs.statSync(file).isFile()) return false
    NodeFs.accessSync(file, NodeFs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

const hasBinaries = (dir: string): boolean =>
  isExecutableFile(NodePathModule.join(dir, "initdb")) && isExecutableFile(NodePathModule.join(dir, "postgres"))

const searchPath = (name: string): string | undefined => {
  for (const dir of (process.env.PATH ?? "").split(NodePathModule.delimiter)) {
    if (dir.length === 0) continue
    const candidate = NodePathModule.join(dir, name)
    if (isExecutableFile(candidate)) return candidate
  }
  return undefined
}

const compareVersions = (a: string, b: string): number => {
  const pa = a.split(".").map((n) => Number.parseInt(n, 10) || 0)
  const pb = b.split(".").map((n) => Number.parseInt(n, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

const systemRoot = "/usr/lib/postgresql"

const installHint = "install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql`), " +
  `or set ${binEnv} to a directory holding initdb and postgres`

const notFound = (message: string) => new ServerStartError({ reason: "BinaryNotFound", message, output: [] })

/**
 * Finds the directory of `initdb` and `postgres`: the `binDirectory` option, then
 * `EFFECT_OPENCODE_PG_BIN`, then the highest `/usr/lib/postgresql/<version>/bin`, then `initdb` on
 * `PATH` (links followed). Fails with a `BinaryNotFound` `ServerStartError` saying how to install PostgreSQL.
 */
export const resolveBinaries = (
  options: { readonly binDirectory?: string | undefined } = {}
): Effect.Effect<{ readonly binDirectory: string; readonly source: BinarySource }, ServerStartError> =>
  Effect.suspend(() => {
    const explicit = (dir: string, source: BinarySource, from: string) =>
      hasBinaries(dir)
        ? Effect.succeed({ binDirectory: NodePathModule.resolve(dir), source })
        : Effect.fail(notFound(`${from} (${JSON.stringify(dir)}) holds no executable initdb and postgres; ${installHint}`))
    if (options.binDirectory !== undefined) return explicit(options.binDirectory, "option", "The binDirectory option")
    const fromEnv = process.env[binEnv]
    if (fromEnv !== undefined && fromEnv.trim() !== "") return explicit(fromEnv, "env", binEnv)
    let versions: Array<string> = []
    try {
      versions = NodeFs.readdirSync(systemRoot).filter((v) => hasBinaries(NodePathModule.join(systemRoot, v, "bin")))
    } catch {
      // no system installation
    }
    const highest = versions.sort(compareVersions).at(-1)
    if (highest !== undefined) {
      return Effect.succeed({ binDirectory: NodePathModule.join(systemRoot, highest, "bin"), source: "system" as const })
    }
    const initdb = searchPath("initdb")
    if (initdb !== undefined) {
      // A PATH entry is often a link into the real installation, where postgres sits beside initdb.
      let real = initdb
      try {
        real = NodeFs.realpathSync(initdb)
      } catch {
        // keep the link
      }
      for (const dir of [NodePathModule.dirname(real), NodePathModule.dirname(initdb)]) {
        if (hasBinaries(dir)) return Effect.succeed({ binDirectory: dir, source: "path" as const })
      }
    }
    return Effect.fail(notFound(`PostgreSQL (initdb and postgres) was not found; ${installHint}`))
  })

const host = "127.0.0.1"

const findFreePort: Effect.Effect<number, ServerStartError> = freePort(host)

interface SystemUser {
  readonly name: string
  readonly uid: number
  readonly gid: number
}

const lookupUser = (name: string): SystemUser | undefined => {
  try {
    for (const line of NodeFs.readFileSync("/etc/passwd", "utf8").split("\n")) {
      const fields = line.split(":")
      if (fields[0] === name && fields.length >= 4) {
        const uid = Number(fields[2])
        const gid = Number(fields[3])
        if (Number.isInteger(uid) && Number.isInteger(gid)) return { name, uid, gid }
      }
    }
  } catch {
    // no passwd file
  }
  return undefined
}

const quoteIdent = (name: string): string => `"${name.replaceAll("\"", "\"\"")}"`

const settingValue = (value: string | number | boolean): string =>
  typeof value === "boolean" ? (value ? "on" : "off") : String(value)

const tail = (lines: ReadonlyArray<string>, n: number): string =>
  lines.length === 0 ? "" : `\n${lines.slice(-n).join("\n")}`

// The postmaster writes its pid on the first line of `postmaster.pid`.
const readPostmasterPid = (dataDirectory: string): number | undefined => {
  try {
    const pid = Number.parseInt(NodeFs.readFileSync(NodePathModule.join(dataDirectory, "postmaster.pid"), "utf8"), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

// PostgreSQL's children start their own sessions, so a signal to the postmaster's process group
// misses them; after a SIGKILL of the postmaster they could linger. On Linux, kill every
// `postgres` process still working in the data directory.
const sweep = (dataDirectory: string): Effect.Effect<void> =>
  Effect.sync(() => {
    if (process.platform !== "linux") return
    let entries: Array<string>
    try {
      entries = NodeFs.readdirSync("/proc")
    } catch {
      return
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
      try {
        if (
          NodeFs.readlinkSync(`/proc/${entry}/cwd`) === dataDirectory &&
          NodeFs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres"
        ) {
          process.kill(Number(entry), "SIGKILL")
        }
      } catch {
        // gone, or not ours to look at
      }
    }
  })

const platformLayer = Layer.provideMerge(
  NodeChildProcessSpawner.layer,
  Layer.merge(NodeFileSystem.layer, NodePath.layer)
)

/** Runs one SQL text on a fresh single connection, closed afterwards. */
const queryOnce = <A extends object>(
  config: PgClient.PgClientConfig,
  sql: string,
  params: ReadonlyArray<unknown> = []
): Effect.Effect<ReadonlyArray<A>, SqlError> =>
  Effect.scoped(
    Effect.flatMap(PgClient.makeClient(config), (client) => client.unsafe<A>(sql, params))
  ).pipe(Effect.provide(Reactivity.layer))

interface Instance {
  readonly scope: Scope.Closeable
  readonly handle: ChildProcessHandle
  readonly pid: number
}

/**
 * Starts a throwaway PostgreSQL server for the life of the scope: `initdb` in a fresh temporary
 * directory, `postgres` on a free `127.0.0.1` port (tuned for tests: no fsync, no synchronous
 * commit, 200 connections), and a fresh database. When the scope closes (success, failure or
 * interruption) the server gets `SIGINT`, then `SIGKILL` after `stopTimeout`, and the directory
 * is removed. Fails with `ServerStartError`: `BinaryNotFound` (no PostgreSQL, or root without a
 * `postgres` user), `SpawnFailed`, `Exited` (`initdb` or the server ended early; `output` holds
 * what it printed), `NotReady` (no answer within `startTimeout`).
 */
export const make = (options: Options = {}): Effect.Effect<TestPostgresShape, ServerStartError, Scope.Scope> =>
  Effect.provide(makeWith(options), platformLayer)

const makeWith = Effect.fnUntraced(function*(options: Options) {
  const spawner = yield* ChildProcessSpawner
  const fs = yield* FileSystem.FileSystem
  const parentScope = yield* Effect.scope
  const database = options.database ?? defaultDatabase
  const user = options.user ?? "postgres"
  const startTimeoutMillis = Duration.toMillis(Duration.fromInputUnsafe(options.startTimeout ?? Duration.seconds(30)))
  const stopTimeout = options.stopTimeout ?? Duration.seconds(5)
  const bufferSize = Math.max(1, options.outputLines ?? 200)
  const started = Date.now()

  const { binDirectory, source } = yield* resolveBinaries({ binDirectory: options.binDirectory })
  const initdb = NodePathModule.join(binDirectory, "initdb")
  const postgres = NodePathModule.join(binDirectory, "postgres")
  const failure = (
    reason: ServerStartError["reason"],
    message: string,
    output: ReadonlyArray<string> = [],
    binary: string = postgres
  ) => new ServerStartError({ reason, message, binary, output: [...output] })

  let runAs: SystemUser | undefined
  let runuser: string | undefined
  if (process.getuid?.() === 0) {
    runAs = lookupUser("postgres")
    runuser = searchPath("runuser") ?? ["/usr/sbin/runuser", "/sbin/runuser"].find(isExecutableFile)
    if (runAs === undefined || runuser === undefined) {
      return yield* Effect.fail(
        failure(
          "BinaryNotFound",
          "PostgreSQL refuses to run as root, and " +
            (runAs === undefined ? "there is no `postgres` system user" : "`runuser` was not found") +
            " to run it as; install PostgreSQL with `apt-get install postgresql` (it creates that user), " +
            "or run the tests as a non-root user"
        )
      )
    }
  }
  const spawnFailed = (message: string) => failure("SpawnFailed", message)
  const root = yield* fs.makeTempDirectoryScoped({ prefix: "effect-opencode-pg-" }).pipe(
    Effect.flatMap((dir) => fs.realPath(dir)),
    Effect.mapError((e) => spawnFailed(`Could not create the temporary directory: ${e.message}`))
  )
  const dataDirectory = NodePathModule.join(root, "data")
  const socketDirectory = NodePathModule.join(root, "socket")
  yield* fs.makeDirectory(socketDirectory).pipe(
    Effect.andThen(
      runAs === undefined
        ? Effect.void
        : Effect.andThen(fs.chown(root, runAs.uid, runAs.gid), fs.chown(socketDirectory, runAs.uid, runAs.gid))
    ),
    Effect.mapError((e) => spawnFailed(`Could not prepare ${root}: ${e.message}`))
  )

  // `runuser -u` keeps the process group and lets SIGINT through (on SIGTERM it would wait two
  // seconds before it kills its child), so every process here is stopped with SIGINT.
  const command = (program: string, args: ReadonlyArray<string>, extra: ChildProcess.CommandOptions = {}) =>
    ChildProcess.make(
      runAs === undefined ? program : runuser!,
      runAs === undefined ? args : ["-u", runAs.name, "--", program, ...args],
      { cwd: root, extendEnv: true, stdin: "ignore", ...extra }
    )

  const lines: Array<string> = []
  const push = (line: string) => {
    if (line.trim().length === 0) return
    lines.push(line.replace(/\r$/, ""))
    if (lines.length > bufferSize) lines.splice(0, lines.length - bufferSize)
  }
  const drain = (handle: ChildProcessHandle) =>
    handle.all.pipe(
      Stream.decodeText,
      Stream.splitLines,
      Stream.runForEach((line) => Effect.sync(() => push(line))),
      Effect.ignore
    )

  const deadline = started + startTimeoutMillis
  const remaining = () => Math.max(0, deadline - Date.now())
  yield* Effect.scoped(Effect.gen(function*() {
    const handle = yield* spawner.spawn(
      command(initdb, [
        "-D",
        dataDirectory,
        "--auth=trust",
        "-U",
        user,
        "--no-sync",
        "-E",
        "UTF8",
        "--locale=C"
      ], { killSignal: "SIGINT", forceKillAfter: Duration.seconds(1) })
    ).pipe(Effect.mapError((e) => failure("SpawnFailed", `Could not start ${initdb}: ${e.message}`, [], initdb)))
    const code = yield* timeoutReal(
      Effect.andThen(drain(handle), handle.exitCode).pipe(
        Effect.mapError((e) => failure("Exited", `${initdb} failed: ${e.message}${tail(lines, 10)}`, lines, initdb))
      ),
      remaining(),
      () => failure("NotReady", `${initdb} did not finish within ${startTimeoutMillis} ms${tail(lines, 10)}`, lines, initdb)
    )
    if (code !== 0) {
      return yield* Effect.fail(
        failure("Exited", `${initdb} exited with code ${code}${tail(lines, 10)}`, lines, initdb)
      )
    }
  }))
  lines.length = 0

  const settings: Record<string, string> = {
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "200"
  }
  for (const [name, value] of Object.entries(options.settings ?? {})) settings[name] = settingValue(value)
  const probeConfig = (port: number, db: string): PgClient.PgClientConfig => ({
    host,
    port,
    username: user,
    database: db,
    connectTimeout: Duration.seconds(2)
  })

  // One start of the server, its process in `scope`: it answers a query or the start fails.
  const attempt = (port: number, deadlineAt: number) =>
    Effect.gen(function*() {
      lines.length = 0
      yield* Scope.addFinalizer(yield* Effect.scope, sweep(dataDirectory))
      const args = ["-D", dataDirectory, "-p", String(port), "-h", host, "-k", socketDirectory]
      for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`)
      const handle = yield* spawner.spawn(
        command(postgres, args, { detached: true, killSignal: "SIGINT", forceKillAfter: stopTimeout })
      ).pipe(Effect.mapError((e) => failure("SpawnFailed", `Could not start ${postgres}: ${e.message}`)))
      // Stopped (fast shutdown) also when this process is killed without finalizers.
      yield* parentGuard(handle.pid as number, { signal: "SIGINT", graceSeconds: Math.ceil(Duration.toSeconds(Duration.fromInputUnsafe(stopTimeout))) })
      yield* Effect.forkScoped(drain(handle))
      const probe = timeoutReal(
        queryOnce<{ version: string }>(probeConfig(port, "postgres"), "SELECT current_setting('server_version') AS version"),
        3_000,
        () => new Error("probe timed out")
      )
      const probeUntilReady: Effect.Effect<string> = probe.pipe(
        Effect.map((rows) => rows[0]?.version ?? "unknown"),
        Effect.catch(() => Effect.andThen(sleepReal(50), Effect.suspend(() => probeUntilReady)))
      )
      const died = handle.exitCode.pipe(
        Effect.map((code) => `exited with code ${code}`),
        Effect.catch((e) => Effect.succeed(`ended: ${e.message}`)),
        // let the last lines reach the buffer
        Effect.tap(() => sleepReal(200)),
        Effect.flatMap((how) =>
          Effect.fail(failure("Exited", `${postgres} ${how} before it was ready${tail(lines, 10)}`, lines))
        )
      )
      const version = yield* timeoutReal(
        Effect.raceFirst(probeUntilReady, died),
        Math.max(0, deadlineAt - Date.now()),
        () =>
          failure(
            "NotReady",
            `${postgres} did not answer on ${host}:${port} within ${startTimeoutMillis} ms${tail(lines, 10)}`,
            lines
          )
      )
      return { handle, version, pid: readPostmasterPid(dataDirectory) ?? handle.pid }
    })

  const current = yield* Ref.make<Instance | undefined>(undefined)
  const lock = yield* Semaphore.make(1)

  // The attempt in a scope of its own (child of the caller's), closed at once when it fails or is
  // interrupted; once it succeeded, it becomes the current instance without a gap.
  const launch = (port: number, deadlineAt: number) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        const scope = yield* Scope.fork(parentScope)
        const exit = yield* Effect.exit(restore(Scope.provide(attempt(port, deadlineAt), scope)))
        if (exit._tag === "Failure") {
          yield* Scope.close(scope, exit)
          return yield* Effect.failCause(exit.cause)
        }
        const { handle, pid, version } = exit.value
        yield* Ref.set(current, { scope, handle, pid })
        return version
      })
    )

  const portInUse = (error: ServerStartError) =>
    error.reason === "Exited" && error.output.some((line) => /could not bind|address already in use/i.test(line))

  // Another process may take the free port between its discovery and the start: try another.
  const firstLaunch = (
    retriesLeft: number
  ): Effect.Effect<{ readonly port: number; readonly version: string }, ServerStartError> =>
    Effect.gen(function*() {
      const port = yield* findFreePort
      return yield* launch(port, deadline).pipe(
        Effect.map((version) => ({ port, version })),
        Effect.catchIf(
          (error) => retriesLeft > 0 && portInUse(error),
          () => firstLaunch(retriesLeft - 1)
        )
      )
    })

  const { port, version } = yield* firstLaunch(3)

  if (database !== "postgres") {
    yield* timeoutReal(
      queryOnce(probeConfig(port, "postgres"), `CREATE DATABASE ${quoteIdent(database)}`),
      remaining(),
      () => new Error(`timed out after ${startTimeoutMillis} ms`)
    ).pipe(
      Effect.mapError((e) => failure("NotReady", `Could not create the database ${database}: ${e.message}`, lines))
    )
  }
  yield* Effect.logDebug(
    `PostgreSQL ${version} ready on ${host}:${port} (${Date.now() - started} ms, binaries ${binDirectory} from ${source})`
  )

  const stop: Effect.Effect<void> = lock.withPermit(
    Effect.uninterruptible(
      Effect.gen(function*() {
        const running = yield* Ref.getAndSet(current, undefined)
        if (running !== undefined) yield* Scope.close(running.scope, Exit.void)
      })
    )
  )

  const start: Effect.Effect<void, ServerStartError> = lock.withPermit(
    Effect.gen(function*() {
      if ((yield* Ref.get(current)) === undefined) yield* launch(port, Date.now() + startTimeoutMillis)
    })
  )

  const clientConfig = probeConfig(port, database)

  const urlOf = (name: string) => `postgres://${encodeURIComponent(user)}@${host}:${port}/${encodeURIComponent(name)}`

  return TestPostgres.of({
    url: urlOf(database),
    host,
    port,
    database,
    user,
    dataDirectory,
    socketDirectory,
    binDirectory,
    binarySource: source,
    version,
    pid: Effect.map(Ref.get(current), (running) => running?.pid),
    isRunning: Effect.flatMap(
      Ref.get(current),
      (running) => running === undefined ? Effect.succeed(false) : Effect.orElseSucceed(running.handle.isRunning, () => false)
    ),
    output: Effect.sync((): ReadonlyArray<string> => lines.slice()),
    stop,
    start,
    query: (sql, params) => queryOnce(clientConfig, sql, params),
    createDatabase: (name) => Effect.as(queryOnce(clientConfig, `CREATE DATABASE ${quoteIdent(name)}`), urlOf(name))
  })
})

/** A throwaway PostgreSQL server ({@link make}) for as long as the layer lives; share it across a file's tests. */
export const layer = (options?: Options): Layer.Layer<TestPostgres, ServerStartError> =>
  Layer.effect(TestPostgres, make(options))

/**
 * A `PgClient` (and `SqlClient`) pool connected to the {@link TestPostgres} server, with a short
 * connect timeout so that a query fails quickly while the server is stopped.
 *
 * @example
 * ```ts
 * import { PgClient } from "@effect/sql-pg"
 * import { Effect, Layer } from "effect"
 * import { TestPostgres } from "effect-opencode/testing"
 *
 * const TestLive = TestPostgres.layerClient().pipe(Layer.provideMerge(TestPostgres.layer()))
 * const program = PgClient.PgClient.use((sql) => sql`SELECT 1`).pipe(Effect.provide(TestLive))
 * ```
 */
export const layerClient = (
  config: Omit<PgClient.PgPoolConfig, "url" | "host" | "port" | "database" | "username"> = {}
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, SqlError, TestPostgres> =>
  Layer.unwrap(
    Effect.gen(function*() {
      const pg = yield* TestPostgres
      return PgClient.layer({ connectTimeout: Duration.seconds(2), ...config, url: Redacted.make(pg.url) })
    })
  )
