import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { defineConfig } from "vitest/config"
import { BaseSequencer, type TestSpecification } from "vitest/node"

/**
 * Seconds each slow file took in a fresh-clone CI run (2 cores, two workers), slowest first.
 *
 * Use: on a fresh clone vitest has no timings of its own and would start the largest files
 * first, which left the slowest ones (138 s then) to start minutes in and finish alone. These hints
 * put them first, so the two workers end close together. Where vitest has timings of its own
 * (its cache, on a machine that ran the suite before), those win.
 *
 * Gotcha: refresh it when a file's time changes much (the JSON report of `.ci/run`,
 * `.ci/out/vitest.json`, has each file's start and end); a file not listed starts after the
 * listed ones, largest first.
 */
const slowFiles: ReadonlyArray<readonly [string, number]> = [
  ["test/cluster/processes.test.ts", 87],
  ["test/layers/OpencodeServer.test.ts", 67],
  ["test/services/Batch.test.ts", 45],
  ["test/package/pack.test.ts", 39],
  ["test/durable/processes.test.ts", 34],
  ["test/cli/cluster.test.ts", 30],
  ["test/architecture/doc-examples.test.ts", 30],
  ["test/durable/cli.test.ts", 28],
  ["test/cli/remote.test.ts", 27],
  ["test/reliability/faults.test.ts", 25],
  ["test/cli/run.test.ts", 23],
  ["test/durable/DurableBatch.test.ts", 18],
  ["test/cluster/ClusterBatch.test.ts", 15],
  ["test/layers/layerFetch.browser.test.ts", 14],
  ["test/leaks/soak.test.ts", 13],
  ["test/reliability/restart.test.ts", 13],
  ["test/api/V2.integration.test.ts", 11],
  ["test/cli/embedded.test.ts", 11],
  ["test/services/MessageService.integration.test.ts", 11],
  ["test/security/secrets.test.ts", 10],
  ["test/services/EventService.integration.test.ts", 9],
  ["test/services/Run.test.ts", 9],
  ["test/examples.test.ts", 8],
  ["test/cluster/TaskWorkflow.test.ts", 8],
  ["test/layers/ParentDeath.test.ts", 8],
  ["test/leaks/scopes.test.ts", 8],
  ["test/services/ProviderService.test.ts", 8],
  ["test/services/StructuredOutput.test.ts", 8],
  ["test/testing/TestPostgres.test.ts", 8],
  ["test/coverage/endpoints.test.ts", 7],
  ["test/examples/examples.test.ts", 7],
  ["test/examples/scale-out.test.ts", 7],
  ["test/streams/SseConnection.test.ts", 7],
  ["test/telemetry/Telemetry.test.ts", 7],
  ["test/cli/Main.test.ts", 6],
  ["test/cli/otlp.test.ts", 6],
  ["test/cli/schema.test.ts", 6],
  ["test/layers/ServerDeath.test.ts", 6],
  ["test/services/PermissionService.test.ts", 6],
  ["test/services/SessionService.integration.test.ts", 6]

]

/**
 * Longest first: vitest's own timings where it has them, else the hints above, else size.
 * With two workers taking the next file as they free up, this is the usual longest-first
 * schedule, so no slow file is left to run alone at the end.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: Array<TestSpecification>): Promise<Array<TestSpecification>> {
    const base = await super.sort(files)
    const hints = new Map(slowFiles.map(([file, seconds]) => [NodePath.resolve(import.meta.dirname, file), seconds * 1000]))
    const known = (spec: TestSpecification) =>
      this.ctx.cache.getTestSpecificationResult(spec)?.duration ?? hints.get(NodePath.resolve(spec.moduleId))
    // Stable: files without a figure keep the base order (largest first), after those with one.
    return base
      .map((spec, i) => ({ spec, i, millis: known(spec) }))
      .sort((a, b) =>
        a.millis !== undefined && b.millis !== undefined
          ? b.millis - a.millis
          : a.millis !== undefined
          ? -1
          : b.millis !== undefined
          ? 1
          : a.i - b.i
      )
      .map(({ spec }) => spec)
  }
}

// Node's on-disk compile cache for every Node process of the suite (the workers, and the CLI,
// runner and worker processes the tests start, which inherit the environment): each of those
// otherwise parses and strips the same sources again (measured: about a third of a CLI start's
// CPU). Keyed by content, so an edited file is compiled afresh.
process.env.NODE_COMPILE_CACHE ??= NodePath.join(NodeOs.tmpdir(), "effect-opencode-compile-cache")

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: "forks",
    // Two workers: on 2 cores the suite is CPU-bound (a file of server tests keeps more than a core
    // busy: the servers, the CLI processes, the worker itself), so a third worker only lengthens
    // every timing-sensitive test.
    maxWorkers: 2,
    // One process per worker, not per file: each file in a fresh process imported and compiled
    // effect and the sources again (measured on test/services, test/schema and test/api, 36 files:
    // 322 → 264 CPU-s). Gotcha: module state now outlives a file; a test that changes a global
    // (process.env, a global provider) must restore it, and a file must not leave work running.
    isolate: false,
    teardownTimeout: 20_000,
    sequence: { sequencer: SlowestFirst }
  }
})
