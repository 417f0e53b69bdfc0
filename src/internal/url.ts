/**
 * The one sanitiser of server URLs, for the transport's errors and every URL the CLI prints: a
 * base URL may carry credentials (`user:password@`, `?auth_token=`: opencode's Basic credentials
 * in Base64) that must never be shown.
 */

/**
 * `url` without its userinfo and `auth_token` parameters, otherwise as given (a bare origin gets
 * no trailing slash). A string that does not parse (a bad port) is cleaned by pattern, so no
 * password shows either: `"http://u:pw@host:notaport"` → `"http://host:notaport"`. Gotcha: only
 * credentials are removed, not other secrets a server may put in a path.
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
 * A URL that went through {@link sanitizeUrl}: the only kind the CLI's messages accept, so a new
 * place showing a server URL cannot forget to sanitise it (a plain `string` does not type-check).
 */
export type ShownUrl = string & { readonly [shownBrand]: true }

/** {@link sanitizeUrl} as a {@link ShownUrl}, wherever a URL is kept for showing. */
export const shownUrl = (url: string): ShownUrl => sanitizeUrl(url) as ShownUrl

/**
 * Whether a base URL names this machine (`localhost`, `127.0.0.0/8`, `::1`). Use it for choices
 * that only pay off across a network; an unparsable URL is not loopback.
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
