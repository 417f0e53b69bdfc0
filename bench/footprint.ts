/**
 * What a user pays for the library, side by side with the official SDK (`@opencode-ai/sdk`) in
 * one run: the size of a minimal program's bundle, the cold import of that bundle, and what
 * importing the client entry unbundled loads. Issue 18's targets:
 *
 * - a sessions-only program (list sessions) bundles, minified, to ≤ 300 KiB, i.e. at most ~150 KiB
 *   over a bare Effect program that GETs one URL through `FetchHttpClient`;
 * - the cold import of that bundle takes ≤ 1.5× the SDK's;
 * - importing the client entry loads no PostgreSQL, cluster or child-process module.
 *
 * Bundled with rolldown (the bundler installed here; esbuild, which the issue's first figures
 * used, is not), minified, ESM, platform node. Each bundle is run once against a stub server
 * answering `GET /session` with `[]` (it must work, or its size means nothing).
 *
 * `--long` adds the check that picked the Node transport: a call whose answer takes 310 s (headers
 * late, or headers at once and the body late) through each Node HTTP client; Node's `fetch` gives up
 * at 300 s. It takes about 5.5 minutes.
 *
 * `--before <checkout>` also times the sessions-only program bundled from another checkout (the
 * main branch's, say) against this one's and the SDK's, interleaved (`beforeAfter` in the results;
 * without it the last run's is kept).
 *
 * Run from the repository root: `npx node bench/footprint.ts [--long] [--before <checkout>]`. Writes
 * `bench/results-footprint.json`. Not part of the test suite.
 *
 * @since 0.1.0
 */
import * as ChildProcess from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as NodePath from "node:path"
import * as Zlib from "node:zlib"
import { bundle, bundler, coldImports, median } from "./bundle.ts"

const root = NodePath.resolve(import.meta.dirname, "..")
const dir = NodePath.join(root, ".tmp/bench-footprint")
const long = process.argv.includes("--long")
const beforeArg = process.argv.indexOf("--before")
/** Another checkout (e.g. the main branch's) to time the sessions-only program of, against this one. */
const before = beforeArg >= 0 ? NodePath.resolve(process.argv[beforeArg + 1]!) : undefined
const runs = 15

const log = (s: string) => process.stderr.write(`[footprint] ${s}\n`)
const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
const r1 = (x: number) => Math.round(x * 10) / 10

/** The programs: each lists sessions (or GETs one URL) from `OPENCODE_BASE_URL` and prints `ok <n>`. */
const programs: Record<string, string> = {
  "bare-effect-fetch": `
import { Effect } from "effect"
import { FetchHttpClient, HttpClient } from "effect/http"
const program = Effect.gen(function*() {
  const client = yield* HttpClient.HttpClient
  const response = yield* client.get(process.env.OPENCODE_BASE_URL + "/session")
  return (yield* response.json) as ReadonlyArray<unknown>
})
Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer))).then((s) => console.log("ok", s.length))
`,
  "effect-opencode (fetch)": `
import { Effect, Layer } from "effect"
import { OpencodeClient, SessionService } from "effect-opencode"
const program = SessionService.SessionService.use((sessions) => sessions.list())
const Live = SessionService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
Effect.runPromise(program.pipe(Effect.provide(Live))).then((s) => console.log("ok", s.length))
`,
  "effect-opencode (node:http)": `
import { Effect, Layer } from "effect"
import { SessionService } from "effect-opencode"
import { OpencodeNode } from "effect-opencode/node"
const program = SessionService.SessionService.use((sessions) => sessions.list())
const Live = SessionService.layer.pipe(Layer.provide(OpencodeNode.layerConfig()))
Effect.runPromise(program.pipe(Effect.provide(Live))).then((s) => console.log("ok", s.length))
`,
  "effect-opencode (undici, timeouts off)": `
import { Effect, Layer } from "effect"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { OpencodeClient, SessionService } from "effect-opencode"
const program = SessionService.SessionService.use((sessions) => sessions.list())
const Live = SessionService.layer.pipe(
  Layer.provide(OpencodeClient.layerFromConfig),
  Layer.provide(OpencodeConfig.layerConfig()),
  Layer.provide(NodeHttpClient.layerUndiciOptions({ headersTimeout: 0, bodyTimeout: 0 }))
)
Effect.runPromise(program.pipe(Effect.provide(Live))).then((s) => console.log("ok", s.length))
`.replace(`import { OpencodeClient, SessionService } from "effect-opencode"`, `import { OpencodeClient, OpencodeConfig, SessionService } from "effect-opencode"`),
  "sdk": `
import { createOpencodeClient } from "@opencode-ai/sdk"
const client = createOpencodeClient({ baseUrl: process.env.OPENCODE_BASE_URL })
client.session.list().then((r) => {
  if (r.data === undefined) throw new Error(JSON.stringify(r.error))
  console.log("ok", r.data.length)
})
`
}

