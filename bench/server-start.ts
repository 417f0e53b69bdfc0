/**
 * Server start benchmark: spawn-to-ready time of this library's `OpencodeServer.make` against the
 * official SDK's `createOpencodeServer` (`@opencode-ai/sdk` 1.19.3), with the same `opencode`
 * binary, in the same run, 10 starts each (interleaved: ours, theirs, ours, …), medians and ratio.
 *
 * The readiness checks differ, and that is the point of the comparison:
 * - `OpencodeServer` (default options: a generated password, version check "warn") waits for the
 *   "listening on" line **and** an answered `GET /global/health` (each probe with its own short
 *   timeout: the port accepts connections ~200 ms before the server can answer them); the
 *   version for the check comes from that same health answer.
 * - `createOpencodeServer` resolves on the stdout line alone. To make the numbers comparable, the
 *   column "sdk + first answer" adds the time until a first `GET /global/health` is answered.
 *
 * Every start runs in the same fresh HOME / XDG directories, with the models catalogue fetch
 * turned off, on a free port picked before the timer starts (ours picks its own). Each server is
 * stopped, and its exit awaited, before the next start (the SDK's `close()` does not wait, so the
 * benchmark waits for the process itself).
 *
 * Besides the medians of each, it reports the median of the paired ratios (each run's start of
 * ours over the SDK's start next to it), which cancels slow drift of the machine's load.
 *
 * Run from the repository root: `npx node bench/server-start.ts [--runs 10]`. Prints a table and
 * writes `bench/results-server-start.json`. Not a test.
 *
 * @since 0.1.0
 */
import { Effect, Exit, Scope } from "effect"
import * as NodeFs from "node:fs"
import * as Net from "node:net"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as OpencodeServer from "../src/layers/OpencodeServer.ts"

type Variant = "effect-opencode" | "sdk"

interface Sample {
  readonly variant: Variant
  readonly run: number
  /** Call to ready, as the API reports it. */
  readonly readyMs: number
  /** Call until a first `GET /global/health` was answered. */
  readonly answeredMs: number
}

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1]! : fallback
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const round = (n: number) => Math.round(n * 10) / 10

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = Net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as Net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })

/** Polls `GET /global/health` (1 s per attempt) until it answers. */
const firstAnswer = async (url: string, headers: Record<string, string>) => {
  for (;;) {
    try {
      const response = await fetch(`${url}/global/health`, { headers, signal: AbortSignal.timeout(1_000) })
      await response.text()
      if (response.status === 200) return
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The pid of the `opencode serve` listening on `port` (a child of this process). */
const pidOnPort = (port: number): number | undefined => {
  for (const entry of NodeFs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = NodeFs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")
      if (cmdline.includes("serve") && cmdline.includes(`--port=${port}`)) return Number(entry)
    } catch {
      // gone
    }
  }
  return undefined
}

const waitGone = async (pid: number) => {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0)
      const stat = NodeFs.readFileSync(`/proc/${pid}/stat`, "utf8")
      if (/^\d+ \(.*\) Z/.test(stat)) return
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`opencode ${pid} did not exit`)
}

const ours = async (run: number, cwd: string): Promise<Sample> => {
  const scope = Effect.runSync(Scope.make())
  const t0 = performance.now()
  const server = await Effect.runPromise(Scope.provide(OpencodeServer.make({ cwd }), scope))
  if (server.version === "unknown") throw new Error("no version from the health answer")
  const readyMs = performance.now() - t0
  await firstAnswer(server.url, OpencodeServer.headers(server))
  const answeredMs = performance.now() - t0
  await Effect.runPromise(Scope.close(scope, Exit.void)) // waits for the exit
  return { variant: "effect-opencode", run, readyMs, answeredMs }
}

const sdk = async (run: number, createOpencodeServer: typeof import("@opencode-ai/sdk/server").createOpencodeServer): Promise<Sample> => {
  const port = await freePort()
  const t0 = performance.now()
  const server = await createOpencodeServer({ port, timeout: 30_000 })
  const readyMs = performance.now() - t0
  await firstAnswer(server.url, {})
  const answeredMs = performance.now() - t0
  const pid = pidOnPort(port)
  server.close()
  if (pid !== undefined) await waitGone(pid)
  return { variant: "sdk", run, readyMs, answeredMs }
}

