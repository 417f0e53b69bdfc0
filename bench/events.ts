/**
 * Event stream benchmark: replays 200,000 real-shaped events (mostly `message.part.delta` and
 * `message.part.updated`, built from events recorded from opencode 1.18.33) from a local SSE
 * server, and measures events/s and peak RSS of three consumers, each in its own process:
 *
 * - (a) this library: `EventService.events()`, every event decoded with Schema into the `Event` union
 * - (b) the official `@opencode-ai/sdk` (1.19.3): `client.event.subscribe()`
 * - (c) a raw `fetch` + frame split + `JSON.parse` loop: the practical limit
 *
 * Each consumer process reads the stream twice, each time over a new connection: the first pass
 * (JIT cold) and the second (warm, the steady state of a long-running consumer; the headline
 * figure). Throughput is timed from the first event received to the last (module loading and
 * connection set-up are left out for every consumer); peak RSS is the whole process's.
 *
 * A fourth process times the decoding alone, on the same events parsed beforehand (no I/O), in CPU
 * time (median of 5 passes after 2 warm ones): the stream's decoder (`Decode.makeEventDecoder`,
 * the guards of `src/streams/Guard.ts`) and the full compiled decoder (`EventSchema.decodeEvent`)
 * over the whole mix, in ns per event, and `decodeEvent` on 20,000 deltas parsed one by one
 * (`JSON.parse` included), in deltas per CPU-second.
 *
 * Run with the project's Node: `npx node bench/events.ts [--events 200000] [--runs 5] [--dist] [--baseline DIR]`.
 * Prints a table and the ratios, and writes `bench/results-events.json`.
 *
 * `--baseline DIR` adds a fifth consumer, `baseline`: this library as another checkout holds it
 * (`git worktree add DIR <commit>`, or `git archive <commit> | tar -x -C DIR` with a
 * `node_modules` link), run by that checkout's own `bench/events.ts` in the same runs, against the
 * same server: a before/after comparison at the same load (`ratios.libraryVsBaseline`).
 *
 * By default the library is loaded from `src/` (Node strips the types of every `.ts` module it
 * loads, which costs its process ~40 MiB of RSS that a user of the published package never pays).
 * `--dist` loads the compiled package from `dist/` instead (run `npm run build` first) and writes
 * `bench/results-events-dist.json`: the memory a user of the package sees.
 *
 * @since 0.1.0
 */
import { spawn } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import * as Http from "node:http"
import type * as Net from "node:net"

type Variant = "effect-opencode" | "sdk" | "raw" | "baseline"

