/**
 * Every `@example` of the hand-written sources compiles as a user's module of its own
 * (scripts/doc-examples.ts): an example is documentation a user copies, so one that no longer
 * type-checks is a defect. One `tsc` run checks them all, with a deliberately broken example
 * among them so that the check is seen to fail where it should.
 */
import * as NodePath from "node:path"
import { describe, expect, it } from "vitest"
import { checkExamples, examplesOf } from "../../scripts/doc-examples.ts"

const root = NodePath.resolve(import.meta.dirname, "../..")

describe("doc examples", () => {
  it("finds the ts fence of each @example and strips the comment's stars", () => {
    const text = [
      "/**",
      " * Lists sessions.",
      " *",
      " * @example",
      " * ```ts",
      " * import { SessionService } from \"effect-opencode\"",
      " *",
      " * const list = SessionService.SessionService.use((s) => s.list())",
      " * ```",
      " */",
      "export const x = 1"
    ].join("\n")
    expect(examplesOf("src/X.ts", text)).toEqual([{
      file: "src/X.ts",
      line: 6,
      code: "import { SessionService } from \"effect-opencode\"\n\nconst list = SessionService.SessionService.use((s) => s.list())"
    }])
  })

  it("every example of src/ type-checks, and a broken one is reported where it is written", () => {
    const broken = {
      file: "src/index.ts",
      line: 100_000,
      code: "import { SessionService } from \"effect-opencode\"\n\nSessionService.noSuchExport"
    }
    const result = checkExamples(root, NodePath.join(root, ".tmp/doc-examples-test"), [broken])
    expect(result.examples).toBeGreaterThan(50)
    expect([...result.failures.keys()]).toEqual(["src/index.ts:100002"])
  }, 120_000)
})
