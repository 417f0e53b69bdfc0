/**
 * Soak: memory over a long life.
 *
 * - events: `EventService.events()` consumes N events (default 1,000,000: mostly
 *   `message.part.delta`, with `message.part.updated` and `session.status`, shaped like opencode
 *   1.18's) from a local SSE server as fast as it can; RSS is sampled as it goes.
 * - runs: N sequential `Run.run` (default 1,000, ephemeral sessions) against a real
 *   `opencode serve` with the local scripted model; this process's RSS and the server's are sampled.
 *
 * The bound: after a warm-up (the first 10 %), this process's RSS may grow by at most `--bound`
 * MiB (default 64) until the end; the report says by how much it did.
 *
 * Run: `npx node bench/soak.ts [--events 1000000] [--runs 1000] [--bound 64]` (either count can be
 * 0). Prints a table and writes `bench/results-soak.json`. The test suite runs the same functions
 * with small counts (`test/leaks/soak.test.ts`; `SOAK=full` for these defaults).
 *
 * @since 0.1.0
 */
import { Effect, Layer, Stream } from "effect"
import * as NodeFs from "node:fs"
import * as Http from "node:http"
import type * as Net from "node:net"
import * as NodeOs from "node:os"
import * as Client from "../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../src/layers/OpencodeNode.ts"
import * as EventService from "../src/services/EventService.ts"
import * as Run from "../src/services/Run.ts"
import * as TestServer from "../src/testing/TestServer.ts"

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

export interface SoakResult {
  readonly what: "events" | "runs"
  readonly count: number
  readonly seconds: number
  readonly perSecond: number
  /** RSS after the warm-up (first 10 %), at the end, and the peak, in MiB. */
  readonly warmRssMiB: number
  readonly endRssMiB: number
  readonly peakRssMiB: number
  /** End minus warm-up RSS (MiB): what the bound applies to. */
  readonly growthMiB: number
  readonly boundMiB: number
  readonly withinBound: boolean
  /** For runs: the server's RSS at the warm-up point and at the end (MiB), when readable. */
  readonly serverWarmRssMiB?: number | undefined
  readonly serverEndRssMiB?: number | undefined
  readonly failures?: number | undefined
}

// -----------------------------------------------------------------------------
// events
// -----------------------------------------------------------------------------

const startEventServer = (count: number): Promise<{ url: string; close: () => Promise<void> }> => {
  const sockets = new Set<Net.Socket>()
  let seq = 0
  const id = () => `evt_${(0x19a00000000 + seq++).toString(16).padStart(12, "0")}Soak${String(seq % 10_000).padStart(10, "0")}`
  const session = "ses_soak0000000000000000"
  const frame = (i: number): string => {
    const e = i % 50 === 0
      ? { id: id(), type: "message.part.updated", properties: { sessionID: session, time: i, part: { id: `prt_${i}`, sessionID: session, messageID: "msg_soak", type: "text", text: `text ${i}`, time: { start: i } } } }
      : i % 97 === 0
      ? { id: id(), type: "session.status", properties: { sessionID: session, status: { type: "busy" } } }
      : { id: id(), type: "message.part.delta", properties: { sessionID: session, messageID: "msg_soak", partID: "prt_soak", field: "text", delta: `word${i % 1000} ` } }
    return `data: ${JSON.stringify(e)}\n\n`
  }
  const server = Http.createServer((req, res) => {
    if (!req.url?.startsWith("/event")) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
    res.write(`data: ${JSON.stringify({ id: id(), type: "server.connected", properties: {} })}\n\n`)
    let i = 0
    const pump = () => {
      while (i < count && !res.destroyed) {
        let chunk = ""
        for (let j = 0; j < 200 && i < count; j++) chunk += frame(i++)
        if (!res.write(chunk)) {
          res.once("drain", pump)
          return
        }
      }
      // then stay open, as the real server does
    }
    pump()
  })
  server.on("connection", (s: Net.Socket) => {
    sockets.add(s)
    s.once("close", () => sockets.delete(s))
  })
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as Net.AddressInfo
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy()
            server.close(() => done())
          })
      })
    })
  )
}

