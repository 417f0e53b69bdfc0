/**
 * Usage errors of the `effect-opencode` CLI, as real processes: one line on stderr with a pointer
 * to the command's `--help`, nothing on stdout (where a redirected output would collect it),
 * exit code 2.
 */
import { afterEach, describe, expect, it } from "vitest"
import { runCli, stopAll } from "./spawn.ts"

afterEach(stopAll)

describe("effect-opencode CLI: usage errors", () => {
  it("one line on stderr with a pointer to --help, stdout empty, exit code 2", async () => {
    const cases: ReadonlyArray<{ readonly args: ReadonlyArray<string>; readonly says: RegExp; readonly help: string }> = [
      { args: ["run", "hi", "--no-such-flag"], says: /Unrecognized flag: --no-such-flag/, help: "effect-opencode run --help" },
      { args: ["run"], says: /Missing required argument: prompt/, help: "effect-opencode run --help" },
      { args: ["sessions", "lst"], says: /Unknown subcommand "lst".*did you mean list\?/, help: "effect-opencode sessions --help" },
      { args: ["sessions"], says: /needs a subcommand: list, get, delete/, help: "effect-opencode sessions --help" },
      {
        args: ["sessions", "list", "--url", "notaurl"],
        says: /invalid --url "notaurl" — give the URL of an opencode server as http:\/\/host:port, e.g. http:\/\/127\.0\.0\.1:4096/,
        help: "effect-opencode sessions list --help"
      },
      { args: ["batch", "tasks.jsonl", "--concurrency", "many"], says: /Invalid value for flag --concurrency: "many"/, help: "effect-opencode batch --help" },
      { args: ["batch", "tasks.jsonl", "--concurrency", "0"], says: /--concurrency: "0"\. Expected: a whole number ≥ 1/, help: "effect-opencode batch --help" }
    ]
    // Side by side: a process start is most of their time.
    const results = await Promise.all(cases.map((c) => runCli(c.args, { env: { OPENCODE_BASE_URL: "notaurl-either" } })))
    cases.forEach((c, i) => {
      const { code, stderr, stdout } = results[i]!
      const output = `${c.args.join(" ")}\nstdout: ${stdout}\nstderr: ${stderr}`
      expect(code, output).toBe(2)
      expect(stdout, output).toBe("")
      const lines = stderr.trimEnd().split("\n")
      expect(lines, output).toHaveLength(1)
      expect(lines[0], output).toMatch(/^effect-opencode: error: /)
      expect(lines[0], output).toMatch(c.says)
      expect(lines[0], output).toContain(`(see: ${c.help})`)
    })
  }, 120_000)

  it("a malformed $OPENCODE_BASE_URL is a usage error that says what a valid URL looks like", async () => {
    const { code, stderr, stdout } = await runCli(["sessions", "list"], { env: { OPENCODE_BASE_URL: "127.0.0.1:4096" } })
    expect(code, stderr).toBe(2)
    expect(stdout).toBe("")
    expect(stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^effect-opencode: error: invalid OPENCODE_BASE_URL "127\.0\.0\.1:4096" — give the URL of an opencode server as http:\/\/host:port.*\(see: effect-opencode sessions list --help\)$/)
    ])
  }, 60_000)

  it("runner: a malformed --server is shown without the password it holds", async () => {
    const { code, stderr, stdout } = await runCli([
      "runner",
      "--database",
      "postgres://app@127.0.0.1:1/x",
      "--server",
      "http://opencode:hunter2@127.0.0.1:notaport"
    ])
    expect(code, stderr).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toContain(`invalid --server "http://127.0.0.1:notaport"`)
    expect(stderr).not.toContain("hunter2")
  }, 60_000)

  it("--help still prints the help on stdout (exit 0), and batch's shows the default concurrency", async () => {
    const { code, stderr, stdout } = await runCli(["batch", "--help"])
    expect(code, stderr).toBe(0)
    expect(stderr).toBe("")
    expect(stdout).toMatch(/--concurrency, -j integer\s+Tasks running at once \(default 5\)/)
  }, 60_000)
})
