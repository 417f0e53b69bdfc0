/**
 * Cluster mode across processes, against a real PostgreSQL server started by the test and real
 * OpenCode servers with the scripted model: two runner processes share a batch and one is
 * SIGKILLed mid-batch; one leaves cleanly (SIGTERM); the database goes away and comes back. Each
 * time every task ends exactly once — counted on the OpenCode servers — and every result is in
 * the database.
 */
import { expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Redacted, Scope } from "effect"
import { afterAll } from "vitest"
import * as SqlClient from "effect/sql/SqlClient"
import * as NodeChild from "node:child_process"
import * as NodePath from "node:path"
import * as Cluster from "../../src/cluster/Cluster.ts"
import * as ClusterBatch from "../../src/cluster/ClusterBatch.ts"
import * as Database from "../../src/cluster/Database.ts"
import * as Store from "../../src/cluster/Store.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Run from "../../src/services/Run.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { countOnServer, slowEcho } from "../durable/helpers.ts"

const secret = "cluster-test-secret"
const workerPath = NodePath.join(import.meta.dirname, "runner-worker.ts")


/** A real OpenCode server whose model answers "done: <prompt>" after `delayMs`; all share one password. */
const server = (delayMs: number) =>
  TestServer.make({ server: { password: Redacted.make(secret) }, model: { fallback: slowEcho(delayMs) } })

/**
 * One PostgreSQL server and two OpenCode servers for the file, started by the first test that
 * needs them (each test has a database of its own, its own runners and its own task prompts, and
 * sets the model's delay); the test whose server dies starts its own.
 */
const fileScope = Effect.runSync(Scope.make())
afterAll(() => Effect.runPromise(Scope.close(fileScope, Exit.void)), 60_000)
let pgStarted: Promise<TestPostgres.TestPostgresShape> | undefined
const postgres = Effect.promise(() => (pgStarted ??= Effect.runPromise(TestPostgres.make().pipe(Scope.provide(fileScope)))))
let serversStarted: Promise<readonly [TestServer.TestServerParts, TestServer.TestServerParts]> | undefined
const sharedServers = (delayMs: number) =>
  Effect.gen(function*() {
    const servers = yield* Effect.promise(() =>
      serversStarted ??= Effect.runPromise(
        Effect.all([server(delayMs), server(delayMs)], { concurrency: 2 }).pipe(Scope.provide(fileScope))
      )
    )
    for (const oc of servers) yield* oc.model.setFallback(slowEcho(delayMs))
    return servers
  })

interface RunnerProcess {
  readonly name: string
  readonly pid: number
  readonly kill: (signal: NodeJS.Signals) => Effect.Effect<void>
  /** Resolves when the process has exited. */
  readonly exited: Effect.Effect<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
  readonly stderr: () => string
}

/**
 * The runners' timings here (see docs/scale-out.md, "Settings"): assignments re-read every second
 * instead of every 3. The lock expiration stays at its default: a SIGKILLed runner's shard locks
 * (advisory locks of its database session) go with its connection, so a shorter one does not
 * speed the takeover up (measured: 6.8 s after the kill with 10 s, 7–8 s with 6 s), and it would
 * only make a loaded machine's pauses cost shards.
 */
const timings = { REFRESH_INTERVAL: "1 second" }

/** Starts a runner process for `oc` and waits until it has joined; SIGKILLed at scope close if still running. */
const startRunner = (
  name: string,
  database: string,
  oc: TestServer.TestServerParts,
  slots = 8,
  extraEnv: Record<string, string> = {}
): Effect.Effect<RunnerProcess, never, Scope.Scope> =>
  Effect.gen(function*() {
    const port = yield* OpencodeServer.freePort().pipe(Effect.orDie)
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        NodeChild.spawn(process.execPath, [workerPath], {
          env: {
            ...process.env,
            DATABASE: database,
            PORT: String(port),
            NAME: name,
            SLOTS: String(slots),
            OC_URL: oc.server.url,
            OC_DIRECTORY: oc.project.directory,
            OC_USERNAME: oc.server.username,
            OC_PASSWORD: secret,
            ...timings,
            ...extraEnv
          },
          stdio: ["ignore", "pipe", "pipe"]
        })
      ),
      (child) =>
        Effect.sync(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
        })
    )
    let stdout = ""
    let stderr = ""
    child.stdout!.on("data", (d) => (stdout += String(d)))
    child.stderr!.on("data", (d) => (stderr += String(d)))
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal }))
    )
    const deadline = Date.now() + 30_000
    while (!stdout.includes("JOINED")) {
      if (child.exitCode !== null || Date.now() > deadline) {
        return yield* Effect.die(new Error(`runner ${name} did not join: ${stderr}`))
      }
      yield* Effect.sleep("50 millis")
    }
    return {
      name,
      pid: child.pid!,
      kill: (signal) => Effect.sync(() => void child.kill(signal)),
      exited: Effect.promise(() => exit),
      stderr: () => stderr
    }
  })

