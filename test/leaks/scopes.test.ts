/**
 * Nothing outlives its scope: after the scope of a client, an event stream, an interrupted batch,
 * an interrupted run and finally the server layer closes, this process holds no socket to the
 * server (counted by the kernel, `/proc/net/tcp`, and by the FaultProxy on the server's side), no
 * child process is left (the pid and its process group are gone), every span the library opened
 * has ended (no fiber still working), and the process's active handles are back to what they were.
 */
import { expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Tracer } from "effect"
import * as NodeFs from "node:fs"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as Batch from "../../src/services/Batch.ts"
import { EventService } from "../../src/services/EventService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as FaultProxy from "../../src/testing/FaultProxy.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

const hasProc = NodeFs.existsSync("/proc/net/tcp")

/** Established TCP connections from this process to 127.0.0.1:`port` (Linux `/proc`). */
const socketsTo = (port: number): number => {
  if (!hasProc) return 0
  const inodes = new Set<string>()
  for (const fd of NodeFs.readdirSync("/proc/self/fd")) {
    try {
      const target = NodeFs.readlinkSync(`/proc/self/fd/${fd}`)
      const m = /^socket:\[(\d+)\]$/.exec(target)
      if (m) inodes.add(m[1]!)
    } catch {
      // closed meanwhile
    }
  }
  let n = 0
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!NodeFs.existsSync(file)) continue
    for (const line of NodeFs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 10) continue
      const remotePort = parseInt(cols[2]!.split(":")[1]!, 16)
      const state = cols[3]
      if (remotePort === port && state === "01" && inodes.has(cols[9]!)) n++
    }
  }
  return n
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Processes in a process group, or children of this process (Linux `/proc`). */
const processesOf = (pgid: number): Array<string> => {
  if (!hasProc) return []
  const found: Array<string> = []
  for (const entry of NodeFs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = NodeFs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      const ppid = Number(fields[1])
      const group = Number(fields[2])
      const state = fields[0]
      if (state !== "Z" && (group === pgid || (ppid === process.pid && /opencode/.test(stat)))) found.push(`${entry} ${stat.slice(0, 60)}`)
    } catch {
      // gone meanwhile
    }
  }
  return found
}

const handles = (): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1
  return counts
}

/** Polls (bounded) until `f` holds; returns whether it did. */
const eventually = (f: () => boolean, millis = 3_000) =>
  Effect.gen(function*() {
    for (let waited = 0; waited < millis; waited += 50) {
      if (f()) return true
      yield* Effect.sleep("50 millis")
    }
    return f()
  })

interface SpanRecord {
  readonly name: string
  ended: boolean
}

const spans: Array<SpanRecord> = []
const tracer = Tracer.make({
  span(options) {
    const native = Tracer.nativeTracer.span(options)
    const record: SpanRecord = { name: options.name, ended: false }
    spans.push(record)
    return Object.assign(Object.create(native) as Tracer.Span, {
      end(endTime: bigint, exit: Exit.Exit<unknown, unknown>) {
        record.ended = true
        native.end(endTime, exit)
      }
    })
  }
})

