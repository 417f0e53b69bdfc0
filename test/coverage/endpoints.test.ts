/**
 * Keeps docs/endpoints.md honest. The table is generated (scripts/api/endpoints.ts), so this test
 * checks what it says with means of its own rather than the scan's: one row per operation of the
 * runtime table (`src/api/Operations.ts`); every service method it names is declared by its
 * service; every `OpencodeV2` method it names is a function of the built service; an operation
 * shown as reachable only by `ApiCall.call`/`stream` has the answer kind those serve; every test file
 * it names exists, starts the real server (`src/testing/TestServer.ts`) and calls a method of the
 * row (or names its operation id, or probes `OpencodeV2.v2Operations`); every operation no service
 * wraps, or no real-server test drives, carries its reason. And the live server's `GET /doc` has
 * no operation missing from the table: a new server version's new operations fail here.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import { endpointsDoc } from "../../scripts/api/endpoints.ts"
import { operations } from "../../src/api/OperationTable.ts"
import * as OpencodeV2 from "../../src/api/V2.ts"
import * as ServerInfoService from "../../src/services/ServerInfoService.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const root = NodePath.resolve(import.meta.dirname, "..", "..")
const read = (relative: string) => NodeFs.readFileSync(NodePath.join(root, relative), "utf8")
const exists = (relative: string) => NodeFs.existsSync(NodePath.join(root, relative))

interface Row {
  readonly method: string
  readonly path: string
  readonly id: string
  readonly methods: ReadonlyArray<string>
  readonly also: ReadonlyArray<string>
  readonly v2: string | undefined
  readonly only: string | undefined
  readonly none: boolean
  readonly test: string | undefined
  readonly note: string
}

const ticked = (s: string): Array<string> => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

const doc = read("docs/endpoints.md")
const rows: ReadonlyArray<Row> = doc
  .split("\n")
  .filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) \|/.test(line))
  .map((line) => {
    const cells = line.split(" | ").map((c) => c.replace(/^\| ?/, "").replace(/ ?\|$/, "").trim())
    if (cells.length !== 6) throw new Error(`docs/endpoints.md: a row needs 6 cells: ${line}`)
    const [method, path, id, library, test, note] = cells as [string, string, string, string, string, string]
    const parts = library.split("; ")
    const v2Part = parts.find((p) => p.startsWith("`OpencodeV2` "))
    const alsoPart = parts.find((p) => p.startsWith("(also: "))
    const onlyPart = parts.find((p) => p.startsWith("only "))
    const methodPart = parts.find((p) => p !== v2Part && p !== alsoPart && p !== onlyPart && p !== "none")
    return {
      method,
      path: ticked(path)[0]!,
      id: ticked(id)[0]!,
      methods: methodPart === undefined ? [] : ticked(methodPart),
      also: alsoPart === undefined ? [] : ticked(alsoPart),
      v2: v2Part === undefined ? undefined : ticked(v2Part)[1],
      only: onlyPart === undefined ? undefined : ticked(onlyPart)[0],
      none: parts.includes("none"),
      test: test === "—" ? undefined : ticked(test)[0],
      note
    }
  })

const table = operations as Readonly<
  Record<string, { readonly id: string; readonly method: string; readonly path: string; readonly api: "v1" | "v2"; readonly success: { readonly kind: string } }>
>

const usesTestServer = (text: string) =>
  /from "[./]*\/src\/testing\/TestServer\.ts"/.test(text) ||
  (/from "[./]*\/src\/testing\/index\.ts"/.test(text) && /\bTestServer\b/.test(text))

describe("docs/endpoints.md", () => {
  it("is what `npm run generate` writes from the current sources", () => {
    const list = (folder: string) =>
      NodeFs.readdirSync(NodePath.join(root, folder), { recursive: true, encoding: "utf8" }).map((f) => `${folder}/${f.split(NodePath.sep).join("/")}`)
    const ops = Object.values(table).map((op) => ({ id: op.id, method: op.method, path: op.path, api: op.api, kind: op.success.kind }))
    const pkg = JSON.parse(read("package.json")) as { devDependencies: Record<string, string> }
    const generated = endpointsDoc(
      { list, read: (relative) => (exists(relative) ? read(relative) : undefined) },
      ops,
      { spec: `spec/opencode-${pkg.devDependencies["opencode-ai"]}.openapi.json`, notes: "scripts/api/endpoint-notes.json" }
    )
    expect(generated.content === doc, "docs/endpoints.md is stale: run `npm run generate`").toBe(true)
  })

  it("has exactly one row per operation of the table, with its method and path", () => {
    const ids = rows.map((r) => r.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    expect([...ids].sort()).toEqual(Object.keys(table).sort())
    for (const row of rows) {
      expect([row.method, row.path], row.id).toEqual([table[row.id]!.method, table[row.id]!.path])
    }
  })

  it("names only service methods that their service declares", () => {
    const problems: Array<string> = []
    for (const row of rows) {
      for (const name of [...row.methods, ...row.also]) {
        const match = /^([A-Za-z]+Service)\.([A-Za-z]+)$/.exec(name)
        if (match === null) {
          problems.push(`${row.id}: "${name}" is not Service.method`)
          continue
        }
        const file = `src/services/${match[1]}.ts`
        if (!exists(file)) problems.push(`${row.id}: ${file} does not exist`)
        else if (!new RegExp(`\\breadonly ${match[2]}\\b`).test(read(file))) problems.push(`${row.id}: ${file} declares no ${match[2]}`)
      }
    }
    expect(problems).toEqual([])
  })

  it("names an OpencodeV2 method for exactly the operations the v2 service serves, and each is a function of it", () => {
    const v2 = OpencodeV2.make({} as never) as unknown as Record<string, unknown>
    const at = (path: string) => path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], v2)
    expect(rows.filter((r) => r.v2 !== undefined).map((r) => r.id).sort()).toEqual(OpencodeV2.v2Operations.map((op) => op.id).sort())
    for (const row of rows.filter((r) => r.v2 !== undefined)) {
      expect(`v2.${row.v2}`).toBe(row.id)
      expect(typeof at(row.v2!), row.id).toBe("function")
    }
  })

  it("shows `only ApiCall.call`/`stream`/`bytes`/`socket` and `none` where the answer's kind says so", () => {
    for (const row of rows.filter((r) => r.methods.length === 0 && r.v2 === undefined)) {
      const kind = table[row.id]!.success.kind
      const expected = ["json", "true", "none", "text"].includes(kind) ? "ApiCall.call"
        : kind === "sse" ? "ApiCall.stream"
        : kind === "binary" ? "ApiCall.bytes"
        : kind === "websocket" ? "ApiCall.socket"
        : undefined
      expect(row.only, `${row.id} (${kind})`).toBe(expected)
      expect(row.none, `${row.id} (${kind})`).toBe(expected === undefined)
    }
  })

  it("names test files that start the real server and call a method of their row", () => {
    const problems: Array<string> = []
    for (const row of rows.filter((r) => r.test !== undefined)) {
      const file = row.test!
      if (!file.startsWith("test/") || !exists(file)) {
        problems.push(`${row.id}: ${file} does not exist`)
        continue
      }
      const text = read(file)
      if (!usesTestServer(text)) problems.push(`${row.id}: ${file} does not start the real server (src/testing/TestServer.ts)`)
      const calls = row.methods.some((m) => text.includes(`.${m.split(".")[1]}(`)) ||
        (row.v2 !== undefined && (text.includes(`.${row.v2}(`) || text.includes("OpencodeV2.v2Operations"))) ||
        text.includes(`"${row.id}"`)
      if (!calls) problems.push(`${row.id}: ${file} calls none of ${[...row.methods, row.v2 ?? row.id].join(", ")}`)
    }
    expect(problems).toEqual([])
  })

  it("gives a reason for every operation no service wraps and every one no real-server test drives", () => {
    const problems: Array<string> = []
    for (const row of rows) {
      const left = /(^|; )left: .{10,}/.test(row.note)
      const untested = /(^|; )untested: .{10,}/.test(row.note)
      const wrapped = row.methods.length > 0 || row.v2 !== undefined
      if ((table[row.id]!.api === "v1" && row.methods.length === 0) || !wrapped) {
        if (!left) problems.push(`${row.id}: no library method, and no "left:" reason in scripts/api/endpoint-notes.json`)
      } else if (row.test === undefined && !untested) {
        problems.push(`${row.id}: no test drives it against the real server, and no "untested:" reason`)
      }
    }
    expect(problems).toEqual([])
  })

  it("states counts that match its rows", () => {
    const count = (f: (r: Row) => boolean) => rows.filter(f).length
    const wrapped = (r: Row) => r.methods.length > 0 || r.v2 !== undefined
    expect(doc).toContain(
      `**${rows.length}** operations (**${count((r) => !r.path.startsWith("/api/"))}** v1, **${count((r) => r.path.startsWith("/api/"))}** v2 under \`/api/\`): ` +
        `**${count((r) => r.methods.length > 0)}** reached by a service method, **${count((r) => r.methods.length === 0 && r.v2 !== undefined)}** by an \`OpencodeV2\` method only, ` +
        `**${count((r) => r.only !== undefined)}** by \`ApiCall\` only (\`call\`, \`stream\`, \`bytes\` or \`socket\`), **${count((r) => r.none)}** by no typed call`
    )
    expect(doc).toContain(
      `**${count((r) => r.test !== undefined)}** driven by a test against the real server, **${count((r) => wrapped(r) && r.test === undefined)}** reached by a method but not driven yet, ` +
        `**${count((r) => /(^|; )left: /.test(r.note))}** left on purpose`
    )
  })
})

const Live = ServerInfoService.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

const httpMethods = new Set(["get", "post", "put", "patch", "delete"])

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("the live server's OpenAPI document", (it) => {
  it.effect("has no operation missing from docs/endpoints.md", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService.ServerInfoService
      const live = yield* info.openapi()
      const version = yield* info.version()
      const byRoute = new Map(rows.map((r) => [`${r.method} ${r.path}`, r.id]))
      const missing: Array<string> = []
      let count = 0
      for (const [path, item] of Object.entries(live.paths)) {
        for (const [method, op] of Object.entries(item as Record<string, { operationId?: string }>)) {
          if (!httpMethods.has(method)) continue
          count++
          const route = `${method.toUpperCase()} ${path}`
          if (byRoute.get(route) !== op.operationId) missing.push(`${route} (${op.operationId})`)
        }
      }
      expect(count).toBeGreaterThan(150)
      // A newer server's operations show up here: regenerate the API description and the table.
      expect(missing, `operations of opencode ${version} missing from docs/endpoints.md`).toEqual([])
    }))
})