/** Where a test's time goes: `mark(label)` notes the seconds since the previous mark; `line()` lists them. */
const phases = () => {
  let last = Date.now()
  const marks: Array<string> = []
  return {
    mark: (label: string) =>
      Effect.sync(() => {
        const now = Date.now()
        marks.push(`${label} ${((now - last) / 1000).toFixed(1)} s`)
        last = now
      }),
    line: () => marks.join(", ")
  }
}

/** `n` tasks whose prompts are `<tag>-<i>: reply with this line` (a tag per test: the servers are shared). */
const tasks = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ prompt: `${tag}-${i}: reply with this line` }))

/** Waits until the batch has at least `n` results in the database. */
const untilResults = (batchId: string, n: number) =>
  Effect.gen(function*() {
    const deadline = Date.now() + 120_000
    while (true) {
      const counts = yield* Store.counts(batchId)
      const c = counts[0]
      if (c !== undefined && c.finished + c.failed >= n) return
      if (Date.now() > deadline) return yield* Effect.die(new Error(`fewer than ${n} results after 120 s`))
      yield* Effect.sleep("100 millis")
    }
  })

/**
 * Waits until `n` runners hold all the cluster's shards (`Cluster.defaultShards`) between them, each some, for two reads in a row
 * (their shard-lock sessions' advisory locks), so that work is spread from the first task: a
 * readiness signal rather than a fixed wait for the assignment refresh.
 */
const untilRunners = (n: number) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const deadline = Date.now() + 60_000
    let last = ""
    while (true) {
      const rows = yield* sql<{ n: unknown }>`SELECT count(*) AS n FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        GROUP BY pid ORDER BY pid`
      const held = rows.map((r) => Number(r.n))
      const now = JSON.stringify(held)
      if (held.length === n && held.reduce((a, b) => a + b, 0) === Cluster.defaultShards && now === last) return
      if (Date.now() > deadline) return yield* Effect.die(new Error(`${n} runners did not hold the ${Cluster.defaultShards} shards after 60 s: ${now}`))
      last = now
      yield* Effect.sleep("200 millis")
    }
  })

/** Prompts, text parts and replies per task number of the test's `tag`, summed over the servers. */
const countOn = (servers: ReadonlyArray<TestServer.TestServerParts>, tag: string) =>
  Effect.gen(function*() {
    const total = { prompts: new Map<number, number>(), textParts: new Map<number, number>(), replies: new Map<number, number>() }
    for (const oc of servers) {
      const c = yield* countOnServer(new RegExp(`${tag}-(\\d+):`)).pipe(Effect.provide(Run.layer({
        baseUrl: oc.server.url,
        directory: oc.project.directory,
        username: oc.server.username,
        password: Redacted.make(secret)
      })))
      for (const key of ["prompts", "textParts", "replies"] as const) {
        for (const [k, v] of c[key]) total[key].set(k, (total[key].get(k) ?? 0) + v)
      }
    }
    const sorted = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[0] - b[0])
    return { prompts: sorted(total.prompts), textParts: sorted(total.textParts), replies: sorted(total.replies) }
  })

const once = (n: number) => Array.from({ length: n }, (_, i) => [i, 1] as const)

const expectAllFinished = (result: ClusterBatch.BatchResult, n: number, tag: string) => {
  expect(result.failed.map((f) => `${f.key}: ${f.error?.message}`)).toEqual([])
  expect(result.finished.length).toBe(n)
  for (const r of result.finished) expect(r.output?.text).toBe(`done: ${tag}-${r.index}: reply with this line`)
}

