/**
 * `effect-opencode run` with the flags people use `opencode run` for, end to end against a real
 * `opencode serve` answering through the scripted model (given with `--url`): `-c` continues the
 * directory's last session, `-s` a given one, `--title` names a new one, `-f` attaches a file,
 * `--format json` prints the session's events as JSON Lines, and the permission policy
 * (`--allow`, `--deny`, `--permissions`) answers the session's permission requests through the
 * permission service — a request no rule allows is rejected rather than left to hang the run.
 */
import { afterEach, describe, expect, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { SessionService } from "../../src/index.ts"
import { ScriptedModel } from "../../src/testing/index.ts"
import { connect as connectTo, Live } from "./live.ts"
import { runCli, stopAll } from "./spawn.ts"


afterEach(stopAll)

const connect = connectTo({ dir: true })

const cli = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  Effect.promise(() => runCli(args, { env, timeoutMs: 60_000 }))

const tempFile = (name: string, content: string) => {
  const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-cli-run-"))
  const file = NodePath.join(dir, name)
  NodeFs.writeFileSync(file, content)
  return file
}

/** What the model was sent in its requests for one session, as text. */
const sentTo = (sessionID: string) =>
  Effect.gen(function*() {
    const model = yield* ScriptedModel.ScriptedModel
    const requests = (yield* model.requests).filter((r) => r.kind === "chat" && r.sessionID === sessionID)
    return requests.map((r) => JSON.stringify(r.body.messages))
  })

/** Exactly one line on stderr, the CLI's usage error. */
const usageLine = (result: { readonly code: number; readonly stdout: string; readonly stderr: string }) => {
  expect(result.code, result.stderr).toBe(2)
  expect(result.stdout).toBe("")
  const lines = result.stderr.trimEnd().split("\n")
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^effect-opencode: error: .*\(see: effect-opencode run --help\)$/)
  return lines[0]!
}

