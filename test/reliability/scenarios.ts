/**
 * The scenario table of the reliability suite: every scenario records what was expected and what
 * was observed; each test file prints its table when it ends and writes it to
 * `.tmp/reliability/<file>.json` (read by `report.ts` to rebuild the table of docs/reliability.md).
 */
import { Cause, Effect } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"

export interface Row {
  readonly scenario: string
  readonly expected: string
  readonly observed: string
  readonly held: boolean
  readonly millis: number
}

const rows: Array<Row> = []

/**
 * Runs one scenario: `self` asserts (with `expect`) and returns a one-line description of what it
 * observed. A failed assertion or an unexpected error records the scenario as not held, then fails
 * the test as usual.
 */
export const scenario = (name: string, expected: string) =>
<A extends string, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const t0 = Date.now()
    return self.pipe(
      Effect.tap((observed) =>
        Effect.sync(() => rows.push({ scenario: name, expected, observed, held: true, millis: Date.now() - t0 }))
      ),
      Effect.tapCause((cause) =>
        Effect.sync(() =>
          rows.push({
            scenario: name,
            expected,
            observed: `NOT HELD: ${Cause.pretty(cause).split("\n").slice(0, 3).join(" ").slice(0, 300)}`,
            held: false,
            millis: Date.now() - t0
          })
        )
      )
    )
  })

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length))

export const format = (all: ReadonlyArray<Row>): string => {
  const held = all.filter((r) => r.held).length
  const lines = [
    `${pad("scenario", 46)} | ${pad("expected", 60)} | observed`,
    `${"-".repeat(46)}-+-${"-".repeat(60)}-+-${"-".repeat(40)}`,
    ...all.map((r) => `${pad(r.scenario, 46)} | ${pad(r.expected, 60)} | ${r.held ? "" : "✗ "}${r.observed}`),
    `${all.length} scenarios, ${held} held`
  ]
  return lines.join("\n")
}

/** Prints this file's table and writes it to `.tmp/reliability/<name>.json`. */
export const report = (name: string): void => {
  if (rows.length === 0) return
  console.log(`\nReliability scenarios (${name}):\n${format(rows)}\n`)
  try {
    const dir = NodePath.resolve(".tmp/reliability")
    NodeFs.mkdirSync(dir, { recursive: true })
    NodeFs.writeFileSync(
      NodePath.join(dir, `${name}.json`),
      JSON.stringify({ file: name, date: new Date().toISOString(), rows }, null, 2)
    )
  } catch {
    // the table was printed; the file is a convenience
  }
}
