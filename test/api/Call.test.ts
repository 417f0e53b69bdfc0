/**
 * `ApiCall.call` / `ApiCall.stream` and the `OpencodeV2` surface against a swapped HttpClient:
 * path encoding and id checks, query and deepObject encoding, body validation, answers of each
 * kind, and the type-level contract (the `@ts-expect-error` lines are checked by `tsc --noEmit`).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Stream, Tracer } from "effect"
import * as ApiCall from "../../src/api/Call.ts"
import * as Op from "../../src/api/Operations.ts"
import { operations } from "../../src/api/OperationTable.ts"
import * as OpencodeV2 from "../../src/api/V2.ts"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"

const session = {
  id: "ses_dc3b510dbffenj5rBRK35yOssD",
  projectID: "global",
  cost: 0,
  tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } },
  time: { created: 1796307873888, updated: 1796307873888 },
  title: "New session",
  location: { directory: "/p" }
}

const Test = (handler: Parameters<typeof MockHttp.layer>[0], directory?: string) =>
  OpencodeV2.layer.pipe(
    Layer.provideMerge(Client.layer({ baseUrl: "http://opencode.test", maxRetries: 0, ...(directory ? { directory } : {}) })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

const ok204 = () => new Response(null, { status: 204 })


/** A tracer that records the name of each span it starts (and otherwise is Effect's own). */
const recordingTracer = () => {
  const names: Array<string> = []
  const tracer = Tracer.make({
    span(options) {
      names.push(options.name)
      return Tracer.nativeTracer.span(options)
    }
  })
  return { names, tracer }
}
describe("ApiCall.call (swapped HttpClient)", () => {
  it.effect("builds the path from the template with each id percent-encoded and checked", () =>
    Effect.gen(function*() {
      yield* ApiCall.call("v2.session.wait", { path: { sessionID: "ses_a-B_9" } })
      const out = yield* ApiCall.call("v2.session.switchAgent", { path: { sessionID: "ses_1" }, body: { agent: "plan" } })
      expect(out).toBeUndefined()
      const [wait, switchAgent] = yield* requests
      expect(wait!.method).toBe("POST")
      expect(wait!.url.pathname).toBe("/api/session/ses_a-B_9/wait")
      expect(switchAgent!.url.pathname).toBe("/api/session/ses_1/agent")
      expect(JSON.parse(switchAgent!.body!)).toEqual({ agent: "plan" })
    }).pipe(Effect.provide(Test(ok204))))

  it.effect("rejects bad path parameters with a ValidationError and sends nothing", () =>
    Effect.gen(function*() {
      const bad: ReadonlyArray<unknown> = [
        "not-a-session",
        "ses",
        // only the prefix, or the prefix without its underscore (issue 16: "ses_" was sent)
        "ses_",
        "sesX",
        "../x",
        "ses_1/../../x",
        "ses%2F..",
        "ses_ü",
        "ses_..",
        "ses_" + "a".repeat(5000),
        "",
        5,
        undefined
      ]
      for (const sessionID of bad) {
        const e = yield* Effect.flip(ApiCall.call("v2.session.get", { path: { sessionID: sessionID as string } }))
        expect(e._tag).toBe("ValidationError")
        expect(e._tag === "ValidationError" && e.field).toBe("path.sessionID")
      }
      // the second parameter is checked too (its schema demands "msg_")
      const m = yield* Effect.flip(ApiCall.call("v2.session.message", { path: { sessionID: "ses_1", messageID: "msgx" } }))
      expect(m._tag === "ValidationError" && m.field).toBe("path.messageID")
      // a parameter without an id prefix still keeps to the safe-character rule
      const p = yield* Effect.flip(ApiCall.call("v2.provider.get", { path: { providerID: "a/../b" } }))
      expect(p._tag === "ValidationError" && p.field).toBe("path.providerID")
      // a missing path object, an unknown key
      const none = yield* Effect.flip(ApiCall.call("v2.session.get", {} as never))
      expect(none._tag === "ValidationError" && none.field).toBe("path")
      const extra = yield* Effect.flip(
        ApiCall.call("v2.session.get", { path: { sessionID: "ses_1", other: "x" } } as never)
      )
      expect(extra._tag === "ValidationError" && extra.field).toBe("path")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, { data: session })))))

  it.effect("a path parameter without an id prefix is a name: dots and @ are sent percent-encoded, slashes and spaces refused", () =>
    Effect.gen(function*() {
      yield* ApiCall.call("mcp.connect", { path: { name: "x.y@z" } })
      const [sent] = yield* requests
      expect(sent!.url.pathname).toBe("/mcp/x%2Ey%40z/connect")
      for (const name of ["a/b", "a b", ".", "..", ""]) {
        const e = yield* Effect.flip(ApiCall.call("mcp.connect", { path: { name } }))
        expect(e._tag === "ValidationError" && e.field).toBe("path.name")
      }
      expect((yield* requests).length).toBe(1)
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, true)))))

  it.effect("stringifies the query, flattens deepObject parameters and sends the directory", () =>
    Effect.gen(function*() {
      yield* ApiCall.call("v2.session.list", { query: { limit: 5, order: "desc", search: "a b&c" } })
      yield* ApiCall.call("v2.agent.list", { query: { location: { directory: "/other dir", workspace: "wrk_1" } } })
      yield* ApiCall.call("v2.session.list", { directory: null })
      yield* ApiCall.call("v2.session.list", { directory: "/elsewhere" })
      const [list, agents, noDir, elsewhere] = yield* requests
      expect(Object.fromEntries(list!.url.searchParams)).toEqual({
        directory: "/project",
        limit: "5",
        order: "desc",
        search: "a b&c"
      })
      expect(Object.fromEntries(agents!.url.searchParams)).toEqual({
        directory: "/project",
        "location[directory]": "/other dir",
        "location[workspace]": "wrk_1"
      })
      expect(noDir!.url.search).toBe("")
      expect(elsewhere!.url.searchParams.get("directory")).toBe("/elsewhere")
    }).pipe(Effect.provide(Test((req) =>
      MockHttp.json(200, req.url.pathname === "/api/agent" ? { location: { directory: "/p", project: { id: "global", directory: "/p" } }, data: [] } : { data: [], cursor: { previous: null, next: null } }), "/project"))))

  it.effect("a key set to undefined in the query or the body is left out, as if absent (not a ValidationError)", () =>
    Effect.gen(function*() {
      const options: { readonly limit?: number | undefined; readonly title?: string | undefined } = {}
      yield* ApiCall.call("v2.session.list", { query: { limit: options.limit, search: "x" } })
      yield* ApiCall.call("pty.create", { body: { command: "/bin/sh", title: options.title, env: { A: "1" } } })
      const [list, create] = yield* requests
      expect(Object.fromEntries(list!.url.searchParams)).toEqual({ search: "x" })
      expect(JSON.parse(create!.body!)).toEqual({ command: "/bin/sh", env: { A: "1" } })
      // a required key set to undefined is still missing
      const missing = yield* Effect.flip(ApiCall.call("v2.fs.find", { query: { query: undefined as unknown as string } }))
      expect(missing._tag === "ValidationError" && missing.field).toBe("query")
    }).pipe(Effect.provide(Test((req) =>
      req.url.pathname === "/pty"
        ? MockHttp.json(200, { id: "pty_1", title: "", command: "/bin/sh", args: [], cwd: "/", status: "running", pid: 1 })
        : MockHttp.json(200, { data: [], cursor: { previous: null, next: null } })
    ))))

  it.effect("rejects a query its schema refuses before sending", () =>
    Effect.gen(function*() {
      const order = yield* Effect.flip(ApiCall.call("v2.session.list", { query: { order: "sideways" as "asc" } }))
      expect(order._tag === "ValidationError" && order.field).toBe("query")
      const workspace = yield* Effect.flip(ApiCall.call("v2.session.list", { query: { workspace: "nope" } }))
      expect(workspace._tag === "ValidationError" && workspace.field).toBe("query")
      const missing = yield* Effect.flip(ApiCall.call("v2.fs.find", { query: {} as { query: string } }))
      expect(missing._tag === "ValidationError" && missing.field).toBe("query")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, {})))))

  it.effect("a query or body key whose value is undefined is left out, as JSON would (was: a ValidationError)", () =>
    Effect.gen(function*() {
      yield* ApiCall.call("session.list", { query: { search: undefined, limit: 2 } })
      yield* ApiCall.call("session.update", {
        path: { sessionID: "ses_1" },
        body: { title: "t", metadata: undefined, time: { archived: undefined } }
      })
      const [list, update] = yield* requests
      expect(list!.url.search).toBe("?limit=2")
      expect(JSON.parse(update!.body!)).toEqual({ title: "t", time: {} })
    }).pipe(Effect.provide(Test((request) =>
      request.method === "GET" ? MockHttp.json(200, []) : MockHttp.json(200, {
        id: "ses_1", slug: "s", projectID: "global", directory: "/p", title: "t", version: "1", time: { created: 1, updated: 1 }
      })
    ))))

  it.effect("encodes the body with its schema; a bad or missing body is a ValidationError, nothing sent", () =>
    Effect.gen(function*() {
      const wrongType = yield* Effect.flip(
        ApiCall.call("v2.session.switchAgent", { path: { sessionID: "ses_1" }, body: { agent: 5 as unknown as string } })
      )
      expect(wrongType._tag === "ValidationError" && wrongType.field).toBe("body")
      const missing = yield* Effect.flip(ApiCall.call("v2.session.switchAgent", { path: { sessionID: "ses_1" } } as never))
      expect(missing._tag === "ValidationError" && missing.field).toBe("body")
      const pattern = yield* Effect.flip(
        ApiCall.call("v2.session.revert.stage", { path: { sessionID: "ses_1" }, body: { messageID: "bogus" } })
      )
      expect(pattern._tag === "ValidationError" && pattern.field).toBe("body")
      const unwanted = yield* Effect.flip(ApiCall.call("v2.session.wait", { path: { sessionID: "ses_1" }, body: {} } as never))
      expect(unwanted._tag === "ValidationError" && unwanted.field).toBe("body")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(ok204))))

  it.effect("decodes a json answer with the table's schema; a wrong one is a DecodeError", () =>
    Effect.gen(function*() {
      const got = yield* ApiCall.call("v2.session.get", { path: { sessionID: session.id } })
      expect(got.data.id).toBe(session.id)
      expect(got.data.location.directory).toBe("/p")
      const bad = yield* Effect.flip(ApiCall.call("v2.session.get", { path: { sessionID: "ses_2" } }))
      expect(bad._tag).toBe("DecodeError")
    }).pipe(Effect.provide(Test((req) =>
      req.url.pathname.endsWith("ses_2") ? MockHttp.json(200, { data: { id: 5 } }) : MockHttp.json(200, { data: session })))))

  it.effect("an error answer is a typed ApiError with the server's name and message", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(ApiCall.call("v2.session.wait", { path: { sessionID: "ses_1" } }))
      expect(e._tag).toBe("ApiError")
      if (e._tag !== "ApiError") return
      expect(e.status).toBe(503)
      expect(e.name).toBe("ServiceUnavailableError")
      expect(e.message).toBe("Session wait is not available yet")
      expect(e.path).toBe("/api/session/ses_1/wait")
    }).pipe(Effect.provide(Test(() =>
      MockHttp.json(503, { _tag: "ServiceUnavailableError", message: "Session wait is not available yet" })))))

  it.live("a POST is retried on a transient failure only when the call says idempotent", () =>
    Effect.gen(function*() {
      const plain = yield* Effect.flip(ApiCall.call("mcp.connect", { path: { name: "fs" } }))
      expect(plain._tag).toBe("ApiError")
      expect((yield* requests).length).toBe(1)
      const connected = yield* ApiCall.call("mcp.connect", { path: { name: "fs" }, idempotent: true })
      expect(connected).toBe(true)
      expect((yield* requests).length).toBe(3)
      const bad = yield* Effect.flip(ApiCall.call("mcp.connect", { path: { name: "fs" }, idempotent: "yes" as never }))
      expect(bad._tag === "ValidationError" && bad.field).toBe("idempotent")
      expect((yield* requests).length).toBe(3)
    }).pipe(Effect.provide(
      OpencodeV2.layer.pipe(
        Layer.provideMerge(Client.layer({ baseUrl: "http://opencode.test", maxRetries: 1, retryBaseDelay: "1 millis" })),
        Layer.provideMerge(MockHttp.layer((() => {
          let n = 0
          return () => ++n <= 2 ? MockHttp.json(503, { name: "Unavailable", message: "busy" }) : MockHttp.json(200, true)
        })()))
      )
    )))

  it.effect("an unknown operation id or a non-call kind is a ValidationError", () =>
    Effect.gen(function*() {
      const unknown = yield* Effect.flip(ApiCall.call("v2.nope" as never))
      expect(unknown._tag === "ValidationError" && unknown.field).toBe("operationId")
      const proto = yield* Effect.flip(ApiCall.call("toString" as never))
      expect(proto._tag === "ValidationError" && proto.field).toBe("operationId")
      const sse = yield* Effect.flip(ApiCall.call("v2.event.subscribe" as never))
      expect(sse._tag === "ValidationError" && sse.field).toBe("operationId")
      const binary = yield* Effect.flip(ApiCall.call("v2.fs.read" as never))
      expect(binary._tag === "ValidationError" && binary.field).toBe("operationId")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(ok204))))

  it.effect("each call runs in a span named after its operation id", () => {
    const { names, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* ApiCall.call("v2.session.wait", { path: { sessionID: "ses_1" } })
      yield* Effect.flip(ApiCall.call("v2.session.interrupt", { path: { sessionID: "bad" } }))
      expect(names).toContain("v2.session.wait")
      expect(names).toContain("v2.session.interrupt")
    }).pipe(Effect.provide(Test(ok204)), Effect.provideService(Tracer.Tracer, tracer))
  })

  it.effect("with no tracer installed a call makes no span at all (its own, the transport's, HttpClient's) and sends no trace context", () => {
    // Effect's default tracer keeps spans in memory and drops them: one per call is pure cost.
    const made: Array<string> = []
    const original = Tracer.nativeTracer.span
    const span = original.bind(Tracer.nativeTracer)
    return Effect.gen(function*() {
      Tracer.nativeTracer.span = (options) => {
        made.push(options.name)
        return span(options)
      }
      yield* ApiCall.call("v2.session.wait", { path: { sessionID: "ses_1" } })
      yield* Effect.flip(ApiCall.call("v2.session.interrupt", { path: { sessionID: "bad" } }))
      expect(made).toEqual([])
      const [sent] = yield* requests
      expect(sent!.headers.traceparent).toBeUndefined()
    }).pipe(
      Effect.provide(Test(ok204)),
      Effect.ensuring(Effect.sync(() => {
        Tracer.nativeTracer.span = original
      }))
    )
  })

  it.effect("with a tracer installed a call has its spans and sends its trace context", () => {
    const { names, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* ApiCall.call("v2.session.wait", { path: { sessionID: "ses_1" } })
      expect(names).toEqual(["v2.session.wait", "POST /api/session/{sessionID}/wait", "POST"])
      const [sent] = yield* requests
      expect(sent!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
    }).pipe(Effect.provide(Test(ok204)), Effect.provideService(Tracer.Tracer, tracer))
  })

  it.effect("callWith takes an operation constant, call the constant or its id: the same request either way", () =>
    Effect.gen(function*() {
      const client = yield* Client.OpencodeClient
      yield* ApiCall.callWith(client)(Op.v2SessionSwitchAgent, { path: { sessionID: "ses_1" }, body: { agent: "plan" } })
      yield* ApiCall.call(Op.v2SessionSwitchAgent, { path: { sessionID: "ses_1" }, body: { agent: "plan" } })
      yield* ApiCall.call("v2.session.switchAgent", { path: { sessionID: "ses_1" }, body: { agent: "plan" } })
      const sent = (yield* requests).map((r) => [r.method, r.url.pathname, r.body])
      expect(sent).toEqual(Array(3).fill(["POST", "/api/session/ses_1/agent", `{"agent":"plan"}`]))
    }).pipe(Effect.provide(Test(ok204))))

  it.effect("the …With forms given anything but an operation (an id, a look-alike) fail with a ValidationError, nothing sent", () =>
    Effect.gen(function*() {
      const client = yield* Client.OpencodeClient
      for (const notAnOperation of ["v2.session.wait", { id: "v2.session.wait", path: "/x" }, null, undefined] as const) {
        const e = yield* Effect.flip(ApiCall.callWith(client)(notAnOperation as never))
        expect(e._tag === "ValidationError" && e.field).toBe("operationId")
        const s = yield* Effect.flip(Stream.runDrain(ApiCall.streamWith(client)(notAnOperation as never)))
        expect(s._tag === "ValidationError" && s.field).toBe("operationId")
        const b = yield* Effect.flip(ApiCall.bytesWith(client)(notAnOperation as never, { rest: "a" } as never))
        expect(b._tag === "ValidationError" && b.field).toBe("operationId")
      }
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(ok204))))

  it.effect("a call's span takes its route template and id from the operation it names, not from a table look-up", () => {
    const spans: Array<Tracer.Span> = []
    const tracer = Tracer.make({
      span(options) {
        const span = Tracer.nativeTracer.span(options)
        spans.push(span)
        return span
      }
    })
    return Effect.gen(function*() {
      const client = yield* Client.OpencodeClient
      yield* ApiCall.callWith(client)(Op.v2SessionWait, { path: { sessionID: "ses_1" } })
      // the same route sent by hand, naming no operation: its path is kept without its ids
      yield* client.call({ method: "POST", path: "/api/session/ses_1/wait", response: "none" })
      const calls = spans.filter((s) => s.name.startsWith("POST "))
        .map((s) => ({ name: s.name, operationId: s.attributes.get("opencode.operation.id") }))
      expect(calls).toEqual([
        { name: "POST /api/session/{sessionID}/wait", operationId: "v2.session.wait" },
        { name: "POST /api/{}/{}/{}", operationId: undefined }
      ])
    }).pipe(Effect.provide(Test(ok204)), Effect.provideService(Tracer.Tracer, tracer))
  })

  it.effect("stream decodes each event of an SSE operation with the table's schema", () =>
    Effect.gen(function*() {
      const events = yield* ApiCall.stream("v2.event.subscribe").pipe(Stream.take(2), Stream.runCollect)
      expect(events.map((e) => e.type)).toEqual(["server.connected", "server.connected"])
      const [req] = yield* requests
      expect(req!.url.pathname).toBe("/api/event")
    }).pipe(Effect.provide(Test(() =>
      new Response(
        `data: {"id":"evt_1","type":"server.connected","data":{}}\n\ndata: not json\n\ndata: {"id":"evt_2","type":"server.connected","data":{}}\n\n`,
        { status: 200, headers: { "content-type": "text/event-stream" } }
      )))))

  it.effect("stream checks its input before connecting", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(Stream.runDrain(ApiCall.stream("v2.session.events", { path: { sessionID: "../x" } })))
      expect(e._tag === "ValidationError" && e.field).toBe("path.sessionID")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Test(ok204))))
})

