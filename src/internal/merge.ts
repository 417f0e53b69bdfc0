/**
 * Deep merge of JSON-like configuration objects (an opencode config over another).
 *
 * @internal
 */

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  u !== null && typeof u === "object" && !Array.isArray(u)

/**
 * Merges `override` into `base`: nested plain objects are merged key by key, anything else
 * (arrays, strings, `null`) in `override` replaces what `base` holds. Neither input is changed.
 *
 * Use it to lay a partial opencode config over a full one. Gotcha: arrays are replaced, not
 * concatenated, and an `undefined` value in `override` replaces the base value with `undefined`.
 *
 * @example
 * ```ts
 * import { deepMerge } from "./merge.ts"
 *
 * deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 } }) // { a: { b: 1, c: 3 } }
 * ```
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
