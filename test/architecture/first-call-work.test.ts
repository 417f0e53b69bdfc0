/**
 * What a program's first call costs beyond the import (issue 18: the cold import of a sessions-only
 * bundle runs `Effect.runPromise` up to its first `fetch`, and that part cost several times the
 * bare Effect program's): building the layers from the environment
 * (`OpencodeClient.layerConfig()`) and one `SessionService.list()`, answered at once.
 *
 * Counted in a fresh Node process, not timed: a module hook makes three of effect's functions
 * count their calls, per phase — the schema constructor (`internal/schema/make.js`), the schema
 * parser compiler (`internal/schema/interpreter.js`: one call per parser made) and
 * `Schedule.toStepWithMetadata` (one call per schedule set up to run, e.g. by `Effect.retry`).
 */
import { beforeAll, describe, expect, it } from "vitest"
import { runProbe } from "./probe.ts"


const probe = `
import { registerHooks } from "node:module"
import * as Http from "node:http"
const counts = { layer: {}, call: {} }
let phase = "import"
const patched = new Set()
globalThis.__countWork = (what) => {
  if (phase in counts) counts[phase][what] = (counts[phase][what] ?? 0) + 1
}
const patches = [
  ["/effect/dist/internal/schema/make.js", "export function make(ast, options) {", "schema", (m) => m + " globalThis.__countWork('schema');"],
  ["/effect/dist/internal/schema/interpreter.js", "export function compile(ast, compile, compileField, base, specialize) {", "parser", (m) => m + " globalThis.__countWork('parser');"],
  ["/effect/dist/Schedule.js", "export const toStepWithMetadata = schedule =>", "scheduleStep", (m) => m + " (globalThis.__countWork('scheduleStep'), undefined) ?? "]
]
registerHooks({
  load(url, context, next) {
    const loaded = next(url, context)
    const patch = patches.find(([file]) => url.endsWith(file))
    if (patch === undefined) return loaded
    const source = String(loaded.source)
    if (!source.includes(patch[1])) return loaded
    patched.add(patch[2])
    return { ...loaded, source: source.replace(patch[1], patch[3](patch[1])) }
  }
})
const server = Http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" })
  res.end(req.url.startsWith("/session") ? "[]" : "null")
})
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
process.env.OPENCODE_BASE_URL = "http://127.0.0.1:" + server.address().port
const { Effect, Layer } = await import("effect")
const { OpencodeClient, SessionService } = await import(process.argv[2])
const Live = SessionService.layer.pipe(Layer.provide(OpencodeClient.layerConfig()))
const sessions = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
  phase = "layer"
  const context = yield* Layer.build(Live)
  phase = "call"
  return yield* SessionService.SessionService.use((s) => s.list()).pipe(Effect.provide(context))
})))
phase = "done"
server.close()
console.log(JSON.stringify({ patched: [...patched], sessions: sessions.length, counts }))
`

let result: {
  readonly patched: ReadonlyArray<string>
  readonly sessions: number
  readonly counts: Readonly<Record<"layer" | "call", Readonly<Record<string, number>>>>
} = { patched: [], sessions: -1, counts: { layer: {}, call: {} } }

beforeAll(() => {
  result = runProbe("first-call-work", probe)
}, 90_000)

const count = (phase: "layer" | "call", what: string): number => result.counts[phase][what] ?? 0

describe("a program's first call (layers from the environment, one sessions.list())", () => {
  it("is counted (the probe patched all three functions and the call succeeded)", () => {
    expect([...result.patched].sort()).toEqual(["parser", "scheduleStep", "schema"])
    expect(result.sessions).toBe(0)
    // the counters do count: reading the environment and decoding the answer make schemas and parsers
    expect(count("layer", "schema")).toBeGreaterThan(0)
    expect(count("layer", "parser")).toBeGreaterThan(0)
    expect(count("call", "parser")).toBeGreaterThan(0)
  })

  it("sets up no retry schedule for a call answered at the first attempt", () => {
    expect(count("layer", "scheduleStep") + count("call", "scheduleStep"), JSON.stringify(result.counts)).toBe(0)
  })

  it("builds no query schema for a call without query values (sessions.list() with no options)", () => {
    // Decoding the answer compiles the parsers of `Array(Session)`; encoding `{}` with the
    // operation's query schema compiled five more (and built the schema) to send nothing.
    expect(count("call", "parser"), JSON.stringify(result.counts)).toBeLessThanOrEqual(3)
  })
})
