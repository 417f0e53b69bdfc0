import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as Ids from "../../src/schema/Ids.ts"
import { decodeFails, decodeOk } from "./helpers.ts"

const hostile = [
  "../x",
  "ses/../../etc",
  "ses%2F..",
  "ses_%2e%2e",
  "ses_" + "a".repeat(5000),
  "ses_ünïcødé",
  "ses_\u202Eevil",
  "ses_a b",
  "ses_a\nb",
  "ses_a?b=c",
  "ses_a#frag",
  "ses_a/b",
  "ses.",
  "",
  " ses_abc",
  "ses_abc "
]

describe("Ids", () => {
  it("accepts the server's ids", () => {
    expect(decodeOk(Ids.SessionID, "ses_dede01aa8ffeAx2PhV8t3om4A1")).toBe("ses_dede01aa8ffeAx2PhV8t3om4A1")
    expect(decodeOk(Ids.MessageID, "msg_2121fe5930012yWuYxcUlWm0wi")).toBe("msg_2121fe5930012yWuYxcUlWm0wi")
    expect(decodeOk(Ids.PartID, "prt_2121fe59300134yWuYxcUlWm0")).toBe("prt_2121fe59300134yWuYxcUlWm0")
    expect(decodeOk(Ids.PermissionID, "per_212204dee001kmWD1Jt2jkWazD")).toBe("per_212204dee001kmWD1Jt2jkWazD")
    expect(decodeOk(Ids.QuestionID, "que_212205054001ILz8zRi30sOwy6")).toBe("que_212205054001ILz8zRi30sOwy6")
    expect(decodeOk(Ids.ProjectID, "global")).toBe("global")
    expect(decodeOk(Ids.ProjectID, "0ebfd8820d98197444cf6cea8536d59c2979a5cf")).toBe(
      "0ebfd8820d98197444cf6cea8536d59c2979a5cf"
    )
  })

  it("rejects a wrong prefix", () => {
    decodeFails(Ids.SessionID, "msg_abc")
    decodeFails(Ids.MessageID, "ses_abc")
    decodeFails(Ids.PartID, "msg_abc")
    decodeFails(Ids.PermissionID, "que_abc")
    decodeFails(Ids.QuestionID, "per_abc")
    expect(Result.isFailure(Ids.validateSessionID("nope"))).toBe(true)
  })

  it("rejects an id that is only its prefix, for every kind (the server would take it)", () => {
    const kinds = [
      ["session", Ids.SessionID, Ids.makeSessionID],
      ["message", Ids.MessageID, Ids.makeMessageID],
      ["part", Ids.PartID, Ids.makePartID],
      ["permission", Ids.PermissionID, Ids.makePermissionID],
      ["question", Ids.QuestionID, Ids.makeQuestionID]
    ] as const
    expect(kinds.map(([kind]) => kind).sort()).toEqual(
      Object.keys(Ids.idPrefixes).filter((k) => k !== "project").sort()
    )
    for (const [kind, schema, make] of kinds) {
      const prefix = Ids.idPrefixes[kind]
      for (const value of [prefix, prefix.slice(0, 3), `${prefix.slice(0, 3)}x`]) {
        expect(Ids.isId(kind, value), `${kind} ${value}`).toBe(false)
        expect(Result.isFailure(Ids.validateId(kind, value))).toBe(true)
        decodeFails(schema, value)
        expect(() => make(value)).toThrow(TypeError)
      }
      expect(Ids.isId(kind, `${prefix}a`)).toBe(true)
      expect(Ids.isId(kind, `${prefix}_`)).toBe(true)
    }
    expect(Ids.isId("project", "")).toBe(false)
    const failure = Ids.validateSessionID("ses_")
    expect(Result.isFailure(failure) && failure.failure).toContain(`"ses_" followed by 1 to 196 characters`)
  })

  it("rejects non-strings without throwing", () => {
    for (const value of [undefined, null, 42, {}, ["ses_a"]]) {
      decodeFails(Ids.SessionID, value)
      expect(Result.isFailure(Ids.validateSessionID(value))).toBe(true)
      expect(Ids.isId("session", value)).toBe(false)
    }
  })

  it("rejects hostile ids for every kind", () => {
    for (const value of hostile) {
      expect(Ids.isId("session", value), JSON.stringify(value.slice(0, 20))).toBe(false)
      expect(Result.isFailure(Ids.validateSessionID(value))).toBe(true)
      decodeFails(Ids.SessionID, value)
      const asProject = value.replace(/^ses/, "")
      if (asProject !== "global") expect(Ids.isId("project", asProject)).toBe(false)
    }
    expect(Ids.isId("message", "msg_" + "a".repeat(196))).toBe(true) // 200 characters
    expect(Ids.isId("message", "msg_" + "a".repeat(197))).toBe(false) // 201 characters
    expect(Ids.isId("project", "a".repeat(200))).toBe(true)
    expect(Ids.isId("project", "a".repeat(201))).toBe(false)
  })

  it("validation messages name the kind and stay short for huge input", () => {
    const result = Ids.validateSessionID("ses_" + "x".repeat(5000))
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) {
      expect(result.failure).toContain("session id")
      expect(result.failure.length).toBeLessThan(300)
    }
    const ok = Ids.validateMessageID("msg_1")
    expect(Result.isSuccess(ok) && ok.success).toBe("msg_1")
  })

  it("make* brands valid ids and throws on invalid ones", () => {
    expect(Ids.makeSessionID("ses_1")).toBe("ses_1")
    expect(Ids.makePartID("prt_1")).toBe("prt_1")
    expect(Ids.makeProjectID("global")).toBe("global")
    expect(() => Ids.makeSessionID("../x")).toThrow(TypeError)
    expect(() => Ids.makeMessageID("ses_1")).toThrow(/message id/)
    expect(() => Ids.makePermissionID("per/../x")).toThrow()
    expect(() => Ids.makeQuestionID("que%2F")).toThrow()
  })

  it("newMessageID has the server's format", () => {
    const id = Ids.newMessageID()
    expect(id).toMatch(/^msg_[0-9a-f]{12}[0-9A-Za-z]{14}$/)
    expect(id.length).toBe(30)
    expect(Ids.isId("message", id)).toBe(true)
    expect(Schema.is(Ids.MessageID)(id)).toBe(true)
    expect(Ids.newPartID()).toMatch(/^prt_[0-9a-f]{12}[0-9A-Za-z]{14}$/)
  })

  it("newMessageID encodes the current time like the server (low 48 bits of ms * 0x1000 + counter)", () => {
    const before = BigInt(Date.now())
    const id = Ids.newMessageID()
    const after = BigInt(Date.now())
    const value = BigInt("0x" + id.slice(4, 16))
    const mask = (1n << 48n) - 1n
    const low = (before * 0x1000n) & mask
    const high = ((after + 1n) * 0x1000n + 0xfffn) & mask
    if (low <= high) {
      expect(value >= low && value <= high).toBe(true)
    }
  })

  it("newMessageID is strictly increasing over 10,000 calls and sorts after a server id of now", () => {
    const ids = Array.from({ length: 10_000 }, () => Ids.newMessageID())
    for (let i = 1; i < ids.length; i++) {
      if (!(ids[i - 1]! < ids[i]!)) throw new Error(`not increasing at ${i}: ${ids[i - 1]} ${ids[i]}`)
    }
    expect(new Set(ids).size).toBe(10_000)
    // A server id created a second ago (same encoding, counter 1) sorts before ours.
    const earlier = ((BigInt(Date.now() - 1000) * 0x1000n + 1n) & ((1n << 48n) - 1n)).toString(16).padStart(12, "0")
    const next = Ids.newMessageID()
    if (earlier < next.slice(4, 16)) expect(`msg_${earlier}zzzzzzzzzzzzzz` < next).toBe(true)
  })

  it("the random tail differs between ids", () => {
    const tails = new Set(Array.from({ length: 100 }, () => Ids.newMessageID().slice(16)))
    expect(tails.size).toBe(100)
  })
})
