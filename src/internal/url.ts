/**
 * The one sanitiser of server URLs, shared by the transport (the URLs in its errors) and the
 * CLI (every URL it prints): a base URL may carry credentials — `user:password@` and
 * `?auth_token=` (opencode's Basic credentials in Base64) — which must never be shown.
 *
 * @since 0.1.0
 * @internal
 */

/**
 * `url` without its credentials: the userinfo (`user:password@`) and every `auth_token` query
 * parameter are removed; everything else is kept as given (a bare origin gets no trailing slash
 * added). A string that does not parse as a URL is cleaned by pattern, so even a malformed URL
 * (say, a bad port) never shows a password.
 *
 * Use it for every URL that ends up in a message, an error or a log line. Gotcha: it removes
 * credentials, not other secrets a server may put in a path.
 *
 * @example
 * ```ts
 * import { sanitizeUrl } from "./url.ts"
 *
 * sanitizeUrl("http://opencode:hunter2@127.0.0.1:4096") // "http://127.0.0.1:4096"
 * sanitizeUrl("http://127.0.0.1:4096/?auth_token=b3A6cHc&x=1") // "http://127.0.0.1:4096/?x=1"
 * sanitizeUrl("http://u:pw@host:notaport") // "http://host:notaport"
 * sanitizeUrl("opencode:pw@host:4096") // "host:4096"
 * ```
 *
 * @since 0.1.0
 * @internal
 */
export const sanitizeUrl = (url: string): string => {
  let u: URL | undefined
  try {
    u = new URL(url)
  } catch {
    u = undefined
  }
  // Not a URL of a server (e.g. `user:pw@host`, which parses with the scheme `user:`): by pattern.
  if (u === undefined || !/^(https?|wss?):$/.test(u.protocol)) {
    return url
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^?#]*@/i, "$1")
      .replace(/([?&])auth_token=[^&#]*&?/gi, "$1")
      .replace(/[?&]$/, "")
  }
  u.username = ""
  u.password = ""
  for (const name of [...u.searchParams.keys()]) {
    if (name.toLowerCase() === "auth_token") u.searchParams.delete(name)
  }
  const shown = u.toString()
  // `new URL` adds a slash to a bare origin; keep the URL as the user wrote it.
  return u.pathname === "/" && u.search === "" && u.hash === "" && !/\/$/.test(url.split(/[?#]/)[0]!)
    ? shown.replace(/\/$/, "")
    : shown
}

declare const shownBrand: unique symbol

/**
 * A URL that went through {@link sanitizeUrl}: the only kind of URL the CLI's messages, banners
 * and error lines accept, so a new place that shows a server URL cannot forget to sanitise it
 * (a plain `string` does not type-check there).
 *
 * @since 0.1.0
 * @internal
 */
export type ShownUrl = string & { readonly [shownBrand]: true }

/**
 * {@link sanitizeUrl} as a {@link ShownUrl}: use it wherever a URL is kept for showing.
 *
 * @example
 * ```ts
 * import { shownUrl } from "./url.ts"
 *
 * const where = { url: shownUrl("http://opencode:pw@127.0.0.1:4096") } // "http://127.0.0.1:4096"
 * ```
 *
 * @since 0.1.0
 * @internal
 */
export const shownUrl = (url: string): ShownUrl => sanitizeUrl(url) as ShownUrl

/**
 * Whether a base URL names this machine (`localhost`, `127.0.0.0/8`, `::1`). Use it for choices
 * that only pay off across a network; an unparsable URL is not loopback.
 *
 * @example
 * ```ts
 * isLoopback("http://127.0.0.1:4096") // true
 * isLoopback("https://opencode.example.com") // false
 * ```
 *
 * @since 0.1.0
 * @internal
 */
export const isLoopback = (url: string): boolean => {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return false
  }
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
