import { describe, expect, it } from "@effect/vitest"
import * as SE from "../../src/schema/ServerError.ts"
import { capture, decodeFails, decodeOk } from "./helpers.ts"

describe("parseServerError", () => {
  it("names a body that has both _tag and name by its _tag (an MCP error's name is the MCP server)", () => {
    expect(SE.parseServerError({ _tag: "McpServerNotFoundError", name: "my-mcp", message: "not found" })).toEqual({
      name: "McpServerNotFoundError",
      message: "not found",
      data: { name: "my-mcp" }
    })
  })
  it("reads the { name, data: { message } } shape", () => {
    expect(SE.parseServerError({ name: "NotFoundError", data: { message: "Session not found: ses_1" } })).toEqual({
      name: "NotFoundError",
      message: "Session not found: ses_1",
      data: { message: "Session not found: ses_1" }
    })
    expect(
      SE.parseServerError({ name: "BadRequest", data: { message: "Missing key\n  at [\"parts\"]", kind: "Payload" } })
    ).toEqual({
      name: "BadRequest",
      message: "Missing key\n  at [\"parts\"]",
      data: { message: "Missing key\n  at [\"parts\"]", kind: "Payload" }
    })
  })

  it("reads the { _tag, message?, … } shape", () => {
    expect(SE.parseServerError({ _tag: "BadRequest" })).toEqual({ name: "BadRequest" })
    expect(
      SE.parseServerError({ _tag: "PermissionNotFoundError", requestID: "per_1", message: "Permission request not found" })
    ).toEqual({ name: "PermissionNotFoundError", message: "Permission request not found", data: { requestID: "per_1" } })
    expect(SE.parseServerError({ _tag: "SessionBusyError", sessionID: "ses_1", message: "busy" })).toEqual({
      name: "SessionBusyError",
      message: "busy",
      data: { sessionID: "ses_1" }
    })
  })

  it("reads every error body the real server sent", () => {
    const r = capture.responses
    expect(SE.parseServerError(r.err404!.body)).toMatchObject({ name: "NotFoundError", message: expect.stringContaining("Session not found") })
    expect(SE.parseServerError(r.errNoPrefix!.body)).toMatchObject({ name: "UnknownError", data: { ref: expect.stringMatching(/^err_/) } })
    expect(SE.parseServerError(r.errBadBody!.body)).toMatchObject({ name: "BadRequest", message: expect.stringContaining("parts") })
    expect(SE.parseServerError(r.errBadTitle!.body)).toEqual({ name: "BadRequest" })
    expect(SE.parseServerError(r.errBogusMsgId!.body).message).toContain("msg")
    expect(SE.parseServerError(r.errPermission!.body)).toMatchObject({ name: "PermissionNotFoundError", data: { requestID: "per_nope" } })
    expect(SE.parseServerError(r.errQuestion!.body)).toMatchObject({ name: "QuestionNotFoundError", data: { requestID: "que_nope" } })
  })

  it("tolerates anything else without throwing", () => {
    expect(SE.parseServerError(undefined)).toEqual({})
    expect(SE.parseServerError(null)).toEqual({})
    expect(SE.parseServerError("")).toEqual({})
    expect(SE.parseServerError("<!doctype html><html>…")).toEqual({ message: "<!doctype html><html>…" })
    expect(SE.parseServerError(42)).toEqual({ data: 42 })
    expect(SE.parseServerError([1, 2])).toEqual({ data: [1, 2] })
    expect(SE.parseServerError({ error: "rate limited" })).toEqual({ message: "rate limited", data: { error: "rate limited" } })
    expect(SE.parseServerError({ error: { message: "deep" } })).toEqual({ message: "deep", data: { error: { message: "deep" } } })
    expect(SE.parseServerError({ name: 5, data: "x" })).toEqual({ data: { name: 5, data: "x" } })
    expect(SE.parseServerError({ name: "X", data: { message: 7 } })).toEqual({ name: "X", data: { message: 7 } })
  })

  it("bounds a huge message", () => {
    const parsed = SE.parseServerError({ name: "UnknownError", data: { message: "x".repeat(100_000) } })
    expect(parsed.message!.length).toBeLessThan(600)
    expect(SE.parseServerError("y".repeat(100_000)).message!.length).toBeLessThan(600)
  })
})

describe("HTTP error schemas", () => {
  it("decode the documented bodies", () => {
    expect(decodeOk(SE.NotFoundError, capture.responses.err404!.body).data.message).toContain("not found")
    expect(decodeOk(SE.BadRequestError, capture.responses.errBadBody!.body).data.kind).toBe("Payload")
    expect(decodeOk(SE.UnknownError, capture.responses.errNoPrefix!.body).data.ref).toMatch(/^err_/)
    expect(decodeOk(SE.TaggedBadRequest, capture.responses.errBadTitle!.body)._tag).toBe("BadRequest")
    expect(decodeOk(SE.PermissionNotFoundError, capture.responses.errPermission!.body).requestID).toBe("per_nope")
    expect(decodeOk(SE.QuestionNotFoundError, capture.responses.errQuestion!.body).requestID).toBe("que_nope")
    expect(decodeOk(SE.SessionBusyError, { _tag: "SessionBusyError", sessionID: "ses_1", message: "busy" }).sessionID).toBe("ses_1")
    decodeFails(SE.NotFoundError, { name: "NotFoundError" })
    decodeFails(SE.SessionBusyError, { name: "SessionBusyError" })
  })
})

describe("MessageError", () => {
  it("keeps known errors as they are and maps others to the fallback", () => {
    const api = { name: "APIError", data: { message: "overloaded", statusCode: 529, isRetryable: true } }
    const decoded = decodeOk(SE.MessageError, api)
    expect(decoded).toEqual(api)
    expect(decoded.name === "APIError" && decoded.data.isRetryable).toBe(true)
    expect(SE.messageErrorText(decoded)).toBe("overloaded")
    const newer = { name: "QuotaError", message: "odd" }
    const fallback = decodeOk(SE.MessageError, newer)
    expect(fallback).toEqual({ name: "unknown", originalName: "QuotaError", raw: newer })
    expect(SE.messageErrorName(fallback)).toBe("QuotaError")
    expect(SE.messageErrorText(fallback)).toBe("odd")
    expect(SE.messageErrorText(decodeOk(SE.UnknownMessageError, { name: "X", data: { message: "in data" } }))).toBe("in data")
    // exact for the names the document lists, and an error object needs a string name
    decodeFails(SE.MessageError, { name: "APIError", data: { message: "no isRetryable" } })
    decodeFails(SE.MessageError, { _tag: "SomethingElse", message: "odd" })
    expect(SE.messageErrorText({ name: "MessageOutputLengthError", data: {} })).toBe("MessageOutputLengthError")
  })

  it("fails only for values that are not objects", () => {
    decodeFails(SE.MessageError, "boom")
    decodeFails(SE.MessageError, null)
    decodeFails(SE.MessageError, [1])
  })
})
