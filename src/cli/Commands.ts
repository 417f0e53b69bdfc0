/**
 * The commands of the `effect-opencode` CLI (Effect's CLI module): `run`, `batch`,
 * `sessions list|get|delete|diff|revert|summarize`, `events` and `runner` (cluster mode: see
 * cluster.ts), with the shared flags `--url`, `--dir`, `--json`, `--verbose` (Root.ts).
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as SseConnection from "../streams/SseConnection.ts"
import { Ids } from "../index.ts"
import { shownUrl } from "../internal/url.ts"
import * as NodeFs from "node:fs"
import * as EventSchema from "../schema/Event.ts"
import { Prompt } from "../schema/PromptInput.ts"
import * as DurableBatch from "../durable/DurableBatch.ts"
import * as Batch from "../services/Batch.ts"
import * as EventService from "../services/EventService.ts"
import * as PermissionService from "../services/PermissionService.ts"
import * as Run from "../services/Run.ts"
import * as SessionService from "../services/SessionService.ts"
import * as ClusterCli from "./cluster.ts"
import { readJsonSchemaFile } from "./SchemaFile.ts"
import * as Format from "./Format.ts"
import * as JournalCli from "./journal.ts"
import * as Permissions from "./Permissions.ts"
import * as Progress from "./Progress.ts"
import { errorJson, InputError, render } from "./Report.ts"
import * as Results from "./Results.ts"
import { CliState, err, out, root } from "./Root.ts"
import * as Target from "./Target.ts"
import * as Tasks from "./Tasks.ts"

const modelFlag = Flag.String("model").pipe(
  Flag.withAlias("m"),
  Flag.optional,
  Flag.withDescription("provider/model (embedded default: your opencode config's model, else local/echo, the offline demo model)")
)
const agentFlag = Flag.String("agent").pipe(Flag.withAlias("a"), Flag.optional, Flag.withDescription("Agent to run the prompt with"))
const timeoutFlag = Flag.Int("timeout").pipe(
  Flag.optional,
  Flag.withDescription("Seconds a prompt may take; then its session is aborted (default: no limit)")
)
/** The permission policy of an unattended run (see Permissions.ts). */
const permissionFlags = {
  allow: Flag.String("allow").pipe(
    Flag.atLeast(0),
    Flag.withDescription("Allow permission requests this rule covers, permission[:pattern] with * wildcards, e.g. bash:git * (repeatable); requests no rule allows are rejected")
  ),
  deny: Flag.String("deny").pipe(
    Flag.atLeast(0),
    Flag.withDescription("Reject permission requests this rule covers, e.g. bash:rm * (repeatable; deny rules win)")
  ),
  permissions: Flag.String("permissions").pipe(
    Flag.optional,
    Flag.withDescription("Read allow and deny rules from this JSON file: {\"allow\": [\"edit\"], \"deny\": [\"bash\"]}")
  )
}
const ephemeralFlag = Flag.Boolean("ephemeral").pipe(
  Flag.withDefault(false),
  Flag.withDescription("Delete the sessions created when done")
)

interface Connection {
  readonly url: string | undefined
  readonly dir: string | undefined
  readonly verbose: boolean
}

/** Connects (embedded or `--url`), prints the server details with `--verbose`, and runs `body` with it. */
const withTarget = <A, E, R>(
  connection: Connection,
  options: { readonly model?: string | undefined; readonly needsModel?: boolean | undefined },
  body: Effect.Effect<A, E, R>
) =>
  Effect.scoped(Effect.gen(function*() {
    const state = yield* CliState
    state.where = {
      url: connection.url === undefined ? undefined : shownUrl(connection.url),
      embedded: connection.url === undefined && !process.env.OPENCODE_BASE_URL
    }
    const context = yield* Target.make({ url: connection.url, dir: connection.dir, ...options })
    const info = Context.get(context, Target.Target)
    state.where = { url: info.url, embedded: info.mode === "embedded" }
    if (connection.verbose && info.mode === "embedded") {
      yield* err(
        `embedded opencode ${info.version} pid ${info.pid} at ${info.url}; binary ${info.binary} (from ${info.binarySource})\n`
      )
    }
    return yield* Effect.provide(body, context)
  }))

