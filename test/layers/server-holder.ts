/**
 * Starts a managed `opencode serve` (`OpencodeServer.make`), or with the argument `postgres` a
 * `TestPostgres` server, prints `PID <server pid>` and waits forever: the parent test SIGKILLs
 * this process, so that no finalizer of ours runs.
 */
import { Effect } from "effect"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"

const start = process.argv[2] === "postgres"
  ? Effect.flatMap(TestPostgres.make({ stopTimeout: "1 second" }), (pg) => Effect.map(pg.pid, (pid) => pid ?? 0))
  : Effect.map(OpencodeServer.make({ isolate: true, auth: false, stopGrace: "1 second" }), (server) => server.pid)

Effect.runFork(
  Effect.scoped(Effect.gen(function*() {
    const pid = yield* start
    process.stdout.write(`PID ${pid}\n`)
    return yield* Effect.never
  }))
)
