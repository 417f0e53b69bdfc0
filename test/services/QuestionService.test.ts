import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Schedule } from "effect"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as QuestionServiceModule from "../../src/services/QuestionService.ts"
import { QuestionService } from "../../src/services/QuestionService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  QuestionServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("QuestionService (swapped HttpClient)", () => {
  it.effect("reply sends one answer per question; reject has no body; bad input is refused locally", () =>
    Effect.gen(function*() {
      const questions = yield* QuestionService
      yield* questions.reply("que_1", [["Yes"], ["a", "b"]])
      yield* questions.reject("que_2")
      expect((yield* Effect.flip(questions.reply("per_1", [["x"]])))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(questions.reply("que_1", [["x"], [1 as never]])))._tag).toBe("ValidationError")
      const [reply, reject] = yield* requests
      expect(reply!.url.pathname).toBe("/question/que_1/reply")
      expect(JSON.parse(reply!.body!)).toEqual({ answers: [["Yes"], ["a", "b"]] })
      expect(reject!.url.pathname).toBe("/question/que_2/reject")
      expect(reject!.body).toBeUndefined()
      expect((yield* requests).length).toBe(2)
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, true)))))

  it.effect("an unknown request is a 404 QuestionNotFoundError", () =>
    Effect.gen(function*() {
      const questions = yield* QuestionService
      const e = yield* Effect.flip(questions.reject("que_gone"))
      expect(e._tag === "ApiError" && e.isNotFound && e.name).toBe("QuestionNotFoundError")
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(404, { _tag: "QuestionNotFoundError", requestID: "que_gone", message: "Question request not found" })
    ))))
})

const Live = Layer.mergeAll(QuestionServiceModule.layer, SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

const ask = ScriptedModel.toolCall("question", {
  questions: [{
    question: "Deploy to production?",
    header: "Deploy",
    options: [{ label: "Yes", description: "Ship it" }, { label: "No", description: "Wait" }]
  }]
})

const nextQuestion = (sessionID: string) =>
  Effect.gen(function*() {
    const questions = yield* QuestionService
    const found = yield* questions.list({ sessionID })
    if (found.length === 0) return yield* Effect.fail("none yet" as const)
    return found[0]!
  }).pipe(Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 }))

const questionState = (sessionID: string) =>
  Effect.gen(function*() {
    const messages = yield* MessageService.MessageService
    const tool = (yield* messages.list(sessionID)).flatMap((m) => m.parts).find((p) => p.type === "tool" && p.tool === "question")
    if (tool?.type !== "tool" || (tool.state.status !== "completed" && tool.state.status !== "error")) {
      return yield* Effect.fail("running" as const)
    }
    return tool.state
  }).pipe(Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 }))

const idle = (sessionID: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const s = yield* sessions.statusOf(sessionID)
    if (s.type !== "idle") return yield* Effect.fail("busy" as const)
  }).pipe(Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 400 }))

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("QuestionService against opencode serve", (it) => {
  it.effect("the model's question is listed and answered; the tool reports the answer", () =>
    Effect.gen(function*() {
      const questions = yield* QuestionService
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ask, ScriptedModel.text("deploying"))
      const session = yield* sessions.create({ title: "question reply" })
      yield* messages.promptAsync(session.id, "deploy?")
      const request = yield* nextQuestion(session.id)
      expect(request.questions[0]?.question).toBe("Deploy to production?")
      expect(request.questions[0]?.options.map((o) => o.label)).toEqual(["Yes", "No"])
      expect((yield* questions.list()).map((q) => q.id)).toContain(request.id)
      yield* questions.reply(request.id, [["Yes"]])
      const state = yield* questionState(session.id)
      expect(state.status).toBe("completed")
      expect(state.status === "completed" && state.output).toContain("Yes")
      expect(yield* questions.list({ sessionID: session.id })).toEqual([])
      // Let the session finish its turn before the next test scripts the model again.
      yield* idle(session.id)
    }))

  it.effect("a rejected question fails the tool call", () =>
    Effect.gen(function*() {
      const questions = yield* QuestionService
      const sessions = yield* SessionService.SessionService
      const messages = yield* MessageService.MessageService
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ask, ScriptedModel.text("ok"))
      const session = yield* sessions.create({ title: "question reject" })
      yield* messages.promptAsync(session.id, "deploy?")
      const request = yield* nextQuestion(session.id)
      yield* questions.reject(request.id)
      const state = yield* questionState(session.id)
      expect(state.status).toBe("error")
      const gone = yield* Effect.flip(questions.reject(request.id))
      expect(gone._tag === "ApiError" && gone.status).toBe(404)
      yield* idle(session.id)
    }))
})
