import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { Event, GlobalEvent } from "../../src/schema/Event.ts"
import * as Message from "../../src/schema/Message.ts"
import * as Part from "../../src/schema/Part.ts"
import * as Session from "../../src/schema/Session.ts"
import { compileGuard } from "../../src/streams/Guard.ts"
import { capture } from "../schema/helpers.ts"

const agree = (schema: Schema.Top, inputs: ReadonlyArray<unknown>) => {
  const fast = compileGuard(schema)
  const slow = Schema.is(schema)
  for (const input of inputs) {
    if (fast(input) !== slow(input)) throw new Error(`disagree on ${JSON.stringify(input)}`)
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
