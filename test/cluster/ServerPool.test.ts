/**
 * The runner's server pool without servers: slots (slots per server × own servers, waited for),
 * the least busy server, holds on own and other servers, the typed error for no server.
 */
import { expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Scope } from "effect"
import * as ServerPool from "../../src/cluster/ServerPool.ts"

const servers = [{ url: "http://a.test:1" }, { url: "http://b.test:2" }]

it.effect("slots: slots per server × own servers at once; the next waits until one is released", () =>
  Effect.gen(function*() {
    const pool = yield* ServerPool.make({ servers, slotsPerServer: 2 })
    const scopes = yield* Effect.forEach(Array.from({ length: 4 }), () => Scope.make())
    for (const s of scopes) yield* pool.slot.pipe(Scope.provide(s))
    const fifth = yield* Effect.forkChild(Effect.scoped(Effect.andThen(pool.slot, Effect.succeed("got it"))))
    yield* Effect.yieldNow
    expect(fifth.pollUnsafe()).toBeUndefined()
    yield* Scope.close(scopes[0]!, Exit.void)
    expect(yield* Fiber.join(fifth)).toBe("got it")
  }).pipe(Effect.scoped))

it.effect("pick: the least busy own server, counted until its scope closes; hold counts own servers only", () =>
  Effect.gen(function*() {
    const pool = yield* ServerPool.make({ servers, slotsPerServer: 8 })
    const first = yield* pool.pick
    const second = yield* pool.pick
    expect([first.url, second.url].sort()).toEqual(servers.map((s) => s.url))
    // Two more on a.test: the next pick is b.test.
    yield* pool.hold("http://a.test:1")
    yield* pool.hold("http://a.test:1")
    expect((yield* pool.pick).url).toBe("http://b.test:2")
    // A pick in a closed scope counts no more.
    const scope = yield* Scope.make()
    const picked = yield* pool.pick.pipe(Scope.provide(scope))
    expect(picked.url).toBe("http://b.test:2")
    yield* Scope.close(scope, Exit.void)
    expect((yield* pool.pick).url).toBe("http://b.test:2")
    // Another runner's server: no count, no error.
    yield* pool.hold("http://elsewhere.test:3")
  }).pipe(Effect.scoped))

it.effect("no server: a ValidationError, not a defect", () =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(ServerPool.make({ servers: [] }))
    expect(error).toMatchObject({ _tag: "ValidationError", field: "servers" })
  }).pipe(Effect.scoped))
