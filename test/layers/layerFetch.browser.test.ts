/**
 * The client entry in a real browser: Debian's Chromium (`/usr/bin/chromium`, or the binary named
 * by `EFFECT_OPENCODE_CHROMIUM`), driven headless by playwright-core (no browser download), runs a
 * page whose program (test/layers/browser-page.ts, bundled by rolldown for the browser platform
 * from src/index.ts) uses `OpencodeClient.layerFetch` against a real `opencode serve` with a
 * password and `--cors <the page's origin>` (the managed server's `cors` option): it creates a
 * session, prompts it (the scripted model answers), reads the session's events over the fetch
 * event stream until `session.idle`, prompts it again with `Run.run`, and reads the history back
 * (paging it with the server's cursor too).
 *
 * The page is served from `http://127.0.0.2:<port>`, an origin the server does not allow by
 * itself (it allows `http://localhost:<port>`, `http://127.0.0.1:<port>` and `*.opencode.ai`), so
 * CORS is real: the same program from `http://127.0.0.3:<port>`, not in `--cors`, is refused by
 * the browser, and the error says to check `--cors`. Nothing else the flow needs is blocked:
 * the preflights for `Authorization` and JSON bodies pass, a 401 reaches the page, and the server
 * exposes `X-Next-Cursor` to pages, so history paging works (see docs/getting-started.md, "In a
 * browser").
 *
 * Missing Chromium fails the test with what to install (`.ci/run` installs it where it can); it
 * is never skipped.
 *
 * One browser, one server: the page's flow runs once and both tests read its outcome.
 */
import { expect, it, layer } from "@effect/vitest"
import { Context, Effect, Layer, Redacted } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import { chromium } from "playwright-core"
import { rolldown } from "rolldown"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import type { Outcome, PageConfig } from "./browser-page.ts"

const chromiumPath = process.env.EFFECT_OPENCODE_CHROMIUM ?? "/usr/bin/chromium"
const pageSource = NodePath.join(import.meta.dirname, "browser-page.ts")
const answer = "Answered in a browser"
const runAnswer = "Run in a browser"
// A first prompt costs the server its lazy start (~2 s); on a loaded 2-core machine the whole flow
// took up to ~35 s. The page's own waits are bounded (60 s each).
const testTimeout = 150_000

/** What one page load saw: the program's outcome, the console and the failed requests. */
interface PageRun {
  readonly outcome: Outcome
  readonly console: ReadonlyArray<string>
  readonly failedRequests: ReadonlyArray<string>
}

class Browser extends Context.Service<Browser, {
  /** Allowed through `--cors`. */
  readonly allowedOrigin: string
  /** Not allowed: neither in `--cors` nor in the server's own list. */
  readonly refusedOrigin: string
  /** Loads the page from `origin` and runs its program with `config`. */
  readonly run: (origin: string, config: PageConfig) => Effect.Effect<PageRun, Error>
}>()("test/Browser") {}

const fail = (what: string) => (cause: unknown) =>
  new Error(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`)

/** The page's program as one ESM file for the browser; any import left unresolved (a `node:*` module) fails. */
const bundle = Effect.acquireUseRelease(
  Effect.tryPromise({
    try: () => {
      const unresolved: Array<string> = []
      return rolldown({
        input: pageSource,
        platform: "browser",
        onLog: (level, log) => {
          if (level === "warn" && log.code === "UNRESOLVED_IMPORT") unresolved.push(log.message)
        }
      }).then((build) => ({ build, unresolved }))
    },
    catch: fail("bundling the page")
  }),
  ({ build, unresolved }) =>
    Effect.tryPromise({ try: () => build.generate({ format: "esm" }), catch: fail("bundling the page") }).pipe(
      Effect.flatMap((output) =>
        unresolved.length > 0 || output.output.length !== 1
          ? Effect.fail(new Error(`the page's bundle is not self-contained:\n${unresolved.join("\n")}`))
          : Effect.succeed(output.output[0].code)
      )
    ),
  ({ build }) => Effect.promise(() => build.close())
)

