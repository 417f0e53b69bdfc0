import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import { expectTypeOf } from "vitest"
import { readFileSync } from "node:fs"
import { generate, GenerateError, parsePatchFile, type PatchOperation } from "../../scripts/api/generator.ts"
import { operations } from "../../src/api/OperationTable.ts"
import * as Schemas from "../../src/api/Schemas.ts"
import type * as Ids from "../../src/schema/Ids.ts"
import * as Agent from "../../src/schema/Agent.ts"
import * as Config from "../../src/schema/Config.ts"
import * as Mcp from "../../src/schema/Mcp.ts"
import * as Provider from "../../src/schema/Provider.ts"
import { base, decodeFails, decodeOk } from "../schema/helpers.ts"

// A newer server (OpenCode releases weekly) adds values to the enumerations of its answers: they
// must decode as the string itself, not fail the whole answer. Tags and discriminators stay exact.

const root = new URL("../../", import.meta.url)
const sources = { spec: "spec/opencode-1.18.33.openapi.json", patch: "spec/opencode-1.18.33.patch.json" }
const spec = JSON.parse(readFileSync(new URL(sources.spec, root), "utf8"))
const patch = parsePatchFile(JSON.parse(readFileSync(new URL(sources.patch, root), "utf8")))

const agent = { name: "build", mode: "primary", permission: [], options: {} }
const cost = { input: 1, output: 2, cache: { read: 0, write: 0 } }
const io = { text: true, audio: false, image: false, video: false, pdf: false }
const model = {
  id: "m",
  providerID: "p",
  api: { id: "m", url: "https://example.invalid", npm: "@ai-sdk/x" },
  name: "M",
  capabilities: { temperature: true, reasoning: false, attachment: false, toolcall: true, input: io, output: io, interleaved: false },
  cost,
  limit: { context: 1000, output: 100 },
  status: "active",
  options: {},
  headers: {},
  release_date: "2026-01-01"
}

/** The generated `Schemas.ts` line that defines `name`'s schema. */
const schemaLine = (files: Readonly<Record<string, string>>, name: string): string =>
  files["src/api/Schemas.ts"]!.split("\n").find((line) => line.startsWith(`export const ${name} = `)) ?? ""

describe("forward compatibility: open enumerations", () => {
  it("an agent with a mode a newer server added decodes, the mode kept as sent", () => {
    expect(decodeOk(Agent.Agent, { ...agent, mode: "galaxy" }).mode).toBe("galaxy")
    expect(decodeOk(Agent.Agent, agent).mode).toBe("primary")
  })

  it("a model status, a config share mode and a log level a newer server added decode", () => {
    expect(decodeOk(Provider.Model, { ...model, status: "sunset" }).status).toBe("sunset")
    expect(decodeOk(Schemas.Model, { ...model, status: "sunset" }).status).toBe("sunset")
    const config = decodeOk(Config.Config, { share: "team-only", logLevel: "TRACE" })
    expect(config.share).toBe("team-only")
    expect(config.logLevel).toBe("TRACE")
    expect(decodeOk(Schemas.PermissionAction, "escalate")).toBe("escalate")
    expect(decodeOk(Schemas.LSPStatus, { id: "ts", name: "ts", root: "/", status: "starting" }).status).toBe("starting")
  })

  it("the whole answer of an operation decodes with one unknown value inside", () => {
    const providers = operations["config.providers"].success.schema
    const provider = { id: "p", name: "P", source: "marketplace", env: [], options: {}, models: { m: { ...model, status: "sunset" } } }
    const answer = decodeOk(providers, { providers: [provider], default: { p: "m" } })
    expect(answer.providers[0]!.source).toBe("marketplace")
    expect(answer.providers[0]!.models["m"]!.status).toBe("sunset")
    const lsp = decodeOk(operations["lsp.status"].success.schema, [{ id: "ts", name: "ts", root: "/", status: "starting" }])
    expect(lsp[0]!.status).toBe("starting")
  })

  it("an open enumeration still rejects a value that is not a string, and encodes strings only", () => {
    decodeFails(Agent.Agent, { ...agent, mode: 3 })
    decodeFails(Schemas.PermissionAction, null)
    expect(Schema.encodeUnknownSync(Schemas.PermissionAction)("escalate")).toBe("escalate")
    expect(Exit.isFailure(Schema.encodeUnknownExit(Schemas.PermissionAction)(7))).toBe(true)
  })

  it("the type keeps the known values for completion and admits any string (checked by tsc)", () => {
    expectTypeOf<Agent.Agent["mode"]>().toEqualTypeOf<"subagent" | "primary" | "all" | (string & {})>()
    expectTypeOf<Schemas.PermissionAction>().toEqualTypeOf<"allow" | "deny" | "ask" | (string & {})>()
    expectTypeOf<typeof Schemas.PermissionAction.Encoded>().toEqualTypeOf<string>()
    expectTypeOf<Schemas.TextPart["type"]>().toEqualTypeOf<"text">()
  })
})

