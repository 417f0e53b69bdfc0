/**
 * Scale out: a batch run by cluster runners with PostgreSQL as the only shared piece. One
 * function starts a runner (on any machine: it joins the cluster and runs tasks on its OpenCode
 * servers until interrupted), another submits a batch from anywhere and reads its results back
 * from the database.
 *
 *   npx node examples/scale-out.ts                                       # offline demo
 *   npx node examples/scale-out.ts postgres://app@db/batches runner      # on each machine
 *   npx node examples/scale-out.ts postgres://app@db/batches submit      # from anywhere
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { TestPostgres, TestServer } from "../src/testing/index.ts"
import { OpencodeServer } from "../src/server.ts"
import { Cluster, ClusterBatch, ClusterRunner, type ServerPool } from "../src/cluster/index.ts"

/** A runner with the given servers, reachable by the other runners at `host:port`. */
export const runner = (database: string, servers: ReadonlyArray<ServerPool.Server>, options?: { host?: string; port?: number }) =>
  ClusterRunner.layer({
    cluster: { database, host: options?.host ?? "127.0.0.1", port: options?.port ?? 34431 },
    servers: { urls: servers }
  })

/** Submits one review task per file and prints each result as the database records it. */
export const program = (files: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const tasks = files.map((file) => ({ key: `review:${file}`, prompt: `Review ${file} in three bullet points.` }))
    const result = yield* ClusterBatch.run(tasks, {
      onResult: (r) =>
        Console.log(
          r.status === "finished"
            ? `✓ ${r.key} (runner ${r.runner}): ${r.output!.text.split("\n")[0]}`
            : `✗ ${r.key}: ${r.error?._tag}: ${r.error?.message}`
        )
    })
    yield* Console.log(`${result.finished.length} finished, ${result.failed.length} failed, batch ${result.batchId}`)
    return result
  })

/** Submitting and reading need only a client of the cluster (no shards, runs no task). */
export const client = (database: string) => Cluster.layer({ database, clientOnly: true })

if (import.meta.main) {
  const [database, role] = process.argv.slice(2)
  if (database !== undefined && role === "runner") {
    // Two managed servers in the current directory; every runner must share OPENCODE_SERVER_PASSWORD.
    Layer.launch(ClusterRunner.layer({ cluster: { database, host: process.env.RUNNER_HOST ?? "127.0.0.1" }, servers: { managed: 2, server: { cwd: process.cwd() } } }))
      .pipe(NodeRuntime.runMain)
  } else if (database !== undefined) {
    program(["src/a.ts", "src/b.ts"]).pipe(Effect.provide(client(database)), NodeRuntime.runMain)
  } else {
    // Offline: a throwaway PostgreSQL, a test server with the scripted model, one runner in this process.
    Effect.gen(function*() {
      const pg = yield* TestPostgres.make()
      const oc = yield* TestServer.make()
      const port = yield* OpencodeServer.freePort()
      yield* Layer.build(runner(pg.url, [{
        url: oc.server.url,
        directory: oc.project.directory,
        username: oc.server.username,
        password: oc.server.password
      }], { port }))
      return yield* program(["src/a.ts", "src/b.ts"]).pipe(Effect.provide(client(pg.url)))
    }).pipe(Effect.scoped, NodeRuntime.runMain)
  }
}