/** Consumes `count` events through `EventService.events()` and reports RSS. */
export const soakEvents = async (count: number, boundMiB = 64): Promise<SoakResult> => {
  const server = await startEventServer(count)
  const Live = EventService.layer.pipe(
    Layer.provide(Client.layer({ baseUrl: server.url })),
    Layer.provide(OpencodeNode.layerHttpClient)
  )
  let received = 0
  let warm = 0
  let peak = 0
  let malformed = 0
  let reconnects = 0
  const warmAt = Math.floor(count * 0.1)
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 20)
  const t0 = performance.now()
  try {
    await Effect.runPromise(
      EventService.EventService.use((events) =>
        events.events().pipe(
          Stream.filter((e) => e.type !== "server.connected"),
          Stream.ensuring(Effect.flatMap(events.stats, (s) => Effect.sync(() => {
            malformed = s.malformed
            reconnects = s.reconnects
          }))),
          Stream.take(count),
          Stream.runForEachArray((batch) =>
            Effect.sync(() => {
              const before = received
              received += batch.length
              if (before < warmAt && received >= warmAt) warm = process.memoryUsage.rss()
            })
          )
        )
      ).pipe(Effect.provide(Live))
    )
  } finally {
    clearInterval(sampler)
    await server.close()
  }
  const seconds = (performance.now() - t0) / 1000
  if (received !== count) throw new Error(`received ${received} events, expected ${count}`)
  if (malformed > 0 || reconnects > 0) throw new Error(`${malformed} malformed events, ${reconnects} reconnects: the soak stream must be clean`)
  const end = process.memoryUsage.rss()
  peak = Math.max(peak, end)
  if (warm === 0) warm = end
  return {
    what: "events",
    count,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(count / seconds),
    warmRssMiB: mib(warm),
    endRssMiB: mib(end),
    peakRssMiB: mib(peak),
    growthMiB: mib(end - warm),
    boundMiB,
    withinBound: (end - warm) / 1024 / 1024 <= boundMiB
  }
}

// -----------------------------------------------------------------------------
// runs
// -----------------------------------------------------------------------------

const rssOf = (pid: number): number | undefined => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(NodeFs.readFileSync(`/proc/${pid}/status`, "utf8"))
    return m ? Number(m[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

/** Runs `count` sequential prompts (ephemeral sessions) against a real server and reports RSS. */
export const soakRuns = (count: number, boundMiB = 64): Promise<SoakResult> =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const { project, server } = yield* TestServer.make()
    const Live = Run.layerFromClient.pipe(
      Layer.provideMerge(Client.layer({ baseUrl: server.url, username: server.username, password: server.password, directory: project.directory })),
      Layer.provide(OpencodeNode.layerHttpClient)
    )
    return yield* Effect.gen(function*() {
      yield* Run.run("warm up", { ephemeral: true, timeout: "60 seconds" })
      const warmAt = Math.floor(count * 0.1)
      let warm = 0
      let serverWarm: number | undefined
      let peak = 0
      let failures = 0
      const t0 = performance.now()
      for (let i = 0; i < count; i++) {
        const result = yield* Effect.result(Run.run(`soak run ${i}`, { ephemeral: true, timeout: "60 seconds" }))
        if (result._tag === "Failure" || result.success.text !== `soak run ${i}`) failures++
        const rss = process.memoryUsage.rss()
        peak = Math.max(peak, rss)
        if (i === warmAt) {
          warm = rss
          serverWarm = rssOf(server.pid)
        }
      }
      const seconds = (performance.now() - t0) / 1000
      const end = process.memoryUsage.rss()
      if (warm === 0) warm = end
      const serverEnd = rssOf(server.pid)
      return {
        what: "runs",
        count,
        seconds: Math.round(seconds * 10) / 10,
        perSecond: Math.round((count / seconds) * 10) / 10,
        warmRssMiB: mib(warm),
        endRssMiB: mib(end),
        peakRssMiB: mib(Math.max(peak, end)),
        growthMiB: mib(end - warm),
        boundMiB,
        withinBound: (end - warm) / 1024 / 1024 <= boundMiB,
        serverWarmRssMiB: serverWarm === undefined ? undefined : mib(serverWarm),
        serverEndRssMiB: serverEnd === undefined ? undefined : mib(serverEnd),
        failures
      } satisfies SoakResult
    }).pipe(Effect.provide(Live))
  })))

// -----------------------------------------------------------------------------
// CLI
// -----------------------------------------------------------------------------

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

export const formatSoak = (results: ReadonlyArray<SoakResult>): string => {
  const rows = results.map((r) =>
    `| ${r.what} | ${r.count.toLocaleString("en")} | ${r.seconds} s | ${r.perSecond.toLocaleString("en")}/s | ${r.warmRssMiB} | ${r.endRssMiB} | ${r.peakRssMiB} | ${r.growthMiB} (bound ${r.boundMiB}) ${r.withinBound ? "✓" : "✗"} | ${
      r.what === "runs" ? `server ${r.serverWarmRssMiB ?? "?"} → ${r.serverEndRssMiB ?? "?"} MiB, ${r.failures} failed` : ""
    } |`
  )
  return [
    "| soak | count | time | rate | RSS warm (MiB) | RSS end | RSS peak | growth | notes |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows
  ].join("\n")
}

if (import.meta.main) {
  const events = arg("--events", 1_000_000)
  const runs = arg("--runs", 1_000)
  const bound = arg("--bound", 64)
  const results: Array<SoakResult> = []
  if (events > 0) results.push(await soakEvents(events, bound))
  if (runs > 0) results.push(await soakRuns(runs, bound))
  console.log(formatSoak(results))
  NodeFs.writeFileSync(
    new URL("./results-soak.json", import.meta.url),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: NodeOs.cpus().length, loadAverage: NodeOs.loadavg(), results }, null, 2) + "\n"
  )
  if (results.some((r) => !r.withinBound)) process.exitCode = 1
}
