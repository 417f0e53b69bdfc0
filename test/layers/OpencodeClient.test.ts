import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Layer, Redacted, Schema } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import { TestClock } from "effect/testing"
import * as NodeHttp from "node:http"
import { OpencodeClient, route } from "../../src/layers/OpencodeClient.ts"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeConfig from "../../src/layers/OpencodeConfig.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"

const base = "http://opencode.test:4096"

const withMock = (
  handler: Parameters<typeof MockHttp.layer>[0],
  options: Partial<Parameters<typeof Client.layer>[0]> = {}
) =>
  Client.layer({ baseUrl: base, retryBaseDelay: "1 millis", retryMaxDelay: "5 millis", ...options }).pipe(
    Layer.provideMerge(MockHttp.layer(handler))
  )

const Item = Schema.Struct({ id: Schema.String })

const call = <A>(spec: Client.Call<A>) => Effect.flatMap(OpencodeClient, (c) => c.call(spec))
const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("OpencodeClient", () => {
  it.effect("sends JSON, auth and the directory, and decodes the answer", () =>
    Effect.gen(function*() {
      const result = yield* call({
        method: "POST",
        path: "/session",
        body: { title: "t" },
        response: Item
      })
      expect(result).toEqual({ id: "ses_1" })
      const [req] = yield* requests
      expect(req!.method).toBe("POST")
      expect(req!.url.pathname).toBe("/session")
      expect(req!.url.searchParams.get("directory")).toBe("/work/ü proj")
      expect(req!.headers["authorization"]).toBe(`Basic ${Buffer.from("opencode:s3cret").toString("base64")}`)
      expect(req!.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(req!.body!)).toEqual({ title: "t" })
    }).pipe(
      Effect.provide(
        withMock(() => MockHttp.json(200, { id: "ses_1" }), {
          directory: "/work/ü proj",
          password: Redacted.make("s3cret")
        })
      )
    ))

  it.effect("a call converts its answer's headers once (each read of effect's response.headers copies them all)", () => {
    // Counts the reads of the web Response's headers: effect's `HttpClientResponse.headers`
    // converts them again at every access, which a call did four times (content type, two
    // content-length checks, content encoding) before reading them once.
    let reads = 0
    class Counting extends Response {
      override get headers(): Headers {
        reads++
        return super.headers
      }
    }
    const answer = () => new Counting(JSON.stringify({ id: "ses_1" }), { status: 200, headers: { "content-type": "application/json", "x-next-cursor": "c" } })
    let seen: Readonly<Record<string, string>> | undefined
    return Effect.gen(function*() {
      yield* call({ method: "GET", path: "/session/ses_1", response: Item, onHeaders: (h) => (seen = h) })
      expect(reads).toBe(1)
      expect(seen?.["x-next-cursor"]).toBe("c")
      reads = 0
      yield* call({ method: "GET", path: "/session/ses_1", response: { bytes: true } })
      expect(reads).toBe(1)
    }).pipe(Effect.provide(withMock(answer)))
  })

  it.effect("asks a loopback server for uncompressed answers, and leaves the encoding to fetch elsewhere", () =>
    Effect.gen(function*() {
      yield* call({ method: "GET", path: "/session", response: Schema.Unknown })
      yield* call({ method: "GET", path: "/session", response: Schema.Unknown, headers: { "x-extra": "1" } })
      const [plain, withHeaders] = yield* requests
      expect(plain!.headers["accept-encoding"]).toBe("identity")
      expect(withHeaders!.headers["accept-encoding"]).toBe("identity")
    }).pipe(
      Effect.provide(withMock(() => MockHttp.json(200, []), { baseUrl: "http://127.0.0.1:4096" })),
      Effect.andThen(
        Effect.gen(function*() {
          yield* call({ method: "GET", path: "/session", response: Schema.Unknown })
          const [remote] = yield* requests
          expect(remote!.headers["accept-encoding"]).toBeUndefined()
        }).pipe(Effect.provide(withMock(() => MockHttp.json(200, []))))
      )
    ))

  it.effect("sends no auth header without a password and honours a per-call directory", () =>
    Effect.gen(function*() {
      yield* call({ method: "GET", path: "/session", response: Schema.Unknown, directory: "/other" })
      yield* call({ method: "GET", path: "/session", response: Schema.Unknown, directory: null })
      const [a, b] = yield* requests
      expect(a!.headers["authorization"]).toBeUndefined()
      expect(a!.url.searchParams.get("directory")).toBe("/other")
      expect(b!.url.searchParams.has("directory")).toBe(false)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(200, []), { directory: "/default" }))))

  it.effect("maps a NotFoundError body to ApiError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(call({ method: "GET", path: "/session/ses_x", response: Item }))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return
      expect(error.status).toBe(404)
      expect(error.name).toBe("NotFoundError")
      expect(error.message).toBe("Session not found: ses_x")
      expect(error.isNotFound).toBe(true)
      expect(error.path).toBe("/session/ses_x")
    }).pipe(
      Effect.provide(
        withMock(() => MockHttp.json(404, { name: "NotFoundError", data: { message: "Session not found: ses_x" } }))
      )
    ))

  it.effect("maps the _tag error shape and a busy session", () =>
    Effect.gen(function*() {
      const e1 = yield* Effect.flip(call({ method: "POST", path: "/a", response: "none" }))
      const e2 = yield* Effect.flip(call({ method: "POST", path: "/b", response: "none" }))
      expect(e1._tag === "ApiError" && e1.name === "PermissionNotFoundError" && e1.message === "gone").toBe(true)
      expect(e2._tag === "ApiError" && e2.isBusy).toBe(true)
    }).pipe(
      Effect.provide(
        withMock((req) =>
          req.url.pathname === "/a"
            ? MockHttp.json(404, { _tag: "PermissionNotFoundError", requestID: "per_1", message: "gone" })
            : MockHttp.json(409, { name: "SessionBusyError", data: { message: "busy" } })
        )
      )
    ))

  it.effect("401 without a body is an unauthorized ApiError", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(call({ method: "GET", path: "/session", response: Item }))
      expect(e._tag === "ApiError" && e.isUnauthorized && e.status === 401).toBe(true)
    }).pipe(Effect.provide(withMock(() => new Response(null, { status: 401, headers: { "www-authenticate": "Basic" } })))))

  it.effect("HTML instead of JSON (an unknown route) is a DecodeError with an excerpt", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(call({ method: "GET", path: "/sesion", response: Item }))
      expect(e._tag).toBe("DecodeError")
      if (e._tag !== "DecodeError") return
      expect(e.issue).toContain("text/html")
      expect(e.body).toContain("<!doctype html>")
      expect(e.body.length).toBeLessThan(600)
    }).pipe(Effect.provide(withMock(() => MockHttp.text(200, "<!doctype html>" + "x".repeat(5000), "text/html")))))

  it.effect("truncated JSON and a schema mismatch are DecodeErrors", () =>
    Effect.gen(function*() {
      const e1 = yield* Effect.flip(call({ method: "GET", path: "/a", response: Item }))
      const e2 = yield* Effect.flip(call({ method: "GET", path: "/b", response: Item }))
      expect(e1._tag === "DecodeError" && e1.issue.startsWith("invalid JSON")).toBe(true)
      expect(e1._tag === "DecodeError" && e1.body).toBe('{"id": "ses_')
      expect(e2._tag === "DecodeError" && e2.endpoint).toBe("GET /b")
      expect(e2._tag === "DecodeError" && e2.issue).toMatch(/id/)
    }).pipe(
      Effect.provide(
        withMock((req) =>
          req.url.pathname === "/a"
            ? new Response('{"id": "ses_', { headers: { "content-type": "application/json" } })
            : MockHttp.json(200, { id: 5 })
        )
      )
    ))

  it.effect("a body over the limit is refused with a clear DecodeError", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(call({ method: "GET", path: "/big", response: Schema.Unknown }))
      expect(e._tag === "DecodeError" && e.issue).toMatch(/exceeds the limit of 1024 bytes/)
    }).pipe(
      Effect.provide(
        withMock(() => {
          const chunk = new TextEncoder().encode("[" + "1,".repeat(600))
          const stream = new ReadableStream({
            pull(controller) {
              controller.enqueue(chunk)
            }
          })
          return new Response(stream, { headers: { "content-type": "application/json" } })
        }, { maxBodyBytes: 1024 })
      )
    ))

  it.effect("a 204 with no content type is fine when no body is expected", () =>
    Effect.gen(function*() {
      const result = yield* call({ method: "POST", path: "/session/ses_1/prompt_async", body: {}, response: "none" })
      expect(result).toBeUndefined()
    }).pipe(Effect.provide(withMock(() => new Response(null, { status: 204 })))))

  it.live("connection refused is a TransportError after the retries of an idempotent call", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(call({ method: "GET", path: "/session", response: Item }))
      expect(e._tag === "TransportError" && e.reason).toBe("ConnectionRefused")
      expect((yield* requests).length).toBe(4)
    }).pipe(Effect.provide(withMock(() => ({ networkError: "ECONNREFUSED" })))))

  it.live("idempotent calls are retried on 503 and reset, then succeed", () =>
    Effect.gen(function*() {
      const result = yield* call({ method: "GET", path: "/session/ses_1", response: Item })
      expect(result.id).toBe("ses_1")
      expect((yield* requests).length).toBe(3)
    }).pipe(
      Effect.provide(
        withMock((_, n) =>
          n === 1
            ? MockHttp.json(503, { name: "Unavailable" }, { "retry-after": "0" })
            : n === 2
            ? { networkError: "ECONNRESET" }
            : MockHttp.json(200, { id: "ses_1" })
        )
      )
    ))

  it.effect("a prompt (POST) is never resent", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(
        call({ method: "POST", path: "/session/ses_1/message", body: { parts: [] }, response: Item })
      )
      expect(e._tag === "ApiError" && e.status).toBe(503)
      expect((yield* requests).length).toBe(1)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(503, {})))))

  it.live("a POST marked idempotent (client-chosen messageID) is retried", () =>
    Effect.gen(function*() {
      yield* call({ method: "POST", path: "/p", body: {}, response: "none", idempotent: true })
      expect((yield* requests).length).toBe(2)
    }).pipe(Effect.provide(withMock((_, n) => (n === 1 ? { networkError: "ECONNRESET" } : new Response(null, { status: 204 }))))))

  it.effect("4xx answers are not retried", () =>
    Effect.gen(function*() {
      yield* Effect.flip(call({ method: "GET", path: "/x", response: Item }))
      expect((yield* requests).length).toBe(1)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(400, { name: "BadRequest", data: { message: "bad" } })))))

  it.effect("a hung request ends in a Timeout TransportError within its Duration", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(
        Effect.flip(call({ method: "POST", path: "/hang", response: Item, timeout: "2 seconds" }))
      )
      yield* TestClock.adjust(Duration.seconds(1))
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(Duration.seconds(1))
      const e = yield* Fiber.join(fiber)
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
      expect(e._tag === "TransportError" && e.url).toBe(`${base}/hang`)
    }).pipe(Effect.provide(withMock(() => "hang"))))

  it.effect("requestTimeout is the deadline of the whole call: a hung idempotent call fails at it, not at each retry", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(call({ method: "GET", path: "/session/ses_1", response: Item })))
      yield* TestClock.adjust(Duration.millis(1_999))
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(Duration.millis(1))
      const exit = fiber.pollUnsafe()
      // Before the deadline covered the retries, the first attempt timed out here and the call went on.
      expect(exit).toBeDefined()
      const e = yield* Fiber.join(fiber)
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
      expect(e._tag === "TransportError" && e.detail).toContain("2s")
      expect((yield* requests).length).toBe(1)
    }).pipe(Effect.provide(withMock(() => "hang", { requestTimeout: "2 seconds", maxRetries: 3 }))))

  it.effect("the deadline also bounds the retries' backoff: a call failing transiently ends at the deadline", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(call({ method: "GET", path: "/session", response: Item })))
      yield* TestClock.adjust(Duration.seconds(3))
      expect(fiber.pollUnsafe()).toBeDefined()
      const e = yield* Fiber.join(fiber)
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
      expect((yield* requests).length).toBe(2)
    }).pipe(
      Effect.provide(
        withMock(() => MockHttp.json(503, {}, { "retry-after": "2" }), {
          requestTimeout: "3 seconds",
          retryMaxDelay: "10 seconds",
          maxRetries: 5
        })
      )
    ))

  it.effect("attemptTimeout: a hung attempt of an idempotent call is retried within the deadline", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(call({ method: "GET", path: "/session/ses_1", response: Item }))
      yield* TestClock.adjust(Duration.seconds(1))
      yield* TestClock.adjust(Duration.millis(10))
      expect(fiber.pollUnsafe()).toBeDefined()
      expect((yield* Fiber.join(fiber)).id).toBe("ses_1")
      expect((yield* requests).length).toBe(2)
    }).pipe(
      Effect.provide(
        withMock((_, n) => (n === 1 ? "hang" : MockHttp.json(200, { id: "ses_1" })), {
          requestTimeout: "10 seconds",
          attemptTimeout: "1 second"
        })
      )
    ))

  it.effect("a call that is not retried ends at the earlier of attemptTimeout and requestTimeout, sent once", () =>
    Effect.gen(function*() {
      const post = yield* Effect.forkChild(Effect.flip(call({ method: "POST", path: "/session", body: {}, response: Item })))
      yield* TestClock.adjust(Duration.millis(999))
      expect(post.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(Duration.millis(1))
      const e = yield* Fiber.join(post)
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
      expect(e._tag === "TransportError" && e.detail).toContain("(attemptTimeout)")
      expect((yield* requests).length).toBe(1)
    }).pipe(Effect.provide(withMock(() => "hang", { requestTimeout: "10 seconds", attemptTimeout: "1 second" }))))

  it.effect("a call's own headers are sent, but never replace the client's credentials", () =>
    Effect.gen(function*() {
      yield* call({
        method: "GET",
        path: "/session",
        response: Schema.Unknown,
        headers: { "X-Opencode-Ticket": "1", Authorization: "Basic bWFsbG9yeTp4" }
      })
      yield* call({ method: "GET", path: "/session", response: Schema.Unknown })
      const [a, b] = yield* requests
      expect(a!.headers["x-opencode-ticket"]).toBe("1")
      expect(a!.headers["authorization"]).toBe(`Basic ${Buffer.from("opencode:s3cret").toString("base64")}`)
      expect(a!.headers["accept"]).toBe("application/json")
      expect(b!.headers["x-opencode-ticket"]).toBeUndefined()
      expect(b!.headers["authorization"]).toBe(`Basic ${Buffer.from("opencode:s3cret").toString("base64")}`)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(200, []), { password: Redacted.make("s3cret") }))))

  it.effect("attemptTimeout does not cut a call that sets its own (longer) timeout", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(
        Effect.flip(call({ method: "POST", path: "/session/ses_1/init", body: {}, response: "none", idempotent: true, timeout: "1 minute" }))
      )
      yield* TestClock.adjust(Duration.seconds(30))
      expect(fiber.pollUnsafe()).toBeUndefined()
      expect((yield* requests).length).toBe(1)
      yield* TestClock.adjust(Duration.seconds(30))
      expect(fiber.pollUnsafe()).toBeDefined()
      const e = yield* Fiber.join(fiber)
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
    }).pipe(Effect.provide(withMock(() => "hang", { attemptTimeout: "1 second" }))))

  it.live("the password appears in no error", () =>
    Effect.gen(function*() {
      const errors = yield* Effect.all([
        Effect.flip(call({ method: "GET", path: "/a", response: Item })),
        Effect.flip(call({ method: "GET", path: "/b", response: Item })),
        Effect.flip(call({ method: "GET", path: "/c", response: Item }))
      ])
      for (const e of errors) {
        const rendered = [String(e), JSON.stringify(e), e.message, Exit.fail(e).toString()].join("\n")
        expect(rendered).not.toContain("hunter2-secret")
        expect(rendered).not.toContain(Buffer.from("opencode:hunter2-secret").toString("base64"))
      }
    }).pipe(
      Effect.provide(
        withMock((req) =>
          req.url.pathname === "/a"
            ? MockHttp.json(401, {})
            : req.url.pathname === "/b"
            ? { networkError: "ECONNREFUSED" }
            : MockHttp.text(200, "garbage")
        , { password: Redacted.make("hunter2-secret"), maxRetries: 0 })
      )
    ))

  it("route encodes hostile ids so they stay in one path segment", () => {
    expect(route`/session/${"ses_1"}/message`).toBe("/session/ses_1/message")
    expect(route`/session/${"../config"}`).toBe("/session/%2E%2E%2Fconfig")
    expect(route`/session/${"a/b?c#d"}`).toBe("/session/a%2Fb%3Fc%23d")
    expect(route`/session/${"%2F"}`).toBe("/session/%252F")
  })
})

