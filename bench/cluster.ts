/**
 * Cluster mode's cost: the same trivial tasks (100 by default) against real `opencode serve`
 * (1.18.33) servers and the scripted model (`ok <prompt>`, no delay), in one run on one machine:
 *
 * - `local`: `DurableBatch.run(tasks, { journal, concurrency: C })` (journal in a temp dir), one
 *   server (A), in this process;
 * - `local-2`: two `DurableBatch.run` side by side, half the tasks each, one on server A and one on
 *   server B (C each): what two servers give on this machine without the engine (the ceiling of
 *   `cluster-2`);
 * - `cluster-1`: a fresh PostgreSQL (`TestPostgres`), one runner PROCESS (bench/cluster-runner.ts:
 *   `Runner.layer` over server A, C slots); this process submits with a client-only
 *   `Cluster.layer`, `ClusterBatch.submit` then `ClusterBatch.follow` (what `ClusterBatch.run`
 *   does, with the follow poll at 100 ms instead of 500 ms so that reading adds at most 0.1 s);
 * - `cluster-2`: another fresh PostgreSQL and two runner processes, one over server A and one over
 *   server B (C slots each); the tasks are submitted from this process.
 *
 * Each round runs every mode once, in alternating order (1: local … cluster-2, 2: cluster-2 …
 * local) so that a drift of the shared machine falls on all; the figures are medians over rounds.
 * A cluster mode keeps its database for all rounds but starts its runners afresh in each (a
 * runner's event connection to server A would otherwise cost CPU while another mode runs), waits
 * until they hold all its shards (`--shards`), then builds a fresh client. Every mode runs a warm-up batch
 * (excluded) before its measured batch; before all that, each server gets `--server-warmup`
 * tasks (a fresh `opencode serve` is about half as fast for its first tens of tasks).
 *
 * Printed: wall time and tasks/s per mode; the engine's overhead per task, (cluster-1 wall − local
 * wall) / tasks; the cluster-2 / cluster-1 throughput ratio (and local-2 / local, the same without
 * the engine); CPU ms per task of this process (the scripted models, the submitter or the local
 * batch), the runner processes, the OpenCode servers and PostgreSQL (from /proc); where a task's
 * time goes, from the servers' timestamps (session created, prompt received, answer completed)
 * and the time its result was recorded; and the engine's steps of a task (activity requests and
 * replies, from the snowflake ids in the engine's tables).
 *
 * Correctness, checked for every measured task: it finished with the expected text; on the
 * servers exactly one user message carries its prompt (every session of both servers is listed
 * and read); the scripted models received exactly one chat request for it. Any failure is
 * printed and makes the exit code 1. Everything started (servers, databases, runner processes) is
 * stopped when the program ends, fails or is interrupted; a runner also leaves when its parent
 * dies (it watches its stdin).
 *
 * Run from the repository root with the project's Node:
 * `node_modules/.bin/node bench/cluster.ts [--tasks 100] [--concurrency 8] [--rounds 2] [--warmup 16]
 * [--server-warmup 100] [--modes local,local-2,cluster-1,cluster-2] [--shards 32] [--out FILE] [--verbose]` (or
 * `npm run bench:cluster`). Needs
 * PostgreSQL's binaries (see `TestPostgres`). Prints a table and writes `bench/results-cluster.json`
 * (or `--out FILE`, for quick A/B runs).
 *
 * Profiling the runners: `BENCH_CLUSTER_PROF=DIR node --cpu-prof --cpu-prof-dir DIR bench/cluster.ts
 * --modes local,cluster-1 --tasks 40 --rounds 1 --warmup 4 --server-warmup 10 --out .tmp/c.json`, then
 * `node bench/cpuprofile.ts DIR` (CPU ms per task by package and function, measured batches only;
 * see `profileDir` below).
 * Not part of the test suite.
 *
 * @since 0.1.0
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect, Layer, Redacted, Runtime } from "effect"
import * as Exit from "effect/Exit"
import type * as Scope from "effect/Scope"
import * as NodeChild from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Cluster from "../src/cluster/Cluster.ts"
import * as ClusterBatch from "../src/cluster/ClusterBatch.ts"
import * as DurableBatch from "../src/durable/DurableBatch.ts"
import type * as OpencodeConfig from "../src/layers/OpencodeConfig.ts"
import * as OpencodeServer from "../src/layers/OpencodeServer.ts"
import * as Message from "../src/schema/Message.ts"
import { MessageService } from "../src/services/MessageService.ts"
import * as Run from "../src/services/Run.ts"
import { SessionService } from "../src/services/SessionService.ts"
import * as ScriptedModel from "../src/testing/ScriptedModel.ts"
import * as TestPostgres from "../src/testing/TestPostgres.ts"
import * as TestServer from "../src/testing/TestServer.ts"

// -----------------------------------------------------------------------------
// Arguments
// -----------------------------------------------------------------------------

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1]! : fallback
}
const taskCount = Number(arg("--tasks", "100"))
const concurrency = Number(arg("--concurrency", "8"))
const rounds = Number(arg("--rounds", "2"))
const warmupCount = Number(arg("--warmup", String(2 * concurrency)))
const serverWarmup = Number(arg("--server-warmup", "100"))
const verbose = process.argv.includes("--verbose")
/** Where the results go (quick A/B runs: somewhere else than the recorded bench/results-cluster.json). */
const outFile = arg("--out", "bench/results-cluster.json")
/** The cluster's shard count (each cluster mode's database is fresh, so it is recorded as this). */
const shardCount = Number(arg("--shards", String(Cluster.defaultShards)))
const allModes = ["local", "local-2", "cluster-1", "cluster-2"] as const
type Mode = (typeof allModes)[number]
const modes = arg("--modes", allModes.join(",")).split(",").filter((m): m is Mode => (allModes as ReadonlyArray<string>).includes(m))

