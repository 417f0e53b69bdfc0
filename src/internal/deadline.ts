/**
 * A deadline around an effect that costs one fiber and one timer, for the transport's per-call
 * limits (`requestTimeout`, `attemptTimeout`, a call's own `timeout`, `withDeadline`).
 *
 * `Effect.timeoutOrElse` (and `timeout`, `timeoutOption`, which it builds on) races the effect
 * against a sleep with `raceFirst`: two forked fibers, a timer, and an interruption of the loser
 * on every call, the usual case of an answer in time included.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"

// Node's timers take at most a signed 32-bit number of milliseconds (about 24.8 days).
const maxTimerMillis = 2 ** 31 - 1

let live: Clock.Clock | undefined

/** Effect's own clock (the default of `Clock.Clock`), whose `sleep` is a `setTimeout`. */
const liveClock = (): Clock.Clock => (live ??= Context.get(Context.empty(), Clock.Clock))

/**
 * Runs `self` in one child fiber with one timer: if `duration` passes first, the child is
 * interrupted (its finalizers run: an HTTP request in flight is aborted), and once it has
 * stopped the effect fails with `onTimeout()`. Otherwise the timer is cleared and `self`'s exit
 * is the result. Interrupting the caller interrupts the child and clears the timer.
 *
 * When to use: instead of `Effect.timeoutOrElse` on a hot path, where most calls end in time;
 * same outcome, half the fibers.
 *
 * Gotchas: the timer is a plain `setTimeout` only under Effect's live clock; under any other
 * `Clock` (`TestClock` in tests) the deadline is `Effect.timeoutOrElse`, so that the clock's
 * `sleep` decides when it passes. A duration of zero or less, or longer than a Node timer can
 * wait, goes the same way; an infinite one sets no timer at all.
 */
export const deadline = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> => {
  const millis = Duration.toMillis(duration)
  if (millis === Infinity) return self
  return Effect.withFiber((fiber) => {
    if (fiber.getRef(Clock.Clock) !== liveClock() || !(millis > 0 && millis <= maxTimerMillis)) {
      return Effect.timeoutOrElse(self, { duration, orElse: () => Effect.fail(onTimeout()) })
    }
    return Effect.flatMap(Effect.forkChild(self, { startImmediately: true }), (child) => {
      // Already over (an answer or a failure without waiting): no timer at all.
      const done = child.pollUnsafe()
      if (done !== undefined) return done
      return Effect.callback<A, E | E2>((resume) => {
        let timedOut = false
        const timer = setTimeout(() => {
          timedOut = true
          child.interruptUnsafe()
          resume(Effect.flatMap(Fiber.await(child), () => Effect.fail(onTimeout())))
        }, millis)
        child.addObserver((exit: Exit.Exit<A, E>) => {
          if (timedOut) return
          clearTimeout(timer)
          resume(exit)
        })
        return Effect.suspend(() => {
          clearTimeout(timer)
          return Fiber.interrupt(child)
        })
      })
    })
  })
}
