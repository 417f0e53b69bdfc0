/**
 * Client CPU per sequential `session.get`, per variant (see bench/load.ts): N calls one after
 * another, `process.cpuUsage` before and after (µs of this process's CPU per call; the server runs
 * in another process). Run under `node --cpu-prof` to see where the library's share goes:
 * `npx node --cpu-prof --cpu-prof-dir /tmp/prof bench/profile-get.ts --calls 2000 --only "effect-opencode (fetch)"`.
 *
 * @since 0.1.0
 */
import { makeCallers, type Variant, variants, withTarget } from "./load.ts"

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const calls = Number(arg("--calls") ?? 1000)
const only = arg("--only")
const chosen = variants.filter((v) => only === undefined || v === only)

await withTarget(async (target) => {
  const callers = await makeCallers(target)
  try {
    const out: Array<[Variant, number]> = []
    for (const v of chosen) for (let i = 0; i < 100; i++) await callers[v].get()
    for (const round of [0, 1]) {
      for (const v of round === 0 ? chosen : [...chosen].reverse()) {
        const c0 = process.cpuUsage()
        for (let i = 0; i < calls; i++) await callers[v].get()
        const c = process.cpuUsage(c0)
        out.push([v, (c.user + c.system) / calls])
      }
    }
    for (const v of chosen) {
      const xs = out.filter(([w]) => w === v).map(([, us]) => Math.round(us))
      console.log(`${v}: ${xs.join(" / ")} µs CPU per get`)
    }
  } finally {
    for (const v of variants) await callers[v].close()
  }
})