const flagsOf = (g: {
  readonly url: Option.Option<string>
  readonly dir: Option.Option<string>
  readonly verbose: boolean
}): Connection => ({ url: Option.getOrUndefined(g.url), dir: Option.getOrUndefined(g.dir), verbose: g.verbose })

/** The prompt's file parts: each path checked here (a missing one is an `InputError`), a directory as such. */
const attachments = (paths: ReadonlyArray<string>) =>
  Effect.forEach(paths, (path) =>
    Effect.gen(function*() {
      const stat = yield* Effect.try({
        try: () => NodeFs.statSync(path),
        catch: () => new InputError({ message: `no file at ${path} (--file)`, hint: "give the path of a file or folder to attach" })
      })
      const directory = stat.isDirectory() && !path.endsWith("/")
      return Prompt.file(directory ? `${path}/` : path)
    }))

/** The session `--continue` continues: the directory's newest root session, or `undefined`. */
const lastSession = (sessions: SessionService.Service) =>
  Effect.map(sessions.list({ roots: true }), (all) =>
    all.reduce<(typeof all)[number] | undefined>((newest, s) => newest === undefined || s.time.updated > newest.time.updated ? s : newest, undefined))

/** Prints the session's events as JSON Lines (`--format json`) until its `session.idle` has been printed. */
const printEvents = (sub: EventService.Subscription, sessionID: string) =>
  sub.items.pipe(
    Stream.filter((item) => SseConnection.isReconnected(item) || EventSchema.eventSessionID(item) === sessionID),
    Stream.takeUntil((item) => item.type === "session.idle"),
    Stream.runForEach((item) =>
      SseConnection.isReconnected(item)
        ? err(`reconnected after ${Duration.format(item.downtime)} (events in the gap are lost)\n`)
        : out(`${JSON.stringify(item)}\n`)
    )
  )

/**
 * `effect-opencode run "prompt"`: runs a prompt to completion, streaming the answer to stdout, then
 * the diff summary, tokens and cost on stderr (`--json`: one JSON result; `--format json`: the
 * session's events as JSON Lines). `-c`/`-s` continue a session, `-f` attaches files; the
 * permission policy (`--allow`, `--deny`, `--permissions`) answers permission requests and
 * rejects what it does not allow.
 */
