/**
 * Real timers and a free loopback port, for the code that starts and stops processes: starting
 * and stopping a process takes real time, also under a `TestClock`.
 *
 * @internal
 */
import { Effect } from "effect"
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
