/**
 * `npm run generate`: writes the API description (src/api/Schemas.ts, Operations.ts, OperationTable.ts, Events.ts) from
 * spec/opencode-<version>.openapi.json and our patch file spec/opencode-<version>.patch.json, where
 * <version> is the pinned `opencode-ai` of package.json; then the endpoint table docs/endpoints.md
 * from the same operations, a scan of src/services/ and test/, and scripts/api/endpoint-notes.json.
 *
 * `node scripts/generate.ts --check` writes nothing: it exits 1 and names the files that
 * regenerating would change, or prints "generated code is up to date". `npm test` runs it first.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { endpointsDoc } from "./api/endpoints.ts"
import { type Files, generate, GenerateError, parsePatchFile, staleFiles } from "./api/generator.ts"

const root = path.resolve(import.meta.dirname, "..")
const check = process.argv.includes("--check")

const readJson = (relative: string): unknown => JSON.parse(fs.readFileSync(path.join(root, relative), "utf8"))

const main = (): number => {
  const started = performance.now()
  const pkg = readJson("package.json") as { devDependencies?: Record<string, string> }
  const version = pkg.devDependencies?.["opencode-ai"]
  if (version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) {
    console.error(`generate: package.json must pin devDependencies["opencode-ai"] to an exact version (got ${version})`)
    return 1
  }
  const sources = { spec: `spec/opencode-${version}.openapi.json`, patch: `spec/opencode-${version}.patch.json` }
  const generated = generate(readJson(sources.spec), parsePatchFile(readJson(sources.patch)), sources)
  const summary = generated.summary
  const read = (relative: string): string | undefined => {
    try {
      return fs.readFileSync(path.join(root, relative), "utf8")
    } catch {
      return undefined
    }
  }
  const list = (folder: string): ReadonlyArray<string> =>
    fs.readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" }).map((f) => `${folder}/${f.split(path.sep).join("/")}`)
  const endpoints = endpointsDoc({ list, read }, generated.operations, { spec: sources.spec, notes: "scripts/api/endpoint-notes.json" })
  const coverage = endpoints.summary
  const files: Files = { ...generated.files, "docs/endpoints.md": endpoints.content }
  const stale = staleFiles(files, read)
  const ms = Math.round(performance.now() - started)
  if (check) {
    if (stale.length > 0) {
      console.error(`generate --check: regenerating would change ${stale.join(", ")}; run \`npm run generate\` and commit the result`)
      return 1
    }
    console.log(`generate --check: generated code is up to date (${summary.schemas} schemas, ${summary.operations} operations, ${ms} ms)`)
    return 0
  }
  for (const relative of stale) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
    fs.writeFileSync(path.join(root, relative), files[relative]!)
  }
  console.log(
    `generate: ${summary.schemas} schemas, ${summary.operations} operations (${summary.v2} under /api/), ` +
      `${summary.patchOperations} patch operations, ${summary.enums.open} open / ${summary.enums.closed} exact enumerations; ` +
      `endpoints: ${coverage.service} reached by a service method, ${coverage.tested} driven by a real-server test; ${stale.length === 0 ? "nothing changed" : `wrote ${stale.join(", ")}`} (${ms} ms)`
  )
  return 0
}

try {
  process.exitCode = main()
} catch (error) {
  console.error(error instanceof GenerateError ? `generate: ${error.message}` : error)
  process.exitCode = 1
}
