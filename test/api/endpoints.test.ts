/**
 * The endpoint table's scan (scripts/api/endpoints.ts) on small in-memory repositories: both ways a
 * service calls the server are recognised (`callWith(client)(Op.<name>)`, `callWith(client)("<operationId>")` and
 * `client.call({ method, path: route\`…\` })`) and give the same rows, helpers are followed with
 * their arguments, a call the scan cannot read is an error naming its line, the tests that drive
 * an operation are found where they obtain a service, and notes the code contradicts are errors.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  endpointRows,
  endpointsDoc,
  type Notes,
  type OperationInfo,
  type Repository,
  scanServices,
  scanTests
} from "../../scripts/api/endpoints.ts"
import { GenerateError } from "../../scripts/api/generator.ts"

const ops: ReadonlyArray<OperationInfo> = [
  { id: "session.get", method: "GET", path: "/session/{sessionID}", api: "v1", kind: "json" },
  { id: "session.delete", method: "DELETE", path: "/session/{sessionID}", api: "v1", kind: "json" },
  { id: "session.status", method: "GET", path: "/session/status", api: "v1", kind: "json" },
  { id: "session.messages", method: "GET", path: "/session/{sessionID}/message", api: "v1", kind: "json" },
  { id: "tui.clearPrompt", method: "POST", path: "/tui/clear-prompt", api: "v1", kind: "true" },
  { id: "tui.openHelp", method: "POST", path: "/tui/open-help", api: "v1", kind: "true" },
  { id: "tui.openModels", method: "POST", path: "/tui/open-models", api: "v1", kind: "true" },
  { id: "global.upgrade", method: "POST", path: "/global/upgrade", api: "v1", kind: "json" },
  { id: "v2.session.get", method: "GET", path: "/api/session/{sessionID}", api: "v2", kind: "json" },
  { id: "v2.fs.read", method: "GET", path: "/api/fs/read/*", api: "v2", kind: "binary" }
]

const notes = (over: Partial<Notes> = {}): Notes => ({
  left: { "global.upgrade": "an operator action, not a client one", "v2.fs.read": "a binary answer, not read yet" },
  untested: {},
  probes: [],
  undocumented: { "GET /doc": "the document itself, not described in it" },
  reachedBy: {},
  ...over
})

const repository = (files: Readonly<Record<string, string>>): Repository => ({
  list: (folder) => Object.keys(files).filter((f) => f.startsWith(`${folder}/`)),
  read: (path) => files[path]
})

const service = (name: string, body: string, methods: string) => `
import { Context, Effect } from "effect"
import { callWith } from "../api/Call.ts"
import { OpencodeClient, route } from "../layers/OpencodeClient.ts"
export interface Service { ${methods.split(",").map((m) => `readonly ${m.trim()}: () => unknown`).join("; ")} }
export class ${name} extends Context.Service<${name}, Service>()("x/${name}") {}
export const make = Effect.gen(function*() {
  const client = yield* OpencodeClient
  const call = callWith(client)
${body}
})
`

/** The same SessionService, once hand-written and once on callWith. */
const handWritten = service(
  "SessionService",
  `
  const get = (id: string) => client.call({ method: "GET", path: route\`/session/\${id}\`, response: S })
  const remove = (id: string) => client.call({ method: "DELETE", path: route\`/session/\${id}\`, response: "none" })
  const status = () => client.call({ method: "GET", path: "/session/status", response: M })
  const openapi = () => client.call({ method: "GET", path: "/doc", response: D })
  return SessionService.of({ get, delete: remove, status, openapi, find: (id: string) => get(id) })`,
  "get, delete, status, openapi, find"
)
const onCallWith = service(
  "SessionService",
  `
  const get = (id: string) => call("session.get", { path: { sessionID: id } })
  const remove = (id: string) => call("session.delete", { path: { sessionID: id } })
  const status = () => call("session.status")
  const openapi = () => client.call({ method: "GET", path: "/doc", response: D })
  return SessionService.of({ get, delete: remove, status, openapi, find: (id: string) => get(id) })`,
  "get, delete, status, openapi, find"
)

