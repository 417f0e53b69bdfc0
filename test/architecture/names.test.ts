/**
 * The package's root exports (`effect-opencode` and `effect-opencode/testing`) must not share a
 * name with an export of `effect`'s root: `import { Config } from "effect-opencode"` beside
 * `import { Config } from "effect"` would shadow one with the other in user code.
 */
import * as Effect from "effect"
import { describe, expect, it } from "vitest"
import * as Root from "../../src/index.ts"
import * as Testing from "../../src/testing/index.ts"

const effectNames = new Set(Object.keys(Effect))

const clashes = (module: object): ReadonlyArray<string> => Object.keys(module).filter((name) => effectNames.has(name)).sort()

describe("root export names", () => {
  it("reads effect's export names (the check is not vacuous)", () => {
    expect(effectNames.has("Config")).toBe(true)
    expect(effectNames.has("Effect")).toBe(true)
    expect(clashes({ Config: 1, Schema: 2, SessionService: 3 })).toEqual(["Config", "Schema"])
  })

  it("effect-opencode exports no name that effect exports", () => {
    expect(Object.keys(Root).length).toBeGreaterThan(20)
    expect(clashes(Root)).toEqual([])
  })

  it("effect-opencode/testing exports no name that effect exports", () => {
    expect(Object.keys(Testing)).toContain("ScriptedModel")
    expect(clashes(Testing)).toEqual([])
  })
})

describe("the other entry points' export names", () => {
  it("effect-opencode/node, /server, /durable and /cluster export no name that effect exports", async () => {
    for (const entry of ["../../src/node.ts", "../../src/server.ts", "../../src/durable/index.ts", "../../src/cluster/index.ts"]) {
      const module = (await import(entry)) as object
      expect({ entry, some: Object.keys(module).length > 0 }).toEqual({ entry, some: true })
      expect({ entry, clashes: clashes(module) }).toEqual({ entry, clashes: [] })
    }
  })
})
