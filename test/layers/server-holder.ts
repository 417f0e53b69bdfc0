/**
 * Starts a managed `opencode serve` (`OpencodeServer.make`), prints `PID <server pid>` and waits
 * forever: the parent test SIGKILLs this process, so that no finalizer of ours runs.
 */
import { Effect } from "effect"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"

Effect.runFork(
  Effect.scoped(Effect.gen(function*() {
    const server = yield* OpencodeServer.make({ isolate: true, auth: false, stopGrace: "1 second" })
    process.stdout.write(`PID ${server.pid}\n`)
    return yield* Effect.never
  }))
)
