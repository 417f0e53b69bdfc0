/**
 * The CLI's cluster mode, spawned as a user types it: a malformed or unreachable connection
 * string ends in one line (exit 2 or 1, no stack trace, no password) for `runner` and `batch`;
 * `--database` with `--journal` is a usage error; and end to end, against a throwaway PostgreSQL
 * and a real OpenCode server with the scripted model: `runner` joins, `batch --database` runs three
 * tasks on it and prints their results, `batch status --database` counts them, and SIGTERM ends
 * the runner with 0.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest"
import { Effect, Exit, Redacted, Result, Scope } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { collector, metricNames, spansOf } from "./collector.ts"
import { finishedLineKeys, isAlive, isolatedHome, runCli, spawnCli, stopAll, waitGone } from "./spawn.ts"

afterEach(stopAll)

const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-cli-cluster-"))
afterAll(() => NodeFs.rmSync(dir, { recursive: true, force: true }))

const tasksFile = (name: string, prompts: ReadonlyArray<string>) => {
  const file = NodePath.join(dir, name)
  NodeFs.writeFileSync(file, prompts.map((prompt, i) => JSON.stringify({ prompt, id: `t${i + 1}` })).join("\n"))
  return file
}

const freePort = () => Effect.runPromise(OpencodeServer.freePort())


/** The processes whose parent is `pid`. */
const childrenOf = (pid: number): Array<number> =>
  NodeFs.readdirSync("/proc").filter((name) => /^\d+$/.test(name)).flatMap((name) => {
    try {
      const stat = NodeFs.readFileSync(`/proc/${name}/stat`, "utf8")
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid ? [Number(name)] : []
    } catch {
      return []
    }
  })

/** Exactly one line on stderr, the CLI's, without a stack trace. */
const oneLine = (stderr: string): string => {
  const lines = stderr.trimEnd().split("\n")
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^effect-opencode: error: /)
  expect(stderr).not.toMatch(/\n\s+at /)
  return lines[0]!
}

describe("CLI cluster mode: the connection string", () => {
  const tasks = tasksFile("one.jsonl", ["hello"])
  const commands = {
    runner: ["runner", "--server", "http://127.0.0.1:9"],
    batch: ["batch", tasks]
  }

  // Each test runs its CLIs side by side: a process start is most of their time.
  for (const [name, args] of Object.entries(commands)) {
    it(`${name}: a malformed URL is a usage error (exit 2); a server that refuses, exit 1; one line, no password`, async () => {
      const [nonsense, mysql, refused] = await Promise.all(
        ["nonsense", "mysql://x/y", "postgres://nobody:secret@127.0.0.1:1/x"].map((url) => runCli([...args, "--database", url]))
      )
      for (const [url, result] of [["nonsense", nonsense!], ["mysql://x/y", mysql!]] as const) {
        expect(result.code, result.stderr).toBe(2)
        expect(result.stdout).toBe("")
        expect(oneLine(result.stderr)).toContain(`invalid database URL ${url}`)
      }
      expect(refused!.code, refused!.stderr).toBe(1)
      expect(refused!.stdout).toBe("")
      const line = oneLine(refused!.stderr)
      expect(line).toContain("cannot reach PostgreSQL at postgres://nobody:***@127.0.0.1:1/x")
      expect(line).toContain("ECONNREFUSED")
      expect(refused!.stderr).not.toContain("secret")
    })
  }

  it("batch: --database with --journal is a usage error", async () => {
    const { code, stderr } = await runCli([
      "batch",
      tasks,
      "--database",
      "postgres://app@127.0.0.1:1/x",
      "--journal",
      NodePath.join(dir, "run.jsonl")
    ])
    expect(code, stderr).toBe(2)
    expect(oneLine(stderr)).toContain("--database and --journal cannot be combined")
  })

  it("batch: --retries needs --database, and a whole number ≥ 0", async () => {
    const alone = await runCli(["batch", tasks, "--retries", "1"])
    expect(alone.code, alone.stderr).toBe(2)
    expect(oneLine(alone.stderr)).toContain("--retries needs --database")
    const negative = await runCli(["batch", tasks, "--database", "postgres://app@127.0.0.1:1/x", "--retries", "-1"])
    expect(negative.code, negative.stderr).toBe(2)
    expect(oneLine(negative.stderr)).toContain("invalid --retries -1")
  })
})

// Without PostgreSQL (`.ci/run` installs it where it can) the end-to-end test is skipped, visibly.
const available = Result.isSuccess(Effect.runSync(Effect.result(TestPostgres.resolveBinaries())))

