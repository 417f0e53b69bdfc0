import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { Event, GlobalEvent } from "../../src/schema/Event.ts"
import * as Message from "../../src/schema/Message.ts"
import * as Part from "../../src/schema/Part.ts"
import * as Session from "../../src/schema/Session.ts"
import { compileGuard } from "../../src/streams/Guard.ts"
import { capture } from "../schema/helpers.ts"

const agree = (schema: Schema.Top, inputs: ReadonlyArray<unknown>) => {
  // the generated struct guards (the default) and the closures (a runtime without `new Function`)
  const generated = compileGuard(schema)
  const closures = compileGuard(schema, { generate: false })
  const slow = Schema.is(schema)
  for (const input of inputs) {
    const expected = slow(input)
    if (generated(input) !== expected) throw new Error(`generated guard disagrees on ${JSON.stringify(input)}`)
    if (closures(input) !== expected) throw new Error(`closure guard disagrees on ${JSON.stringify(input)}`)
  }
}

const odd: ReadonlyArray<unknown> = [
  undefined, null, 0, 1, -1, Number.NaN, "", "x", "ses_1", true, false, [], [1], ["a"], [1, "a"], {}, { a: 1 },
  { a: undefined }, { a: "x", b: 2 }, { type: "a" }, { type: "b", v: 1 }, { type: "a", v: "s" }, [undefined],
  { x: 1, y: 2 }, { x: 1 }, { x: "1", y: 2 }, { kind: "c" }, Symbol.for("s"), () => 1
]

