/**
 * The server password and the `Authorization` header never appear in anything the library
 * produces: errors (message, stack, `Cause.pretty`), log lines (Effect's logger at level All),
 * spans (names, attributes, events, exits), `JSON.stringify` / `String` / `util.inspect` of every
 * value it returns or fails with, and what the process writes to stdout/stderr meanwhile.
 *
 * One real `opencode serve` with a known password; calls that succeed and calls that fail in
 * every way (401 with a wrong password, 404, validation, HTML, refused with credentials in the
 * base URL, a session error from the model, a timeout, an event stream refused, a server start
 * that times out).
 */
import { expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, Redacted, References, Schema, Stream, Tracer } from "effect"
import * as Http from "node:http"
import * as NodeUtil from "node:util"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as Batch from "../../src/services/Batch.ts"
import { EventService } from "../../src/services/EventService.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

const SECRET = `pw-${Math.random().toString(36).slice(2)}-SECRET`
const WRONG = `wrong-${Math.random().toString(36).slice(2)}-PASSWORD`
const b64 = (s: string) => Buffer.from(s).toString("base64")
const needles = [SECRET, WRONG, b64(`opencode:${SECRET}`), b64(`opencode:${WRONG}`), b64(SECRET), encodeURIComponent(SECRET)]

const render = (u: unknown): Array<string> => {
  const out: Array<string> = []
  const attempt = (f: () => string) => {
    try {
      out.push(f())
    } catch (e) {
      out.push(`(not renderable: ${String(e)})`)
    }
  }
  attempt(() => JSON.stringify(u) ?? "")
  attempt(() => String(u))
  attempt(() => NodeUtil.inspect(u, { depth: 12, getters: true, showHidden: false }))
  if (u instanceof Error) {
    attempt(() => u.message)
    attempt(() => u.stack ?? "")
  }
  if (Exit.isExit(u) && Exit.isFailure(u)) attempt(() => Cause.pretty(u.cause))
  return out
}