describe("OpencodeV2 surface", () => {
  it("has one method per served /api/ operation, at the place its id names", () => {
    const v2Ids = Object.values(operations).filter((op) => op.api === "v2").map((op) => op.id)
    expect(v2Ids.length).toBe(58)
    const served = OpencodeV2.v2Operations.map((op) => op.id)
    expect(v2Ids.filter((id) => !served.includes(id)).sort()).toEqual(["v2.fs.read", "v2.pty.connect"])
    const surface = OpencodeV2.make({} as never) as unknown as Record<string, unknown>
    for (const id of served) {
      const method = id.split(".").slice(1).reduce<unknown>((node, s) => (node as Record<string, unknown>)[s], surface)
      expect(typeof method, id).toBe("function")
    }
    // v1 operations whose ids begin with "v2." (/experimental/project/{id}/copy) are not v2
    expect("projectCopy" in surface).toBe(false)
  })

  it.effect("a nested method sends its operation", () =>
    Effect.gen(function*() {
      const v2 = yield* OpencodeV2.V2
      const staged = yield* v2.session.revert.stage({ path: { sessionID: "ses_1" }, body: { messageID: "msg_1" } })
      expect(staged.data.messageID).toBe("msg_1")
      const [req] = yield* requests
      expect(req!.method).toBe("POST")
      expect(req!.url.pathname).toBe("/api/session/ses_1/revert/stage")
      expect(JSON.parse(req!.body!)).toEqual({ messageID: "msg_1" })
    }).pipe(Effect.provide(Test(() => MockHttp.json(200, { data: { messageID: "msg_1" } })))))
})

