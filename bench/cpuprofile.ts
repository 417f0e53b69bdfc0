/**
 * Where a profiled bench/cluster.ts run spent its CPU: reads the `.cpuprofile` files, clocks and
 * measured-batch windows that `BENCH_CLUSTER_PROF=DIR` leaves in DIR, keeps only the samples of the
 * measured batches, and prints per process kind (runner; the bench process per mode: the local
 * batch, or the submitter) the CPU ms per task:
 *
 * - by package (`src/cluster`, `src/tasks`, …, `effect/cluster`, `effect/workflow`, `effect/sql`,
 *   `effect` (its core: fibers, Schema…), `@effect/sql-pg`, `pg`, `node`, `(gc)`, `(native)`):
 *   self time, time with the package anywhere on the stack, and "attributed" time — each sample
 *   charged to the innermost frame that is neither Effect's core, Node nor native code, i.e. to
 *   the library (or our module) on whose behalf the core ran;
 * - the top functions by self time and by total time (on the stack).
 *
 * `node_modules/.bin/node bench/cpuprofile.ts DIR [--top 30] [--mode cluster-1] [--json FILE]`.
 *
 * Profiles are samples (about one per millisecond): figures below ~0.2 ms per task over a batch
 * of 40 are noise. The profiler costs CPU itself: compare profiled runs with profiled runs.
 */
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import { arg, type CallFrame, forEachSample, type Profile } from "./cpuprofile-samples.ts"

interface Clock {
  readonly pid: number
  readonly role: "bench" | "runner"
  readonly epochMs: number
  readonly monotonicUs: number
}
interface Window {
  readonly mode: string
  readonly round: number
  readonly tasks: number
  readonly t0: number
  readonly t1: number
  readonly runners: ReadonlyArray<number>
}

const dir = process.argv[2]
if (dir === undefined || dir.startsWith("--")) {
  console.error("usage: node bench/cpuprofile.ts DIR [--top N] [--mode MODE] [--json FILE]")
  process.exit(2)
}
const top = Number(arg("--top") ?? 30)
const onlyMode = arg("--mode")
const jsonOut = arg("--json")

/** The package (or our source folder) a frame belongs to. */
const packageOf = (frame: CallFrame): string => {
  const url = frame.url
  if (url === "") {
    if (frame.functionName === "(garbage collector)") return "(gc)"
    if (frame.functionName === "(program)") return "(program)"
    if (frame.functionName === "(idle)") return "(idle)"
    return "(native)"
  }
  if (url.startsWith("node:")) return "node"
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url)
  if (m !== null) {
    const [, pkg, rest] = m
    if (pkg === "effect") {
      const sub = /^dist\/([a-z-]+)\//.exec(rest!)
      return sub !== null && sub[1] !== "internal" ? `effect/${sub[1]}` : "effect"
    }
    if (pkg === "pg" || pkg!.startsWith("pg-")) return "pg"
    return pkg!
  }
  const src = /\/(src|bench|test)\/([^/]+)\//.exec(url)
  if (src !== null) return src[1] === "src" ? `src/${src[2]}` : src[1]!
  const top = /\/(src|bench|test)\/[^/]+$/.exec(url)
  if (top !== null) return top[1]!
  return url
}

/** Effect's core, Node and native code: charged to the frame that called into them. */
const isInfrastructure = (pkg: string) =>
  pkg === "effect" || pkg === "node" || pkg === "(native)" || pkg === "(gc)" || pkg === "(program)"

const functionOf = (frame: CallFrame): string => {
  const file = frame.url === "" ? "" : frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|bench|test)\//, "$1/")
  return `${frame.functionName || "(anonymous)"} ${file === "" ? "" : `${file}:${frame.lineNumber + 1}`}`.trim()
}

interface Totals {
  tasks: number
  /** Wall time of the measured batches. */
  wallMs: number
  ms: number
  selfByPackage: Map<string, number>
  totalByPackage: Map<string, number>
  attributed: Map<string, number>
  selfByFunction: Map<string, number>
  totalByFunction: Map<string, number>
}
const emptyTotals = (): Totals => ({
  tasks: 0,
  wallMs: 0,
  ms: 0,
  selfByPackage: new Map(),
  totalByPackage: new Map(),
  attributed: new Map(),
  selfByFunction: new Map(),
  totalByFunction: new Map()
})
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)

