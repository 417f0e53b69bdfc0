/**
 * Every `@example` of the hand-written sources and every ```ts block of README.md and docs/*.md
 * compiles as a user's module of its own (scripts/doc-examples.ts): an example is documentation a user copies, so one that no longer
 * type-checks is a defect. One `tsc` run checks them all, with a deliberately broken example
 * among them so that the check is seen to fail where it should.
 */
import * as NodePath from "node:path"
import { describe, expect, it } from "vitest"
import { checkExamples, examplesOf, examplesOfMarkdown } from "../../scripts/doc-examples.ts"

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

  it("finds the ts fences of a Markdown text", () => {
    const text = "Some prose.\n\n```ts\nconst a = 1\n```\n\n```text\nnot code\n```\n"
    expect(examplesOfMarkdown("docs/x.md", text)).toEqual([{ file: "docs/x.md", line: 4, code: "const a = 1" }])
  })

  it("every example of src/, README.md and docs/ type-checks, and a broken one is reported where it is written", () => {
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
