/**
 * Request overhead and load against a real `opencode serve` (local model), side by side in the
 * same process and run:
 *
 * - (a) this library: `SessionService.get` / `SessionService.list` (an Effect per call, run in one
 *   program, as users do), over both transports users get: the package root's default
 *   (`OpencodeClient.layerFetch`, `fetch`) and Node's own client (`OpencodeNode.layerHttpClient`);
 * - (b) the official `@opencode-ai/sdk` (1.19.3): `client.session.get` / `client.session.list`;
 * - (c) raw `fetch` + `JSON.parse` of the same URLs: the practical limit.
 *
 * Overhead: sequential calls (rounds interleave the variants), p50/p99 per call, and the client
 * process's own CPU per call (`process.cpuUsage`, user + system, µs): the server runs in another
 * process, so this figure does not move with the machine's load the way wall time does. Load: 200
 * concurrent `get`s through one client, several rounds; p50/p99 per call, wall time per round,
 * client CPU per call, and every call either succeeds or fails typed (counted).
 *
 * Run: `npx node bench/load.ts [--samples 300] [--concurrency 200] [--rounds 5]`. Prints a table
 * and writes `bench/results-load.json`. `bench/run.ts` calls the same functions.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Redacted } from "effect"
import type { HttpClient } from "effect/http"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as Client from "../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../src/layers/OpencodeNode.ts"
import * as SessionServiceModule from "../src/services/SessionService.ts"
import * as TestServer from "../src/testing/TestServer.ts"

export type Variant = "effect-opencode (fetch)" | "effect-opencode (node:http)" | "sdk" | "raw fetch"
export const variants: ReadonlyArray<Variant> = ["effect-opencode (fetch)", "effect-opencode (node:http)", "sdk", "raw fetch"]

export interface Target {
  readonly url: string
  readonly directory: string
  readonly authorization: string | undefined
  readonly password: string | undefined
  readonly username: string
  readonly sessionID: string
  readonly pid: number
}

export interface Latency {
  readonly variant: Variant
  readonly call: string
  readonly samples: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly meanMs: number
  /** Client CPU (user + system) per call, µs. */
  readonly cpuUsPerCall: number
  readonly failures: number
}

export interface LoadResult extends Latency {
  readonly concurrency: number
  readonly rounds: number
  /** Median wall time of one round of `concurrency` calls. */
  readonly roundMs: number
  readonly typedFailures: number
}

const round2 = (x: number) => Math.round(x * 100) / 100
const percentile = (xs: ReadonlyArray<number>, p: number) => {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
const summarize = (variant: Variant, call: string, ms: ReadonlyArray<number>, failures: number, cpuUs: number): Latency => ({
  variant,
  call,
  samples: ms.length,
  p50Ms: round2(percentile(ms, 50)),
  p99Ms: round2(percentile(ms, 99)),
  meanMs: round2(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)),
  cpuUsPerCall: Math.round(cpuUs / Math.max(1, ms.length + failures)),
  failures
})

/** This process's CPU time (user + system) in µs. */
const cpuNow = (): number => {
  const u = process.cpuUsage()
  return u.user + u.system
}

/** One call of each kind per variant, as plain promises. */
export interface Callers {
  readonly get: () => Promise<void>
  readonly list: () => Promise<void>
  readonly close: () => Promise<void>
  /** For the library: a whole batch of concurrent gets in one Effect program. */
  readonly concurrentGets?: (n: number, onLatency: (ms: number, ok: boolean, typed: boolean) => void) => Promise<void>
}

/**
 * The library's callers over one HTTP client, from one tree's modules: this checkout's (the
 * default) or another checkout's `src`, loaded by the caller (bench/profile-get.ts `--baseline`).
 */