/** Never run: `tsc --noEmit` checks that each marked line does not compile. */
export const typeLevel = Effect.gen(function*() {
  const v2 = yield* OpencodeV2.V2
  // @ts-expect-error a wrong path parameter name
  yield* ApiCall.call("v2.session.get", { path: { sessionId: "ses_1" } })
  // @ts-expect-error the path parameter is required
  yield* ApiCall.call("v2.session.get")
  // @ts-expect-error a body of the wrong type
  yield* ApiCall.call("v2.session.switchAgent", { path: { sessionID: "ses_1" }, body: { agent: 5 } })
  // @ts-expect-error a required body is missing
  yield* ApiCall.call("v2.session.switchAgent", { path: { sessionID: "ses_1" } })
  // @ts-expect-error an operation without path parameters takes no `path`
  yield* ApiCall.call("v2.session.list", { path: { sessionID: "ses_1" } })
  // @ts-expect-error `directory` is a call option, not a query key
  yield* ApiCall.call("v2.session.list", { query: { directory: "/x" } })
  // @ts-expect-error a required query key is missing
  yield* ApiCall.call("v2.fs.find", { query: {} })
  // @ts-expect-error an event stream is not a plain call
  yield* ApiCall.call("v2.event.subscribe")
  // @ts-expect-error a binary answer is not served
  yield* ApiCall.call("v2.fs.read")
  // @ts-expect-error a WebSocket is not served
  yield* ApiCall.call("v2.pty.connect", { path: { ptyID: "pty_1" } })
  // @ts-expect-error an unknown operation
  yield* ApiCall.call("v2.session.nope")
  // @ts-expect-error the success type is the schema's Type
  const n: number = yield* ApiCall.call("v2.session.get", { path: { sessionID: "ses_1" } })
  // @ts-expect-error a `none` answer is void
  const s: string = yield* v2.session.wait({ path: { sessionID: "ses_1" } })
  // @ts-expect-error no such method
  v2.session.nope
  // @ts-expect-error the nested method checks its body too
  yield* v2.session.revert.stage({ path: { sessionID: "ses_1" }, body: { messageId: "msg_1" } })
  const list = yield* v2.session.list({ query: { limit: 1 } })
  const history = yield* v2.model.list()
  return [n, s, list.data.length, history.data.length] as const
})

