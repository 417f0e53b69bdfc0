/**
 * What each entry point of the package loads, read from the source: the static imports and
 * re-exports (type-only ones included: a browser project type-checks them too) reachable from the
 * entry module, packages included. The client entry (`src/index.ts`, the package root) must reach
 * no `node:*` module, no Node-only package and none of the managed-server, cluster, durable, CLI
 * or test-kit modules: it is what a browser, Bun or Deno program bundles.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = Path.resolve(import.meta.dirname, "../..")

const specifiers = (fileName: string): ReadonlyArray<string> => {
  const source = ts.createSourceFile(fileName, Fs.readFileSync(fileName, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const found: Array<string> = []
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text)
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text)
    } else if (
      ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Every src/ module (relative to the root) and every package specifier reachable from `entry`. */
const reach = (entry: string): { readonly modules: ReadonlyArray<string>; readonly packages: ReadonlyArray<string> } => {
  const modules = new Set<string>()
  const packages = new Set<string>()
  const queue = [Path.join(root, entry)]
  while (queue.length > 0) {
    const file = queue.pop()!
    const rel = Path.relative(root, file)
    if (modules.has(rel)) continue
    modules.add(rel)
    for (const spec of specifiers(file)) {
      if (spec.startsWith(".")) queue.push(Path.resolve(Path.dirname(file), spec))
      else packages.add(spec)
    }
  }
  return { modules: [...modules].sort(), packages: [...packages].sort() }
}

describe("entry points", () => {
  it("reads static, type-level and dynamic imports", () => {
    const dir = Fs.mkdtempSync(Path.join(root, ".tmp-entries-"))
    try {
      const file = Path.join(dir, "sample.ts")
      Fs.writeFileSync(
        file,
        `import { A } from "a"\nexport * from "b"\ntype T = import("c").T\nconst lazy = () => import("d")\n`
      )
      expect(specifiers(file)).toEqual(["a", "b", "c", "d"])
    } finally {
      Fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("the client entry (the package root) loads no node:* module and no Node-only package", () => {
    const { packages } = reach("src/index.ts")
    const nodeOnly = packages.filter((p) =>
      p.startsWith("node:") || p.startsWith("@effect/platform-node") || p.startsWith("@effect/sql") ||
      p.startsWith("effect/process") || p.startsWith("effect/unstable/cluster") || p.startsWith("effect/unstable/workflow") ||
      p.startsWith("effect/unstable/sql") || p === "undici"
    )
    expect(nodeOnly).toEqual([])
  })

  it("the client entry reaches none of the server, cluster, durable, CLI or test-kit modules", () => {
    const { modules } = reach("src/index.ts")
    const foreign = modules.filter((m) =>
      m === "src/layers/OpencodeServer.ts" || m === "src/layers/OpencodeNode.ts" || m === "src/internal/realTime.ts" ||
      ["src/cluster/", "src/durable/", "src/cli/", "src/testing/", "src/bin/", "src/model/"].some((dir) => m.startsWith(dir))
    )
    expect(foreign).toEqual([])
  })

  it("the Node transport entry loads Node's HTTP client but not the managed server", () => {
    const { modules, packages } = reach("src/node.ts")
    expect(packages).toContain("@effect/platform-node/NodeHttpClient")
    expect(modules).not.toContain("src/layers/OpencodeServer.ts")
  })

  it("only the cluster entry (and the CLI and test kit, which offer cluster mode) reach @effect/sql-pg", () => {
    const sqlPg = (entry: string) => reach(entry).packages.some((p) => p.startsWith("@effect/sql-pg"))
    expect(sqlPg("src/cluster/index.ts")).toBe(true)
    for (const entry of ["src/index.ts", "src/node.ts", "src/server.ts", "src/durable/index.ts"]) {
      expect({ entry, sqlPg: sqlPg(entry) }).toEqual({ entry, sqlPg: false })
    }
  })
})