/** The same SessionService on callWith with the generated operation constants (what the services do). */
const onOperations = service(
  "SessionService",
  `
  const get = (id: string) => call(Op.sessionGet, { path: { sessionID: id } })
  const remove = (id: string) => call(sessionDelete, { path: { sessionID: id } })
  const byName = { status: Op.sessionStatus } as const
  const status = () => call(byName.status)
  const openapi = () => client.call({ method: "GET", path: "/doc", response: D })
  return SessionService.of({ get, delete: remove, status, openapi, find: (id: string) => get(id) })`,
  "get, delete, status, openapi, find"
).replace(
  `import { callWith } from "../api/Call.ts"`,
  `import { callWith } from "../api/Call.ts"\nimport * as Op from "../api/Operations.ts"\nimport { sessionDelete } from "../api/Operations.ts"`
)

const reaches = (files: Record<string, string>) =>
  Object.fromEntries(
    scanServices(repository(files), ops, notes()).flatMap((s) =>
      [...s.methods].map(([m, r]) => [`${s.name}.${m}`, r.map((x) => x.via.length === 0 ? x.operation : `${x.operation} via ${x.via.join(">")}`)])
    )
  )

const scanError = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(GenerateError)
    return (error as GenerateError).message
  }
  throw new Error("expected a GenerateError")
}

describe("endpoints: scanning the services", () => {
  it("a hand-written route call and a callWith call reach the same operations", () => {
    const expected = {
      "SessionService.get": ["session.get"],
      "SessionService.delete": ["session.delete"],
      "SessionService.status": ["session.status"],
      "SessionService.openapi": [],
      "SessionService.find": ["session.get via get"]
    }
    expect(reaches({ "src/services/SessionService.ts": handWritten })).toEqual(expected)
    expect(reaches({ "src/services/SessionService.ts": onCallWith })).toEqual(expected)
  })

  it("a callWith call given a generated operation constant (Op.sessionGet, a named import, a const map of them) reaches its operation", () => {
    expect(reaches({ "src/services/SessionService.ts": onOperations })).toEqual({
      "SessionService.get": ["session.get"],
      "SessionService.delete": ["session.delete"],
      "SessionService.status": ["session.status"],
      "SessionService.openapi": [],
      "SessionService.find": ["session.get via get"]
    })
  })

  it("a helper's parameters take the caller's arguments; a hole in a segment matches each literal it can be", () => {
    const tui = service(
      "TuiService",
      `
  const post = (path: string, body?: unknown) => client.call({ method: "POST", path, body, response: "none" })
  return TuiService.of({ clearPrompt: () => post("/tui/clear-prompt"), open: (dialog: "help" | "models") => post(\`/tui/open-\${dialog}\`) })`,
      "clearPrompt, open"
    )
    expect(reaches({ "src/services/TuiService.ts": tui })).toEqual({
      "TuiService.clearPrompt": ["tui.clearPrompt via post"],
      "TuiService.open": ["tui.openHelp via post", "tui.openModels via post"]
    })
  })

  it("an operation id from a const map, a conditional, a helper's parameter or a local function's answer is followed", () => {
    const tui = service(
      "TuiService",
      `
  const dialogs = { help: "tui.openHelp", models: "tui.openModels" } as const
  const send = (id: "tui.clearPrompt" | "tui.openHelp") => call(id)
  const idOf = (dialog: string) => {
    switch (dialog) {
      case "help":
        return "tui.openHelp"
      default:
        return "tui.openModels"
    }
  }
  return TuiService.of({
    open: (dialog: "help" | "models") => call(dialogs[dialog]),
    clearPrompt: (really: boolean) => call(really ? "tui.clearPrompt" : "tui.openHelp"),
    viaHelper: () => send("tui.clearPrompt"),
    viaSwitch: (dialog: string) => call(idOf(dialog))
  })`,
      "open, clearPrompt, viaHelper, viaSwitch"
    )
    expect(reaches({ "src/services/TuiService.ts": tui })).toEqual({
      "TuiService.open": ["tui.openHelp", "tui.openModels"],
      "TuiService.clearPrompt": ["tui.clearPrompt", "tui.openHelp"],
      "TuiService.viaHelper": ["tui.clearPrompt via send"],
      "TuiService.viaSwitch": ["tui.openHelp", "tui.openModels"]
    })
  })

  it("an exported helper of another service file is followed through its import", () => {
    const messages = `
import { route } from "../layers/OpencodeClient.ts"
export const readMessages = (client: any, sessionID: string) => client.call({ method: "GET", path: route\`/session/\${sessionID}/message\` })
`
    const sessions = service(
      "SessionService",
      `
  return SessionService.of({ revert: (id: string) => readMessages(client, id) })`,
      "revert"
    ).replace(`import { callWith }`, `import { readMessages } from "./Messages.ts"\nimport { callWith }`)
    expect(reaches({ "src/services/SessionService.ts": sessions, "src/services/Messages.ts": messages })).toEqual({
      "SessionService.revert": ["session.messages via readMessages"]
    })
  })

  it("a call whose operation cannot be told is an error naming its line", () => {
    const dynamic = service("TuiService", `  return TuiService.of({ any: (id: string) => call(id as never, {}) , x: () => call(pick()) })`, "any, x")
    expect(scanError(() => reaches({ "src/services/TuiService.ts": dynamic }))).toMatch(/^src\/services\/TuiService\.ts:10: cannot tell which operation/)
    const unknownId = service("TuiService", `  return TuiService.of({ x: () => call("tui.nothing") })`, "x")
    expect(scanError(() => reaches({ "src/services/TuiService.ts": unknownId }))).toContain(`"tui.nothing" is not an operation id`)
    const noRoute = service("TuiService", `  return TuiService.of({ x: () => client.call({ method: "GET", path: "/nowhere" }) })`, "x")
    expect(scanError(() => reaches({ "src/services/TuiService.ts": noRoute }))).toContain("no operation is GET /nowhere")
    const noMethod = service("TuiService", `  return TuiService.of({ x: (id: string) => client.call({ path: route\`/session/\${id}\` }) })`, "x")
    expect(scanError(() => reaches({ "src/services/TuiService.ts": noMethod }))).toContain("has several methods; give the call a `method`")
  })

  it("a service whose methods are not an object literal given to <Service>.of is an error", () => {
    const built = service("TuiService", `  const methods = {}\n  return TuiService.of(methods)`, "x")
    expect(scanError(() => reaches({ "src/services/TuiService.ts": built }))).toContain("the methods must be built as `TuiService.of({ … })`")
  })
})

