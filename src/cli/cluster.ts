/**
 * Cluster mode of the CLI: `runner --database postgres://…` (joins the cluster and runs its tasks
 * on its OpenCode servers until SIGTERM or Ctrl-C), `batch tasks.jsonl --database …` (submits,
 * follows, prints the results the database recorded) and `batch status --database …` (counts per
 * batch). The connection string is checked first, so a wrong one ends in one line.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as References from "effect/References"
import * as Scope from "effect/Scope"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as NodePath from "node:path"
import * as Cluster from "../cluster/Cluster.ts"
import * as ClusterBatch from "../cluster/ClusterBatch.ts"
import * as Database from "../cluster/Database.ts"
import * as Runner from "../cluster/Runner.ts"
import type * as ServerPool from "../cluster/ServerPool.ts"
import * as Store from "../cluster/Store.ts"
import type * as DurableBatch from "../durable/DurableBatch.ts"
import { deepMerge } from "../internal/merge.ts"
import { shownUrl } from "../internal/url.ts"
import * as OpencodeServer from "../layers/OpencodeServer.ts"
import * as DemoModel from "../model/DemoModel.ts"
import type * as TaskProgress from "../tasks/Progress.ts"
import * as TaskTelemetry from "../tasks/TaskTelemetry.ts"
import * as Format from "./Format.ts"
import * as Progress from "./Progress.ts"
import { InputError, render } from "./Report.ts"
import * as Results from "./Results.ts"
import { CliState, err, out, root } from "./Root.ts"
import * as Target from "./Target.ts"
import * as Tasks from "./Tasks.ts"

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

/** The environment variable read when `--database` is not given. */
export const databaseVariable = "EFFECT_OPENCODE_DATABASE"

/** A usage mistake (flags that do not go together, a missing `--database`): exit code 2. */
export const usage = (message: string, hint?: string): InputError =>
  new InputError({ message, ...(hint !== undefined ? { hint } : {}), usage: true })

/** The connection string of a command: `--database`, else `$EFFECT_OPENCODE_DATABASE`. */
export const databaseOf = (flag: Option.Option<string>): string | undefined => {
  if (Option.isSome(flag)) return flag.value
  const env = process.env[databaseVariable]?.trim()
  return env === undefined || env === "" ? undefined : env
}

const databaseDescription = `PostgreSQL of the cluster, postgres://user[:password]@host[:port]/database (default: $${databaseVariable})`

/** The flags `batch` takes for cluster mode: `--database`, `--batch-id`, `--retries`. */
export const batchFlags = {
  database: Flag.String("database").pipe(
    Flag.optional,
    Flag.withDescription(
      `Submit the tasks to the cluster whose PostgreSQL this is (postgres://user[:password]@host[:port]/database) and follow them; runners (effect-opencode runner) run them. Default: $${databaseVariable}, unless --journal is given`
    )
  ),
  batchId: Flag.String("batch-id").pipe(
    Flag.optional,
    Flag.withDescription("With --database: the batch's id (default: a hash of its tasks, so the same file is the same batch)")
  ),
  retries: Flag.Int("retries").pipe(
    Flag.optional,
    Flag.withDescription(
      "With --database: new attempts (new session, new prompt) of a task whose failure is safe to retry (its turn ended, or its prompt never reached the server); default 0"
    )
  )
}

/** The flags `batch status` takes for cluster mode. */
export const statusFlags = {
  database: Flag.String("database").pipe(
    Flag.optional,
    Flag.withDescription(`Read the counts of the cluster's batches from this PostgreSQL (default: $${databaseVariable} when no journal is given)`)
  ),
  batchId: Flag.String("batch-id").pipe(Flag.optional, Flag.withDescription("With --database: only this batch"))
}

/** Checks the connection string once, within 10 seconds, before anything else is built. */
const checkDatabase = (url: string) => Database.check(url, { timeout: "10 seconds" })

const credentials = (): Pick<ServerPool.Server, "username" | "password"> => {
  const password = process.env.OPENCODE_SERVER_PASSWORD
  if (password === undefined || password === "") return {}
  return { username: process.env.OPENCODE_SERVER_USERNAME || "opencode", password: Redacted.make(password) }
}

/** The model a running server's configuration names, if any. */
const configuredModel = (server: OpencodeServer.OpencodeServerShape) =>
  Effect.tryPromise(async () => {
    const response = await fetch(`${server.url}/config`, {
      headers: server.authorization !== undefined ? { authorization: Redacted.value(server.authorization) } : {},
      signal: AbortSignal.timeout(10_000)
    })
    const body = (await response.json()) as { model?: unknown }
    return typeof body.model === "string" && body.model !== "" ? body.model : undefined
  }).pipe(Effect.orElseSucceed(() => undefined))

