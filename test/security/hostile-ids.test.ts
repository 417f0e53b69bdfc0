/**
 * Hostile ids, names and paths never reach another endpoint than the one intended: every call that
 * puts caller input into a URL is made against a recording server (a FaultProxy answering 404 to
 * everything), and either fails with a `ValidationError` before sending anything, or the request
 * that arrived has exactly the intended path (same segments, the input in its own segment).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Schema } from "effect"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeNode from "../../src/layers/OpencodeNode.ts"
import { FileService } from "../../src/services/FileService.ts"
import * as FileServiceModule from "../../src/services/FileService.ts"
import { McpService } from "../../src/services/McpService.ts"
import * as McpServiceModule from "../../src/services/McpService.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as MessageServiceModule from "../../src/services/MessageService.ts"
import { PermissionService } from "../../src/services/PermissionService.ts"
import * as PermissionServiceModule from "../../src/services/PermissionService.ts"
import { ProjectService } from "../../src/services/ProjectService.ts"
import * as ProjectServiceModule from "../../src/services/ProjectService.ts"
import { ProviderService } from "../../src/services/ProviderService.ts"
import * as ProviderServiceModule from "../../src/services/ProviderService.ts"
import { PtyService } from "../../src/services/PtyService.ts"
import * as PtyServiceModule from "../../src/services/PtyService.ts"
import { QuestionService } from "../../src/services/QuestionService.ts"
import * as QuestionServiceModule from "../../src/services/QuestionService.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as SessionServiceModule from "../../src/services/SessionService.ts"
import * as FaultProxy from "../../src/testing/FaultProxy.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as Ids from "../../src/schema/Ids.ts"

const hostile: ReadonlyArray<string> = [
  "..",
  ".",
  "../",
  "../..",
  "../../global/health",
  "..%2F..%2Fconfig",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e",
  "a/b",
  "a%2Fb",
  "a\\b",
  "..\\..\\config",
  "ses_../x",
  "ses_%2F..%2Fconfig",
  "ses_?x=1",
  "ses_#frag",
  "ses_ x",
  "ses_\u0000",
  "ses_\r\nX-Injected: 1",
  "ses_é",
  "ses_\u202egnp.exe",
  "ses_😀",
  "ses_;jsessionid=1",
  "ses_" + "a".repeat(10_000),
  "x".repeat(201),
  "",
  " ",
  "...",
  "ses_abc/../../config",
  "%00",
  "ses_%00",
  "per_/../../session",
  "msg_..",
  "prt_.."
]

interface Case {
  readonly name: string
  /** The intended path for an input; `id` is where the input goes. */
  readonly route: (id: string) => string
  readonly call: (id: string) => Effect.Effect<unknown, unknown, any>
}

const enc = (id: string) => encodeURIComponent(id).replace(/\./g, "%2E")

const cases: ReadonlyArray<Case> = [
  { name: "SessionService.get", route: (id) => `/session/${enc(id)}`, call: (id) => SessionService.use((s) => s.get(id)) },
  { name: "SessionService.delete", route: (id) => `/session/${enc(id)}`, call: (id) => SessionService.use((s) => s.delete(id)) },
  { name: "SessionService.abort", route: (id) => `/session/${enc(id)}/abort`, call: (id) => SessionService.use((s) => s.abort(id)) },
  { name: "SessionService.children", route: (id) => `/session/${enc(id)}/children`, call: (id) => SessionService.use((s) => s.children(id)) },
  { name: "SessionService.todo", route: (id) => `/session/${enc(id)}/todo`, call: (id) => SessionService.use((s) => s.todo(id)) },
  { name: "SessionService.diff(messageID)", route: () => `/session/ses_ok/diff`, call: (id) => SessionService.use((s) => s.diff("ses_ok", { messageID: id })) },
  { name: "MessageService.list", route: (id) => `/session/${enc(id)}/message`, call: (id) => MessageService.use((m) => m.list(id)) },
  { name: "MessageService.get(messageID)", route: (id) => `/session/ses_ok/message/${enc(id)}`, call: (id) => MessageService.use((m) => m.get("ses_ok", id)) },
  { name: "MessageService.deletePart(partID)", route: (id) => `/session/ses_ok/message/msg_ok/part/${enc(id)}`, call: (id) => MessageService.use((m) => m.deletePart("ses_ok", "msg_ok", id)) },
  { name: "MessageService.promptAsync", route: (id) => `/session/${enc(id)}/prompt_async`, call: (id) => MessageService.use((m) => m.promptAsync(id, "hi")) },
  { name: "PermissionService.reply", route: (id) => `/permission/${enc(id)}/reply`, call: (id) => PermissionService.use((p) => p.reply(id, "once")) },
  { name: "PermissionService.respond", route: (id) => `/session/ses_ok/permissions/${enc(id)}`, call: (id) => PermissionService.use((p) => p.respond("ses_ok", id, "once")) },
  { name: "QuestionService.reject", route: (id) => `/question/${enc(id)}/reject`, call: (id) => QuestionService.use((q) => q.reject(id)) },
  { name: "McpService.connect", route: (id) => `/mcp/${enc(id)}/connect`, call: (id) => McpService.use((m) => m.connect(id)) },
  { name: "McpService.removeAuth", route: (id) => `/mcp/${enc(id)}/auth`, call: (id) => McpService.use((m) => m.removeAuth(id)) },
  { name: "ProviderService.removeAuth", route: (id) => `/auth/${enc(id)}`, call: (id) => ProviderService.use((p) => p.removeAuth(id)) },
  { name: "PtyService.get", route: (id) => `/pty/${enc(id)}`, call: (id) => PtyService.use((p) => p.get(id)) },
  { name: "ProjectService.directories", route: (id) => `/project/${enc(id)}/directories`, call: (id) => ProjectService.use((p) => p.directories(id)) }
]

