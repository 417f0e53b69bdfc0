/**
 * The soak of bench/soak.ts, short in CI (200,000 events, 25 sequential runs) and full with
 * `SOAK=full` (1,000,000 events, 1,000 runs): this process's RSS, after a warm-up, grows by at
 * most 64 MiB.
 */
import { describe, expect, it } from "vitest"
import { formatSoak, soakEvents, soakRuns } from "../../bench/soak.ts"

const full = process.env.SOAK === "full"
const events = full ? 1_000_000 : 200_000
const runs = full ? 1_000 : 25

describe("soak", () => {
  it(`${events.toLocaleString("en")} events through one event stream: RSS bounded`, async () => {
    const result = await soakEvents(events, 64)
    console.log(formatSoak([result]))
    expect(result.withinBound).toBe(true)
  }, full ? 600_000 : 60_000)

  it(`${runs} sequential runs against the local model: all succeed, RSS bounded`, async () => {
    const result = await soakRuns(runs, 64)
    console.log(formatSoak([result]))
    expect(result.failures).toBe(0)
    expect(result.withinBound).toBe(true)
  }, full ? 1_800_000 : 120_000)
})
