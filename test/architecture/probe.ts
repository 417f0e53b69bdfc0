/**
 * Runs a probe script (an ES module's text) in a fresh Node process with the library's entry as
 * its argument, and returns what it printed, parsed as JSON: the import-work and first-call-work
 * tests count what effect does in a process of its own this way.
 */
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "../..")

export const runProbe = <A>(name: string, probe: string): A => {
  const dir = Fs.mkdtempSync(Path.join(root, `.tmp-${name}-`))
  try {
    const file = Path.join(dir, "probe.mjs")
    Fs.writeFileSync(file, probe)
    const run = ChildProcess.spawnSync(process.execPath, [file, Path.join(root, "src/index.ts")], { cwd: root, encoding: "utf8", timeout: 60_000 })
    if (run.status !== 0) throw new Error(`the probe failed: ${run.stderr}`)
    return JSON.parse(run.stdout) as A
  } finally {
    Fs.rmSync(dir, { recursive: true, force: true })
  }
}
