import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Exit, Fiber, Redacted, Scope } from "effect"
import * as NodeFs from "node:fs"
import * as NodeHttp from "node:http"
import * as NodeNet from "node:net"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { afterAll } from "vitest"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"

// A zombie (exited, not yet reaped by its new parent, e.g. a container's init) counts as dead.
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH"
  }
  try {
    const stat = NodeFs.readFileSync(`/proc/${pid}/stat`, "utf8")
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z"
  } catch {
    return false
  }
}

// Processes whose command line contains `serve --port <port>`.
const serversOnPort = (port: number): Array<number> => {
  const pids: Array<number> = []
  for (const entry of NodeFs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = NodeFs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")
      const i = cmdline.indexOf("--port")
      if (cmdline.includes("serve") && i >= 0 && cmdline[i + 1] === String(port)) pids.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

const sleep = (ms: number) => Effect.promise(() => new Promise((r) => setTimeout(r, ms)))

const waitUntil = (condition: () => boolean, timeoutMs = 10_000) =>
  Effect.promise(async () => {
    const deadline = Date.now() + timeoutMs
    while (!condition()) {
      if (Date.now() > deadline) throw new Error("condition not met in time")
      await new Promise((r) => setTimeout(r, 10))
    }
  })

const tmp = NodeFs.realpathSync(NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-server-test-")))
afterAll(() => NodeFs.rmSync(tmp, { recursive: true, force: true }))

const script = (name: string, body: string): string => {
  const file = NodePath.join(tmp, name)
  NodeFs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 })
  return file
}

const startError = <A>(effect: Effect.Effect<A, unknown, Scope.Scope>) =>
  Effect.scoped(effect).pipe(
    Effect.flip,
    Effect.map((e) => e as { _tag: string; reason: string; message: string; output: ReadonlyArray<string> })
  )

layer(OpencodeServer.layer({ isolate: true, cwd: tmp }), { excludeTestServices: true })("a real server", (it) => {
  it.effect("answers health with its password and 401 without", () =>
    Effect.gen(function*() {
      const server = yield* OpencodeServer.OpencodeServer
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
      expect(server.password).toBeDefined()
      expect(server.username).toBe("opencode")
      const ok = yield* Effect.promise(() =>
        fetch(`${server.url}/global/health`, { headers: OpencodeServer.headers(server) })
      )
      expect(ok.status).toBe(200)
      expect(yield* Effect.promise(() => ok.json())).toMatchObject({ healthy: true })
      const basic = `Basic ${Buffer.from(`opencode:${Redacted.value(server.password!)}`).toString("base64")}`
      expect(Redacted.value(server.authorization!)).toBe(basic)
      const denied = yield* Effect.promise(() => fetch(`${server.url}/global/health`))
      expect(denied.status).toBe(401)
      const wrong = yield* Effect.promise(() =>
        fetch(`${server.url}/global/health`, { headers: { authorization: "Basic b3BlbmNvZGU6bm9wZQ==" } })
      )
      expect(wrong.status).toBe(401)
    }))

  it.effect("reports its binary, version, pid and output", () =>
    Effect.gen(function*() {
      const server = yield* OpencodeServer.OpencodeServer
      expect(server.binarySource).toBe("package")
      expect(NodeFs.existsSync(server.binary)).toBe(true)
      expect(server.version).toMatch(/^1\.18\.\d+/)
      expect(OpencodeServer.isTestedVersion(server.version)).toBe(true)
      expect(isAlive(server.pid)).toBe(true)
      expect(yield* server.isRunning).toBe(true)
      const output = yield* server.output
      expect(output.some((line) => line.includes(`listening on http://127.0.0.1:${server.port}`))).toBe(true)
      expect(server.directory).toBe(tmp)
    }))
})

describe("OpencodeServer lifecycle", () => {
  it.live("closing the scope stops the process and removes the isolated directories", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const started = Date.now()
      const server = yield* OpencodeServer.make({ isolate: true, cwd: tmp }).pipe(Scope.provide(scope))
      const readyMs = Date.now() - started
      const home = NodeFs.readFileSync(`/proc/${server.pid}/environ`, "utf8")
        .split("\0")
        .find((v) => v.startsWith("HOME="))!
        .slice(5)
      expect(NodeFs.existsSync(home)).toBe(true)
      const stopping = Date.now()
      yield* Scope.close(scope, Exit.void)
      const stopMs = Date.now() - stopping
      expect(isAlive(server.pid)).toBe(false)
      expect(() => process.kill(server.pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }))
      expect(yield* server.exited).toEqual({ code: null, signal: "SIGTERM" })
      expect(yield* server.isRunning).toBe(false)
      expect(NodeFs.existsSync(home)).toBe(false)
      yield* Effect.log(`start-to-ready ${readyMs} ms, stop ${stopMs} ms`)
    }))

  // opencode installs its plugin package into each config directory at a project's first request
  // (in the background, for custom tools): into a fresh isolated one that is ~30 packages fetched
  // from the registry and 4–7 CPU-seconds per server, for tools a throwaway config directory never
  // has. Before the fix, the registry (here a local one that records requests) was asked for
  // @opencode-ai/plugin about 0.3 s after the session's creation.
  it.live("an isolated server fetches no packages for its fresh config directory", () =>
    Effect.gen(function*() {
      const requests: Array<string> = []
      const registry = yield* Effect.acquireRelease(
        Effect.promise(() =>
          new Promise<NodeHttp.Server>((resolve) => {
            const server = NodeHttp.createServer((request, response) => {
              requests.push(`${request.method} ${request.url}`)
              response.writeHead(404, { "content-type": "application/json" }).end("{}")
            })
            server.listen(0, "127.0.0.1", () => resolve(server))
          })
        ),
        (server) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
      )
      const registryUrl = `http://127.0.0.1:${(registry.address() as NodeNet.AddressInfo).port}/`
      const server = yield* OpencodeServer.make({
        isolate: true,
        cwd: tmp,
        versionCheck: "off",
        env: { npm_config_registry: registryUrl }
      })
      // A project's first request loads its configuration, which starts the install.
      const created = yield* Effect.promise(() =>
        fetch(`${server.url}/session`, {
          method: "POST",
          headers: { ...OpencodeServer.headers(server), "content-type": "application/json" },
          body: JSON.stringify({ title: "config directory" })
        })
      )
      expect(created.status).toBe(200)
      const deadline = Date.now() + 2_000
      while (Date.now() < deadline && requests.length === 0) yield* sleep(50)
      expect(requests).toEqual([])
    }).pipe(Effect.scoped))

  it.live("starts and stops 20 times in a row without leftovers", () =>
    Effect.gen(function*() {
      const pids: Array<number> = []
      const timings: Array<string> = []
      for (let i = 0; i < 20; i++) {
        const started = Date.now()
        const { pid, stopMs } = yield* Effect.gen(function*() {
          const scope = yield* Scope.make()
          const server = yield* OpencodeServer.make({ isolate: true, cwd: tmp, versionCheck: "off" }).pipe(
            Scope.provide(scope)
          )
          const readyMs = Date.now() - started
          const stopping = Date.now()
          yield* Scope.close(scope, Exit.void)
          timings.push(`${readyMs}/${Date.now() - stopping}`)
          return { pid: server.pid, stopMs: Date.now() - stopping }
        })
        expect(stopMs).toBeLessThan(4_000)
        pids.push(pid)
        expect(isAlive(pid)).toBe(false)
      }
      expect(new Set(pids).size).toBe(20)
      expect(pids.filter(isAlive)).toEqual([])
      yield* Effect.log(`ready/stop ms: ${timings.join(", ")}`)
    }), 180_000)

  it.live("interruption during startup leaves no process", () =>
    Effect.gen(function*() {
      const port = 20_000 + Math.floor(Math.random() * 20_000)
      const fiber = yield* Effect.forkChild(
        Effect.scoped(OpencodeServer.make({ isolate: true, cwd: tmp, port, versionCheck: "off" }))
      )
      yield* waitUntil(() => serversOnPort(port).length > 0)
      const [pid] = serversOnPort(port)
      yield* sleep(100)
      yield* Fiber.interrupt(fiber)
      expect(isAlive(pid!)).toBe(false)
      expect(serversOnPort(port)).toEqual([])
    }))

  it.live("the server dying is observable through exited", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const server = yield* OpencodeServer.make({ isolate: true, cwd: tmp, versionCheck: "off" }).pipe(
        Scope.provide(scope)
      )
      process.kill(server.pid, "SIGKILL")
      expect(yield* server.exited).toEqual({ code: null, signal: "SIGKILL" })
      expect(yield* server.isRunning).toBe(false)
      yield* Scope.close(scope, Exit.void)
    }))

  it.live("auth: false runs without a password", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const server = yield* OpencodeServer.make({ isolate: true, cwd: tmp, auth: false, versionCheck: "off" }).pipe(
        Scope.provide(scope)
      )
      expect(server.password).toBeUndefined()
      const response = yield* Effect.promise(() => fetch(`${server.url}/global/health`))
      expect(response.status).toBe(200)
      yield* Scope.close(scope, Exit.void)
      expect(isAlive(server.pid)).toBe(false)
    }))
})

