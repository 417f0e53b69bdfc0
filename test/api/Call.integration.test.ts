import { describe, expect, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as Socket from "effect/socket/Socket"
import * as fs from "node:fs"
import * as path from "node:path"
import * as ApiCall from "../../src/api/Call.ts"
import * as Op from "../../src/api/Operations.ts"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as PtyServiceModule from "../../src/services/PtyService.ts"
import { PtyService } from "../../src/services/PtyService.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Live = PtyServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provideMerge(Socket.layerWebSocketConstructorGlobal),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("ApiCall.bytes and ApiCall.socket against opencode serve", (it) => {
  describe("bytes", () => {
    it.effect("v2.fs.read gives a file's exact bytes; a bad rest is refused before sending", () =>
      Effect.gen(function*() {
        const project = yield* TestServer.TestProject
        const content = new Uint8Array([0, 1, 2, 0xff, 0xfe, 10, 104, 105])
        fs.mkdirSync(path.join(project.directory, "sub dir"), { recursive: true })
        fs.writeFileSync(path.join(project.directory, "sub dir", "data.bin"), content)
        fs.writeFileSync(path.join(project.directory, "hello.txt"), "hello bytes\n")
        const read = yield* ApiCall.bytes("v2.fs.read", { rest: "sub dir/data.bin" })
        expect(read).toBeInstanceOf(Uint8Array)
        expect(Array.from(read)).toEqual(Array.from(content))
        expect(new TextDecoder().decode(yield* ApiCall.bytes("v2.fs.read", { rest: "hello.txt" }))).toBe("hello bytes\n")
        const client = yield* OpencodeClient.OpencodeClient
        expect(Array.from(yield* ApiCall.bytesWith(client)(Op.v2FsRead, { rest: "sub dir/data.bin" }))).toEqual(Array.from(content))
        for (const rest of ["../etc/passwd", "/etc/passwd", "a//b", ""]) {
          const refused = yield* Effect.flip(ApiCall.bytes("v2.fs.read", { rest }))
          expect(refused._tag).toBe("ValidationError")
        }
      }))

    it.effect("a file over maxBodyBytes is a DecodeError", () =>
      Effect.gen(function*() {
        const project = yield* TestServer.TestProject
        fs.writeFileSync(path.join(project.directory, "big.bin"), new Uint8Array(4096))
        const client = yield* OpencodeClient.OpencodeClient
        const small = yield* OpencodeClient.make({ ...client.config, maxBodyBytes: 1000 }).pipe(
          Effect.provide(OpencodeNode.layerHttpClient)
        )
        const error = yield* Effect.flip(ApiCall.bytesWith(small)(Op.v2FsRead, { rest: "big.bin" }))
        expect(error._tag).toBe("DecodeError")
      }))
  })

  describe("socket", () => {
    const readUntil = (reader: Socket.Reader, needle: string) =>
      Effect.gen(function*() {
        const decoder = new TextDecoder()
        let seen = ""
        while (!seen.includes(needle)) {
          for (const chunk of yield* reader.pull) {
            seen += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true })
          }
        }
        return seen
      })

    /** Types `echo h""i` into a terminal and reads until its `hi` comes back (20 s at most). */
    const echoHi = (socket: Socket.Socket) =>
      Effect.scoped(Effect.gen(function*() {
        const reader = yield* socket.reader
        const writer = yield* socket.writer
        yield* writer.write("echo h\"\"i\n")
        return yield* readUntil(reader, "hi\r\n")
      })).pipe(Effect.timeout(Duration.seconds(20)))

    it.effect("pty.connect with a ticket: echo hi comes back; the URL holds no password", () =>
      Effect.gen(function*() {
        const pty = yield* PtyService
        const term = yield* pty.create({ command: "/bin/sh", args: [] })
        yield* Effect.addFinalizer(() => Effect.ignore(pty.remove(term.id)))
        const { ticket } = yield* pty.connectToken(term.id)
        const socket = yield* ApiCall.socket("pty.connect", { path: { ptyID: term.id }, query: { ticket } })
        const seen = yield* echoHi(socket)
        expect(seen).toContain("hi")
        const client = yield* OpencodeClient.OpencodeClient
        const url = ApiCall.socketUrl(client, { method: "GET", path: `/pty/${term.id}/connect`, query: { ticket } })
        expect(url.startsWith("ws://")).toBe(true)
        expect(new URL(url).searchParams.get("ticket")).toBe(ticket)
        expect(new URL(url).password).toBe("")
      }))

    it.effect("v2.pty.connect with a v2 ticket: echo hi comes back", () =>
      Effect.gen(function*() {
        const { data: term } = yield* ApiCall.call("v2.pty.create", { body: { command: "/bin/sh" } })
        yield* Effect.addFinalizer(() => Effect.ignore(ApiCall.call("v2.pty.remove", { path: { ptyID: term.id } })))
        const { data: { ticket } } = yield* ApiCall.call("v2.pty.connectToken", {
          path: { ptyID: term.id },
          headers: { "x-opencode-ticket": "1" }
        })
        const socket = yield* ApiCall.socket("v2.pty.connect", { path: { ptyID: term.id }, query: { ticket } })
        const seen = yield* echoHi(socket)
        expect(seen).toContain("hi")
      }))

    it.effect("a wrong ticket or a bad id is a typed error", () =>
      Effect.gen(function*() {
        const pty = yield* PtyService
        const term = yield* pty.create({ command: "/bin/sh", args: ["-c", "sleep 30"] })
        yield* Effect.addFinalizer(() => Effect.ignore(pty.remove(term.id)))
        const socket = yield* ApiCall.socket("pty.connect", { path: { ptyID: term.id }, query: { ticket: "wrong" } })
        const error = yield* Effect.flip(Effect.scoped(Effect.gen(function*() {
          const reader = yield* socket.reader
          return yield* reader.pull
        })).pipe(Effect.timeout(Duration.seconds(20))))
        expect(error._tag).toBe("SocketError")
        const bad = yield* Effect.flip(ApiCall.socket("v2.pty.connect", { path: { ptyID: "ses_1" } }))
        expect(bad._tag).toBe("ValidationError")
      }))
  })
})