describe("forward compatibility: tags and discriminators stay exact", () => {
  it("a part union picks its member by type; an unknown type is its open fallback, a known type with a wrong shape fails", () => {
    const text = decodeOk(Schemas.Part, { ...base, type: "text", text: "hi" })
    expect(text.type).toBe("text")
    const galaxy = { ...base, type: "galaxy", text: "hi" }
    expect(decodeOk(Schemas.Part, galaxy)).toEqual({ type: "unknown", originalType: "galaxy", raw: galaxy })
    decodeFails(Schemas.Part, { ...base, type: "text" })
    decodeFails(Schemas.Part, { ...base, type: 42 })
    decodeFails(Schemas.TextPart, { ...base, type: "reasoning", text: "hi" })
  })

  it("messages (by role) and tool states (by status) are open unions too", () => {
    const system = { id: "msg_1", role: "system" }
    expect(decodeOk(Schemas.Message, system)).toEqual({ role: "unknown", originalRole: "system", raw: system })
    decodeFails(Schemas.Message, { id: "msg_1", role: "user" })
    const paused = { status: "paused", input: {} }
    expect(decodeOk(Schemas.ToolState, paused)).toEqual({ status: "unknown", originalStatus: "paused", raw: paused })
    decodeFails(Schemas.ToolState, { status: "completed" })
  })

  it("the MCP status union picks its member by status and rejects an unknown status", () => {
    const failed = decodeOk(Mcp.McpStatus, { status: "failed", error: "boom" })
    expect(failed).toEqual({ status: "failed", error: "boom" })
    decodeFails(Mcp.McpStatus, { status: "failed" })
    decodeFails(Mcp.McpStatus, { status: "galaxy" })
  })

  it("an event with an unknown type decodes to the unknown event (id and properties kept), a known one to its member", () => {
    const galaxy = { id: "evt_1", type: "galaxy.exploded", properties: { n: 1 } }
    expect(decodeOk(Schemas.Event, galaxy)).toEqual({ type: "unknown", originalType: "galaxy.exploded", id: "evt_1", properties: { n: 1 }, raw: galaxy })
    decodeFails(Schemas.Event, { id: "evt_1", type: "session.idle", properties: {} })
    const heartbeat = decodeOk(Schemas.Event, { id: "evt_2", type: "server.heartbeat", properties: {} })
    expect(heartbeat.type).toBe("server.heartbeat")
    const refreshed = decodeOk(Schemas.Event, { id: "evt_1", type: "models-dev.refreshed", properties: {} })
    expect(refreshed.type).toBe("models-dev.refreshed")
  })

  it("the non-finite number spellings stay exact", () => {
    const timeUsed = (value: unknown) =>
      Schema.decodeUnknownExit(Schemas.Workspace)({ id: "wrk_1", type: "t", name: "n", projectID: "p", timeUsed: value })
    expect(Exit.isSuccess(timeUsed("Infinity"))).toBe(true)
    expect(Exit.isFailure(timeUsed("soon"))).toBe(true)
  })

  it("what the client only sends stays exact: a typo in a request is a validation failure", () => {
    const body = operations["permission.reply"].body.schema
    expect(Exit.isSuccess(Schema.encodeUnknownExit(body)({ reply: "once" }))).toBe(true)
    expect(Exit.isFailure(Schema.encodeUnknownExit(body)({ reply: "onse" }))).toBe(true)
  })
})

