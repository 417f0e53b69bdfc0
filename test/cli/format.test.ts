/**
 * The CLI's pure parts: the tasks file, output formatting, the progress bar, error lines.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit } from "effect"
import { ApiError, ServerStartError, TransportError } from "../../src/Errors.ts"
import { shownUrl } from "../../src/internal/url.ts"
import * as Format from "../../src/cli/Format.ts"
import * as Progress from "../../src/cli/Progress.ts"
import { errorJson, InputError, render, renderCause } from "../../src/cli/Report.ts"
import { parseModel } from "../../src/cli/Target.ts"
import * as Tasks from "../../src/cli/Tasks.ts"

const failureOf = <A, E>(effect: Effect.Effect<A, E>): E => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  return Cause.findErrorOption(exit.cause).pipe((o) => (o._tag === "Some" ? o.value : (undefined as never)))
}

describe("tasks file", () => {
  it("parses tasks, skips blank and comment lines, numbers ids", () => {
    const tasks = Effect.runSync(Tasks.parse(
      '{"prompt":"a"}\n\n# comment\n{"prompt":"b","id":"x","model":"p/m","agent":"plan"}\n{"prompt":"c"}\n',
      "t.jsonl"
    ))
    expect(tasks.map((t) => [t.id, t.line, t.prompt])).toEqual([["task-1", 1, "a"], ["x", 4, "b"], ["task-3", 5, "c"]])
    expect(tasks[1]).toMatchObject({ model: "p/m", agent: "plan" })
  })

  it("names the bad line", () => {
    expect(failureOf(Tasks.parse('{"prompt":"a"}\n{"prompt":', "t.jsonl")).message).toMatch(/^t\.jsonl line 2: not valid JSON/)
    expect(failureOf(Tasks.parse('{"id":"a"}', "t.jsonl")).message).toBe('t.jsonl line 1: "prompt" must be a non-empty string')
    expect(failureOf(Tasks.parse('{"prompt":"a","modle":"x"}', "t.jsonl")).message).toBe('t.jsonl line 1: unknown field "modle"')
    expect(failureOf(Tasks.parse('{"prompt":"a","id":"x"}\n{"prompt":"b","id":"x"}', "t.jsonl")).message).toBe(
      't.jsonl line 2: duplicate id "x"'
    )
    expect(failureOf(Tasks.parse("\n", "t.jsonl")).message).toBe("t.jsonl has no tasks")
  })

  it("reports a missing file", () => {
    expect(failureOf(Tasks.read("/nonexistent/tasks.jsonl")).message).toBe(
      "cannot read the tasks file /nonexistent/tasks.jsonl: ENOENT"
    )
  })
})

describe("formatting", () => {
  it("parses provider/model", () => {
    expect(Effect.runSync(parseModel("openrouter/anthropic/claude"))).toEqual({ providerID: "openrouter", modelID: "anthropic/claude" })
    expect(failureOf(parseModel("claude"))._tag).toBe("InputError")
  })

  it("summarizes a diff", () => {
    expect(Format.diffSummary([])).toEqual(["no files changed"])
    expect(Format.diffSummary([
      { file: "src/a.ts", status: "modified", additions: 3, deletions: 1 },
      { file: "b.txt", status: "added", additions: 2, deletions: 0 }
    ])).toEqual(["  M src/a.ts  +3 -1", "  A b.txt     +2 -0", "2 files changed, +5 -1"])
  })

  it("formats numbers, costs and durations", () => {
    expect(Format.count(12345)).toBe("12,345")
    expect(Format.cost(0)).toBe("$0.0000")
    expect(Format.cost(1.234)).toBe("$1.23")
    expect(Format.duration(420)).toBe("420 ms")
    expect(Format.duration(1870)).toBe("1.9 s")
  })

  it("prints events as lines", () => {
    const at = new Date(2025, 0, 1, 12, 34, 56, 789)
    expect(Format.eventLine({ type: "session.status", properties: { sessionID: "ses_1", status: { type: "busy" } } }, at))
      .toBe(`12:34:56.789  ${"session.status".padEnd(22)}  ses_1  busy`)
    expect(Format.eventLine({ type: "message.part.delta", properties: { sessionID: "ses_1", delta: "Hi" } }, at))
      .toContain('ses_1  "Hi"')
    expect(Format.eventLine({ type: "server.connected", properties: {} }, at)).toBe(`12:34:56.789  server.connected        -`)
  })

  it("draws the progress bar and task lines", () => {
    expect(Progress.bar({ total: 4, finished: 1, failed: 1, skipped: 0, running: 1 }, 1500, 8)).toBe(
      "[####····] 2/4 · 1 running · 1 failed · 1.5 s · ETA 1.5 s"
    )
    expect(Progress.taskLine({ ok: false, id: "t2", millis: 300, error: "boom" }, { total: 2, finished: 0, failed: 1, skipped: 0, running: 0 }))
      .toBe("[1/2] ✗ t2 (300 ms): boom")
    const written: Array<string> = []
    const reporter = new Progress.Reporter({ write: (s) => written.push(s) }, false)
    reporter.update({ total: 1, finished: 0, failed: 0, skipped: 0, running: 1 })
    reporter.finished({ ok: true, id: "t1", millis: 900 }, { total: 1, finished: 1, failed: 0, skipped: 0, running: 0 })
    reporter.close()
    expect(written).toEqual(["[1/1] ✓ t1 (900 ms)\n"])
  })
})

describe("the batch footer", () => {
  it("shows the ETA at the pace so far, and the cost and tokens of the finished tasks", () => {
    const progress = (finished: number, running: number) => ({ total: 10, finished, failed: 0, skipped: 0, running })
    // No task ended yet: no pace, no ETA; all ended: none left.
    expect(Progress.eta(progress(0, 3), 5_000)).toBeUndefined()
    expect(Progress.eta(progress(10, 0), 5_000)).toBeUndefined()
    // 4 of 10 in 8 s: 2 s a task, 6 left.
    expect(Progress.eta(progress(4, 2), 8_000)).toBe(12_000)
    expect(Progress.bar(progress(4, 2), 8_000, 10, { cost: 0.0042, tokens: 4200 })).toBe(
      "[####······] 4/10 · 2 running · $0.0042 · 4,200 tokens · 8.0 s · ETA 12.0 s"
    )
    // The reporter adds up what each finished task used and draws it in the bar (on a terminal).
    const written: Array<string> = []
    const reporter = new Progress.Reporter({ write: (s) => written.push(s), columns: 80 }, true)
    reporter.finished({ ok: true, id: "a", millis: 10, spent: { cost: 0.5, tokens: 1000 } }, progress(1, 1))
    reporter.finished({ ok: false, id: "b", millis: 10, error: "boom" }, { ...progress(1, 1), failed: 1 })
    reporter.finished({ ok: true, id: "c", millis: 10, spent: { cost: 0.25, tokens: 234 } }, { ...progress(2, 0), failed: 1 })
    reporter.close()
    expect(reporter.spent).toEqual({ cost: 0.75, tokens: 1234 })
    const bars = written.filter((w) => w.startsWith("["))
    expect(bars[bars.length - 1]).toMatch(/^\[#+·+\] 3\/10 · 1 failed · \$0\.75 · 1,234 tokens · .* · ETA /)
  })
})

describe("error lines", () => {
  it("says what failed, why, and what to do, in one line", () => {
    const refused = render(
      new TransportError({ reason: "ConnectionRefused", method: "GET", url: "http://127.0.0.1:9/session", detail: "" }),
      { url: shownUrl("http://127.0.0.1:9") }
    )
    expect(refused.line).toBe(
      "cannot reach the opencode server at http://127.0.0.1:9 (ConnectionRefused: GET http://127.0.0.1:9/session) — start one with `opencode serve`, or leave out --url (and OPENCODE_BASE_URL) to use an embedded server"
    )
    const unauthorized = render(new ApiError({ status: 401, message: "", method: "GET", path: "/session" }), { url: shownUrl("http://h") })
    expect(unauthorized.line).toMatch(/answered 401 to GET \/session — set OPENCODE_SERVER_PASSWORD/)
    const exited = render(new ServerStartError({ reason: "Exited", message: "opencode exited with code 1 before it was ready\nline 1\nline 2", output: ["line 1", "line 2"] }))
    expect(exited.line).toBe(
      "could not start the embedded opencode server (Exited): opencode exited with code 1 before it was ready — run with --verbose to see its output"
    )
    expect(exited.detail).toEqual(["last output lines:", "  line 1", "  line 2"])
    expect(render(new InputError({ message: "bad", hint: "fix it" })).line).toBe("bad — fix it")
    for (const r of [refused, unauthorized, exited]) expect(r.line).not.toContain("\n")
  })

  it("renders defects without a stack trace", () => {
    const r = renderCause(Cause.die(new Error("boom\nmore")))
    expect(r.line).toBe("internal error: boom — please report it (run with --verbose for the stack)")
    expect(r.detail.length).toBeGreaterThan(0)
  })

  it("gives errors a JSON form", () => {
    expect(errorJson(new ApiError({ status: 404, name: "NotFoundError", message: "Session not found", method: "GET", path: "/session/ses_1" })))
      .toEqual({ type: "ApiError", message: "Session not found", status: 404 })
  })
})
