/**
 * Where an event consumer's memory goes (issue 19): one process reads `EventService.events()` from
 * a replay server twice (like `bench/events.ts`'s library consumer), sampling
 * `process.memoryUsage()` every 10 ms, and prints the peaks, V8's heap spaces (`new_space` is the
 * young generation: 2 × its semi-space) and the peak RSS. Unlike `bench/events.ts`'s child it loads
 * nothing but what a plain consumer program loads (`effect`'s index, the library), so it shows
 * what that program pays. Use `--trace-gc-nvp` to see when the young generation grows
 * (`new_space_capacity`) and what survived (`new_space_survived`, `promoted`).
 *
 * Start a server (`npx node bench/events.ts --serve` prints its URL), then
 * `[BENCH_LIBRARY=dist] [BUFFER=n] npx node bench/events-memory.ts URL [COUNT]` (`dist`: the
 * compiled package, after `npm run build`; `BUFFER`: `EventService`'s `bufferSize`). For a before /
 * after, copy this file into another checkout (`git archive <commit> | tar -x -C DIR` with a
 * `node_modules` link) and alternate the two against the same server: the result is a threshold
 * (the young generation doubles or not), so compare the medians of many runs.
 *
 * @since 0.1.0
 */
import * as V8 from "node:v8"

const [url, countArg] = process.argv.slice(2)
if (url === undefined) throw new Error("usage: bench/events-memory.ts URL [COUNT]")
const count = Number(countArg ?? 200_000)
const fromDist = process.env.BENCH_LIBRARY === "dist"
const mib = (bytes: number) => (bytes / 1048576).toFixed(1)

const { Effect, Layer, Stream } = await import("effect")
const Client: typeof import("../src/layers/OpencodeClient.ts") = await import(
  fromDist ? "../dist/layers/OpencodeClient.js" : "../src/layers/OpencodeClient.ts"
)
const EventService: typeof import("../src/services/EventService.ts") = await import(
  fromDist ? "../dist/services/EventService.js" : "../src/services/EventService.ts"
)
const OpencodeNode: typeof import("../src/layers/OpencodeNode.ts") = await import(
  fromDist ? "../dist/layers/OpencodeNode.js" : "../src/layers/OpencodeNode.ts"
)

const service = process.env.BUFFER === undefined
  ? EventService.layer
  : EventService.layerWith({ bufferSize: Number(process.env.BUFFER) })
const Live = service.pipe(Layer.provide(Client.layer({ baseUrl: url })), Layer.provide(OpencodeNode.layerHttpClient))

type Usage = Record<"rss" | "heapTotal" | "heapUsed" | "external" | "arrayBuffers", number>
const line = (label: string, usage: Usage) =>
  console.log(label.padEnd(8), Object.entries(usage).map(([k, v]) => `${k} ${mib(v)}`).join("  "))

line("loaded", process.memoryUsage())
const peak: Usage = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }
for (let pass = 0; pass < 2; pass++) {
  let received = 0
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    for (const key of Object.keys(peak) as Array<keyof Usage>) peak[key] = Math.max(peak[key], usage[key])
  }, 10)
  await Effect.runPromise(
    EventService.EventService.use((events) =>
      events.events().pipe(
        Stream.take(count),
        Stream.runForEachArray((batch) => Effect.sync(() => (received += batch.length)))
      )
    ).pipe(Effect.provide(Live))
  )
  clearInterval(timer)
  if (received !== count) throw new Error(`received ${received} events, expected ${count}`)
  line(`pass ${pass}`, process.memoryUsage())
}
line("peak", peak)
for (const space of V8.getHeapSpaceStatistics()) {
  if (space.space_size > 0) console.log(`  ${space.space_name.padEnd(24)} size ${mib(space.space_size)}  used ${mib(space.space_used_size)}`)
}
console.log(`peak RSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB`)
