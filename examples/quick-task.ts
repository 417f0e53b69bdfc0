/**
 * Quick task: start an embedded `opencode serve` (with the bundled scripted local model, so it
 * runs offline with no API key), create a session that deletes itself, send one prompt and
 * print the answer.
 *
 *   npx node examples/quick-task.ts "Write a haiku about Effect"
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { MessageResult, MessageService, SessionService } from "../src/index.ts"
import { TestServer } from "../src/testing/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"

export const program = (text: string) =>
  Effect.gen(function*() {
    const sessions = yield* SessionService.SessionService
    const messages = yield* MessageService.MessageService
    const session = yield* sessions.createScoped({ title: "quick task" })
    const reply = yield* messages.prompt(session.id, text)
    yield* Console.log(MessageResult.finalText(reply))
    const t = MessageResult.tokens(reply)
    yield* Console.log(`(session ${session.id}, ${t.input} input / ${t.output} output tokens)`)
    return { answer: MessageResult.finalText(reply), sessionID: session.id }
  }).pipe(Effect.scoped)

export const Embedded = Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

if (import.meta.main) {
  program(process.argv[2] ?? "Hello from effect-opencode!").pipe(
    Effect.provide(Embedded),
    NodeRuntime.runMain
  )
}