/** A stub answering `GET /session` with `[]`, as the server does for an empty project. */
const stub = (): Promise<{ readonly url: string; readonly close: () => void }> =>
  new Promise((resolve) => {
    const server = Http.createServer((req, res) => {
      if (req.url?.startsWith("/session")) {
        res.writeHead(200, { "content-type": "application/json" })
        res.end("[]")
      } else {
        res.writeHead(404).end()
      }
    })
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }))
  })

const node = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const r = ChildProcess.spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 })
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" }
}

/** Asynchronous, so that the stub server in this process can answer the child. */
const nodeAsync = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ readonly ok: boolean; readonly stdout: string; readonly stderr: string }>((resolve) => {
    ChildProcess.execFile(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ ok: error === null, stdout, stderr }))
  })

/** Unbundled: the modules `import(entry)` loads (unique URLs), and the forbidden ones among them. */
const loadModules = `
import { registerHooks } from "node:module"
const loaded = new Set()
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.add(r.url); return r } })
const t0 = performance.now()
await import(process.argv[2])
const ms = performance.now() - t0
const all = [...loaded]
const forbidden = all.filter((u) => /\\/(pg|@effect\\/sql-pg|@effect\\/sql)\\/|\\/effect\\/dist\\/(cluster|workflow)\\/|child_process|ChildProcess|OpencodeServer/.test(u))
console.log(JSON.stringify({ modules: all.length, nodeBuiltins: all.filter((u) => u.startsWith("node:")).length, forbidden, ms }))
`

