import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { promisify } from "node:util"
import {
  applyPatch,
  generate,
  GenerateError,
  listOperations,
  parsePatchFile,
  type PatchOperation,
  staleFiles
} from "../../scripts/api/generator.ts"
import { type OperationId, operations } from "../../src/api/OperationTable.ts"
import { serverFacts } from "../../src/api/Operations.ts"
import * as Schemas from "../../src/api/Schemas.ts"
import { capture } from "../schema/helpers.ts"

const root = new URL("../../", import.meta.url)
const readText = (relative: string): string | undefined => {
  try {
    return readFileSync(new URL(relative, root), "utf8")
  } catch {
    return undefined
  }
}
const sources = { spec: "spec/opencode-1.18.33.openapi.json", patch: "spec/opencode-1.18.33.patch.json" }
const spec = JSON.parse(readText(sources.spec)!)
const patch = parsePatchFile(JSON.parse(readText(sources.patch)!))

/** A deep copy of the pinned spec, changed by `edit`. */
const editedSpec = (edit: (copy: any) => void): unknown => {
  const copy = structuredClone(spec)
  edit(copy)
  return copy
}

const generateError = (run: () => unknown): GenerateError => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(GenerateError)
    return error as GenerateError
  }
  throw new Error("expected a GenerateError")
}

describe("generate: up to date", () => {
  it("the committed files are what the pinned spec and patch file generate", () => {
    const { files } = generate(spec, patch, sources)
    expect(Object.keys(files).sort()).toEqual(["src/api/Events.ts", "src/api/OperationTable.ts", "src/api/Operations.ts", "src/api/Schemas.ts"])
    expect(staleFiles(files, readText)).toEqual([])
    for (const content of Object.values(files)) {
      expect(content.split("\n")[0]).toBe("// GENERATED FILE: do not edit by hand.")
      expect(content).toContain(sources.spec)
      expect(content).toContain(sources.patch)
    }
  })

  it("a changed component schema makes Schemas.ts (and only it) stale", () => {
    const changed = editedSpec((s) => {
      s.components.schemas.Session.properties.color = { type: "string" }
    })
    expect(staleFiles(generate(changed, patch, sources).files, readText)).toEqual(["src/api/Schemas.ts"])
  })

  it("a changed operation makes Operations.ts stale", () => {
    const changed = editedSpec((s) => {
      s.paths["/session/{sessionID}"].get.parameters.push({ in: "query", name: "depth", schema: { type: "number" } })
    })
    expect(staleFiles(generate(changed, patch, sources).files, readText)).toEqual(["src/api/Operations.ts"])
  })

  it("a missing generated file is stale", () => {
    const { files } = generate(spec, patch, sources)
    expect(staleFiles(files, (path) => (path.endsWith("Operations.ts") ? undefined : readText(path)))).toEqual([
      "src/api/Operations.ts"
    ])
  })

  it("the check command exits 0 and says the generated code is up to date", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["scripts/generate.ts", "--check"], {
      cwd: root,
      timeout: 60_000
    })
    expect(stdout).toContain("generated code is up to date")
  })
})

describe("generate: the server's own documentation", () => {
  it("a component's description is the JSDoc line above its type and its schema", () => {
    const schemas = readText("src/api/Schemas.ts")!
    expect(schemas).toContain(`/** Log level */\nexport type LogLevel = `)
    expect(schemas).toContain(`/** Log level */\nexport const LogLevel = `)
    expect(schemas).toContain(`/** Server configuration for opencode serve and web commands */\nexport type ServerConfig = `)
  })

  it("a title and a description, several lines and a `*/` in them, make one well-formed block", () => {
    const changed = editedSpec((s) => {
      s.components.schemas.Session.title = "A session"
      s.components.schemas.Session.description = "Ends early? */ no.\nSecond line.  "
    })
    const schemas = generate(changed, patch, sources).files["src/api/Schemas.ts"]!
    const block = "/**\n * A session\n *\n * Ends early? *\\/ no.\n * Second line.\n */\n"
    expect(schemas).toContain(`${block}export type Session = `)
    expect(schemas).toContain(`${block}export const Session = `)
    // A component without title or description (TextPart) gets no comment; the same inputs, the same output.
    expect(schemas).toMatch(/\nexport const [^\n]*\nexport type TextPart = /)
    expect(generate(changed, patch, sources).files["src/api/Schemas.ts"]).toBe(schemas)
  })
})