const root = NodePath.resolve(import.meta.dirname, "..")
/**
 * `BENCH_CLUSTER_PROF=DIR`: the runner processes run under `node --cpu-prof --cpu-prof-dir DIR`
 * (one `.cpuprofile` each, written when they leave), and every process writes its clock to
 * `DIR/clock-PID.json` and this one the measured batches' windows to `DIR/windows.json`, so that
 * bench/cpuprofile.ts can keep only the samples of the measured batches. Run this process itself
 * under `--cpu-prof --cpu-prof-dir DIR` to profile the local batch and the submitter too. What is
 * measured does not change (the profiler's own cost aside: compare profiled runs with each other).
 */
const profileDir = process.env.BENCH_CLUSTER_PROF === undefined || process.env.BENCH_CLUSTER_PROF === ""
  ? undefined
  : NodePath.resolve(process.env.BENCH_CLUSTER_PROF)
const profileArgs = profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profileDir]
if (profileDir !== undefined) {
  NodeFs.mkdirSync(profileDir, { recursive: true })
  NodeFs.writeFileSync(
    NodePath.join(profileDir, `clock-${process.pid}.json`),
    JSON.stringify({ pid: process.pid, role: "bench", epochMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) })
  )
}
const profileWindows: Array<{ mode: string; round: number; tasks: number; t0: number; t1: number; runners: ReadonlyArray<number> }> = []
const runnerScript = NodePath.join(root, "bench/cluster-runner.ts")
const log = (s: string) => process.stderr.write(`[bench:cluster] ${s}\n`)

// -----------------------------------------------------------------------------
// Small helpers
// -----------------------------------------------------------------------------

