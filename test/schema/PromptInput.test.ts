import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as Ids from "../../src/schema/Ids.ts"
import * as PI from "../../src/schema/PromptInput.ts"
import { decodeFails, decodeOk } from "./helpers.ts"

const { Prompt } = PI

/** The request body schema of POST /session/{id}/message in the pinned OpenAPI document. */
const doc = JSON.parse(readFileSync(new URL("../../spec/opencode-1.18.33.openapi.json", import.meta.url), "utf8"))
const schemas = doc.components.schemas
const bodySchema = doc.paths["/session/{sessionID}/message"].post.requestBody.content["application/json"].schema
const asyncBodySchema = doc.paths["/session/{sessionID}/prompt_async"].post.requestBody.content["application/json"].schema

/** Checks an object against a (resolved) JSON schema object: known keys only, required keys present, const types. */
const conforms = (value: Record<string, unknown>, schema: any): void => {
  const props = Object.keys(schema.properties)
  for (const key of Object.keys(value)) expect(props, `unexpected key ${key}`).toContain(key)
  for (const key of schema.required ?? []) expect(value, `missing ${key}`).toHaveProperty(key)
  if (schema.properties.type?.enum) expect(schema.properties.type.enum).toContain(value.type)
}

const partSchema = (type: string) => {
  const name = ({ text: "TextPartInput", file: "FilePartInput", agent: "AgentPartInput", subtask: "SubtaskPartInput" } as const)[
    type as "text"
  ]
  return schemas[name]
}

