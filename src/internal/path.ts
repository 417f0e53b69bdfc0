/**
 * The few file-path operations the client needs, without `node:path`/`node:url`, so the client
 * entry loads on fetch-only runtimes. A path starting with a drive (`C:\`, `C:/`) or `\\` is
 * Windows-style (`\` and `/` separate, `\` joins); any other is POSIX (only `/` separates).
 */

const drive = /^[A-Za-z]:[\\/]/

const isWindowsStyle = (path: string): boolean => drive.test(path) || path.startsWith("\\\\")

/** Whether `path` is absolute (POSIX `/…`, or a Windows drive or UNC path). */
export const isAbsolute = (path: string): boolean => path.startsWith("/") || isWindowsStyle(path)

/** Splits off the root (`/`, `C:\`, `\\server\share\`) and normalises `.` and `..` in the rest. */
const normalizeAbsolute = (path: string): string => {
  const windows = isWindowsStyle(path)
  let root: string
  let rest: string
  if (!windows) {
    root = "/"
    rest = path.slice(1)
  } else if (drive.test(path)) {
    root = `${path.slice(0, 2)}\\`
    rest = path.slice(3)
  } else {
    const parts = path.slice(2).split(/[\\/]/)
    root = `\\\\${parts[0] ?? ""}\\${parts[1] ?? ""}\\`
    rest = parts.slice(2).join("\\")
  }
  const segments: Array<string> = []
  for (const segment of rest.split(windows ? /[\\/]/ : "/")) {
    if (segment === "" || segment === ".") continue
    if (segment === "..") segments.pop()
    else segments.push(segment)
  }
  return root + segments.join(windows ? "\\" : "/")
}

/** `path` resolved against the absolute `base`, as `node:path`'s `resolve(base, path)`, no trailing separator. */
export const resolve = (base: string, path: string): string => {
  if (isAbsolute(path)) return normalizeAbsolute(path)
  if (!isAbsolute(base)) return resolve(resolve(cwd(), base), path)
  const separator = isWindowsStyle(base) ? "\\" : "/"
  return normalizeAbsolute(`${base}${separator}${path}`)
}

/** The last segment of `path` (`""` for a root). */
export const basename = (path: string): string => {
  const trimmed = path.replace(isWindowsStyle(path) ? /[\\/]+$/ : /\/+$/, "")
  const parts = trimmed.split(isWindowsStyle(path) ? /[\\/]/ : "/")
  const last = parts[parts.length - 1] ?? ""
  return /^[A-Za-z]:$/.test(last) ? "" : last
}

/** The current directory where the runtime has one (`process.cwd()`), else `/`. */
export const cwd = (): string => {
  const process = (globalThis as { process?: { cwd?: () => string } }).process
  return typeof process?.cwd === "function" ? process.cwd() : "/"
}

/** Characters a `file:` URL's path must carry percent-encoded beyond what the URL parser encodes. */
const encodePathChars = (path: string): string =>
  path.replace(/%/g, "%25").replace(/\t/g, "%09").replace(/\n/g, "%0A").replace(/\r/g, "%0D")

/** The `file:` URL of an absolute path, as `node:url`'s `pathToFileURL` (Windows: `file:///C:/…`, UNC: `file://server/…`). */
export const pathToFileURL = (path: string): URL => {
  const url = new URL("file://")
  if (!isWindowsStyle(path)) {
    url.pathname = encodePathChars(path).replace(/\\/g, "%5C")
    return url
  }
  const slashed = encodePathChars(path).replace(/\\/g, "/")
  if (slashed.startsWith("//")) {
    const [host, ...rest] = slashed.slice(2).split("/")
    url.hostname = host ?? ""
    url.pathname = `/${rest.join("/")}`
  } else {
    url.pathname = `/${slashed}`
  }
  return url
}

/**
 * The path of a `file:` URL, as `node:url`'s `fileURLToPath` (Windows-style for a drive or a host).
 * Throws a `TypeError` for a non-`file:` URL or an encoded separator (`%2F`, `%5C`).
 */
export const fileURLToPath = (url: URL): string => {
  if (url.protocol !== "file:") throw new TypeError(`not a file: URL: ${url.protocol}`)
  if (/%2f/i.test(url.pathname)) throw new TypeError("a file: URL path must not encode a separator")
  const path = decodeURIComponent(url.pathname)
  if (/^\/[A-Za-z]:(\/|$)/.test(path)) {
    if (/%5c/i.test(url.pathname)) throw new TypeError("a file: URL path must not encode a separator")
    return path.slice(1).replace(/\//g, "\\")
  }
  if (url.hostname !== "" && url.hostname !== "localhost") return `\\\\${url.hostname}${path.replace(/\//g, "\\")}`
  return path
}