it.live("two runners share 40 tasks; one is SIGKILLed mid-batch; every task ends once, counted on the servers", () =>
  Effect.gen(function*() {
    const p = phases()
    const [pg, [a, b]] = yield* Effect.all([postgres, sharedServers(1_500)], { concurrency: 2 })
    const database = yield* pg.createDatabase("kill").pipe(Effect.orDie)
    yield* p.mark("postgres + servers")
    const runnerA = yield* startRunner("A", database, a)
    const runnerB = yield* startRunner("B", database, b)
    yield* p.mark("runners joined")
    const client = Cluster.layer({ database, clientOnly: true })
    const sql = Database.layer(database)
    yield* untilRunners(2).pipe(Effect.provide(sql))
    yield* p.mark("shards held")

    const submitted = yield* ClusterBatch.submit(tasks(40, "KILL")).pipe(Effect.provide(client))
    yield* untilResults(submitted.batchId, 8).pipe(Effect.provide(sql))
    const before = yield* Store.results(submitted.batchId).pipe(Effect.provide(sql))
    const killedAt = Date.now()
    yield* runnerA.kill("SIGKILL")
    const exitA = yield* runnerA.exited
    expect(exitA.signal).toBe("SIGKILL")

    yield* p.mark("8 results, kill")
    const result = yield* ClusterBatch.follow(submitted.batchId, { timeout: "150 seconds" }).pipe(Effect.provide(sql))
    expectAllFinished(result, 40, "KILL")
    yield* p.mark("all results")

    // Exactly one prompt, one text part and one reply per task, over both servers.
    const count = yield* countOn([a, b], "KILL")
    expect(count.prompts).toEqual(once(40))
    expect(count.textParts).toEqual(once(40))
    expect(count.replies).toEqual(once(40))

    // Both runners worked; B took over: it recorded tasks started on A's server (finished there,
    // without a second prompt) — A's in-flight tasks when it was killed.
    const byRunner = (name: string) => result.results.filter((r) => r.runner === name)
    expect(before.some((r) => r.runner === "A")).toBe(true)
    expect(before.some((r) => r.runner === "B")).toBe(true)
    // Before the kill each runner ran its tasks on its own server.
    for (const r of before) expect(r.server).toBe(r.runner === "A" ? a.server.url : b.server.url)
    const takenOver = byRunner("B").filter((r) => r.server === a.server.url)
    expect(takenOver.length).toBeGreaterThan(0)
    expect(byRunner("A").every((r) => r.finishedAt.getTime() <= killedAt)).toBe(true)
    const firstTakeover = Math.min(...takenOver.map((r) => r.finishedAt.getTime())) - killedAt
    console.log(
      `kill test: 40 tasks; ${before.length} done before the SIGKILL; A recorded ${byRunner("A").length}, B ${byRunner("B").length}` +
        ` (${takenOver.length} of them started on A's server); first taken-over result ${firstTakeover} ms after the kill;` +
        ` prompts on the servers: ${count.prompts.length} tasks × 1; ${p.line()}, counted`
    )
    yield* runnerB.kill("SIGTERM")
    expect((yield* runnerB.exited).code).toBe(0)
  }).pipe(Effect.scoped), { timeout: 240_000 })

it.live("a runner that leaves cleanly (SIGTERM) hands its tasks over; every task ends once", () =>
  Effect.gen(function*() {
    const p = phases()
    const [pg, [a, b]] = yield* Effect.all([postgres, sharedServers(1_000)], { concurrency: 2 })
    const database = yield* pg.createDatabase("leave").pipe(Effect.orDie)
    yield* p.mark("postgres + servers")
    const runnerA = yield* startRunner("A", database, a)
    const runnerB = yield* startRunner("B", database, b)
    yield* p.mark("runners joined")
    const sql = Database.layer(database)
    yield* untilRunners(2).pipe(Effect.provide(sql))
    yield* p.mark("shards held")
    const submitted = yield* ClusterBatch.submit(tasks(20, "LEAVE")).pipe(Effect.provide(Cluster.layer({ database, clientOnly: true })))
    yield* untilResults(submitted.batchId, 4).pipe(Effect.provide(sql))
    const t0 = Date.now()
    yield* runnerA.kill("SIGTERM")
    const exitA = yield* runnerA.exited
    const leftMillis = Date.now() - t0
    expect(exitA.code, runnerA.stderr()).toBe(0)
    expect(leftMillis).toBeLessThan(30_000)
    yield* p.mark("4 results, SIGTERM, A exited")
    const result = yield* ClusterBatch.follow(submitted.batchId, { timeout: "120 seconds" }).pipe(Effect.provide(sql))
    expectAllFinished(result, 20, "LEAVE")
    yield* p.mark("all results")
    const count = yield* countOn([a, b], "LEAVE")
    expect(count.prompts).toEqual(once(20))
    expect(count.replies).toEqual(once(20))
    console.log(`clean leave: runner A exited in ${leftMillis} ms; A recorded ${result.results.filter((r) => r.runner === "A").length}, B ${result.results.filter((r) => r.runner === "B").length}; ${p.line()}`)
    yield* runnerB.kill("SIGTERM")
    expect((yield* runnerB.exited).code).toBe(0)
  }).pipe(Effect.scoped), { timeout: 200_000 })

