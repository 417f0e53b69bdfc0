import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import * as NodeChild from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { JournalError, StallError } from "../../src/durable/errors.ts"
import * as Journal from "../../src/durable/Journal.ts"
import { tempDir } from "./helpers.ts"

const output: Journal.Output = {
  text: "ok",
  files: [{ file: "a.ts", additions: 1, deletions: 0, status: "added" }],
  tokens: { total: 30, input: 20, output: 10, reasoning: 0, cache: { read: 0, write: 0 } },
  cost: 0.5,
  millis: 12
}

const batch = (keys: ReadonlyArray<string>): Journal.NewRecord => ({ type: "batch", v: Journal.version, keys })
const claimed = (key: string, messageID: string, prev?: string): Journal.NewRecord => ({
  type: "claimed",
  key,
  attempt: 1,
  sessionID: "ses_1",
  messageID,
  ...(prev !== undefined ? { prev } : {})
})

const line = (record: Partial<Journal.Record> & { type: string }) =>
  JSON.stringify({ owner: "1@h#a", at: 1, ...record }) + "\n"

/** A pid that surely is not running: a child that already exited. */
const deadPid = (): number => {
  const child = NodeChild.spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"])
  return Number(String(child.stdout))
}

describe("Journal", () => {
  it.live("appends records and reads them back, errors as their own classes", () =>
    Effect.gen(function*() {
      const path = NodePath.join(tempDir(), "run.jsonl")
      const stall = new StallError({
        key: "b",
        sessionID: "ses_2",
        idleMillis: 2100,
        stallTimeoutMillis: 2000,
        lastActivity: { type: "message.part.delta", at: 5, detail: "text" }
      })
      const owner = yield* Effect.scoped(Effect.gen(function*() {
        const journal = yield* Journal.open(path)
        expect(journal.mode).toBe("holder")
        expect(NodeFs.existsSync(`${path}.lock`)).toBe(true)
        yield* journal.append([batch(["a", "b"]), claimed("a", "msg_a")])
        yield* journal.append([{ type: "prompted", key: "a", attempt: 1, sessionID: "ses_1", messageID: "msg_a" }])
        yield* journal.append([
          { type: "finished", key: "a", attempt: 1, sessionID: "ses_1", messageID: "msg_a", result: output },
          claimed("b", "msg_b"),
          { type: "failed", key: "b", attempt: 1, sessionID: "ses_1", messageID: "msg_b", error: stall, final: true, retryable: true }
        ])
        const state = yield* journal.refresh
        expect(state.lines).toBe(6)
        expect(state.tasks.get("a")?.end?.type).toBe("finished")
        expect(state.tasks.get("a")?.prompted).toBe(true)
        return journal.owner
      }))
      expect(NodeFs.existsSync(`${path}.lock`)).toBe(false)
      const { state } = yield* Journal.read(path)
      expect(state.keys).toEqual(["a", "b"])
      expect(state.cost).toBe(0.5)
      expect(state.tokens).toBe(30)
      const end = state.tasks.get("b")!.end!
      expect(end.type).toBe("failed")
      if (end.type !== "failed") return
      expect(end.error).toBeInstanceOf(StallError)
      expect(end.error.message).toContain("made no progress for 2100 ms")
      expect(end.owner).toBe(owner)
      expect(Journal.summarize(state)).toMatchObject({ total: 2, done: 1, failed: 1, running: 0, pending: 0, cost: 0.5 })
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.live("concurrent appends share flushes and every record is one whole line", () =>
    Effect.gen(function*() {
      const path = NodePath.join(tempDir(), "run.jsonl")
      yield* Effect.scoped(Effect.gen(function*() {
        const journal = yield* Journal.open(path)
        yield* Effect.forEach(
          Array.from({ length: 200 }, (_, i) => i),
          (i) => journal.append([claimed(`k${i}`, `msg_${i}`)]),
          { concurrency: 50, discard: true }
        )
      }))
      const text = NodeFs.readFileSync(path, "utf8")
      expect(text.endsWith("\n")).toBe(true)
      const { state } = yield* Journal.read(path)
      expect(state.lines).toBe(200)
      expect(state.tasks.size).toBe(200)
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it("fold: of two claims the first in the file wins; a takeover names the owner it replaces", () => {
    const state = Journal.emptyState()
    const rec = (r: Journal.NewRecord, owner: string) => Journal.fold(state, { ...r, owner, at: 1 } as Journal.Record)
    rec(claimed("k", "msg_1"), "1@h#a")
    rec(claimed("k", "msg_2"), "2@h#b") // lost: no prev, but k is owned
    expect(state.tasks.get("k")).toMatchObject({ owner: "1@h#a", messageID: "msg_1", claims: 1 })
    rec(claimed("k", "msg_1", "2@h#b"), "3@h#c") // names the wrong owner: ignored
    expect(state.tasks.get("k")!.owner).toBe("1@h#a")
    rec({ type: "prompted", key: "k", attempt: 1, sessionID: "ses_1", messageID: "msg_1" }, "1@h#a")
    rec(claimed("k", "msg_1", "1@h#a"), "3@h#c") // takeover of the same prompt: stays prompted
    expect(state.tasks.get("k")).toMatchObject({ owner: "3@h#c", prompted: true, claims: 2 })
    rec({ type: "finished", key: "k", attempt: 1, sessionID: "ses_1", messageID: "msg_1", result: output }, "3@h#c")
    rec({ type: "finished", key: "k", attempt: 1, sessionID: "ses_1", messageID: "msg_1", result: output }, "3@h#c")
    expect(state.cost).toBe(0.5) // counted once
    expect(Journal.phaseOf(state.tasks.get("k"), () => true)).toBe("done")
  })

  it.live("a truncated last line is tolerated, then saved aside and cut by the next holder", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const path = NodePath.join(dir, "run.jsonl")
      const good = line({ type: "batch", v: 1, keys: ["a"] }) +
        line({ type: "claimed", key: "a", attempt: 1, sessionID: "ses_1", messageID: "msg_1" })
      const partial = '{"type":"finished","key":"a","attempt":1,"sessi'
      NodeFs.writeFileSync(path, good + partial)
      const read = yield* Journal.read(path)
      expect(read.truncatedTail).toBe(true)
      expect(read.state.lines).toBe(2)
      yield* Effect.scoped(Effect.gen(function*() {
        const journal = yield* Journal.open(path)
        expect(journal.state.lines).toBe(2)
        yield* journal.append([{ type: "prompted", key: "a", attempt: 1, sessionID: "ses_1", messageID: "msg_1" }])
      }))
      const text = NodeFs.readFileSync(path, "utf8")
      expect(text.startsWith(good)).toBe(true)
      expect(text.includes('"type":"finished"')).toBe(false)
      expect(text.endsWith("\n")).toBe(true)
      const saved = NodeFs.readdirSync(dir).filter((f) => f.startsWith("run.jsonl.tail-"))
      expect(saved.length).toBe(1)
      expect(NodeFs.readFileSync(NodePath.join(dir, saved[0]!), "utf8")).toBe(partial)
      expect((yield* Journal.read(path)).state.tasks.get("a")!.prompted).toBe(true)
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.live("a corrupt line fails with a JournalError naming it, and nothing is written", () =>
    Effect.gen(function*() {
      const path = NodePath.join(tempDir(), "run.jsonl")
      const text = line({ type: "batch", v: 1, keys: ["a"] }) + "{not json}\n" +
        line({ type: "claimed", key: "a", attempt: 1, sessionID: "ses_1", messageID: "msg_1" })
      NodeFs.writeFileSync(path, text)
      const error = yield* Effect.flip(Effect.scoped(Journal.open(path)))
      expect(error).toBeInstanceOf(JournalError)
      if (error._tag !== "JournalError") return
      expect(error.reason).toBe("Corrupt")
      expect(error.line).toBe(2)
      expect(error.message).toContain(`${path}:2`)
      expect(error.content).toBe("{not json}")
      expect(NodeFs.readFileSync(path, "utf8")).toBe(text)
      expect(NodeFs.existsSync(`${path}.lock`)).toBe(false)

      // A well-formed line that is not a record, even as the last line, is corrupt too.
      NodeFs.writeFileSync(path, line({ type: "batch", v: 1, keys: [] }) + '{"type":"claimed","key":"a"}\n')
      const second = yield* Effect.flip(Journal.read(path))
      expect(second).toMatchObject({ _tag: "JournalError", reason: "Corrupt", line: 2 })
      // A newer format is refused.
      NodeFs.writeFileSync(path, line({ type: "batch", v: 2, keys: [] }))
      expect(yield* Effect.flip(Journal.read(path))).toMatchObject({ _tag: "JournalError", reason: "Version", line: 1 })
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.live("the lock: a second open fails with JournalLocked, join shares it, a dead holder's lock is taken over", () =>
    Effect.gen(function*() {
      const path = NodePath.join(tempDir(), "run.jsonl")
      yield* Effect.scoped(Effect.gen(function*() {
        const first = yield* Journal.open(path)
        const locked = yield* Effect.flip(Effect.scoped(Journal.open(path)))
        expect(locked).toMatchObject({ _tag: "JournalLocked", pid: process.pid, hostname: NodeOs.hostname() })
        expect(locked.message).toContain("join")
        const joined = yield* Journal.open(path, { join: true })
        expect(joined.mode).toBe("joined")
        yield* joined.append([claimed("a", "msg_1")])
        const state = yield* first.refresh
        expect(state.tasks.get("a")!.owner).toBe(joined.owner)
        expect(first.alive(joined.owner)).toBe(true)
      }))
      // A lock left by a process that is gone.
      const pid = deadPid()
      NodeFs.writeFileSync(
        `${path}.lock`,
        JSON.stringify({ pid, hostname: NodeOs.hostname(), owner: `${pid}@${NodeOs.hostname()}#x`, at: 1 })
      )
      const exit = yield* Effect.exit(Effect.scoped(Effect.map(Journal.open(path), (j) => j.mode)))
      expect(exit).toEqual(Exit.succeed("holder"))
      expect(NodeFs.existsSync(`${path}.lock`)).toBe(false)
      // A closed journal's owner counts as gone, in this process too.
      const { state } = yield* Journal.read(path)
      expect(Journal.phaseOf(state.tasks.get("a"), Journal.ownerAlive)).toBe("interrupted")
    }).pipe(Effect.provide(NodeFileSystem.layer)))
})
