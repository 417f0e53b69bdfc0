import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as S from "../../src/schema/Session.ts"
import { capture, decodeFails, decodeOk, MSG, PRT, SES } from "./helpers.ts"

const minimal = {
  id: SES,
  slug: "sunny-forest",
  projectID: "global",
  directory: "/work/p",
  title: "New session",
  version: "1.18.33",
  time: { created: 1795600410003, updated: 1795600410004 }
}

describe("Session", () => {
  it("decodes the minimal session the document requires", () => {
    const session = decodeOk(S.Session, minimal)
    expect(session).toEqual(minimal)
    expect(session.revert).toBeUndefined()
  })

  it("decodes every field of the document", () => {
    const full = {
      ...minimal,
      workspaceID: "wrk_1",
      path: "",
      parentID: "ses_parent",
      summary: {
        additions: 1,
        deletions: 2,
        files: 1,
        diffs: [{ file: "a.txt", patch: "Index: a.txt", additions: 1, deletions: 2, status: "modified" }]
      },
      cost: 0.25,
      tokens: { input: 55, output: 35, reasoning: 0, cache: { read: 1, write: 2 } },
      share: { url: "https://opncd.ai/s/abc" },
      agent: "build",
      model: { id: "echo", providerID: "local", variant: "default" },
      metadata: { custom: [1, 2] },
      time: { created: 1, updated: 2, compacting: 3, archived: 4 },
      permission: [{ permission: "bash", pattern: "*", action: "ask" }],
      revert: { messageID: MSG, partID: PRT, snapshot: "634c07", diff: "diff --git a/x b/x" }
    }
    const session = decodeOk(S.Session, full)
    expect(session).toEqual(full)
    expect(session.revert?.messageID).toBe(MSG)
    expect(session.permission?.[0]?.action).toBe("ask")
    expect(session.time.archived).toBe(4)
  })

  it("ignores fields a newer server adds (excess keys are dropped, not an error)", () => {
    const session = decodeOk(S.Session, { ...minimal, brandNewField: { x: 1 }, time: { ...minimal.time, later: 5 } })
    expect(session).toEqual(minimal)
    expect("brandNewField" in session).toBe(false)
  })

  it("fails on a missing required field or a bad id, without throwing", () => {
    const { title: _title, ...noTitle } = minimal
    decodeFails(S.Session, noTitle)
    decodeFails(S.Session, { ...minimal, id: "../ses" })
    decodeFails(S.Session, { ...minimal, time: { created: "yesterday", updated: 1 } })
    decodeFails(S.Session, { ...minimal, permission: [{ permission: "bash", pattern: "*", action: 5 }] })
    decodeFails(S.Session, "not a session")
    decodeFails(S.Session, null)
  })

  it("decodes the sessions the real server sent (create, revert, list)", () => {
    const created = decodeOk(S.Session, capture.responses.createSession!.body)
    expect(created.title).toBe("Capture")
    const reverted = decodeOk(S.Session, capture.responses.revert!.body)
    expect(reverted.revert?.messageID).toMatch(/^msg_/)
    expect(reverted.revert?.diff).toContain("hello.txt")
    const unreverted = decodeOk(S.Session, capture.responses.unrevert!.body)
    expect(unreverted.revert).toBeUndefined()
    const asking = decodeOk(S.Session, capture.responses.createSessionAsk!.body)
    expect(asking.permission).toEqual([{ permission: "bash", pattern: "*", action: "ask" }])
    const list = decodeOk(Schema.Array(S.Session), capture.responses.listSessions!.body)
    expect(list.length).toBe(2)
  })

  it("SessionStatus: idle, busy, retry; an unknown type fails", () => {
    expect(decodeOk(S.SessionStatus, { type: "idle" })).toEqual({ type: "idle" })
    expect(decodeOk(S.SessionStatus, { type: "busy" })).toEqual({ type: "busy" })
    const retry = { type: "retry", attempt: 2, message: "429 Too Many Requests", next: 1795600410003 }
    expect(decodeOk(S.SessionStatus, retry)).toEqual(retry)
    decodeFails(S.SessionStatus, { type: "retry", attempt: 2 })
    decodeFails(S.SessionStatus, { type: "sleeping" })
  })

  it("SessionStatusMap: session id -> status", () => {
    const real = decodeOk(S.SessionStatusMap, capture.responses.status!.body)
    for (const status of Object.values(real)) expect(["idle", "busy", "retry"]).toContain(status.type)
    expect(decodeOk(S.SessionStatusMap, {})).toEqual({})
    const map = decodeOk(S.SessionStatusMap, { [SES]: { type: "busy" } })
    expect(map[SES]).toEqual({ type: "busy" })
    decodeFails(S.SessionStatusMap, { [SES]: { type: "nope" } })
  })

  it("FileDiff: the real server's diff, and the document's minimal one", () => {
    const real = {
      file: "hello.txt",
      patch: "Index: hello.txt\n===\n@@ -0,0 +1,1 @@\n+hello\n",
      additions: 1,
      deletions: 0,
      status: "added"
    }
    expect(decodeOk(S.FileDiff, real)).toEqual(real)
    expect(decodeOk(S.FileDiff, { additions: 0, deletions: 3 })).toEqual({ additions: 0, deletions: 3 })
    decodeFails(S.FileDiff, { file: "a", additions: 1 })
    // status is an open enumeration of the document: a newer server's value is kept, a non-string fails
    expect(decodeOk(S.FileDiff, { ...real, status: "renamed" }).status).toBe("renamed")
    decodeFails(S.FileDiff, { ...real, status: 5 })
  })

  it("Todo", () => {
    const todo = { content: "write tests", status: "pending", priority: "high" }
    expect(decodeOk(S.Todo, todo)).toEqual(todo)
    decodeFails(S.Todo, { content: "x", status: "pending" })
  })
})

describe("Session.toolRules", () => {
  it("one rule per permission; the editing tools share `edit`; disagreeing values are refused", () => {
    expect(S.toolRules({ bash: false, write: false, edit: false, read: true })).toEqual(Result.succeed([
      { permission: "bash", pattern: "*", action: "deny" },
      { permission: "edit", pattern: "*", action: "deny" },
      { permission: "read", pattern: "*", action: "allow" }
    ]))
    expect(S.toolRules({})).toEqual(Result.succeed([]))
    for (const tool of ["edit", "patch", "multiedit", "apply_patch"]) {
      expect(Result.isFailure(S.toolRules({ write: false, [tool]: true })), tool).toBe(true)
    }
    expect(Result.isFailure(S.toolRules({ " ": false }))).toBe(true)
    // `toString` is a tool name like any other, not a key of the mapping's prototype.
    expect(S.toolRules({ toString: false })).toEqual(Result.succeed([{ permission: "toString", pattern: "*", action: "deny" }]))
  })
})
