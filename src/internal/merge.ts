/** Deep merge of JSON-like configuration objects (an opencode config over another). */

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  u !== null && typeof u === "object" && !Array.isArray(u)

/**
 * Merges `override` into `base` without changing either: plain objects key by key, anything else
 * (arrays, strings, `null`, `undefined`) in `override` replaces the base value.
 */
export const deepMerge = (
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>
): Record<string, unknown> => {
  const result: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) {
    const current = result[key]
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value
  }
  return result
}
