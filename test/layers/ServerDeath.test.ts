import { expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Schedule } from "effect"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as MessageService from "../../src/services/MessageService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode } from "../../src/server.ts"

const Live = Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient({ maxRetries: 1, retryBaseDelay: "10 millis" })),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

it.live("a server killed with SIGKILL in the middle of a call gives typed errors, not a hang", () =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const model = yield* ScriptedModel.ScriptedModel
    const server = yield* OpencodeServer.OpencodeServer
    yield* model.script(ScriptedModel.hang)
    const session = yield* sessions.create({ title: "killed" })
    // A synchronous prompt that waits on a model that never answers.
    const inFlight = yield* Effect.forkChild(Effect.flip(messages.prompt(session.id, "never answered")))
    yield* Effect.retry(
      Effect.flatMap(model.pending, (n) => (n === 0 ? Effect.void : Effect.fail("not yet"))),
      { schedule: Schedule.spaced("25 millis"), times: 400 }
    )
    const started = Date.now()
    process.kill(server.pid, "SIGKILL")
    const error = yield* Fiber.join(inFlight)
    expect(error._tag).toBe("TransportError")
    if (error._tag === "TransportError") expect(error.reason).toBe("ConnectionReset")
    expect(Date.now() - started).toBeLessThan(5_000)
    const exit = yield* server.exited
    expect(exit.signal).toBe("SIGKILL")
    // Later calls fail at once: the server is gone.
    const after = yield* Effect.flip(sessions.get(session.id))
    expect(after._tag === "TransportError" && after.reason).toBe("ConnectionRefused")
  }).pipe(Effect.provide(Live)), 60_000)