/**
 * Starts `count` opencode servers in `dir` for the scope's life, as the embedded server is: with
 * the demo model, which becomes their default when the user's configuration names none (the first
 * server tells, then all restart with it): a task without a model would otherwise go to whatever
 * model opencode picks, a cloud one included.
 */
const startManaged = (
  count: number,
  dir: string | undefined,
  verbose: boolean,
  address: { readonly host: string; readonly listenHost: string | undefined }
) =>
  Effect.gen(function*() {
    const directory = NodePath.resolve(dir ?? process.cwd())
    const demo = DemoModel.providerConfig(yield* DemoModel.start())
    const config = deepMerge(Target.userConfig(), demo)
    const parent = yield* Effect.scope
    const startAll = (c: Record<string, unknown>, scope: Scope.Scope) =>
      Effect.forEach(
        Array.from({ length: count }),
        // The shared credentials, when set (other runners finish this one's tasks on these servers
        // once it is gone); listening where the runner does (other runners reach them at its host).
        () =>
          OpencodeServer.make({ cwd: directory, config: c, hostname: address.listenHost ?? address.host, ...credentials() })
            .pipe(Scope.provide(scope)),
        { concurrency: "unbounded" }
      )
    const firstScope = yield* Scope.fork(parent)
    let servers = yield* startAll(config, firstScope)
    const model = yield* configuredModel(servers[0]!)
    if (model === undefined) {
      yield* Scope.close(firstScope, Exit.void)
      servers = yield* startAll(deepMerge(config, { model: `${DemoModel.providerID}/${DemoModel.modelID}` }), parent)
    }
    if (verbose) {
      for (const s of servers) {
        yield* err(`managed opencode ${s.version} pid ${s.pid} at ${shownUrl(s.url)}; binary ${s.binary} (from ${s.binarySource})\n`)
      }
    }
    yield* err(
      model === undefined
        ? `default model: ${DemoModel.providerID}/${DemoModel.modelID} (offline demo model: it repeats the prompt, no AI; configure a model in opencode, or give tasks a "model")\n`
        : `default model: ${model} (from your opencode config)\n`
    )
    return servers.map((s): ServerPool.Server => ({
      url: address.listenHost === undefined ? s.url : `http://${address.host}:${s.port}`,
      directory: s.directory,
      username: s.username,
      ...(s.password !== undefined ? { password: s.password } : {})
    }))
  })

/** The flags of `runner`. */
export const runnerFlags = {
  database: Flag.String("database").pipe(Flag.optional, Flag.withDescription(databaseDescription)),
  servers: Flag.Int("servers").pipe(
    Flag.optional,
    Flag.withDescription("Start this many opencode servers (in --dir) and stop them on exit (default 1 when no --server is given)")
  ),
  server: Flag.String("server").pipe(
    Flag.atLeast(0),
    Flag.withDescription("Also run tasks on the opencode server at this URL (repeatable; password from $OPENCODE_SERVER_PASSWORD)")
  ),
  host: Flag.String("host").pipe(
    Flag.withDefault("127.0.0.1"),
    Flag.withDescription("The address the other runners reach this one at (default 127.0.0.1)")
  ),
  port: Flag.Int("port").pipe(Flag.withDefault(34431), Flag.withDescription("The port of this runner (default 34431)")),
  listenHost: Flag.String("listen-host").pipe(
    Flag.optional,
    Flag.withDescription("Listen on this address instead of --host (e.g. 0.0.0.0)")
  ),
  slots: Flag.Int("slots").pipe(Flag.optional, Flag.withDescription("Tasks in flight per server (default 8)")),
  name: Flag.String("name").pipe(
    Flag.optional,
    Flag.withDescription("The name results are recorded under (default host:port)")
  )
}

/**
 * `effect-opencode runner --database postgres://…`: joins the cluster and runs its shards' tasks on
 * its servers (`--servers N` started and stopped with it, `--server URL` already running) until
 * SIGTERM or Ctrl-C, when it leaves cleanly (its shards go to the other runners) and exits 0.
 */
