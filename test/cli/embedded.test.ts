/**
 * The CLI end to end in its default mode: it starts its own embedded `opencode serve` (and the
 * offline demo model), as `npm run main` does on a fresh machine.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import { isolatedHome, runCli, spawnCli, stopAll, waitGone } from "./spawn.ts"

const home = isolatedHome()
afterEach(stopAll)
afterAll(() => home.cleanup())

describe("effect-opencode CLI, embedded server", () => {
  it("run streams the offline demo model's answer and stops its server", async () => {
    const { code, stderr, stdout } = await runCli(["run", "Write a haiku about Effect", "--verbose"], { env: home.env })
    expect(code, stderr).toBe(0)
    expect(stdout).toContain("You asked: “Write a haiku about Effect”")
    expect(stdout).toContain("offline demo model")
    // The banner says honestly which model answered.
    expect(stderr).toMatch(/model local\/echo \(offline demo model/)
    expect(stderr).toMatch(/no files changed/)
    expect(stderr).toMatch(/session ses_\w+ · [\d,]+ in \/ [\d,]+ out tokens · \$0\.0000/)
    expect(stderr).not.toMatch(/\n\s+at /) // no stack trace
    const pid = Number(/pid (\d+)/.exec(stderr)?.[1])
    expect(pid).toBeGreaterThan(0)
    expect(await waitGone(pid, 2_000)).toBe(true)
  }, 90_000)

  it("Ctrl-C during a batch aborts it, stops the embedded server and exits 130", async () => {
    const dir = NodeFs.mkdtempSync(NodePath.join(home.env.HOME!, "batch-"))
    const tasks = NodePath.join(dir, "tasks.jsonl")
    NodeFs.writeFileSync(tasks, ["one", "two", "three", "four"].map((p) => JSON.stringify({ prompt: p })).join("\n"))
    const out = NodePath.join(dir, "results.jsonl")
    // The demo model takes a minute per answer: the batch is mid-flight when Ctrl-C comes.
    const cli = spawnCli(["batch", tasks, "--out", out, "--concurrency", "2", "--verbose"], {
      env: { ...home.env, EFFECT_OPENCODE_LOCAL_LATENCY: "60000" }
    })
    const pid = Number((await cli.waitFor(/embedded opencode \S+ pid (\d+)/, "stderr", 60_000))[1])
    await cli.waitFor(/4 tasks, concurrency 2/, "stderr")
    await new Promise((r) => setTimeout(r, 1_500)) // the first prompts are sent
    cli.child.kill("SIGINT")
    const code = await cli.exited
    expect(code, cli.stderr()).toBe(130)
    expect(cli.stderr()).toMatch(/interrupted: \d running tasks? aborted/)
    expect(await waitGone(pid, 2_000)).toBe(true)
    // No task had ended: no result line, so the results file is not created.
    expect(NodeFs.existsSync(out)).toBe(false)
  }, 90_000)

  it("a missing opencode binary gives one clear line and a non-zero exit code", async () => {
    const { code, stderr, stdout } = await runCli(["run", "hi"], { env: { ...home.env, OPENCODE_BIN: "/nonexistent" } })
    expect(code).toBe(1)
    expect(stdout).toBe("")
    const lines = stderr.trim().split("\n")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^effect-opencode: error: could not start the embedded opencode server \(BinaryNotFound\)/)
    expect(lines[0]).toContain("/nonexistent")
    expect(lines[0]).toContain("npm install opencode-ai")
  }, 30_000)
})
