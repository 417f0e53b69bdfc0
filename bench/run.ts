/**
 * All benchmarks, one command, one table: this library side by side with the official
 * `@opencode-ai/sdk` (1.19.3) and raw `fetch`, in the same run and on the same machine.
 *
 * 1. request overhead: sequential `session.get` / `session.list` against a real `opencode serve`,
 *    p50/p99 (bench/load.ts);
 * 2. load: 200 concurrent `session.get` through one client, p50/p99 (bench/load.ts);
 * 3. event throughput (bench/events.ts, in its own processes);
 * 4. batch throughput (bench/batch.ts);
 * 5. spawn-to-ready (bench/server-start.ts);
 * 6. bundle size and cold import time of a minimal program (create a session, prompt it) for both
 *    libraries, bundled and timed as bench/footprint.ts does (bench/bundle.ts: rolldown, minified);
 * 7. soak (bench/soak.ts) with `--soak`; otherwise the last `bench/results-soak.json` is shown;
 * 8. cluster mode against local mode (bench/cluster.ts, needs PostgreSQL) with `--cluster`;
 *    otherwise the last `bench/results-cluster.json` is shown.
 *
 * Run from the repository root: `npx node bench/run.ts [--quick] [--soak] [--cluster] [--skip events,batch,…]`.
 * Prints a markdown table and writes `bench/results.json`. Not part of the test suite.
 *
 * @since 0.1.0
 */
import { spawn } from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Zlib from "node:zlib"
import { bundle, coldImports, median } from "./bundle.ts"
import { formatLatency, type Latency, load, type LoadResult, makeCallers, requestOverhead, variants, withTarget } from "./load.ts"

const quick = process.argv.includes("--quick")
const skipArg = process.argv.indexOf("--skip")
const skip = new Set(skipArg >= 0 ? process.argv[skipArg + 1]!.split(",") : [])
const root = NodePath.resolve(import.meta.dirname, "..")
const notes: Array<string> = []

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`)

const node = (args: ReadonlyArray<string>, env: Record<string, string> = {}, timeoutMs = 20 * 60_000) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })

const readJson = (file: string): any => {
  try {
    return JSON.parse(NodeFs.readFileSync(NodePath.join(root, file), "utf8"))
  } catch {
    return undefined
  }
}

const r2 = (x: number) => Math.round(x * 100) / 100

// -----------------------------------------------------------------------------
// 6. bundle size and cold import
// -----------------------------------------------------------------------------

const effectProgram = `
import { Effect, Layer } from "effect"
import { MessageService, OpencodeClient, SessionService } from "effect-opencode"

const Live = Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(
  Layer.provide(OpencodeClient.layerConfig())
)
const program = Effect.gen(function*() {
  const sessions = yield* SessionService.SessionService
  const messages = yield* MessageService.MessageService
  const session = yield* sessions.create({ title: "minimal" })
  yield* messages.promptAsync(session.id, "hello")
  return session.id
})
export const main = () => Effect.runPromise(program.pipe(Effect.provide(Live)))
if (process.env.RUN_MINIMAL === "1") main().then((id) => console.log("ok", id))
`

const sdkProgram = `
import { createOpencodeClient } from "@opencode-ai/sdk"

