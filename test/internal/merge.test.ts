/**
 * The one deep merge of opencode configs (the CLI's demo provider over the user's config, the
 * test kit's config over its base).
 */
import { describe, expect, it } from "vitest"
import { deepMerge } from "../../src/internal/merge.ts"

describe("deepMerge", () => {
  it("merges nested objects key by key and replaces everything else, without changing its inputs", () => {
    const base = { provider: { a: { name: "A", models: { x: 1 } } }, tags: ["a"], model: "a/x" }
    const override = { provider: { a: { models: { y: 2 } }, b: { name: "B" } }, tags: ["b"], model: null }
    expect(deepMerge(base, override)).toEqual({
      provider: { a: { name: "A", models: { x: 1, y: 2 } }, b: { name: "B" } },
      tags: ["b"],
      model: null
    })
    expect(base).toEqual({ provider: { a: { name: "A", models: { x: 1 } } }, tags: ["a"], model: "a/x" })
  })
})
