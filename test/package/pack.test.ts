/**
 * The package as its users get it: `npm pack` (which builds dist/ through `prepack`) of the
 * library and of the CLI package (cli/), both installed into a directory outside the repository
 * (offline: the peers are linked from this repository's node_modules). One pack and one install
 * serve every test. Then, from there: a program importing every entry point type-checks with
 * `skipLibCheck` off; a browser program importing the client entry type-checks without Node's
 * types; each entry imports under Node, the client entry without loading any `node:*`,
 * PostgreSQL, cluster, child-process or undici module; and the installed `effect-opencode`
 * command runs its main job (an embedded `opencode serve`, the demo model) from a directory with
 * nothing installed, finding `opencode` through the CLI package's dependency.
 */
import * as ChildProcess from "node:child_process"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const repoRoot = NodePath.resolve(import.meta.dirname, "..", "..")
const repoModules = NodePath.join(repoRoot, "node_modules")

/** Every entry point of package.json's `exports`, as a user imports it. */
const entries = [
  "effect-opencode",
  "effect-opencode/node",
  "effect-opencode/server",
  "effect-opencode/durable",
  "effect-opencode/cluster",
  "effect-opencode/testing",
  "effect-opencode/cli"
] as const

let tmp = ""
let app = ""
/** A PATH with this Node (24) and the system tools only: no repository node_modules/.bin (no `opencode`). */
let path = ""

const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly env?: Record<string, string>; readonly timeoutMs?: number }
): { readonly status: number | null; readonly stdout: string; readonly stderr: string } => {
  const env: Record<string, string | undefined> = { ...process.env, PATH: path, ...options.env }
  for (const name of ["OPENCODE_BIN", "OPENCODE_BASE_URL", "OPENCODE_SERVER_PASSWORD", "OPENCODE_CONFIG_CONTENT", "NODE_OPTIONS", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "npm_config_prefix"]) {
    if (options.env?.[name] === undefined) delete env[name]
  }
  const result = ChildProcess.spawnSync(command, args, {
    cwd: options.cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 300_000
  })
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" }
}

const ok = (result: ReturnType<typeof run>, what: string) => {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  return result
}

beforeAll(() => {
  tmp = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-pack-"))
  const bin = NodePath.join(tmp, "bin")
  NodeFs.mkdirSync(bin)
  NodeFs.symlinkSync(process.execPath, NodePath.join(bin, "node"))
  path = [bin, ...(process.env.PATH ?? "").split(NodePath.delimiter).filter((d) => !d.includes("node_modules"))].join(NodePath.delimiter)
  const packs = NodePath.join(tmp, "packs")
  NodeFs.mkdirSync(packs)
  ok(run("npm", ["pack", "--silent", "--pack-destination", packs], { cwd: repoRoot, timeoutMs: 600_000 }), "npm pack")
  ok(run("npm", ["pack", "--silent", "--pack-destination", packs, "./cli"], { cwd: repoRoot }), "npm pack ./cli")
  const tarballs = NodeFs.readdirSync(packs).sort()
  expect(tarballs).toEqual(["effect-opencode-0.1.0.tgz", "effect-opencode-cli-0.1.0.tgz"])
  app = NodePath.join(tmp, "app")
  NodeFs.mkdirSync(app)
  const link = (name: string) => `file:${NodePath.join(repoModules, name)}`
  NodeFs.writeFileSync(
    NodePath.join(app, "package.json"),
    JSON.stringify({
      name: "app",
      private: true,
      type: "module",
      dependencies: Object.fromEntries(
        ["effect", "@effect/platform-node", "@effect/sql-pg", "opencode-ai", "@types/node"].map((n) => [n, link(n)])
      )
    })
  )
  ok(
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", ...tarballs.map((t) => NodePath.join(packs, t))], { cwd: app }),
    "npm install"
  )
}, 900_000)

afterAll(() => {
  if (tmp !== "") NodeFs.rmSync(tmp, { recursive: true, force: true })
})

