import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import * as FakeSse from "../../src/testing/FakeSse.ts"

/** Reads a fake server's stream with fetch until `until` holds; returns the text and closes. */
const read = (url: string, until: (text: string) => boolean) =>
  Effect.promise(async () => {
    const controller = new AbortController()
    const response = await fetch(url, { signal: controller.signal })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ""
    while (!until(text)) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    controller.abort()
    return { status: response.status, contentType: response.headers.get("content-type"), text }
  })

describe("FakeSse", () => {
  it("event ids sort in creation order; frames are data lines", () => {
    const ids = Array.from({ length: 2000 }, () => FakeSse.eventId())
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]).toMatch(/^evt_[0-9a-f]{12}[0-9a-z]{14}$/)
    expect(FakeSse.frame({ a: 1 })).toBe("data: {\"a\":1}\n\n")
  })

  it.live("streams server.connected first, records connections and who closed them", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* FakeSse.make()
      const got = yield* read(`${server.url}/event?directory=%2Fp`, (t) => t.includes("server.connected"))
      expect(got.contentType).toBe("text/event-stream")
      expect(got.text.startsWith("data: {\"id\":\"evt_")).toBe(true)
      const connection = yield* server.awaitConnection(1)
      expect(connection.url).toBe("/event?directory=%2Fp")
      yield* server.awaitAllClosed.pipe(Effect.timeout("2 seconds"))
      expect(connection.closedByClient).toBe(true)
    })))

  it.live("answers, routes, stop and start on the same port", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* FakeSse.make({
        handle: ({ path }) => (path === "/session/status" ? { status: 200, body: "{}" } : undefined)
      })
      const status = yield* Effect.promise(() => fetch(`${server.url}/session/status`).then((r) => r.text()))
      expect(status).toBe("{}")
      yield* server.answer({ status: 401 })
      expect((yield* read(`${server.url}/event`, () => false)).status).toBe(401)
      yield* server.answer({ status: 200 })
      yield* server.stop
      const refused = yield* Effect.promise(() => fetch(`${server.url}/event`).then(() => "ok", () => "refused"))
      expect(refused).toBe("refused")
      yield* server.start
      const again = yield* read(`${server.url}/event`, (t) => t.includes("server.connected"))
      expect(again.status).toBe(200)
    })))

  it.live("pump waits for a reader that does not read", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* FakeSse.make()
      // a client that connects and never reads
      const controller = new AbortController()
      yield* Effect.promise(() => fetch(`${server.url}/event`, { signal: controller.signal }))
      yield* server.awaitConnection(1)
      const pump = yield* server.pump(100_000, (i) => ({ type: "x", properties: { i, pad: "y".repeat(200) } })).pipe(
        Effect.forkChild
      )
      yield* Effect.sleep("300 millis")
      expect(server.progress()).toBeLessThan(100_000)
      controller.abort()
      yield* Fiber.join(pump)
    })))
})