const main = async () => {
  NodeFs.rmSync(dir, { recursive: true, force: true })
  NodeFs.mkdirSync(dir, { recursive: true })
  NodeFs.writeFileSync(NodePath.join(dir, "load.mjs"), loadModules)
  const target = await stub()
  const bundles: Array<Record<string, unknown>> = []
  for (const [name, source] of Object.entries(programs)) {
    const slug = name.replace(/[^a-z0-9]+/gi, "-").replace(/-+$/, "")
    const input = NodePath.join(dir, `${slug}.ts`)
    const file = NodePath.join(dir, `${slug}.mjs`)
    NodeFs.writeFileSync(input, source)
    await bundle(input, file)
    const code = NodeFs.readFileSync(file)
    const check = await nodeAsync([file], { OPENCODE_BASE_URL: target.url })
    if (!check.ok || !check.stdout.startsWith("ok 0")) throw new Error(`${name}: the bundle does not work: ${check.stdout}${check.stderr}`)
    bundles.push({ program: name, file, bytes: code.length, kib: kib(code.length), gzipKib: kib(Zlib.gzipSync(code).length) })
    log(`${name}: ${kib(code.length)} KiB`)
  }
  target.close()
  // Cold imports interleaved (one of each program per round), so a change of load on the machine
  // weighs on every program alike. Every program gets the same base URL, the closed stub's (its
  // request is refused after the import): without one the bare program asked for
  // "undefined/session", failed before `fetch` and so never loaded Node's fetch implementation,
  // which the others load inside the import (~225M instructions of undici, measured).
  const times = coldImports(dir, bundles.map((b) => b.file as string), runs, { OPENCODE_BASE_URL: target.url })
  for (const [i, b] of bundles.entries()) {
    b.coldImportMs = r1(median(times[i]!.map((t) => t.ms)))
    b.coldImportCpuMs = r1(median(times[i]!.map((t) => t.cpuMs)))
    log(`${b.program}: cold import ${b.coldImportMs} ms (CPU ${b.coldImportCpuMs} ms)`)
  }
  const beforeAfter = before === undefined ? readPrevious()?.beforeAfter : await compareWith(before, bundles)
  for (const b of bundles) delete b.file

  const unbundled: Array<Record<string, unknown>> = []
  for (const [name, entry] of [["effect-opencode (client entry)", NodePath.join(root, "src/index.ts")], ["sdk", "@opencode-ai/sdk"]] as const) {
    const samples = Array.from({ length: 5 }, () => JSON.parse(node([NodePath.join(dir, "load.mjs"), entry]).stdout))
    unbundled.push({
      import: name,
      modules: samples[0].modules,
      nodeBuiltins: samples[0].nodeBuiltins,
      forbidden: samples[0].forbidden,
      medianMs: r1(median(samples.map((s) => s.ms)))
    })
  }

  const by = (name: string) => bundles.find((b) => b.program === name)!
  const bare = by("bare-effect-fetch").bytes as number
  const ours = by("effect-opencode (fetch)")
  const sdk = by("sdk")
  const targets = {
    "sessions-only bundle ≤ 300 KiB": { value: ours.kib, met: (ours.kib as number) <= 300 },
    "over the bare Effect fetch program ≤ ~150 KiB": { value: kib((ours.bytes as number) - bare), met: kib((ours.bytes as number) - bare) <= 150 },
    "cold import ≤ 1.5× the SDK's": {
      value: r1((ours.coldImportMs as number) / (sdk.coldImportMs as number) * 100) / 100,
      met: (ours.coldImportMs as number) <= 1.5 * (sdk.coldImportMs as number)
    },
    "client entry loads no PostgreSQL, cluster or child-process module": {
      value: (unbundled[0]!.forbidden as Array<string>).length,
      met: (unbundled[0]!.forbidden as Array<string>).length === 0
    }
  }
  const longPrompt = long ? await longCheck() : readPrevious()?.longPrompt
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    bundler,
    runs,
    bundles: bundles.map(({ bytes: _b, ...b }) => b),
    unbundled,
    targets,
    beforeAfter,
    longPrompt
  }
  NodeFs.writeFileSync(NodePath.join(root, "bench/results-footprint.json"), JSON.stringify(result, null, 2) + "\n")
  console.log(JSON.stringify(result, null, 2))
}

/**
 * `--before <checkout>`: the sessions-only program bundled from another checkout's src/ and timed
 * against this checkout's and the SDK's, interleaved, twice as many rounds as the table (a change
 * measured on a loaded machine needs them). Medians of wall and CPU time, and each ratio to the SDK.
 *
 * Gotcha: the checkout needs its package.json beside src/ (its `"sideEffects": false` is what lets
 * the bundler drop unused modules; without it the same code bundles to twice the size).
 */
const compareWith = async (checkout: string, bundles: ReadonlyArray<Record<string, unknown>>) => {
  const ours = bundles.find((b) => b.program === "effect-opencode (fetch)")!
  const sdk = bundles.find((b) => b.program === "sdk")!
  const input = NodePath.join(dir, "before.ts")
  const file = NodePath.join(dir, "before.mjs")
  NodeFs.writeFileSync(input, programs["effect-opencode (fetch)"]!)
  await bundle(input, file, checkout)
  const rounds = runs * 2
  log(`before/after: ${checkout} against this checkout, ${rounds} interleaved rounds`)
  const [b, a, s] = coldImports(dir, [file, ours.file as string, sdk.file as string], rounds)
  const row = (xs: ReadonlyArray<{ readonly ms: number; readonly cpuMs: number }>) => ({
    medianMs: r1(median(xs.map((x) => x.ms))),
    medianCpuMs: r1(median(xs.map((x) => x.cpuMs)))
  })
  const [rb, ra, rs] = [row(b!), row(a!), row(s!)]
  const ratio = (x: { medianMs: number; medianCpuMs: number }) => ({
    wall: r1((x.medianMs / rs.medianMs) * 100) / 100,
    cpu: r1((x.medianCpuMs / rs.medianCpuMs) * 100) / 100
  })
  return {
    program: "effect-opencode (fetch)",
    before: { checkout: NodePath.relative(root, checkout) || ".", kib: kib(NodeFs.statSync(file).size), ...rb, vsSdk: ratio(rb) },
    after: { kib: ours.kib, ...ra, vsSdk: ratio(ra) },
    sdk: rs,
    rounds,
    loadAverage: NodeOs.loadavg().map((l) => r1(l))
  }
}

