/**
 * Batch review: review every source file of a repository with one prompt per file, five at a
 * time, with read-only tools and a deadline per file; print one line per file as it finishes and
 * a summary at the end. A failed file (model error, timeout) is reported, not fatal.
 *
 *   npx node examples/batch-review.ts /path/to/repo
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import * as ChildProcess from "node:child_process"
import * as Batch from "../src/services/Batch.ts"
import * as Run from "../src/services/Run.ts"
import { TestServer } from "../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"

/** The files git tracks in `directory` with one of the extensions. */
export const sourceFiles = (directory: string, extensions: ReadonlyArray<string> = [".ts", ".js", ".md"]) =>
  Effect.try(() =>
    ChildProcess.execFileSync("git", ["ls-files"], { cwd: directory, encoding: "utf8" })
      .split("\n")
      .filter((f) => f.length > 0 && extensions.some((e) => f.endsWith(e)))
  )

export const reviewPrompt = (file: string) =>
  `Review ${file}: list its bugs and risks in at most three bullet points. Do not change any file.`

export const program = (directory: string) =>
  Effect.gen(function*() {
    const files = yield* sourceFiles(directory)
    yield* Console.log(`reviewing ${files.length} files of ${directory}, 5 at a time`)
    const tasks: Array<Batch.Task> = files.map((file) => ({
      name: file,
      prompt: reviewPrompt(file),
      // Read-only: the review may read and search, not write, edit or run commands.
      options: { tools: { write: false, edit: false, bash: false }, session: { title: `review ${file}` } }
    }))
    const result = yield* Batch.run(tasks, {
      concurrency: 5,
      timeoutPerTask: "10 minutes",
      ephemeral: true, // each review's session is deleted once its answer is read
      onProgress: (p) => (p.running === 0 && p.finished + p.failed === p.total ? Console.log(`all ${p.total} finished`) : Effect.void)
    })
    for (const r of result.results) {
      const file = r.task.name!
      if (r._tag === "Finished") yield* Console.log(`✓ ${file}: ${r.output.text.split("\n")[0]}`)
      else yield* Console.log(`✗ ${file}: ${r.error._tag}: ${r.error.message}`)
    }
    const cost = result.finished.reduce((sum, r) => sum + r.output.cost, 0)
    yield* Console.log(
      `${result.finished.length} reviewed, ${result.failed.length} failed in ${(result.millis / 1000).toFixed(1)} s, $${cost.toFixed(4)}`
    )
    return {
      reviews: result.finished.map((r) => ({ file: r.task.name!, review: r.output.text })),
      failed: result.failed.map((r) => ({ file: r.task.name!, error: r.error._tag }))
    }
  })

/** Offline: an embedded `opencode serve` in a temporary project, answered by the scripted model. */
export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({ files: { "src/a.ts": "export const a = 1\n", "src/b.ts": "export const b = 2\n" } })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  const directory = process.argv[2]
  if (directory !== undefined) {
    // A real repository: its own server, started in it (configure a real model in opencode).
    const Live = Run.layerFromClient.pipe(
      Layer.provideMerge(OpencodeServer.layerClient()),
      Layer.provideMerge(OpencodeServer.layer({ cwd: directory })),
      Layer.provide(OpencodeNode.layerHttpClient)
    )
    program(directory).pipe(Effect.provide(Live), NodeRuntime.runMain)
  } else {
    Effect.gen(function*() {
      const project = yield* TestServer.TestProject
      return yield* program(project.directory)
    }).pipe(Effect.provide(Embedded), NodeRuntime.runMain)
  }
}