describe("the packed and installed package", () => {
  /** Runs the repository's TypeScript on a project of the installed app: no diagnostic, exit 0. */
  const expectTypeChecks = (project: string) => {
    const tsc = NodePath.join(repoModules, "typescript/bin/tsc")
    const result = run(process.execPath, [tsc, "-p", project], { cwd: app })
    expect(result.stdout + result.stderr).toBe("")
    expect(result.status).toBe(0)
  }

  it("declares effect and @effect/platform-node as peers, @effect/sql-pg and opencode-ai as optional peers, no dependencies", () => {
    const manifest = JSON.parse(NodeFs.readFileSync(NodePath.join(app, "node_modules/effect-opencode/package.json"), "utf8"))
    expect(manifest.dependencies).toBeUndefined()
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["@effect/platform-node", "@effect/sql-pg", "effect", "opencode-ai"])
    expect(manifest.peerDependenciesMeta).toEqual({ "@effect/sql-pg": { optional: true }, "opencode-ai": { optional: true } })
    expect(Object.keys(manifest.exports).filter((k) => k !== "./package.json").map((k) => NodePath.posix.join("effect-opencode", k)))
      .toEqual([...entries])
    expect(NodeFs.existsSync(NodePath.join(app, "node_modules/effect-opencode/LICENSE"))).toBe(true)
    expect(manifest.repository.url).toMatch(/github\.com/)
  })

  it("a program importing every entry point type-checks with skipLibCheck off", () => {
    NodeFs.writeFileSync(
      NodePath.join(app, "all.ts"),
      [
        `import { Effect, Layer } from "effect"`,
        `import { OpencodeClient, SessionService, Run, Tasks } from "effect-opencode"`,
        `import { OpencodeNode } from "effect-opencode/node"`,
        `import { OpencodeServer } from "effect-opencode/server"`,
        `import { DurableBatch, Journal } from "effect-opencode/durable"`,
        `import { Cluster, ClusterBatch } from "effect-opencode/cluster"`,
        `import { ScriptedModel, TestServer } from "effect-opencode/testing"`,
        `import { runMain } from "effect-opencode/cli"`,
        `const Live = SessionService.layer.pipe(Layer.provide(OpencodeNode.layerConfig()))`,
        `export const list = SessionService.SessionService.use((s) => s.list({ limit: 5 })).pipe(Effect.provide(Live))`,
        `export const embedded = OpencodeServer.layerClient().pipe(Layer.provide(OpencodeServer.layer({ cwd: "/tmp" })))`,
        `export const used = [OpencodeClient.layerFetch, Run.layer, Tasks.taskKey, DurableBatch.run, Journal, Cluster.layer, ClusterBatch.run, ScriptedModel.text, TestServer.layer, runMain]`,
        ``
      ].join("\n")
    )
    NodeFs.writeFileSync(
      NodePath.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          lib: ["ES2023", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          noEmit: true,
          types: ["node"]
        },
        files: ["all.ts"]
      })
    )
    expectTypeChecks("tsconfig.json")
  }, 600_000)

  it("a browser program importing the client entry type-checks without Node's types", () => {
    NodeFs.writeFileSync(
      NodePath.join(app, "browser.ts"),
      [
        `import { Effect, Layer } from "effect"`,
        `import { OpencodeClient, SessionService } from "effect-opencode"`,
        `const Live = SessionService.layer.pipe(`,
        `  Layer.provide(OpencodeClient.layer({ baseUrl: "http://127.0.0.1:4096" })),`,
        `  Layer.provide(OpencodeClient.layerFetch)`,
        `)`,
        `export const list = SessionService.SessionService.use((s) => s.list({ limit: 5 })).pipe(Effect.provide(Live))`,
        ``
      ].join("\n")
    )
    NodeFs.writeFileSync(
      NodePath.join(app, "tsconfig.browser.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          lib: ["ES2023", "DOM", "DOM.Iterable"],
          module: "ESNext",
          moduleResolution: "Bundler",
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: []
        },
        files: ["browser.ts"]
      })
    )
    expectTypeChecks("tsconfig.browser.json")
  }, 600_000)

  it("each entry point imports under Node; the client entry loads no node:*, PostgreSQL, cluster, child-process or undici module", () => {
    NodeFs.writeFileSync(
      NodePath.join(app, "load.mjs"),
      [
        `import { registerHooks } from "node:module"`,
        `const loaded = new Set()`,
        `registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.add(r.url); return r } })`,
        `const m = await import(process.argv[2])`,
        `console.log(JSON.stringify({ exports: Object.keys(m).sort(), loaded: [...loaded] }))`,
        ``
      ].join("\n")
    )
    for (const entry of entries) {
      const result = ok(run(process.execPath, ["load.mjs", entry], { cwd: app }), `import ${entry}`)
      const { exports, loaded } = JSON.parse(result.stdout) as { exports: ReadonlyArray<string>; loaded: ReadonlyArray<string> }
      expect({ entry, some: exports.length > 0 }).toEqual({ entry, some: true })
      // Everything of ours comes from the installed package's dist/, never from the repository.
      const ours = loaded.filter((u) => u.includes("effect-opencode"))
      expect(ours.every((u) => u.includes(`${app}/node_modules/effect-opencode/dist/`))).toBe(true)
      if (entry === "effect-opencode") {
        const forbidden = loaded.filter((u) =>
          u.startsWith("node:") || /\/(pg|pg-[a-z]+|@effect\/sql-pg|@effect\/sql|undici|@effect\/platform-node[^/]*)\//.test(u) ||
          /\/effect\/dist\/(cluster|workflow|process)\//.test(u) || /OpencodeServer|child_process/.test(u)
        )
        expect(forbidden).toEqual([])
        expect(exports).toContain("SessionService")
        expect(exports).not.toContain("OpencodeServer")
      }
    }
  }, 300_000)

  it("the installed effect-opencode command runs a prompt with the embedded server and demo model, from a directory with nothing installed", () => {
    const project = NodePath.join(tmp, "project")
    NodeFs.mkdirSync(project)
    const env: Record<string, string> = {}
    for (const [name, sub] of [["HOME", "home"], ["XDG_CONFIG_HOME", "config"], ["XDG_DATA_HOME", "data"], ["XDG_CACHE_HOME", "cache"], ["XDG_STATE_HOME", "state"]] as const) {
      env[name] = NodePath.join(tmp, "home", sub)
      NodeFs.mkdirSync(env[name]!, { recursive: true })
    }
    const bin = NodePath.join(app, "node_modules/.bin/effect-opencode")
    const result = run(bin, ["run", "Write a haiku about packages", "--model", "local/echo"], { cwd: project, env, timeoutMs: 180_000 })
    expect({ status: result.status, stderr: result.status === 0 ? "" : result.stderr }).toEqual({ status: 0, stderr: "" })
    expect(result.stdout).toContain("Write a haiku about packages")
    expect(result.stderr).toContain("embedded opencode")
  }, 240_000)
})
