/**
 * `effect-opencode run --schema file.json` against a server given with `--url` (a real
 * `opencode serve` answering through the scripted model).
 */
import { afterEach, expect, layer } from "@effect/vitest"
import { Duration, Effect } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { ScriptedModel } from "../../src/testing/index.ts"
import { connect as connectTo, Live } from "./live.ts"
import { runCli, stopAll } from "./spawn.ts"


afterEach(stopAll)

const connect = connectTo()

const tempFile = (name: string, content: string) => {
  const dir = NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-cli-"))
  const file = NodePath.join(dir, name)
  NodeFs.writeFileSync(file, content)
  return file
}

const schema = { type: "object", properties: { verdict: { type: "string", enum: ["pass", "fail"] } }, required: ["verdict"] }

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(90) })("effect-opencode CLI, run --schema", (it) => {
  it.effect("sends the file's JSON Schema as the prompt's format and prints the structured value", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.structured({ verdict: "pass" }), ScriptedModel.structured({ verdict: "fail" }))
      const file = tempFile("verdict.schema.json", JSON.stringify(schema))
      const { args, env } = yield* connect
      const json = yield* Effect.promise(() => runCli(["run", "Judge it", ...args, "--schema", file, "--json"], { env }))
      expect(json.code, json.stderr).toBe(0)
      expect(JSON.parse(json.stdout.trim())).toMatchObject({ ok: true, structured: { verdict: "pass" } })
      const chat = (yield* model.requests).filter((r) => r.kind === "chat")
      expect(chat[0]!.outputSchema).toMatchObject(schema)
      const text = yield* Effect.promise(() => runCli(["run", "Judge it again", ...args, "--schema", file], { env }))
      expect(text.code, text.stderr).toBe(0)
      expect(JSON.parse(text.stdout)).toEqual({ verdict: "fail" })
    }))

  it.effect("a schema file that is not JSON is one clear error, and nothing is sent", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const file = tempFile("broken.json", "{ not json")
      const { args, env } = yield* connect
      const { code, stderr } = yield* Effect.promise(() => runCli(["run", "Judge it", ...args, "--schema", file], { env }))
      expect(code).not.toBe(0)
      expect(stderr).toContain("is not JSON")
      expect(stderr).not.toMatch(/\n\s+at /)
      expect((yield* model.requests).filter((r) => r.kind === "chat")).toEqual([])
    }))
})