const main = async () => {
  const runs = Number(arg("--runs", "10"))
  const { createOpencodeServer } = await import("@opencode-ai/sdk/server")
  const root = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-bench-start-"))
  try {
    // Same environment for both: fresh HOME / XDG, no models catalogue fetch.
    for (const [name, sub] of [["HOME", "home"], ["XDG_CONFIG_HOME", "config"], ["XDG_DATA_HOME", "data"], ["XDG_CACHE_HOME", "cache"], ["XDG_STATE_HOME", "state"]] as const) {
      const dir = NodePath.join(root, sub)
      NodeFs.mkdirSync(dir, { recursive: true })
      process.env[name] = dir
    }
    process.env.OPENCODE_DISABLE_MODELS_FETCH = "1"
    const project = NodePath.join(root, "project")
    NodeFs.mkdirSync(project)
    process.chdir(project) // the SDK starts the server in the working directory
    // Same binary: the SDK runs `opencode` from PATH, so put the one OpencodeServer resolves first.
    const { binary, source } = await Effect.runPromise(OpencodeServer.resolveBinary({ cwd: NodePath.resolve(import.meta.dirname, "..") }))
    const binDir = NodePath.join(root, "bin")
    NodeFs.mkdirSync(binDir)
    NodeFs.symlinkSync(binary, NodePath.join(binDir, "opencode"))
    process.env.PATH = `${binDir}${NodePath.delimiter}${process.env.PATH ?? ""}`
    process.env.OPENCODE_BIN = binary
    process.stderr.write(`binary ${binary} (from ${source}); ${runs} runs each, interleaved; one warm-up start each\n`)

    await ours(-1, project)
    await sdk(-1, createOpencodeServer)
    const samples: Array<Sample> = []
    for (let run = 0; run < runs; run++) {
      const order = [() => ours(run, project), () => sdk(run, createOpencodeServer)]
      if (run % 2 === 1) order.reverse()
      for (const start of order) {
        const s = await start()
        process.stderr.write(`  run ${run} ${s.variant}: ready ${Math.round(s.readyMs)} ms, first answer ${Math.round(s.answeredMs)} ms\n`)
        samples.push(s)
      }
    }

    const variants: ReadonlyArray<Variant> = ["effect-opencode", "sdk"]
    const rows = variants.map((variant) => {
      const mine = samples.filter((s) => s.variant === variant)
      return {
        variant,
        medianReadyMs: round(median(mine.map((s) => s.readyMs))),
        medianAnsweredMs: round(median(mine.map((s) => s.answeredMs))),
        minReadyMs: round(Math.min(...mine.map((s) => s.readyMs))),
        maxReadyMs: round(Math.max(...mine.map((s) => s.readyMs)))
      }
    })
    // Paired: each run's start of ours against the SDK's start next to it (same load, moments
    // apart), so drift of the machine's load between runs cancels out.
    const pairedRatios = Array.from({ length: runs }, (_, run) => {
      const a = samples.find((s) => s.run === run && s.variant === "effect-opencode")!
      const b = samples.find((s) => s.run === run && s.variant === "sdk")!
      return a.readyMs / b.readyMs
    })
    const pairedMedianRatio = Math.round(median(pairedRatios) * 100) / 100
    const sdkRow = rows.find((r) => r.variant === "sdk")!
    const ratios = rows.filter((r) => r.variant !== "sdk").map((r) => ({
      variant: r.variant,
      readyVsSdkReady: Math.round((r.medianReadyMs / sdkRow.medianReadyMs) * 100) / 100,
      readyVsSdkFirstAnswer: Math.round((r.medianReadyMs / sdkRow.medianAnsweredMs) * 100) / 100
    }))

    console.log(`\nspawn-to-ready of opencode serve, ${runs} runs each, medians (ms)`)
    console.log("variant         | ready (API returns) | first /global/health answered | min–max ready")
    for (const r of rows) {
      console.log(
        `${r.variant.padEnd(15)} | ${String(r.medianReadyMs).padStart(19)} | ${String(r.medianAnsweredMs).padStart(29)} | ${r.minReadyMs}–${r.maxReadyMs}`
      )
    }
    for (const r of ratios) {
      console.log(
        `ratio ${r.variant} / sdk: ${r.readyVsSdkReady} (ready vs ready), ${r.readyVsSdkFirstAnswer} (ours ready vs sdk ready + first answer)`
      )
    }
    console.log(`median of the ${runs} paired ratios (ours / sdk, same run): ${pairedMedianRatio}`)
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: NodeOs.cpus().length,
      loadAverage: NodeOs.loadavg(),
      binary,
      runs,
      rows,
      ratios,
      pairedMedianRatio,
      pairedRatios: pairedRatios.map((r) => Math.round(r * 100) / 100),
      samples
    }
    NodeFs.writeFileSync(new URL("./results-server-start.json", import.meta.url), JSON.stringify(result, null, 2) + "\n")
  } finally {
    process.chdir(NodeOs.tmpdir())
    NodeFs.rmSync(root, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