describe("Guard.compileGuard answers as Schema.is", () => {
  it("keywords, literals, structs, optional keys, tuples, arrays, records, unions, checks, declarations", () => {
    const schemas: ReadonlyArray<Schema.Top> = [
      Schema.String,
      Schema.Number,
      Schema.Boolean,
      Schema.Null,
      Schema.Undefined,
      Schema.Unknown,
      Schema.Literal("a"),
      Schema.Literals(["a", "b", 1]),
      Schema.NullOr(Schema.String),
      Schema.Union([Schema.String, Schema.Number, Schema.Literal(true), Schema.Undefined]),
      Schema.Union([Schema.String.check(Schema.isMinLength(1)), Schema.Null]),
      Schema.Struct({}),
      Schema.Struct({ x: Schema.Number, y: Schema.Number }),
      Schema.Struct({ a: Schema.optional(Schema.Number) }),
      Schema.Struct({ a: Schema.optionalKey(Schema.String) }),
      Schema.Struct({ a: Schema.UndefinedOr(Schema.String) }),
      Schema.Struct({ a: Schema.Unknown }),
      Schema.Tuple([Schema.Number, Schema.String]),
      Schema.Tuple([Schema.Number, Schema.optionalKey(Schema.String)]),
      Schema.TupleWithRest(Schema.Tuple([Schema.String]), [Schema.Number]),
      Schema.Array(Schema.String),
      Schema.Record(Schema.String, Schema.Number),
      Schema.Union([
        Schema.Struct({ type: Schema.Literal("a"), v: Schema.String }),
        Schema.Struct({ type: Schema.Literal("b"), v: Schema.Number }),
        Schema.Struct({ kind: Schema.Literal("c") })
      ]),
      Schema.String.check(Schema.isMinLength(2)),
      Schema.Struct({ x: Schema.Number }).check(Schema.makeFilter((o) => o.x > 0)),
      Schema.declare((u): u is object => typeof u === "object" && u !== null),
      Schema.Union([Schema.String, Schema.Number], { mode: "oneOf" })
    ]
    for (const s of schemas) agree(s, odd)
  })

  it("generated struct guards: keys that need quoting, literals of every kind, optional keys present as undefined", () => {
    const odd2 = { "a-b": "x", "q\"uote": 1, "line\u2028sep": true, "0": 1, constructor: "c" }
    const schema = Schema.Struct({
      "a-b": Schema.String,
      "q\"uote": Schema.Number,
      "line\u2028sep": Schema.Boolean,
      "0": Schema.Literal(1),
      constructor: Schema.optional(Schema.String)
    })
    const literals = Schema.Struct({
      s: Schema.Literal("it's \"quoted\""),
      t: Schema.Literal(true),
      z: Schema.Literal(0),
      b: Schema.Literal(1n),
      o: Schema.optionalKey(Schema.Literal(-1.5))
    })
    const good = { s: "it's \"quoted\"", t: true, z: 0, b: 1n }
    agree(schema, [
      ...odd,
      odd2,
      { ...odd2, constructor: undefined },
      { ...odd2, constructor: 5 },
      { ...odd2, "0": 2 },
      { ...odd2, "a-b": 1 },
      Object.fromEntries(Object.entries(odd2).filter(([k]) => k !== "line\u2028sep"))
    ])
    agree(literals, [
      ...odd,
      good,
      { ...good, z: -0 },
      { ...good, b: 1 },
      { ...good, t: "true" },
      { ...good, o: -1.5 },
      { ...good, o: undefined },
      { ...good, o: 1.5 }
    ])
    expect(compileGuard(schema)(odd2)).toBe(true)
    expect(compileGuard(literals)(good)).toBe(true)
  })

  it("JSON values and string-keyed records: nested, cyclic, shared, deep, large, of other prototypes", () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const cyclicArray: Array<unknown> = [1]
    cyclicArray.push([cyclicArray])
    const shared = { n: 1 }
    let deep: unknown = "leaf"
    for (let i = 0; i < 200; i++) deep = i % 2 === 0 ? [deep] : { d: deep }
    const large = { items: Array.from({ length: 12_000 }, (_, i) => ({ i, s: `${i}` })) }
    const largeBad = { items: [...large.items, { i: Number.NaN }] }
    const hidden = Object.defineProperty({ a: 1 }, "b", { value: undefined, enumerable: false })
    const symbolKey = { a: 1, [Symbol.for("k")]: undefined }
    const sparse: Array<unknown> = []
    sparse[2] = 1
    class Point {
      readonly x: number
      constructor(x: number) {
        this.x = x
      }
    }
    const values: ReadonlyArray<unknown> = [
      ...odd,
      { a: { b: [1, "x", true, null, { c: [] }] } },
      { a: [1, 2, { b: Number.POSITIVE_INFINITY }] },
      { a: [undefined] },
      { a: { b: () => 1 } },
      { a: new Date(0) },
      { a: new Point(1) },
      new Point(1),
      Object.create(null),
      Object.assign(Object.create(null), { a: { b: 1 } }),
      JSON.parse('{"__proto__": {"a": 1}, "b": 2}'),
      JSON.parse('{"__proto__": 1}'),
      { a: 1n },
      { a: Symbol.for("s") },
      [1, [2, [3, [Number.NaN]]]],
      cyclic,
      { wrap: cyclic },
      cyclicArray,
      { x: shared, y: shared, z: [shared, shared] },
      deep,
      { deep },
      large,
      largeBad,
      hidden,
      symbolKey,
      sparse,
      { a: sparse }
    ]
    const schemas: ReadonlyArray<Schema.Top> = [
      Schema.Json,
      Schema.Json.annotate({ expected: "JSON value" }),
      Schema.Record(Schema.String, Schema.Json),
      Schema.Record(Schema.String, Schema.Json.annotate({ expected: "JSON value" })),
      Schema.Struct({ a: Schema.optionalKey(Schema.Record(Schema.String, Schema.Json)) }),
      Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.Json)),
      Schema.Record(Schema.String, Schema.String),
      Schema.Record(Schema.String, Schema.Unknown),
      Schema.Record(Schema.String, Schema.UndefinedOr(Schema.Number)),
      Schema.StructWithRest(Schema.Struct({ a: Schema.Number }), [Schema.Record(Schema.String, Schema.Json)]),
      Schema.StructWithRest(Schema.Struct({ a: Schema.optionalKey(Schema.String) }), [Schema.Record(Schema.String, Schema.Json)]),
      Schema.StructWithRest(Schema.Struct({ a: Schema.Number }), [Schema.Record(Schema.String, Schema.Number), Schema.Record(Schema.String, Schema.Finite)]),
      Schema.Record(Schema.String.check(Schema.isMinLength(2)), Schema.Number),
      Schema.Record(Schema.Literals(["a", "b"]), Schema.Number),
      Schema.Record(Schema.Symbol, Schema.Number)
    ]
    for (const s of schemas) agree(s, values)
  })

  it("patterns: a literal prefix (startsWith) and every other pattern, flags included", () => {
    const strings: ReadonlyArray<unknown> = [
      ...odd,
      "evt_1",
      "evt_",
      "evt",
      "EVT_1",
      "xevt_1",
      "x\nevt_1",
      "evt_\n",
      "évt_1",
      "ses_abc",
      "ses_",
      "ses_a/b",
      `ses_${"a".repeat(196)}`,
      `ses_${"a".repeat(197)}`
    ]
    const schemas: ReadonlyArray<Schema.Top> = [
      Schema.String.check(Schema.isPattern(new RegExp("^evt_", "u"))),
      Schema.String.check(Schema.isPattern(/^evt_/)),
      Schema.String.check(Schema.isPattern(/^evt_/i)),
      Schema.String.check(Schema.isPattern(/^evt_/m)),
      Schema.String.check(Schema.isPattern(/^evt_/s)),
      Schema.String.check(Schema.isPattern(/^ev.t/)),
      Schema.String.check(Schema.isPattern(/^evt_$/)),
      Schema.String.check(Schema.isPattern(/evt_/)),
      Schema.Struct({ id: Schema.String.check(Schema.isPattern(/^evt_/u)), p: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^pty/u))) }),
      Session.Session.fields.id
    ]
    for (const s of schemas) {
      agree(s, strings)
      agree(s, strings) // the second time through the remembered matches
    }
    agree(Schema.Struct({ id: Schema.String.check(Schema.isPattern(/^evt_/u)) }), strings.map((id) => ({ id })))
  })

  it("number checks (finite, integer, bounds), alone and as struct fields", () => {
    const numbers: ReadonlyArray<unknown> = [
      ...odd,
      0,
      -0,
      0.5,
      -0.5,
      2,
      -2,
      10,
      10.5,
      2 ** 53,
      2 ** 53 - 1,
      1e300,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_VALUE,
      "1"
    ]
    const checked: ReadonlyArray<Schema.Top> = [
      Schema.Finite,
      Schema.Int,
      Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
      Schema.Number.check(Schema.isGreaterThan(0)),
      Schema.Number.check(Schema.isLessThan(10)),
      Schema.Number.check(Schema.isLessThanOrEqualTo(10)),
      Schema.Number.check(Schema.isGreaterThanOrEqualTo(-0.5), Schema.isLessThanOrEqualTo(10)),
      Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 2 })),
      Schema.Number.check(Schema.isMultipleOf(2))
    ]
    for (const s of checked) {
      agree(s, numbers)
      agree(Schema.Struct({ n: s, o: Schema.optionalKey(s) }), numbers.flatMap((n) => [{ n }, { n: 1, o: n }]))
    }
  })

  it("the API's schemas, on everything the real server sent and broken copies of it", () => {
    const values: Array<unknown> = [...odd]
    const visit = (u: unknown, depth: number) => {
      values.push(u)
      if (depth > 5 || typeof u !== "object" || u === null) return
      for (const v of Object.values(u)) visit(v, depth + 1)
    }
    for (const e of [...capture.events, ...capture.globalEvents]) visit(e, 0)
    for (const schema of [Event, GlobalEvent, Message.Message, Part.Part, Session.Session, Session.SessionStatus]) {
      agree(schema, values)
    }
    expect(values.length).toBeGreaterThan(1000)
  })
})
