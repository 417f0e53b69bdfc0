/**
 * Batch throughput benchmark against a real `opencode serve` (1.18.33) and the local scripted
 * model: 100 trivial tasks at concurrency 1, 5 and 20, run by
 *
 * - (a) this library: `Batch.run(tasks, { concurrency })` (each task: create an ephemeral session,
 *   `prompt_async` with a client-chosen message id sent once `EventService.waitForIdle` listens,
 *   read the replies (the diff comes from the prompt's own message, read with them), delete the
 *   session: four requests, like the SDK's);
 * - (b) the official `@opencode-ai/sdk` (1.19.3) with a promise pool doing the same task: create a
 *   session, `promptAsync`, wait for its `session.idle` on one shared `event.subscribe()` stream,
 *   read the messages, delete the session.
 *
 * Both answer the same prompts of the same server and check the reply text. Each client runs in
 * its own process (so its peak RSS is its own); the order alternates between rounds. Before
 * measuring, the server gets a warm-up and time to settle (it burns about a core for several
 * seconds after start). Throughput is tasks / wall time of the batch (client set-up excluded).
 *
 * The library runs as compiled JavaScript (built into `.tmp/bench-dist` first), as its users run
 * it; `--source` loads `src/*.ts` through Node's type stripping instead (about 40 MiB more RSS).
 *
 * Run from the repository root with the project's Node:
 * `npx node bench/batch.ts [--tasks 100] [--runs 1] [--concurrency 1,5,20] [--source] [--library DIR] [--out FILE] [--only VARIANT]`
 * (`--library`: a compiled library, e.g. an earlier commit's, instead of compiling `src`; `--only`:
 * measure one client, `effect-opencode` or `sdk`, e.g. to profile it with `BENCH_CPU_PROF`).
 * Prints a table and the ratios, and writes `bench/results-batch.json` (or `--out`).
 *
 * Per task it also reports the HTTP requests each client sent (counted on the client's global
 * `fetch`, its event stream included), the client's CPU time (`process.cpuUsage` over the batch)
 * and the server's CPU time (its `/proc/<pid>/stat` over the child's run; the server is left to
 * settle between children).
 *
 * @since 0.1.0
 */
import { spawn } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { basename, dirname } from "node:path"

type Variant = "effect-opencode" | "sdk"

interface Target {
  readonly url: string
  readonly directory: string
  /** The `authorization` header value (passed to the children in the environment, not argv). */
  readonly authorization: string | undefined
}

interface Result {
  readonly variant: Variant
  readonly concurrency: number
  readonly tasks: number
  readonly succeeded: number
  readonly seconds: number
  readonly tasksPerSecond: number
  /** Peak resident set size of the client process (MiB). */
  readonly peakRssMiB: number
  /** HTTP requests the client sent to the server per task (its event streams included), counted on its `fetch`. */
  readonly requestsPerTask: number
  /** Requests by method and path (ids made generic), over the whole batch. */
  readonly requests: Readonly<Record<string, number>>
  /** CPU time of the client process per task (ms, user + system, `process.cpuUsage` over the batch). */
  readonly clientCpuMsPerTask: number
  /** CPU time of the server per task (ms, from its `/proc/<pid>/stat`, over the child's whole run); set by the parent. */
  readonly serverCpuMsPerTask?: number | undefined
}

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1]! : fallback
}

const expected = (i: number) => `bench task ${i}`

// -----------------------------------------------------------------------------
// the clients (child processes)
// -----------------------------------------------------------------------------

/**
 * Counts every request the client process sends, on the global `fetch` (both clients use it: the
 * library through `FetchHttpClient`, the SDK directly). Installed before either is loaded.
 */
const requestCounts: Record<string, number> = {}
const installFetchCounter = () => {
  const original = globalThis.fetch
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined
    const url = new URL(request?.url ?? String(input))
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase()
    const key = `${method} ${url.pathname.replace(/ses_[A-Za-z0-9]+/g, "{id}").replace(/msg_[A-Za-z0-9]+/g, "{msg}")}`
    requestCounts[key] = (requestCounts[key] ?? 0) + 1
    return original(input, init)
  }) as typeof fetch
}

let cpuAtStart: NodeJS.CpuUsage | undefined
/** The monotonic clock in µs (the clock of V8's CPU profiles' timestamps). */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n)
let windowStart = 0
/** Marks the start of the measured batch (after the client's set-up). */
const startMeasure = () => {
  for (const k of Object.keys(requestCounts)) delete requestCounts[k]
  cpuAtStart = process.cpuUsage()
  windowStart = monotonicMicros()
}