export const main = async () => {
  const client = createOpencodeClient({
    baseUrl: process.env.OPENCODE_BASE_URL,
    directory: process.env.OPENCODE_DIRECTORY,
    headers: { authorization: "Basic " + Buffer.from("opencode:" + process.env.OPENCODE_SERVER_PASSWORD).toString("base64") }
  })
  const session = await client.session.create({ body: { title: "minimal" } })
  if (session.data === undefined) throw new Error(JSON.stringify(session.error))
  const sent = await client.session.promptAsync({ path: { id: session.data.id }, body: { parts: [{ type: "text", text: "hello" }] } })
  if (sent.error !== undefined) throw new Error(JSON.stringify(sent.error))
  return session.data.id
}
if (process.env.RUN_MINIMAL === "1") main().then((id) => console.log("ok", id))
`

interface BundleResult {
  readonly variant: "effect-opencode" | "sdk"
  readonly bytes: number
  readonly gzipBytes: number
  readonly coldImportMs: number
  readonly file: string
}

const bundles = async (): Promise<Array<BundleResult>> => {
  const dir = NodePath.join(root, ".tmp/bench-bundle")
  NodeFs.mkdirSync(dir, { recursive: true })
  const variants = [["effect-opencode", "effect-min", effectProgram], ["sdk", "sdk-min", sdkProgram]] as const
  const files: Array<string> = []
  for (const [, name, program] of variants) {
    const input = NodePath.join(dir, `${name}.ts`)
    const file = NodePath.join(dir, `${name}.mjs`)
    NodeFs.writeFileSync(input, program)
    await bundle(input, file)
    files.push(file)
  }
  // interleaved, so that a change of load weighs on both alike
  const times = coldImports(dir, files, quick ? 5 : 15)
  return variants.map(([variant], i) => {
    const code = NodeFs.readFileSync(files[i]!)
    return { variant, bytes: code.length, gzipBytes: Zlib.gzipSync(code).length, coldImportMs: r2(median(times[i]!.map((t) => t.ms))), file: files[i]! }
  })
}

/** Runs both minimal bundles once against the server: they must work, or their size means nothing. */
const runBundles = async (built: ReadonlyArray<BundleResult>, target: { url: string; directory: string; password: string | undefined }) => {
  for (const b of built) {
    const { code, out } = await node([b.file], {
      RUN_MINIMAL: "1",
      OPENCODE_BASE_URL: target.url,
      OPENCODE_DIRECTORY: target.directory,
      OPENCODE_SERVER_PASSWORD: target.password ?? ""
    }, 60_000)
    if (code !== 0 || !out.startsWith("ok ses")) throw new Error(`the minimal ${b.variant} program failed: ${out}`)
  }
}

// -----------------------------------------------------------------------------
// main
// -----------------------------------------------------------------------------

const main = async () => {
  const started = Date.now()
  const built = skip.has("bundle") ? undefined : await bundles()

  let overhead: Array<Latency> = []
  let loaded: Array<LoadResult> = []
  if (!skip.has("requests")) {
    log("request overhead and load (real server)…")
    ;({ overhead, loaded } = await withTarget(async (target) => {
      if (built !== undefined) await runBundles(built, target)
      const callers = await makeCallers(target)
      try {
        return {
          overhead: await requestOverhead(callers, quick ? 100 : 300),
          loaded: await load(callers, 200, quick ? 3 : 5)
        }
      } finally {
        for (const v of variants) await callers[v].close()
      }
    }))
  }

  let events: any
  if (!skip.has("events")) {
    log("event throughput (bench/events.ts)…")
    const { code } = await node(["bench/events.ts", "--events", quick ? "100000" : "200000", "--runs", quick ? "1" : "3"])
    events = code === 0 ? readJson("bench/results-events.json") : undefined
    if (events === undefined) notes.push(`events: bench/events.ts exited with ${code}`)
  }

  let batch: any
  if (!skip.has("batch")) {
    log("batch throughput (bench/batch.ts)…")
    const { code } = await node(["bench/batch.ts", "--tasks", quick ? "30" : "100", "--runs", "1", "--concurrency", "1,5"])
    batch = code === 0 ? readJson("bench/results-batch.json") : undefined
    if (batch === undefined) notes.push(`batch: bench/batch.ts exited with ${code}`)
  }

  let serverStart: any
  if (!skip.has("server-start")) {
    if (NodeFs.existsSync(NodePath.join(root, "bench/server-start.ts"))) {
      log("spawn-to-ready (bench/server-start.ts)…")
      const { code } = await node(["bench/server-start.ts", "--runs", quick ? "3" : "6"])
      serverStart = code === 0 ? readJson("bench/results-server-start.json") : undefined
      if (serverStart === undefined) notes.push(`server start: bench/server-start.ts exited with ${code}`)
    } else {
      notes.push("spawn-to-ready: bench/server-start.ts does not exist yet")
    }
  }

  if (process.argv.includes("--soak")) {
    log("soak (bench/soak.ts, long)…")
    await node(["bench/soak.ts"], {}, 60 * 60_000)
  }
  const soak = readJson("bench/results-soak.json")

  if (process.argv.includes("--cluster")) {
    log("cluster mode (bench/cluster.ts)…")
    const { code } = await node(["bench/cluster.ts", "--tasks", quick ? "30" : "100", "--rounds", quick ? "1" : "2"])
    if (code !== 0) notes.push(`cluster: bench/cluster.ts exited with ${code}`)
  }
  const cluster = readJson("bench/results-cluster.json")

  // --- the table ---------------------------------------------------------------------------
  const rows: Array<[string, string, string, string, string]> = []
  const find = (xs: ReadonlyArray<Latency>, variant: string, call: string) => xs.find((x) => x.variant === variant && x.call === call)
  for (const call of ["get", "list"]) {
    const e = find(overhead, "effect-opencode (fetch)", call)
    const s = find(overhead, "sdk", call)
    const f = find(overhead, "raw fetch", call)
    if (e && s && f) {
      rows.push([`session ${call}, sequential: p50 / p99 ms`, `${e.p50Ms} / ${e.p99Ms}`, `${s.p50Ms} / ${s.p99Ms}`, `${f.p50Ms} / ${f.p99Ms}`, `${r2(e.p50Ms / s.p50Ms)}× (p50)`])
    }
  }
  {
    const e = loaded.find((x) => x.variant === "effect-opencode (fetch)")
    const s = loaded.find((x) => x.variant === "sdk")
    const f = loaded.find((x) => x.variant === "raw fetch")
    if (e && s && f) {
      rows.push([`200 concurrent gets: p50 / p99 ms`, `${e.p50Ms} / ${e.p99Ms}`, `${s.p50Ms} / ${s.p99Ms}`, `${f.p50Ms} / ${f.p99Ms}`, `${r2(e.p50Ms / s.p50Ms)}× (p50)`])
      rows.push([`200 concurrent gets: round wall ms (failed)`, `${e.roundMs} (${e.failures})`, `${s.roundMs} (${s.failures})`, `${f.roundMs} (${f.failures})`, `${r2(e.roundMs / s.roundMs)}×`])
    }
  }
  if (events?.summary) {
    const v = (name: string) => events.summary.find((x: any) => x.variant === name)
    const e = v("effect-opencode"), s = v("sdk"), f = v("raw")
    rows.push([`events/s (${events.events.toLocaleString("en")} events, warm)`, String(e.eventsPerSecond), String(s.eventsPerSecond), String(f.eventsPerSecond), `${r2(e.eventsPerSecond / s.eventsPerSecond)}×`])
    rows.push([`events: peak RSS MiB`, String(e.peakRssMiB), String(s.peakRssMiB), String(f.peakRssMiB), `${r2(e.peakRssMiB / s.peakRssMiB)}×`])
  }
  if (batch?.rows) {
    for (const r of batch.rows) {
      rows.push([`batch tasks/s, concurrency ${r.concurrency} (${batch.tasks} tasks)`, String(r.effectTasksPerSecond), String(r.sdkTasksPerSecond), "", `${r.ratio}×`])
    }
    for (const r of batch.rows) {
      if (r.effectRequestsPerTask === undefined) continue
      const c = `concurrency ${r.concurrency}`
      rows.push([`batch server requests/task, ${c}`, String(r.effectRequestsPerTask), String(r.sdkRequestsPerTask), "", `${r2(r.effectRequestsPerTask / r.sdkRequestsPerTask)}×`])
      rows.push([`batch client CPU ms/task, ${c}`, String(r.effectClientCpuMsPerTask), String(r.sdkClientCpuMsPerTask), "", `${r2(r.effectClientCpuMsPerTask / r.sdkClientCpuMsPerTask)}×`])
      rows.push([`batch server CPU ms/task, ${c}`, String(r.effectServerCpuMsPerTask), String(r.sdkServerCpuMsPerTask), "", `${r2(r.effectServerCpuMsPerTask / r.sdkServerCpuMsPerTask)}×`])
    }
  }
  if (serverStart?.rows) {
    const e = serverStart.rows.find((x: any) => x.variant === "effect-opencode")
    const s = serverStart.rows.find((x: any) => x.variant === "sdk")
    if (e && s) rows.push([`spawn-to-ready median ms (ready / first answer)`, `${e.medianReadyMs} / ${e.medianAnsweredMs}`, `${s.medianReadyMs} / ${s.medianAnsweredMs}`, "", `${r2(e.medianAnsweredMs / s.medianAnsweredMs)}× (answered)`])
  }
  if (built) {
    const e = built.find((b) => b.variant === "effect-opencode")!
    const s = built.find((b) => b.variant === "sdk")!
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
    rows.push([`minimal program bundle, minified (gzip)`, `${kib(e.bytes)} (${kib(e.gzipBytes)})`, `${kib(s.bytes)} (${kib(s.gzipBytes)})`, "", `${r2(e.bytes / s.bytes)}×`])
    rows.push([`cold import of that bundle, median ms`, String(e.coldImportMs), String(s.coldImportMs), "", `${r2(e.coldImportMs / s.coldImportMs)}×`])
  }
  if (soak?.results) {
    for (const r of soak.results) {
      rows.push([`soak: ${r.count.toLocaleString("en")} ${r.what} (${soak.date.slice(0, 10)})`, `RSS ${r.warmRssMiB} → ${r.endRssMiB} MiB (growth ${r.growthMiB}, bound ${r.boundMiB})`, "", "", r.withinBound ? "held" : "NOT held"])
    }
  }

  if (cluster?.summaries) {
    const tps = (mode: string) => cluster.summaries.find((x: any) => x.mode === mode)?.tasksPerSecond ?? "–"
    rows.push([
      `cluster tasks/s: local / 1 runner / 2 runners (${cluster.tasks} tasks, ${cluster.date.slice(0, 10)})`,
      `${tps("local")} / ${tps("cluster-1")} / ${tps("cluster-2")}`,
      "",
      "",
      `${cluster.overheadMsPerTask} ms/task engine; 2 runners ${cluster.twoRunnersRatio}×`
    ])
  }

  const cpu = NodeOs.cpus()
  const machine = `${cpu[0]?.model ?? "?"} × ${cpu.length}, ${Math.round(NodeOs.totalmem() / 2 ** 30)} GiB, ${NodeOs.platform()} ${NodeOs.release()}, Node ${process.version}, load ${NodeOs.loadavg().map((l) => l.toFixed(1)).join(" ")}`
  const table = [
    `Machine: ${machine}`,
    "",
    "| benchmark | effect-opencode | @opencode-ai/sdk 1.19.3 | raw fetch | effect-opencode vs sdk |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    ...(notes.length > 0 ? ["", ...notes.map((n) => `- ${n}`)] : [])
  ].join("\n")
  console.log(table)
  if (overhead.length > 0) {
    console.log("\n" + formatLatency([...overhead, ...loaded]))
  }
  NodeFs.writeFileSync(
    NodePath.join(root, "bench/results.json"),
    JSON.stringify({
      date: new Date().toISOString(),
      machine,
      seconds: Math.round((Date.now() - started) / 1000),
      quick,
      table,
      overhead,
      load: loaded,
      events: events?.summary,
      batch: batch?.rows,
      serverStart: serverStart?.rows,
      bundles: built?.map(({ file: _file, ...b }) => b),
      soak: soak?.results,
      cluster: cluster?.summaries,
      notes
    }, null, 2) + "\n"
  )
}

await main()