describe("endpoints: scanning the tests", () => {
  const services = scanServices(repository({ "src/services/SessionService.ts": onCallWith }), ops, notes())
  const testFile = (body: string, server = true) => `
import { Effect } from "effect"
import * as ApiCall from "../../src/api/Call.ts"
import * as OpencodeV2 from "../../src/api/V2.ts"
import * as SessionService from "../../src/services/SessionService.ts"
${server ? `import * as TestServer from "../../src/testing/TestServer.ts"` : `import * as MockHttp from "../../src/testing/MockHttp.ts"`}
${body}
`
  const scan = (files: Record<string, string>) =>
    Object.fromEntries(scanTests(repository(files), services, ops).map((t) => [t.file, [...t.methods, ...t.operations].sort()]))

  it("finds the methods called on a service obtained by yield*, use, or a setup's returned object", () => {
    expect(scan({
      "test/services/a.test.ts": testFile(`const t = Effect.gen(function*() { const s = yield* SessionService.SessionService; yield* s.get("ses_1") })`),
      "test/services/b.test.ts": testFile(`const t = SessionService.SessionService.use((s) => s.status())`),
      "test/services/c.test.ts": testFile(`
const setup = Effect.gen(function*() {
  const sessions = yield* SessionService.SessionService
  return { sessions, other: 1 }
})
const t = Effect.gen(function*() { const { sessions } = yield* setup; yield* sessions.delete("ses_1") })`),
      "test/services/d.test.ts": testFile(`const t = Effect.gen(function*() { const v2 = yield* OpencodeV2.V2; yield* v2.session.get({ path: { sessionID: "ses_1" } }); yield* ApiCall.call("session.status") })`),
      "test/services/e.test.ts": testFile(`const t = Effect.gen(function*() { const s = yield* SessionService.SessionService; yield* s.get("ses_1") })`, false)
    })).toEqual({
      "test/services/a.test.ts": ["SessionService.get"],
      "test/services/b.test.ts": ["SessionService.status"],
      "test/services/c.test.ts": ["SessionService.delete"],
      "test/services/d.test.ts": ["session.status", "v2.session.get"]
    })
  })
})

