/**
 * What importing the client entry builds: no generated schema (src/api/Schemas.ts, Operations.ts)
 * and almost no other. The schemas are built on first use (`src/internal/lazy.ts`), so a program
 * that lists sessions builds the few its calls need, not the ~600 of the API description (issue 18:
 * the cold import of a sessions-only bundle was 2.3× the official SDK's, most of the difference
 * top-level schema construction and its compilation).
 *
 * Counted in a fresh Node process: a module hook makes effect's one schema constructor
 * (`effect/dist/internal/schema/make.js`) count its calls, each under the first src/ module on the
 * stack.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { runProbe } from "./probe.ts"


const probe = `
import { registerHooks } from "node:module"
const counts = {}
let patched = false
globalThis.__countSchema = () => {
  const frame = new Error().stack.split("\\n").find((line) => line.includes("/src/"))
  const where = frame === undefined ? "(outside src/)" : frame.slice(frame.indexOf("/src/") + 1).replace(/:\\d+:\\d+\\)?$/, "")
  counts[where] = (counts[where] ?? 0) + 1
}
registerHooks({
  load(url, context, next) {
    const loaded = next(url, context)
    if (!url.endsWith("/effect/dist/internal/schema/make.js")) return loaded
    const marker = "export function make(ast, options) {"
    const source = String(loaded.source)
    if (!source.includes(marker)) return loaded
    patched = true
    return { ...loaded, source: source.replace(marker, marker + " globalThis.__countSchema();") }
  }
})
Error.stackTraceLimit = 50
await import(process.argv[2])
console.log(JSON.stringify({ patched, counts }))
`

let result: { readonly patched: boolean; readonly counts: Readonly<Record<string, number>> } = { patched: false, counts: {} }

beforeAll(() => {
  result = runProbe("import-work", probe)
}, 90_000)

const fromSrc = () => Object.entries(result.counts).filter(([where]) => where.startsWith("src/"))

describe("importing the client entry", () => {
  it("is counted (the probe reached effect's schema constructor and sees our eager schemas)", () => {
    expect(result.patched).toBe(true)
    // the id schemas are built at import on purpose (every other schema refers to them)
    expect(result.counts["src/schema/Ids.ts"]).toBeGreaterThan(0)
  })

  it("builds no generated schema: Schemas.ts and Operations.ts are built on first use", () => {
    const generated = fromSrc().filter(([where]) => where === "src/api/Schemas.ts" || where === "src/api/Operations.ts")
    expect(generated).toEqual([])
  })

  it("builds fewer than 100 schemas of its own (its error classes, the id schemas), not thousands", () => {
    const total = fromSrc().reduce((n, [, count]) => n + count, 0)
    expect(total, JSON.stringify(Object.fromEntries(fromSrc()))).toBeLessThan(100)
  })
})