const Services = Layer.mergeAll(
  SessionServiceModule.layer,
  MessageServiceModule.layer,
  PermissionServiceModule.layer,
  QuestionServiceModule.layer,
  McpServiceModule.layer,
  ProviderServiceModule.layer,
  PtyServiceModule.layer,
  ProjectServiceModule.layer,
  FileServiceModule.layer
)

/** A recording server: every request is answered 404 by the proxy, nothing is forwarded. */
const withRecorder = <A, E, R>(body: (proxy: FaultProxy.FaultProxyShape) => Effect.Effect<A, E, R>) =>
  Effect.scoped(Effect.gen(function*() {
    const proxy = yield* FaultProxy.make({ upstream: "http://127.0.0.1:9", lifetime: "2 minutes", maxRequests: 20_000 })
    yield* proxy.inject(FaultProxy.status(404, { body: JSON.stringify({ name: "NotFoundError", data: { message: "nope" } }) }))
    const live = Services.pipe(
      Layer.provideMerge(Client.layer({ baseUrl: proxy.url, directory: "/tmp/project", maxRetries: 0 })),
      Layer.provide(OpencodeNode.layerHttpClient)
    )
    return yield* Effect.provide(body(proxy), live)
  }))

describe("security: hostile ids and paths", () => {
  it.live("every hostile id is rejected before sending, or reaches exactly its intended route", () =>
    withRecorder((proxy) =>
      Effect.gen(function*() {
        let rejected = 0
        let sent = 0
        const problems: Array<string> = []
        for (const c of cases) {
          for (const id of hostile) {
            yield* proxy.clearRequests
            const exit = yield* Effect.exit(c.call(id))
            const requests = yield* proxy.requests
            if (Exit.isSuccess(exit)) problems.push(`${c.name}(${JSON.stringify(id.slice(0, 30))}): succeeded against a 404 server`)
            const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
            const tag = error?._tag === "Fail" ? (error.error as { _tag?: string })._tag : "defect"
            if (tag === "ValidationError") {
              rejected++
              if (requests.length > 0) problems.push(`${c.name}(${JSON.stringify(id.slice(0, 30))}): ValidationError but sent ${requests[0]!.url}`)
              continue
            }
            if (tag !== "ApiError") problems.push(`${c.name}(${JSON.stringify(id.slice(0, 30))}): failed with ${tag}`)
            sent++
            for (const r of requests) {
              if (r.path !== c.route(id)) {
                problems.push(`${c.name}(${JSON.stringify(id.slice(0, 30))}): reached ${r.path}, intended ${c.route(id)}`)
              }
            }
          }
        }
        console.log(`hostile ids: ${cases.length} calls × ${hostile.length} inputs: ${rejected} rejected before sending, ${sent} sent to their own route`)
        expect(problems).toEqual([])
        expect(rejected).toBeGreaterThan(0)
      })
    ))

  it.live("file paths and directories travel in the query, encoded, and never change the route", () =>
    withRecorder((proxy) =>
      Effect.gen(function*() {
        const paths = ["../../etc/passwd", "/etc/passwd", "a/../../b", "x?y=1#z", "dir%2F..%2Fx", "é/😀", "a&directory=/root", "..\\..\\win.ini"]
        for (const path of paths) {
          yield* proxy.clearRequests
          yield* Effect.exit(FileService.use((f) => f.read(path)))
          yield* Effect.exit(FileService.use((f) => f.list(path, { directory: `/tmp/${path}` })))
          const requests = yield* proxy.requests
          expect(requests.map((r) => r.path)).toEqual(["/file/content", "/file"])
          const read = new URL(requests[0]!.url, "http://x")
          expect(read.searchParams.get("path")).toBe(path)
          expect(read.searchParams.getAll("directory")).toEqual(["/tmp/project"])
          const list = new URL(requests[1]!.url, "http://x")
          expect(list.searchParams.get("path")).toBe(path)
          expect(list.searchParams.getAll("directory")).toEqual([`/tmp/${path}`])
        }
      })
    ))

  it.live("the transport: `route` keeps every value inside its segment, and refuses dot segments", () =>
    withRecorder((proxy) =>
      Effect.gen(function*() {
        const client = yield* Client.OpencodeClient
        const problems: Array<string> = []
        // "." and ".." are dot segments to every URL parser (so are "%2E" and "%2E%2E"): they cannot be sent
        for (const id of ["..", ".", ""]) {
          expect(() => Client.route`/session/${id}/message`, JSON.stringify(id)).toThrow(RangeError)
        }
        for (const id of ["%2e%2e", "../..", "a/../b", "...", ".a", "a.", "?", "#", "%", "\\..", "..;"]) {
          yield* proxy.clearRequests
          const path = Client.route`/session/${id}/message`
          yield* Effect.exit(client.call({ method: "GET", path, response: Schema.Unknown }))
          const requests = yield* proxy.requests
          const arrived = requests[0]?.path ?? "(nothing sent)"
          if (arrived !== path) problems.push(`${JSON.stringify(id)}: ${path} reached ${arrived}`)
          else if (decodeURIComponent(arrived.split("/")[2]!) !== id) problems.push(`${JSON.stringify(id)} arrived as ${arrived}`)
        }
        expect(problems).toEqual([])
      })
    ))
})

