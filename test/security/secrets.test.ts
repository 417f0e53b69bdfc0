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
import * as NodeUtil from "node:util"
import * as Client from "../../src/layers/OpencodeClient.ts"
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
          Layer.provide(Client.layerHttpClient)
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