/** A static server for the page on `host` (a loopback address), closed with the scope. */
const pageServer = (host: string, script: string) =>
  Effect.acquireRelease(
    Effect.callback<Http.Server & { readonly origin: string }, Error>((resume) => {
      const server = Http.createServer((req, res) => {
        if (req.url === "/page.js") {
          res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script)
        } else if (req.url === "/") {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
            `<!doctype html><html><head><link rel="icon" href="data:,"><script type="module" src="/page.js"></script></head><body></body></html>`
          )
        } else {
          res.writeHead(404).end()
        }
      })
      server.once("error", (error) => resume(Effect.fail(fail(`serving the page on ${host}`)(error))))
      server.listen(0, host, () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed(Object.assign(server, { origin: `http://${host}:${port}` })))
      })
    }),
    (server) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const missingChromium =
  `no Chromium at ${chromiumPath}: install it (Debian: apt-get install chromium; .ci/run does this as root) or set EFFECT_OPENCODE_CHROMIUM to a Chromium binary`

const launch = Effect.acquireRelease(
  Effect.tryPromise({
    try: () => {
      if (!NodeFs.existsSync(chromiumPath)) throw new Error(missingChromium)
      // No sandbox: CI runs as root, where Chromium refuses to start with its sandbox; the page is ours.
      return chromium.launch({ executablePath: chromiumPath, headless: true, chromiumSandbox: false, args: ["--disable-dev-shm-usage"] })
    },
    catch: fail("launching Chromium")
  }),
  (browser) => Effect.promise(() => browser.close())
)

