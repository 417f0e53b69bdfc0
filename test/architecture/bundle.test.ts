/**
 * What a bundler keeps of the client entry for a small program: only what the program uses. The
 * program that lists sessions (issue 18's sessions-only program) is bundled with rolldown
 * (minified, platform node, as `bench/footprint.ts` does) and its output is searched for what it
 * must not carry: operations no session or message method calls (each generated operation
 * constant names its path template, so a kept operation shows as its path), schemas only they use,
 * and effect's OTLP exporter, which only `Telemetry.layerOtlp` needs.
 *
 * Before the operations were one export each, every service call went through the one table of
 * all 189 operations, so any program kept every operation and every schema; and the
 * telemetry module's unmarked top-level calls kept the OTLP modules.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { build } from "rolldown"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = Path.resolve(import.meta.dirname, "../..")

const sessionsOnly = `
import { Effect, Layer } from "effect"
import { OpencodeClient, SessionService } from "effect-opencode"
const program = SessionService.SessionService.use((sessions) => sessions.list())
const Live = SessionService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
Effect.runPromise(program.pipe(Effect.provide(Live))).then((s) => console.log("ok", s.length))
`

let dir = ""
let code = ""

beforeAll(async () => {
  dir = Fs.mkdtempSync(Path.join(root, ".tmp-bundle-"))
  const input = Path.join(dir, "sessions.ts")
  const file = Path.join(dir, "sessions.mjs")
  Fs.writeFileSync(input, sessionsOnly)
  await build({
    input,
    cwd: root,
    platform: "node",
    logLevel: "silent",
    resolve: { alias: { "effect-opencode": Path.join(root, "src/index.ts") } },
    output: { file, format: "esm", minify: true, codeSplitting: false }
  })
  code = Fs.readFileSync(file, "utf8")
})

afterAll(() => {
  if (dir !== "") Fs.rmSync(dir, { recursive: true, force: true })
})

describe("a sessions-only program's bundle", () => {
  it("keeps the operations its services call", () => {
    // a minifier may quote a string with backticks
    expect(code).toMatch(/[`"']\/session[`"']/)
    expect(code).toContain("/session/{sessionID}/message")
  })

  it("keeps no operation that no session or message method calls, nor the schemas only they use", () => {
    const kept = [
      "/pty/{ptyID}/connect",
      "/api/fs/read/*",
      "/api/session/{sessionID}",
      "/provider/{providerID}/oauth/authorize",
      "/tui/show-toast",
      "/mcp/{name}/auth",
      "EventTuiToastShow",
      "ProviderAuthMethod"
    ].filter((marker) => code.includes(marker))
    expect(kept).toEqual([])
  })

  it("keeps no service it does not build: MessageService's layer and make, though SessionService imports a helper of that module", () => {
    // Each service's top-level `make` (an `Effect.gen`) and `layer` (a `Layer.effect`) are marked
    // pure, so an unused one goes; unmarked, MessageService's were kept (~4 KiB) and run at import.
    const kept = ["a page needs a limit of at least 1", "a command name is required"].filter((marker) => code.includes(marker))
    expect(kept).toEqual([])
  })

  it("keeps no OTLP exporter (only Telemetry.layerOtlp needs one)", () => {
    const kept = ["/v1/traces", "/v1/metrics", "opencode.tasks.started"].filter((marker) => code.includes(marker))
    expect(kept).toEqual([])
  })
})
