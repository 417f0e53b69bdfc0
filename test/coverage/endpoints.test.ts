/**
 * Keeps docs/endpoints.md honest: every v1 endpoint of the pinned OpenAPI document and of the
 * live server's `GET /doc` must have a row, and every row must name a library method that exists
 * and a test file that exists and calls it. A new server version's new endpoints fail here.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as ServerInfoService from "../../src/services/ServerInfoService.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const root = NodePath.resolve(import.meta.dirname, "..", "..")
const read = (relative: string) => NodeFs.readFileSync(NodePath.join(root, relative), "utf8")

const methods = new Set(["get", "post", "put", "patch", "delete"])

/** `METHOD path` of every v1 operation (everything outside `/api/`) of an OpenAPI document. */
const v1Endpoints = (doc: { readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>> }): Array<string> =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    path.startsWith("/api/")
      ? []
      : Object.keys(ops).filter((m) => methods.has(m)).map((m) => `${m.toUpperCase()} ${path}`)
  ).sort()

interface Row {
  readonly key: string
  readonly operationId: string
  readonly library: string
  readonly test: string
}

const unquote = (cell: string) => cell.trim().replace(/^`(.*)`$/, "$1")

const rows: ReadonlyArray<Row> = read("docs/endpoints.md")
  .split("\n")
  .filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) \|/.test(line))
  .map((line) => {
    const cells = line.split("|").slice(1, -1)
    if (cells.length !== 5) throw new Error(`docs/endpoints.md: a row needs 5 cells: ${line}`)
    const [method, path, operationId, library, test] = cells.map(unquote) as [string, string, string, string, string]
    return { key: `${method} ${path}`, operationId, library, test }
  })

const tableKeys = new Set(rows.map((r) => r.key))
const pinned = JSON.parse(read("spec/opencode-1.18.33.openapi.json"))
const pinnedKeys = v1Endpoints(pinned)

const isLeft = (row: Row) => row.library.startsWith("left:")
const isUntested = (row: Row) => row.test.startsWith("untested:")

describe("docs/endpoints.md", () => {
  it("has exactly one row per v1 endpoint of the pinned document, with its operationId", () => {
    const duplicates = rows.map((r) => r.key).filter((k, i, all) => all.indexOf(k) !== i)
    expect(duplicates).toEqual([])
    expect(pinnedKeys.filter((k) => !tableKeys.has(k))).toEqual([])
    expect([...tableKeys].filter((k) => !pinnedKeys.includes(k))).toEqual([])
    for (const row of rows) {
      const [method, path] = row.key.split(" ") as [string, string]
      expect(pinned.paths[path][method.toLowerCase()].operationId, row.key).toBe(row.operationId)
    }
  })

  it("names, for every covered endpoint, a method of the service and a test file that calls it", () => {
    const problems: Array<string> = []
    for (const row of rows.filter((r) => !isLeft(r))) {
      const match = /^([A-Za-z]+Service)\.([A-Za-z]+)$/.exec(row.library)
      if (match === null) {
        problems.push(`${row.key}: "${row.library}" is not Service.method`)
        continue
      }
      const [, service, method] = match as unknown as [string, string, string]
      const sourcePath = `src/services/${service}.ts`
      if (!NodeFs.existsSync(NodePath.join(root, sourcePath))) {
        problems.push(`${row.key}: ${sourcePath} does not exist`)
        continue
      }
      if (!new RegExp(`\\breadonly ${method}\\b`).test(read(sourcePath))) {
        problems.push(`${row.key}: ${sourcePath} has no method ${method}`)
      }
      if (isUntested(row)) continue
      if (!row.test.startsWith("test/") || !NodeFs.existsSync(NodePath.join(root, row.test))) {
        problems.push(`${row.key}: test file ${row.test} does not exist`)
        continue
      }
      if (!read(row.test).includes(`.${method}(`)) problems.push(`${row.key}: ${row.test} never calls .${method}(`)
    }
    expect(problems).toEqual([])
  })

  it("gives a reason for every endpoint left out, and its counts match the rows", () => {
    for (const row of rows.filter(isLeft)) expect(row.library.length, row.key).toBeGreaterThan("left: ".length + 10)
    const covered = rows.filter((r) => !isLeft(r) && !isUntested(r)).length
    const untested = rows.filter(isUntested).length
    const left = rows.filter(isLeft).length
    expect(read("docs/endpoints.md")).toContain(
      `**${rows.length}** endpoints: **${covered}** covered and tested, **${untested}** covered but not yet tested (\`untested:\`), **${left}** left on purpose (\`left:\`)`
    )
  })
})

const Live = ServerInfoService.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("the live server's OpenAPI document", (it) => {
  it.effect("has no v1 endpoint missing from docs/endpoints.md", () =>
    Effect.gen(function*() {
      const info = yield* ServerInfoService.ServerInfoService
      const doc = yield* info.openapi()
      const live = v1Endpoints(doc)
      expect(live.length).toBeGreaterThan(100)
      const missing = live.filter((k) => !tableKeys.has(k))
      const version = yield* info.version()
      // A newer server's endpoints show up here: add a row (covered, untested or left) for each.
      expect(missing, `v1 endpoints of opencode ${version} missing from docs/endpoints.md`).toEqual([])
    }))
})
