/**
 * The journal's cost: the same 100 trivial tasks against one real `opencode serve` (1.18.33) and
 * the scripted model, in one process, run three ways:
 *
 * - `bare`: the server calls of a durable task without the durable batch — create the session,
 *   `prompt_async` with a client-chosen message id, `Run.awaitResult` — on `Effect.forEach` at the
 *   same concurrency. The baseline: "without a journal".
 * - `journal`: `DurableBatch.run` with a journal (claimed, prompted and finished appended and
 *   fsync'd per task, claims read back, a stall watch on each session).
 * - `batch`: `Batch.run`, for reference.
 *
 * Rounds go bare, journal, batch, then batch, journal, bare, … so that a drift of the shared
 * machine cancels out. All keep their sessions (same server work). Reported:
 *
 * - throughput of each (median over rounds) and the ratio journal / bare (goal ≥ 0.98);
 * - per-task overhead: (wall time of journal − bare) / tasks, per round (goal < 2 ms); the
 *   client's and the server's CPU time per task (the server's from /proc);
 * - the journal's own latency on each task's critical path, from the durable batch's step hooks
 *   (claim → send: append `claimed` and read it back; record → done: append `finished`; plus one
 *   append for `prompted`), and the latency of one append + fsync alone.
 *
 * Run from the repository root with the project's Node:
 * `npx node bench/journal.ts [--tasks 100] [--rounds 2] [--concurrency 5]`.
 * Prints a table and writes `bench/results-journal.json`.
 *
 * @since 0.1.0
 */
import { Effect, Stream } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as DurableBatch from "../src/durable/DurableBatch.ts"
import * as Journal from "../src/durable/Journal.ts"
import * as OpencodeServer from "../src/layers/OpencodeServer.ts"
import * as Ids from "../src/schema/Ids.ts"
import { Prompt } from "../src/schema/PromptInput.ts"
import * as Batch from "../src/services/Batch.ts"
import * as EventService from "../src/services/EventService.ts"
import * as MessageService from "../src/services/MessageService.ts"
import * as Run from "../src/services/Run.ts"
import * as SessionService from "../src/services/SessionService.ts"
import * as ScriptedModel from "../src/testing/ScriptedModel.ts"
import { serverLayer } from "../test/durable/helpers.ts"

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1]! : fallback
}
const taskCount = Number(arg("--tasks", "100"))
const rounds = Number(arg("--rounds", "2"))
const concurrency = Number(arg("--concurrency", "5"))

/**
 * - `bare`: the same server calls as a durable task, without the durable batch (the baseline of
 *   the journal's cost): create the session, `prompt_async` with a client-chosen id,
 *   `Run.awaitResult`, with `Effect.forEach` at the same concurrency;
 * - `journal`: `DurableBatch.run` with a journal;
 * - `batch`: `Batch.run` (for reference).
 */
type Variant = "bare" | "journal" | "batch"

