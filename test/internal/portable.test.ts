/**
 * The runtime-neutral helpers the client entry uses instead of `node:*` modules give what the
 * Node functions they replace give (task keys, redaction forms and file parts depend on it).
 */
import * as NodeCrypto from "node:crypto"
import * as NodePath from "node:path"
import * as NodeUrl from "node:url"
import { describe, expect, it } from "vitest"
import * as Base64 from "../../src/internal/base64.ts"
import * as Path from "../../src/internal/path.ts"
import { sha256Hex } from "../../src/internal/sha256.ts"

const samples = [
  "",
  "abc",
  "opencode:hunter2",
  "pässwörd ✓ 𝄞",
  "x".repeat(55),
  "y".repeat(56),
  "z".repeat(64),
  "w".repeat(1000),
  JSON.stringify({ prompt: { parts: [{ type: "text", text: "Fix src/a.ts" }] }, model: "local/echo" })
]

describe("sha256Hex", () => {
  it("equals node:crypto's SHA-256 (task keys do not change)", () => {
    for (const s of samples) expect(sha256Hex(s)).toBe(NodeCrypto.createHash("sha256").update(s).digest("hex"))
  })
})

describe("Base64", () => {
  it("equals Buffer's standard and URL-safe Base64 of UTF-8, and decodes both", () => {
    for (const s of samples) {
      expect(Base64.encode(s)).toBe(Buffer.from(s, "utf8").toString("base64"))
      expect(Base64.encodeUrl(s)).toBe(Buffer.from(s, "utf8").toString("base64url"))
      expect(Base64.decode(Base64.encode(s))).toBe(s)
      expect(Base64.decode(Base64.encodeUrl(s))).toBe(s)
    }
    expect(Base64.decode("a")).toBeUndefined()
    expect(Base64.decode("!!!!")).toBeUndefined()
  })
})

describe("path", () => {
  it("resolves, tests and names POSIX paths as node:path does", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["/work/repo", "src/a.ts"],
      ["/work/repo/", "./src/../b.ts"],
      ["/work/repo", "../../../x"],
      ["/work/repo", "/abs/./y//z"],
      ["/", "a b/c#d?.md"],
      ["/work/repo", "dir/"]
    ]
    for (const [base, p] of cases) {
      expect(Path.resolve(base, p)).toBe(NodePath.posix.resolve(base, p))
      expect(Path.isAbsolute(p)).toBe(NodePath.posix.isAbsolute(p))
      expect(Path.basename(p)).toBe(NodePath.posix.basename(p))
    }
  })

  it("resolves Windows drive paths as node:path.win32 does", () => {
    expect(Path.resolve("C:\\work\\repo", "src\\a.ts")).toBe(NodePath.win32.resolve("C:\\work\\repo", "src\\a.ts"))
    expect(Path.resolve("C:\\work\\repo", "..\\b/c.ts")).toBe(NodePath.win32.resolve("C:\\work\\repo", "..\\b/c.ts"))
    expect(Path.isAbsolute("D:/x")).toBe(true)
    expect(Path.basename("C:\\work\\a.ts")).toBe("a.ts")
  })

  it("converts POSIX paths to and from file: URLs as node:url does", () => {
    for (const p of ["/work/repo/a.ts", "/a b/c#d?e%f.md", "/tmp/é ✓/x", "/back\\slash", "/dir/"]) {
      const url = Path.pathToFileURL(p)
      expect(url.href).toBe(NodeUrl.pathToFileURL(p).href)
      expect(Path.fileURLToPath(url)).toBe(NodeUrl.fileURLToPath(url))
    }
    expect(() => Path.fileURLToPath(new URL("file:///a%2Fb"))).toThrow(TypeError)
    expect(() => Path.fileURLToPath(new URL("https://example.com/a"))).toThrow(TypeError)
  })

  it("writes Windows paths as file:///C:/… URLs", () => {
    expect(Path.pathToFileURL("C:\\work\\a b.ts").href).toBe("file:///C:/work/a%20b.ts")
    expect(Path.fileURLToPath(new URL("file:///C:/work/a%20b.ts"))).toBe("C:\\work\\a b.ts")
  })
})
