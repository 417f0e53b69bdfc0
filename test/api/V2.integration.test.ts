/**
 * The v2 surface (`OpencodeV2`, i.e. `ApiCall.call`/`stream`) against the pinned `opencode serve`
 * (1.18.33): what it serves decodes with the generated schemas, what it does not serve yet is a
 * typed `ApiError`, and every v2 operation, probed once, answers a decoded success or a typed
 * error — never a `DecodeError` or a defect. One server for the whole file.
 */
import { expect, layer } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Layer, Option, Stream } from "effect"
import * as NodePath from "node:path"
import * as ApiCall from "../../src/api/Call.ts"
import type { Operation } from "../../src/api/Descriptor.ts"
import { operations } from "../../src/api/OperationTable.ts"
import * as OpencodeV2 from "../../src/api/V2.ts"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Live = Layer.mergeAll(OpencodeV2.layer, SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient({ maxRetries: 0 })),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

/** A session with one user message and the scripted model's answer, made through v1. */
const seeded = Effect.gen(function*() {
  const model = yield* ScriptedModel.ScriptedModel
  const sessions = yield* SessionService.SessionService
  const messages = yield* MessageService.MessageService
  const created = yield* sessions.create({ title: "v2 reads" })
  yield* model.script(ScriptedModel.text("Hello from the scripted model"))
  yield* messages.prompt(created.id, "hello v2")
  const history = yield* messages.list(created.id)
  const user = history.find((m) => m.info.role === "user")?.info
  return { sessionID: created.id, userMessageID: user?.role === "user" ? user.id : "msg_missing" }
})