const median = (xs: ReadonlyArray<number>): number => {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const r1 = (x: number) => Math.round(x * 10) / 10
const r2 = (x: number) => Math.round(x * 100) / 100

/** CPU time (user + system, ms) of a process and all its descendants that still run (Linux /proc). */
const treeCpuMs = (pid: number | undefined): number => {
  if (pid === undefined) return 0
  const children = new Map<number, Array<number>>()
  const cpu = new Map<number, number>()
  let entries: Array<string> = []
  try {
    entries = NodeFs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))
  } catch {
    return 0
  }
  for (const e of entries) {
    try {
      const stat = NodeFs.readFileSync(`/proc/${e}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      const ppid = Number(fields[1])
      cpu.set(Number(e), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100)
      children.set(ppid, [...(children.get(ppid) ?? []), Number(e)])
    } catch {
      // gone meanwhile
    }
  }
  let total = 0
  const stack = [pid]
  while (stack.length > 0) {
    const p = stack.pop()!
    total += cpu.get(p) ?? 0
    stack.push(...(children.get(p) ?? []))
  }
  return total
}

/** Waits (at most 60 s) until the processes use less than 10% of a core together over a second. */
const settle = async (pids: ReadonlyArray<number>) => {
  for (let i = 0; i < 60; i++) {
    const before = pids.reduce((n, p) => n + treeCpuMs(p), 0)
    await new Promise((r) => setTimeout(r, 1000))
    const after = pids.reduce((n, p) => n + treeCpuMs(p), 0)
    if (after - before < 100) return
  }
}

// -----------------------------------------------------------------------------
// Servers and runner processes
// -----------------------------------------------------------------------------

interface Target {
  readonly name: "A" | "B"
  readonly parts: TestServer.TestServerParts
  readonly transport: OpencodeConfig.Options
}

const startTarget = (name: "A" | "B"): Effect.Effect<Target, unknown, Scope.Scope> =>
  Effect.gen(function*() {
    const parts = yield* TestServer.make({})
    yield* parts.model.setFallback((r) => ScriptedModel.text(`ok ${r.lastUserText}`))
    log(`server ${name}: opencode ${parts.server.version} at ${parts.server.url} (pid ${parts.server.pid})`)
    return {
      name,
      parts,
      transport: {
        baseUrl: parts.server.url,
        username: parts.server.username,
        password: parts.server.password,
        directory: parts.project.directory
      }
    }
  })

interface RunnerProcess {
  readonly name: string
  readonly pid: number
  readonly joinedMs: number
}

/** A runner process (bench/cluster-runner.ts) that has joined; stopped (SIGTERM, then SIGKILL) with the scope. */
const startRunner = (name: string, database: string, target: Target): Effect.Effect<RunnerProcess, Error, Scope.Scope> =>
  Effect.gen(function*() {
    const port = yield* OpencodeServer.freePort().pipe(Effect.orDie)
    const t0 = performance.now()
    const env: Record<string, string> = {
      ...process.env as Record<string, string>,
      DATABASE: database,
      PORT: String(port),
      NAME: name,
      SLOTS: String(concurrency),
      SHARDS: String(shardCount),
      OC_URL: target.parts.server.url,
      OC_DIRECTORY: target.parts.project.directory,
      OC_USERNAME: target.parts.server.username,
      ...(profileDir !== undefined ? { BENCH_CLUSTER_PROF: profileDir } : {})
    }
    if (target.parts.server.password !== undefined) env.OC_PASSWORD = Redacted.value(target.parts.server.password)
    const tail: Array<string> = []
    const child = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const child = NodeChild.spawn(process.execPath, [...profileArgs, runnerScript], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] })
        const keep = (d: Buffer) => {
          for (const line of d.toString().split("\n")) {
            if (line.trim() === "") continue
            tail.push(line)
            if (tail.length > 40) tail.shift()
            if (verbose) process.stderr.write(`[${name}] ${line}\n`)
          }
        }
        child.stderr!.on("data", keep)
        child.stdout!.on("data", keep)
        return child
      }),
      (child) =>
        Effect.callback<void>((resume) => {
          if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
          const t = performance.now()
          const kill = setTimeout(() => child.kill("SIGKILL"), 15_000)
          child.once("exit", (code, signal) => {
            clearTimeout(kill)
            log(`runner ${name} stopped in ${Math.round(performance.now() - t)} ms (${signal ?? code})`)
            resume(Effect.void)
          })
          child.kill("SIGTERM")
        })
    )
    yield* Effect.callback<void, Error>((resume) => {
      let out = ""
      const onExit = (code: number | null) =>
        resume(Effect.fail(new Error(`runner ${name} exited (${code}) before joining:\n${tail.join("\n")}`)))
      child.once("exit", onExit)
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString()
        if (out.includes("JOINED")) {
          child.off("exit", onExit)
          resume(Effect.void)
        }
      })
    }).pipe(Effect.timeoutOrElse({
      duration: "90 seconds",
      orElse: () => Effect.fail(new Error(`runner ${name} did not join within 90 s:\n${tail.join("\n")}`))
    }))
    const joinedMs = Math.round(performance.now() - t0)
    log(`runner ${name} (pid ${child.pid}, port ${port}, server ${target.name}) joined in ${joinedMs} ms`)
    return { name, pid: child.pid!, joinedMs }
  })

/**
 * Waits until the runners hold every shard between them (PostgreSQL advisory locks of the shard
 * lock sessions, one session per runner), each some, for two reads in a row; answers the ms since
 * `since`. Measuring while shards still move between runners would measure the hand-over.
 */
const waitForShards = (pg: TestPostgres.TestPostgresShape, runners: number, since: number) =>
  Effect.gen(function*() {
    let last = ""
    let stable = 0
    const deadline = performance.now() + 120_000
    while (performance.now() < deadline) {
      const rows = yield* pg.query<{ pid: number; n: number }>(
        "SELECT pid, count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 GROUP BY pid ORDER BY pid"
      )
      const total = rows.reduce((n, r) => n + r.n, 0)
      const now = JSON.stringify(rows.map((r) => r.n))
      if (rows.length === runners && total === shardCount && now === last) stable++
      else stable = 0
      if (stable >= 1) {
        const ms = Math.round(performance.now() - since)
        log(`shards held ${now} (${ms} ms after the runners were spawned)`)
        return ms
      }
      last = now
      yield* Effect.sleep("500 millis")
    }
    return yield* Effect.fail(new Error(`the runners did not take the shards within 120 s (${last})`))
  })

/** The engine's steps of one task, ms (from the snowflake ids of its messages and replies). */
const engineStepNames = [
  "run sent → first activity requested",
  "first activity requested → replied (run-task: slot wait, session, send, turn, result recorded)",
  "between activities (earlier versions: create-session done → run-prompt requested)",
  "later activities (earlier versions: run-prompt)",
  "last activity done → workflow reply"
] as const

const snowflakeMillis = (id: string): number => Number(BigInt(id) >> 22n) + Date.UTC(2025, 0, 1)

/**
 * Reads the workflow messages and replies of the engine's tables (`cluster_messages`,
 * `cluster_replies`): per task of `prompts`, the time between the engine's steps. Message and
 * reply ids are snowflakes, which carry the ms they were made at (by the sender, on this machine).
 */
const engineSteps = (pg: TestPostgres.TestPostgresShape, prompts: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const rows = yield* pg.query<{ entity_id: string; tag: string; payload: string; id: string; reply: string | null }>(
      `SELECT m.entity_id, m.tag, m.payload, m.id::text AS id,
         (SELECT min(r.id)::text FROM cluster_replies r WHERE r.request_id = m.request_id) AS reply
       FROM cluster_messages m WHERE m.entity_type LIKE 'Workflow/%' AND m.tag IN ('run', 'activity')`
    )
    const wanted = new Set(prompts)
    const promptOf = new Map<string, string>()
    for (const r of rows) {
      if (r.tag !== "run") continue
      const match = /bench [\w-]+ r\d+ TASK-\d+/.exec(r.payload)
      if (match !== null && wanted.has(match[0])) promptOf.set(r.entity_id, match[0])
    }
    const byEntity = new Map<string, Map<string, { sent: number; replied: number | undefined }>>()
    for (const r of rows) {
      if (!promptOf.has(r.entity_id)) continue
      const name = r.tag === "run" ? "run" : (JSON.parse(r.payload) as { name: string }).name
      const steps = byEntity.get(r.entity_id) ?? new Map()
      steps.set(name, { sent: snowflakeMillis(r.id), replied: r.reply === null ? undefined : snowflakeMillis(r.reply) })
      byEntity.set(r.entity_id, steps)
    }
    const out: Record<string, Array<number>> = Object.fromEntries(engineStepNames.map((n) => [n, []]))
    for (const steps of byEntity.values()) {
      const run = steps.get("run")
      // This version's one activity (`run-task`), or an earlier version's two.
      const activities = ["run-task", "create-session", "run-prompt"].flatMap((n) => steps.get(n) ?? [])
        .sort((x, y) => x.sent - y.sent)
      const first = activities[0], last = activities.at(-1)
      if (!run?.replied || first?.replied === undefined || last?.replied === undefined) continue
      const values = [
        first.sent - run.sent,
        first.replied - first.sent,
        last === first ? 0 : last.sent - first.replied,
        last === first ? 0 : last.replied - last.sent,
        run.replied - last.replied
      ]
      values.forEach((v, i) => out[engineStepNames[i]!]!.push(v))
    }
    return out
  })

// -----------------------------------------------------------------------------
// Rounds
// -----------------------------------------------------------------------------

interface Round {
  readonly mode: Mode
  readonly round: number
  readonly tasks: number
  readonly ok: number
  readonly seconds: number
  readonly tasksPerSecond: number
  /** ClusterBatch.submit alone (cluster modes). */
  readonly submitMs?: number | undefined
  /** Tasks per runner (cluster modes). */
  readonly perRunner?: Record<string, number> | undefined
  readonly cpuMsPerTask: { readonly bench: number; readonly runners: number; readonly opencode: number; readonly postgres: number }
  readonly prompts: ReadonlyArray<string>
  readonly t0: number
  readonly t1: number
  /** prompt → when its result was recorded (epoch ms). */
  readonly recordedAt: Record<string, number>
}

const jdir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-bench-cluster-"))
let journals = 0
const journalPath = () => NodePath.join(jdir, `j${++journals}.jsonl`)

const promptsOf = (mode: Mode, round: number | "warm", n: number) =>
  Array.from({ length: n }, (_, i) => `bench ${mode} ${round === "warm" ? "warm" : `r${round}`} TASK-${i}`)

const local = (target: Target, prompts: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const recordedAt: Record<string, number> = {}
    const result = yield* DurableBatch.run(prompts, {
      journal: journalPath(),
      concurrency,
      onResult: (r) => void (recordedAt[r.task.prompt as string] = Date.now())
    })
    const ok = result.finished.filter((f) => f.output.text === `ok ${prompts[f.index]}`).length
    return { ok, recordedAt }
  }).pipe(Effect.provide(Layer.merge(Run.layer(target.transport), NodeFileSystem.layer)))

type ClientServices = Layer.Success<ReturnType<typeof Cluster.layer>>

const cluster = (client: import("effect").Context.Context<ClientServices>, prompts: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const t0 = performance.now()
    const submitted = yield* ClusterBatch.submit(prompts)
    const submitMs = Math.round(performance.now() - t0)
    const result = yield* ClusterBatch.follow(submitted.batchId, { pollInterval: "100 millis", timeout: "10 minutes" })
    const recordedAt: Record<string, number> = {}
    const perRunner: Record<string, number> = {}
    let ok = 0
    for (const r of result.results) {
      recordedAt[prompts[r.index]!] = r.finishedAt.getTime()
      perRunner[r.runner] = (perRunner[r.runner] ?? 0) + 1
      if (r.status === "finished" && r.output?.text === `ok ${prompts[r.index]}`) ok++
      else log(`  ${prompts[r.index]}: ${r.status} on ${r.runner} (${r.server}): ${r.error === undefined ? r.output?.text : `${r.error._tag}: ${r.error.message}`}`)
    }
    return { ok, recordedAt, submitMs, perRunner }
  }).pipe(Effect.provideContext(client))

interface Pids {
  readonly runners: ReadonlyArray<number>
  readonly opencode: ReadonlyArray<number>
  readonly postgres: ReadonlyArray<number>
}

const cpuNow = (pids: Pids) => {
  const u = process.cpuUsage()
  return {
    bench: (u.user + u.system) / 1000,
    runners: pids.runners.reduce((n, p) => n + treeCpuMs(p), 0),
    opencode: pids.opencode.reduce((n, p) => n + treeCpuMs(p), 0),
    postgres: pids.postgres.reduce((n, p) => n + treeCpuMs(p), 0)
  }
}

const measure = <E, R>(
  mode: Mode,
  round: number,
  pids: Pids,
  run: (prompts: ReadonlyArray<string>) => Effect.Effect<{ ok: number; recordedAt: Record<string, number>; submitMs?: number; perRunner?: Record<string, number> }, E, R>
) =>
  Effect.gen(function*() {
    const prompts = promptsOf(mode, round, taskCount)
    const c0 = cpuNow(pids)
    const t0 = Date.now()
    const p0 = performance.now()
    const out = yield* run(prompts)
    const seconds = (performance.now() - p0) / 1000
    const t1 = Date.now()
    const c1 = cpuNow(pids)
    const per = (k: keyof typeof c0) => r2((c1[k] - c0[k]) / taskCount)
    if (profileDir !== undefined) {
      profileWindows.push({ mode, round, tasks: taskCount, t0, t1, runners: pids.runners })
      NodeFs.writeFileSync(NodePath.join(profileDir, "windows.json"), JSON.stringify(profileWindows, null, 2))
    }
    const row: Round = {
      mode,
      round,
      tasks: taskCount,
      ok: out.ok,
      seconds: r2(seconds),
      tasksPerSecond: r2(taskCount / seconds),
      submitMs: out.submitMs,
      perRunner: out.perRunner,
      cpuMsPerTask: { bench: per("bench"), runners: per("runners"), opencode: per("opencode"), postgres: per("postgres") },
      prompts,
      t0,
      t1,
      recordedAt: out.recordedAt
    }
    log(
      `${mode} round ${round}: ${row.seconds} s, ${row.tasksPerSecond} tasks/s, ${row.ok}/${taskCount} ok` +
        (row.submitMs !== undefined ? `, submit ${row.submitMs} ms` : "") +
        (row.perRunner !== undefined ? `, per runner ${JSON.stringify(row.perRunner)}` : "") +
        `, CPU ms/task ${JSON.stringify(row.cpuMsPerTask)}`
    )
    return row
  })

// -----------------------------------------------------------------------------
// What the servers hold
// -----------------------------------------------------------------------------

interface OnServer {
  /** user messages carrying the prompt */
  userMessages: number
  sessionCreated?: number
  promptedAt?: number
  answeredAt?: number
  server: string
}

/** Every session of a server: per prompt, its user messages and the timestamps of its turn. */
const readServer = (target: Target, into: Map<string, OnServer>) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService
    const messages = yield* MessageService
    const all = yield* sessions.list({ limit: 1_000_000 })
    yield* Effect.forEach(all, (session) =>
      Effect.gen(function*() {
        const list = yield* messages.list(session.id)
        const promptOf = new Map<string, string>()
        for (const m of list) {
          if (m.info.role !== "user") continue
          const text = Message.textOf(m.parts)
          promptOf.set(m.info.id, text)
          const entry = into.get(text) ?? { userMessages: 0, server: target.name }
          entry.userMessages++
          entry.sessionCreated = session.time.created
          entry.promptedAt = m.info.time.created
          into.set(text, entry)
        }
        for (const m of list) {
          if (m.info.role !== "assistant") continue
          const text = promptOf.get(m.info.parentID)
          if (text !== undefined && m.info.time.completed !== undefined) into.get(text)!.answeredAt = m.info.time.completed
        }
      }), { concurrency: 4, discard: true })
    return all.length
  }).pipe(Effect.provide(Run.layer(target.transport)))

// -----------------------------------------------------------------------------
// Main
// -----------------------------------------------------------------------------

const machineInfo = () => {
  const cpu = NodeOs.cpus()
  return `${cpu[0]?.model ?? "?"} × ${cpu.length}, ${Math.round(NodeOs.totalmem() / 2 ** 30)} GiB, ${NodeOs.platform()} ${NodeOs.release()}, Node ${process.version}, load ${
    NodeOs.loadavg().map((l) => l.toFixed(1)).join(" ")
  }`
}

const main = Effect.gen(function*() {
  const started = Date.now()
  const loadBefore = machineInfo()
  log(`${taskCount} tasks, concurrency ${concurrency}, ${rounds} round(s), warm-up ${warmupCount}; modes ${modes.join(", ")}`)
  yield* Effect.addFinalizer(() => Effect.sync(() => NodeFs.rmSync(jdir, { recursive: true, force: true })))

  const needB = modes.includes("local-2") || modes.includes("cluster-2")
  const [a, b] = yield* Effect.all([startTarget("A"), needB ? startTarget("B") : Effect.succeed(undefined)], { concurrency: 2 })
  const targets = b === undefined ? [a] : [a, b]
  // The servers burn about a core for several seconds after start: wait until they are idle. A
  // fresh server is also slow for its first tens of tasks (about 4 tasks/s for the first 40, then
  // 7–8): warm each up with a batch before anything is measured.
  yield* Effect.promise(() => settle(targets.map((t) => t.parts.server.pid)))
  if (serverWarmup > 0) {
    const w0 = performance.now()
    yield* Effect.all(
      targets.map((t) => local(t, Array.from({ length: serverWarmup }, (_, i) => `bench server warm-up ${t.name} TASK-${i}`))),
      { concurrency: "unbounded" }
    )
    log(`servers warmed up with ${serverWarmup} tasks each in ${r2((performance.now() - w0) / 1000)} s`)
  }

  const rows: Array<Round> = []
  const joins: Record<string, Array<number>> = {}
  const balanced: Record<string, Array<number>> = {}
  const warmups: Record<string, Array<number>> = {}
  const engine: Record<string, Record<string, Array<number>>> = {}
  const statementsPerTask: Record<string, Array<{ calls: number; execMs: number }>> = {}
  const opencodePids = (ts: ReadonlyArray<Target>) => ts.map((t) => t.parts.server.pid)
  // One fresh database per cluster mode, kept for its rounds (runners start afresh each round).
  const databases = new Map<Mode, TestPostgres.TestPostgresShape>()
  const databaseFor = (mode: Mode) =>
    Effect.gen(function*() {
      const known = databases.get(mode)
      if (known !== undefined) return known
      const p0 = performance.now()
      // pg_stat_statements: the statements of each measured batch (counts and execution time).
      const pg = yield* TestPostgres.make({ settings: { shared_preload_libraries: "pg_stat_statements" } })
      yield* pg.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
      log(`postgres ${pg.version} for ${mode} at ${pg.url} in ${Math.round(performance.now() - p0)} ms`)
      databases.set(mode, pg)
      return pg
    })
  const both = (prompts: ReadonlyArray<string>) =>
    Effect.map(
      Effect.all([local(a, prompts.filter((_, i) => i % 2 === 0)), local(b!, prompts.filter((_, i) => i % 2 === 1))], { concurrency: 2 }),
      ([x, y]) => ({ ok: x.ok + y.ok, recordedAt: { ...x.recordedAt, ...y.recordedAt } })
    )
  const warmed = <A, E, R>(mode: Mode, run: (prompts: ReadonlyArray<string>) => Effect.Effect<A, E, R>) =>
    Effect.gen(function*() {
      const w0 = performance.now()
      yield* run(promptsOf(mode, "warm", warmupCount).map((p) => `${p} ${rows.length}`))
      ;(warmups[mode] ??= []).push(r2((performance.now() - w0) / 1000))
    })

  // Rounds alternate the order of the modes (1: local … cluster-2, 2: cluster-2 … local, …) so
  // that a drift of the shared machine falls on all of them.
  for (let round = 1; round <= rounds; round++) {
    for (const mode of round % 2 === 1 ? modes : [...modes].reverse()) {
      log(`--- ${mode}, round ${round} ---`)
      if (mode === "local") {
        const pids: Pids = { runners: [], opencode: opencodePids([a]), postgres: [] }
        yield* warmed(mode, (prompts) => local(a, prompts))
        rows.push(yield* measure(mode, round, pids, (prompts) => local(a, prompts)))
      } else if (mode === "local-2") {
        const pids: Pids = { runners: [], opencode: opencodePids([a, b!]), postgres: [] }
        yield* warmed(mode, both)
        rows.push(yield* measure(mode, round, pids, both))
      } else {
        const pg = yield* databaseFor(mode)
        // The round's runners and client, stopped at its end (SIGTERM: a clean leave).
        yield* Effect.scoped(Effect.gen(function*() {
          const mine = mode === "cluster-1" ? [a] : [a, b!]
          const p0 = performance.now()
          const runners = yield* Effect.all(
            mine.map((t, i) => startRunner(`${mode}-r${i + 1}`, pg.url, t)),
            { concurrency: "unbounded" }
          )
          for (const r of runners) (joins[mode] ??= []).push(r.joinedMs)
          ;(balanced[mode] ??= []).push(yield* waitForShards(pg, runners.length, p0))
          const client = yield* Layer.build(Cluster.layer({ database: pg.url, clientOnly: true, shards: shardCount }))
          const pgPid = yield* pg.pid
          const pids: Pids = { runners: runners.map((r) => r.pid), opencode: opencodePids(mine), postgres: pgPid === undefined ? [] : [pgPid] }
          yield* warmed(mode, (prompts) => cluster(client, prompts))
          yield* pg.query("SELECT pg_stat_statements_reset()")
          const row = yield* measure(mode, round, pids, (prompts) => cluster(client, prompts))
          rows.push(row)
          const statements = yield* pg.query<{ query: string; calls: number; ms: number; rows: number }>(
            `SELECT query, calls::int AS calls, total_exec_time::float8 AS ms, rows::int AS rows FROM pg_stat_statements
             WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC`
          )
          const calls = statements.reduce((n, s) => n + s.calls, 0)
          const execMs = statements.reduce((n, s) => n + s.ms, 0)
          ;(statementsPerTask[mode] ??= []).push({ calls: r1(calls / taskCount), execMs: r2(execMs / taskCount) })
          log(`${mode} round ${round}: ${r1(calls / taskCount)} statements per task, ${r2(execMs / taskCount)} ms of execution per task`)
          {
            for (const s of statements.slice(0, 15)) {
              log(`  ${String(s.calls).padStart(6)} calls ${s.ms.toFixed(1).padStart(8)} ms ${String(s.rows).padStart(7)} rows  ${s.query.replace(/\s+/g, " ").slice(0, 150)}`)
            }
          }
          const steps = yield* engineSteps(pg, row.prompts)
          const stepsOfMode = (engine[mode] ??= {})
          for (const [k, v] of Object.entries(steps)) (stepsOfMode[k] ??= []).push(...v)
        }))
      }
    }
  }

  // --- correctness: what the servers and the models hold ---------------------------------------
  log("reading every session of the servers…")
  const onServer = new Map<string, OnServer>()
  let sessionCount = 0
  for (const t of targets) sessionCount += yield* readServer(t, onServer)
  const chats = new Map<string, number>()
  for (const t of targets) {
    for (const r of yield* t.parts.model.requests) {
      if (r.kind === "chat") chats.set(r.lastUserText, (chats.get(r.lastUserText) ?? 0) + 1)
    }
  }

  // --- per mode ----------------------------------------------------------------------------
  interface Summary {
    readonly mode: Mode
    readonly seconds: number
    readonly tasksPerSecond: number
    readonly ok: string
    readonly onePromptEach: string
    readonly oneModelRequestEach: string
    readonly submitMs: number | undefined
    readonly perRunner: ReadonlyArray<Record<string, number>> | undefined
    readonly cpuMsPerTask: Round["cpuMsPerTask"]
    /** Medians over the tasks (and rounds), ms, from the servers' timestamps. */
    readonly path: {
      /** batch start → first session created */
      readonly firstSession: number
      /** session created → its prompt received */
      readonly sessionToPrompt: number
      /** the most sessions created and not yet prompted at once (median over rounds) */
      readonly peakWaiting: number
      /** prompt received → answer completed (the model turn, on the server) */
      readonly modelTurn: number
      /** answer completed → result recorded (journal or results table) */
      readonly answerToRecorded: number
      /** slots × wall / tasks: how long a slot takes per task */
      readonly slotCycle: number
      /** slot cycle − (prompt → recorded): a slot's time per task outside the turn and its recording */
      readonly outsideTurn: number
      /** last result recorded → batch call returned */
      readonly lastRecordToEnd: number
    }
  }
  const summaries: Array<Summary> = []
  const failures: Array<string> = []
  for (const mode of modes) {
    const rs = rows.filter((r) => r.mode === mode)
    let okTotal = 0, oneEach = 0, oneChat = 0
    const sessionToPrompt: Array<number> = [], modelTurn: Array<number> = [], answerToRecorded: Array<number> = []
    const promptToRecorded: Array<number> = [], firstSession: Array<number> = [], lastRecordToEnd: Array<number> = []
    const cycles: Array<number> = [], peaks: Array<number> = []
    for (const r of rs) {
      okTotal += r.ok
      let first = Infinity, last = 0
      const sweep: Array<[number, number]> = []
      for (const p of r.prompts) {
        const s = onServer.get(p)
        if (s?.userMessages === 1) oneEach++
        else failures.push(`${p}: ${s?.userMessages ?? 0} user messages on the servers`)
        if (chats.get(p) === 1) oneChat++
        else failures.push(`${p}: ${chats.get(p) ?? 0} chat requests to the model`)
        const rec = r.recordedAt[p]
        if (s?.sessionCreated === undefined || s.promptedAt === undefined || s.answeredAt === undefined || rec === undefined) continue
        sessionToPrompt.push(s.promptedAt - s.sessionCreated)
        modelTurn.push(s.answeredAt - s.promptedAt)
        answerToRecorded.push(rec - s.answeredAt)
        promptToRecorded.push(rec - s.promptedAt)
        sweep.push([s.sessionCreated, 1], [s.promptedAt, -1])
        first = Math.min(first, s.sessionCreated)
        last = Math.max(last, rec)
      }
      if (r.ok !== r.tasks) failures.push(`${mode} round ${r.round}: ${r.ok}/${r.tasks} finished with the expected text`)
      sweep.sort((x, y) => x[0] - y[0] || x[1] - y[1])
      let waiting = 0, peak = 0
      for (const [, d] of sweep) peak = Math.max(peak, (waiting += d))
      peaks.push(peak)
      firstSession.push(first - r.t0)
      lastRecordToEnd.push(r.t1 - last)
      const slots = mode === "local" || mode === "cluster-1" ? concurrency : 2 * concurrency
      cycles.push((slots * r.seconds * 1000) / r.tasks)
    }
    const slotCycle = median(cycles)
    summaries.push({
      mode,
      seconds: r2(median(rs.map((r) => r.seconds))),
      tasksPerSecond: r2(median(rs.map((r) => r.tasksPerSecond))),
      ok: `${okTotal}/${rs.length * taskCount}`,
      onePromptEach: `${oneEach}/${rs.length * taskCount}`,
      oneModelRequestEach: `${oneChat}/${rs.length * taskCount}`,
      submitMs: rs[0]?.submitMs === undefined ? undefined : Math.round(median(rs.map((r) => r.submitMs!))),
      perRunner: rs[0]?.perRunner === undefined ? undefined : rs.map((r) => r.perRunner!),
      cpuMsPerTask: {
        bench: r2(median(rs.map((r) => r.cpuMsPerTask.bench))),
        runners: r2(median(rs.map((r) => r.cpuMsPerTask.runners))),
        opencode: r2(median(rs.map((r) => r.cpuMsPerTask.opencode))),
        postgres: r2(median(rs.map((r) => r.cpuMsPerTask.postgres)))
      },
      path: {
        firstSession: r1(median(firstSession)),
        sessionToPrompt: r1(median(sessionToPrompt)),
        peakWaiting: median(peaks),
        modelTurn: r1(median(modelTurn)),
        answerToRecorded: r1(median(answerToRecorded)),
        slotCycle: r1(slotCycle),
        outsideTurn: r1(slotCycle - median(promptToRecorded)),
        lastRecordToEnd: r1(median(lastRecordToEnd))
      }
    })
  }

  // --- table ---------------------------------------------------------------------------------
  const of = (m: Mode) => summaries.find((s) => s.mode === m)
  const lines: Array<string> = []
  const machine = machineInfo()
  lines.push(`Machine: ${loadBefore} (load at the end: ${machine.slice(machine.lastIndexOf("load ") + 5)})`)
  lines.push(
    `${taskCount} tasks per batch, ${concurrency} slots per server, ${rounds} round(s) per mode (median), each after a warm-up batch of ${warmupCount} ` +
      `(servers warmed up with ${serverWarmup} tasks each first); ` +
      `scripted model \`ok <prompt>\`, no delay; opencode ${a.parts.server.version}; runners are child processes`
  )
  lines.push("")
  lines.push("| mode | servers / runners | wall s | tasks/s | finished ok | 1 user msg each | 1 model request each | CPU ms/task: bench proc / runners / opencode / postgres |")
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |")
  const shape: Record<Mode, string> = {
    "local": "1 / – (DurableBatch, journal)",
    "local-2": "2 / – (2 × DurableBatch)",
    "cluster-1": "1 / 1 process",
    "cluster-2": "2 / 2 processes"
  }
  for (const s of summaries) {
    const c = s.cpuMsPerTask
    lines.push(`| ${s.mode} | ${shape[s.mode]} | ${s.seconds} | ${s.tasksPerSecond} | ${s.ok} | ${s.onePromptEach} | ${s.oneModelRequestEach} | ${c.bench} / ${c.runners} / ${c.opencode} / ${c.postgres} |`)
  }
  lines.push("")
  const l = of("local"), l2 = of("local-2"), c1 = of("cluster-1"), c2 = of("cluster-2")
  const overheadMs = l && c1 ? r1(((c1.seconds - l.seconds) * 1000) / taskCount) : undefined
  const ratio = c1 && c2 ? r2(c2.tasksPerSecond / c1.tasksPerSecond) : undefined
  const localRatio = l && l2 ? r2(l2.tasksPerSecond / l.tasksPerSecond) : undefined
  const perRound = (m: Mode) => rows.filter((r) => r.mode === m).map((r) => r.seconds)
  if (overheadMs !== undefined) {
    const pairs = perRound("cluster-1").map((c, i) => r1(((c - perRound("local")[i]!) * 1000) / taskCount))
    lines.push(`- engine overhead per task, (cluster-1 wall − local wall) / ${taskCount}: **${overheadMs} ms** (per round: ${pairs.join(", ")}; cluster-1 / local throughput ${r2(c1!.tasksPerSecond / l!.tasksPerSecond)}×)`)
  }
  if (ratio !== undefined) lines.push(`- two runners / one runner: **${ratio}×** tasks/s${localRatio !== undefined ? ` (without the engine, local-2 / local: ${localRatio}×)` : ""}`)
  if (c2?.perRunner) lines.push(`- cluster-2 tasks per runner: ${c2.perRunner.map((p) => Object.values(p).join(" + ")).join("; ")}`)
  const statementModes = Object.entries(statementsPerTask)
  if (statementModes.length > 0) {
    lines.push(
      `- PostgreSQL statements per task (pg_stat_statements, measured batch, submitter included; ${shardCount} shards): ` +
        statementModes.map(([m, xs]) => `${m} ${r1(median(xs.map((x) => x.calls)))} (${r2(median(xs.map((x) => x.execMs)))} ms of execution)`).join(", ")
    )
  }
  const submits = summaries.filter((s) => s.submitMs !== undefined)
  if (submits.length > 0) lines.push(`- ClusterBatch.submit of ${taskCount} tasks (until every workflow is started): ${submits.map((s) => `${s.mode} ${s.submitMs} ms`).join(", ")}`)
  lines.push(`- warm-up batches of ${warmupCount}, s: ${Object.entries(warmups).map(([m, w]) => `${m} ${w.join(" / ")}`).join(", ")}`)
  if (Object.keys(joins).length > 0) {
    lines.push(
      `- runner start, ms: joined (Runner.layer built) ${Object.entries(joins).map(([m, ms]) => `${m} ${ms.join(" / ")}`).join(", ")}; ` +
        `all ${shardCount} shards held after ${Object.entries(balanced).map(([m, ms]) => `${m} ${ms.join(" / ")}`).join(", ")} (from spawn)`
    )
  }
  lines.push("")
  lines.push("Where a task's time goes (medians over tasks and rounds, ms; server timestamps; `recorded` = journal result (local) or results row (cluster)):")
  lines.push("")
  lines.push("| mode | start → 1st session | session → prompt | peak sessions waiting for their prompt | prompt → answer (model turn) | answer → recorded | slot cycle (slots × wall / tasks) | slot time outside prompt → recorded | last recorded → batch returned |")
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
  for (const s of summaries) {
    const p = s.path
    lines.push(`| ${s.mode} | ${p.firstSession} | ${p.sessionToPrompt} | ${p.peakWaiting} | ${p.modelTurn} | ${p.answerToRecorded} | ${p.slotCycle} | ${p.outsideTurn} | ${p.lastRecordToEnd} |`)
  }
  const engineModes = modes.filter((m) => engine[m] !== undefined)
  if (engineModes.length > 0) {
    lines.push("")
    lines.push("The cluster engine's steps of a task (medians over tasks and rounds, ms; from the snowflake ids of the workflow's messages and replies in PostgreSQL):")
    lines.push("")
    lines.push(`| step | ${engineModes.join(" | ")} |`)
    lines.push(`| --- | ${engineModes.map(() => "---").join(" | ")} |`)
    for (const name of engineStepNames) {
      lines.push(`| ${name} | ${engineModes.map((m) => r1(median(engine[m]![name] ?? []))).join(" | ")} |`)
    }
  }
  if (failures.length > 0) {
    lines.push("")
    lines.push(`CORRECTNESS FAILURES (${failures.length}): ${failures.slice(0, 10).join("; ")}${failures.length > 10 ? "; …" : ""}`)
  }
  lines.push("")
  lines.push(`(${sessionCount} sessions on the servers in all, warm-ups included; ${Math.round((Date.now() - started) / 1000)} s in all)`)
  const table = lines.join("\n")
  console.log(table)

  NodeFs.writeFileSync(
    NodePath.resolve(root, outFile),
    JSON.stringify({
      date: new Date().toISOString(),
      machine: loadBefore,
      opencode: a.parts.server.version,
      tasks: taskCount,
      concurrency,
      rounds,
      warmup: warmupCount,
      serverWarmup,
      seconds: Math.round((Date.now() - started) / 1000),
      overheadMsPerTask: overheadMs,
      twoRunnersRatio: ratio,
      twoServersLocalRatio: localRatio,
      summaries,
      batches: rows.map(({ prompts: _p, recordedAt: _r, t0: _t0, t1: _t1, ...r }) => r),
      warmups,
      runnerJoinMs: joins,
      shardsHeldMs: balanced,
      shards: shardCount,
      statementsPerTask,
      engineStepsMedianMs: Object.fromEntries(
        Object.entries(engine).map(([m, steps]) => [m, Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, r1(median(v))]))])
      ),
      failures,
      table
    }, null, 2) + "\n"
  )
  if (failures.length > 0) return yield* Effect.fail(new Error(`${failures.length} correctness failures`))
}).pipe(Effect.scoped)

NodeRuntime.runMain(main, {
  teardown: (exit, onExit) => {
    if (Exit.isFailure(exit)) log("failed")
    Runtime.defaultTeardown(exit, (code) => {
      onExit(code)
      process.exit(code)
    })
  }
})