const report = (variant: Variant, concurrency: number, tasks: number, succeeded: number, seconds: number) => {
  const cpu = process.cpuUsage(cpuAtStart)
  // Profiled: the measured window, for `bench/profile-summary.ts` to count only the batch.
  const profile = process.env.BENCH_CPU_PROF_FILE
  if (profile !== undefined) writeFileSync(`${profile}.window.json`, JSON.stringify({ start: windowStart, end: monotonicMicros() }))
  const total = Object.values(requestCounts).reduce((a, b) => a + b, 0)
  const result: Result = {
    variant,
    concurrency,
    tasks,
    succeeded,
    seconds: Math.round(seconds * 1000) / 1000,
    tasksPerSecond: Math.round((tasks / seconds) * 100) / 100,
    peakRssMiB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    requestsPerTask: Math.round((total / tasks) * 100) / 100,
    requests: { ...requestCounts },
    clientCpuMsPerTask: Math.round(((cpu.user + cpu.system) / 1000 / tasks) * 10) / 10
  }
  process.stdout.write(JSON.stringify(result) + "\n")
}

/** Where the library is loaded from: the compiled JavaScript (as users run it), or `src` with `--source`. */
const libraryModule = (name: string): string =>
  process.env.BENCH_LIBRARY_DIR !== undefined
    ? new URL(`${process.env.BENCH_LIBRARY_DIR}/services/${name}.js`, `file://${process.cwd()}/`).href
    : new URL(`../src/services/${name}.ts`, import.meta.url).href

const runLibrary = async (target: Target, tasks: number, concurrency: number) => {
  const { ManagedRuntime, Redacted } = await import("effect")
  const Run: typeof import("../src/services/Run.ts") = await import(libraryModule("Run"))
  const Batch: typeof import("../src/services/Batch.ts") = await import(libraryModule("Batch"))
  const password = process.env.BENCH_PASSWORD
  const runtime = ManagedRuntime.make(
    Run.layer({
      baseUrl: target.url,
      directory: target.directory,
      ...(password !== undefined ? { password: Redacted.make(password) } : {})
    })
  )
  const prompts = Array.from({ length: tasks }, (_, i) => expected(i))
  startMeasure()
  const started = performance.now()
  const result = await runtime.runPromise(Batch.run(prompts, { concurrency }))
  const seconds = (performance.now() - started) / 1000
  const succeeded = result.finished.filter((s) => s.output.text === expected(s.index)).length
  for (const f of result.failed.slice(0, 3)) process.stderr.write(`effect-opencode task ${f.index}: ${f.error._tag} ${f.error.message}\n`)
  await runtime.dispose()
  report("effect-opencode", concurrency, tasks, succeeded, seconds)
}

