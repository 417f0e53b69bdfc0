/**
 * A cluster runner process for the multi-process tests (run with Node 24: it runs .ts directly):
 * `Runner.layer` with one OpenCode server, until SIGTERM/SIGINT (clean leave) or SIGKILL.
 * Prints `JOINED` on stdout once it has joined.
 *
 * Environment: `DATABASE`, `PORT` (runner port), `NAME`, `SLOTS` (default 8), `OC_URL`,
 * `OC_DIRECTORY`, `OC_USERNAME`, `OC_PASSWORD` (also used for other runners' servers); optional
 * timings (e.g. `5 seconds`): `LOCK_EXPIRATION`, `REFRESH_INTERVAL`, `SERVER_LOST_AFTER`.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, type Duration, Effect, Exit, Layer, Redacted } from "effect"
import * as Runner from "../../src/cluster/Runner.ts"

const env = process.env
const password = env.OC_PASSWORD !== undefined ? Redacted.make(env.OC_PASSWORD) : undefined
const credentials = {
  ...(env.OC_USERNAME !== undefined ? { username: env.OC_USERNAME } : {}),
  ...(password !== undefined ? { password } : {})
}

const duration = (name: string): Duration.Input | undefined =>
  env[name] === undefined || env[name] === "" ? undefined : (env[name] as Duration.Input)

const program = Effect.gen(function*() {
  yield* Layer.build(Runner.layer({
    cluster: {
      database: env.DATABASE!,
      host: "127.0.0.1",
      port: Number(env.PORT),
      healthCheckInterval: "2 seconds",
      lockExpiration: duration("LOCK_EXPIRATION"),
      refreshInterval: duration("REFRESH_INTERVAL")
    },
    serverLostAfter: duration("SERVER_LOST_AFTER"),
    servers: { urls: [{ url: env.OC_URL!, ...(env.OC_DIRECTORY !== undefined ? { directory: env.OC_DIRECTORY } : {}), ...credentials }] },
    slotsPerServer: Number(env.SLOTS ?? 8),
    remote: credentials,
    ...(env.NAME !== undefined ? { name: env.NAME } : {})
  }))
  process.stdout.write("JOINED\n")
  return yield* Effect.never
}).pipe(Effect.scoped)

// A signal is the way to stop a runner: leaving on it is a success.
NodeRuntime.runMain(program, {
  teardown: (exit, onExit) => onExit(Exit.isFailure(exit) && !Cause.hasInterruptsOnly(exit.cause) ? 1 : 0)
})
