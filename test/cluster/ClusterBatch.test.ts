/**
 * Cluster batches in one process: a real PostgreSQL server and a real OpenCode server with the
 * scripted model, one runner (`Runner.layer`) and a client-only submitter sharing them for the
 * file. Submitting, reading back, resubmitting, typed failures, status; and the database checks.
 */
import { expect, layer } from "@effect/vitest"
import { Context, Effect, Fiber, Layer, Redacted, Schedule, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as Statement from "effect/sql/Statement"
import * as Cluster from "../../src/cluster/Cluster.ts"
import * as ClusterBatch from "../../src/cluster/ClusterBatch.ts"
import * as Database from "../../src/cluster/Database.ts"
import * as Runner from "../../src/cluster/Runner.ts"
import * as Store from "../../src/cluster/Store.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Run from "../../src/services/Run.ts"
import * as StructuredOutput from "../../src/services/StructuredOutput.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { countOnServer } from "../durable/helpers.ts"

const flakyCalls = new Map<string, number>()

/**
 * "…FAIL…" prompts get a broken stream (a `SessionError`); "…FLAKY…" prompts too, the first time
 * only; the rest "done: <prompt>".
 */
const echoOrFail: ScriptedModel.Responder = (request) => {
  if (request.kind === "chat" && request.outputSchema !== undefined) {
    // Structured output: "…REFUSE…" prompts get plain text (the server's StructuredOutputError),
    // "…ODD…" a value the Schema's refinement rejects, the rest a verdict.
    if (request.lastUserText.includes("REFUSE")) return ScriptedModel.text("I would rather chat")
    if (request.lastUserText.includes("ODD")) return ScriptedModel.structured({ verdict: "pass", score: 3 })
    return ScriptedModel.structured({ verdict: request.lastUserText.includes("bad") ? "fail" : "pass", score: 2 })
  }
  if (request.kind === "chat" && request.lastUserText.includes("FLAKY")) {
    const n = (flakyCalls.get(request.lastUserText) ?? 0) + 1
    flakyCalls.set(request.lastUserText, n)
    if (n === 1) return ScriptedModel.streamError("oops")
  }
  return request.lastUserText.includes("FAIL")
    ? ScriptedModel.streamError("oops")
    : ScriptedModel.delay("200 millis", ScriptedModel.text(`done: ${request.lastUserText}`))
}

const makeEnv = Effect.gen(function*() {
  const pg = yield* TestPostgres.make()
  const oc = yield* TestServer.make({ model: { fallback: echoOrFail } })
  const port = yield* OpencodeServer.freePort()
  yield* Layer.build(Runner.layer({
    cluster: { database: pg.url, port },
    servers: {
      urls: [{ url: oc.server.url, directory: oc.project.directory, username: oc.server.username, password: oc.server.password }]
    },
    name: "in-process"
  }))
  const run = Run.layer({
    baseUrl: oc.server.url,
    directory: oc.project.directory,
    username: oc.server.username,
    password: oc.server.password
  })
  return { pg, oc, run }
})

class Env extends Context.Service<Env, Effect.Success<typeof makeEnv>>()("test/cluster/Env") {}

const EnvLive = Layer.effect(Env, makeEnv)
const ClientLive = Layer.unwrap(Effect.map(Env, (env) => Cluster.layer({ database: env.pg.url, clientOnly: true })))

/** Scores must be even: a check the JSON Schema does not carry (only the caller's Schema does). */
const Verdict = Schema.Struct({
  verdict: Schema.Literals(["pass", "fail"]),
  score: Schema.Finite.check(Schema.makeFilter((n: number) => n % 2 === 0, { expected: "an even number" }))
})

const prompts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}: reply with this line`)

layer(ClientLive.pipe(Layer.provideMerge(EnvLive)), { excludeTestServices: true, timeout: "120 seconds" })("ClusterBatch", (it) => {
  it.effect("runs a batch on the runner and reads every result back from the database", () =>
    Effect.gen(function*() {
      const result = yield* ClusterBatch.run(prompts("ALPHA", 6), { timeout: "60 seconds" })
      expect(result.failed).toEqual([])
      expect(result.finished.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5])
      for (const r of result.finished) {
        expect(r.output?.text).toBe(`done: ALPHA-${r.index}: reply with this line`)
        expect(r.runner).toBe("in-process")
        expect(r.attempts).toBe(1)
        expect(r.sessionID).toMatch(/^ses_/)
        expect(r.messageID).toMatch(/^msg_/)
        expect(r.output!.tokens.total).toBeGreaterThan(0)
      }
      const [counts] = yield* ClusterBatch.status(result.batchId)
      expect(counts).toMatchObject({ batchId: result.batchId, total: 6, finished: 6, failed: 0, pending: 0 })
      // The engine's work per task: two stored messages — the workflow's start and one activity
      // (each a stored request and reply, a storage read, a shard-lock check) — with the session,
      // the send, the turn and the result's row in the activity; the start's row in our table.
      const { pg } = yield* Env
      const messages = yield* pg.query<{ entity_id: string; tag: string; payload: string; replies: number }>(
        `SELECT m.entity_id, m.tag, m.payload,
           (SELECT count(*)::int FROM cluster_replies r WHERE r.request_id = m.request_id) AS replies
         FROM cluster_messages m WHERE m.entity_id IN
           (SELECT r.entity_id FROM cluster_messages r WHERE r.tag = 'run' AND strpos(r.payload, $1) > 0)
         ORDER BY m.id`,
        [result.batchId]
      )
      const stored = new Map<string, Array<string>>()
      for (const m of messages) {
        const name = m.tag === "activity" ? (JSON.parse(m.payload) as { name: string }).name : m.tag
        stored.set(m.entity_id, [...(stored.get(m.entity_id) ?? []), `${name}: ${m.replies} reply`])
      }
      expect([...stored.values()]).toEqual(Array.from({ length: 6 }, () => ["run: 1 reply", "run-task: 1 reply"]))
      const starts = yield* pg.query<{ key: string; attempt: number; session_id: string; message_id: string }>(
        "SELECT key, attempt, session_id, message_id FROM effect_opencode_started WHERE batch_id = $1",
        [result.batchId]
      )
      expect(starts.length).toBe(6)
      for (const r of result.finished) {
        expect(starts.find((s) => s.key === r.key)).toMatchObject({ attempt: 1, session_id: r.sessionID, message_id: r.messageID })
      }
    }))

  it.effect("submitting the same batch again starts nothing twice", () =>
    Effect.gen(function*() {
      const env = yield* Env
      const tasks = prompts("BRAVO", 4)
      const first = yield* ClusterBatch.submit(tasks)
      const again = yield* ClusterBatch.submit(tasks)
      expect(first.existed).toBe(false)
      expect(again).toEqual({ ...first, existed: true })
      const result = yield* ClusterBatch.follow(first.batchId, { timeout: "60 seconds" })
      expect(result.finished.length).toBe(4)
      // After it ended, a third submission changes nothing either.
      yield* ClusterBatch.submit(tasks)
      yield* Effect.sleep("1 second")
      const count = yield* countOnServer(/BRAVO-(\d+)/).pipe(Effect.provide(env.run))
      expect([...count.prompts.entries()].sort()).toEqual([[0, 1], [1, 1], [2, 1], [3, 1]])
    }))

  it.effect("a failing task is recorded with its typed error; the others finish", () =>
    Effect.gen(function*() {
      const result = yield* ClusterBatch.run(["CHARLIE-0: fine", "CHARLIE-1: FAIL please", "CHARLIE-2: fine"], { timeout: "60 seconds" })
      expect(result.finished.map((r) => r.index)).toEqual([0, 2])
      expect(result.failed.length).toBe(1)
      const failed = result.failed[0]!
      expect(failed.index).toBe(1)
      expect(failed.error?._tag).toBe("SessionError")
      expect(failed.sessionID).toMatch(/^ses_/)
      const [counts] = yield* ClusterBatch.status(result.batchId)
      expect(counts).toMatchObject({ total: 3, finished: 2, failed: 1, pending: 0 })
    }))

  it.effect("retries: a failure safe to retry gets a new session and prompt, up to the last attempt, whose failure is the result", () =>
    Effect.gen(function*() {
      const env = yield* Env
      const result = yield* ClusterBatch.run(["ECHO-0: FLAKY once", "ECHO-1: FAIL always"], {
        retries: 2,
        retryDelay: "100 millis",
        timeout: "60 seconds"
      })
      expect(result.finished.map((r) => [r.index, r.output?.text])).toEqual([[0, "done: ECHO-0: FLAKY once"]])
      expect(result.failed.map((r) => [r.index, r.error?._tag])).toEqual([[1, "SessionError"]])
      expect(result.results.map((r) => r.attempts)).toEqual([2, 3])
      const count = yield* countOnServer(/ECHO-(\d+)/).pipe(Effect.provide(env.run))
      // Task 0: two attempts, two sessions, one prompt each; task 1: three attempts.
      expect([...count.prompts.entries()].sort()).toEqual([[0, 2], [1, 3]])
      expect(count.textParts).toEqual(count.prompts)
      const retries = yield* Effect.flip(ClusterBatch.submit(["x"], { retries: -1 }))
      expect(retries).toMatchObject({ _tag: "ValidationError", field: "retries" })
    }))

  it.effect("structured output: the JSON Schema travels with the task, the caller's Schema decodes, failures are typed", () =>
    Effect.gen(function*() {
      const env = yield* Env
      const options = { output: Verdict, outputRetries: 0 }
      const tasks = [
        { prompt: "FOXTROT-0: a good one", options },
        { prompt: "FOXTROT-1: a bad one", options },
        { prompt: "FOXTROT-2: REFUSE", options },
        { prompt: "FOXTROT-3: ODD score", options },
        "FOXTROT-4: no schema"
      ]
      const seen: Array<string> = []
      const result = yield* ClusterBatch.run(tasks, {
        timeout: "60 seconds",
        onResult: (r) => void seen.push(`${r.index}:${r.status}`)
      })
      expect(result.finished.map((r) => [r.index, r.output?.structured])).toEqual([
        [0, { verdict: "pass", score: 2 }],
        [1, { verdict: "fail", score: 2 }],
        [4, undefined]
      ])
      const decoded = yield* StructuredOutput.decode(Verdict, result.finished[0]!.output!.structured)
      expect(decoded).toEqual({ verdict: "pass", score: 2 })
      // The model could not comply: the server's error, recorded by the runner, typed.
      const [refused, odd] = result.failed
      expect(refused).toMatchObject({ index: 2, status: "failed", error: { _tag: "SessionError", name: "StructuredOutputError" } })
      // The server accepted {score: 3}; the caller's Schema (even scores only) rejects it.
      expect(odd).toMatchObject({ index: 3, status: "failed", output: undefined, error: { _tag: "DecodeError", endpoint: "structured output" } })
      expect(seen.sort()).toEqual(["0:finished", "1:finished", "2:failed", "3:failed", "4:finished"])
      // What the model was asked: the Schema's JSON Schema, the same the other engines send.
      const asked = (yield* env.oc.model.requests).filter((r) => r.kind === "chat" && r.lastUserText.startsWith("FOXTROT-0"))
      expect(asked.map((r) => r.outputSchema)).toEqual([StructuredOutput.jsonSchema(Verdict)])
      // An output that is not a Schema (e.g. a JSON Schema given as it is) is refused before anything is stored.
      const notASchema = StructuredOutput.jsonSchema(Verdict) as unknown as typeof Verdict
      const refusedSubmit = yield* Effect.flip(ClusterBatch.submit([{ prompt: "x", options: { output: notASchema } }]))
      expect(refusedSubmit).toMatchObject({ _tag: "ValidationError", field: "tasks[0].options.output" })
    }))

  it.effect("follow reads the results table when a result is recorded, not at every poll interval", () =>
    Effect.gen(function*() {
      // Reads of the results table by the reader only (a statement transformer in its fiber).
      let reads = 0
      const counting: Statement.Transformer = (self) =>
        Effect.sync(() => {
          if (/FROM effect_opencode_results/.test(self.compile()[0])) reads++
          return self
        })
      yield* Store.migrate
      yield* Store.insertBatch("notified", ["n0", "n1"], [{ prompt: "n0" }, { prompt: "n1" }])
      const seen: Array<string> = []
      const reader = yield* ClusterBatch.follow("notified", { pollInterval: "50 millis", onResult: (r) => void seen.push(r.key) }).pipe(
        Effect.provideService(Statement.CurrentTransformer, counting),
        Effect.forkChild
      )
      const record = (key: string, index: number) =>
        Store.recordResult({
          batchId: "notified",
          key,
          index,
          status: "finished",
          sessionID: "ses_x",
          messageID: "msg_x",
          server: "http://127.0.0.1:1",
          runner: "test",
          attempts: 1,
          output: {
            text: key,
            files: [],
            tokens: { total: 0, input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } },
            cost: 0,
            millis: 1
          },
          error: undefined
        })
      // Once the reader's listener is up (its LISTEN, seen in pg_stat_activity), 1.5 s without
      // results: polling every 50 ms read the table about 30 times.
      const { pg } = yield* Env
      yield* pg.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN %effect_opencode_results%'"
      ).pipe(
        Effect.flatMap(([row]) => row!.n > 0 ? Effect.void : Effect.fail("not listening yet")),
        Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 100 }),
        Effect.orElseSucceed(() => undefined)
      )
      const before = reads
      yield* Effect.sleep("1500 millis")
      const idle = reads - before
      expect(yield* record("n0", 0)).toBe(true)
      yield* Effect.sleep("100 millis").pipe(Effect.repeat({ until: () => seen.length === 1 }), Effect.timeout("3 seconds"))
      expect(yield* record("n1", 1)).toBe(true)
      const result = yield* Fiber.join(reader).pipe(Effect.timeout("3 seconds"))
      expect(result.results.map((r) => r.key)).toEqual(["n0", "n1"])
      expect(seen).toEqual(["n0", "n1"])
      // At most the read made when the listener came up: none per poll.
      expect(idle).toBeLessThanOrEqual(1)
      // The reads before, then one per recording (a notification may also come during a read).
      expect(reads - before - idle).toBeLessThanOrEqual(4)
    }))

  it.effect("bad input: an empty batch, a bad batch id, a batch id holding other tasks, an unknown batch", () =>
    Effect.gen(function*() {
      const empty = yield* Effect.flip(ClusterBatch.submit([]))
      expect(empty._tag).toBe("ValidationError")
      const badId = yield* Effect.flip(ClusterBatch.submit(["x"], { batchId: "no spaces/slashes" }))
      expect(badId).toMatchObject({ _tag: "ValidationError", field: "batchId" })
      yield* ClusterBatch.submit(["DELTA-0: one"], { batchId: "delta" })
      const clash = yield* Effect.flip(ClusterBatch.submit(["DELTA-0: another"], { batchId: "delta" }))
      expect(clash.message).toContain("already holds a different task list")
      const unknown = yield* Effect.flip(ClusterBatch.follow("no-such-batch"))
      expect(unknown.message).toContain("no batch no-such-batch")
      const all = yield* ClusterBatch.status()
      expect(all.map((b) => b.batchId)).toContain("delta")
    }))
})

layer(TestPostgres.layer(), { excludeTestServices: true, timeout: "60 seconds" })("Database", (it) => {
  it.effect("parses connection strings and rejects malformed ones without the network", () =>
    Effect.gen(function*() {
      const ok = yield* Database.parse("postgres://app:pw@db.example:6543/batches")
      expect(ok).toMatchObject({ host: "db.example", port: 6543, database: "batches", display: "postgres://app:***@db.example:6543/batches" })
      expect(Redacted.value(ok.url)).toBe("postgres://app:pw@db.example:6543/batches")
      expect((yield* Database.parse("postgresql://h/d")).port).toBe(5432)
      for (const bad of ["nonsense", "mysql://h/d", "postgres://h", "postgres://h/", "postgres:///d"]) {
        const e = yield* Effect.flip(Database.parse(bad))
        expect(e.reason, bad).toBe("InvalidUrl")
        expect(e.message.split("\n").length).toBe(1)
      }
    }))

  it.effect("an unreachable server and a wrong database fail with one line, without the password", () =>
    Effect.gen(function*() {
      const pg = yield* TestPostgres.TestPostgres
      const refused = yield* Effect.flip(Database.check("postgres://nobody:hunter2@127.0.0.1:1/x", { timeout: "5 seconds" }))
      expect(refused.reason).toBe("Unreachable")
      expect(refused.message).not.toContain("hunter2")
      expect(refused.message).toContain("postgres://nobody:***@127.0.0.1:1/x")
      expect(refused.message.split("\n").length).toBe(1)
      const url = new URL(pg.url)
      url.pathname = "/missing_db"
      const missing = yield* Effect.flip(Database.check(url.toString(), { timeout: "5 seconds" }))
      expect(missing.reason).toBe("Rejected")
      expect(missing.message).toContain("missing_db")
      const fine = yield* Database.check(pg.url)
      expect(fine.port).toBe(pg.port)
    }))

  it.effect("a new cluster records its shard count: later layers take it, another count is refused", () =>
    Effect.gen(function*() {
      const pg = yield* TestPostgres.TestPostgres
      const database = yield* pg.createDatabase("shards_new")
      const build = (shards?: number) =>
        Layer.build(Cluster.layer({ database, clientOnly: true, ...(shards !== undefined ? { shards } : {}) })).pipe(Effect.scoped)
      const recorded = Effect.scoped(Effect.gen(function*() {
        const context = yield* Layer.build(Database.layer(database))
        const sql = Context.get(context, SqlClient.SqlClient)
        return (yield* sql<{ value: string }>`SELECT value FROM effect_opencode_cluster WHERE name = 'shards'`).map((r) => r.value)
      }))
      yield* build()
      expect(yield* recorded).toEqual([String(Cluster.defaultShards)])
      yield* build(Cluster.defaultShards)
      const other = yield* Effect.flip(build(64))
      expect(other._tag).toBe("ClusterStartError")
      expect(other.message).toContain(`has ${Cluster.defaultShards} shards, not 64`)
      const bad = yield* Effect.flip(build(0))
      expect(bad.message).toContain("shards must be a whole number")
      expect(yield* recorded).toEqual([String(Cluster.defaultShards)])
    }))

  it.effect("a database the engine used before the count was recorded keeps 300 shards", () =>
    Effect.gen(function*() {
      const pg = yield* TestPostgres.TestPostgres
      const database = yield* pg.createDatabase("shards_legacy")
      const sql = (text: string) =>
        Effect.scoped(Effect.gen(function*() {
          const context = yield* Layer.build(Database.layer(database))
          return yield* Context.get(context, SqlClient.SqlClient).unsafe<{ value: string }>(text)
        }))
      // An earlier version's cluster: the engine's tables, no recorded count.
      yield* Layer.build(Cluster.layer({ database, clientOnly: true, shards: 300 })).pipe(Effect.scoped)
      yield* sql("DROP TABLE effect_opencode_cluster")
      const refused = yield* Effect.flip(Layer.build(Cluster.layer({ database, clientOnly: true, shards: 32 })).pipe(Effect.scoped))
      expect(refused.message).toContain("has 300 shards (its engine tables predate a recorded count), not 32")
      yield* Layer.build(Cluster.layer({ database, clientOnly: true })).pipe(Effect.scoped)
      expect((yield* sql("SELECT value FROM effect_opencode_cluster WHERE name = 'shards'")).map((r) => r.value)).toEqual(["300"])
    }))

  it.effect("the client layer fails with the same typed error", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(Layer.build(Cluster.layer({ database: "postgres://u:pw@127.0.0.1:1/x", clientOnly: true })).pipe(Effect.scoped))
      expect(e._tag).toBe("DatabaseError")
      expect(e.message).not.toContain(":pw@")
    }))
})