export const run = Command.make("run", {
  prompt: Argument.String("prompt").pipe(Argument.withDescription("The prompt")),
  model: modelFlag,
  agent: agentFlag,
  timeout: timeoutFlag,
  ephemeral: ephemeralFlag,
  continue: Flag.Boolean("continue").pipe(
    Flag.withAlias("c"),
    Flag.withDefault(false),
    Flag.withDescription("Continue the directory's last session (a new one when it has none)")
  ),
  session: Flag.String("session").pipe(
    Flag.withAlias("s"),
    Flag.optional,
    Flag.withDescription("Continue this session (ses_…)")
  ),
  file: Flag.String("file").pipe(
    Flag.withAlias("f"),
    Flag.atLeast(0),
    Flag.withDescription("Attach this file or folder to the prompt (repeatable; read by the server, so a path on its machine)")
  ),
  title: Flag.String("title").pipe(
    Flag.optional,
    Flag.withDescription("Title of the new session (default: the prompt's first line)")
  ),
  format: Flag.Literals("format", ["default", "json"]).pipe(
    Flag.withDefault("default"),
    Flag.withDescription("default: the answer as text; json: the session's events as JSON Lines on stdout")
  ),
  ...permissionFlags,
  schema: Flag.String("schema").pipe(
    Flag.optional,
    Flag.withDescription("A JSON Schema file: ask for structured output following it (printed as JSON; in --json as `structured`)")
  )
}, (config) =>
  Effect.gen(function*() {
    const g = yield* root
    const model = Option.getOrUndefined(config.model)
    const given = Option.getOrUndefined(config.session)
    if (config.continue && given !== undefined) {
      return yield* ClusterCli.usage("--continue and --session cannot be combined", "give one session to continue")
    }
    const existing = config.continue || given !== undefined
    if (existing && Option.isSome(config.title)) {
      return yield* ClusterCli.usage("--title names a new session; it cannot be combined with --continue or --session")
    }
    if (existing && config.ephemeral) {
      return yield* ClusterCli.usage("--ephemeral deletes the session the run creates; it cannot be combined with --continue or --session")
    }
    const events = config.format === "json"
    if (events && g.json) {
      return yield* ClusterCli.usage("--json and --format json cannot be combined", "--json prints one result, --format json the session's events")
    }
    const policy = yield* Permissions.make({
      file: Option.getOrUndefined(config.permissions),
      allow: config.allow,
      deny: config.deny
    })
    const files = yield* attachments(config.file)
    const quiet = g.json || events
    const program = Effect.gen(function*() {
      const info = yield* Target.Target
      const sessions = yield* SessionService.SessionService
      const eventService = yield* EventService.EventService
      if (!g.json) yield* err(`${Target.banner(info)}\n`)
      const rules = Permissions.askRules(policy)
      const create = () => {
        const options = { title: Option.getOrElse(config.title, () => Format.firstLine(config.prompt)), ...(rules.length > 0 ? { permission: rules } : {}) }
        return config.ephemeral ? sessions.createScoped(options) : sessions.create(options)
      }
      let sessionID: string
      if (given !== undefined) {
        sessionID = (yield* sessions.get(given)).id
      } else if (config.continue) {
        const last = yield* lastSession(sessions)
        if (last === undefined) yield* err(`no earlier session in this directory: starting a new one\n`)
        sessionID = last !== undefined ? last.id : (yield* create()).id
      } else {
        sessionID = (yield* create()).id
      }
      if (existing && rules.length > 0 && sessionID !== undefined && !g.json) {
        yield* err(`continuing ${sessionID}: its own permission rules stay; the policy answers what the server asks\n`)
      }
      // Every permission request of the session is answered: by the policy, else rejected.
      yield* Effect.forkScoped(
        Permissions.answer(policy, sessionID, (line) => err(`${line}\n`)).pipe(
          Effect.catchCause((cause) => err(`warning: permission requests are no longer answered: ${render(Cause.squash(cause), {}).line}\n`))
        )
      )
      const messageID = Ids.newMessageID()
      let printed = ""
      const eventsFiber = events
        ? yield* Effect.gen(function*() {
          const sub = yield* eventService.subscribe()
          yield* sub.ready
          return yield* Effect.forkScoped(printEvents(sub, sessionID).pipe(Effect.ignore))
        })
        : undefined
      const textFiber = quiet ? undefined : yield* Effect.forkScoped(
        eventService.textStream(sessionID, { after: messageID }).pipe(
          Stream.runForEach((text) =>
            Effect.sync(() => {
              printed += text
              process.stdout.write(text)
            })
          ),
          Effect.ignore
        )
      )
      // A continued session keeps its model unless one is chosen (or only the demo model answers).
      const useModel = !existing || model !== undefined || info.modelSource === "demo" ? info.model : undefined
      const started = Date.now()
      const schema = Option.isSome(config.schema) ? yield* readJsonSchemaFile(config.schema.value) : undefined
      const result = yield* Run.run({
        messageID,
        parts: [Prompt.text(config.prompt), ...files],
        ...(schema !== undefined ? { format: { type: "json_schema" as const, schema: schema as never } } : {})
      }, {
        sessionID,
        ...(useModel !== undefined ? { model: useModel } : {}),
        ...(Option.isSome(config.agent) ? { agent: config.agent.value } : {}),
        ...(Option.isSome(config.timeout) ? { timeout: Duration.seconds(config.timeout.value) } : {})
      })
      const json = Format.runJson(result, Date.now() - started)
      const structured = result.structured !== undefined ? { structured: result.structured } : {}
      if (g.json) return yield* out(`${JSON.stringify({ ...json, ...structured })}\n`)
      for (const fiber of [eventsFiber, textFiber]) {
        if (fiber === undefined) continue
        // The streams end at the session's idle; give them a moment to flush.
        yield* Fiber.join(fiber).pipe(Effect.timeoutOption(Duration.seconds(3)))
        yield* Fiber.interrupt(fiber)
      }
      if (!events) {
        // Whatever the stream did not show (e.g. text of a reply it could not follow).
        if (!result.text.startsWith(printed) || printed.length === 0) {
          if (printed.length > 0) yield* out("\n")
          yield* out(result.text)
          printed = result.text
        } else if (printed.length < result.text.length) {
          yield* out(result.text.slice(printed.length))
          printed = result.text
        }
        if (printed.length > 0 && !printed.endsWith("\n")) yield* out("\n")
      }
      if (result.structured !== undefined && !events) yield* out(`${JSON.stringify(result.structured, null, 2)}\n`)
      yield* err(`\n${[...Format.diffSummary(json.files), Format.usageLine(json)].join("\n")}\n`)
    }).pipe(Effect.provide(PermissionService.layer))
    yield* withTarget(flagsOf(g), { model }, program).pipe(
      Effect.tapError((e) => (quiet ? out(`${JSON.stringify({ ok: false, error: errorJson(e) })}\n`) : Effect.void))
    )
  })).pipe(Command.withDescription("Run a prompt to completion; stream the answer, then print the diff summary and cost"))

