/**
 * Test helpers: the `effect-opencode` CLI spawned as a user would type it
 * (`node src/bin/main.ts …`, with the Node that runs the tests), in an isolated HOME.
 */
import * as ChildProcess from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { pluginMarker } from "../../src/internal/pluginMarker.ts"

export const repoRoot = NodePath.resolve(import.meta.dirname, "..", "..")
export const mainScript = NodePath.join(repoRoot, "src", "bin", "main.ts")

export interface Cli {
  readonly child: ChildProcess.ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves with the exit code (128 + n for a signal). */
  readonly exited: Promise<number>
  /** Resolves once stdout or stderr matches. */
  readonly waitFor: (pattern: RegExp, stream?: "stdout" | "stderr", timeoutMs?: number) => Promise<RegExpMatchArray>
}

/**
 * Marks `<configHome>/opencode` as having opencode's plugin package installed, as
 * `OpencodeServer`'s `isolate` does for its own directories: otherwise the first server started
 * with this config home fetches `@opencode-ai/plugin` and ~30 dependencies into it (4–7 CPU-s).
 */
export const markPluginInstalled = (configHome: string): void => {
  const marker = pluginMarker(NodePath.join(configHome, "opencode"))
  NodeFs.mkdirSync(marker.directory, { recursive: true })
  NodeFs.writeFileSync(marker.lockFile, marker.lockFileText)
}

/** A fresh HOME and XDG directories, so the CLI's embedded server never touches the user's. */
export const isolatedHome = (): { readonly env: Record<string, string>; readonly cleanup: () => void } => {
  const root = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-cli-test-"))
  const env: Record<string, string> = {}
  for (const [name, sub] of [["HOME", "home"], ["XDG_CONFIG_HOME", "config"], ["XDG_DATA_HOME", "data"], ["XDG_CACHE_HOME", "cache"], ["XDG_STATE_HOME", "state"]] as const) {
    const dir = NodePath.join(root, sub)
    NodeFs.mkdirSync(dir, { recursive: true })
    env[name] = dir
  }
  markPluginInstalled(env.XDG_CONFIG_HOME!)
  return { env, cleanup: () => NodeFs.rmSync(root, { recursive: true, force: true }) }
}

const running = new Set<ChildProcess.ChildProcess>()

/** Stops the CLIs a test left running: SIGINT (so they stop their embedded servers), then SIGKILL. */
export const stopAll = async (): Promise<void> => {
  const left = [...running]
  for (const child of left) child.kill("SIGINT")
  await Promise.all(left.map((child) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000)
      child.once("exit", () => {
        clearTimeout(timer)
        resolve()
      })
    })
  ))
}

const signals: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }

export const spawnCli = (
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string | undefined>; readonly cwd?: string } = {}
): Cli => {
  const env: Record<string, string | undefined> = { ...process.env }
  for (const name of ["OPENCODE_BASE_URL", "OPENCODE_SERVER_PASSWORD", "OPENCODE_SERVER_USERNAME", "OPENCODE_BIN", "OPENCODE_CONFIG_CONTENT", "OPENCODE_DIRECTORY", "NODE_OPTIONS", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) {
    delete env[name]
  }
  Object.assign(env, options.env ?? {})
  const child = ChildProcess.spawn(process.execPath, [mainScript, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"]
  })
  running.add(child)
  child.once("exit", () => running.delete(child))
  let out = ""
  let errText = ""
  const waiters: Array<() => void> = []
  const notify = () => waiters.splice(0).forEach((w) => w())
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    out += d
    notify()
  })
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    errText += d
    notify()
  })
  const exited = new Promise<number>((resolve) => {
    child.on("exit", (code, signal) => {
      notify()
      resolve(code ?? 128 + (signal ? signals[signal] ?? 0 : 0))
    })
  })
  const waitFor = (pattern: RegExp, stream?: "stdout" | "stderr", timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}\nstdout: ${out}\nstderr: ${errText}`)),
        timeoutMs
      )
      const check = () => {
        const text = stream === "stdout" ? out : stream === "stderr" ? errText : `${out}\n${errText}`
        const match = text.match(pattern)
        if (match) {
          clearTimeout(timer)
          return resolve(match)
        }
        if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer)
          return reject(new Error(`exited before ${pattern}\nstdout: ${out}\nstderr: ${errText}`))
        }
        waiters.push(check)
      }
      check()
    })
  return { child, stdout: () => out, stderr: () => errText, exited, waitFor }
}

/** Runs the CLI to its end. */
export const runCli = async (
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string | undefined>; readonly cwd?: string; readonly timeoutMs?: number } = {}
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> => {
  const cli = spawnCli(args, options)
  const timer = setTimeout(() => cli.child.kill("SIGKILL"), options.timeoutMs ?? 90_000)
  const code = await cli.exited
  clearTimeout(timer)
  return { code, stdout: cli.stdout(), stderr: cli.stderr() }
}

/** Whether a process is alive (and not a zombie). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = NodeFs.readFileSync(`/proc/${pid}/stat`, "utf8")
    return !/^\d+ \(.*\) Z/.test(stat)
  } catch {
    return true
  }
}

/** Polls until the process is gone (or the deadline passes); returns whether it is gone. */
export const waitGone = async (pid: number, timeoutMs = 10_000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return !isAlive(pid)
}

/**
 * The keys of a `batch` result line, whatever the mode (plain, --journal, --database): the shape
 * docs/runs-and-batches.md documents ("The result line").
 */
export const finishedLineKeys = [
  "ok", "status", "id", "index", "key", "source", "sessionID", "messageID",
  "text", "files", "additions", "deletions", "tokens", "cost", "millis"
] as const

/** The keys of the line of a task that failed or was skipped, whatever the mode. */
export const failedLineKeys = ["ok", "status", "id", "index", "key", "source", "sessionID", "error", "resumable"] as const