describe("OpencodeServer start failures", () => {
  it.live("a missing binary fails with BinaryNotFound", () =>
    Effect.gen(function*() {
      const byPath = yield* startError(OpencodeServer.make({ binary: "/nonexistent/dir/opencode" }))
      expect(byPath._tag).toBe("ServerStartError")
      expect(byPath.reason).toBe("BinaryNotFound")
      expect(byPath.message).toContain("npm install opencode-ai")
      const byName = yield* startError(OpencodeServer.make({ binary: "no-such-opencode-binary-xyz" }))
      expect(byName.reason).toBe("BinaryNotFound")
      const noDir = yield* startError(OpencodeServer.make({ cwd: NodePath.join(tmp, "missing-dir") }))
      expect(noDir.reason).toBe("SpawnFailed")
      expect(noDir.message).toContain("missing-dir")
    }))

  it.live("a binary that exits at once fails with Exited and its output", () =>
    Effect.gen(function*() {
      const falseError = yield* startError(OpencodeServer.make({ binary: "/bin/false", cwd: tmp }))
      expect(falseError.reason).toBe("Exited")
      expect(falseError.message).toContain("exited with code 1")
      expect(Array.isArray(falseError.output)).toBe(true)
      const noisy = script("noisy.sh", "echo starting\necho 'Error: bad config' >&2\nexit 3")
      const noisyError = yield* startError(OpencodeServer.make({ binary: noisy, cwd: tmp }))
      expect(noisyError.reason).toBe("Exited")
      expect(noisyError.message).toContain("exited with code 3")
      expect(noisyError.output).toEqual(expect.arrayContaining(["starting", "Error: bad config"]))
    }))

  it.live("a port already in use fails with Exited", () =>
    Effect.gen(function*() {
      const blocker = NodeNet.createServer()
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) =>
          blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as NodeNet.AddressInfo).port))
        )
      )
      const error = yield* startError(OpencodeServer.make({ cwd: tmp, port, isolate: true, versionCheck: "off" }))
      blocker.close()
      expect(error.reason).toBe("Exited")
      expect(serversOnPort(port)).toEqual([])
    }))

  it.live("a chosen free port that is taken meanwhile is retried on another port", () =>
    Effect.gen(function*() {
      const { binary } = yield* OpencodeServer.resolveBinary({ cwd: tmp })
      const mark = NodePath.join(tmp, "first-start-done")
      const flaky = script(
        "flaky.sh",
        `if [ "$1" != "--version" ] && [ ! -f ${mark} ]; then touch ${mark}; echo "Error: Unexpected error" >&2; echo ServeError >&2; exit 1; fi\nexec ${binary} "$@"`
      )
      const scope = yield* Scope.make()
      const server = yield* OpencodeServer.make({ binary: flaky, cwd: tmp, isolate: true, versionCheck: "off" }).pipe(
        Scope.provide(scope)
      )
      expect(NodeFs.existsSync(mark)).toBe(true)
      expect(yield* server.isRunning).toBe(true)
      yield* Scope.close(scope, Exit.void)
      expect(isAlive(server.pid)).toBe(false)
    }))

  it.live("a server that never gets ready fails with NotReady and its whole process group is killed", () =>
    Effect.gen(function*() {
      const childFile = NodePath.join(tmp, "child.pid")
      const stuck = script(
        "stuck.sh",
        `if [ "$1" = "--version" ]; then echo 1.18.0; exit 0; fi\necho booting\nsleep 60 &\necho $! > ${childFile}\nwait`
      )
      const started = Date.now()
      const error = yield* startError(
        OpencodeServer.make({ binary: stuck, cwd: tmp, startTimeout: "1 second", stopGrace: "500 millis" })
      )
      expect(error.reason).toBe("NotReady")
      expect(error.output).toContain("booting")
      expect(Date.now() - started).toBeLessThan(5_000)
      const child = Number(NodeFs.readFileSync(childFile, "utf8").trim())
      expect(isAlive(child)).toBe(false)
    }))

  it.live("a cors entry that is not exactly an origin fails with SpawnFailed before anything starts", () =>
    Effect.gen(function*() {
      // The server compares the browser's Origin header with each --cors string: any other form
      // would never match, silently.
      const mark = NodePath.join(tmp, "cors-started")
      const recorder = script("cors.sh", `touch ${mark}\nsleep 60`)
      for (const [origin, says] of [
        ["http://127.0.0.2:8080/", "did you mean \"http://127.0.0.2:8080\""],
        ["https://app.example.com:443", "did you mean \"https://app.example.com\""],
        ["https://app.example.com/ui", "did you mean \"https://app.example.com\""],
        ["app.example.com", "is not an"],
        ["*", "is not an origin"],
        ["file:///tmp/page.html", "is not an http or https origin"]
      ] as const) {
        const error = yield* startError(
          OpencodeServer.make({ binary: recorder, cwd: tmp, cors: ["http://localhost:3000", origin], versionCheck: "off" })
        )
        expect(error.reason).toBe("SpawnFailed")
        expect(error.message).toContain(`cors: ${JSON.stringify(origin)}`)
        expect(error.message).toContain(says)
      }
      expect(NodeFs.existsSync(mark)).toBe(false)
    }))

  it.live("versionCheck fail rejects an untested version before starting", () =>
    Effect.gen(function*() {
      const old = script("old.sh", `if [ "$1" = "--version" ]; then echo 0.9.1; exit 0; fi\nsleep 60`)
      const error = yield* startError(OpencodeServer.make({ binary: old, cwd: tmp, versionCheck: "fail" }))
      expect(error.reason).toBe("VersionMismatch")
      expect(error.message).toContain("0.9.1")
    }))
})