describe("generate: operations", () => {
  const specOperations = listOperations(spec)

  it("every operation of the spec is in the table, with its method, path and api version", () => {
    expect(specOperations).toHaveLength(188)
    // and GET /doc, which the document does not list: the patch file adds it (app.doc)
    expect(Object.keys(operations)).toHaveLength(189)
    expect([operations["app.doc"].method, operations["app.doc"].path]).toEqual(["GET", "/doc"])
    expect(Object.values(operations).filter((o) => o.api === "v2")).toHaveLength(58)
    for (const { method, path, operation } of specOperations) {
      const entry = operations[operation.operationId as OperationId]
      expect(entry, operation.operationId).toBeDefined()
      expect([entry.method, entry.path, entry.api]).toEqual([
        method.toUpperCase(),
        path,
        path.startsWith("/api/") ? "v2" : "v1"
      ])
      expect(entry.pathParams.map((p) => p.name)).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]))
      const errorStatuses = Object.keys(operation.responses).filter((s) => !s.startsWith("2")).map(Number)
      expect(Object.keys(entry.errors).map(Number).sort()).toEqual(errorStatuses.sort())
      expect(entry.body === undefined).toBe(operation.requestBody === undefined)
    }
  })

  it("path parameters carry the id prefix the server demands", () => {
    expect(operations["session.get"].pathParams).toMatchObject([{ name: "sessionID", idPrefix: "ses" }])
    expect(operations["part.delete"].pathParams.map((p) => p.idPrefix)).toEqual(["ses", "msg", "prt"])
    expect(operations["permission.reply"].pathParams[0]!.idPrefix).toBe("per")
    expect(operations["question.reply"].pathParams[0]!.idPrefix).toBe("que")
    expect(operations["pty.get"].pathParams[0]!.idPrefix).toBe("pty")
    expect(operations["project.update"].pathParams[0]!.idPrefix).toBeUndefined()
    const sessionId = Schema.decodeUnknownExit(operations["session.get"].pathParams[0]!.schema)
    expect(Exit.isSuccess(sessionId("ses_1"))).toBe(true)
    expect(Exit.isFailure(sessionId("1"))).toBe(true)
  })

  it("the query is one struct of the operation's query parameters", () => {
    const decode = Schema.decodeUnknownExit(operations["session.messages"].query)
    expect(Exit.isSuccess(decode({ directory: "/x", limit: 5 }))).toBe(true)
    expect(Exit.isFailure(decode({ limit: "five" }))).toBe(true)
    expect(Exit.isFailure(Schema.decodeUnknownExit(operations["tool.list"].query)({}))).toBe(true)
    expect(operations["v2.agent.list"].deepObjectQuery).toEqual(["location"])
  })

  it("the patch file's facts reach the table", () => {
    expect(operations["session.prompt_async"].success).toEqual({ status: 204, kind: "none" })
    for (const id of ["session.summarize", "session.abort", "session.delete"] as const) {
      expect(operations[id].success.kind).toBe("true")
    }
    const sse = Object.values(operations).filter((o) => o.success.kind === "sse").map((o) => o.id).sort()
    expect(sse).toEqual(["event.subscribe", "global.event", "v2.event.subscribe", "v2.session.events"])
    expect(operations["pty.connect"].success.kind).toBe("websocket")
    expect(operations["vcs.diff.raw"].success).toMatchObject({ kind: "text", contentType: "text/x-diff" })
    expect(operations["v2.fs.read"].success).toMatchObject({ kind: "binary" })
    expect(serverFacts.unknownRoute).toEqual({ status: 200, contentType: "text/html" })
  })
})