export const runner = Command.make("runner", runnerFlags, (config) =>
  Effect.gen(function*() {
    const g = yield* root
    const state = yield* CliState
    const url = databaseOf(config.database)
    if (url === undefined) {
      return yield* usage(
        "runner needs --database postgres://user[:password]@host[:port]/database",
        `or set $${databaseVariable}`
      )
    }
    if (Option.isSome(g.url)) return yield* usage("runner takes --server URL (repeatable), not --url")
    const urls: Array<string> = []
    for (const raw of config.server) {
      let parsed: URL | undefined
      try {
        parsed = new URL(raw)
      } catch {
        parsed = undefined
      }
      if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
        return yield* usage(`invalid --server ${JSON.stringify(shownUrl(raw))}`, "give the URL of an opencode server, e.g. http://127.0.0.1:4096")
      }
      urls.push(raw.trim().replace(/\/+$/, ""))
    }
    const managed = Option.getOrElse(config.servers, () => (urls.length === 0 ? 1 : 0))
    if (managed < 0) return yield* usage(`invalid --servers ${managed}`, "give a number ≥ 0")
    if (managed + urls.length === 0) {
      return yield* usage("a runner needs at least one server", "give --servers N, or --server URL")
    }
    if (Option.isSome(config.slots) && config.slots.value < 1) {
      return yield* usage(`invalid --slots ${config.slots.value}`, "give a number ≥ 1")
    }
    if (config.port < 1 || config.port > 65535) return yield* usage(`invalid --port ${config.port}`, "give a port from 1 to 65535")
    const connection = yield* checkDatabase(url)
    const name = Option.getOrElse(config.name, () => `${config.host}:${config.port}`)
    // SIGTERM and Ctrl-C are how a runner ends.
    state.interruptExitCode = 0
    const dir = Option.getOrUndefined(g.dir)
    yield* Effect.scoped(Effect.gen(function*() {
      const creds = credentials()
      const given = urls.map((u): ServerPool.Server => ({
        url: u,
        ...(dir !== undefined ? { directory: NodePath.resolve(dir) } : {}),
        ...creds
      }))
      const started = managed > 0
        ? yield* startManaged(managed, dir, g.verbose, { host: config.host, listenHost: Option.getOrUndefined(config.listenHost) })
        : []
      const servers = [...given, ...started]
      // The last runner to leave sees no healthy runner left: not worth a warning.
      let leaving = false
      const loggers = yield* References.CurrentLoggers
      const quiet = Logger.make((options) => {
        if (leaving && options.logLevel === "Warn" && /No healthy runners/.test(String(options.message))) return
        for (const logger of loggers) logger.log(options)
      })
      yield* Layer.build(Runner.layer({
        cluster: {
          database: url,
          host: config.host,
          port: config.port,
          ...(Option.isSome(config.listenHost) ? { listenHost: config.listenHost.value } : {})
        },
        servers: { urls: servers },
        ...(Option.isSome(config.slots) ? { slotsPerServer: config.slots.value } : {}),
        ...(creds.password !== undefined ? { remote: creds } : {}),
        name
      }).pipe(Layer.provide(Logger.layer([quiet]))))
      // Runs first when the scope closes: the runner leaves before its servers stop.
      yield* Effect.addFinalizer(() =>
        Effect.andThen(
          Effect.sync(() => void (leaving = true)),
          err(`runner ${name} leaving: its tasks go to the other runners\n`)
        )
      )
      yield* err(
        `runner ${name} joined: ${plural(servers.length, "server")} [${servers.map((s) => shownUrl(s.url)).join(", ")}], database ${connection.display}\n`
      )
      return yield* Effect.never
    })).pipe(Effect.onInterrupt(() => err(`runner ${name} left the cluster\n`)))
  })).pipe(
  Command.withDescription(
    "Join a cluster (PostgreSQL at --database) and run its batches' tasks on opencode servers until SIGTERM or Ctrl-C"
  )
)

/** The parsed flags of `batch` that cluster mode reads. */
export interface BatchInput {
  readonly file: string
  /** The connection string (`--database` or its variable). */
  readonly database: string
  readonly flags: {
    readonly batchId: Option.Option<string>
    readonly retries: Option.Option<number>
    readonly out: Option.Option<string>
    readonly model: Option.Option<string>
    readonly agent: Option.Option<string>
    readonly timeout: Option.Option<number>
    readonly stallTimeout: Option.Option<number>
    readonly ephemeral: boolean
    readonly join: boolean
    readonly allowChanged: boolean
    readonly maxCost: Option.Option<number>
    readonly maxTokens: Option.Option<number>
  }
  /** `--url` (refused: the runners' servers run the tasks). */
  readonly url: Option.Option<string>
  readonly state: CliState["Service"]
}

