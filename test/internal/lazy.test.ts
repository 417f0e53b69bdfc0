/**
 * `lazy`: a stand-in built on first use that behaves as what it stands for — as a schema (decode,
 * encode, annotate, a field of a struct, a member of a union), as a `Set`, and as a function.
 */
import { Exit, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { lazy, lazyFunction } from "../../src/internal/lazy.ts"

const counted = <A extends object>(build: () => A) => {
  let builds = 0
  const value = lazy(() => {
    builds++
    return build()
  })
  return { value, builds: () => builds }
}

describe("lazy", () => {
  it("builds nothing until the value is used, then once", () => {
    const { value, builds } = counted(() => Schema.Struct({ id: Schema.String }))
    expect(builds()).toBe(0)
    expect(Object.keys(value.fields)).toEqual(["id"])
    expect(Schema.decodeUnknownSync(value)({ id: "a" })).toEqual({ id: "a" })
    expect(builds()).toBe(1)
  })

  it("is a schema to effect: decodes, encodes, fails, annotates and composes like the one it builds", () => {
    const Person = lazy(() => Schema.Struct({ name: Schema.String, age: Schema.Finite }))
    expect(Schema.isSchema(Person)).toBe(true)
    expect(typeof Person).toBe("function")
    expect(Schema.decodeUnknownSync(Person)({ name: "Ada", age: 36, extra: 1 })).toEqual({ name: "Ada", age: 36 })
    expect(Exit.isFailure(Schema.decodeUnknownExit(Person)({ name: "Ada" }))).toBe(true)
    expect(Schema.encodeSync(Person)({ name: "Ada", age: 36 })).toEqual({ name: "Ada", age: 36 })
    const Team = Schema.Struct({ lead: Person, members: Schema.Array(Person) })
    expect(Schema.decodeUnknownSync(Team)({ lead: { name: "A", age: 1 }, members: [] })).toEqual({ lead: { name: "A", age: 1 }, members: [] })
    const Either = Schema.Union([Person, Schema.String])
    expect(Schema.decodeUnknownSync(Either)("x")).toBe("x")
    expect(Person.annotate({ identifier: "Person" }).ast.annotations?.identifier).toBe("Person")
    expect(Person.pipe(Schema.optionalKey).ast).toBe(Schema.optionalKey(Person).ast)
    expect(Person.mapFields((f) => ({ ...f, id: Schema.String })).fields).toHaveProperty("id")
    expect("fields" in Person).toBe(true)
  })

  it("stands for a Set: its methods work on the built set", () => {
    const tags: ReadonlySet<string> = lazy(() => new Set(["a", "b"]))
    expect(tags.has("a")).toBe(true)
    expect(tags.has("c")).toBe(false)
    expect(tags.size).toBe(2)
    expect([...tags]).toEqual(["a", "b"])
    expect(new Set(tags).size).toBe(2)
    expect(tags instanceof Set).toBe(true)
  })

  it("stands for a function: a call reaches the built one", () => {
    const decode = lazy(() => Schema.decodeUnknownExit(Schema.Number))
    expect(Exit.isSuccess(decode(1))).toBe(true)
    expect(Exit.isFailure(decode("1"))).toBe(true)
  })

  it("reports the built value's own keys and descriptors, fixed ones as configurable", () => {
    const value = lazy(() => Object.freeze({ a: 1 }))
    expect(Object.keys(value)).toEqual(["a"])
    expect(Object.getOwnPropertyDescriptor(value, "a")).toEqual({ value: 1, writable: false, enumerable: true, configurable: true })
    expect({ ...value }).toEqual({ a: 1 })
  })

  it("a failing build fails every use and is tried again (it is never half-built)", () => {
    let attempts = 0
    const value = lazy((): { readonly a: number } => {
      attempts++
      throw new Error("boom")
    })
    expect(() => value.a).toThrow("boom")
    expect(() => value.a).toThrow("boom")
    expect(attempts).toBe(2)
  })

  it("lazyFunction builds the function on its first call, once, and passes every argument", () => {
    let builds = 0
    const add = lazyFunction(() => {
      builds++
      return (a: number, b: number) => a + b
    })
    expect(builds).toBe(0)
    expect(add(1, 2)).toBe(3)
    expect(add(3, 4)).toBe(7)
    expect(builds).toBe(1)
  })
})
