import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import { Event, GlobalEvent } from "../../src/schema/Event.ts"
import * as Decode from "../../src/streams/Decode.ts"
import { capture } from "../schema/helpers.ts"

const fullEvent = Schema.decodeUnknownExit(Event)
const fullGlobal = Schema.decodeUnknownExit(GlobalEvent)

const clone = <A>(a: A): A => JSON.parse(JSON.stringify(a))

/** Variants of a valid value: each nested field removed, or replaced by a wrong value. */
const mutations = (value: unknown): Array<unknown> => {
  const out: Array<unknown> = []
  const walk = (path: ReadonlyArray<string>, node: unknown, depth: number) => {
    if (depth > 4 || typeof node !== "object" || node === null) return
    for (const key of Object.keys(node)) {
      for (const replacement of [undefined, 42, "not-an-id", null, {}, [], "unknown"]) {
        const copy = clone(value) as Record<string, any>
        let target = copy
        for (const p of path) target = target[p]
        if (replacement === undefined) delete target[key]
        else target[key] = replacement
        out.push(copy)
      }
      walk([...path, key], (node as Record<string, unknown>)[key], depth + 1)
    }
  }
  walk([], value, 0)
  return out
}

const same = (
  fast: (json: unknown) => unknown,
  full: (json: unknown) => Exit.Exit<unknown, unknown>,
  input: unknown
) => {
  const expected = full(clone(input))
  const copy = clone(input)
  const got = fast(copy)
  expect(got !== undefined).toBe(Exit.isSuccess(expected))
  if (got === undefined || !Exit.isSuccess(expected)) return
  if (got === copy) {
    // returned as it is (it may keep unknown keys): decoding it gives the full decoder's value
    const again = full(got)
    expect(Exit.isSuccess(again)).toBe(true)
    if (Exit.isSuccess(again)) expect(again.value).toEqual(expected.value)
  } else {
    expect(got).toEqual(expected.value)
  }
}

describe("Decode: the fast decoders agree with the schemas", () => {
  it("every recorded event and thousands of broken variants", () => {
    const event = Decode.makeEventDecoder()
    const global = Decode.makeGlobalEventDecoder()
    let checked = 0
    const seen = new Set<string>()
    for (const e of capture.events) {
      same(event, fullEvent, e)
      // every kind of event (and of part and message) once, broken in every way
      const p = e.properties as { part?: { type?: string }; info?: { role?: string } } | undefined
      const kind = `${e.type}:${p?.part?.type ?? ""}:${p?.info?.role ?? ""}`
      if (seen.has(kind)) continue
      seen.add(kind)
      for (const m of mutations(e)) {
        same(event, fullEvent, m)
        checked++
      }
    }
    for (const g of capture.globalEvents) {
      same(global, fullGlobal, g)
      for (const m of mutations(g)) {
        same(global, fullGlobal, m)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(3_000)
  })

  it("unknown kinds become UnknownEvent; non-objects are malformed", () => {
    const event = Decode.makeEventDecoder()
    expect(event({ type: "galaxy.spun", properties: { n: 1 } })?.type).toBe("unknown")
    expect(event({ type: "session.idle", properties: { sessionID: "nope" } })).toBeUndefined()
    for (const bad of [null, 1, "x", [], {}]) expect(event(bad)).toBeUndefined()
  })
})