const BrowserLive = Layer.effect(
  Browser,
  Effect.gen(function*() {
    const script = yield* bundle
    const allowed = yield* pageServer("127.0.0.2", script)
    const refused = yield* pageServer("127.0.0.3", script)
    const browser = yield* launch
    const run = (origin: string, config: PageConfig) =>
      Effect.acquireUseRelease(
        Effect.tryPromise({ try: () => browser.newPage(), catch: fail("opening a page") }),
        (page) =>
          Effect.tryPromise({
            try: async (): Promise<PageRun> => {
              const console: Array<string> = []
              const failedRequests: Array<string> = []
              page.on("console", (message) => console.push(`${message.type()}: ${message.text()}`))
              page.on("pageerror", (error) => console.push(`pageerror: ${error.message}`))
              page.on("requestfailed", (request) =>
                failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "?"}`))
              await page.goto(`${origin}/`)
              await page.waitForFunction(() => "runOpencode" in globalThis, undefined, { timeout: 10_000 })
              const outcome = await page.evaluate(
                (c) => (globalThis as unknown as { runOpencode: (c: PageConfig) => Promise<Outcome> }).runOpencode(c),
                config
              )
              return { outcome, console, failedRequests }
            },
            catch: fail(`running the page from ${origin}`)
          }),
        (page) => Effect.promise(() => page.close())
      )
    return Browser.of({ allowedOrigin: allowed.origin, refusedOrigin: refused.origin, run })
  })
)

const Live = Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(
    Layer.unwrap(Effect.map(Browser, (b) => TestServer.layer({ server: { cors: [b.allowedOrigin] } })))
  ),
  Layer.provideMerge(BrowserLive),
  Layer.provide(Client.layerFetch)
)

const pageConfig = (server: OpencodeServer.OpencodeServerShape, mode: PageConfig["mode"]): PageConfig => ({
  baseUrl: server.url,
  password: server.password === undefined ? "" : Redacted.value(server.password),
  mode
})

// Counted as a failed test (not only a failed setup, which the report lists as skipped tests).
it("Chromium is installed (the browser test is never skipped)", () => {
  expect(NodeFs.existsSync(chromiumPath), missingChromium).toBe(true)
})

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("OpencodeClient.layerFetch in Chromium (real opencode serve --cors)", (it) => {
  // The page's flow runs once; both tests read it.
  let flow: Promise<PageRun> | undefined
  const runFlow = Effect.gen(function*() {
    const browser = yield* Browser
    const server = yield* OpencodeServer.OpencodeServer
    const model = yield* ScriptedModel.ScriptedModel
    if (flow === undefined) {
      yield* model.script(ScriptedModel.text(answer), ScriptedModel.text(runAnswer))
      flow = Effect.runPromise(browser.run(browser.allowedOrigin, pageConfig(server, "full")))
    }
    return yield* Effect.promise(() => flow!)
  })

  it.effect("a page on another origin creates a session, prompts it and reads its events until idle, with Basic auth", () =>
    Effect.gen(function*() {
      const { outcome, console, failedRequests } = yield* runFlow
      if (!outcome.ok) throw new Error(`the page failed: ${JSON.stringify(outcome.error)}\n${console.join("\n")}`)
      expect(outcome.sessionID).toMatch(/^ses_/)
      expect(outcome.title).toBe("from a browser")
      // The server has it (seen from Node).
      const stored = yield* SessionService.SessionService.use((s) => s.get(outcome.sessionID!))
      expect(stored.title).toBe("from a browser")
      // Prompt answered by the scripted model, events read over the fetch event stream until idle.
      expect(outcome.runText).toBe(runAnswer)
      expect(outcome.history).toEqual(["Hello from a browser", answer, "Again from a browser", runAnswer])
      expect(outcome.eventTypes).toEqual(expect.arrayContaining(["message.updated", "session.status"]))
      expect(outcome.eventTypes?.at(-1)).toBe("session.idle")
      // A wrong password: the server's 401 carries the CORS header, so the page sees a typed 401.
      expect(outcome.wrongPassword).toMatchObject({ tag: "ApiError", status: 401 })
      // No CORS refusal (the preflights for Authorization and JSON bodies pass); the only failed
      // requests are event streams the page closed itself.
      expect(console.filter((line) => /CORS|blocked/i.test(line))).toEqual([])
      expect(failedRequests.filter((line) => !(line.includes("/event") && line.endsWith("net::ERR_ABORTED")))).toEqual([])
    }), testTimeout)

  it.effect("a page pages the history with the server's X-Next-Cursor (the server exposes it to pages)", () =>
    Effect.gen(function*() {
      const { outcome } = yield* runFlow
      if (!outcome.ok) throw new Error(`the page failed: ${JSON.stringify(outcome.error)}`)
      // The cursor is a response header other than the CORS-safelisted ones: a page reads it only
      // because the server sends `Access-Control-Expose-Headers: Link, X-Next-Cursor`. Without it
      // the first page would look like the last one and the history would end there.
      const nodePage = yield* MessageService.MessageService.use((m) => m.page(outcome.sessionID!, { limit: 1 }))
      expect(nodePage.cursor).toBeDefined()
      expect(outcome.firstPage).toEqual({ size: 1, cursor: nodePage.cursor })
      expect(outcome.streamed).toBe(4)
    }), testTimeout)

  it.effect("a page on an origin the server does not allow is refused by the browser: a TransportError", () =>
    Effect.gen(function*() {
      const browser = yield* Browser
      const server = yield* OpencodeServer.OpencodeServer
      const { outcome, console } = yield* browser.run(browser.refusedOrigin, pageConfig(server, "list"))
      expect(outcome.ok).toBe(false)
      if (outcome.ok) return
      expect(outcome.error.tag).toBe("TransportError")
      // The browser tells a page nothing but "Failed to fetch"; the error says what to check.
      expect(outcome.error.message).toContain("Failed to fetch")
      expect(outcome.error.message).toContain(`opencode serve --cors ${browser.refusedOrigin}`)
      expect(console.some((line) => line.includes("blocked by CORS policy"))).toBe(true)
    }), testTimeout)
})
