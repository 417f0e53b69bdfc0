/**
 * The real server the CLI tests run processes against: a managed `opencode serve` with the
 * scripted model (`Live`), and the flags and environment that point a CLI process at it
 * (`connect`).
 */
import { Effect, Layer, Redacted } from "effect"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"
import * as Run from "../../src/services/Run.ts"
import { TestServer } from "../../src/testing/index.ts"

export const Live = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

/**
 * `--url` (and, with `dir`, `--dir` of the test project) and the server's password in the
 * environment, never on the command line.
 */
export const connect = (options: { readonly dir?: boolean } = {}) =>
  Effect.gen(function*() {
    const server = yield* OpencodeServer.OpencodeServer
    const project = yield* TestServer.TestProject
    return {
      args: options.dir === true ? ["--url", server.url, "--dir", project.directory] : ["--url", server.url],
      env: { OPENCODE_SERVER_PASSWORD: Redacted.value(server.password!) },
      directory: project.directory
    }
  })
