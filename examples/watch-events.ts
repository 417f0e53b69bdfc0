/**
 * Watch events: follow one session while a prompt runs — its lifecycle (created → active →
 * completed / error / idle, see docs/events.md) and the assistant's text as it is generated —
 * without missing anything that happens between sending the prompt and subscribing.
 *
 *   npx node examples/watch-events.ts "Explain Effect in one sentence"
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Fiber, Layer, Stream } from "effect"
import { Ids, Prompt, SessionService } from "../src/index.ts"
import * as EventService from "../src/services/EventService.ts"
import * as MessageService from "../src/services/MessageService.ts"
import * as Run from "../src/services/Run.ts"
import { TestServer } from "../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"

export const program = (text: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const events = yield* EventService.EventService
    const session = yield* sessions.createScoped({ title: "watched" })

    // The lifecycle starts with the session's current state, read from the server.
    const states: Array<string> = []
    const lifecycle = yield* events.lifecycle(session.id).pipe(
      Stream.takeUntil((c) => c.state === "completed" || c.state === "error"),
      Stream.runForEach((change) =>
        Effect.sync(() => states.push(change.state)).pipe(Effect.andThen(Console.log(`[lifecycle] ${change.state}`)))
      ),
      Effect.forkScoped
    )

    // Choose the prompt's id, so the text stream follows exactly its replies (and reads what they
    // already hold when it starts late).
    const messageID = Ids.newMessageID()
    let streamed = ""
    const text$ = yield* events.textStream(session.id, { after: messageID }).pipe(
      Stream.runForEach((delta) => Effect.sync(() => (streamed += delta))),
      Effect.forkScoped
    )
    yield* messages.promptAsync(session.id, { messageID, parts: [Prompt.text(text)] })
    yield* events.waitForIdle(session.id, { after: messageID, timeout: "5 minutes" })
    yield* Fiber.join(text$)
    yield* Fiber.join(lifecycle)
    yield* Console.log(`[text] ${streamed}`)
    return { states, text: streamed }
  }).pipe(Effect.scoped)

/** Offline: an embedded `opencode serve` in a temporary project, answered by the scripted model. */
export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  program(process.argv[2] ?? "Explain Effect in one sentence").pipe(Effect.provide(Embedded), NodeRuntime.runMain)
}
