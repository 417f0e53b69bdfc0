/** Real timers and a free loopback port, for code starting and stopping processes: that takes real time, under a `TestClock` too. */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as NodeChild from "node:child_process"
import * as Net from "node:net"

/** Sleeps on a real timer. */
export const sleepReal = (millis: number): Effect.Effect<void> =>
  Effect.callback<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), millis)
    return Effect.sync(() => clearTimeout(timer))
  })

/** Fails with `onTimeout()` when `self` takes longer than `millis` of real time. */
export const timeoutReal = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.raceFirst(self, Effect.andThen(sleepReal(millis), Effect.suspend(() => Effect.fail(onTimeout()))))

/** A port free on `hostname` now (bound to port 0, read, closed); `onError` makes the failure. */
export const freePort = <E>(hostname: string, onError: (message: string) => E): Effect.Effect<number, E> =>
  Effect.callback<number, E>((resume) => {
    const server = Net.createServer()
    server.unref()
    server.once("error", (error) => resume(Effect.fail(onError(`Could not find a free port on ${hostname}: ${error.message}`))))
    server.listen({ port: 0, host: hostname }, () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resume(Effect.succeed(port)))
    })
  })

/**
 * A guard process outside this one: when this process dies without stopping the server (SIGKILL,
 * crash, OOM kill: no finalizer runs), it sees it within a second and stops the server's process
 * group (`signal`, `SIGKILL` after the grace). Stopped with the scope. Not on Windows.
 */
export const parentGuard = (
  pgid: number,
  options: { readonly signal: "SIGTERM" | "SIGINT"; readonly graceSeconds: number }
): Effect.Effect<void, never, Scope.Scope> =>
  process.platform === "win32"
    ? Effect.void
    : Effect.asVoid(Effect.acquireRelease(
      Effect.sync(() => {
        const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
          `kill -${options.signal.slice(3)} -${pgid} 2>/dev/null; sleep ${Math.max(1, options.graceSeconds)}; kill -KILL -${pgid} 2>/dev/null`
        const guard = NodeChild.spawn("sh", ["-c", script], { detached: true, stdio: "ignore" })
        guard.on("error", () => {}) // no sh: no guard
        guard.unref()
        return guard
      }),
      (guard) =>
        Effect.callback<void>((resume) => {
          if (guard.exitCode !== null || guard.signalCode !== null || guard.pid === undefined) return resume(Effect.void)
          guard.once("exit", () => resume(Effect.void))
          guard.kill("SIGKILL")
        })
    ))
