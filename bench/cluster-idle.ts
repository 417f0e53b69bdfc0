/**
 * Idle cost of one cluster runner: a fresh PostgreSQL, one runner process (bench/cluster-runner.ts)
 * that holds every shard and runs nothing; its CPU and PostgreSQL's over `--seconds` (default 30),
 * and the statements PostgreSQL ran meanwhile (pg_stat_statements). What a runner costs per second
 * of wall time whatever it runs: storage polls, shard-lock refreshes, assignment refreshes.
 *
 * `node_modules/.bin/node bench/cluster-idle.ts [--seconds 30] [--shards 300]` (extra environment is
 * passed to the runner: `POLL_INTERVAL`, `REFRESH_INTERVAL`, …). Not part of the test suite.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect } from "effect"
import * as NodeChild from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as OpencodeServer from "../src/layers/OpencodeServer.ts"
import * as TestPostgres from "../src/testing/TestPostgres.ts"

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1]! : fallback
}
const seconds = Number(arg("--seconds", "30"))
const shards = Number(arg("--shards", "300"))
const root = NodePath.resolve(import.meta.dirname, "..")

const cpuMs = (pid: number): number => {
  const stat = NodeFs.readFileSync(`/proc/${pid}/stat`, "utf8")
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}
/** CPU ms of the PostgreSQL server and its backends (children). */
const treeMs = (pid: number): number => {
  let total = cpuMs(pid)
  for (const e of NodeFs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = NodeFs.readFileSync(`/proc/${e}/stat`, "utf8")
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) total += cpuMs(Number(e))
    } catch {
      // gone meanwhile
    }
  }
  return total
}

const main = Effect.gen(function*() {
  const pg = yield* TestPostgres.make({ settings: { shared_preload_libraries: "pg_stat_statements" } })
  yield* pg.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
  const pgPid = (yield* pg.pid)!
  const port = yield* OpencodeServer.freePort()
  const child = yield* Effect.acquireRelease(
    Effect.sync(() =>
      NodeChild.spawn(process.execPath, [NodePath.join(root, "bench/cluster-runner.ts")], {
        cwd: root,
        env: { ...process.env, DATABASE: pg.url, PORT: String(port), SHARDS: String(shards), OC_URL: "http://127.0.0.1:9" },
        stdio: ["pipe", "pipe", "inherit"]
      })
    ),
    (child) => Effect.sync(() => child.kill("SIGTERM"))
  )
  yield* Effect.callback<void>((resume) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("JOINED") && resume(Effect.void))
  })
  // Until it holds every shard, then a few seconds more.
  while (true) {
    const [row] = yield* pg.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
    )
    if (row!.n === shards) break
    yield* Effect.sleep("500 millis")
  }
  yield* Effect.sleep("5 seconds")
  yield* pg.query("SELECT pg_stat_statements_reset()")
  const r0 = cpuMs(child.pid!), p0 = treeMs(pgPid)
  yield* Effect.sleep(`${seconds} seconds`)
  const r1 = cpuMs(child.pid!), p1 = treeMs(pgPid)
  const statements = yield* pg.query<{ query: string; calls: number; ms: number }>(
    "SELECT query, calls::int AS calls, total_exec_time::float8 AS ms FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' ORDER BY calls DESC"
  )
  const calls = statements.reduce((n, s) => n + s.calls, 0)
  console.log(
    `${shards} shards, idle ${seconds} s: runner ${((r1 - r0) / seconds).toFixed(1)} ms CPU/s, PostgreSQL ${((p1 - p0) / seconds).toFixed(1)} ms CPU/s, ` +
      `${(calls / seconds).toFixed(2)} statements/s`
  )
  for (const s of statements.slice(0, 8)) console.log(`  ${s.calls} × ${s.query.replace(/\s+/g, " ").slice(0, 110)}`)
}).pipe(Effect.scoped)

NodeRuntime.runMain(main)