export const libraryCallers = async (
  target: Target,
  http: Layer.Layer<HttpClient.HttpClient>,
  modules: { readonly Client: typeof Client; readonly Sessions: typeof SessionServiceModule } = {
    Client,
    Sessions: SessionServiceModule
  }
): Promise<Callers> => {
  const { ManagedRuntime } = await import("effect")
  const { Client: C, Sessions } = modules
  const SessionService = Sessions.SessionService
  const live = Sessions.layer.pipe(
    Layer.provide(C.layer({
      baseUrl: target.url,
      directory: target.directory,
      username: target.username,
      password: target.password === undefined ? undefined : Redacted.make(target.password),
      maxRetries: 0
    })),
    Layer.provide(http)
  )
  const runtime = ManagedRuntime.make(live)
  await runtime.runPromise(SessionService.use((s) => s.list()))
  return {
    get: () => runtime.runPromise(Effect.asVoid(SessionService.use((s) => s.get(target.sessionID)))),
    list: () => runtime.runPromise(Effect.asVoid(SessionService.use((s) => s.list()))),
    close: () => runtime.dispose(),
    concurrentGets: (n, onLatency) =>
      runtime.runPromise(
        Effect.forEach(
          Array.from({ length: n }),
          () =>
            Effect.suspend(() => {
              const t0 = performance.now()
              return SessionService.use((s) => s.get(target.sessionID)).pipe(
                Effect.matchCause({
                  onSuccess: () => onLatency(performance.now() - t0, true, true),
                  onFailure: (cause) =>
                    onLatency(performance.now() - t0, false, cause.reasons.every((r) => r._tag === "Fail"))
                })
              )
            }),
          { concurrency: "unbounded", discard: true }
        )
      )
  }
}

export const makeCallers = async (target: Target): Promise<Record<Variant, Callers>> => {
  // (a) the library, over the root's default transport (fetch) and over node:http
  const libraryFetch = await libraryCallers(target, Client.layerFetch)
  const libraryNode = await libraryCallers(target, OpencodeNode.layerHttpClient)

  // (b) the official SDK
  const { createOpencodeClient } = await import("@opencode-ai/sdk")
  const sdkClient = createOpencodeClient({
    baseUrl: target.url,
    directory: target.directory,
    ...(target.authorization !== undefined ? { headers: { authorization: target.authorization } } : {})
  })
  const check = (r: { error?: unknown; data?: unknown }) => {
    if (r.error !== undefined || r.data === undefined) throw new Error(`sdk: ${JSON.stringify(r.error)}`)
  }
  const sdk: Callers = {
    get: async () => check(await sdkClient.session.get({ path: { id: target.sessionID } })),
    list: async () => check(await sdkClient.session.list()),
    close: async () => {}
  }

  // (c) raw fetch
  const headers: Record<string, string> = target.authorization !== undefined ? { authorization: target.authorization } : {}
  const query = `?directory=${encodeURIComponent(target.directory)}`
  const fetchJson = async (path: string) => {
    const response = await fetch(`${target.url}${path}${query}`, { headers })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`raw: ${response.status}`)
    JSON.parse(body)
  }
  const raw: Callers = {
    get: () => fetchJson(`/session/${target.sessionID}`),
    list: () => fetchJson("/session"),
    close: async () => {}
  }
  return { "effect-opencode (fetch)": libraryFetch, "effect-opencode (node:http)": libraryNode, sdk, "raw fetch": raw }
}

/** Sequential calls, the variants interleaved in rounds of 10; p50/p99 per call kind and variant. */
export const requestOverhead = async (callers: Record<Variant, Callers>, samples = 300): Promise<Array<Latency>> => {
  const ms: Record<string, Array<number>> = {}
  const failures: Record<string, number> = {}
  const cpu: Record<string, number> = {}
  for (const variant of variants) {
    // warm-up
    for (let i = 0; i < 20; i++) {
      await callers[variant].get()
      await callers[variant].list()
    }
  }
  for (let done = 0; done < samples; done += 10) {
    const order = done % 20 === 0 ? variants : [...variants].reverse()
    for (const variant of order) {
      for (const call of ["get", "list"] as const) {
        const key = `${variant}|${call}`
        ms[key] ??= []
        failures[key] ??= 0
        cpu[key] ??= 0
        const c0 = cpuNow()
        for (let i = 0; i < 10; i++) {
          const t0 = performance.now()
          try {
            await callers[variant][call]()
            ms[key]!.push(performance.now() - t0)
          } catch {
            failures[key]!++
          }
        }
        cpu[key]! += cpuNow() - c0
      }
    }
  }
  return variants.flatMap((variant) =>
    (["get", "list"] as const).map((call) => summarize(variant, call, ms[`${variant}|${call}`]!, failures[`${variant}|${call}`]!, cpu[`${variant}|${call}`]!))
  )
}

