/**
 * A process that dies without stopping its managed server (SIGKILL: no finalizer runs) does not
 * leave it running: the server's guard process stops its process group.
 */
import { expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as NodeChild from "node:child_process"
import * as NodePath from "node:path"

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const holderDies = (kind: "opencode" | "postgres") =>
  Effect.gen(function*() {
    const child = NodeChild.spawn(process.execPath, [NodePath.join(import.meta.dirname, "server-holder.ts"), kind], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    yield* Effect.addFinalizer(() => Effect.sync(() => child.kill("SIGKILL")))
    let out = ""
    let err = ""
    child.stdout.on("data", (d) => (out += String(d)))
    child.stderr.on("data", (d) => (err += String(d)))
    const deadline = Date.now() + 45_000
    while (!/PID (\d+)/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) return yield* Effect.die(new Error(`no server: ${err}`))
      yield* Effect.sleep("50 millis")
    }
    const serverPid = Number(/PID (\d+)/.exec(out)![1])
    expect(serverPid).toBeGreaterThan(0)
    expect(alive(serverPid)).toBe(true)
    const t0 = Date.now()
    child.kill("SIGKILL")
    while (alive(serverPid)) {
      if (Date.now() - t0 > 15_000) {
        process.kill(serverPid, "SIGKILL")
        return yield* Effect.die(new Error(`the ${kind} server outlived its parent by 15 s`))
      }
      yield* Effect.sleep("100 millis")
    }
    const millis = Date.now() - t0
    console.log(`${kind} server stopped ${millis} ms after its parent was SIGKILLed`)
    expect(millis).toBeLessThan(15_000)
  }).pipe(Effect.scoped)

it.live("SIGKILL of the process that started an opencode server: the server is stopped within seconds", () =>
  holderDies("opencode"), { timeout: 90_000 })

it.live("SIGKILL of the process that started a TestPostgres server: the server is stopped within seconds", () =>
  holderDies("postgres"), { timeout: 90_000 })
