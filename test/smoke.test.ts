import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"

describe("toolchain", () => {
  it.effect("runs on Node >= 22.19", () =>
    Effect.sync(() => {
      const [major, minor] = process.versions.node.split(".").map(Number)
      expect(major! > 22 || (major === 22 && minor! >= 19)).toBe(true)
    }))
})