interface Result {
  readonly variant: Variant
  readonly events: number
  /** Events/s of the first pass over the stream, in a fresh process (JIT cold). */
  readonly coldEventsPerSecond: number
  /** Events/s of the second pass, on a new connection in the same process (JIT warm). */
  readonly eventsPerSecond: number
  /** Events per second of the consumer's CPU time (user + system) in the second pass: less sensitive to a busy machine. */
  readonly eventsPerCpuSecond: number
  /** Peak resident set size of the consumer process (MiB). */
  readonly peakRssMiB: number
  /** Peak RSS while the first / second half of the measured pass was read (MiB): flat memory means equal. */
  readonly firstHalfRssMiB: number
  readonly secondHalfRssMiB: number
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

// -----------------------------------------------------------------------------
// the consumers (child processes)
// -----------------------------------------------------------------------------

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/** Runs `consume` twice (cold, then warm), each time over a fresh connection. */
const measure = async (variant: Variant, count: number, consume: (onEvents: (n: number) => void) => Promise<void>) => {
  const pass = async (sampleRss: boolean) => {
    let received = 0
    let firstHalf = 0
    let secondHalf = 0
    const sample = () => {
      const rss = process.memoryUsage.rss()
      if (received < count / 2) firstHalf = Math.max(firstHalf, rss)
      else secondHalf = Math.max(secondHalf, rss)
    }
    const timer = sampleRss ? setInterval(sample, 10) : undefined
    // Timed from the first event, so module loading and connection set-up are left out for all.
    let started = 0
    let cpu = process.cpuUsage()
    await consume((n) => {
      if (received === 0) {
        started = performance.now()
        cpu = process.cpuUsage()
      }
      received += n
    })
    const seconds = (performance.now() - started) / 1000
    const cpuUsed = process.cpuUsage(cpu)
    const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6
    if (timer !== undefined) clearInterval(timer)
    sample()
    if (received !== count) throw new Error(`${variant}: received ${received} events, expected ${count}`)
    return {
      eventsPerSecond: Math.round((received - 1) / seconds),
      eventsPerCpuSecond: Math.round((received - 1) / cpuSeconds),
      firstHalf,
      secondHalf
    }
  }
  const cold = await pass(false)
  const warm = await pass(true)
  const result: Result = {
    variant,
    events: count,
    coldEventsPerSecond: cold.eventsPerSecond,
    eventsPerSecond: warm.eventsPerSecond,
    eventsPerCpuSecond: warm.eventsPerCpuSecond,
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    firstHalfRssMiB: mib(warm.firstHalf),
    secondHalfRssMiB: mib(warm.secondHalf)
  }
  process.stdout.write(JSON.stringify(result) + "\n")
}

const runLibrary = async (url: string, count: number) => {
  const { Effect, Layer, Stream } = await import("effect")
  // `--dist` (see the module's doc): the compiled package, loaded without type stripping
  const fromDist = process.env.BENCH_LIBRARY === "dist"
  const Client: typeof import("../src/layers/OpencodeClient.ts") = await import(
    fromDist ? "../dist/layers/OpencodeClient.js" : "../src/layers/OpencodeClient.ts"
  )
  const EventService: typeof import("../src/services/EventService.ts") = await import(
    fromDist ? "../dist/services/EventService.js" : "../src/services/EventService.ts"
  )
  const OpencodeNode: typeof import("../src/layers/OpencodeNode.ts") = await import(
    fromDist ? "../dist/layers/OpencodeNode.js" : "../src/layers/OpencodeNode.ts"
  )
  const Live = EventService.layer.pipe(
    Layer.provide(Client.layer({ baseUrl: url })),
    Layer.provide(OpencodeNode.layerHttpClient)
  )
  await measure("effect-opencode", count, (onEvents) =>
    Effect.runPromise(
      EventService.EventService.use((events) =>
        events.events().pipe(
          Stream.take(count),
          Stream.runForEachArray((batch) => Effect.sync(() => onEvents(batch.length)))
        )
      ).pipe(Effect.provide(Live))
    ))
}

interface DecodeResult {
  /** The stream's decoder (guards, then the full decoder for what they refuse), CPU ns per parsed event of the mix. */
  readonly streamDecoderNsPerEvent: number
  /** `EventSchema.decodeEvent` (Effect's compiled decoder), CPU ns per parsed event of the mix. */
  readonly decodeEventNsPerEvent: number
  /** `JSON.parse` + `decodeEvent` of 20,000 deltas, one by one: deltas per CPU-second. */
  readonly decodeEventDeltasPerSecond: number
}

/** The decoding alone (see the module's doc): CPU time, medians of 5 timed passes after 2 warm ones. */
const runDecode = async (count: number) => {
  const fromDist = process.env.BENCH_LIBRARY === "dist"
  const Decode: typeof import("../src/streams/Decode.ts") = await import(
    fromDist ? "../dist/streams/Decode.js" : "../src/streams/Decode.ts"
  )
  const EventSchema: typeof import("../src/schema/Event.ts") = await import(
    fromDist ? "../dist/schema/Event.js" : "../src/schema/Event.ts"
  )
  const { Exit } = await import("effect")
  const text = buildStream(count).toString("utf8")
  const events = text.split("\n\n").filter((frame) => frame.startsWith("data: ")).map((frame) => JSON.parse(frame.slice(6)))
  const delta = JSON.stringify(events.find((e) => e.type === "message.part.delta"))
  const decode = Decode.makeEventDecoder()
  // CPU time of this process (user + system): the loops run on one thread, and on a busy machine
  // CPU time moves far less than wall time
  const time = (pass: () => void): number => {
    const ms: Array<number> = []
    for (let i = 0; i < 7; i++) {
      const start = process.cpuUsage()
      pass()
      const used = process.cpuUsage(start)
      if (i >= 2) ms.push((used.user + used.system) / 1000)
    }
    return median(ms)
  }
  const streamMs = time(() => {
    for (const e of events) if (decode(e) === undefined) throw new Error(`the stream decoder refused ${JSON.stringify(e)}`)
  })
  const fullMs = time(() => {
    for (const e of events) if (!Exit.isSuccess(EventSchema.decodeEvent(e))) throw new Error(`decodeEvent refused ${JSON.stringify(e)}`)
  })
  const deltasMs = time(() => {
    for (let i = 0; i < 20_000; i++) if (!Exit.isSuccess(EventSchema.decodeEvent(JSON.parse(delta)))) throw new Error("decodeEvent refused a delta")
  })
  const result: DecodeResult = {
    streamDecoderNsPerEvent: Math.round((streamMs * 1e6) / events.length),
    decodeEventNsPerEvent: Math.round((fullMs * 1e6) / events.length),
    decodeEventDeltasPerSecond: Math.round(20_000 / (deltasMs / 1000))
  }
  process.stdout.write(JSON.stringify(result) + "\n")
}

const runSdk = async (url: string, count: number) => {
  const { createOpencodeClient } = await import("@opencode-ai/sdk")
  const client = createOpencodeClient({ baseUrl: url })
  await measure("sdk", count, async (onEvents) => {
    const result = await client.event.subscribe()
    let n = 0
    for await (const _event of result.stream) {
      onEvents(1)
      if (++n >= count) break
    }
  })
}

const runRaw = async (url: string, count: number) => {
  await measure("raw", count, async (onEvents) => {
    const controller = new AbortController()
    const response = await fetch(`${url}/event`, { signal: controller.signal })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let buffer = ""
    let n = 0
    while (n < count) {
      const { done, value } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let start = 0
      let end: number
      while ((end = buffer.indexOf("\n\n", start)) >= 0) {
        const frame = buffer.slice(start, end)
        start = end + 2
        if (frame.startsWith("data: ")) {
          JSON.parse(frame.slice(6))
          n++
          onEvents(1)
        }
      }
      buffer = buffer.slice(start)
    }
    controller.abort()
  })
}

// -----------------------------------------------------------------------------
// the replay server (parent process)
// -----------------------------------------------------------------------------

interface Fixture {
  readonly events: ReadonlyArray<{ readonly type: string; readonly properties: any }>
}

/** 200k frames shaped like a busy server's: deltas, part updates, message updates, statuses. */
const buildStream = (count: number): Buffer => {
  const fixture: Fixture = JSON.parse(
    readFileSync(new URL("../test/schema/fixtures/opencode-1.18.33.json", import.meta.url), "utf8")
  )
  const pick = (type: string, extra?: (e: any) => boolean) =>
    fixture.events.find((e) => e.type === type && (extra === undefined || extra(e)))!
  const delta = pick("message.part.delta")
  const textPart = pick("message.part.updated", (e) => e.properties.part.type === "text" && e.properties.part.text.length > 5)
  const toolPart = pick("message.part.updated", (e) => e.properties.part.type === "tool")
  const stepFinish = pick("message.part.updated", (e) => e.properties.part.type === "step-finish")
  const assistant = pick("message.updated", (e) => e.properties.info.role === "assistant")
  const status = pick("session.status")
  let seq = 0
  const id = () => `evt_${(0x21225c6d6000 + seq++).toString(16).padStart(12, "0")}BenchAbcdEfgh12`
  const words = ["The ", "quick ", "brown ", "fox ", "jumps ", "over ", "the ", "lazy ", "dog. "]
  const frames: Array<string> = [`data: ${JSON.stringify({ id: id(), type: "server.connected", properties: {} })}\n\n`]
  let text = ""
  for (let i = 1; i < count; i++) {
    const r = i % 20
    let event: unknown
    if (r < 12) {
      const word = words[i % words.length]!
      text = text.length > 400 ? word : text + word
      event = { ...delta, id: id(), properties: { ...delta.properties, delta: word } }
    } else if (r < 16) {
      event = { ...textPart, id: id(), properties: { ...textPart.properties, part: { ...textPart.properties.part, text }, time: Date.now() } }
    } else if (r === 16) {
      event = { ...toolPart, id: id() }
    } else if (r === 17) {
      event = { ...stepFinish, id: id() }
    } else if (r === 18) {
      event = { ...assistant, id: id() }
    } else {
      event = { ...status, id: id() }
    }
    frames.push(`data: ${JSON.stringify(event)}\n\n`)
  }
  return Buffer.from(frames.join(""))
}

const startServer = (payload: Buffer): Promise<{ url: string; close: () => Promise<void> }> =>
  new Promise((resolve) => {
    const sockets = new Set<Net.Socket>()
    const server = Http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
      let offset = 0
      const slice = 64 * 1024
      const pump = () => {
        while (offset < payload.length) {
          const chunk = payload.subarray(offset, offset + slice)
          offset += chunk.length
          if (!res.write(chunk)) {
            res.once("drain", pump)
            return
          }
        }
        res.end()
      }
      res.on("close", () => res.off("drain", pump))
      pump()
    })
    server.on("connection", (s) => {
      sockets.add(s)
      s.on("close", () => sockets.delete(s))
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as Net.AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy()
            server.close(() => done())
          })
      })
    })
  })