describe("ids: the document's id patterns decode to the library's branded ids", () => {
  const message = { id: "msg_1", sessionID: "ses_1", role: "user", time: { created: 1 }, agent: "build", model: { providerID: "p", modelID: "m" } }

  it("a session's and a message's ids are the branded SessionID and MessageID", () => {
    const session = decodeOk(Schemas.Session, {
      id: "ses_1", slug: "s", projectID: "p", directory: "/d", title: "t", version: "1", time: { created: 1, updated: 1 }
    })
    expectTypeOf(session.id).toEqualTypeOf<Ids.SessionID>()
    const user = decodeOk(Schemas.UserMessage, message)
    expectTypeOf(user.id).toEqualTypeOf<Ids.MessageID>()
    expectTypeOf(user.sessionID).toEqualTypeOf<Ids.SessionID>()
  })

  it("the ids follow the library's rule, stricter than the document's bare prefix", () => {
    // the document only says ^msg; the library wants msg_ and 1 to 196 safe characters after it
    decodeFails(Schemas.UserMessage, { ...message, id: "msg" })
    decodeFails(Schemas.UserMessage, { ...message, id: "msg_../x" })
    decodeFails(Schemas.UserMessage, { ...message, sessionID: "session_1" })
  })
})

describe("forward compatibility: the generator's rule", () => {
  const withPatch = (extra: ReadonlyArray<PatchOperation>, edit?: (copy: any) => void) => {
    const copy = structuredClone(spec)
    edit?.(copy)
    return generate(copy, [...patch, ...extra], sources)
  }

  it("the pinned document: every multi-valued enumeration of an answer is open, the rest exact", () => {
    const { files, summary } = generate(spec, patch, sources)
    expect(summary.enums).toEqual({ open: 79, closed: 527 })
    expect(schemaLine(files, "PermissionAction")).toContain(`openLiterals(["allow", "deny", "ask"])`)
    expect(files["src/api/Schemas.ts"]).toMatch(/import { openLiterals[,} ].* from "..\/internal\/lenient.ts"/)
  })

  it("a multi-valued enumeration that discriminates a union stays exact", () => {
    const { files } = withPatch([], (copy) => {
      copy.components.schemas.Shape = {
        anyOf: [
          { type: "object", properties: { kind: { type: "string", enum: ["circle", "disc"] }, r: { type: "number" } }, required: ["kind", "r"] },
          { type: "object", properties: { kind: { type: "string", enum: ["square"] }, side: { type: "number" } }, required: ["kind", "side"] }
        ]
      }
    })
    const line = schemaLine(files, "Shape")
    expect(line).toContain(`Schema.Literals(["circle", "disc"])`)
    expect(line).not.toContain("openLiterals")
  })

  it("the patch file keeps one enumeration exact with x-effect-opencode-closed", () => {
    const why = "test: this enumeration is complete"
    const { files, summary } = withPatch([{ op: "add", path: "/components/schemas/Agent/properties/mode/x-effect-opencode-closed", value: true, why }])
    expect(schemaLine(files, "Agent")).toContain(`"mode": Schema.Literals(["subagent", "primary", "all"])`)
    expect(summary.enums).toEqual({ open: 78, closed: 528 })
  })

  it("x-effect-opencode-closed on something that is not a string enumeration stops the generator", () => {
    const why = "test: misplaced"
    const error = (() => {
      try {
        withPatch([{ op: "add", path: "/components/schemas/Agent/properties/name/x-effect-opencode-closed", value: true, why }])
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(GenerateError)
    expect((error as GenerateError).message).toContain("x-effect-opencode-closed")
  })

  it("x-effect-opencode-open-union adds the fallback member; on a schema that is no tagged union it stops the generator", () => {
    const why = "test: open union"
    const { files } = withPatch([{ op: "add", path: "/components/schemas/MCPStatus/x-effect-opencode-open-union", value: { key: "status" }, why }])
    expect(schemaLine(files, "MCPStatus")).toContain(`unknownMember("status", ["connected", "disabled", "failed", "needs_auth", "needs_client_registration"])`)
    const failure = (value: unknown, path = "/components/schemas/Agent/x-effect-opencode-open-union") => {
      try {
        withPatch([{ op: "add", path, value: value as any, why }])
      } catch (e) {
        return e
      }
    }
    for (const error of [failure({ key: "name" }), failure({ key: "type", fallback: "guess" }, "/components/schemas/Part/x-effect-opencode-open-union"), failure("type")]) {
      expect(error).toBeInstanceOf(GenerateError)
      expect((error as GenerateError).message).toContain("x-effect-opencode-open-union")
    }
  })
})
