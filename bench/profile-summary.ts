/**
 * Aggregates a V8 CPU profile (`node --cpu-prof`, e.g. the children of `BENCH_CPU_PROF=dir npx node
 * bench/batch.ts …`): sampled time by function (self and total, total counted once per stack
 * even when the function recurses), and self time by module (the library's own files by path,
 * `effect`'s by file, the rest by package, Node's internals as `node:`). Prints the top rows.
 *
 * `npx node bench/profile-summary.ts FILE.cpuprofile [--top 40] [--per N]` (`--per N`: also
 * divide every figure by N, e.g. the number of tasks, to read ms per task). When bench/batch.ts
 * wrote `FILE.cpuprofile.window.json` (the measured batch, on the profile's clock), only the samples
 * inside that window count.

 */
import { existsSync, readFileSync } from "node:fs"
import { arg, type CallFrame, forEachSample, type Profile } from "./cpuprofile-samples.ts"

const file = process.argv[2]
if (file === undefined || file.startsWith("--")) throw new Error("usage: profile-summary.ts FILE.cpuprofile [--top N] [--per N]")
const top = Number(arg("--top") ?? 40)
const per = Number(arg("--per") ?? 1)

const profile: Profile = JSON.parse(readFileSync(file, "utf8"))
// The measured window written by bench/batch.ts's child (else the whole profile).
const window: { readonly start: number; readonly end: number } = existsSync(`${file}.window.json`)
  ? JSON.parse(readFileSync(`${file}.window.json`, "utf8"))
  : { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }

/** Where a frame's code lives: a library file, an `effect` file, a package, or Node/V8. */
const moduleOf = (url: string): string => {
  if (url === "") return "(native/V8)"
  if (url.startsWith("node:")) return url
  const effect = url.match(/node_modules\/effect\/dist\/(.*)$/)
  if (effect !== null) return `effect/${effect[1]}`
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)
  if (pkg !== null) return pkg[1]!
  const own = url.match(/\/(?:src|dist|bench-dist|main-dist|[^/]*-dist)\/(.*)$/)
  if (own !== null) return `lib/${own[1]}`
  return url.replace(/^file:\/\//, "")
}
const functionOf = (f: CallFrame): string =>
  `${f.functionName === "" ? "(anonymous)" : f.functionName} ${moduleOf(f.url)}:${f.lineNumber + 1}`

// Sample durations: each sample's delta is the time until the next one.
const selfFn = new Map<string, number>()
const totalFn = new Map<string, number>()
const selfModule = new Map<string, number>()
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
let all = 0
let idle = 0
forEachSample(profile, window.start, window.end, (leaf, stack, us) => {
  const name = leaf.functionName
  if (name === "(idle)" || name === "(program)" || name === "(garbage collector)") {
    if (name === "(idle)") idle += us
    else {
      all += us
      add(selfFn, name, us)
      add(selfModule, name, us)
    }
    return
  }
  all += us
  add(selfFn, functionOf(leaf), us)
  add(selfModule, moduleOf(leaf.url), us)
  // counted once per stack, even when a function recurses
  for (const key of new Set(stack.map(functionOf))) add(totalFn, key, us)
})

const ms = (us: number) => (us / 1000 / per).toFixed(per === 1 ? 0 : 3).padStart(9)
const pct = (us: number) => `${((us / all) * 100).toFixed(1).padStart(5)}%`
const table = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ${pct(v)}  ${k}`)
}
console.log(`${file}: busy ${ms(all)} ms${per === 1 ? "" : " per unit"}, idle ${(idle / 1000).toFixed(0)} ms`)
table("self time by module", selfModule)
table("self time by function", selfFn)
table("total time by function", totalFn)