/**
 * `effect-opencode batch tasks.jsonl`: runs a JSON Lines file's tasks with bounded concurrency, a
 * live progress bar on a terminal (plain lines otherwise), one JSON result per task as it ends (to
 * `--out` or stdout); exit code 1 if any failed. Ctrl-C aborts the running tasks' sessions and stops
 * the embedded server. `--journal` (journal.ts) and `--database` (cluster.ts) hand it on.
 */
export const batch = Command.make("batch", {
  file: Argument.String("tasks").pipe(
    Argument.withDescription(`JSON Lines, one task a line: {"prompt": "...", "id"?: "...", "model"?: "p/m", "agent"?: "..."} (- reads stdin)`)
  ),
  concurrency: Flag.Int("concurrency").pipe(
    Flag.withAlias("j"),
    Flag.filter((n) => n >= 1, () => "a whole number ≥ 1"),
    Flag.withDefault(5),
    Flag.withDescription("Tasks running at once (default 5)")
  ),
  out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.optional, Flag.withDescription("Write the result lines here; the file is replaced whole when the batch ends (default: stdout, as tasks finish)")),
  model: modelFlag,
  agent: agentFlag,
  timeout: timeoutFlag,
  ephemeral: ephemeralFlag,
  ...JournalCli.batchFlags,
  ...ClusterCli.batchFlags
}, (config) =>
  Effect.gen(function*() {
    const g = yield* root
    const state = yield* CliState
    if (Option.isSome(config.database) && Option.isSome(config.journal)) {
      return yield* ClusterCli.usage(
        "--database and --journal cannot be combined",
        "--database runs the batch on a cluster's runners, --journal in this process"
      )
    }
    // $EFFECT_OPENCODE_DATABASE stands in for --database unless --journal is given.
    const database = Option.isSome(config.journal) ? undefined : ClusterCli.databaseOf(config.database)
    if (database !== undefined) {
      return yield* ClusterCli.runBatch({ file: config.file, database, flags: config, url: g.url, state })
    }
    if (Option.isSome(config.batchId)) return yield* ClusterCli.usage("--batch-id needs --database")
    if (Option.isSome(config.retries)) return yield* ClusterCli.usage("--retries needs --database")
    yield* JournalCli.checkFlags(config)
    const tasks = yield* Tasks.read(config.file)
    const models = new Map<string, Target.ModelRef>()
    for (const task of tasks) {
      if (task.model !== undefined) {
        models.set(
          task.id,
          yield* Target.parseModel(task.model).pipe(
            Effect.mapError((e) => new InputError({ message: `${config.file} line ${task.line}: ${e.message}`, hint: e.hint }))
          )
        )
      }
    }
    const outFile = Option.getOrUndefined(config.out)
    const program = Effect.gen(function*() {
      const info = yield* Target.Target
      yield* err(`${Target.banner(info)}\n`)
      yield* err(`${tasks.length} task${tasks.length === 1 ? "" : "s"}, concurrency ${config.concurrency}${
        outFile !== undefined ? `, results to ${outFile}` : ""
      }\n`)
      const results = yield* Results.open(outFile)
      const reporter = new Progress.Reporter(process.stderr, process.stderr.isTTY === true)
      const batchTasks: Array<Batch.Task> = tasks.map((task) => {
        const model = models.get(task.id) ?? info.model
        return {
          prompt: task.prompt,
          name: task.id,
          options: {
            session: { title: task.title ?? Format.firstLine(task.prompt) },
            ...(model !== undefined ? { model } : {}),
            ...(task.agent !== undefined
              ? { agent: task.agent }
              : Option.isSome(config.agent)
              ? { agent: config.agent.value }
              : {})
          }
        }
      })
      if (Option.isSome(config.journal)) {
        const ids = tasks.map((t) => t.id)
        return yield* JournalCli.runBatch({
          flags: config,
          tasks: batchTasks,
          ids,
          concurrency: config.concurrency,
          timeoutSeconds: config.timeout,
          ephemeral: config.ephemeral,
          results,
          reporter,
          state,
          outFile
        })
      }
      // The same key as with --journal, so the lines of every mode name a task alike.
      const keys = yield* DurableBatch.taskKeys(batchTasks).pipe(Effect.mapError((e) => new InputError({ message: e.message })))
      let last: Batch.Progress = { total: tasks.length, finished: 0, failed: 0, skipped: 0, running: 0 }
      let done: Batch.BatchResult | undefined
      const started = Date.now()
      // When each task started: a failed task's time on its progress line.
      const startedAt = new Map<number, number>()
      yield* Batch.stream(batchTasks, {
        concurrency: config.concurrency,
        ephemeral: config.ephemeral,
        ...(Option.isSome(config.timeout) ? { timeoutPerTask: Duration.seconds(config.timeout.value) } : {})
      }).pipe(
        // Not reached: the keys were checked above.
        Stream.mapError((e) => new InputError({ message: e.message })),
        Stream.runForEach((event) =>
          Effect.gen(function*() {
            last = event.progress
            switch (event._tag) {
              case "Started":
                startedAt.set(event.index, Date.now())
                return reporter.update(event.progress)
              case "Ended": {
                const r = event.result
                const id = tasks[r.index]!.id
                yield* results.write(Results.fromBatch(r, { id, index: r.index, key: keys[r.index]! }))
                if (r._tag === "Finished") return reporter.finished({ ok: true, id, millis: r.output.millis, spent: Progress.spentOf(r.output) }, event.progress)
                const millis = Date.now() - (startedAt.get(r.index) ?? Date.now())
                return reporter.finished({ ok: false, id, millis, error: render(r.error, state.where).line }, event.progress)
              }
              case "Done":
                done = event.result
                return
            }
          })
        ),
        Effect.onInterrupt(() =>
          Effect.sync(() => {
            reporter.line(
              `interrupted: ${last.running} running task${last.running === 1 ? "" : "s"} aborted, ${
                last.total - Progress.started(last)
              } not started; ${Progress.ended(last)} result${Progress.ended(last) === 1 ? "" : "s"} written`
            )
          })
        ),
        Effect.ensuring(Effect.sync(() => reporter.close()))
      )
      yield* results.close
      const failed = done?.failed.length ?? last.failed
      const finished = done?.finished.length ?? last.finished
      yield* err(
        // "succeeded": the wording the plain batch's summary line has always had.
        `${tasks.length} task${tasks.length === 1 ? "" : "s"}: ${finished} succeeded, ${failed} failed in ${
          Format.duration(Date.now() - started)
        } · ${Format.cost(reporter.spent.cost)} · ${Format.count(reporter.spent.tokens)} tokens${outFile !== undefined ? ` · results in ${outFile}` : ""}\n`
      )
      if (failed > 0) state.exitCode = 1
    })
    yield* withTarget(flagsOf(g), { model: Option.getOrUndefined(config.model) }, program)
  })).pipe(
    Command.withDescription(
      "Run the prompts of a JSON Lines file with bounded concurrency; one JSON result per task; exit code 1 if any failed"
    ),
    Command.withSubcommands([JournalCli.status])
  )

