/**
 * The CLI end to end against a server given with `--url` (a real `opencode serve` answering
 * through the scripted model, started by the test), with its password from
 * `OPENCODE_SERVER_PASSWORD`.
 */
import { afterEach, expect, layer } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { SessionService } from "../../src/index.ts"
import { OpencodeServer } from "../../src/server.ts"
import { ScriptedModel } from "../../src/testing/index.ts"
import { connect as connectTo, Live } from "./live.ts"
import { runCli, spawnCli, stopAll } from "./spawn.ts"

const base64 = (text: string) => Buffer.from(text).toString("base64")

/** A server URL carrying credentials, in the userinfo or as opencode's `auth_token` (Basic, Base64). */
const withCredentials = (url: string, how: "userinfo" | "auth_token", password: string) => {
  const u = new URL(url)
  if (how === "userinfo") {
    u.username = "opencode"
    u.password = password
  } else {
    u.searchParams.set("auth_token", base64(`opencode:${password}`))
  }
  return u.toString().replace(/\/$/, "")
}


afterEach(stopAll)

const connect = connectTo()

const tempFile = (name: string, content?: string) => {
  const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-cli-"))
  const file = NodePath.join(dir, name)
  if (content !== undefined) NodeFs.writeFileSync(file, content)
  return file
}