describe("PromptInput", () => {
  it("the schema has exactly the fields of the document's prompt body", () => {
    expect(Object.keys(PI.PromptInput.fields).sort()).toEqual(Object.keys(bodySchema.properties).sort())
    expect(Object.keys(asyncBodySchema.properties).sort()).toEqual(Object.keys(bodySchema.properties).sort())
    for (const [name, schema] of [
      ["TextPartInput", PI.TextPartInput],
      ["FilePartInput", PI.FilePartInput],
      ["AgentPartInput", PI.AgentPartInput],
      ["SubtaskPartInput", PI.SubtaskPartInput]
    ] as const) {
      expect(Object.keys(schema.fields).sort(), name).toEqual(Object.keys(schemas[name].properties).sort())
    }
  })

  it("Prompt.text", () => {
    const part = Prompt.text("Fix the failing test")
    expect(part).toEqual({ type: "text", text: "Fix the failing test" })
    conforms(part, partSchema("text"))
    const withId = Prompt.text("x", { id: Ids.makePartID("prt_1"), synthetic: true })
    expect(withId).toEqual({ id: "prt_1", type: "text", text: "x", synthetic: true })
  })

  it("Prompt.file: a relative path becomes an absolute file:// URL with a base name and a mime", () => {
    const part = Prompt.file("src/index.ts")
    expect(part).toEqual({
      type: "file",
      mime: "text/plain",
      filename: "index.ts",
      url: pathToFileURL(resolve(process.cwd(), "src/index.ts")).href
    })
    conforms(part, partSchema("file"))
    expect(fileURLToPath(part.url)).toBe(resolve("src/index.ts"))
  })

  it("Prompt.file: absolute paths, cwd, special characters, options", () => {
    expect(Prompt.file("/repo/shot.PNG")).toEqual({ type: "file", mime: "image/png", filename: "shot.PNG", url: "file:///repo/shot.PNG" })
    expect(Prompt.file("doc.pdf", { cwd: "/repo" }).url).toBe("file:///repo/doc.pdf")
    expect(Prompt.file("doc.pdf", { cwd: "/repo" }).mime).toBe("application/pdf")
    const spaced = Prompt.file("/repo/my file #1?.md")
    expect(spaced.url).toBe("file:///repo/my%20file%20%231%3F.md")
    expect(fileURLToPath(spaced.url)).toBe("/repo/my file #1?.md")
    expect(spaced.filename).toBe("my file #1?.md")
    expect(Prompt.file("/repo/data.bin", { mime: "application/octet-stream", filename: "blob" })).toEqual({
      type: "file",
      mime: "application/octet-stream",
      filename: "blob",
      url: "file:///repo/data.bin"
    })
    expect(Prompt.file("/repo/src/")).toEqual({
      type: "file",
      mime: "application/x-directory",
      filename: "src",
      url: "file:///repo/src/"
    })
  })

  it("Prompt.file: URLs are kept", () => {
    expect(Prompt.file("file:///repo/a.ts")).toEqual({ type: "file", mime: "text/plain", filename: "a.ts", url: "file:///repo/a.ts" })
    expect(Prompt.file(new URL("file:///repo/b.jpeg"))).toEqual({
      type: "file",
      mime: "image/jpeg",
      filename: "b.jpeg",
      url: "file:///repo/b.jpeg"
    })
    expect(Prompt.file("data:image/png;base64,AAAA")).toEqual({ type: "file", mime: "image/png", url: "data:image/png;base64,AAAA" })
    expect(Prompt.file("data:,hello")).toEqual({ type: "file", mime: "text/plain", url: "data:,hello" })
    expect(Prompt.file("https://example.com/files/report.pdf")).toEqual({
      type: "file",
      mime: "application/pdf",
      filename: "report.pdf",
      url: "https://example.com/files/report.pdf"
    })
  })

  it("inferMime: images and pdf by extension, text/plain otherwise", () => {
    expect(PI.inferMime("a.png")).toBe("image/png")
    expect(PI.inferMime("a.JPG")).toBe("image/jpeg")
    expect(PI.inferMime("a.gif")).toBe("image/gif")
    expect(PI.inferMime("a.webp")).toBe("image/webp")
    expect(PI.inferMime("a.pdf")).toBe("application/pdf")
    for (const name of ["a.ts", "a.json", "README.md", "Makefile", "x.tar.gz", ".env"]) expect(PI.inferMime(name)).toBe("text/plain")
    expect(PI.inferMime("dir/")).toBe("application/x-directory")
  })

  it("Prompt.agent and Prompt.subtask", () => {
    const agent = Prompt.agent("explore")
    expect(agent).toEqual({ type: "agent", name: "explore" })
    conforms(agent, partSchema("agent"))
    const subtask = Prompt.subtask({ prompt: "List TODOs", description: "todos", agent: "explore" })
    expect(subtask).toEqual({ type: "subtask", prompt: "List TODOs", description: "todos", agent: "explore" })
    conforms(subtask, partSchema("subtask"))
    const full = Prompt.subtask({
      prompt: "p",
      description: "d",
      agent: "a",
      model: { providerID: "local", modelID: "echo" },
      command: "c"
    })
    expect(full.model).toEqual({ providerID: "local", modelID: "echo" })
    expect(full.command).toBe("c")
    conforms(full, partSchema("subtask"))
  })

  it("encodePromptInput gives the document's body, without undefined fields", () => {
    const messageID = Ids.newMessageID()
    const input: PI.PromptInput = {
      messageID,
      model: { providerID: "local", modelID: "echo" },
      agent: "build",
      noReply: undefined,
      tools: { bash: false },
      system: undefined,
      parts: [Prompt.text("hi"), Prompt.file("/repo/a.ts"), Prompt.agent("explore")]
    }
    const body = PI.encodePromptInput(input)
    expect(body).toEqual({
      messageID,
      model: { providerID: "local", modelID: "echo" },
      agent: "build",
      tools: { bash: false },
      parts: [
        { type: "text", text: "hi" },
        { type: "file", mime: "text/plain", filename: "a.ts", url: "file:///repo/a.ts" },
        { type: "agent", name: "explore" }
      ]
    })
    expect(Object.keys(body)).not.toContain("noReply")
    conforms(body as Record<string, unknown>, bodySchema)
    for (const part of body.parts as Array<Record<string, unknown>>) conforms(part, partSchema(part.type as string))
    // JSON round trip is the identity.
    expect(JSON.parse(JSON.stringify(body))).toEqual(body)
    // And it decodes back with the schema.
    expect(decodeOk(PI.PromptInput, body)).toEqual(body)
  })

  it("the schema rejects a body the server would reject", () => {
    decodeFails(PI.PromptInput, { parts: [{ type: "text" }] })
    decodeFails(PI.PromptInput, { messageID: "bogus", parts: [] })
    decodeFails(PI.PromptInput, {})
    decodeFails(PI.PromptInput, { parts: [{ type: "video", url: "x" }] })
    expect(Schema.is(PI.PromptInput)({ parts: [Prompt.text("ok")] })).toBe(true)
  })

  it("validatePromptInput catches bad ids and empty prompts before sending", () => {
    expect(Result.isSuccess(PI.validatePromptInput({ parts: [Prompt.text("ok")] }))).toBe(true)
    expect(Result.isSuccess(PI.validatePromptInput({ messageID: Ids.newMessageID(), parts: [Prompt.text("ok")] }))).toBe(true)
    const bogus = PI.validatePromptInput({ messageID: "bogus" as Ids.MessageID, parts: [Prompt.text("ok")] })
    expect(Result.isFailure(bogus) && bogus.failure).toMatch(/^messageID/)
    const hostile = PI.validatePromptInput({ messageID: "msg_../../x" as Ids.MessageID, parts: [Prompt.text("ok")] })
    expect(Result.isFailure(hostile)).toBe(true)
    const empty = PI.validatePromptInput({ parts: [] })
    expect(Result.isFailure(empty) && empty.failure).toMatch(/^parts/)
    const badPart = PI.validatePromptInput({ parts: [{ ...Prompt.text("x"), id: "ses_1" as Ids.PartID }] })
    expect(Result.isFailure(badPart) && badPart.failure).toMatch(/^parts\[0\]\.id/)
    const badType = PI.validatePromptInput({ parts: [{ type: "video" } as unknown as PI.PartInput] })
    expect(Result.isFailure(badType) && badType.failure).toMatch(/^parts\[0\]\.type/)
  })

  it("a temporary directory path keeps its separators", () => {
    const part = Prompt.file(join("/tmp", "a b", "c.txt"))
    expect(part.url).toBe("file:///tmp/a%20b/c.txt")
  })
})
