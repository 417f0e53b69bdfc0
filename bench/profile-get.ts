/**
 * Client CPU per sequential `session.get`, per variant (see bench/load.ts): N calls one after
 * another, `process.cpuUsage` before and after (µs of this process's CPU per call; the server runs
 * in another process), in rounds that alternate the order; prints each round and the median, and
 * the median p50 latency. Run under `node --cpu-prof` to see where the library's share goes:
 * `npx node --cpu-prof --cpu-prof-dir /tmp/prof bench/profile-get.ts --calls 2000 --only "effect-opencode (fetch)"`.
 *
 * Before/after at the same load: `--baseline DIR` adds the library of another checkout's `src`
 * (e.g. `mkdir -p .tmp/before && git archive <commit> src | tar -x -C .tmp/before`, then
 * `--baseline .tmp/before/src`; inside the repository, so it resolves the same `node_modules`) as
 * two more variants, `baseline (fetch)` and `baseline (node:http)`, in the same rounds.
 * `--rounds N` (default 2), `--calls N` (default 1000), `--only NAME` (one variant).
 *
 * @since 0.1.0
 */
import * as NodePath from "node:path"
import * as NodeUrl from "node:url"
import { type Callers, libraryCallers, makeCallers, type Target, withTarget } from "./load.ts"

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const calls = Number(arg("--calls") ?? 1000)
const rounds = Number(arg("--rounds") ?? 2)
const only = arg("--only")
const baseline = arg("--baseline")

/** The library of another `src` tree, over `fetch` or `node:http`, as one more variant. */
const baselineCaller = async (dir: string, target: Target, node: boolean): Promise<Callers> => {
  const root = NodeUrl.pathToFileURL(NodePath.resolve(dir)).href
  const Client = await import(`${root}/layers/OpencodeClient.ts`)
  const OpencodeNode = await import(`${root}/layers/OpencodeNode.ts`)
  const Sessions = await import(`${root}/services/SessionService.ts`)
  return libraryCallers(target, node ? OpencodeNode.layerHttpClient : Client.layerFetch, { Client, Sessions })
}

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

await withTarget(async (target) => {
  const callers: Record<string, Callers> = { ...(await makeCallers(target)) }
  if (baseline !== undefined) {
    callers["baseline (fetch)"] = await baselineCaller(baseline, target, false)
    callers["baseline (node:http)"] = await baselineCaller(baseline, target, true)
  }
  const chosen = Object.keys(callers).filter((v) => only === undefined || v === only)
  try {
    const cpu: Record<string, Array<number>> = {}
    const p50: Record<string, Array<number>> = {}
    for (const v of chosen) for (let i = 0; i < 100; i++) await callers[v]!.get()
    for (let round = 0; round < rounds; round++) {
      for (const v of round % 2 === 0 ? chosen : [...chosen].reverse()) {
        const ms: Array<number> = []
        const c0 = process.cpuUsage()
        for (let i = 0; i < calls; i++) {
          const t0 = performance.now()
          await callers[v]!.get()
          ms.push(performance.now() - t0)
        }
        const c = process.cpuUsage(c0)
        ;(cpu[v] ??= []).push(Math.round((c.user + c.system) / calls))
        ;(p50[v] ??= []).push(Math.round(median(ms) * 100) / 100)
      }
    }
    for (const v of chosen) {
      console.log(`${v}: median ${median(cpu[v]!)} µs CPU per get (${cpu[v]!.join(" / ")}), p50 ${median(p50[v]!)} ms`)
    }
  } finally {
    for (const v of Object.keys(callers)) await callers[v]!.close()
  }
})