describe("endpoints: the rows and the notes", () => {
  const files = {
    "src/services/SessionService.ts": onCallWith,
    "test/services/SessionService.test.ts": `
import * as SessionService from "../../src/services/SessionService.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
const t = Effect.gen(function*() { const s = yield* SessionService.SessionService; yield* s.find("ses_1"); yield* s.status() })`
  }
  const rows = (n: Notes) => {
    const repo = repository(files)
    const services = scanServices(repo, ops, n)
    return endpointRows(ops, services, scanTests(repo, services, ops), n, repo)
  }

  it("a row names the methods with the fewest steps, the others as also, and the tests of those methods only", () => {
    const byId = Object.fromEntries(rows(notes()).map((r) => [r.op.id, r]))
    expect([byId["session.get"]!.methods, byId["session.get"]!.also]).toEqual([["SessionService.get"], ["SessionService.find"]])
    // find drives get's route, but a row counts the tests of its own methods only
    expect(byId["session.get"]!.tests).toEqual([])
    expect(byId["session.status"]!.tests).toEqual(["test/services/SessionService.test.ts"])
    expect([byId["global.upgrade"]!.generic, byId["global.upgrade"]!.left]).toEqual(["ApiCall.call", "an operator action, not a client one"])
    expect([byId["v2.session.get"]!.v2, byId["v2.fs.read"]!.v2, byId["v2.fs.read"]!.generic]).toEqual(["session.get", undefined, "ApiCall.bytes"])
  })

  it("notes the code contradicts are errors", () => {
    expect(scanError(() => rows(notes({ left: { ...notes().left, "session.get": "not wrapped on purpose" } }))))
      .toContain(`left["session.get"], but SessionService.get reaches it`)
    expect(scanError(() => rows(notes({ untested: { "session.status": "no test calls it yet" } }))))
      .toContain(`untested["session.status"], but test/services/SessionService.test.ts drives it`)
    expect(scanError(() => rows(notes({ untested: { "session.gone": "an operation of an old server" } }))))
      .toContain(`untested["session.gone"] names no operation`)
    expect(scanError(() => rows(notes({ undocumented: { ...notes().undocumented, "GET /session/status": "described nowhere, we thought" } }))))
      .toContain(`undocumented["GET /session/status"] is an operation of the document now; remove the note`)
    expect(scanError(() => rows(notes({ reachedBy: { "session.get": { only: ["SessionService.status"], why: "a route picked at run time" } } }))))
      .toContain("names SessionService.status, which the scan did not find reaching it")
  })

  it("reachedBy narrows a route the scan cannot split", () => {
    const byId = Object.fromEntries(
      rows(notes({ reachedBy: { "session.get": { only: ["SessionService.find"], why: "a route picked at run time" } } })).map((r) => [r.op.id, r])
    )
    expect([byId["session.get"]!.methods, byId["session.get"]!.also, byId["session.get"]!.reachedBy]).toEqual([
      ["SessionService.find"],
      [],
      "a route picked at run time"
    ])
  })

  it("the document shows every operation once, with its reasons and counts", () => {
    const { content, summary } = endpointsDoc(
      repository({ ...files, "notes.json": JSON.stringify(notes()) }),
      ops,
      { spec: "spec/x.json", notes: "notes.json" }
    )
    for (const op of ops) expect(content.split("\n").filter((l) => l.includes(`| \`${op.id}\` |`)).length, op.id).toBe(1)
    expect(content).toContain("left: an operator action, not a client one")
    expect(summary).toMatchObject({ operations: 10, v1: 8, v2: 2, service: 3, v2Only: 1, genericOnly: 6, none: 0, left: 2 })
  })
})
