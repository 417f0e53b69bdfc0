/**
 * The layering of src/, read from the source: every static `import … from`, `import type … from`,
 * `import "…"` and `export … from` between modules of src/ is an edge. The graph must be acyclic
 * (type-only edges count: a type cycle is still two modules that cannot be read apart), the test kit
 * (src/testing/) is imported only by itself, and the CLI (src/cli/) only by itself and the entry
 * point (src/bin/).
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = Path.resolve(import.meta.dirname, "../..")
const srcDir = Path.join(root, "src")

/** The relative module specifiers of one file's static imports and re-exports, type-only ones included. */
const specifiers = (fileName: string, text: string): ReadonlyArray<string> => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const found: Array<string> = []
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      found.push(statement.moduleSpecifier.text)
    }
  }
  return found
}

/**
 * The value imports of effect's barrels in one file: `"effect"` itself and its folders
 * (`"effect/http"`, `"effect/cli"`, …), whose index re-exports every module of the folder.
 */
const barrelImports = (fileName: string, text: string): ReadonlyArray<string> =>
  ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS).statements.flatMap((s) =>
    (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier !== undefined &&
      ts.isStringLiteral(s.moduleSpecifier) && /^effect(\/[a-z-]+)?$/.test(s.moduleSpecifier.text) &&
      !(ts.isImportDeclaration(s) ? s.importClause?.isTypeOnly : s.isTypeOnly)
      ? [s.moduleSpecifier.text]
      : []
  )

const listFiles = (dir: string): ReadonlyArray<string> =>
  Fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = Path.join(dir, entry.name)
    if (entry.isDirectory()) return listFiles(full)
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : []
  })

/** Module graph of src/: file (relative to the repository root) → the src/ files it imports. */
const buildGraph = (): ReadonlyMap<string, ReadonlyArray<string>> => {
  const graph = new Map<string, Array<string>>()
  for (const file of listFiles(srcDir)) {
    const from = Path.relative(root, file)
    const targets: Array<string> = []
    for (const spec of specifiers(file, Fs.readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue
      const resolved = Path.resolve(Path.dirname(file), spec)
      const target = Fs.existsSync(resolved) && Fs.statSync(resolved).isFile()
        ? resolved
        : Fs.existsSync(`${resolved}.ts`)
        ? `${resolved}.ts`
        : Path.join(resolved, "index.ts")
      if (!Fs.existsSync(target)) throw new Error(`${from}: cannot resolve ${spec}`)
      if (!target.startsWith(srcDir + Path.sep)) continue
      targets.push(Path.relative(root, target))
    }
    graph.set(from, [...new Set(targets)])
  }
  return graph
}

/** One cycle through each strongly connected component of more than one module (or a self-import). */
const findCycles = (graph: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<string> => {
  // Tarjan's strongly connected components.
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: Array<string> = []
  const components: Array<Array<string>> = []
  let next = 0
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next)
    next++
    stack.push(node)
    onStack.add(node)
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target)
        low.set(node, Math.min(low.get(node)!, low.get(target)!))
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!))
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: Array<string> = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      components.push(component)
    }
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)

  const cycles: Array<string> = []
  for (const component of components) {
    const members = new Set(component)
    const start = [...component].sort()[0]!
    if (component.length === 1 && !(graph.get(start) ?? []).includes(start)) continue
    // Breadth-first search inside the component for the shortest way back to `start`.
    const previous = new Map<string, string>()
    const queue = [start]
    let last: string | undefined
    while (queue.length > 0 && last === undefined) {
      const node = queue.shift()!
      for (const target of graph.get(node) ?? []) {
        if (!members.has(target)) continue
        if (target === start) {
          last = node
          break
        }
        if (!previous.has(target)) {
          previous.set(target, node)
          queue.push(target)
        }
      }
    }
    const path = [start]
    for (let node = last!; node !== start; node = previous.get(node)!) path.splice(1, 0, node)
    path.push(start)
    cycles.push(`${path.join(" → ")} (component of ${component.length}: ${[...component].sort().join(", ")})`)
  }
  return cycles.sort()
}

const importsOf = (
  graph: ReadonlyMap<string, ReadonlyArray<string>>,
  folder: string,
  allowed: ReadonlyArray<string>
): ReadonlyArray<string> =>
  [...graph].flatMap(([from, targets]) =>
    allowed.some((prefix) => from.startsWith(prefix))
      ? []
      : targets.filter((target) => target.startsWith(folder)).map((target) => `${from} → ${target}`)
  ).sort()