it.live("the password and the Authorization header never leak", () =>
  Effect.gen(function*() {
    const logs: Array<string> = []
    const spans: Array<unknown> = []
    const collected: Array<readonly [string, unknown]> = []
    const keep = (label: string, u: unknown) => collected.push([label, u])

    const logger = Logger.make((options) => {
      logs.push(NodeUtil.inspect(options.message, { depth: 8 }))
      if (options.cause.reasons.length > 0) logs.push(Cause.pretty(options.cause))
      logs.push(JSON.stringify(Logger.formatStructured.log(options)) ?? "")
    })
    const tracer = Tracer.make({
      span(options) {
        const native = Tracer.nativeTracer.span(options)
        const record: { name: string; attributes: Record<string, unknown>; events: Array<unknown>; exit?: unknown } = {
          name: options.name,
          attributes: {},
          events: []
        }
        spans.push(record)
        return Object.assign(Object.create(native) as Tracer.Span, {
          attribute(key: string, value: unknown) {
            record.attributes[key] = value
            native.attribute(key, value)
          },
          event(name: string, startTime: bigint, attributes?: Record<string, unknown>) {
            record.events.push({ name, attributes })
            native.event(name, startTime, attributes)
          },
          end(endTime: bigint, exit: Exit.Exit<unknown, unknown>) {
            record.exit = exit
            for (const [k, v] of native.attributes) record.attributes[k] = v
            native.end(endTime, exit)
          }
        })
      }
    })

    // everything the process writes meanwhile
    const written: Array<string> = []
    const stdout = process.stdout.write.bind(process.stdout)
    const stderr = process.stderr.write.bind(process.stderr)
    process.stdout.write = ((chunk: unknown, ...rest: Array<unknown>) => {
      written.push(String(chunk))
      return (stdout as (...a: Array<unknown>) => boolean)(chunk, ...rest)
    }) as typeof process.stdout.write
    process.stderr.write = ((chunk: unknown, ...rest: Array<unknown>) => {
      written.push(String(chunk))
      return (stderr as (...a: Array<unknown>) => boolean)(chunk, ...rest)
    }) as typeof process.stderr.write

    const work = Effect.scoped(Effect.gen(function*() {
      const { model, project, server } = yield* TestServer.make({ server: { password: Redacted.make(SECRET) } })
      keep("server", server)
      keep("server.output", yield* server.output)
      const services = (password: string | undefined, baseUrl = server.url) =>
        Run.layerFromClient.pipe(
          Layer.provideMerge(Client.layer({
            baseUrl,
            username: server.username,
            password: password === undefined ? undefined : Redacted.make(password),
            directory: project.directory,
            maxRetries: 1,
            retryBaseDelay: "10 millis"
          })),
          Layer.provide(OpencodeNode.layerHttpClient)
        )

      // with the right password: successes and typed failures
      yield* Effect.gen(function*() {
        const client = yield* Client.OpencodeClient
        keep("client.config", client.config)
        keep("client", client)
        const sessions = yield* SessionService
        const session = yield* sessions.create({ title: "secrets" })
        keep("session", session)
        keep("list", yield* sessions.list())
        keep("404", yield* Effect.exit(sessions.get("ses_missing00000000")))
        keep("validation", yield* Effect.exit(sessions.get("../x")))
        keep("html", yield* Effect.exit(client.call({ method: "GET", path: "/nowhere", response: Schema.Unknown })))
        yield* model.script(ScriptedModel.text("fine"))
        keep("run", yield* Run.run("hello", { sessionID: session.id }))
        yield* model.script(ScriptedModel.streamError("broken"))
        keep("session error", yield* Effect.exit(Run.run("fail", { sessionID: session.id })))
        keep("batch", yield* Batch.run(["one", "two"], { concurrency: 2 }))
        keep("timeout", yield* Effect.exit(EventService.use((e) => e.waitForIdle(session.id, { after: "msg_never000000000000000000", timeout: "200 millis" }))))
        keep("messages", yield* MessageService.use((m) => m.list(session.id)))
        keep("stats", yield* EventService.use((e) => e.stats))
      }).pipe(Effect.provide(services(SECRET)))

      // a wrong password: 401 on calls and on the event stream
      yield* Effect.gen(function*() {
        keep("401", yield* Effect.exit(SessionService.use((s) => s.list())))
        keep("401 events", yield* Effect.exit(EventService.use((e) => Stream.runDrain(e.events())).pipe(Effect.timeout("10 seconds"))))
        keep("401 prompt", yield* Effect.exit(MessageService.use((m) => m.promptAsync("ses_x0000000000000000000", "hi"))))
      }).pipe(Effect.provide(services(WRONG)))

      // credentials in the base URL work, and never show in a URL
      const hostPort = server.url.replace("http://", "")
      for (const baseUrl of [`http://opencode:${encodeURIComponent(SECRET)}@${hostPort}`, `${server.url}/?auth_token=${b64(`opencode:${SECRET}`)}`]) {
        yield* Effect.gen(function*() {
          const client = yield* Client.OpencodeClient
          keep("url credentials config", client.config)
          keep("url credentials list", yield* SessionService.use((s) => s.list()))
          keep("url credentials 404", yield* Effect.exit(SessionService.use((s) => s.get("ses_missing00000000"))))
        }).pipe(Effect.provide(services(undefined, baseUrl)))
      }

      // credentials in the base URL, and a port nobody listens on
      const closed = `127.0.0.1:9`
      yield* Effect.gen(function*() {
        keep("refused config", (yield* Client.OpencodeClient).config)
        keep("refused", yield* Effect.exit(SessionService.use((s) => s.list())))
        keep("refused events", yield* Effect.exit(EventService.use((e) => Stream.runDrain(e.events())).pipe(Effect.timeout("3 seconds"))))
      }).pipe(Effect.provide(services(SECRET, `http://opencode:${encodeURIComponent(SECRET)}@${closed}`)))
      yield* Effect.gen(function*() {
        keep("refused auth_token", yield* Effect.exit(SessionService.use((s) => s.list())))
      }).pipe(Effect.provide(services(SECRET, `http://${closed}/?auth_token=${b64(`opencode:${SECRET}`)}`)))

      // a server start that cannot finish: its error carries the process output
      keep("start error", yield* Effect.exit(Effect.scoped(OpencodeServer.make({
        cwd: project.directory,
        password: Redacted.make(SECRET),
        isolate: true,
        startTimeout: "300 millis",
        versionCheck: "off"
      }))))
    }))

    yield* work.pipe(
      Effect.provide(Logger.layer([logger])),
      Effect.provideService(References.MinimumLogLevel, "All"),
      Effect.provideService(Tracer.Tracer, tracer),
      Effect.ensuring(Effect.sync(() => {
        process.stdout.write = stdout
        process.stderr.write = stderr
      }))
    )

    const leaks: Array<string> = []
    const check = (label: string, texts: ReadonlyArray<string>) => {
      for (const text of texts) {
        for (const needle of needles) {
          if (text.includes(needle)) leaks.push(`${label}: …${text.slice(Math.max(0, text.indexOf(needle) - 80), text.indexOf(needle) + 20)}…`)
        }
      }
    }
    for (const [label, value] of collected) check(label, render(value))
    check("logs", logs)
    check("spans", spans.flatMap((s) => render(s)))
    check("stdout/stderr", written)

    const failures = collected.filter(([, v]) => Exit.isExit(v) && Exit.isFailure(v)).length
    console.log(
      `secrets: ${collected.length} values (${failures} failures) rendered 3–5 ways, ${logs.length} log renderings, ${spans.length} spans, ${written.length} writes: ${leaks.length} leaks`
    )
    expect(leaks).toEqual([])
    // the checks looked at real material
    expect(failures).toBeGreaterThanOrEqual(9)
    expect(spans.length).toBeGreaterThan(10)
    const httpSpans = spans.filter((s) => "http.request.method" in (s as { attributes: Record<string, unknown> }).attributes)
    expect(httpSpans.length).toBeGreaterThan(10)
    const logged = logs.join("\n")
    expect(logged).toContain("opencode")
    expect(logs.length).toBeGreaterThan(0)
    // and the failures are the expected ones
    const tagOf = (label: string) => {
      const v = collected.find(([l]) => l === label)?.[1]
      return Exit.isExit(v) && Exit.isFailure(v) ? Cause.squash(v.cause) : undefined
    }
    expect((tagOf("401") as { status?: number }).status).toBe(401)
    expect((tagOf("url credentials 404") as { status?: number }).status).toBe(404)
    expect(collected.filter(([l, v]) => l === "url credentials list" && Array.isArray(v)).length).toBe(2)
    expect((tagOf("refused") as { _tag?: string; url?: string })._tag).toBe("TransportError")
    expect((tagOf("start error") as { _tag?: string })._tag).toBe("ServerStartError")
  }), { timeout: 180_000 })