/** `concurrency` concurrent gets through one client, `rounds` times, per variant. */
export const load = async (
  callers: Record<Variant, Callers>,
  concurrency = 200,
  rounds = 5
): Promise<Array<LoadResult>> => {
  const results: Array<LoadResult> = []
  for (const variant of variants) {
    const ms: Array<number> = []
    const roundMs: Array<number> = []
    let failures = 0
    let typedFailures = 0
    let cpuUs = 0
    for (let r = 0; r < rounds + 1; r++) {
      const measured = r > 0 // the first round warms up
      const t0 = performance.now()
      const c0 = cpuNow()
      const caller = callers[variant]
      if (caller.concurrentGets !== undefined) {
        await caller.concurrentGets(concurrency, (latency, ok, typed) => {
          if (!measured) return
          ms.push(latency)
          if (!ok) {
            failures++
            if (typed) typedFailures++
          }
        })
      } else {
        await Promise.all(Array.from({ length: concurrency }, async () => {
          const s = performance.now()
          try {
            await caller.get()
            if (measured) ms.push(performance.now() - s)
          } catch {
            if (measured) failures++
          }
        }))
      }
      if (measured) {
        roundMs.push(performance.now() - t0)
        cpuUs += cpuNow() - c0
      }
    }
    results.push({
      ...summarize(variant, "get ×" + concurrency, ms, failures, cpuUs),
      concurrency,
      rounds,
      roundMs: round2(percentile(roundMs, 50)),
      typedFailures
    })
  }
  return results
}

/** Waits until the server uses under 10 % of a core over a second (at most 30 s). */
export const settle = async (pid: number) => {
  const cpu = () => {
    try {
      const f = NodeFs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
      return (Number(f[11]) + Number(f[12])) / 100
    } catch {
      return undefined
    }
  }
  for (let i = 0; i < 30; i++) {
    const a = cpu()
    await new Promise((r) => setTimeout(r, 1000))
    const b = cpu()
    if (a === undefined || b === undefined || b - a < 0.1) return
  }
}

/** Starts a test server (local model, temporary project, password), runs `body`, stops it. */
export const withTarget = <A>(body: (target: Target) => Promise<A>): Promise<A> =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const { project, server } = yield* TestServer.make()
    const authorization = server.authorization === undefined ? undefined : Redacted.value(server.authorization)
    const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) }
    const created = yield* Effect.promise(async () => {
      let first = ""
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${server.url}/session?directory=${encodeURIComponent(project.directory)}`, {
          method: "POST",
          headers,
          body: JSON.stringify({ title: `load ${i}` })
        })
        const s = (await r.json()) as { id: string }
        if (i === 0) first = s.id
      }
      return first
    })
    yield* Effect.promise(() => settle(server.pid))
    return yield* Effect.promise(() =>
      body({
        url: server.url,
        directory: project.directory,
        authorization,
        password: server.password === undefined ? undefined : Redacted.value(server.password),
        username: server.username,
        sessionID: created,
        pid: server.pid
      })
    )
  })))

export const formatLatency = (rows: ReadonlyArray<Latency>): string => {
  const byCall = new Map<string, Array<Latency>>()
  for (const r of rows) byCall.set(r.call, [...(byCall.get(r.call) ?? []), r])
  const lines = [
    "| call | variant | p50 ms | p99 ms | p50 vs raw | client CPU µs/call | CPU vs raw | failures |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  ]
  for (const [call, rs] of byCall) {
    const raw = rs.find((r) => r.variant === "raw fetch")
    for (const r of rs) {
      lines.push(
        `| ${call} | ${r.variant} | ${r.p50Ms} | ${r.p99Ms} | ${raw ? round2(r.p50Ms / raw.p50Ms) : ""} | ${r.cpuUsPerCall} | ${raw ? round2(r.cpuUsPerCall / raw.cpuUsPerCall) : ""} | ${r.failures} |`
      )
    }
  }
  return lines.join("\n")
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

if (import.meta.main) {
  const samples = arg("--samples", 300)
  const concurrency = arg("--concurrency", 200)
  const rounds = arg("--rounds", 5)
  const { overhead, loaded } = await withTarget(async (target) => {
    const callers = await makeCallers(target)
    try {
      return { overhead: await requestOverhead(callers, samples), loaded: await load(callers, concurrency, rounds) }
    } finally {
      for (const v of variants) await callers[v].close()
    }
  })
  console.log(formatLatency(overhead))
  console.log()
  console.log(formatLatency(loaded))
  console.log(loaded.map((r) => `${r.variant}: round of ${r.concurrency} in ${r.roundMs} ms, ${r.failures} failed (${r.typedFailures} typed)`).join("\n"))
  NodeFs.writeFileSync(
    new URL("./results-load.json", import.meta.url),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: NodeOs.cpus().length, loadAverage: NodeOs.loadavg(), overhead, load: loaded }, null, 2) + "\n"
  )
}