it.live("no sockets, processes, handles or running work survive their scopes", () =>
  Effect.gen(function*() {
    const openSpans = () => spans.filter((s) => !s.ended).map((s) => s.name)

    const before = handles()
    const report: Array<string> = []
    let serverPid = 0
    let serverPort = 0

    yield* Effect.scoped(Effect.gen(function*() {
      const slow: ScriptedModel.Responder = (request) =>
        ScriptedModel.delay(request.lastUserText.includes("slow") ? "3 seconds" : "50 millis", ScriptedModel.text("ok"))
      const { project, server } = yield* TestServer.make({ model: { fallback: slow } })
      serverPid = server.pid
      serverPort = server.port
      const proxy = yield* FaultProxy.make({ upstream: server.url, lifetime: "5 minutes" })
      const services = (baseUrl: string) =>
        Run.layerFromClient.pipe(
          Layer.provideMerge(Client.layer({ baseUrl, username: server.username, password: server.password, directory: project.directory })),
          Layer.provide(OpencodeNode.layerHttpClient)
        )
      const inScope = <A, E>(baseUrl: string, body: Effect.Effect<A, E, Run.RunServices>) =>
        Effect.scoped(Effect.flatMap(Layer.build(services(baseUrl)), (context) => Effect.provide(body, context)))

      // warm-up (first prompt ~2 s), outside the measured scopes
      yield* inScope(server.url, Run.run("warm up", { ephemeral: true }))

      // A. a client: calls, an event subscription, a run; then its scope closes
      yield* inScope(server.url, Effect.gen(function*() {
        yield* SessionService.use((s) => s.list())
        yield* Effect.scoped(Effect.flatMap(EventService.use((e) => e.subscribe()), (sub) => sub.ready))
        yield* Run.run("quick", { ephemeral: true })
        expect(socketsTo(serverPort)).toBeGreaterThan(0)
      }))
      expect(yield* eventually(() => socketsTo(serverPort) === 0)).toBe(true)
      expect(openSpans()).toEqual([])
      report.push("client scope: 0 sockets to the server, 0 open spans")

      // B. an event stream through the proxy, held, then its scope closes (the client stays open)
      yield* inScope(proxy.url, Effect.gen(function*() {
        yield* Effect.scoped(Effect.gen(function*() {
          const sub = yield* EventService.use((e) => e.subscribe())
          yield* sub.ready
          expect((yield* proxy.connections).open).toBe(1)
        }))
        // the shared connection closes as soon as its last subscriber leaves
        for (let i = 0; i < 60 && (yield* proxy.connections).open > 0; i++) yield* Effect.sleep("50 millis")
        expect((yield* proxy.connections).open).toBe(0)
      }))
      expect(openSpans()).toEqual([])
      report.push("event stream scope (client still open): its connection closed, 0 open at the proxy")

      // C. a batch interrupted while its tasks run
      const sessionsBefore = new Set((yield* inScope(server.url, SessionService.use((s) => s.list()))).map((s) => s.id))
      yield* inScope(proxy.url, Effect.gen(function*() {
        let running = 0
        const fiber = yield* Effect.forkChild(
          Batch.run(["slow 1", "slow 2", "slow 3", "slow 4"], { concurrency: 2, onProgress: (p) => {
            running = p.running
          } })
        )
        for (let i = 0; i < 200 && running < 2; i++) yield* Effect.sleep("25 millis")
        yield* Effect.sleep("500 millis")
        yield* Fiber.interrupt(fiber)
        expect(fiber.pollUnsafe()?._tag).toBe("Failure")
      }))
      for (let i = 0; i < 60 && (yield* proxy.connections).open > 0; i++) yield* Effect.sleep("50 millis")
      expect((yield* proxy.connections).open).toBe(0)
      expect(openSpans()).toEqual([])
      const leftover = yield* inScope(server.url, Effect.gen(function*() {
        const sessions = yield* SessionService
        const now = (yield* sessions.list()).filter((s) => !sessionsBefore.has(s.id))
        const status = yield* sessions.status()
        return { created: now.length, busy: Object.values(status).filter((s) => s.type !== "idle").length }
      }))
      expect(leftover).toEqual({ created: 0, busy: 0 })
      report.push("interrupted batch: sessions aborted and deleted, 0 busy, 0 proxy connections, 0 open spans")

      // D. a run interrupted mid-prompt
      yield* inScope(proxy.url, Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Run.run("slow single", { ephemeral: true }))
        yield* Effect.sleep("800 millis")
        yield* Fiber.interrupt(fiber)
      }))
      for (let i = 0; i < 60 && (yield* proxy.connections).open > 0; i++) yield* Effect.sleep("50 millis")
      expect((yield* proxy.connections).open).toBe(0)
      expect(openSpans()).toEqual([])
      report.push("interrupted run: 0 proxy connections, 0 open spans")
      // the only sockets to the server left are the proxy's own keep-alive ones (it lives in this process)
      expect(socketsTo(serverPort)).toBe((yield* proxy.connections).upstreamOpen)
      expect(alive(serverPid)).toBe(true)
    }))

    // E. the server layer closed
    expect(yield* eventually(() => !alive(serverPid), 5_000)).toBe(true)
    // (this worker's pid in the message: a process listed here whose parent is not this worker is a
    // pid the kernel gave again — pid_max is 32768 on the CI machines — not our server)
    expect(processesOf(serverPid), `this worker is pid ${process.pid}`).toEqual([])
    expect(socketsTo(serverPort)).toBe(0)
    const settled = yield* eventually(() => {
      const now = handles()
      return ["TCPSocketWrap", "TCPServerWrap", "ProcessWrap", "PipeWrap", "Timeout"].every((k) => (now[k] ?? 0) <= (before[k] ?? 0))
    }, 5_000)
    const after = handles()
    expect(settled, `handles before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`).toBe(true)
    expect(openSpans()).toEqual([])
    report.push(`server layer: pid ${serverPid} gone, its process group empty, handles back to ${JSON.stringify(after)}; ${spans.length} spans, all ended`)
    console.log(`leaks:\n  ${report.join("\n  ")}`)
  }).pipe(Effect.provideService(Tracer.Tracer, tracer)), { timeout: 180_000 })
