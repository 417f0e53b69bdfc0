/**
 * The batch output of the CLI: one result line for every mode (plain, --journal, --database),
 * and the results file, which is replaced whole when a batch ends and never written in place.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Schema, Scope } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Results from "../../src/cli/Results.ts"
import type * as Store from "../../src/cluster/Store.ts"
import type * as DurableBatch from "../../src/durable/DurableBatch.ts"
import type * as Journal from "../../src/durable/Journal.ts"
import { SessionError } from "../../src/Errors.ts"
import type * as Batch from "../../src/services/Batch.ts"
import { finishedLineKeys, failedLineKeys } from "./spawn.ts"

const tokens = { input: 20, output: 10, reasoning: 0, cache: { read: 3, write: 4 }, total: 30 }
const output: Journal.Output = {
  text: "done",
  files: [{ file: "a.ts", additions: 2, deletions: 1, status: "modified" }, { file: "b.ts", additions: 5, deletions: 0, status: "added" }],
  tokens,
  cost: 0.5,
  millis: 1200
}
const task = { prompt: "p" }
const error = new SessionError({ sessionID: "ses_1", name: "APIError", message: "boom" })

const plainFinished: Batch.TaskResult = {
  _tag: "Finished",
  index: 0,
  key: "k0",
  task,
  sessionID: "ses_1",
  messageID: "msg_1",
  output,
  source: "run",
  server: 0
}
const plainFailed: Batch.TaskResult = { _tag: "Failed", index: 0, key: "k0", task, error, source: "run", journaled: false, server: 0 }

const durableFinished: DurableBatch.TaskResult = {
  _tag: "Finished",
  index: 0,
  key: "k0",
  task,
  sessionID: "ses_1",
  messageID: "msg_1",
  output,
  source: "journal"
}
const durableFailed = { _tag: "Failed", index: 0, key: "k0", task, error, source: "run", journaled: false } as unknown as DurableBatch.TaskResult

const stored = (status: "finished" | "failed"): Store.StoredResult => ({
  batchId: "b",
  key: "k0",
  index: 0,
  status,
  sessionID: "ses_1",
  messageID: status === "finished" ? "msg_1" : undefined,
  server: "http://127.0.0.1:1",
  runner: "127.0.0.1:2",
  attempts: 1,
  output: status === "finished" ? output : undefined,
  error: status === "failed" ? error as unknown as Journal.TaskError : undefined,
  finishedAt: new Date(0)
})

const parse = (line: Results.ResultLine) => JSON.parse(Results.toJson(line)) as Record<string, unknown>

describe("the result line", () => {
  it("is the same in every mode: the same keys, the task key, flat tokens, the file sums", () => {
    const identity = { id: "t1", index: 0, key: "k0" }
    const finished = [
      parse(Results.fromBatch(plainFinished, identity)),
      parse(Results.fromDurable(durableFinished, "t1")),
      parse(Results.fromStored(stored("finished"), "t1"))
    ]
    for (const line of finished) {
      expect(Object.keys(line).sort()).toEqual([...finishedLineKeys].sort())
      expect(line).toMatchObject({
        ok: true,
        status: "finished",
        id: "t1",
        key: "k0",
        additions: 7,
        deletions: 1,
        tokens: { input: 20, output: 10, reasoning: 0, cacheRead: 3, cacheWrite: 4, total: 30 }
      })
    }
    // Everything but where it came from is equal.
    expect(new Set(finished.map((l) => JSON.stringify({ ...l, source: undefined }))).size).toBe(1)
    expect(finished.map((l) => l.source)).toEqual(["run", "journal", "other"])

    const failed = [
      parse(Results.fromBatch(plainFailed, identity)),
      parse(Results.fromDurable(durableFailed, "t1")),
      parse(Results.fromStored(stored("failed"), "t1"))
    ]
    for (const line of failed) {
      expect(Object.keys(line).sort()).toEqual([...failedLineKeys].sort())
      expect(line).toMatchObject({ ok: false, status: "failed", key: "k0", sessionID: "ses_1", error: { type: "SessionError", message: "boom" } })
    }
    expect(failed.map((l) => l.resumable)).toEqual([false, true, false])
  })

  it("decodes with its schema", () => {
    const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Results.ResultLine))
    expect(decode(Results.toJson(Results.fromDurable(durableFinished, "t1")))).toMatchObject({ ok: true, key: "k0" })
  })
})

const tempDir = () => NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-results-"))
const line = (n: number) => Results.fromDurable({ ...durableFinished, index: n, key: `k${n}` }, `t${n}`)

describe("the results file", () => {
  it.effect("is replaced whole when the batch ends; until then it keeps what it held", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const out = NodePath.join(dir, "results.jsonl")
      NodeFs.writeFileSync(out, "previous\n")
      yield* Effect.scoped(Effect.gen(function*() {
        const results = yield* Results.open(out)
        yield* results.write(line(0))
        yield* results.write(line(1))
        expect(NodeFs.readFileSync(out, "utf8")).toBe("previous\n")
        yield* results.close
      }))
      const lines = NodeFs.readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string })
      expect(lines.map((l) => l.id)).toEqual(["t0", "t1"])
      expect(NodeFs.readdirSync(dir)).toEqual(["results.jsonl"])
    }))

  it.effect("a run that writes no line (refused, or failed before its first result) creates nothing and leaves the file", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const out = NodePath.join(dir, "results.jsonl")
      NodeFs.writeFileSync(out, "previous\n")
      const exit = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
        yield* Results.open(out)
        return yield* Effect.fail("JournalLocked")
      })))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(NodeFs.readFileSync(out, "utf8")).toBe("previous\n")
      expect(NodeFs.readdirSync(dir)).toEqual(["results.jsonl"])
    }))

  it.effect("an interrupted run still leaves its lines so far, whole", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const out = NodePath.join(dir, "results.jsonl")
      const fiber = yield* Effect.forkChild(Effect.scoped(Effect.gen(function*() {
        const results = yield* Results.open(out)
        yield* results.write(line(0))
        return yield* Effect.never
      })))
      yield* Effect.yieldNow
      yield* Fiber.interrupt(fiber)
      expect(NodeFs.readFileSync(out, "utf8")).toBe(`${Results.toJson(line(0))}\n`)
      expect(NodeFs.readdirSync(dir)).toEqual(["results.jsonl"])
    }))

  it.effect("a directory that does not exist is refused before the batch runs", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const error = yield* Effect.flip(Results.open("/nonexistent/dir/results.jsonl").pipe(Scope.provide(scope)))
      expect(error).toMatchObject({ _tag: "InputError", message: "cannot write /nonexistent/dir/results.jsonl: ENOENT" })
      const dir = tempDir()
      const onDir = yield* Effect.flip(Results.open(dir).pipe(Scope.provide(scope)))
      expect(onDir.message).toBe(`cannot write ${dir}: EISDIR`)
      yield* Scope.close(scope, Exit.void)
    }))
})