/**
 * A server that reflects the request back (an HTML error page of a proxy, a debug endpoint): the
 * client's own credentials must not come back inside an error's body excerpt, message or data,
 * whichever way they were given (password option, URL userinfo, `auth_token`), and also when the
 * excerpt's cut falls inside them.
 */
it.live("credentials a server echoes back are redacted from every error", () =>
  Effect.gen(function*() {
    const secret = `echo-${Math.random().toString(36).slice(2)}-p@ss/w%rd+x`
    const token = `tok-${Math.random().toString(36).slice(2)}-TOKEN`
    const basic = b64(`opencode:${secret}`)
    const echoNeedles = [
      secret,
      encodeURIComponent(secret),
      basic,
      encodeURIComponent(basic),
      b64(secret),
      basic.slice(0, 16),
      token
    ]

    const server = yield* Effect.acquireRelease(
      Effect.callback<Http.Server>((resume) => {
        const s = Http.createServer((req, res) => {
          const auth = req.headers.authorization ?? ""
          const reflected = `auth=${auth} url=${req.url} decoded=${
            Buffer.from(auth.replace(/^Basic /, ""), "base64").toString("utf8")
          }`
          const path = (req.url ?? "").split("?")[0]
          const send = (status: number, type: string, body: string) => {
            res.writeHead(status, { "content-type": type })
            res.end(body)
          }
          switch (path) {
            case "/html":
              return send(200, "text/html", `<!doctype html><p>${reflected}</p>`)
            case "/straddle":
              // the excerpt (500 characters) ends inside the echoed Basic credentials
              return send(200, "text/html", `${"x".repeat(500 - "auth=Basic ".length - 16)}${reflected}`)
            case "/schema":
              return send(200, "application/json", JSON.stringify({ id: reflected, headers: req.headers }))
            case "/truncated":
              return send(200, "application/json", `{"echo": ${JSON.stringify(reflected)}, "more": [`)
            case "/none":
              return send(200, "text/html", `<p>${reflected}</p>`)
            case "/401":
              return send(401, "text/html", `<h1>Unauthorized</h1><pre>${reflected}</pre>`)
            case "/500":
              return send(500, "application/json", JSON.stringify({ name: "UnknownError", data: { message: reflected, headers: req.headers } }))
            case "/400":
              return send(400, "application/json", JSON.stringify({ _tag: "BadRequest", message: reflected, authorization: auth }))
            default:
              return send(502, "text/plain", reflected)
          }
        })
        s.listen(0, "127.0.0.1", () => {
          resume(Effect.succeed(s))
        })
      }),
      (s) =>
        Effect.callback<void>((resume) => {
          s.closeAllConnections()
          s.close(() => resume(Effect.void))
        })
    )
    const hostPort = `127.0.0.1:${(server.address() as { port: number }).port}`

    const ways: ReadonlyArray<readonly [string, Partial<Parameters<typeof Client.layer>[0]> & { baseUrl: string }]> = [
      ["password option", { baseUrl: `http://${hostPort}`, password: Redacted.make(secret) }],
      ["URL userinfo", { baseUrl: `http://opencode:${encodeURIComponent(secret)}@${hostPort}` }],
      ["auth_token (user:password)", { baseUrl: `http://${hostPort}/?auth_token=${encodeURIComponent(basic)}` }],
      ["auth_token (a token)", { baseUrl: `http://${hostPort}/?auth_token=${token}` }]
    ]
    const calls: ReadonlyArray<Client.Call<unknown>> = [
      { method: "GET", path: "/html", response: Schema.Unknown },
      { method: "GET", path: "/straddle", response: Schema.Unknown },
      { method: "GET", path: "/schema", response: Schema.Struct({ id: Schema.Number }) },
      { method: "GET", path: "/truncated", response: Schema.Unknown },
      { method: "POST", path: "/none", body: {}, response: "none" },
      { method: "GET", path: "/none", response: { text: ["application/json"] } },
      { method: "GET", path: "/401", response: Schema.Unknown },
      { method: "GET", path: "/500", response: Schema.Unknown },
      { method: "GET", path: "/400", response: Schema.Unknown },
      { method: "GET", path: "/502", response: Schema.Unknown }
    ]

    const leaks: Array<string> = []
    const tags: Array<string> = []
    let echoed = 0
    for (const [way, options] of ways) {
      const exits = yield* Effect.forEach(calls, (spec) =>
        Effect.exit(Effect.flatMap(Client.OpencodeClient, (c) => c.call(spec)))).pipe(
          Effect.provide(
            Client.layer({ ...options, maxRetries: 0 }).pipe(Layer.provide(OpencodeNode.layerHttpClient))
          )
        )
      for (const [i, exit] of exits.entries()) {
        const label = `${way} ${calls[i]!.method} ${calls[i]!.path}`
        if (Exit.isSuccess(exit)) {
          leaks.push(`${label}: succeeded`)
          continue
        }
        const error = Cause.squash(exit.cause)
        tags.push((error as { _tag: string })._tag)
        const texts = [...render(exit), ...render(error)]
        if (texts.some((t) => t.includes("auth=Basic"))) echoed++
        for (const text of texts) {
          for (const needle of echoNeedles) {
            if (text.includes(needle)) leaks.push(`${label}: …${text.slice(Math.max(0, text.indexOf(needle) - 60), text.indexOf(needle) + 20)}…`)
          }
        }
      }
    }
    expect(leaks).toEqual([])
    // the echo really came back into the errors (redacted), on every path
    expect(tags.filter((t) => t === "DecodeError").length).toBe(ways.length * 6)
    expect(tags.filter((t) => t === "ApiError").length).toBe(ways.length * 4)
    expect(echoed).toBeGreaterThanOrEqual(ways.length * 8)
  }).pipe(Effect.scoped), { timeout: 60_000 })