/** No session of the server is busy (the status map leaves idle sessions out). */
const busySessions = Effect.gen(function*() {
  const sessions = yield* SessionService.SessionService
  const status = yield* sessions.status()
  return Object.entries(status).filter(([, s]) => s.type !== "idle").map(([id]) => id)
})

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(90) })("effect-opencode CLI, --url", (it) => {
  it.effect("run --json prints one JSON result", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.text("The answer, in JSON."))
      const { args, env } = yield* connect
      const { code, stderr, stdout } = yield* Effect.promise(() => runCli(["run", "Say something", ...args, "--json"], { env }))
      expect(code, stderr).toBe(0)
      const lines = stdout.trim().split("\n")
      expect(lines).toHaveLength(1)
      const result = JSON.parse(lines[0]!)
      expect(result).toMatchObject({ ok: true, text: "The answer, in JSON.", files: [], cost: 0 })
      expect(result.sessionID).toMatch(/^ses_/)
      expect(result.tokens.output).toBeGreaterThan(0)
      const sessions = yield* SessionService.SessionService
      expect((yield* sessions.get(result.sessionID)).title).toBe("Say something")
    }))

  it.effect("batch with one failing task writes every result and exits 1", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const tasks = [
        { id: "first", prompt: "task one" },
        { prompt: "task two" },
        { id: "broken", prompt: "task three", model: "nope/missing" },
        { prompt: "task four" }
      ]
      const file = tempFile("tasks.jsonl", tasks.map((t) => JSON.stringify(t)).join("\n") + "\n")
      const out = NodePath.join(NodePath.dirname(file), "results.jsonl")
      const { args, env } = yield* connect
      const { code, stderr } = yield* Effect.promise(() =>
        runCli(["batch", file, "--concurrency", "2", "--out", out, ...args], { env })
      )
      expect(code, stderr).toBe(1)
      const results = NodeFs.readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l))
      expect(results).toHaveLength(4)
      expect(results.map((r) => r.id).sort()).toEqual(["broken", "first", "task-2", "task-4"])
      const failed = results.filter((r) => !r.ok)
      expect(failed).toHaveLength(1)
      expect(failed[0]).toMatchObject({ id: "broken", index: 2, error: { type: "SessionError" } })
      expect(failed[0].error.message).toContain("nope/missing")
      for (const r of results.filter((r) => r.ok)) expect(r.text).toBe(tasks[r.index]!.prompt)
      // Not a TTY: plain lines, one per task, then the summary.
      expect(stderr).toMatch(/\[\d\/4\] ✗ broken/)
      // The footer totals what the finished tasks used.
      expect(stderr).toMatch(/4 tasks: 3 succeeded, 1 failed in [\d.]+ m?s · \$0\.0000 · [1-9][\d,]* tokens/)
    }))

  it.effect("a password in the URL (userinfo, auth_token, $OPENCODE_BASE_URL) is never printed, nor its Base64", () =>
    Effect.gen(function*() {
      const server = yield* OpencodeServer.OpencodeServer
      const refused = `http://127.0.0.1:${yield* OpencodeServer.freePort()}`
      const tasks = tempFile("tasks.jsonl", `${JSON.stringify({ prompt: "hi" })}\n`)
      const wrong = "hunter2-wrong-password"
      const right = Redacted.value(server.password!)
      interface Case {
        readonly name: string
        readonly args: ReadonlyArray<string>
        readonly env: Record<string, string>
        readonly password: string
        readonly code: number
        readonly shows: string
      }
      const cases: Array<Case> = []
      for (const how of ["userinfo", "auth_token"] as const) {
        for (const via of ["--url", "OPENCODE_BASE_URL"] as const) {
          const at = (url: string, password: string, args: ReadonlyArray<string>, code: number, name: string) =>
            cases.push({
              name: `${name}, ${how} in ${via}: ${args.join(" ")}`,
              args: via === "--url" ? [...args, "--url", withCredentials(url, how, password)] : args,
              env: via === "--url" ? {} : { OPENCODE_BASE_URL: withCredentials(url, how, password) },
              password,
              code,
              shows: new URL(url).host
            })
          const list = ["sessions", "list", "--verbose"]
          at(refused, wrong, list, 1, "unreachable")
          at(server.url, wrong, list, 1, "401")
          at(server.url, right, list, 0, "accepted")
          // A batch reports each task's failure (on stderr, and as JSON on stdout).
          if (how === "userinfo" && via === "--url") {
            at(refused, wrong, ["batch", tasks, "--verbose"], 1, "unreachable")
            at(server.url, wrong, ["batch", tasks, "--verbose"], 1, "401")
          }
          // A URL that does not parse still holds the password.
          at(`http://127.0.0.1:${server.url.split(":").pop()}`, wrong, ["sessions", "list"], 2, "malformed")
        }
      }
      for (const c of cases.filter((c) => c.name.startsWith("malformed"))) {
        const bad = (s: string) => s.replace(/127\.0\.0\.1:\d+/, "127.0.0.1:notaport")
        Object.assign(c, {
          args: c.args.map(bad),
          env: Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, bad(v)])),
          shows: "127.0.0.1:notaport"
        })
      }
      const results = yield* Effect.forEach(
        cases,
        (c) => Effect.promise(() => runCli(c.args, { env: c.env })),
        { concurrency: 2 }
      )
      cases.forEach((c, i) => {
        const { code, stderr, stdout } = results[i]!
        const output = `${c.name}\nstdout: ${stdout}\nstderr: ${stderr}`
        expect(code, output).toBe(c.code)
        // The server is named, without its credentials.
        expect(`${stdout}${stderr}`, output).toContain(c.shows)
        for (const secret of [c.password, base64(`opencode:${c.password}`), encodeURIComponent(c.password)]) {
          expect(stdout, output).not.toContain(secret)
          expect(stderr, output).not.toContain(secret)
        }
      })
    }), { timeout: 180_000 })

  it.effect("sessions list and delete", () =>
    Effect.gen(function*() {
      const sessions = yield* SessionService.SessionService
      const session = yield* sessions.create({ title: "listed by the CLI" })
      const { args, env } = yield* connect
      const listed = yield* Effect.promise(() => runCli(["sessions", "list", "--json", ...args], { env }))
      expect(listed.code, listed.stderr).toBe(0)
      expect(JSON.parse(listed.stdout).map((s: { id: string }) => s.id)).toContain(session.id)
      const deleted = yield* Effect.promise(() => runCli(["sessions", "delete", session.id, ...args], { env }))
      expect(deleted.code, deleted.stderr).toBe(0)
      expect(deleted.stdout.trim()).toBe(`deleted ${session.id}`)
      const gone = yield* Effect.flip(sessions.get(session.id))
      expect(gone._tag === "ApiError" && gone.isNotFound).toBe(true)
      // A second delete: one clear line, exit 1.
      const again = yield* Effect.promise(() => runCli(["sessions", "delete", session.id, ...args], { env }))
      expect(again.code).toBe(1)
      expect(again.stderr.trim().split("\n")).toHaveLength(1)
      expect(again.stderr).toMatch(/answered 404 NotFoundError to DELETE .*— check the id/)
    }))

  it.effect("events prints lines until Ctrl-C, then exits 0", () =>
    Effect.gen(function*() {
      const { args, env } = yield* connect
      const cli = spawnCli(["events", ...args], { env })
      yield* Effect.promise(() => cli.waitFor(/^\d\d:\d\d:\d\d\.\d{3}\s+server\.connected/m, "stdout"))
      // An event caused meanwhile shows up too.
      const sessions = yield* SessionService.SessionService
      const session = yield* sessions.create({ title: "watched" })
      yield* Effect.promise(() => cli.waitFor(new RegExp(`session\\.created\\s+${session.id}`), "stdout"))
      cli.child.kill("SIGINT")
      expect(yield* Effect.promise(() => cli.exited)).toBe(0)
    }))

  it.effect("Ctrl-C during a batch aborts its sessions: none stays busy", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.setFallback(ScriptedModel.hang)
      const file = tempFile("tasks.jsonl", ["a", "b", "c", "d", "e"].map((p) => JSON.stringify({ prompt: p })).join("\n"))
      const { args, env } = yield* connect
      const cli = spawnCli(["batch", file, "--concurrency", "3", ...args], { env })
      // Three prompts reach the model: their sessions are busy.
      yield* Effect.promise(async () => {
        const deadline = Date.now() + 30_000
        while (Date.now() < deadline) {
          const chats = (await Effect.runPromise(model.requests)).filter((r) => r.kind === "chat")
          if (chats.length >= 3) return
          await new Promise((r) => setTimeout(r, 100))
        }
        throw new Error(`the batch did not start: ${cli.stderr()}`)
      })
      expect((yield* busySessions).length).toBe(3)
      cli.child.kill("SIGINT")
      expect(yield* Effect.promise(() => cli.exited)).toBe(130)
      expect(cli.stderr()).toMatch(/interrupted: 3 running tasks aborted, 2 not started/)
      // The aborts were answered before the CLI exited; the status follows within moments.
      let busy = yield* busySessions
      for (let i = 0; i < 30 && busy.length > 0; i++) {
        yield* Effect.sleep("100 millis")
        busy = yield* busySessions
      }
      expect(busy).toEqual([])
      expect(cli.stdout()).toBe("")
      yield* model.setFallback(ScriptedModel.echo)
    }))
})