const readPrevious = (): { longPrompt?: unknown; beforeAfter?: unknown } | undefined => {
  try {
    return JSON.parse(NodeFs.readFileSync(NodePath.join(root, "bench/results-footprint.json"), "utf8"))
  } catch {
    return undefined
  }
}

/**
 * A server that answers after 310 s — headers late (`headers`), or headers at once and the body
 * late (`body`, what a streamed synchronous answer looks like) — called through each Node client.
 */
const longCheck = async () => {
  const delayMs = 310_000
  const server = Http.createServer((req, res) => {
    if (req.url === "/headers") {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("true"), delayMs)
    } else {
      res.writeHead(200, { "content-type": "application/json" })
      res.flushHeaders()
      setTimeout(() => res.end("true"), delayMs)
    }
  })
  server.requestTimeout = 0
  server.headersTimeout = 0
  server.keepAliveTimeout = 0
  server.timeout = 0
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const script = (layer: string, imports: string) => `
import { Effect, Schema } from "effect"
import * as OpencodeClient from "${root}/src/layers/OpencodeClient.ts"
${imports}
const program = (path) => OpencodeClient.OpencodeClient.use((c) => c.call({ method: "POST", path, response: Schema.Boolean, timeout: "20 minutes" })).pipe(
  Effect.provide(OpencodeClient.layer({ baseUrl: "${url}", maxRetries: 0 })),
  Effect.provide(${layer}),
  Effect.map((v) => ({ path, ok: v })),
  Effect.catch((e) => Effect.succeed({ path, error: e._tag + ": " + (e.reason ?? "") + " " + (e.detail ?? e.message ?? "") }))
)
const t0 = Date.now()
const results = await Effect.runPromise(Effect.all([program("/headers"), program("/body")], { concurrency: 2 }))
console.log(JSON.stringify(results.map((r) => ({ ...r, seconds: Math.round((Date.now() - t0) / 100) / 10 }))))
`
  const variants = {
    fetch: script("OpencodeClient.layerFetch", ""),
    "node:http (OpencodeNode.layerHttpClient)": script("OpencodeNode.layerHttpClient", `import * as OpencodeNode from "${root}/src/layers/OpencodeNode.ts"`),
    "undici, timeouts off": script(
      "NodeHttpClient.layerUndiciOptions({ headersTimeout: 0, bodyTimeout: 0 })",
      `import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"`
    )
  }
  log(`long-prompt check: ${Object.keys(variants).length} clients, ~${delayMs / 1000} s`)
  const results = await Promise.all(Object.entries(variants).map(([name, source]) => {
    const file = NodePath.join(dir, `long-${name.replace(/[^a-z0-9]+/gi, "-")}.ts`)
    NodeFs.writeFileSync(file, source)
    return new Promise<Record<string, unknown>>((resolve) => {
      ChildProcess.execFile(process.execPath, [file], { cwd: root, timeout: 15 * 60_000 }, (_error, stdout, stderr) => {
        try {
          resolve({ client: name, results: JSON.parse(stdout) })
        } catch {
          resolve({ client: name, failed: stderr.slice(-500) })
        }
      })
    })
  }))
  server.close()
  return { answerAfterSeconds: delayMs / 1000, results }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
