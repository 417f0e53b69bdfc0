import * as PgClient from "@effect/sql-pg/PgClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Redacted, Result, Schedule } from "effect"
import * as Scope from "effect/Scope"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"

// Without PostgreSQL (`.ci/run` installs it where it can) the server tests are skipped, visibly.
const available = Result.isSuccess(Effect.runSync(Effect.result(TestPostgres.resolveBinaries())))

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

// Real-time polling: these tests run under the live clock.
const waitUntil = (check: () => boolean, millis: number) =>
  Effect.gen(function*() {
    const deadline = Date.now() + millis
    while (!check()) {
      if (Date.now() > deadline) return false
      yield* Effect.sleep("20 millis")
    }
    return true
  })

const tempDirs = () =>
  new Set(NodeFs.readdirSync(NodeOs.tmpdir()).filter((name) => name.startsWith("effect-opencode-pg-")))

describe("TestPostgres", () => {
  it.effect("fails with an install hint when the binaries are missing", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.scoped(TestPostgres.make({ binDirectory: "/nonexistent/pg/bin" })))
      expect(error._tag).toBe("ServerStartError")
      expect(error.reason).toBe("BinaryNotFound")
      expect(error.message).toContain("apt-get install postgresql")
    }))

  it.effect("finds the binaries named by EFFECT_OPENCODE_PG_BIN first", () =>
    Effect.gen(function*() {
      const before = process.env[TestPostgres.binEnv]
      process.env[TestPostgres.binEnv] = "/nonexistent/pg/bin"
      const error = yield* Effect.flip(TestPostgres.resolveBinaries()).pipe(
        Effect.ensuring(Effect.sync(() => {
          if (before === undefined) delete process.env[TestPostgres.binEnv]
          else process.env[TestPostgres.binEnv] = before
        }))
      )
      expect(error.reason).toBe("BinaryNotFound")
      expect(error.message).toContain(TestPostgres.binEnv)
    }))

  describe.skipIf(!available)("with PostgreSQL", () => {
    it.live("serves sql-pg, survives a stop and a start, and leaves nothing behind", () =>
      Effect.gen(function*() {
        const scope = yield* Scope.make()
        const started = Date.now()
        const pg = yield* Scope.provide(TestPostgres.make(), scope)
        const startMillis = Date.now() - started
        expect(startMillis).toBeLessThan(10_000)
        expect(pg.url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/${TestPostgres.defaultDatabase}`)
        expect(pg.database).toBe(TestPostgres.defaultDatabase)
        expect(pg.dataDirectory.startsWith(NodeOs.tmpdir()) || pg.dataDirectory.includes("effect-opencode-pg-"))
          .toBe(true)
        const pid = (yield* pg.pid)!
        expect(isAlive(pid)).toBe(true)
        expect(yield* pg.isRunning).toBe(true)

        yield* Effect.gen(function*() {
          const sql = yield* PgClient.PgClient
          yield* sql`CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)`
          yield* sql`INSERT INTO items ${sql.insert([{ id: 1, name: "one" }, { id: 2, name: "two" }])}`
          expect(yield* sql<{ name: string }>`SELECT name FROM items ORDER BY id`).toEqual([
            { name: "one" },
            { name: "two" }
          ])
          const [settings] = yield* sql<{ fsync: string; max: string }>`
            SELECT current_setting('fsync') AS fsync, current_setting('max_connections') AS max`
          expect(settings).toEqual({ fsync: "off", max: "200" })

          // The database goes away: queries fail with a typed error, quickly.
          yield* pg.stop
          expect(yield* pg.isRunning).toBe(false)
          expect(yield* pg.pid).toBeUndefined()
          expect(isAlive(pid)).toBe(false)
          expect(NodeFs.existsSync(pg.dataDirectory)).toBe(true)
          const failedAt = Date.now()
          for (let i = 0; i < 2; i++) {
            // the first may meet the pooled connection the shutdown closed, the second a refused connect
            const error = yield* Effect.flip(sql`SELECT 1`.pipe(Effect.timeout("5 seconds")))
            expect(error._tag).toBe("SqlError")
          }
          const error = yield* Effect.flip(pg.query("SELECT 1"))
          expect(error._tag).toBe("SqlError")
          expect(error.reason._tag).toBe("ConnectionError")
          expect(Date.now() - failedAt).toBeLessThan(5_000)

          // ... and comes back on the same port, with its data.
          yield* pg.start
          yield* pg.start // already running: nothing to do
          expect(yield* pg.isRunning).toBe(true)
          expect(yield* sql<{ name: string }>`SELECT name FROM items ORDER BY id`).toEqual([
            { name: "one" },
            { name: "two" }
          ])
          expect(yield* pg.query<{ n: number }>("SELECT count(*)::int AS n FROM items")).toEqual([{ n: 2 }])
        }).pipe(
          Effect.provide(PgClient.layer({ url: Redacted.make(pg.url), connectTimeout: "1 second" })),
          Effect.scoped
        )

        const restartedPid = (yield* pg.pid)!
        expect(restartedPid).not.toBe(pid)
        yield* Scope.close(scope, Exit.void)
        expect(isAlive(restartedPid)).toBe(false)
        expect(NodeFs.existsSync(pg.dataDirectory)).toBe(false)
        expect(NodeFs.existsSync(NodePath.dirname(pg.dataDirectory))).toBe(false)
      }), 30_000)

    it.live("an interrupted start leaves no process and no directory", () =>
      Effect.gen(function*() {
        const before = tempDirs()
        const fiber = yield* Effect.forkChild(Effect.scoped(Effect.andThen(TestPostgres.make(), Effect.never)))
        // Interrupt as soon as the server has its socket, usually before it answers a query.
        let root: string | undefined
        const seen = yield* waitUntil(() => {
          for (const name of tempDirs()) {
            if (before.has(name)) continue
            const dir = NodePath.join(NodeOs.tmpdir(), name)
            try {
              if (NodeFs.readdirSync(NodePath.join(dir, "socket")).some((f) => f.endsWith(".lock"))) root = dir
            } catch {
              // not there yet
            }
          }
          return root !== undefined
        }, 10_000)
        expect(seen).toBe(true)
        const pid = Number.parseInt(NodeFs.readFileSync(NodePath.join(root!, "data", "postmaster.pid"), "utf8"), 10)
        const interruptedAt = Date.now()
        yield* Fiber.interrupt(fiber)
        expect(Date.now() - interruptedAt).toBeLessThan(2_000)
        expect(isAlive(pid)).toBe(false)
        expect(NodeFs.existsSync(root!)).toBe(false)
      }), 30_000)

    it.live("a server that cannot start fails with its log, and leaves no directory", () =>
      Effect.gen(function*() {
        // Its own temporary directory (TMPDIR, read at each use): servers of test files in other
        // workers make theirs in the shared one meanwhile.
        const parent = yield* Effect.acquireRelease(
          Effect.sync(() => {
            const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "eo-pg-failing-"))
            NodeFs.chmodSync(dir, 0o755) // the `postgres` user traverses it when the tests run as root
            const previous = process.env.TMPDIR
            process.env.TMPDIR = dir
            return { dir, previous }
          }),
          ({ dir, previous }) =>
            Effect.sync(() => {
              if (previous === undefined) delete process.env.TMPDIR
              else process.env.TMPDIR = previous
              NodeFs.rmSync(dir, { recursive: true, force: true })
            })
        )
        // The server's directory is seen there while it starts (so the last check is not vacuous).
        let seen = false
        yield* Effect.forkScoped(
          Effect.sync(() => (seen ||= NodeFs.readdirSync(parent.dir).length > 0)).pipe(
            Effect.repeat({ until: () => seen, schedule: Schedule.spaced("5 millis") })
          )
        )
        const error = yield* Effect.flip(
          Effect.scoped(TestPostgres.make({ settings: { max_connections: "many" }, startTimeout: "20 seconds" }))
        )
        expect(error._tag).toBe("ServerStartError")
        expect(error.reason).toBe("Exited")
        expect(error.message).toContain("max_connections")
        expect(error.output.join("\n")).toContain("max_connections")
        expect(seen).toBe(true)
        expect(NodeFs.readdirSync(parent.dir)).toEqual([])
      }).pipe(Effect.scoped), 30_000)

    layer(
      TestPostgres.layerClient().pipe(Layer.provideMerge(TestPostgres.layer({ database: "layer_test" }))),
      { excludeTestServices: true }
    )("layer", (it) => {
      it.effect("provides the server and a client of its database", () =>
        Effect.gen(function*() {
          const pg = yield* TestPostgres.TestPostgres
          const sql = yield* PgClient.PgClient
          expect(pg.database).toBe("layer_test")
          expect(yield* sql<{ db: string }>`SELECT current_database() AS db`).toEqual([{ db: "layer_test" }])
          expect(yield* pg.query<{ one: number }>("SELECT $1::int AS one", [1])).toEqual([{ one: 1 }])
        }))

      it.effect("createDatabase makes another database on the server and gives its URL; a second time fails", () =>
        Effect.gen(function*() {
          const pg = yield* TestPostgres.TestPostgres
          const url = yield* pg.createDatabase("layer_extra")
          expect(url).toBe(pg.url.replace(/\/layer_test$/, "/layer_extra"))
          const listed = yield* pg.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = 'layer_extra'")
          expect(listed).toEqual([{ datname: "layer_extra" }])
          const again = yield* Effect.flip(pg.createDatabase("layer_extra"))
          expect(again._tag).toBe("SqlError")
        }))
    })
  })
})
