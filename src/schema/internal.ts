/**
 * Building blocks shared by the schema modules (not exported from the package).
 *
 * @internal
 */
import * as Schema from "effect/Schema"

/**
 * A JSON object kept as it is (same reference, not copied key by key): for free-form fields such
 * as `metadata` or a tool's `input`.
 *
 * @internal
 */
export const JsonObject = Schema.declare(
  (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u),
  { expected: "a JSON object" }
)

/**
 * The last member of a union's tuple (an open union's fallback member), with its own type.
 */
export const lastOf = <const T extends ReadonlyArray<unknown>>(members: T) =>
  members[members.length - 1] as T extends readonly [...Array<unknown>, infer L] ? L : never

/**
 * The values of `key` that the members of a generated open union declare (its fallback member,
 * which has no literal there, is skipped): the tags this version knows.
 */
export const knownTags = (members: ReadonlyArray<unknown>, key: string): ReadonlySet<string> => {
  const tags = new Set<string>()
  for (const member of members) {
    const field = (member as { readonly fields?: Readonly<Record<string, { readonly literal?: unknown }>> }).fields?.[key]
    if (typeof field?.literal === "string") tags.add(field.literal)
  }
  return tags
}