const sessionArg = Argument.String("session").pipe(Argument.withDescription("Session id (ses_…)"))

const sessionsCommand = <A>(
  needsModel: boolean,
  model: string | undefined,
  body: (services: {
    readonly sessions: SessionService.Service
    readonly info: Target.Info
    readonly json: boolean
  }) => Effect.Effect<A, unknown>
) =>
  Effect.gen(function*() {
    const g = yield* root
    return yield* withTarget(
      flagsOf(g),
      { needsModel, model },
      Effect.gen(function*() {
        const sessions = yield* SessionService.SessionService
        const info = yield* Target.Target
        if (g.verbose) yield* err(`${Target.banner(info)}\n`)
        return yield* body({ sessions, info, json: g.json })
      })
    )
  })

const printJsonOr = (json: boolean, value: unknown, lines: () => ReadonlyArray<string>) =>
  json ? out(`${JSON.stringify(value, null, 2)}\n`) : out(`${lines().join("\n")}\n`)

const diffLines = (diff: ReadonlyArray<{ readonly file?: string | undefined; readonly patch?: string | undefined }>, files: ReadonlyArray<Format.FileChange>, withPatch: boolean) => [
  ...Format.diffSummary(files),
  ...(withPatch ? diff.flatMap((d) => (d.patch ? ["", d.patch.trimEnd()] : [])) : [])
]