/** For every kind of prefixed id, calls that put one into a URL or a body. */
const byKind: ReadonlyArray<{ readonly kind: Ids.IdKind; readonly name: string; readonly call: (id: string) => Effect.Effect<unknown, unknown, any> }> = [
  { kind: "session", name: "SessionService.abort", call: (id) => SessionService.use((s) => s.abort(id)) },
  { kind: "session", name: "SessionService.get", call: (id) => SessionService.use((s) => s.get(id)) },
  { kind: "session", name: "SessionService.create(parentID)", call: (id) => SessionService.use((s) => s.create({ title: "t", parentID: id })) },
  { kind: "session", name: "MessageService.promptAsync", call: (id) => MessageService.use((m) => m.promptAsync(id, "hi")) },
  { kind: "message", name: "MessageService.get", call: (id) => MessageService.use((m) => m.get("ses_ok", id)) },
  { kind: "message", name: "SessionService.revert", call: (id) => SessionService.use((s) => s.revert("ses_ok", { messageID: id })) },
  { kind: "part", name: "MessageService.deletePart", call: (id) => MessageService.use((m) => m.deletePart("ses_ok", "msg_ok", id)) },
  { kind: "permission", name: "PermissionService.reply", call: (id) => PermissionService.use((p) => p.reply(id, "once")) },
  { kind: "permission", name: "PermissionService.respond", call: (id) => PermissionService.use((p) => p.respond("ses_ok", id, "once")) },
  { kind: "question", name: "QuestionService.reject", call: (id) => QuestionService.use((q) => q.reject(id)) }
]

describe("security: an id that is only its prefix", () => {
  it.effect("is a ValidationError for every kind, and nothing is sent", () =>
    Effect.gen(function*() {
      const mock = yield* MockHttp.MockHttp
      const problems: Array<string> = []
      const kinds = new Set<string>()
      for (const c of byKind) {
        const prefix = Ids.idPrefixes[c.kind]!
        kinds.add(c.kind)
        for (const id of [prefix, prefix.slice(0, 3)]) {
          const before = (yield* mock.requests).length
          const exit = yield* Effect.exit(c.call(id))
          const sent = (yield* mock.requests).slice(before)
          const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
          const tag = error?._tag === "Fail" ? (error.error as { _tag?: string })._tag : Exit.isSuccess(exit) ? "success" : "defect"
          if (tag !== "ValidationError") problems.push(`${c.name}(${JSON.stringify(id)}): ${tag}`)
          if (sent.length > 0) problems.push(`${c.name}(${JSON.stringify(id)}): sent ${sent.map((r) => `${r.method} ${r.url.pathname}`).join(", ")}`)
        }
      }
      expect(problems).toEqual([])
      expect([...kinds].sort()).toEqual(Object.keys(Ids.idPrefixes).filter((k) => k !== "project").sort())
    }).pipe(Effect.provide(
      Services.pipe(
        Layer.provideMerge(Client.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
        Layer.provideMerge(MockHttp.layer(() => MockHttp.json(200, true)))
      )
    )))
})