describe("generate: the patch file", () => {
  const pointer = (document: unknown, path: string): unknown =>
    path.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~")).reduce<any>(
      (node, token) => (node !== null && typeof node === "object" && Object.hasOwn(node, token) ? node[token] : undefined),
      document
    )

  it("every patch operation is applied", () => {
    expect(patch.length).toBeGreaterThan(0)
    const patched = applyPatch(spec, patch)
    for (const operation of patch) {
      if (operation.op === "test") continue
      if (operation.op === "remove" && operation.path.endsWith("/required/0")) continue // an array item: the next one moved up
      if (operation.op === "remove") expect(pointer(patched, operation.path), operation.path).toBeUndefined()
      else if (operation.path.endsWith("/-")) {
        // appended to an array: it is now one of its items
        expect(pointer(patched, operation.path.slice(0, -2)), operation.path).toContainEqual(operation.value)
      } else expect(pointer(patched, operation.path), operation.path).toEqual(operation.value)
    }
    expect(pointer(patched, "/components/schemas/GlobalEvent/required")).toEqual(["payload"])
    // The spec itself is left untouched.
    expect(pointer(spec, "/x-effect-opencode")).toBeUndefined()
  })

  it("an operation that does not apply cleanly is an error naming it", () => {
    const missing: PatchOperation = { op: "remove", path: "/components/schemas/Nope", why: "test" }
    expect(generateError(() => applyPatch(spec, [missing])).message).toContain("patch op #0 (remove /components/schemas/Nope")
    const overwrite: PatchOperation = { op: "add", path: "/components/schemas/Session", value: {}, why: "test" }
    expect(generateError(() => applyPatch(spec, [overwrite])).message).toContain("already exists")
    expect(generateError(() => parsePatchFile([{ op: "add", path: "/x", value: 1 }])).message).toContain("why")
    const moved: PatchOperation = { op: "test", path: "/components/schemas/GlobalEvent/required/0", value: "payload", why: "test" }
    expect(generateError(() => applyPatch(spec, [moved])).message).toContain("the target is \"directory\"")
  })

  it("an event stream the patch file does not mark is an error", () => {
    const withoutSse = patch.filter((o) => !(o.path === "/paths/~1event/get/x-effect-stream"))
    expect(generateError(() => generate(spec, withoutSse, sources)).message).toContain(
      "event.subscribe (GET /event): a text/event-stream answer needs x-effect-stream"
    )
  })

  it("without the workarounds, effect's JSON Schema import rejects the document", () => {
    const withoutWorkaround = patch.filter((o) => o.path !== "/components/schemas/Config/properties/agent/properties")
    expect(generateError(() => generate(spec, withoutWorkaround, sources)).message).toContain("additionalProperties")
  })
})

describe("generate: the schemas decode what the real server sent", () => {
  const fixtures: ReadonlyArray<readonly [name: string, operation: OperationId]> = [
    ["createSession", "session.create"],
    ["createSessionAsk", "session.create"],
    ["getSession", "session.get"],
    ["listSessions", "session.list"],
    ["promptSync", "session.prompt"],
    ["todoPrompt", "session.prompt"],
    ["messages", "session.messages"],
    ["messagesAfterSummarize", "session.messages"],
    ["messagesAfterAbort", "session.messages"],
    ["message", "session.message"],
    ["diff", "session.diff"],
    ["status", "session.status"],
    ["todo", "session.todo"],
    ["revert", "session.revert"],
    ["unrevert", "session.unrevert"],
    ["summarize", "session.summarize"],
    ["abort", "session.abort"],
    ["deleteSession", "session.delete"],
    ["permissions", "permission.list"],
    ["permissionReply", "permission.reply"],
    ["questions", "question.list"],
    ["questionReply", "question.reply"],
    ["err404", "session.get"],
    ["errBadBody", "session.prompt"],
    ["errBogusMsgId", "session.prompt"],
    ["errBadTitle", "session.create"],
    ["errPermission", "permission.reply"],
    ["errQuestion", "question.reply"]
  ]

  it.each(fixtures)("%s decodes with the schema of %s for its status", (name, id) => {
    const response = capture.responses[name]!
    const operation = operations[id]
    const schema = response.status === operation.success.status && "schema" in operation.success
      ? operation.success.schema
      : (operation.errors as Record<number, Schema.Top>)[response.status]
    expect(schema, `${id} documents status ${response.status}`).toBeDefined()
    const exit = Schema.decodeUnknownExit(schema as Schema.Codec<unknown>)(response.body)
    expect(Exit.isSuccess(exit), Exit.isFailure(exit) ? String(exit.cause) : "").toBe(true)
  })

  it("the 204 answers are operations without a body", () => {
    expect(capture.responses.promptAsyncWrite!.status).toBe(operations["session.prompt_async"].success.status)
  })

  it("every captured event decodes as an Event, every global one as a GlobalEvent", () => {
    expect(capture.events.length).toBeGreaterThan(100)
    const event = Schema.decodeUnknownExit(Schemas.Event)
    for (const e of capture.events) {
      const exit = event(e)
      expect(Exit.isSuccess(exit), `${e.type}: ${Exit.isFailure(exit) ? String(exit.cause) : ""}`).toBe(true)
    }
    const globalEvent = Schema.decodeUnknownExit(Schemas.GlobalEvent)
    for (const e of capture.globalEvents) {
      const exit = globalEvent(e)
      expect(Exit.isSuccess(exit), `${e.payload.type}: ${Exit.isFailure(exit) ? String(exit.cause) : ""}`).toBe(true)
    }
  })

  it("a payload that breaks the document's rules is rejected", () => {
    const session = capture.responses.getSession!.body
    expect(Exit.isFailure(Schema.decodeUnknownExit(Schemas.Session)({ ...session, id: 5 }))).toBe(true)
    expect(Exit.isFailure(Schema.decodeUnknownExit(Schemas.Session)({ ...session, id: "msg_1" }))).toBe(true)
  })
})