/** Each line of the tasks file as a durable task, as `batch --journal` makes them. */
const toTasks = (file: string, lines: ReadonlyArray<Tasks.TaskLine>, flags: BatchInput["flags"]) =>
  Effect.gen(function*() {
    const flagModel = Option.isSome(flags.model) ? yield* Target.parseModel(flags.model.value) : undefined
    return yield* Effect.forEach(lines, (task) =>
      Effect.gen(function*() {
        const model = task.model !== undefined
          ? yield* Target.parseModel(task.model).pipe(
            Effect.mapError((e) => new InputError({ message: `${file} line ${task.line}: ${e.message}`, ...(e.hint ? { hint: e.hint } : {}) }))
          )
          : flagModel
        const agent = task.agent ?? Option.getOrUndefined(flags.agent)
        const result: DurableBatch.Task = {
          prompt: task.prompt,
          name: task.id,
          options: {
            session: { title: task.title ?? Format.firstLine(task.prompt) },
            ...(model !== undefined ? { model } : {}),
            ...(agent !== undefined ? { agent } : {})
          }
        }
        return result
      }))
  })

/**
 * `batch tasks.jsonl --database postgres://…`: submits the tasks through a client-only cluster
 * layer (the same tasks again are the same batch: nothing runs twice), follows them (progress on
 * stderr), writes one result line per task as the database records it (`--out` or stdout) and a
 * summary; exit code 1 when a task failed. Ctrl-C stops following only: the runners go on.
 */
export const runBatch = (input: BatchInput) =>
  Effect.gen(function*() {
    const { flags } = input
    const refused = [
      flags.join ? "--join" : undefined,
      flags.allowChanged ? "--allow-changed" : undefined,
      flags.ephemeral ? "--ephemeral" : undefined,
      Option.isSome(input.url) ? "--url" : undefined
    ].filter((f) => f !== undefined)
    if (refused.length > 0) {
      return yield* usage(
        `${refused.join(", ")} cannot be combined with --database`,
        "a cluster batch runs on the runners' servers; leave them out"
      )
    }
    for (const [name, value] of [["--timeout", flags.timeout], ["--stall-timeout", flags.stallTimeout]] as const) {
      if (Option.isSome(value) && value.value < 1) return yield* usage(`invalid ${name} ${value.value}`, "give a number of seconds ≥ 1")
    }
    if (Option.isSome(flags.retries) && flags.retries.value < 0) {
      return yield* usage(`invalid --retries ${flags.retries.value}`, "give a number ≥ 0")
    }
    const lines = yield* Tasks.read(input.file)
    const tasks = yield* toTasks(input.file, lines, flags)
    const connection = yield* checkDatabase(input.database)
    const outFile = Option.getOrUndefined(flags.out)
    const state = input.state
    state.where = {}

    yield* Effect.scoped(Effect.gen(function*() {
      const results = yield* Results.open(outFile)
      const context = yield* Layer.build(Cluster.layer({ database: input.database, clientOnly: true }))
      const started = Date.now()
      const submitted = yield* ClusterBatch.submit(tasks, {
        batchId: Option.getOrUndefined(flags.batchId),
        retries: Option.getOrUndefined(flags.retries),
        ...(Option.isSome(flags.stallTimeout) ? { stallTimeout: `${flags.stallTimeout.value} seconds` } : {}),
        ...(Option.isSome(flags.timeout) ? { timeoutPerTask: `${flags.timeout.value} seconds` } : {}),
        ...(Option.isSome(flags.maxCost) ? { maxCost: flags.maxCost.value } : {}),
        ...(Option.isSome(flags.maxTokens) ? { maxTokens: flags.maxTokens.value } : {})
      }).pipe(Effect.provideContext(context))
      const { batchId } = submitted
      yield* err(
        `batch ${batchId}: ${plural(tasks.length, "task")} ${submitted.existed ? "already in" : "submitted to"} the cluster at ${connection.display}${
          outFile !== undefined ? `, results to ${outFile}` : ""
        }\n`
      )
      const reporter = new Progress.Reporter(process.stderr, process.stderr.isTTY === true)
      let progress: TaskProgress.Progress = { total: tasks.length, finished: 0, failed: 0, skipped: 0, running: 0 }
      const count = (finished: number, failed: number, skipped: number): TaskProgress.Progress => ({
        total: tasks.length,
        finished,
        failed,
        skipped,
        running: 0
      })
      // Nothing ended for a while: maybe no runner is up.
      yield* Effect.forkScoped(
        Effect.sleep("20 seconds").pipe(
          Effect.andThen(Effect.suspend(() =>
            Progress.ended(progress) === 0
              ? Effect.sync(() => reporter.line("no task has ended yet; is a runner up? (effect-opencode runner --database …)"))
              : Effect.void
          ))
        )
      )
      const result = yield* ClusterBatch.follow(batchId, {
        onProgress: (p) => {
          if (p.finished + p.failed + p.skipped === 0) reporter.update(count(p.finished, p.failed, p.skipped))
        },
        onResult: (r) =>
          Effect.gen(function*() {
            progress = count(
              progress.finished + (r.status === "finished" ? 1 : 0),
              progress.failed + (r.status === "failed" ? 1 : 0),
              progress.skipped + (r.status === "skipped" ? 1 : 0)
            )
            const id = lines[r.index]?.id ?? r.key
            yield* results.write(Results.fromStored(r, id))
            reporter.finished(
              r.status === "finished"
                ? { ok: true, id, millis: r.output?.millis ?? 0, spent: r.output !== undefined ? Progress.spentOf(r.output) : undefined }
                : r.status === "skipped"
                ? { ok: false, id, millis: 0, error: `skipped: ${r.reason?.message ?? "budget used up"}` }
                : { ok: false, id, millis: r.output?.millis ?? 0, error: r.error !== undefined ? render(r.error).line : "failed" },
              progress
            )
          })
      }).pipe(
        Effect.provideContext(context),
        Effect.onInterrupt(() =>
          Effect.sync(() =>
            reporter.line(
              `interrupted: the tasks go on on the runners; run the same command again to follow them, or effect-opencode batch status --database … --batch-id ${batchId}`
            )
          )
        ),
        Effect.ensuring(Effect.sync(() => reporter.close()))
      )
      yield* TaskTelemetry.batchEnded(result.results.map(Store.toTaskEnd), { id: batchId })
      yield* results.close
      yield* err(
        `${plural(result.results.length, "task")}: ${result.finished.length} done, ${result.failed.length} failed${
          result.skipped.length > 0 ? `, ${result.skipped.length} skipped (budget)` : ""
        } in ${
          Format.duration(Date.now() - started)
        } · ${Format.cost(result.cost)} · ${Format.count(result.tokens)} tokens · batch ${batchId}${
          outFile !== undefined ? ` · results in ${outFile}` : ""
        }\n`
      )
      if (result.failed.length > 0 || result.skipped.length > 0) state.exitCode = 1
      // The batch's span, as `ClusterBatch.run` makes it (the runners' task spans join its trace).
    })).pipe(TaskTelemetry.traceBatch({ tasks: tasks.length }))
  }).pipe(Effect.catchTag("ValidationError", (e) => Effect.fail(new InputError({ message: e.message }))))