it.live("the database goes away and comes back: the runner waits and goes on; nothing lost, nothing sent twice", () =>
  Effect.gen(function*() {
    const p = phases()
    const [pg, [a]] = yield* Effect.all([postgres, sharedServers(800)], { concurrency: 2 })
    const database = yield* pg.createDatabase("away").pipe(Effect.orDie)
    yield* p.mark("postgres + server")
    const runner = yield* startRunner("A", database, a, 4)
    yield* p.mark("runner joined")
    const sql = Database.layer(database)
    const submitted = yield* ClusterBatch.submit(tasks(12, "AWAY")).pipe(Effect.provide(Cluster.layer({ database, clientOnly: true })))
    yield* untilResults(submitted.batchId, 2).pipe(Effect.provide(sql))
    yield* p.mark("2 results")
    yield* pg.stop
    yield* Effect.sleep("6 seconds")
    yield* pg.start
    yield* p.mark("database away 6 s, back")
    const result = yield* ClusterBatch.follow(submitted.batchId, { timeout: "150 seconds" }).pipe(Effect.provide(Layer.fresh(sql)))
    expectAllFinished(result, 12, "AWAY")
    yield* p.mark("all results")
    console.log(`database away: ${p.line()}`)
    const count = yield* countOn([a], "AWAY")
    expect(count.prompts).toEqual(once(12))
    expect(count.replies).toEqual(once(12))
    // The runner is still up and leaves cleanly.
    yield* runner.kill("SIGTERM")
    expect((yield* runner.exited).code, runner.stderr()).toBe(0)
  }).pipe(Effect.scoped), { timeout: 240_000 })

it.live("the server a task runs on dies: the task ends with a typed error, recorded, not sent anywhere else", () =>
  Effect.gen(function*() {
    const p = phases()
    const serverScope = yield* Scope.make()
    const [pg, a] = yield* Effect.all([postgres, server(60_000).pipe(Scope.provide(serverScope))], { concurrency: 2 })
    const database = yield* pg.createDatabase("serverdies").pipe(Effect.orDie)
    yield* p.mark("postgres + server")
    // A server unreachable for 3 s is lost (default 30 s): the same watch, sooner.
    const runner = yield* startRunner("A", database, a, 4, { SERVER_LOST_AFTER: "3 seconds" })
    const sql = Database.layer(database)
    // The default stall timeout (10 minutes): the unreachable server is told well before it.
    const submitted = yield* ClusterBatch.submit(tasks(2, "TASK")).pipe(
      Effect.provide(Cluster.layer({ database, clientOnly: true }))
    )
    // Both prompts reached the model (which holds them for a minute); then the server goes.
    const deadline = Date.now() + 60_000
    while ((yield* a.model.requests).filter((r) => r.kind === "chat" && r.lastUserText.startsWith("TASK-")).length < 2) {
      if (Date.now() > deadline) return yield* Effect.die(new Error("prompts never reached the model"))
      yield* Effect.sleep("100 millis")
    }
    yield* p.mark("runner joined, 2 prompts at the model")
    const t0 = Date.now()
    yield* Scope.close(serverScope, Exit.void)
    const result = yield* ClusterBatch.follow(submitted.batchId, { timeout: "90 seconds" }).pipe(Effect.provide(sql))
    const millis = Date.now() - t0
    expect(result.finished).toEqual([])
    expect(result.failed.length).toBe(2)
    // With the default 30 s (and the 10 s of silence before the first probe) this took 40–45 s.
    expect(millis).toBeLessThan(30_000)
    for (const f of result.failed) {
      // Typed as what it is: the server is unreachable (not a stall of the model), and the prompt,
      // which reached it, is not safe to send again.
      expect(f.error).toMatchObject({ _tag: "TaskLost", reason: "ServerUnreachable" })
      expect(f.error?.message).toContain("ECONNREFUSED")
      expect(f.server).toBe(a.server.url)
    }
    console.log(`server killed (${p.line()}): both tasks failed after ${millis} ms: ${result.failed.map((f) => `${f.error?._tag}: ${f.error?.message}`).join(" | ")}`)
    yield* runner.kill("SIGTERM")
    expect((yield* runner.exited).code, runner.stderr()).toBe(0)
  }).pipe(Effect.scoped), { timeout: 200_000 })
