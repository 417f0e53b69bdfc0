/**
 * The one sanitiser of server URLs (transport errors and every URL the CLI prints).
 */
import { describe, expect, it } from "vitest"
import { isLoopback, sanitizeUrl } from "../../src/internal/url.ts"

describe("sanitizeUrl", () => {
  it("removes the userinfo and every auth_token, and keeps the rest as written", () => {
    expect(sanitizeUrl("http://opencode:hunter2@127.0.0.1:4096")).toBe("http://127.0.0.1:4096")
    expect(sanitizeUrl("https://opencode:hunter2@example.com/base/")).toBe("https://example.com/base/")
    expect(sanitizeUrl("http://127.0.0.1:4096/?auth_token=b3BlbmNvZGU6aHVudGVyMg%3D%3D&x=1")).toBe("http://127.0.0.1:4096/?x=1")
    expect(sanitizeUrl("http://127.0.0.1:4096/session?AUTH_TOKEN=abc")).toBe("http://127.0.0.1:4096/session")
    expect(sanitizeUrl("http://127.0.0.1:4096/session")).toBe("http://127.0.0.1:4096/session")
  })

  it("cleans what does not parse as a server URL by pattern (a bad port, no scheme)", () => {
    expect(sanitizeUrl("http://opencode:hunter2@127.0.0.1:notaport")).toBe("http://127.0.0.1:notaport")
    expect(sanitizeUrl("http://opencode:hun/ter2@127.0.0.1:4096")).toBe("http://127.0.0.1:4096")
    expect(sanitizeUrl("opencode:hunter2@127.0.0.1:4096")).toBe("127.0.0.1:4096")
    expect(sanitizeUrl("http://127.0.0.1:notaport/?auth_token=abc&x=1")).toBe("http://127.0.0.1:notaport/?x=1")
    expect(sanitizeUrl("notaurl")).toBe("notaurl")
  })
})

describe("isLoopback", () => {
  it("is true for localhost, 127.0.0.0/8 and ::1 only", () => {
    for (const url of ["http://127.0.0.1:4096", "http://127.1.2.3", "http://localhost:4096/x", "http://LOCALHOST", "http://[::1]:4096", "http://app.localhost"]) {
      expect(isLoopback(url), url).toBe(true)
    }
    for (const url of ["http://10.0.0.1:4096", "https://opencode.example.com", "http://127.0.0.1.example.com", "http://[::2]", "127.0.0.1:4096", "not a url"]) {
      expect(isLoopback(url), url).toBe(false)
    }
  })
})