interface Row {
  readonly variant: Variant
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
  yield* Effect.sleep("8 seconds")
  yield* Batch.run(Array.from({ length: 30 }, (_, i) => `warm ${i}`), { concurrency })
  yield* DurableBatch.run(Array.from({ length: 10 }, (_, i) => `warm journal ${i}`), {
    journal: NodePath.join(dir, "warm.jsonl"),
    concurrency
  })
  yield* Effect.sleep("5 seconds")

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
  const order: Array<Variant> = []
  for (let r = 0; r < rounds; r++) {
    order.push(...(r % 2 === 0 ? ["bare", "journal", "batch"] as const : ["batch", "journal", "bare"] as const))
  }
  const sessions = yield* SessionService.SessionService
  const messages = yield* MessageService.MessageService
  const events = yield* EventService.EventService
  // One event connection for the whole benchmark, as the batches hold one for theirs.
  yield* Effect.forkScoped(Effect.ignore(Stream.runDrain(events.events())))
  let n = 0
  for (const variant of order) {
    n++
    const round = Math.ceil(n / 3)
    const tasks = Array.from({ length: taskCount }, (_, i) => `bench ${variant} ${n} task ${i}`)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const serverCpu0 = processCpuMs(server.pid)
    let ok = 0
    if (variant === "batch") {
      const result = yield* Batch.run(tasks, { concurrency, ephemeral: false })
      ok = result.finished.filter((s) => s.output.text === `ok ${tasks[s.index]}`).length
    } else if (variant === "bare") {
      const results = yield* Effect.forEach(tasks, (task) =>
        Effect.gen(function*() {
          const session = yield* sessions.create({ title: task })
          const messageID = Ids.newMessageID()
          yield* messages.promptAsync(session.id, { messageID, parts: [Prompt.text(task)] })
          const result = yield* Run.awaitResult(session.id, messageID)
          return result.text === `ok ${task}`
        }).pipe(Effect.orElseSucceed(() => false)), { concurrency })
      ok = results.filter((r) => r).length
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

  const of = (v: Variant) => rows.filter((r) => r.variant === v)
  const bare = of("bare")
  const journal = of("journal")
  const batch = of("batch")
  const tps = (rs: ReadonlyArray<Row>) => round2(median(rs.map((r) => r.tasksPerSecond)))
  const pairs = Array.from({ length: rounds }, (_, i) => ((journal[i]!.seconds - bare[i]!.seconds) * 1000) / taskCount)
  const claimMs = mean(critical.claim)
  const recordMs = mean(critical.record)
  const summary = {
    tasks: taskCount,
    rounds,
    concurrency,
    bareTasksPerSecond: tps(bare),
    journalTasksPerSecond: tps(journal),
    batchTasksPerSecond: tps(batch),
    ratio: round2(tps(journal) / tps(bare)),
    ratioToBatch: round2(tps(journal) / tps(batch)),
    overheadMsPerTask: round2(median(pairs)),
    overheadMsPerTaskPerRound: pairs.map(round2),
    cpuMsPerTaskBare: round2(median(bare.map((r) => r.cpuMsPerTask))),
    cpuMsPerTaskJournal: round2(median(journal.map((r) => r.cpuMsPerTask))),
    cpuMsPerTaskBatch: round2(median(batch.map((r) => r.cpuMsPerTask))),
    cpuOverheadMsPerTask: round2(median(journal.map((r) => r.cpuMsPerTask)) - median(bare.map((r) => r.cpuMsPerTask))),
    serverCpuMsPerTaskBare: round2(median(bare.map((r) => r.serverCpuMsPerTask))),
    serverCpuMsPerTaskJournal: round2(median(journal.map((r) => r.serverCpuMsPerTask))),
    serverCpuMsPerTaskBatch: round2(median(batch.map((r) => r.serverCpuMsPerTask))),
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
    `\nthroughput: bare ${summary.bareTasksPerSecond}/s, journal ${summary.journalTasksPerSecond}/s, ratio ${summary.ratio} (goal ≥ 0.98); Batch.run ${summary.batchTasksPerSecond}/s\n` +
      `overhead per task (wall, journal − bare): ${summary.overheadMsPerTask} ms (per round: ${summary.overheadMsPerTaskPerRound.join(", ")}) (goal < 2 ms)\n` +
      `client CPU per task: bare ${summary.cpuMsPerTaskBare} ms, journal ${summary.cpuMsPerTaskJournal} ms (+${summary.cpuOverheadMsPerTask} ms), Batch.run ${summary.cpuMsPerTaskBatch} ms\n` +
      `server CPU per task: bare ${summary.serverCpuMsPerTaskBare} ms, journal ${summary.serverCpuMsPerTaskJournal} ms, Batch.run ${summary.serverCpuMsPerTaskBatch} ms\n` +
      `journal time on a task's critical path: ${summary.journalCriticalPathMsPerTask} ms (claim→send ${summary.claimToSendMs}, record→done ${summary.recordToDoneMs}, one append+fsync ${summary.appendFsyncMs})\n` +
      `machine: ${summary.machine}\n`
  )
  NodeFs.writeFileSync(new URL("./results-journal.json", import.meta.url), JSON.stringify(summary, null, 2) + "\n")
})

Effect.runPromise(Effect.provide(Effect.scoped(program), serverLayer())).then(
  () => {
    NodeFs.rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  },
  (e) => {
    process.stderr.write(`bench failed: ${e}\n`)
    process.exit(1)
  }
)