const list = Command.make("list", {
  limit: Flag.Int("limit").pipe(Flag.withDefault(20), Flag.withDescription("At most this many sessions (default 20)")),
  search: Flag.String("search").pipe(Flag.optional, Flag.withDescription("Only titles containing this"))
}, (config) =>
  sessionsCommand(false, undefined, ({ json, sessions }) =>
    Effect.gen(function*() {
      const all = yield* sessions.list({
        limit: config.limit,
        ...(Option.isSome(config.search) ? { search: config.search.value } : {})
      })
      const sorted = [...all].sort((a, b) => b.time.updated - a.time.updated)
      yield* printJsonOr(json, sorted, () => Format.sessionTable(sorted))
    }))).pipe(Command.withDescription("List the sessions of the project, newest first"))

const get = Command.make("get", { session: sessionArg }, (config) =>
  sessionsCommand(false, undefined, ({ json, sessions }) =>
    Effect.flatMap(sessions.get(config.session), (s) => printJsonOr(json, s, () => Format.sessionDetails(s))))).pipe(
    Command.withDescription("Show one session")
  )

const del = Command.make("delete", { session: sessionArg }, (config) =>
  sessionsCommand(false, undefined, ({ json, sessions }) =>
    Effect.andThen(
      sessions.delete(config.session),
      printJsonOr(json, { ok: true, deleted: config.session }, () => [`deleted ${config.session}`])
    ))).pipe(Command.withDescription("Delete a session (its file changes stay on disk)"))

