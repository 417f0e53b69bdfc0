/**
 * The journal's cost: the same 100 trivial tasks run by `Batch.run` (no journal) and by
 * `DurableBatch.run` (journal: claimed, prompted and finished appended and fsync'd per task, a
 * stall watch on each session) against one real `opencode serve` (1.18.33) and the scripted
 * model, in one process, rounds in ABBA order (plain, journal, journal, plain, …) so that a drift
 * of the shared machine cancels out. Both keep their sessions (same server work).
 *
 * Reported:
 * - throughput of each variant (median over rounds) and the ratio journal / plain (goal ≥ 0.98);
 * - per-task overhead: (wall time with the journal − without) / tasks, per ABBA pair (goal < 2 ms),
 *   and the client's CPU time per task of each variant;
 * - the journal's own time on each task's critical path, from the durable batch's step hooks
 *   (claim → send: append `claimed` + read it back; record → done: append `finished`; plus one
 *   append for `prompted`), and the latency of one append + fsync alone.
 *
 * Run from the repository root with the project's Node:
 * `npx node bench/journal.ts [--tasks 100] [--rounds 2] [--concurrency 5]`.
 * Prints a table and writes `bench/results-journal.json`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as DurableBatch from "../src/durable/DurableBatch.ts"
import * as Journal from "../src/durable/Journal.ts"
import * as OpencodeServer from "../src/layers/OpencodeServer.ts"
import * as Batch from "../src/services/Batch.ts"
import * as ScriptedModel from "../src/testing/ScriptedModel.ts"
import { serverLayer } from "../test/durable/helpers.ts"

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1]! : fallback
}
const taskCount = Number(arg("--tasks", "100"))
const rounds = Number(arg("--rounds", "2"))
const concurrency = Number(arg("--concurrency", "5"))

interface Row {
  readonly variant: "plain" | "journal"
  readonly round: number
  readonly tasks: number
  readonly ok: number
  readonly seconds: number
  readonly tasksPerSecond: number
  /** Client CPU time (user + system) per task, in ms. */
  readonly cpuMsPerTask: number
  /** The server process's CPU time per task, in ms (from /proc; 0 where unavailable). */
  readonly serverCpuMsPerTask: number
}

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat (Linux); 0 elsewhere. */
const processCpuMs = (pid: number): number => {
  try {
    const stat = NodeFs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
const round2 = (x: number) => Math.round(x * 100) / 100
const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-bench-journal-"))

const program = Effect.gen(function*() {
  const model = yield* ScriptedModel.ScriptedModel
  const server = yield* OpencodeServer.OpencodeServer
  yield* model.setFallback((r) => ScriptedModel.text(`ok ${r.lastUserText}`))

  // Warm-up: the server burns about a core for several seconds after start.
  process.stdout.write("warming up…\n")
  yield* Batch.run(Array.from({ length: 10 }, (_, i) => `warm ${i}`), { concurrency })
  yield* Effect.sleep("8 seconds")

  // One append + fsync, alone.
  const appendMillis = yield* Effect.scoped(Effect.gen(function*() {
    const journal = yield* Journal.open(NodePath.join(dir, "appends.jsonl"))
    const n = 300
    const t0 = performance.now()
    for (let i = 0; i < n; i++) {
      yield* journal.append([{ type: "prompted", key: `k${i}`, attempt: 1, sessionID: "ses_x", messageID: "msg_x" }])
    }
    return (performance.now() - t0) / n
  }))

  const rows: Array<Row> = []
  const critical = { claim: [] as Array<number>, record: [] as Array<number> }
  const order: Array<"plain" | "journal"> = []
  for (let r = 0; r < rounds; r++) order.push(...(r % 2 === 0 ? ["plain", "journal"] as const : ["journal", "plain"] as const))
  let n = 0
  for (const variant of order) {
    n++
    const round = Math.ceil(n / 2)
    const tasks = Array.from({ length: taskCount }, (_, i) => `bench ${variant} ${n} task ${i}`)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const serverCpu0 = processCpuMs(server.pid)
    let ok = 0
    if (variant === "plain") {
      const result = yield* Batch.run(tasks, { concurrency, ephemeral: false })
      ok = result.succeeded.filter((s) => s.result.text === `ok ${tasks[s.index]}`).length
    } else {
      const marks = new Map<string, number>()
      const result = yield* DurableBatch.run(tasks, {
        journal: NodePath.join(dir, `run-${n}.jsonl`),
        concurrency,
        onStep: (step, key) => {
          const now = performance.now()
          if (step === "claim" || step === "record") marks.set(`${step} ${key}`, now)
          if (step === "send") critical.claim.push(now - marks.get(`claim ${key}`)!)
          if (step === "done") critical.record.push(now - marks.get(`record ${key}`)!)
        }
      })
      ok = result.finished.filter((f) => f.output.text === `ok ${tasks[f.index]}`).length
    }
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const row: Row = {
      variant,
      round,
      tasks: taskCount,
      ok,
      seconds: round2(seconds),
      tasksPerSecond: round2(taskCount / seconds),
      cpuMsPerTask: round2((cpu.user + cpu.system) / 1000 / taskCount),
      serverCpuMsPerTask: round2((processCpuMs(server.pid) - serverCpu0) / taskCount)
    }
    rows.push(row)
    process.stdout.write(`${JSON.stringify(row)}\n`)
  }

  const plain = rows.filter((r) => r.variant === "plain")
  const journal = rows.filter((r) => r.variant === "journal")
  const pairs = Array.from({ length: rounds }, (_, i) => {
    const p = plain[i]!
    const j = journal[i]!
    return ((j.seconds - p.seconds) * 1000) / taskCount
  })
  const claimMs = mean(critical.claim)
  const recordMs = mean(critical.record)
  const summary = {
    tasks: taskCount,
    rounds,
    concurrency,
    plainTasksPerSecond: median(plain.map((r) => r.tasksPerSecond)),
    journalTasksPerSecond: median(journal.map((r) => r.tasksPerSecond)),
    ratio: round2(median(journal.map((r) => r.tasksPerSecond)) / median(plain.map((r) => r.tasksPerSecond))),
    overheadMsPerTask: round2(median(pairs)),
    overheadMsPerTaskPerRound: pairs.map(round2),
    cpuMsPerTaskPlain: median(plain.map((r) => r.cpuMsPerTask)),
    cpuMsPerTaskJournal: median(journal.map((r) => r.cpuMsPerTask)),
    serverCpuMsPerTaskPlain: median(plain.map((r) => r.serverCpuMsPerTask)),
    serverCpuMsPerTaskJournal: median(journal.map((r) => r.serverCpuMsPerTask)),
    cpuOverheadMsPerTask: round2(median(journal.map((r) => r.cpuMsPerTask)) - median(plain.map((r) => r.cpuMsPerTask))),
    journalCriticalPathMsPerTask: round2(claimMs + recordMs + appendMillis),
    claimToSendMs: round2(claimMs),
    recordToDoneMs: round2(recordMs),
    appendFsyncMs: round2(appendMillis),
    machine: `${NodeOs.cpus().length} cores, load ${NodeOs.loadavg().map(round2).join("/")}`,
    rows
  }

  const pad = (s: string | number, n: number) => String(s).padStart(n)
  process.stdout.write("\nvariant   round  tasks  ok   seconds  tasks/s  client CPU ms/task  server CPU ms/task\n")
  for (const r of rows) {
    process.stdout.write(
      `${r.variant.padEnd(8)} ${pad(r.round, 6)} ${pad(r.tasks, 6)} ${pad(r.ok, 4)} ${pad(r.seconds.toFixed(2), 9)} ${pad(r.tasksPerSecond.toFixed(2), 8)} ${pad(r.cpuMsPerTask.toFixed(2), 19)} ${pad(r.serverCpuMsPerTask.toFixed(1), 19)}\n`
    )
  }
  process.stdout.write(
    `\nthroughput: plain ${summary.plainTasksPerSecond}/s, journal ${summary.journalTasksPerSecond}/s, ratio ${summary.ratio} (goal ≥ 0.98)\n` +
      `overhead per task (wall, journal − plain): ${summary.overheadMsPerTask} ms (per round: ${summary.overheadMsPerTaskPerRound.join(", ")}) (goal < 2 ms)\n` +
      `client CPU per task: plain ${summary.cpuMsPerTaskPlain} ms, journal ${summary.cpuMsPerTaskJournal} ms (+${summary.cpuOverheadMsPerTask} ms); server CPU per task: plain ${summary.serverCpuMsPerTaskPlain} ms, journal ${summary.serverCpuMsPerTaskJournal} ms\n` +
      `journal time on a task's critical path: ${summary.journalCriticalPathMsPerTask} ms (claim→send ${summary.claimToSendMs}, record→done ${summary.recordToDoneMs}, one append+fsync ${summary.appendFsyncMs})\n` +
      `machine: ${summary.machine}\n`
  )
  NodeFs.writeFileSync(new URL("./results-journal.json", import.meta.url), JSON.stringify(summary, null, 2) + "\n")
})

Effect.runPromise(Effect.provide(program, serverLayer())).then(
  () => {
    NodeFs.rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  },
  (e) => {
    process.stderr.write(`bench failed: ${e}\n`)
    process.exit(1)
  }
)