const baselineDir = (() => {
  const i = process.argv.indexOf("--baseline")
  return i >= 0 ? process.argv[i + 1] : undefined
})()

const runChild = <R = Result>(variant: Variant | "decode", url: string, count: number): Promise<R> =>
  new Promise((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE === variant ? ["--cpu-prof", "--cpu-prof-dir=.tmp/prof"] : []
    // the baseline is the library variant of the other checkout's own script
    const script = variant === "baseline" ? `${baselineDir}/bench/events.ts` : new URL(import.meta.url).pathname
    const childVariant = variant === "baseline" ? "effect-opencode" : variant
    const child = spawn(process.execPath, [...profile, script, "--child", childVariant, url, String(count)], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BENCH_LIBRARY: process.argv.includes("--dist") ? "dist" : "src" }
    })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? ""
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`${variant} exited with ${code}: ${out}`))
      const result = JSON.parse(line)
      resolve(variant === "baseline" ? { ...result, variant } : result)
    })
  })

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const main = async () => {
  const count = arg("--events", 200_000)
  const runs = arg("--runs", 5)
  const payload = buildStream(count)
  const server = await startServer(payload)
  const variants: ReadonlyArray<Variant> = baselineDir === undefined
    ? ["effect-opencode", "sdk", "raw"]
    : ["baseline", "effect-opencode", "sdk", "raw"]
  const all: Record<Variant, Array<Result>> = { "effect-opencode": [], sdk: [], raw: [], baseline: [] }
  const decodeRuns: Array<DecodeResult> = []
  try {
    for (let run = 0; run < runs; run++) {
      for (const v of variants) all[v].push(await runChild(v, server.url, count))
      decodeRuns.push(await runChild<DecodeResult>("decode", server.url, count))
    }
  } finally {
    await server.close()
  }
  const summary = variants.map((v) => {
    const results = all[v]
    return {
      variant: v,
      events: count,
      eventsPerSecond: median(results.map((r) => r.eventsPerSecond)),
      coldEventsPerSecond: median(results.map((r) => r.coldEventsPerSecond)),
      eventsPerCpuSecond: median(results.map((r) => r.eventsPerCpuSecond)),
      peakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)),
      firstHalfRssMiB: median(results.map((r) => r.firstHalfRssMiB)),
      secondHalfRssMiB: median(results.map((r) => r.secondHalfRssMiB))
    }
  })
  const decode: DecodeResult = {
    streamDecoderNsPerEvent: median(decodeRuns.map((r) => r.streamDecoderNsPerEvent)),
    decodeEventNsPerEvent: median(decodeRuns.map((r) => r.decodeEventNsPerEvent)),
    decodeEventDeltasPerSecond: median(decodeRuns.map((r) => r.decodeEventDeltasPerSecond))
  }
  const by = Object.fromEntries(summary.map((s) => [s.variant, s])) as Record<Variant, (typeof summary)[number]>
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100
  const ratios = {
    libraryVsSdk: ratio(by["effect-opencode"].eventsPerSecond, by.sdk.eventsPerSecond),
    libraryVsRaw: ratio(by["effect-opencode"].eventsPerSecond, by.raw.eventsPerSecond),
    sdkVsRaw: ratio(by.sdk.eventsPerSecond, by.raw.eventsPerSecond),
    coldLibraryVsSdk: ratio(by["effect-opencode"].coldEventsPerSecond, by.sdk.coldEventsPerSecond),
    coldLibraryVsRaw: ratio(by["effect-opencode"].coldEventsPerSecond, by.raw.coldEventsPerSecond),
    cpuLibraryVsSdk: ratio(by["effect-opencode"].eventsPerCpuSecond, by.sdk.eventsPerCpuSecond),
    cpuLibraryVsRaw: ratio(by["effect-opencode"].eventsPerCpuSecond, by.raw.eventsPerCpuSecond),
    ...(by.baseline === undefined ? {} : {
      libraryVsBaseline: ratio(by["effect-opencode"].eventsPerSecond, by.baseline.eventsPerSecond),
      cpuLibraryVsBaseline: ratio(by["effect-opencode"].eventsPerCpuSecond, by.baseline.eventsPerCpuSecond),
      peakRssLibraryMinusBaselineMiB: Math.round((by["effect-opencode"].peakRssMiB - by.baseline.peakRssMiB) * 10) / 10
    })
  }
  // on the unrounded figures
  const goals = {
    "library >= sdk": by["effect-opencode"].eventsPerSecond >= by.sdk.eventsPerSecond,
    "library >= 0.5 x raw": by["effect-opencode"].eventsPerSecond >= 0.5 * by.raw.eventsPerSecond,
    // issue 19's goals
    "library >= 0.8 x raw": by["effect-opencode"].eventsPerSecond >= 0.8 * by.raw.eventsPerSecond,
    "peak RSS <= raw + 20 MiB": by["effect-opencode"].peakRssMiB <= by.raw.peakRssMiB + 20
  }
  const pad = (s: string | number, n: number) => String(s).padStart(n)
  const library = process.argv.includes("--dist") ? "dist" : "src"
  console.log(
    `\n${count} events, payload ${(payload.length / 1024 / 1024).toFixed(1)} MiB, median of ${runs} runs, Node ${process.version}, library from ${library}/\n`
  )
  console.log(
    `${"consumer".padEnd(18)}${pad("events/s", 12)}${pad("cold ev/s", 12)}${pad("ev/CPU-s", 12)}${pad("peak RSS", 12)}${pad("RSS 1st half", 14)}${
      pad("RSS 2nd half", 14)
    }`
  )
  for (const s of summary) {
    console.log(
      `${s.variant.padEnd(18)}${pad(s.eventsPerSecond.toLocaleString("en"), 12)}${pad(s.coldEventsPerSecond.toLocaleString("en"), 12)}${
        pad(s.eventsPerCpuSecond.toLocaleString("en"), 12)
      }${
        pad(`${s.peakRssMiB} MiB`, 12)
      }${pad(`${s.firstHalfRssMiB} MiB`, 14)}${pad(`${s.secondHalfRssMiB} MiB`, 14)}`
    )
  }
  console.log(
    `\nwarm: library / sdk = ${ratios.libraryVsSdk}   library / raw = ${ratios.libraryVsRaw}   sdk / raw = ${ratios.sdkVsRaw}`
  )
  console.log(`cold: library / sdk = ${ratios.coldLibraryVsSdk}   library / raw = ${ratios.coldLibraryVsRaw}`)
  console.log(`CPU:  library / sdk = ${ratios.cpuLibraryVsSdk}   library / raw = ${ratios.cpuLibraryVsRaw}`)
  if (by.baseline !== undefined) {
    console.log(
      `baseline (${baselineDir}): library / baseline = ${ratios.libraryVsBaseline} (wall), ${ratios.cpuLibraryVsBaseline} (CPU); peak RSS ${by["effect-opencode"].peakRssMiB} vs ${by.baseline.peakRssMiB} MiB`
    )
  }
  console.log(
    `decode only (CPU): stream decoder ${decode.streamDecoderNsPerEvent} ns/event, decodeEvent ${decode.decodeEventNsPerEvent} ns/event; decodeEvent on 20,000 deltas (JSON.parse included) ${decode.decodeEventDeltasPerSecond.toLocaleString("en")} deltas/CPU-s`
  )
  console.log(`goals: ${Object.entries(goals).map(([k, ok]) => `${k}: ${ok ? "met" : "MISSED"}`).join(", ")}\n`)
  writeFileSync(
    new URL(library === "dist" ? "./results-events-dist.json" : "./results-events.json", import.meta.url),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        library,
        ...(baselineDir === undefined ? {} : { baseline: baselineDir }),
        events: count,
        runs,
        summary,
        ratios,
        decode,
        goals,
        runsDetail: all,
        decodeRunsDetail: decodeRuns
      },
      null,
      2
    ) + "\n"
  )
}

if (process.argv[2] === "--serve") {
  // a replay server alone, for profiling: prints its URL and runs until killed
  startServer(buildStream(arg("--events", 200_000))).then((server) => console.log(server.url))
} else if (process.argv[2] === "--child") {
  const [, , , variant, url, count] = process.argv
  const run = variant === "effect-opencode" ? runLibrary : variant === "sdk" ? runSdk : variant === "decode" ? (_url: string, n: number) => runDecode(n) : runRaw
  run(url!, Number(count)).then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
} else {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