describe("effect-opencode run: flags that do not go together", () => {
  layer(Layer.empty)((it) => {
    it.effect("are one line on stderr, exit 2, before any server starts", () =>
      Effect.gen(function*() {
        const cases: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
          [["-c", "-s", "ses_123"], /--continue and --session cannot be combined/],
          [["-s", "ses_123", "--title", "x"], /--title names a new session/],
          [["-c", "--ephemeral"], /--ephemeral deletes the session the run creates/],
          [["--json", "--format", "json"], /--json and --format json cannot be combined/],
          [["--allow", "bash:"], /invalid permission rule "bash:" \(--allow\)/],
          [["--permissions", "/nonexistent/policy.json"], /cannot read the permissions file/],
          [["--permissions", tempFile("policy.json", `{"allow": "edit"}`)], /is not a permissions file/]
        ]
        const results = yield* Effect.forEach(
          cases,
          ([args]) => Effect.promise(() => runCli(["run", "hi", ...args, "--url", "http://127.0.0.1:9"])),
          { concurrency: 2 }
        )
        cases.forEach(([, pattern], i) => expect(usageLine(results[i]!)).toMatch(pattern))
      }), { timeout: 60_000 })
  })
})

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(120) })("effect-opencode run, --url", (it) => {
  it.effect("--title names the new session, -c continues the directory's last one, -s a given one, -f attaches a file", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const { args, env } = yield* connect
      const sessions = yield* SessionService.SessionService
      const first = yield* cli(["run", "first prompt", "--title", "Named by --title", "--json", ...args], env)
      expect(first.code, first.stderr).toBe(0)
      const id = JSON.parse(first.stdout).sessionID as string
      expect((yield* sessions.get(id)).title).toBe("Named by --title")

      const second = yield* cli(["run", "second prompt", "-c", "--json", ...args], env)
      expect(second.code, second.stderr).toBe(0)
      expect(JSON.parse(second.stdout).sessionID).toBe(id)

      const file = tempFile("notes.txt", "the-attached-marker-4711\n")
      const third = yield* cli(["run", "third prompt", "-s", id, "-f", file, "--json", ...args], env)
      expect(third.code, third.stderr).toBe(0)
      expect(JSON.parse(third.stdout).sessionID).toBe(id)

      // One session holds the three prompts; the file's content reached the model with the third.
      const sent = yield* sentTo(id)
      const last = sent[sent.length - 1]!
      for (const text of ["first prompt", "second prompt", "third prompt", "the-attached-marker-4711"]) {
        expect(last).toContain(text)
      }
      expect(sent.slice(0, -1).some((s) => s.includes("the-attached-marker-4711"))).toBe(false)
    }), { timeout: 180_000 })

  it.effect("-s with an unknown session, or -f with a missing file: one line, exit 1, no prompt sent", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const { args, env } = yield* connect
      const unknown = yield* cli(["run", "hi", "-s", "ses_0000000000000000000000000", "--json", ...args], env)
      expect(unknown.code, unknown.stderr).toBe(1)
      expect(unknown.stderr.trim().split("\n")).toHaveLength(1)
      expect(unknown.stderr).toMatch(/404 NotFoundError/)
      expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, error: { type: "ApiError" } })
      const missing = yield* cli(["run", "hi", "-f", "/nonexistent/file.txt", ...args], env)
      expect(missing.code, missing.stderr).toBe(1)
      expect(missing.stderr.trim()).toMatch(/^effect-opencode: error: no file at \/nonexistent\/file\.txt \(--file\)/)
      expect((yield* model.requests).filter((r) => r.kind === "chat")).toEqual([])
    }))

  it.effect("--format json prints the session's events as JSON Lines, ending with its session.idle", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.text("Streamed as events."))
      const { args, env } = yield* connect
      const result = yield* cli(["run", "events please", "--format", "json", ...args], env)
      expect(result.code, result.stderr).toBe(0)
      const events = result.stdout.trim().split("\n").map((l) => JSON.parse(l))
      const sessionID = events[0].properties.sessionID
      expect(sessionID).toMatch(/^ses_/)
      for (const e of events) {
        expect(e.id).toMatch(/^evt_/)
        expect(e.properties.sessionID).toBe(sessionID)
      }
      const types = events.map((e) => e.type)
      expect(types[types.length - 1]).toBe("session.idle")
      expect(types).toContain("message.part.updated")
      const text = events.filter((e) => e.type === "message.part.updated" && e.properties.part.type === "text")
        .map((e) => e.properties.part.text)
      expect(text).toContain("Streamed as events.")
      // The summary stays on stderr.
      expect(result.stderr).toMatch(/session ses_\w+ · /)
    }))

  it.effect("the permission policy answers the session's requests: allowed ones run, denied ones do not", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      const { args, directory, env } = yield* connect
      const victim = NodePath.join(directory, "victim.txt")
      NodeFs.writeFileSync(victim, "keep me\n")
      const policy = tempFile("policy.json", JSON.stringify({ allow: ["bash:echo *"] }))

      yield* model.reset
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: "echo ran-by-policy-42", description: "say" }),
        ScriptedModel.text("echoed")
      )
      const allowed = yield* cli(["run", "echo something", "--permissions", policy, "--deny", "bash:rm *", "--json", ...args], env)
      expect(allowed.code, allowed.stderr).toBe(0)
      expect(allowed.stderr).toContain(`permission bash (echo ran-by-policy-42) allowed by ${policy} allow bash:echo *`)
      const allowedID = JSON.parse(allowed.stdout).sessionID as string
      expect((yield* sentTo(allowedID)).some((s) => s.includes("ran-by-policy-42\\n"))).toBe(true)

      yield* model.reset
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: "rm victim.txt", description: "remove" }),
        ScriptedModel.text("gave up")
      )
      const denied = yield* cli(["run", "remove the file", "--permissions", policy, "--deny", "bash:rm *", "--json", ...args], env)
      expect(denied.stderr).toContain("permission bash (rm victim.txt) rejected: denied by --deny bash:rm *")
      expect(NodeFs.readFileSync(victim, "utf8")).toBe("keep me\n")
    }), { timeout: 180_000 })

  it.effect("a request no rule allows is rejected (the run ends), even in a session given with -s", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      const { args, directory, env } = yield* connect
      const sessions = yield* SessionService.SessionService
      // The session's own rules make the server ask before any bash command.
      const session = yield* sessions.create({
        title: "asks for bash",
        permission: [{ permission: "bash", pattern: "*", action: "ask" }]
      })
      const marker = NodePath.join(directory, "never-created.txt")
      yield* model.reset
      yield* model.script(
        ScriptedModel.toolCall("bash", { command: `touch ${marker}`, description: "touch" }),
        ScriptedModel.text("could not")
      )
      const result = yield* cli(["run", "touch a file", "-s", session.id, ...args], env)
      expect(result.stderr).toContain(`permission bash (touch ${marker}) rejected: no --allow rule covers it`)
      expect(NodeFs.existsSync(marker)).toBe(false)
      // Nothing is left pending on the server.
      const status = yield* sessions.status()
      expect(status[session.id]?.type ?? "idle").toBe("idle")
    }))
})