describe("the import graph of src/", () => {
  it("reads static imports and re-exports, type-only ones included, and nothing else", () => {
    const text = [
      `import { Effect } from "effect"`,
      `import type { A } from "./a.ts"`,
      `import { type B, C } from "./b.ts"`,
      `import "./side.ts"`,
      `export * from "./c.ts"`,
      `export type { D } from "./d.ts"`,
      `export * as E from "./e.ts"`,
      `const lazy = () => import("./dynamic.ts")`,
      `export const x = 1`
    ].join("\n")
    expect(specifiers("sample.ts", text)).toEqual([
      "effect",
      "./a.ts",
      "./b.ts",
      "./side.ts",
      "./c.ts",
      "./d.ts",
      "./e.ts"
    ])
  })

  it("finds a cycle, type-only edges included, and names its modules", () => {
    const graph = new Map([
      ["src/a.ts", ["src/b.ts"]],
      ["src/b.ts", ["src/c.ts"]],
      ["src/c.ts", ["src/a.ts", "src/d.ts"]],
      ["src/d.ts", []]
    ])
    expect(findCycles(graph)).toEqual([
      "src/a.ts → src/b.ts → src/c.ts → src/a.ts (component of 3: src/a.ts, src/b.ts, src/c.ts)"
    ])
    expect(findCycles(new Map([["src/a.ts", ["src/b.ts"]], ["src/b.ts", []]]))).toEqual([])
  })

  it("finds an import of a folder from outside the modules allowed to use it", () => {
    const graph = new Map([
      ["src/cli/Main.ts", ["src/cli/Report.ts", "src/testing/Kit.ts"]],
      ["src/bin/main.ts", ["src/cli/Main.ts"]],
      ["src/services/Run.ts", ["src/cli/Report.ts"]],
      ["src/testing/Kit.ts", ["src/testing/Other.ts"]]
    ])
    expect(importsOf(graph, "src/cli/", ["src/cli/", "src/bin/"])).toEqual(["src/services/Run.ts → src/cli/Report.ts"])
    expect(importsOf(graph, "src/testing/", ["src/testing/"])).toEqual(["src/cli/Main.ts → src/testing/Kit.ts"])
  })

  const graph = buildGraph()

  it("covers src/ (the entry point reaches the CLI, the root reaches the services)", () => {
    expect(graph.get("src/bin/main.ts")).toContain("src/cli/Main.ts")
    expect(graph.get("src/index.ts")).toContain("src/services/SessionService.ts")
  })

  it("has no import cycle, counting `import type`", () => {
    expect(findCycles(graph)).toEqual([])
  })

  it("imports the test kit (src/testing/) only from inside it", () => {
    expect(importsOf(graph, "src/testing/", ["src/testing/"])).toEqual([])
  })

  it("imports the CLI (src/cli/) only from the CLI and the entry point (src/bin/)", () => {
    expect(importsOf(graph, "src/cli/", ["src/cli/", "src/bin/"])).toEqual([])
  })

  // Node does not tree-shake: `import { Effect } from "effect"` evaluates every module the barrel
  // re-exports (crypto, persistence, transactional structures, the HTTP server…). Importing each
  // module by its own path loads 242 instead of 351 modules for Run and Batch (about 100 ms and
  // 11 MiB RSS less; bench/results-footprint.json).
  it("imports effect's modules by their own paths, never a barrel (\"effect\", \"effect/http\", …)", () => {
    const found = listFiles(srcDir).flatMap((file) =>
      barrelImports(file, Fs.readFileSync(file, "utf8")).map((spec) => `${Path.relative(root, file)}: ${spec}`)
    )
    expect(found).toEqual([])
  })

  it("finds a barrel import, type-only ones excepted", () => {
    const text = [
      `import { Effect } from "effect"`,
      `import { HttpClient } from "effect/http"`,
      `import type { Layer } from "effect"`,
      `import * as Stream from "effect/Stream"`,
      `import * as Sse from "effect/encoding/Sse"`
    ].join("\n")
    expect(barrelImports("x.ts", text)).toEqual(["effect", "effect/http"])
  })
})
