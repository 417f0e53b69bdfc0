/**
 * One cluster runner process for bench/cluster.ts: `Layer.launch`-style `Runner.layer` over one
 * OpenCode server that already runs, until SIGTERM/SIGINT (a clean leave: its shards are handed
 * back) or until its parent closes its stdin (so that a benchmark killed outright leaves no
 * runner behind). Prints `JOINED` on stdout once the layer is built.
 *
 * Environment: `DATABASE` (postgres URL), `PORT` (this runner's port), `NAME`, `SLOTS` (default 8),
 * `OC_URL`, `OC_DIRECTORY`, `OC_USERNAME`, `OC_PASSWORD`; optional cluster timings
 * `POLL_INTERVAL`, `REFRESH_INTERVAL`, `HEALTH_INTERVAL` (e.g. `500 millis`); `SHARDS`, the shard count of a new
 * cluster.
 *
 * Run with the project's Node (it runs .ts directly): `node bench/cluster-runner.ts`.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { type Duration, Effect, Layer, Redacted } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as Runner from "../src/cluster/Runner.ts"

const env = process.env
const required = (name: string): string => {
  const value = env[name]
  if (value === undefined || value === "") throw new Error(`cluster-runner: ${name} is not set`)
  return value
}
const duration = (name: string): Duration.Input | undefined => env[name] === undefined ? undefined : (env[name] as Duration.Input)

const credentials = {
  ...(env.OC_USERNAME !== undefined ? { username: env.OC_USERNAME } : {}),
  ...(env.OC_PASSWORD !== undefined ? { password: Redacted.make(env.OC_PASSWORD) } : {})
}

const runner = Runner.layer({
  cluster: {
    database: required("DATABASE"),
    host: "127.0.0.1",
    port: Number(required("PORT")),
    pollInterval: duration("POLL_INTERVAL"),
    refreshInterval: duration("REFRESH_INTERVAL"),
    healthCheckInterval: duration("HEALTH_INTERVAL"),
    ...(env.SHARDS !== undefined ? { shards: Number(env.SHARDS) } : {})
  },
  servers: {
    urls: [{ url: required("OC_URL"), ...(env.OC_DIRECTORY !== undefined ? { directory: env.OC_DIRECTORY } : {}), ...credentials }]
  },
  slotsPerServer: Number(env.SLOTS ?? 8),
  remote: credentials,
  ...(env.NAME !== undefined ? { name: env.NAME } : {})
})

// Profiling (bench/cluster.ts's BENCH_CLUSTER_PROF): this process's clock, to map the measured
// batches' wall-clock windows onto the `.cpuprofile`'s monotonic timestamps.
if (env.BENCH_CLUSTER_PROF !== undefined && env.BENCH_CLUSTER_PROF !== "") {
  NodeFs.writeFileSync(
    NodePath.join(env.BENCH_CLUSTER_PROF, `clock-${process.pid}.json`),
    JSON.stringify({ pid: process.pid, role: "runner", epochMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) })
  )
}

// The parent holds our stdin: when it goes away (killed without cleaning up), leave as on SIGTERM.
process.stdin.on("close", () => process.kill(process.pid, "SIGTERM"))
process.stdin.resume()

const program = Effect.gen(function*() {
  yield* Layer.build(runner)
  process.stdout.write("JOINED\n")
  return yield* Effect.never
}).pipe(Effect.scoped)

NodeRuntime.runMain(program)
