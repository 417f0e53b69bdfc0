/** Base64 of UTF-8 text with the web platform's `btoa`/`atob`: the client entry must run without `Buffer`. */

/** The standard Base64 of the UTF-8 bytes of `text`. */
export const encode = (text: string): string => {
  let binary = ""
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The URL-safe Base64 (RFC 4648 §5) of the UTF-8 bytes of `text`, without padding. */
export const encodeUrl = (text: string): string =>
  encode(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")

/** The UTF-8 text of standard or URL-safe Base64 (padding optional), `undefined` if not Base64; bad UTF-8 becomes U+FFFD. */
export const decode = (token: string): string | undefined => {
  let b64 = token.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "")
  if (b64.length % 4 === 1) return undefined
  b64 += "=".repeat((4 - (b64.length % 4)) % 4)
  let binary: string
  try {
    binary = atob(b64)
  } catch {
    return undefined
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new TextDecoder().decode(bytes)
}
