/**
 * The client entry's own transport, `OpencodeClient.layerFetch` (the web platform's `fetch`: what a
 * browser, Bun or Deno program uses), against a real `opencode serve` with a password: Basic auth
 * built without `Buffer`, a session created, a prompt sent and run to its end through the event
 * stream (`Run`), the history read back, and a typed error for an unknown session.
 */
import { expect, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { callWith } from "../../src/api/Call.ts"
import * as Op from "../../src/api/Operations.ts"
import * as Client from "../../src/layers/OpencodeClient.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import * as MessageResult from "../../src/services/MessageResult.ts"
import { MessageService } from "../../src/services/MessageService.ts"
import * as Run from "../../src/services/Run.ts"
import { SessionService } from "../../src/services/SessionService.ts"
import * as ScriptedModel from "../../src/testing/ScriptedModel.ts"
import * as TestServer from "../../src/testing/TestServer.ts"

const Live = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(Client.layerFetch)
)

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("OpencodeClient.layerFetch (real opencode serve)", (it) => {
  it.effect("creates a session, runs a prompt through the event stream and reads the history, with Basic auth", () =>
    Effect.gen(function*() {
      const server = yield* OpencodeServer.OpencodeServer
      expect(server.password).toBeDefined()
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.script(ScriptedModel.text("Answered over fetch"))
      const session = yield* SessionService.use((s) => s.create({ title: "over fetch" }))
      const result = yield* Run.run("Say something", { sessionID: session.id })
      expect(result.text).toBe("Answered over fetch")
      const history = yield* MessageService.use((m) => m.list(session.id))
      expect(history.map(MessageResult.textOf)).toEqual(["Say something", "Answered over fetch"])
      const missing = yield* Effect.flip(SessionService.use((s) => s.get("ses_doesnotexist000000000000")))
      expect(missing._tag === "ApiError" && missing.isNotFound).toBe(true)
    }))

  it.effect("a server on loopback answers uncompressed (no gzip to undo for each large answer)", () =>
    Effect.gen(function*() {
      // The server gzips answers over ~1 KiB when asked to (fetch asks by default); the client
      // then paid zlib and a streamed, aborted read per call. A list of a few sessions is enough.
      const sessions = yield* SessionService
      for (let i = 0; i < 6; i++) yield* sessions.create({ title: `uncompressed ${i} ${"x".repeat(120)}` })
      const client = yield* Client.OpencodeClient
      let encoding: string | undefined = "not seen"
      const listed = yield* callWith(client)(Op.sessionList, {
        onHeaders: (headers: Readonly<Record<string, string>>) => {
          encoding = headers["content-encoding"]
        }
      })
      expect(JSON.stringify(listed).length).toBeGreaterThan(2048)
      expect(encoding).toBeUndefined()
    }))
})