type Outcome = "200" | "204" | `${number} ${string}` | "stream" | "no answer"

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(120) })("OpencodeV2 against opencode serve 1.18.33", (it) => {
  it.effect("session list/get/history/context/messages/message/active and model list answer and decode", () =>
    Effect.gen(function*() {
      const v2 = yield* OpencodeV2.V2
      const project = yield* TestServer.TestProject
      const { sessionID, userMessageID } = yield* seeded

      const list = yield* v2.session.list({ query: { limit: 50 } })
      expect(list.data.map((s) => s.id)).toContain(sessionID)

      const got = yield* v2.session.get({ path: { sessionID } })
      expect(got.data.id).toBe(sessionID)
      expect(got.data.title).toBe("v2 reads")
      expect(got.data.location.directory).toBe(project.directory)

      // On 1.18.33 the v2 message views do not show the messages of a v1 prompt.
      const history = yield* v2.session.history({ path: { sessionID } })
      expect(history.data).toEqual([])
      const context = yield* v2.session.context({ path: { sessionID } })
      expect(context.data).toEqual([])
      // an empty page: its cursors are null (patched: the document says string)
      const messages = yield* v2.session.messages({ path: { sessionID } })
      expect(messages).toEqual({ data: [], cursor: { previous: null, next: null } })

      // a v2 prompt is admitted and shows in the v2 views
      const admitted = yield* v2.session.prompt({ path: { sessionID }, body: { prompt: { text: "through v2" } } })
      expect(admitted.data.sessionID).toBe(sessionID)
      expect(admitted.data.id).toMatch(/^msg_/)
      const durable = yield* v2.session.history({ path: { sessionID } })
      const admittedEvent = durable.data.find((e) => e.type === "session.next.prompt.admitted")
      expect(admittedEvent?.type === "session.next.prompt.admitted" && admittedEvent.data.messageID).toBe(admitted.data.id)

      // a known integration decodes; an unknown id is 200 with data null (patched)
      const openai = yield* v2.integration.get({ path: { integrationID: "openai" } })
      expect(openai.data?.id).toBe("openai")
      const none = yield* v2.integration.get({ path: { integrationID: "local" } })
      expect(none.data).toBeNull()

      const active = yield* v2.session.active()
      expect(typeof active.data).toBe("object")

      const models = yield* v2.model.list()
      // the v2 catalogue (the configured "local" provider is not in it on 1.18.33)
      expect(models.data.length).toBeGreaterThan(0)
      expect(models.data.every((m) => typeof m.id === "string" && typeof m.providerID === "string")).toBe(true)

      const created = yield* v2.session.create({ body: {} })
      expect(created.data.id).toMatch(/^ses_/)
      expect(created.data.location.directory).toBe(project.directory)
      void userMessageID

      // a deepObject query (location[directory]=…) reaches the server and scopes the answer
      const here = yield* v2.location.get()
      expect(here.directory).toBe(project.directory)
      const parent = NodePath.dirname(project.directory)
      const there = yield* v2.location.get({ query: { location: { directory: parent } } })
      expect(there.directory).toBe(parent)
    }))

  it.effect("what 1.18.33 does not serve yet is a typed ApiError with the server's status and message", () =>
    Effect.gen(function*() {
      const v2 = yield* OpencodeV2.V2
      const sessions = yield* SessionService.SessionService
      const { id: sessionID } = yield* sessions.create({ title: "v2 wait" })
      const wait = yield* Effect.flip(v2.session.wait({ path: { sessionID } }))
      expect(wait._tag).toBe("ApiError")
      if (wait._tag !== "ApiError") return
      expect(wait.status).toBe(503)
      expect(wait.name).toBe("ServiceUnavailableError")
      expect(wait.message).toBe("Session wait is not available yet")

      const missing = yield* Effect.flip(v2.session.get({ path: { sessionID: "ses_doesnotexist000000000000" } }))
      expect(missing._tag === "ApiError" && missing.status).toBe(404)
    }))

  it.effect("a bad session id is a ValidationError", () =>
    Effect.gen(function*() {
      const v2 = yield* OpencodeV2.V2
      for (const sessionID of ["not-a-session", "../session", "ses"]) {
        const e = yield* Effect.flip(v2.session.get({ path: { sessionID } }))
        expect(e._tag).toBe("ValidationError")
      }
    }))

  it.effect("v2.event.subscribe streams decoded events", () =>
    Effect.gen(function*() {
      const v2 = yield* OpencodeV2.V2
      const first = yield* v2.event.subscribe({ maxReconnects: 0 }).pipe(Stream.take(1), Stream.runCollect)
      expect(first[0]!.type).toBe("server.connected")
    }))

  it.effect("every v2 operation, probed once, answers a decoded success or a typed error", () =>
    Effect.gen(function*() {
      const client = yield* OpencodeClient.OpencodeClient
      const { sessionID, userMessageID } = yield* seeded
      const table = operations as Readonly<Record<string, Operation>>
      const callOp = ApiCall.callWith(client) as (op: Operation, input?: unknown) => Effect.Effect<unknown, { readonly _tag: string }>
      const streamOp = ApiCall.streamWith(client) as (op: Operation, input?: unknown) => Stream.Stream<unknown, { readonly _tag: string }>
      const call = (id: string, input?: unknown) => callOp(table[id]!, input)
      const stream = (id: string, input?: unknown) => streamOp(table[id]!, input)
      let ptyID = "pty_missing0000000000000000"

      const inputs: Record<string, unknown> = {
        "v2.session.create": { body: {} },
        "v2.session.switchAgent": { path: { sessionID }, body: { agent: "build" } },
        "v2.session.switchModel": { path: { sessionID }, body: { model: { providerID: "local", id: "echo" } } },
        "v2.session.prompt": { path: { sessionID }, body: { prompt: { text: "hello through v2" } } },
        "v2.session.revert.stage": { path: { sessionID }, body: { messageID: userMessageID } },
        "v2.session.message": { path: { sessionID, messageID: userMessageID } },
        "v2.provider.get": { path: { providerID: "local" } },
        "v2.integration.get": { path: { integrationID: "local" } },
        "v2.integration.connect.key": { path: { integrationID: "local" }, body: { key: "x" } },
        "v2.integration.connect.oauth": { path: { integrationID: "local" }, body: { methodID: "m", inputs: {} } },
        "v2.integration.attempt.status": { path: { attemptID: "missing" } },
        "v2.integration.attempt.cancel": { path: { attemptID: "missing" } },
        "v2.integration.attempt.complete": { path: { attemptID: "missing" }, body: {} },
        "v2.credential.update": { path: { credentialID: "missing" }, body: { label: "x" } },
        "v2.credential.remove": { path: { credentialID: "missing" } },
        "v2.permission.saved.remove": { path: { id: "missing" } },
        "v2.session.permission.create": { path: { sessionID }, body: { action: "bash", resources: ["ls"] } },
        "v2.session.permission.get": { path: { sessionID, requestID: "per_missing000000000000000" } },
        "v2.session.permission.reply": { path: { sessionID, requestID: "per_missing000000000000000" }, body: { reply: "reject" } },
        "v2.pty.create": { body: { command: "/bin/sh", args: ["-c", "sleep 10"], title: "probe" } },
        "v2.pty.update": { body: { title: "renamed" } },
        "v2.fs.find": { query: { query: "README" } },
        "v2.session.question.reply": { path: { sessionID, requestID: "que_missing000000000000000" }, body: { answers: [] } },
        "v2.session.question.reject": { path: { sessionID, requestID: "que_missing000000000000000" } }
      }
      const inputFor = (op: (typeof OpencodeV2.v2Operations)[number]): Record<string, unknown> => {
        const given = (inputs[op.id] ?? {}) as Record<string, unknown>
        if (op.pathParams.length === 0 || given.path !== undefined) return given
        const path: Record<string, string> = {}
        for (const p of op.pathParams) path[p.name] = p.name === "sessionID" ? sessionID : p.name === "ptyID" ? ptyID : "missing"
        return { ...given, path }
      }

      // The pty is removed last, so the operations on it find it.
      const ordered = [
        ...OpencodeV2.v2Operations.filter((op) => op.id !== "v2.pty.remove"),
        ...OpencodeV2.v2Operations.filter((op) => op.id === "v2.pty.remove")
      ]
      const outcomes: Record<string, Outcome> = {}
      const problems: Array<string> = []
      for (const op of ordered) {
        const input = inputFor(op)
        if (op.success.kind === "sse") {
          const exit = yield* stream(op.id, { ...input, maxReconnects: 0, heartbeatTimeout: "3 seconds" }).pipe(
            Stream.take(1),
            Stream.runCollect,
            Effect.exit
          )
          if (Exit.isSuccess(exit)) {
            outcomes[op.id] = "stream"
            continue
          }
          const error = Cause.findErrorOption(exit.cause)
          expect(Option.isSome(error), `${op.id}: ${Cause.pretty(exit.cause)}`).toBe(true)
          const tag = Option.getOrThrow(error)._tag
          expect(["TimeoutError", "ApiError"], `${op.id}: ${tag}`).toContain(tag)
          outcomes[op.id] = tag === "TimeoutError" ? "no answer" : `${(Option.getOrThrow(error) as unknown as { status: number }).status} ApiError`
          continue
        }
        const exit = yield* Effect.exit(call(op.id, input))
        if (Exit.isSuccess(exit)) {
          outcomes[op.id] = op.success.kind === "none" ? "204" : "200"
          if (op.id === "v2.pty.create") ptyID = (exit.value as { data: { id: string } }).data.id
          continue
        }
        const error = Cause.findErrorOption(exit.cause)
        if (Option.isNone(error)) {
          problems.push(`${op.id}: ${Cause.pretty(exit.cause)}`)
          continue
        }
        const e = error.value as unknown as { _tag: string; status?: number; name?: string; message: string }
        if (e._tag !== "ApiError") {
          problems.push(`${op.id}: ${e._tag} ${e.message}`)
          continue
        }
        outcomes[op.id] = `${e.status!} ${e.name ?? ""}`.trim() as Outcome
      }
      console.log(JSON.stringify(outcomes, null, 1))
      expect(problems).toEqual([])
      expect(Object.keys(outcomes).length).toBe(OpencodeV2.v2Operations.length)
      // The reads the pinned server serves.
      for (const id of ["v2.session.list", "v2.session.get", "v2.session.history", "v2.session.context", "v2.session.active", "v2.model.list"]) {
        expect(outcomes[id], id).toBe("200")
      }
      expect(outcomes["v2.session.wait"]).toBe("503 ServiceUnavailableError")
    }))
})
