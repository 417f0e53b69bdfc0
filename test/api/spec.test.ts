import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, JsonPatch, Redacted, type Schema } from "effect"
import { readFileSync } from "node:fs"
import * as TestServer from "../../src/testing/TestServer.ts"

const pinned = JSON.parse(
  readFileSync(new URL("../../spec/opencode-1.18.33.openapi.json", import.meta.url), "utf8")
) as Schema.Json

/**
 * The differences between two documents as one line per changed location (`replace /paths/~1x/get/...`),
 * at most `limit` of them: readable in a failing assertion where a 480 KB object diff is not.
 */
const differences = (expected: Schema.Json, actual: Schema.Json, limit = 40): ReadonlyArray<string> => {
  const lines = JsonPatch.get(expected, actual).map((op) => `${op.op} ${op.path}`)
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines
}

describe("spec/opencode-1.18.33.openapi.json", () => {
  it("differences names each changed location", () => {
    expect(differences({ a: 1, b: [1] }, { a: 2, b: [1, 2], c: true })).toEqual(["replace /a", "add /b/1", "add /c"])
    expect(differences({}, Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i])), 2)).toEqual([
      "add /k0",
      "add /k1",
      "… and 3 more"
    ])
  })

  it.live("is what the pinned server's GET /doc answers", () =>
    Effect.scoped(Effect.gen(function*() {
      const { server } = yield* TestServer.make()
      expect(server.version).toBe("1.18.33")
      const headers: Record<string, string> = server.authorization === undefined
        ? {}
        : { authorization: Redacted.value(server.authorization) }
      const response = yield* Effect.promise((signal) => fetch(`${server.url}/doc`, { headers, signal }))
      expect(response.status).toBe(200)
      expect(response.headers.get("content-type")).toContain("application/json")
      const live = (yield* Effect.promise(() => response.json())) as Schema.Json
      expect(differences(pinned, live)).toEqual([])
    }).pipe(Effect.timeout(Duration.seconds(60)))))
})