/** The line `batch status --database` prints for one batch. */
export const statusLine = (c: Store.BatchCounts): string =>
  `batch ${c.batchId} : ${plural(c.total, "task")}, ${c.finished} finished, ${c.failed} failed, ${
    c.skipped > 0 ? `${c.skipped} skipped, ` : ""
  }${c.pending} pending, ${
    Format.cost(c.cost)
  }, ${Format.count(c.tokens)} tokens`

/**
 * `batch status --database postgres://… [--batch-id ID] [--json]`: the counts of every batch
 * (newest first) or of one; `--json` prints them as a JSON array.
 */
export const status = (input: { readonly database: string; readonly batchId: Option.Option<string>; readonly json: boolean }) =>
  Effect.gen(function*() {
    yield* checkDatabase(input.database)
    const batchId = Option.getOrUndefined(input.batchId)
    const counts = yield* ClusterBatch.status(batchId).pipe(Effect.provide(Database.layer(input.database)))
    if (batchId !== undefined && counts.length === 0) {
      return yield* new InputError({ message: `no batch ${batchId} in the database`, hint: "batch status --database … lists them all" })
    }
    if (input.json) {
      return yield* out(`${JSON.stringify(counts.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })))}\n`)
    }
    if (counts.length === 0) return yield* err("no batches in the database yet\n")
    yield* out(`${counts.map(statusLine).join("\n")}\n`)
  })

/** Whether a value is the `DatabaseError` of a malformed connection string (a usage mistake). */
export const isInvalidUrl = (u: unknown): boolean =>
  u instanceof Database.DatabaseError && u.reason === "InvalidUrl"