const diff = Command.make("diff", {
  session: sessionArg,
  message: Flag.String("message").pipe(Flag.optional, Flag.withDescription("Only the changes of this prompt (user message id)")),
  stat: Flag.Boolean("stat").pipe(Flag.withDefault(false), Flag.withDescription("Only the summary, no patches"))
}, (config) =>
  sessionsCommand(false, undefined, ({ json, sessions }) =>
    Effect.gen(function*() {
      const d = yield* sessions.diff(config.session, Option.isSome(config.message) ? { messageID: config.message.value } : {})
      yield* printJsonOr(json, d, () => diffLines(d, Format.fileChanges(d), !config.stat))
    }))).pipe(Command.withDescription("Show the file changes of a session (all its prompts, or one)"))

const revert = Command.make("revert", {
  session: sessionArg,
  message: Argument.String("messageID").pipe(Argument.withDescription("The prompt (user message id) to undo, with everything after it"))
}, (config) =>
  sessionsCommand(false, undefined, ({ json, sessions }) =>
    Effect.gen(function*() {
      const r = yield* sessions.revert(config.session, { messageID: config.message })
      const files = Format.fileChanges(r.files)
      yield* printJsonOr(json, { session: r.session, files }, () => [
        `reverted ${config.session} to before ${config.message}`,
        ...Format.diffSummary(files).map((l) => l.replace(/ changed,/, " restored,"))
      ])
    }))).pipe(Command.withDescription("Undo a prompt's file changes (and the ones after it)"))

const summarize = Command.make("summarize", { session: sessionArg, model: modelFlag }, (config) =>
  Effect.gen(function*() {
    const model = Option.getOrUndefined(config.model)
    return yield* sessionsCommand(true, model, ({ info, json, sessions }) =>
      Effect.gen(function*() {
        // The default model (demo or configured) only when one was chosen; otherwise the session's own.
        const useModel = model !== undefined || info.modelSource === "demo" ? info.model : undefined
        const r = yield* sessions.summarize(config.session, useModel !== undefined ? { model: useModel } : {})
        const files = Format.fileChanges(r.files)
        yield* printJsonOr(json, { summary: r.summary, files }, () => [r.summary.trimEnd(), "", ...Format.diffSummary(files)])
      }))
  })).pipe(Command.withDescription("Summarize (compact) a session and print the summary"))

/** `effect-opencode sessions list|get|delete|diff|revert|summarize`. */
export const sessions = Command.make("sessions").pipe(
  Command.withDescription("List, show, delete, diff, revert and summarize sessions"),
  Command.withSubcommands([list, get, del, diff, revert, summarize])
)

/** `effect-opencode events [--session id]`: the server's events as lines (`--json`: JSON) until Ctrl-C, which exits 0. */
export const events = Command.make("events", {
  session: Flag.String("session").pipe(Flag.withAlias("s"), Flag.optional, Flag.withDescription("Only this session's events"))
}, (config) =>
  Effect.gen(function*() {
    const g = yield* root
    const state = yield* CliState
    state.interruptExitCode = 0
    yield* withTarget(
      flagsOf(g),
      { needsModel: false },
      Effect.gen(function*() {
        const info = yield* Target.Target
        const service = yield* EventService.EventService
        yield* err(`${Target.banner(info)}\nwatching ${Option.isSome(config.session) ? `session ${config.session.value}` : "all events"}; Ctrl-C stops\n`)
        const items: Stream.Stream<EventService.StreamItem, unknown> = Option.isSome(config.session)
          ? service.sessionItems(config.session.value)
          : service.items()
        yield* items.pipe(
          Stream.runForEach((item) =>
            SseConnection.isReconnected(item)
              ? err(`reconnected after ${Duration.format(item.downtime)} (events in the gap are lost)\n`)
              : out(`${g.json ? JSON.stringify(item) : Format.eventLine(item, new Date())}\n`)
          )
        )
      })
    )
  })).pipe(Command.withDescription("Print the server's events as lines until Ctrl-C"))

/** The whole command tree. */
export const app = root.pipe(Command.withSubcommands([run, batch, sessions, events, ClusterCli.runner]))