/** Adds the samples of `profile` that fall in [fromUs, toUs) (monotonic µs) to `into`. */
const accumulate = (profile: Profile, fromUs: number, toUs: number, into: Totals) =>
  forEachSample(profile, fromUs, toUs, (leaf, stack, us) => {
    const weightMs = us / 1000
    const leafPkg = packageOf(leaf)
    if (leafPkg === "(idle)") return
    into.ms += weightMs
    add(into.selfByPackage, leafPkg, weightMs)
    add(into.selfByFunction, functionOf(leaf), weightMs)
    const packages = new Set<string>()
    const functions = new Set<string>()
    let attributedTo: string | undefined
    for (const frame of stack) {
      const pkg = packageOf(frame)
      packages.add(pkg)
      functions.add(functionOf(frame))
      if (attributedTo === undefined && !isInfrastructure(pkg)) attributedTo = pkg
    }
    for (const p of packages) add(into.totalByPackage, p, weightMs)
    for (const f of functions) add(into.totalByFunction, f, weightMs)
    add(into.attributed, attributedTo ?? (isInfrastructure(leafPkg) ? `${leafPkg} (no caller on the stack)` : leafPkg), weightMs)
  })

const files = NodeFs.readdirSync(dir)
const clocks = new Map<number, Clock>()
for (const f of files.filter((f) => /^clock-\d+\.json$/.test(f))) {
  const c = JSON.parse(NodeFs.readFileSync(NodePath.join(dir, f), "utf8")) as Clock
  clocks.set(c.pid, c)
}
const windows = (JSON.parse(NodeFs.readFileSync(NodePath.join(dir, "windows.json"), "utf8")) as Array<Window>)
  .filter((w) => onlyMode === undefined || w.mode === onlyMode)
const byKind = new Map<string, Totals>()
for (const f of files.filter((f) => f.endsWith(".cpuprofile"))) {
  const pid = Number(/^CPU\.\d+\.\d+\.(\d+)\./.exec(f)?.[1])
  const clock = clocks.get(pid)
  if (clock === undefined) {
    console.error(`${f}: no clock-${pid}.json, skipped`)
    continue
  }
  const profile = JSON.parse(NodeFs.readFileSync(NodePath.join(dir, f), "utf8")) as Profile
  const toMonotonic = (epochMs: number) => clock.monotonicUs + (epochMs - clock.epochMs) * 1000
  for (const w of windows) {
    if (clock.role === "runner" && !w.runners.includes(pid)) continue
    const kind = clock.role === "runner" ? `runner (${w.mode})` : w.mode.startsWith("cluster") ? `bench process: submitter + scripted model (${w.mode})` : `bench process: local batch + scripted model (${w.mode})`
    const totals = byKind.get(kind) ?? emptyTotals()
    byKind.set(kind, totals)
    // Each runner of a window counts the window's tasks once between them.
    if (clock.role !== "runner" || w.runners[0] === pid) {
      totals.tasks += w.tasks
      totals.wallMs += w.t1 - w.t0
    }
    accumulate(profile, toMonotonic(w.t0), toMonotonic(w.t1), totals)
  }
}

const fmt = (ms: number, tasks: number) => (ms / tasks).toFixed(2).padStart(7)
const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1])
const report: Record<string, unknown> = {}
for (const [kind, t] of [...byKind.entries()].sort()) {
  console.log(
    `\n=== ${kind}: ${t.tasks} tasks in ${(t.wallMs / 1000).toFixed(1)} s, ${fmt(t.ms, t.tasks)} CPU ms/task sampled (idle excluded) ===`
  )
  console.log("\n  by package, ms/task:   self    total  attributed")
  const pkgs = new Set([...t.selfByPackage.keys(), ...t.totalByPackage.keys(), ...t.attributed.keys()])
  for (const p of [...pkgs].sort((a, b) => (t.attributed.get(b) ?? 0) - (t.attributed.get(a) ?? 0))) {
    console.log(`  ${p.padEnd(22)} ${fmt(t.selfByPackage.get(p) ?? 0, t.tasks)}  ${fmt(t.totalByPackage.get(p) ?? 0, t.tasks)}  ${fmt(t.attributed.get(p) ?? 0, t.tasks)}`)
  }
  console.log(`\n  top ${top} functions by self time, ms/task:`)
  for (const [f, ms] of sorted(t.selfByFunction).slice(0, top)) console.log(`  ${fmt(ms, t.tasks)}  ${f}`)
  console.log(`\n  top ${top} functions by total time (on the stack), ms/task:`)
  for (const [f, ms] of sorted(t.totalByFunction).slice(0, top)) console.log(`  ${fmt(ms, t.tasks)}  ${f}`)
  const per = (m: Map<string, number>, n = Infinity) => Object.fromEntries(sorted(m).slice(0, n).map(([k, v]) => [k, Math.round((v / t.tasks) * 100) / 100]))
  report[kind] = {
    tasks: t.tasks,
    wallSeconds: Math.round(t.wallMs / 100) / 10,
    msPerTask: Math.round((t.ms / t.tasks) * 100) / 100,
    selfByPackage: per(t.selfByPackage),
    totalByPackage: per(t.totalByPackage),
    attributed: per(t.attributed),
    selfByFunction: per(t.selfByFunction, 200),
    totalByFunction: per(t.totalByFunction, 400)
  }
}
if (jsonOut !== undefined) NodeFs.writeFileSync(jsonOut, JSON.stringify(report, null, 2) + "\n")