/** The id the next fiber will get: fiber ids count up from one counter, so two readings bound how many were made between. */
const nextFiberId = Effect.map(Effect.forkChild(Effect.void), (fiber) => fiber.id)

/** Fibers made by `self`, not counting the two that measure. */
const fibersMadeBy = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const before = yield* nextFiberId
    yield* self
    return (yield* nextFiberId) - before - 1
  })

describe("OpencodeClient: work per call", () => {
  it.live("a call's deadline forks one fiber, not a race of two", () =>
    Effect.gen(function*() {
      // The default: one deadline (requestTimeout) around the retried attempt.
      expect(yield* fibersMadeBy(call({ method: "GET", path: "/session/ses_1", response: Item }))).toBe(1)
      // A POST, not retried: one deadline.
      expect(yield* fibersMadeBy(call({ method: "POST", path: "/session", body: {}, response: Item }))).toBe(1)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(200, { id: "ses_1" })))))

  it.live("a POST with attemptTimeout forks one fiber: one deadline, the earlier of the two limits", () =>
    Effect.gen(function*() {
      expect(yield* fibersMadeBy(call({ method: "POST", path: "/session", body: {}, response: Item }))).toBe(1)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(200, { id: "ses_1" }), { attemptTimeout: "5 seconds" }))))

  it.live("with attemptTimeout, an idempotent call forks two fibers: one per deadline", () =>
    Effect.gen(function*() {
      expect(yield* fibersMadeBy(call({ method: "GET", path: "/session/ses_1", response: Item }))).toBe(2)
    }).pipe(Effect.provide(withMock(() => MockHttp.json(200, { id: "ses_1" }), { attemptTimeout: "5 seconds" }))))

  it.live("under the live clock, a hung call ends at its deadline and its request is interrupted", () => {
    let interrupted = 0
    return Effect.gen(function*() {
      const e = yield* Effect.flip(call({ method: "GET", path: "/session/ses_1", response: Item, timeout: "50 millis" }))
      expect(e._tag === "TransportError" && e.reason).toBe("Timeout")
      expect(e._tag === "TransportError" && e.detail).toContain("50ms")
      expect(interrupted).toBe(1)
    }).pipe(
      Effect.provide(withMock(() => Effect.never.pipe(Effect.onInterrupt(() => Effect.sync(() => interrupted++)))))
    )
  })

  it.live("interrupting a call under its deadline interrupts its request", () => {
    let interrupted = 0
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(call({ method: "GET", path: "/session/ses_1", response: Item }))
      yield* Effect.sleep(Duration.millis(10))
      yield* Fiber.interrupt(fiber)
      expect(interrupted).toBe(1)
      expect(Exit.hasInterrupts(yield* Fiber.await(fiber))).toBe(true)
    }).pipe(
      Effect.provide(withMock(() => Effect.never.pipe(Effect.onInterrupt(() => Effect.sync(() => interrupted++)))))
    )
  })

  it.live("over fetch, reading an answer's body makes no fiber: the call's one fiber is its deadline's", () => {
    const body = JSON.stringify({ id: "ses_1" })
    // The answer of the real server to a get: a JSON body with its length.
    const answer = (async () =>
      new Response(body, {
        headers: { "content-type": "application/json", "content-length": String(body.length) }
      })) as unknown as typeof globalThis.fetch
    return Effect.gen(function*() {
      expect(yield* fibersMadeBy(call({ method: "GET", path: "/session/ses_1", response: Item }))).toBe(1)
      // A body without a declared length is read the same way.
      expect(yield* fibersMadeBy(call({ method: "GET", path: "/session", response: "none" }))).toBe(1)
    }).pipe(
      Effect.provide(
        Client.layer({ baseUrl: base }).pipe(
          Layer.provide(Client.layerFetch),
          Layer.provide(Layer.succeed(FetchHttpClient.Fetch, answer))
        )
      )
    )
  })
})

