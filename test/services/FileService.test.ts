import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import * as NodeFs from "node:fs"
import * as NodePath from "node:path"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as FileServiceModule from "../../src/services/FileService.ts"
import { FileService } from "../../src/services/FileService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  FileServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", directory: "/repo", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

/** Whether ripgrep is on the PATH (the server needs it for text search and cannot download it offline). */
const hasRipgrep = (process.env.PATH ?? "").split(NodePath.delimiter).some((dir) => {
  try {
    NodeFs.accessSync(NodePath.join(dir, "rg"), NodeFs.constants.X_OK)
    return true
  } catch {
    return false
  }
})

describe("FileService (swapped HttpClient)", () => {
  it.effect("sends paths and queries as query parameters, with the directory", () =>
    Effect.gen(function*() {
      const files = yield* FileService
      yield* files.list("src/a b")
      yield* files.read("../outside/../x.ts")
      yield* files.findText("fo+ bar")
      yield* files.findFiles("serv", { type: "file", dirs: false, limit: 5 })
      yield* files.findSymbols("User")
      const [list, read, text, find, symbols] = yield* requests
      expect(list!.url.pathname).toBe("/file")
      expect(list!.url.searchParams.get("path")).toBe("src/a b")
      expect(list!.url.searchParams.get("directory")).toBe("/repo")
      expect(read!.url.pathname).toBe("/file/content")
      expect(read!.url.searchParams.get("path")).toBe("../outside/../x.ts")
      expect(text!.url.pathname).toBe("/find")
      expect(text!.url.searchParams.get("pattern")).toBe("fo+ bar")
      expect(Object.fromEntries(find!.url.searchParams)).toEqual({
        directory: "/repo",
        query: "serv",
        type: "file",
        dirs: "false",
        limit: "5"
      })
      expect(symbols!.url.pathname).toBe("/find/symbol")
    }).pipe(Effect.provide(Mock((req) =>
      req.url.pathname === "/file/content" ? MockHttp.json(200, { type: "text", content: "" }) : MockHttp.json(200, [])
    ))))

  it.effect("rejects empty or NUL-bearing input before sending", () =>
    Effect.gen(function*() {
      const files = yield* FileService
      expect((yield* Effect.flip(files.read("")))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(files.read("a\u0000b")))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(files.findText("")))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(files.findFiles("x", { limit: 0 })))._tag).toBe("ValidationError")
      expect((yield* requests).length).toBe(0)
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, [])))))

  it.effect("the server's 500 for a path outside the project is a typed ApiError", () =>
    Effect.gen(function*() {
      const files = yield* FileService
      const e = yield* Effect.flip(files.read("../../etc/passwd"))
      expect(e._tag === "ApiError" && e.isServerError && e.name).toBe("UnknownError")
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(500, { name: "UnknownError", data: { message: "Unexpected server error.", ref: "err_1" } })
    ))))
})

const Live = FileServiceModule.layer.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({
    files: {
      "src/greet.ts": "export function greet(name: string) {\n  return `hello ${name}`\n}\n",
      "notes/todo.md": "- ship it: PAPAYA-7781\n"
    }
  })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("FileService against opencode serve", (it) => {
  it.effect("lists the root and a sub-directory", () =>
    Effect.gen(function*() {
      const files = yield* FileService
      const project = yield* TestServer.TestProject
      const root = yield* files.list()
      expect(root.map((e) => e.name)).toEqual(expect.arrayContaining(["README.md", "src", "notes"]))
      expect(root.find((e) => e.name === "src")?.type).toBe("directory")
      const src = yield* files.list("src")
      expect(src).toEqual([
        { name: "greet.ts", path: "src/greet.ts", absolute: project.path("src", "greet.ts"), type: "file", ignored: false }
      ])
      expect((yield* files.list(project.path("src"))).map((e) => e.path)).toEqual(["src/greet.ts"])
    }))

  it.effect("reads text, binary (base64) and missing files", () =>
    Effect.gen(function*() {
      const files = yield* FileService
      const project = yield* TestServer.TestProject
      const readme = yield* files.read("README.md")
      expect(readme.type).toBe("text")
      expect(readme.content).toContain("# Test project")
      NodeFs.writeFileSync(project.path("pixel.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))
      const png = yield* files.read("pixel.png")
      expect(png.type).toBe("binary")
      expect(png.encoding).toBe("base64")
      expect(png.mimeType).toBe("image/png")
      expect(Buffer.from(png.content, "base64")[1]).toBe(0x50)
      NodeFs.rmSync(project.path("pixel.png"))
      const missing = yield* files.read("does/not/exist.txt")
      expect(missing).toEqual({ type: "text", content: "" })
      const outside = yield* Effect.flip(files.read("../../etc/passwd"))
      expect(outside._tag === "ApiError" && outside.status).toBe(500)
    }))

  it.effect("finds files by name, and symbols (none without a language server)", () =>
    Effect.gen(function*() {
      const files = yield* FileService
      const found = yield* files.findFiles("greet")
      expect(found).toContain("src/greet.ts")
      const onlyFiles = yield* files.findFiles("", { type: "file", limit: 50 })
      expect(onlyFiles).toContain("notes/todo.md")
      expect(onlyFiles.some((p) => p.endsWith("/"))).toBe(false)
      const one = yield* files.findFiles("", { type: "file", limit: 1 })
      expect(one.length).toBe(1)
      const symbols = yield* files.findSymbols("greet")
      expect(Array.isArray(symbols)).toBe(true)
      const status = yield* files.status()
      expect(Array.isArray(status)).toBe(true)
    }))

  it.effect(`finds text with ripgrep (${hasRipgrep ? "rg on PATH" : "no rg: the server answers 500"})`, () =>
    Effect.gen(function*() {
      const files = yield* FileService
      if (hasRipgrep) {
        const matches = yield* files.findText("PAPAYA-\\d+")
        expect(matches.length).toBe(1)
        const [m] = matches
        expect(m!.path.text).toBe("notes/todo.md")
        expect(m!.line_number).toBe(1)
        expect(m!.submatches[0]!.match.text).toBe("PAPAYA-7781")
        expect(yield* files.findText("NO-SUCH-TEXT-ANYWHERE")).toEqual([])
      } else {
        const e = yield* Effect.flip(files.findText("PAPAYA"))
        expect(e._tag === "ApiError" && e.status).toBe(500)
      }
    }))
})
