/** Runs an optional user callback, and the `Effect` it answers if it answers one. */
import * as Effect from "effect/Effect"

/** Calls `f` with `args` when given, running the `Effect` it answers. */
export const call = <A extends ReadonlyArray<unknown>>(
  f: ((...args: A) => void | Effect.Effect<void>) | undefined,
  ...args: A
): Effect.Effect<void> =>
  f === undefined ? Effect.void : Effect.suspend(() => {
    const out = f(...args)
    return Effect.isEffect(out) ? out : Effect.void
  })
