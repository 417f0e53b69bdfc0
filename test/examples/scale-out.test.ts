/**
 * The scale-out example against a real PostgreSQL server and a real `opencode serve` with the
 * scripted model, its runner in this process.
 */
import { expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as ScaleOut from "../../examples/scale-out.ts"
import * as OpencodeServer from "../../src/layers/OpencodeServer.ts"
import { ScriptedModel, TestPostgres, TestServer } from "../../src/testing/index.ts"

it.live("scale-out: a runner and a client over PostgreSQL review two files", () =>
  Effect.gen(function*() {
    const pg = yield* TestPostgres.make()
    const oc = yield* TestServer.make({ model: { fallback: (r) => ScriptedModel.text(`- ok: ${r.lastUserText}`) } })
    const port = yield* OpencodeServer.freePort()
    yield* Layer.build(ScaleOut.runner(pg.url, [{
      url: oc.server.url,
      directory: oc.project.directory,
      username: oc.server.username,
      password: oc.server.password
    }], { port }))
    const result = yield* ScaleOut.program(["src/a.ts", "src/b.ts"]).pipe(Effect.provide(ScaleOut.client(pg.url)))
    expect(result.failed).toEqual([])
    expect(result.finished.map((r) => [r.key, r.output?.text, r.runner])).toEqual([
      ["review:src/a.ts", "- ok: Review src/a.ts in three bullet points.", `127.0.0.1:${port}`],
      ["review:src/b.ts", "- ok: Review src/b.ts in three bullet points.", `127.0.0.1:${port}`]
    ])
  }).pipe(Effect.scoped), { timeout: 90_000 })
