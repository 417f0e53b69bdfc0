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

/**
 * Bundles the program `input` into the single file `file`, `effect-opencode` taken from the
 * checkout at `checkout` (this one by default; another one for a before/after comparison).
 */
export const bundle = async (input: string, file: string, checkout: string = root): Promise<void> => {
  await build({
    input,
    cwd: root,
    platform: "node",
    logLevel: "silent",
    resolve: {
      alias: {
        "effect-opencode/node": NodePath.join(checkout, "src/node.ts"),
        "effect-opencode": NodePath.join(checkout, "src/index.ts")
      }
    },
    output: { file, format: "esm", minify: true, codeSplitting: false }
  })
}

const measureImport = `
const cpu0 = process.cpuUsage()
const t0 = performance.now()
await import(process.argv[2])
const ms = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }))
`

/** One cold import: its wall time, and the CPU time the process spent in it (all its threads). */
export interface ColdImport {
  readonly ms: number
  readonly cpuMs: number
}

/**
 * The cold import of each bundle, `runs` times, interleaved (one of each bundle per round, so that
 * a change of load on the machine weighs on every bundle alike): each bundle's times in ms.
 * `env` reaches the programs (where their first request goes).
 *
 * Gotcha: on a loaded machine the wall time mostly measures the load; the CPU time is steadier,
 * but compare either only within one run.
 */
export const coldImports = (
  dir: string,
  files: ReadonlyArray<string>,
  runs: number,
  env: Record<string, string> = {}
): ReadonlyArray<ReadonlyArray<ColdImport>> => {
  const script = NodePath.join(dir, "measure-import.mjs")
  NodeFs.writeFileSync(script, measureImport)
  const times = files.map((): Array<ColdImport> => [])
  for (let i = 0; i < runs; i++) {
    files.forEach((file, j) => {
      const r = ChildProcess.spawnSync(process.execPath, [script, file], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 })
      // the program may fail after its import (no server where its request goes): only the import counts
      let sample: ColdImport
      try {
        sample = JSON.parse(r.stdout)
      } catch {
        throw new Error(`cold import of ${file} failed: ${r.stderr.slice(-2000)}`)
      }
      times[j]!.push(sample)
    })
  }
  return times
}

/** The median of some numbers (the upper one of an even count). */
export const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
