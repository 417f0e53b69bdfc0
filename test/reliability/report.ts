/**
 * Prints the combined scenario table of the last reliability run (`.tmp/reliability/*.json`, written
 * by the test files) as markdown; with `--write` it replaces the table between the markers in
 * docs/reliability.md. Run: `npx node test/reliability/report.ts [--write]`.
 */
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import type { Row } from "./scenarios.ts"

const dir = NodePath.resolve(".tmp/reliability")
const files = NodeFs.existsSync(dir) ? NodeFs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : []
const rows: Array<Row> = files.flatMap((f) => (JSON.parse(NodeFs.readFileSync(NodePath.join(dir, f), "utf8")) as { rows: Array<Row> }).rows)
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ")
const held = rows.filter((r) => r.held).length
const table = [
  "| # | scenario | expected | observed | held |",
  "| ---: | --- | --- | --- | :---: |",
  ...rows.map((r, i) => `| ${i + 1} | ${cell(r.scenario)} | ${cell(r.expected)} | ${cell(r.observed)} | ${r.held ? "✓" : "✗"} |`),
  "",
  `**${rows.length} scenarios, ${held} held.**`
].join("\n")

if (process.argv.includes("--write")) {
  const doc = NodePath.resolve("docs/reliability.md")
  const text = NodeFs.readFileSync(doc, "utf8")
  const start = "<!-- scenarios:start -->"
  const end = "<!-- scenarios:end -->"
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`docs/reliability.md has no ${start} … ${end} markers`)
  NodeFs.writeFileSync(doc, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`)
  console.log(`docs/reliability.md: ${rows.length} scenarios, ${held} held`)
} else {
  console.log(table)
}
