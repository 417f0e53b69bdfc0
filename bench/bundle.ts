/**
 * The one way the benchmarks bundle a program and time its cold import, shared by
 * `bench/footprint.ts` (issue 18's footprint figures) and `bench/run.ts` (the table side by side
 * with the SDK), so that both report the same thing.
 *
 * Bundled with rolldown (the bundler installed here; esbuild is not), minified, ESM, platform node,
 * one file; `effect-opencode` and `effect-opencode/node` resolve to this checkout's src/. A cold
 * import is the wall time of `await import(bundle)` in a fresh Node process: parsing, compiling and
 * running the module's top level (for these programs, up to their first request).
 *
 * @since 0.1.0
 */
import * as ChildProcess from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import { build, VERSION } from "rolldown"

const root = NodePath.resolve(import.meta.dirname, "..")

/** What the results name as the bundler. */
export const bundler = `rolldown ${VERSION}, minified, esm, platform node`

/** Bundles the program `input` into the single file `file`. */
export const bundle = async (input: string, file: string): Promise<void> => {
  await build({
    input,
    cwd: root,
    platform: "node",
    logLevel: "silent",
    resolve: {
      alias: {
        "effect-opencode/node": NodePath.join(root, "src/node.ts"),
        "effect-opencode": NodePath.join(root, "src/index.ts")
      }
    },
    output: { file, format: "esm", minify: true, codeSplitting: false }
  })
}

const measureImport = `
const t0 = performance.now()
await import(process.argv[2])
process.stdout.write(String(performance.now() - t0))
`

/**
 * The cold import of each bundle, `runs` times, interleaved (one of each bundle per round, so that
 * a change of load on the machine weighs on every bundle alike): each bundle's times in ms.
 * `env` reaches the programs (where their first request goes).
 */
export const coldImports = (
  dir: string,
  files: ReadonlyArray<string>,
  runs: number,
  env: Record<string, string> = {}
): ReadonlyArray<ReadonlyArray<number>> => {
  const script = NodePath.join(dir, "measure-import.mjs")
  NodeFs.writeFileSync(script, measureImport)
  const times = files.map((): Array<number> => [])
  for (let i = 0; i < runs; i++) {
    files.forEach((file, j) => {
      const r = ChildProcess.spawnSync(process.execPath, [script, file], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 })
      const ms = Number(r.stdout)
      // the program may fail after its import (no server where its request goes): only the import counts
      if (r.stdout === "" || !Number.isFinite(ms)) throw new Error(`cold import of ${file} failed: ${r.stderr.slice(-2000)}`)
      times[j]!.push(ms)
    })
  }
  return times
}

/** The median of some numbers (the upper one of an even count). */
export const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
