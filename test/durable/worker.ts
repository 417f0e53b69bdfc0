/**
 * A durable-batch worker process for the kill-and-resume tests (run with Node 24: it runs .ts
 * directly). It runs `TASKS` tasks ("<PREFIX>-<i> …") against the server at `OC_URL` with the journal
 * `JOURNAL`, and writes a summary of its result as JSON to `OUT`.
 *
 * - `KILL_AT=<step>:<n>`: SIGKILL itself right before the n-th time any task reaches `<step>`
 *   (see `DurableBatch.Step`).
 * - `JOIN=1`: join a journal another process holds.
 * - `CONCURRENCY` (default 3), `TASK_OFFSET` (first task number, default 0), `PREFIX` (default
 *   "TASK").
 *
 * Exit codes: 0 done, 3 the journal is locked by another process, 4 journal error.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Effect, Layer, Redacted } from "effect"
import * as NodeFs from "node:fs"
import * as DurableBatch from "../../src/durable/DurableBatch.ts"
import * as Run from "../../src/services/Run.ts"

const env = process.env
const count = Number(env.TASKS ?? 30)
const offset = Number(env.TASK_OFFSET ?? 0)
const prefix = env.PREFIX ?? "TASK"
const tasks: Array<DurableBatch.Task> = Array.from({ length: count }, (_, i) => ({
  prompt: `${prefix}-${offset + i}: reply with this line`
}))

const [killStep, killNth] = (env.KILL_AT ?? "").split(":")
let reached = 0
const onStep = (step: DurableBatch.Step, key: string) => {
  if (env.TRACE === "1") process.stdout.write(`STEP ${step} ${key}\n`)
  if (step === killStep && ++reached === Number(killNth)) process.kill(process.pid, "SIGKILL")
}

const server = Run.layer({
  baseUrl: env.OC_URL!,
  ...(env.OC_DIRECTORY !== undefined ? { directory: env.OC_DIRECTORY } : {}),
  ...(env.OC_USERNAME !== undefined ? { username: env.OC_USERNAME } : {}),
  ...(env.OC_PASSWORD !== undefined ? { password: Redacted.make(env.OC_PASSWORD) } : {})
})

const program = DurableBatch.run(tasks, {
  journal: env.JOURNAL!,
  join: env.JOIN === "1",
  concurrency: Number(env.CONCURRENCY ?? 3),
  resendGrace: "1 second",
  onStep
}).pipe(
  Effect.map((result) => ({
    mode: result.mode,
    finished: result.finished.map((f) => ({ key: f.key, index: f.index, source: f.source, text: f.output.text })),
    failed: result.failed.map((f) => ({ key: f.key, index: f.index, tag: f.error._tag, message: f.error.message, journaled: f.journaled })),
    skipped: result.skipped.length
  })),
  Effect.tap((summary) => Effect.sync(() => NodeFs.writeFileSync(env.OUT!, JSON.stringify(summary)))),
  Effect.catchTag("JournalLocked", (e) =>
    Effect.sync(() => {
      process.stdout.write(`LOCKED ${e.message}\n`)
      process.exitCode = 3
    })),
  Effect.catchTag("JournalError", (e) =>
    Effect.sync(() => {
      process.stdout.write(`JOURNAL ${e.message}\n`)
      process.exitCode = 4
    })),
  Effect.provide(Layer.merge(server, NodeFileSystem.layer))
)

Effect.runPromise(program).then(
  () => process.exit(),
  (e) => {
    process.stderr.write(`worker failed: ${e}\n`)
    process.exit(1)
  }
)
