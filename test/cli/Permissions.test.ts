/**
 * The permission policy of `effect-opencode run`, its pure parts: rules, wildcards, decisions and
 * the ask rules a new session gets. test/cli/run.test.ts runs it against the real server.
 */
import { describe, expect, it } from "vitest"
import { Effect, Exit } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Permissions from "../../src/cli/Permissions.ts"

const policy = (allow: ReadonlyArray<string>, deny: ReadonlyArray<string> = []) =>
  Effect.runSync(Permissions.make({ file: undefined, allow, deny }))

describe("the permission policy", () => {
  it("parses permission[:pattern] rules; a malformed one is a usage error", () => {
    expect(Effect.runSync(Permissions.parseRule("bash:git *", "--allow"))).toEqual({
      permission: "bash",
      pattern: "git *",
      source: "--allow bash:git *"
    })
    // The first colon splits: patterns may hold more.
    expect(Effect.runSync(Permissions.parseRule("webfetch:https://example.com/*", "--allow")).pattern).toBe("https://example.com/*")
    expect(Effect.runSync(Permissions.parseRule("edit", "--deny")).pattern).toBe("*")
    for (const bad of ["", ":x", "bash:", "ba sh:x"]) {
      const exit = Effect.runSyncExit(Permissions.parseRule(bad, "--allow"))
      expect(Exit.isFailure(exit), bad).toBe(true)
      if (Exit.isFailure(exit)) expect(JSON.stringify(exit.cause)).toContain('"usage":true')
    }
  })

  it("matches opencode wildcards against the whole text", () => {
    expect(Permissions.wildcard("git *", "git status")).toBe(true)
    expect(Permissions.wildcard("git *", "git")).toBe(false)
    expect(Permissions.wildcard("git *", "sudo git status")).toBe(false)
    expect(Permissions.wildcard("src/?.ts", "src/a.ts")).toBe(true)
    expect(Permissions.wildcard("src/?.ts", "src/ab.ts")).toBe(false)
    // Regular-expression characters are themselves.
    expect(Permissions.wildcard("a.b(c)", "a.b(c)")).toBe(true)
    expect(Permissions.wildcard("a.b", "axb")).toBe(false)
    expect(Permissions.wildcard("*", "anything\nat all")).toBe(true)
  })

  it("allows a request only when allow rules cover every pattern and no deny rule matches; rejects the rest", () => {
    const p = policy(["bash:git *", "edit"], ["bash:git push*"])
    expect(Permissions.decide(p, { permission: "bash", patterns: ["git status"] }).reply).toBe("once")
    expect(Permissions.decide(p, { permission: "edit", patterns: ["src/a.ts"] }).reply).toBe("once")
    // A deny rule wins over the allow rule that also matches.
    const push = Permissions.decide(p, { permission: "bash", patterns: ["git push origin"] })
    expect(push).toMatchObject({ reply: "reject", rule: { source: "--deny bash:git push*" } })
    // Every pattern must be covered: one uncovered command rejects the request.
    expect(Permissions.decide(p, { permission: "bash", patterns: ["git status", "rm -rf /"] }).reply).toBe("reject")
    // Nothing covers it: rejected, with no rule to name.
    expect(Permissions.decide(p, { permission: "webfetch", patterns: ["https://x"] })).toEqual({ reply: "reject", rule: undefined })
    // No policy at all: every request is rejected (nobody is there to answer it).
    expect(Permissions.decide(policy([]), { permission: "read", patterns: ["a"] }).reply).toBe("reject")
    // A request without patterns is matched by its permission.
    expect(Permissions.decide(policy(["external_directory"]), { permission: "external_directory", patterns: [] }).reply).toBe("once")
  })

  it("says what it decided in one line", () => {
    const p = policy(["bash:echo *"], ["bash:rm *"])
    expect(Permissions.decisionLine({ permission: "bash", patterns: ["echo hi"] }, Permissions.decide(p, { permission: "bash", patterns: ["echo hi"] })))
      .toBe("permission bash (echo hi) allowed by --allow bash:echo *")
    expect(Permissions.decisionLine({ permission: "bash", patterns: ["rm x"] }, Permissions.decide(p, { permission: "bash", patterns: ["rm x"] })))
      .toBe("permission bash (rm x) rejected: denied by --deny bash:rm *")
    expect(Permissions.decisionLine({ permission: "edit", patterns: [] }, Permissions.decide(p, { permission: "edit", patterns: [] })))
      .toBe("permission edit rejected: no --allow rule covers it")
  })

  it("reads a policy file before the flags' rules, and asks the server about every pattern it names", () => {
    const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-permissions-"))
    try {
      const file = NodePath.join(dir, "policy.json")
      NodeFs.writeFileSync(file, JSON.stringify({ allow: ["bash:git *"], deny: ["bash:git push*"] }))
      const p = Effect.runSync(Permissions.make({ file, allow: ["edit"], deny: [] }))
      expect(p.allow.map((r) => r.source)).toEqual([`${file} allow bash:git *`, "--allow edit"])
      expect(p.deny.map((r) => r.source)).toEqual([`${file} deny bash:git push*`])
      expect(Permissions.askRules(p)).toEqual([
        { permission: "bash", pattern: "git *", action: "ask" },
        { permission: "edit", pattern: "*", action: "ask" },
        { permission: "bash", pattern: "git push*", action: "ask" }
      ])
      for (const content of ["not json", "[]", `{"allow": "edit"}`, `{"deny": [1]}`]) {
        NodeFs.writeFileSync(file, content)
        const exit = Effect.runSyncExit(Permissions.make({ file, allow: [], deny: [] }))
        expect(Exit.isFailure(exit), content).toBe(true)
      }
    } finally {
      NodeFs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