const runSdk = async (target: Target, tasks: number, concurrency: number) => {
  const { createOpencodeClient } = await import("@opencode-ai/sdk")
  const client = createOpencodeClient({
    baseUrl: target.url,
    directory: target.directory,
    ...(target.authorization !== undefined ? { headers: { authorization: target.authorization } } : {})
  })
  startMeasure()
  const started = performance.now()
  // One shared event stream; a waiter per session, registered before its prompt is sent.
  const waiters = new Map<string, () => void>()
  const controller = new AbortController()
  let connected!: () => void
  const ready = new Promise<void>((resolve) => (connected = resolve))
  const events = await client.event.subscribe({ signal: controller.signal })
  const pump = (async () => {
    try {
      for await (const event of events.stream as AsyncIterable<{ type: string; properties: any }>) {
        if (event.type === "server.connected") connected()
        if (event.type === "session.idle") {
          const waiter = waiters.get(event.properties.sessionID)
          if (waiter !== undefined) {
            waiters.delete(event.properties.sessionID)
            waiter()
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })()
  await ready
  const one = async (i: number): Promise<boolean> => {
    const created = await client.session.create({ body: { title: expected(i) } })
    const id = created.data!.id
    const idle = new Promise<void>((resolve) => waiters.set(id, resolve))
    await client.session.promptAsync({ path: { id }, body: { parts: [{ type: "text", text: expected(i) }] } })
    await idle
    const messages = await client.session.messages({ path: { id } })
    const last = messages.data!.filter((m) => m.info.role === "assistant").at(-1)
    const text = (last?.parts ?? []).map((p) => (p.type === "text" ? p.text : "")).join("")
    await client.session.delete({ path: { id } })
    return text === expected(i)
  }
  // A promise pool: `concurrency` workers taking the next task.
  let next = 0
  let succeeded = 0
  const worker = async () => {
    while (next < tasks) {
      const i = next++
      try {
        if (await one(i)) succeeded++
      } catch (e) {
        process.stderr.write(`sdk task ${i}: ${String(e)}\n`)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - started) / 1000
  controller.abort()
  await pump
  report("sdk", concurrency, tasks, succeeded, seconds)
}

// -----------------------------------------------------------------------------
// the orchestrator (parent process): server, warm-up, rounds, table
// -----------------------------------------------------------------------------

/**
 * With `BENCH_CPU_PROF=<dir>` in the environment, each child writes a V8 CPU profile into that
 * directory (`<variant>-c<concurrency>-t<tasks>-<n>.cpuprofile`; open it in Chrome's DevTools or
 * aggregate it with `bench/profile-summary.ts`). Profiling slows the child, so the figures of such
 * a run are not comparable with a plain run's; without the variable nothing changes.
 */
let profiled = 0
const profileFile = (variant: Variant, tasks: number, concurrency: number): string | undefined => {
  const dir = process.env.BENCH_CPU_PROF
  return dir === undefined || dir === "" ? undefined : `${dir}/${variant}-c${concurrency}-t${tasks}-${profiled++}.cpuprofile`
}
const profileArgs = (file: string | undefined): ReadonlyArray<string> =>
  file === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${dirname(file)}`, `--cpu-prof-name=${basename(file)}`]

const runChild = (variant: Variant, target: Target, tasks: number, concurrency: number): Promise<Result> =>
  new Promise((resolve, reject) => {
    const profile = profileFile(variant, tasks, concurrency)
    const child = spawn(
      process.execPath,
      [
        ...profileArgs(profile),
        new URL(import.meta.url).pathname,
        "--child",
        variant,
        target.url,
        target.directory,
        String(tasks),
        String(concurrency)
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: {
          ...process.env,
          ...(target.authorization !== undefined ? { BENCH_AUTHORIZATION: target.authorization } : {}),
          ...(process.env.BENCH_PASSWORD_FOR_CHILD !== undefined ? { BENCH_PASSWORD: process.env.BENCH_PASSWORD_FOR_CHILD } : {}),
          ...(profile !== undefined ? { BENCH_CPU_PROF_FILE: profile } : {})
        }
      }
    )
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? ""
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`${variant} exited with ${code}: ${out}`))
      resolve(JSON.parse(line))
    })
  })

/** CPU seconds the process has used so far (Linux), or undefined. */
const cpuSeconds = (pid: number): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

/** Waits until the server uses under 10% of a core over a second (at most 30 s). */
const settle = async (pid: number) => {
  for (let i = 0; i < 30; i++) {
    const a = cpuSeconds(pid)
    await new Promise((r) => setTimeout(r, 1000))
    const b = cpuSeconds(pid)
    if (a === undefined || b === undefined || b - a < 0.1) return
  }
}

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const main = async () => {
  const tasks = Number(arg("--tasks", "100"))
  const runs = Number(arg("--runs", "1"))
  const levels = arg("--concurrency", "1,5,20").split(",").map(Number)
  const only = arg("--only", "")
  const { Effect, Redacted } = await import("effect")
  const TestServer = await import("../src/testing/TestServer.ts")
  const prebuilt = arg("--library", "")
  if (prebuilt !== "") {
    // A library compiled beforehand (e.g. an earlier commit's, to compare before and after).
    if (!existsSync(`${prebuilt}/services/Batch.js`)) throw new Error(`${prebuilt}/services/Batch.js does not exist`)
    process.env.BENCH_LIBRARY_DIR = prebuilt
  } else if (!process.argv.includes("--source")) {
    // Users run the compiled JavaScript; Node's type stripping of `src` alone costs ~40 MiB RSS.
    const outDir = ".tmp/bench-dist"
    process.stderr.write(`compiling the library into ${outDir}…\n`)
    const code = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", outDir], {
        stdio: "inherit"
      }).on("exit", resolve)
    )
    if (!existsSync(`${outDir}/services/Batch.js`)) throw new Error(`tsc exited with ${code} and emitted no ${outDir}/services/Batch.js`)
    if (code !== 0) process.stderr.write(`tsc exited with ${code} (type errors elsewhere); using what it emitted\n`)
    process.env.BENCH_LIBRARY_DIR = outDir
  }

  const program = Effect.scoped(Effect.gen(function*() {
    const { server, project } = yield* TestServer.make()
    const target: Target = {
      url: server.url,
      directory: project.directory,
      authorization: server.authorization !== undefined ? Redacted.value(server.authorization) : undefined
    }
    if (server.password !== undefined) process.env.BENCH_PASSWORD_FOR_CHILD = Redacted.value(server.password)
    return yield* Effect.promise(async () => {
      process.stderr.write(`opencode ${server.version} at ${server.url} (pid ${server.pid}); warming up…\n`)
      await runChild("sdk", target, 10, 5)
      await runChild("effect-opencode", target, 10, 5)
      await settle(server.pid)
      const all: Array<Result> = []
      for (let run = 0; run < runs; run++) {
        for (const c of levels) {
          const order: ReadonlyArray<Variant> = (run + levels.indexOf(c)) % 2 === 0 ? ["effect-opencode", "sdk"] : ["sdk", "effect-opencode"]
          for (const v of order.filter((v) => only === "" || v === only)) {
            const before = cpuSeconds(server.pid)
            const measured = await runChild(v, target, tasks, c)
            const after = cpuSeconds(server.pid)
            const r: Result = before === undefined || after === undefined
              ? measured
              : { ...measured, serverCpuMsPerTask: Math.round(((after - before) * 1000 / tasks) * 10) / 10 }
            process.stderr.write(
              `  ${v} c=${c}: ${r.tasksPerSecond} tasks/s, ${r.succeeded}/${r.tasks} ok, ${r.peakRssMiB} MiB, ` +
                `${r.requestsPerTask} req/task, client ${r.clientCpuMsPerTask} ms/task, server ${r.serverCpuMsPerTask} ms/task\n`
            )
            all.push(r)
            await settle(server.pid)
          }
        }
      }
      return all
    })
  }))
  const all = await Effect.runPromise(program)

  const rows = levels.map((c) => {
    const pick = (v: Variant) => all.filter((r) => r.variant === v && r.concurrency === c)
    const lib = pick("effect-opencode")
    const sdk = pick("sdk")
    const libTps = median(lib.map((r) => r.tasksPerSecond))
    const sdkTps = median(sdk.map((r) => r.tasksPerSecond))
    return {
      concurrency: c,
      effectTasksPerSecond: libTps,
      sdkTasksPerSecond: sdkTps,
      ratio: Math.round((libTps / sdkTps) * 100) / 100,
      effectPeakRssMiB: Math.max(...lib.map((r) => r.peakRssMiB)),
      sdkPeakRssMiB: Math.max(...sdk.map((r) => r.peakRssMiB)),
      effectRequestsPerTask: median(lib.map((r) => r.requestsPerTask)),
      sdkRequestsPerTask: median(sdk.map((r) => r.requestsPerTask)),
      effectClientCpuMsPerTask: median(lib.map((r) => r.clientCpuMsPerTask)),
      sdkClientCpuMsPerTask: median(sdk.map((r) => r.clientCpuMsPerTask)),
      effectServerCpuMsPerTask: median(lib.map((r) => r.serverCpuMsPerTask ?? Number.NaN)),
      sdkServerCpuMsPerTask: median(sdk.map((r) => r.serverCpuMsPerTask ?? Number.NaN)),
      effectSucceeded: Math.min(...lib.map((r) => r.succeeded)),
      sdkSucceeded: Math.min(...sdk.map((r) => r.succeeded))
    }
  })
  console.log(`\n${tasks} tasks per batch, ${runs} run(s), median tasks/s; peak RSS of each client process`)
  console.log("concurrency | effect-opencode tasks/s | sdk tasks/s | ratio | effect RSS MiB | sdk RSS MiB | ok (effect/sdk)")
  for (const r of rows) {
    console.log(
      `${String(r.concurrency).padStart(11)} | ${String(r.effectTasksPerSecond).padStart(23)} | ${String(r.sdkTasksPerSecond).padStart(11)} | ${
        String(r.ratio).padStart(5)
      } | ${String(r.effectPeakRssMiB).padStart(14)} | ${String(r.sdkPeakRssMiB).padStart(11)} | ${r.effectSucceeded}/${r.sdkSucceeded}`
    )
  }
  console.log("\nper task: server requests, client CPU ms, server CPU ms (effect-opencode / sdk)")
  console.log("concurrency | requests/task | client CPU ms/task | server CPU ms/task")
  for (const r of rows) {
    console.log(
      `${String(r.concurrency).padStart(11)} | ${`${r.effectRequestsPerTask} / ${r.sdkRequestsPerTask}`.padStart(13)} | ${
        `${r.effectClientCpuMsPerTask} / ${r.sdkClientCpuMsPerTask}`.padStart(18)
      } | ${`${r.effectServerCpuMsPerTask} / ${r.sdkServerCpuMsPerTask}`.padStart(18)}`
    )
  }
  const out = arg("--out", "")
  writeFileSync(out !== "" ? out : new URL("./results-batch.json", import.meta.url), JSON.stringify({ tasks, runs, rows, all }, null, 2) + "\n")
}

if (process.argv[2] === "--child") {
  const [, , , variant, url, directory, tasks, concurrency] = process.argv
  const target: Target = { url: url!, directory: directory!, authorization: process.env.BENCH_AUTHORIZATION }
  const run = variant === "sdk" ? runSdk : runLibrary
  installFetchCounter()
  run(target, Number(tasks), Number(concurrency)).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${variant} failed: ${e instanceof Error ? e.stack : String(e)}\n`)
      process.exit(1)
    }
  )
} else {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
      process.exit(1)
    }
  )
}
