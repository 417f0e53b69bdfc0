/**
 * The batch tables on a real PostgreSQL: the start of a task's attempt is recorded once, and the
 * first recording is what every later one answers.
 */
import { expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Database from "../../src/cluster/Database.ts"
import * as Store from "../../src/cluster/Store.ts"
import * as TestPostgres from "../../src/testing/TestPostgres.ts"

it.live("recordStart: the first recording of an attempt wins, a later one answers it; another attempt is apart", () =>
  Effect.gen(function*() {
    const pg = yield* TestPostgres.make()
    yield* Effect.gen(function*() {
      yield* Store.migrate
      expect(yield* Store.startOf("b", "k", 1)).toBeUndefined()
      const first = { batchId: "b", key: "k", attempt: 1, server: "http://a", directory: "/w", sessionID: "ses_1", messageID: "msg_1", startedAt: 1 }
      expect(yield* Store.recordStart(first)).toEqual(first)
      // Another execution of the same attempt (a runner thought dead), with its own session.
      const second = { ...first, server: "http://b", directory: undefined, sessionID: "ses_2", messageID: "msg_2", startedAt: 2 }
      expect(yield* Store.recordStart(second)).toEqual(first)
      expect(yield* Store.startOf("b", "k", 1)).toEqual(first)
      const retry = { ...second, attempt: 2 }
      expect(yield* Store.recordStart(retry)).toEqual(retry)
      // Creating the tables again (another runner starting) keeps the rows.
      yield* Store.migrate
      expect(yield* Store.startOf("b", "k", 2)).toEqual(retry)
    }).pipe(Effect.provide(Database.layer(pg.url)))
  }).pipe(Effect.scoped), { timeout: 60_000 })