describe.skipIf(!available)("CLI cluster mode end to end", () => {
  const scope = Effect.runSync(Scope.make())
  afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)), 30_000)
  let pgStarted: Promise<TestPostgres.TestPostgresShape> | undefined
  const postgres = () => (pgStarted ??= Effect.runPromise(TestPostgres.make().pipe(Scope.provide(scope))))
  // One OpenCode server for the file's runners too (each test starts its own runner and batch),
  // the telemetry test's included.
  let ocStarted: Promise<TestServer.TestServerParts> | undefined
  const opencode = () => (ocStarted ??= Effect.runPromise(TestServer.make().pipe(Scope.provide(scope))))

  it("runner joins; batch --database runs 3 tasks on it; batch status counts them; SIGTERM ends it with 0", async () => {
    const [pg, oc] = await Promise.all([postgres(), opencode()])
    const env = oc.server.password !== undefined
      ? { OPENCODE_SERVER_PASSWORD: Redacted.value(oc.server.password), OPENCODE_SERVER_USERNAME: oc.server.username }
      : {}
    const port = await freePort()
    const runner = spawnCli(["runner", "--database", pg.url, "--server", oc.server.url, "--port", String(port)], { env })
    const joined = await runner.waitFor(/runner .* joined: .*\n/, "stderr", 30_000)
    expect(joined[0]).toBe(
      `runner 127.0.0.1:${port} joined: 1 server [${oc.server.url}], database ${pg.url}\n`
    )

    const prompts = ["first task", "second task", "third task"]
    const batch = await runCli(["batch", tasksFile("three.jsonl", prompts), "--database", pg.url], { timeoutMs: 40_000 })
    expect(batch.code, batch.stderr).toBe(0)
    const results = batch.stdout.trim().split("\n").map((line) =>
      JSON.parse(line) as { ok: boolean; id: string; index: number; key: string; status: string; text: string }
    )
    expect(results).toHaveLength(3)
    expect(results.every((r) => r.ok && r.status === "finished")).toBe(true)
    // The shape of every mode's lines (test/durable/cli.test.ts runs the others).
    for (const r of results) expect(Object.keys(r).sort()).toEqual([...finishedLineKeys].sort())
    expect(results.map((r) => [r.index, r.id, r.text]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual(prompts.map((p, i) => [i, `t${i + 1}`, p]))
    expect(batch.stderr).toMatch(/3 tasks: 3 done, 0 failed/)
    const batchId = /^batch (\S+): 3 tasks submitted/m.exec(batch.stderr)?.[1]
    expect(batchId, batch.stderr).toBeDefined()

    const status = await runCli(["batch", "status", "--database", pg.url, "--json"])
    expect(status.code, status.stderr).toBe(0)
    const counts = JSON.parse(status.stdout) as Array<{ batchId: string; total: number; finished: number; failed: number; pending: number }>
    expect(counts).toHaveLength(1)
    expect(counts[0]).toMatchObject({ batchId: batchId, total: 3, finished: 3, failed: 0, pending: 0 })
    const text = await runCli(["batch", "status", "--database", pg.url])
    expect(text.stdout).toContain(`batch ${batchId} : 3 tasks, 3 finished, 0 failed, 0 pending`)

    const pid = runner.child.pid!
    const children = childrenOf(pid)
    const stopped = Date.now()
    runner.child.kill("SIGTERM")
    const code = await runner.exited
    expect(Date.now() - stopped).toBeLessThan(15_000)
    expect(code, runner.stderr()).toBe(0)
    expect(runner.stdout()).toBe("")
    expect(runner.stderr()).toContain(`runner 127.0.0.1:${port} left the cluster`)
    for (const child of children) expect(await waitGone(child, 2_000)).toBe(true)
    expect(isAlive(pid)).toBe(false)
  }, 60_000)

  it("with OTEL_EXPORTER_OTLP_ENDPOINT: batch --database exports the batch span, the runner a task span per task in the same trace, and the task metrics", async () => {
    const [pg, oc, otlp] = await Promise.all([
      postgres(),
      opencode(),
      Effect.runPromise(collector.pipe(Scope.provide(scope)))
    ])
    const telemetry = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url }
    const env = oc.server.password !== undefined
      ? { ...telemetry, OPENCODE_SERVER_PASSWORD: Redacted.value(oc.server.password), OPENCODE_SERVER_USERNAME: oc.server.username }
      : telemetry
    const port = await freePort()
    const runner = spawnCli(["runner", "--database", pg.url, "--server", oc.server.url, "--port", String(port)], { env })
    await runner.waitFor(/runner .* joined: .*\n/, "stderr", 30_000)
    const batch = await runCli(["batch", tasksFile("traced.jsonl", ["traced one", "traced two"]), "--database", pg.url], {
      env: telemetry,
      timeoutMs: 40_000
    })
    expect(batch.code, batch.stderr).toBe(0)
    const batchId = /^batch (\S+): 2 tasks submitted/m.exec(batch.stderr)?.[1]
    // The runner flushes its spans and metrics when it leaves.
    runner.child.kill("SIGTERM")
    expect(await runner.exited, runner.stderr()).toBe(0)

    const spans = spansOf(otlp.received.filter((r) => r.path === "/v1/traces").map((r) => r.body))
    const batches = spans.filter((s) => s.name === "opencode.batch")
    expect(batches).toHaveLength(1)
    expect(batches[0]!.attributes).toMatchObject({
      "opencode.batch.tasks": 2,
      "opencode.batch.id": batchId,
      "opencode.batch.finished": 2,
      "opencode.batch.failed": 0
    })
    // From the runner's process, in the batch's trace (the engine carries the trace context).
    const tasks = spans.filter((s) => s.name === "opencode.batch.task")
    expect(tasks).toHaveLength(2)
    for (const task of tasks) {
      expect(task.traceId).toBe(batches[0]!.traceId)
      expect(task.attributes).toMatchObject({ "opencode.outcome": "success", "opencode.task.server": oc.server.url })
    }
    const metrics = metricNames(otlp.received.filter((r) => r.path === "/v1/metrics").map((r) => r.body))
    expect(metrics).toContain("opencode.tasks.started")
    expect(metrics).toContain("opencode.tasks.finished")
  }, 90_000)

  it("batch --database --max-tokens: once the finished tasks used the budget, the tasks left are skipped (exit 1)", async () => {
    const [pg, oc] = await Promise.all([postgres(), opencode()])
    const env = oc.server.password !== undefined
      ? { OPENCODE_SERVER_PASSWORD: Redacted.value(oc.server.password), OPENCODE_SERVER_USERNAME: oc.server.username }
      : {}
    const port = await freePort()
    // One task at a time: each one after the first finds the budget used up.
    const runner = spawnCli(["runner", "--database", pg.url, "--server", oc.server.url, "--port", String(port), "--slots", "1"], { env })
    await runner.waitFor(/runner .* joined: .*\n/, "stderr", 30_000)
    const file = tasksFile("budget.jsonl", ["budget one", "budget two", "budget three", "budget four"])
    const batch = await runCli(["batch", file, "--database", pg.url, "--max-tokens", "1"], { timeoutMs: 150_000 })
    expect(batch.code, `${batch.stderr}\nrunner: ${runner.stderr()}`).toBe(1)
    const results = batch.stdout.trim().split("\n").map((line) =>
      JSON.parse(line) as { ok: boolean; status: string; tokens?: { total: number }; error?: { type: string; message: string } }
    )
    expect(results).toHaveLength(4)
    const finished = results.filter((r) => r.status === "finished")
    const skipped = results.filter((r) => r.status === "skipped")
    // The first task runs on an empty budget; its slot is held until its result is recorded, so
    // every later one sees the budget used up.
    expect(finished, batch.stdout).toHaveLength(1)
    expect(skipped, batch.stdout).toHaveLength(3)
    for (const r of finished) expect(r.tokens!.total).toBeGreaterThan(1)
    for (const r of skipped) {
      expect(r.ok).toBe(false)
      expect(r.error).toMatchObject({ type: "BudgetExceeded" })
      expect(r.error!.message).toMatch(/^maxTokens 1 reached/)
    }
    expect(batch.stderr).toMatch(new RegExp(`4 tasks: ${finished.length} done, 0 failed, ${skipped.length} skipped \\(budget\\)`))
    const batchId = /^batch (\S+): 4 tasks submitted/m.exec(batch.stderr)?.[1]
    const status = await runCli(["batch", "status", "--database", pg.url, "--batch-id", batchId!, "--json"])
    expect(JSON.parse(status.stdout)[0]).toMatchObject({ total: 4, finished: finished.length, skipped: skipped.length, failed: 0, pending: 0 })
    runner.child.kill("SIGTERM")
    expect(await runner.exited, runner.stderr()).toBe(0)
  }, 240_000)

  it("runner --servers 1 starts its own opencode server (demo model by default) and stops it on SIGTERM", async () => {
    const pg = await postgres()
    const home = isolatedHome()
    try {
      const project = NodeFs.mkdtempSync(NodePath.join(dir, "project-"))
      const port = await freePort()
      const runner = spawnCli(["runner", "--database", pg.url, "--servers", "1", "--dir", project, "--port", String(port)], {
        env: home.env
      })
      await runner.waitFor(/joined: 1 server \[http:\/\/127\.0\.0\.1:\d+\]/, "stderr", 45_000)
      expect(runner.stderr()).toContain("default model: local/echo (offline demo model")
      const pid = runner.child.pid!
      const children = childrenOf(pid)
      expect(children.length).toBeGreaterThan(0)
      runner.child.kill("SIGTERM")
      expect(await runner.exited, runner.stderr()).toBe(0)
      // The last runner to leave sees no healthy runner: not worth a warning.
      expect(runner.stderr()).not.toContain("No healthy runners")
      for (const child of children) expect(await waitGone(child, 2_000)).toBe(true)
    } finally {
      home.cleanup()
    }
  }, 60_000)
})
