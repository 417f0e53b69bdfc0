/**
 * `effect-opencode batch --journal` end to end, against a real server given with `--url`: Ctrl-C
 * in the middle, the same command again carries on without sending any prompt twice; `batch
 * status` reads the journal; the durable flags need `--journal`; a second process (refused, or
 * `--join`ed) leaves the `--out` file whole; plain and journaled lines have one shape.
 */
import { afterEach, expect, layer } from "@effect/vitest"
import { Deferred, Effect, Redacted } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { finishedLineKeys, runCli, spawnCli, stopAll } from "../cli/spawn.ts"
import { countOnServer, serverLayer, slowEcho, tempDir, userMessages } from "./helpers.ts"

afterEach(stopAll)

const connect = Effect.gen(function*() {
  const server = yield* OpencodeServer.OpencodeServer
  const project = yield* TestServer.TestProject
  return {
    args: ["--url", server.url, "--dir", project.directory],
    env: server.password !== undefined ? { OPENCODE_SERVER_PASSWORD: Redacted.value(server.password) } : {}
  }
})

layer(serverLayer(), { excludeTestServices: true, timeout: "120 seconds" })("CLI batch --journal", (it) => {
  it.effect("Ctrl-C, then the same command again: every task once on the server; batch status counts them", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(600))
      const { args, env } = yield* connect
      const dir = tempDir()
      const tasks = NodePath.join(dir, "tasks.jsonl")
      NodeFs.writeFileSync(tasks, Array.from({ length: 6 }, (_, i) => JSON.stringify({ prompt: `CLI-${i} go`, id: `t${i}` })).join("\n"))
      const journal = NodePath.join(dir, "run.jsonl")
      const command = ["batch", tasks, "--journal", journal, "--concurrency", "2", ...args]

      const first = spawnCli(command, { env })
      yield* Effect.promise(() => first.waitFor(/✓ t\d/, "stderr"))
      first.child.kill("SIGINT")
      const code = yield* Effect.promise(() => first.exited)
      expect(code).toBe(130)
      expect(first.stderr()).toContain("run the same command again to carry on")

      const status = yield* Effect.promise(() => runCli(["batch", "status", journal, "--json"]))
      expect(status.code).toBe(0)
      const before = JSON.parse(status.stdout) as { total: number; done: number; pending: number; interrupted: number }
      expect(before.total).toBe(6)
      expect(before.done).toBeGreaterThanOrEqual(1)
      expect(before.done).toBeLessThan(6)

      const second = yield* Effect.promise(() => runCli(command, { env }))
      expect(second.code, second.stderr).toBe(0)
      const lines = second.stdout.trim().split("\n").map((l) => JSON.parse(l) as { ok: boolean; id: string; source: string })
      expect(lines.length).toBe(6)
      expect(lines.every((l) => l.ok)).toBe(true)
      expect(lines.filter((l) => l.source === "journal").length).toBe(before.done)
      expect(second.stderr).toMatch(/6 tasks: 6 done, 0 failed/)

      const count = yield* countOnServer(/CLI-(\d+)/)
      expect([...count.prompts.entries()].sort((a, b) => a[0] - b[0])).toEqual(Array.from({ length: 6 }, (_, i) => [i, 1]))

      const text = yield* Effect.promise(() => runCli(["batch", "status", journal]))
      expect(text.stdout).toContain("done       6")
      expect(text.stdout).toContain("pending    0")
    }), 120_000)

  it.effect("a second process refused with JournalLocked leaves the running batch's --out file whole", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      // The first two tasks answer at once, the rest only once the second process has been
      // refused: the first batch is still running (and holds the lock) however long the second
      // process takes to start on a loaded machine, and no longer than that.
      const refused = yield* Deferred.make<void>()
      yield* model.setFallback((request) =>
        /OUT-[01] /.test(request.lastUserText)
          ? slowEcho(300)(request)
          : ScriptedModel.awaiting(Deferred.await(refused), slowEcho(0)(request))
      )
      const { args, env } = yield* connect
      const dir = tempDir()
      const tasks = NodePath.join(dir, "tasks.jsonl")
      NodeFs.writeFileSync(tasks, Array.from({ length: 6 }, (_, i) => JSON.stringify({ prompt: `OUT-${i} go`, id: `t${i}` })).join("\n"))
      const results = NodePath.join(dir, "results.jsonl")
      const command = ["batch", tasks, "--journal", NodePath.join(dir, "run.jsonl"), "--out", results, "--concurrency", "2", ...args]

      const first = spawnCli(command, { env })
      yield* Effect.promise(() => first.waitFor(/✓ t\d/, "stderr"))
      const second = yield* Effect.promise(() => runCli(command, { env }))
      yield* Deferred.succeed(refused, undefined)
      expect(second.code).not.toBe(0)
      expect(second.stderr).toContain("is in use by pid")
      const code = yield* Effect.promise(() => first.exited)
      expect(code, first.stderr()).toBe(0)

      const text = NodeFs.readFileSync(results, "utf8")
      expect(text).not.toContain("\0")
      const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l) as { ok: boolean; id: string; key: string })
      expect(lines.map((l) => l.id).sort()).toEqual(["t0", "t1", "t2", "t3", "t4", "t5"])
      expect(new Set(lines.map((l) => l.key)).size).toBe(6)
      expect(lines.every((l) => l.ok)).toBe(true)
    }), 120_000)

  it.effect("--join: two processes with the same --out each leave it whole, every task once", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(slowEcho(600))
      const { args, env } = yield* connect
      const dir = tempDir()
      const tasks = NodePath.join(dir, "tasks.jsonl")
      NodeFs.writeFileSync(tasks, Array.from({ length: 6 }, (_, i) => JSON.stringify({ prompt: `JOIN-${i} go`, id: `j${i}` })).join("\n"))
      const results = NodePath.join(dir, "results.jsonl")
      const command = ["batch", tasks, "--journal", NodePath.join(dir, "run.jsonl"), "--out", results, "--concurrency", "2", "--join", ...args]

      const first = spawnCli(command, { env })
      yield* Effect.promise(() => first.waitFor(/✓ j\d/, "stderr"))
      const second = yield* Effect.promise(() => runCli(command, { env }))
      expect(second.code, second.stderr).toBe(0)
      expect(yield* Effect.promise(() => first.exited), first.stderr()).toBe(0)

      const text = NodeFs.readFileSync(results, "utf8")
      expect(text).not.toContain("\0")
      const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l) as { ok: boolean; id: string; key: string })
      expect(lines.map((l) => l.id).sort()).toEqual(["j0", "j1", "j2", "j3", "j4", "j5"])
      expect(new Set(lines.map((l) => l.key)).size).toBe(6)
      expect(lines.every((l) => l.ok)).toBe(true)
      expect(NodeFs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([])
      const count = yield* countOnServer(/JOIN-(\d+)/)
      if ([...count.prompts.values()].some((n) => n !== 1)) {
        // Seen twice in CI under load ([2, 1, 1, 1, 1, 1]): a claim that named a rival read after
        // the pick (now reproduced step by step in DurableBatch.test.ts, "a rival's claim").
        // Print what a diagnosis needs should it come back.
        console.error(`--join: prompts per task ${JSON.stringify([...count.prompts])}`)
        console.error(`journal:\n${NodeFs.readFileSync(NodePath.join(dir, "run.jsonl"), "utf8")}`)
        console.error(`first:\n${first.stderr()}\nsecond:\n${second.stderr}`)
        console.error(`user messages:\n${(yield* userMessages(/JOIN-\d+/)).join("\n")}`)
      }
      expect([...count.prompts.values()]).toEqual([1, 1, 1, 1, 1, 1])
    }), 120_000)

  it.effect("plain and --journal runs of the same tasks write lines of one shape, with the same task keys", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const { args, env } = yield* connect
      const dir = tempDir()
      const tasks = NodePath.join(dir, "tasks.jsonl")
      NodeFs.writeFileSync(tasks, ["SHAPE-0 one", "SHAPE-1 two"].map((prompt, i) => JSON.stringify({ prompt, id: `s${i}` })).join("\n"))
      const [plain, journaled] = yield* Effect.promise(() =>
        Promise.all([
          runCli(["batch", tasks, ...args], { env }),
          runCli(["batch", tasks, "--journal", NodePath.join(dir, "run.jsonl"), ...args], { env })
        ])
      )
      const parse = (stdout: string) =>
        stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>).sort((a, b) => (a.index as number) - (b.index as number))
      for (const [name, run] of [["plain", plain], ["journal", journaled]] as const) {
        expect(run.code, `${name}: ${run.stderr}`).toBe(0)
        const lines = parse(run.stdout)
        expect(lines).toHaveLength(2)
        for (const line of lines) expect(Object.keys(line).sort(), name).toEqual([...finishedLineKeys].sort())
      }
      expect(parse(plain.stdout).map((l) => [l.id, l.key])).toEqual(parse(journaled.stdout).map((l) => [l.id, l.key]))
    }), 120_000)

  it.effect("the durable flags need --journal; a missing journal is a usage problem", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const tasks = NodePath.join(dir, "tasks.jsonl")
      NodeFs.writeFileSync(tasks, JSON.stringify({ prompt: "x" }))
      const join = yield* Effect.promise(() => runCli(["batch", tasks, "--join", "--max-cost", "1"]))
      expect(join.code).toBe(1)
      expect(join.stderr).toContain("--join, --max-cost need --journal")
      const missing = yield* Effect.promise(() => runCli(["batch", "status", NodePath.join(dir, "none.jsonl")]))
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain("no journal at")
    }))
})