describe("ApiCall.bytes and ApiCall.socket (swapped HttpClient)", () => {
  it.effect("bytes joins a chunked body exactly, encodes rest's segments, and stops at maxBodyBytes", () =>
    Effect.gen(function*() {
      const chunked = (parts: ReadonlyArray<Uint8Array>) =>
        new Response(new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part)
            controller.close()
          }
        }), { status: 200, headers: { "content-type": "application/octet-stream" } })
      const client = yield* Client.make({ ...(yield* Client.OpencodeClient).config, maxBodyBytes: 6 }).pipe(
        Effect.provide(MockHttp.layer((_req, n) =>
          n === 1 ? chunked([new Uint8Array([0, 255]), new Uint8Array([1, 2, 3])]) : chunked([new Uint8Array(4), new Uint8Array(4)])
        ))
      )
      const read = yield* ApiCall.bytesWith(client)(Op.v2FsRead, { rest: "a b/c.bin" })
      expect(Array.from(read)).toEqual([0, 255, 1, 2, 3])
      const tooBig = yield* Effect.flip(ApiCall.bytesWith(client)(Op.v2FsRead, { rest: "big.bin" }))
      expect(tooBig._tag).toBe("DecodeError")
    }).pipe(Effect.provide(Test(ok204))))

  it.effect("socketUrl: ws/wss, directory and query, and never the base URL's credentials", () =>
    Effect.gen(function*() {
      const client = yield* Client.make({
        ...(yield* Client.OpencodeClient).config,
        baseUrl: "https://opencode:hunter2@example.test/base/",
        directory: "/p q"
      }).pipe(Effect.provide(MockHttp.layer(() => ok204())))
      const url = ApiCall.socketUrl(client, { method: "GET", path: "/pty/pty_1/connect", query: { ticket: "t 1" } })
      expect(url).toBe("wss://example.test/base/pty/pty_1/connect?directory=%2Fp+q&ticket=t+1")
      expect(url).not.toContain("hunter2")
    }).pipe(Effect.provide(Test(ok204))))
})