/** A local HTTP server for `handle`, on a free port, closed with the scope. */
const localServer = (handle: (req: NodeHttp.IncomingMessage, res: NodeHttp.ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.callback<NodeHttp.Server>((resume) => {
      const server = NodeHttp.createServer(handle)
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const fetchClient = (server: NodeHttp.Server, options: Partial<Parameters<typeof Client.layer>[0]> = {}) =>
  Client.make(OpencodeConfig.resolve({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, maxRetries: 0, ...options })).pipe(
    Effect.provide(Client.layerFetch)
  )

describe("OpencodeClient over fetch, against a socket: the body's own reader", () => {
  it.live("a body past maxBodyBytes is a DecodeError, and the connection is closed at once", () =>
    Effect.scoped(Effect.gen(function*() {
      let closed = false
      const server = yield* localServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.socket?.once("close", () => closed = true)
        const chunk = "x".repeat(64 * 1024)
        const pump = () => {
          while (!closed && res.write(chunk));
          if (!closed) res.once("drain", pump)
        }
        pump()
      })
      const client = yield* fetchClient(server, { maxBodyBytes: 256 * 1024 })
      const e = yield* Effect.flip(client.call({ method: "GET", path: "/big", response: Schema.Unknown }))
      expect(e._tag === "DecodeError" && e.issue).toBe("response body exceeds the limit of 262144 bytes")
      yield* Effect.sleep(Duration.millis(50)).pipe(Effect.repeat({ until: () => closed, times: 100 }))
      expect(closed).toBe(true)
    })))

  it.live("a connection cut in the middle of the body is a TransportError", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* localServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        res.write(`{"id":"`, () => res.socket?.destroy())
      })
      const client = yield* fetchClient(server)
      const e = yield* Effect.flip(client.call({ method: "GET", path: "/cut", response: Item }))
      expect(e._tag).toBe("TransportError")
    })))

  it.live("interrupting a call while its body streams closes the connection", () =>
    Effect.scoped(Effect.gen(function*() {
      let closed = false
      let started = false
      const server = yield* localServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        res.socket?.once("close", () => closed = true)
        res.write(`{"id":"`, () => started = true)
      })
      const client = yield* fetchClient(server)
      const fiber = yield* Effect.forkChild(client.call({ method: "GET", path: "/slow", response: Item }))
      yield* Effect.sleep(Duration.millis(20)).pipe(Effect.repeat({ until: () => started, times: 100 }))
      yield* Fiber.interrupt(fiber)
      yield* Effect.sleep(Duration.millis(20)).pipe(Effect.repeat({ until: () => closed, times: 100 }))
      expect(closed).toBe(true)
    })))
})
