/** Building blocks shared by the schema modules (not exported from the package). */
import * as Schema from "effect/Schema"

/** Whether a value is a plain JSON-like object (not an array, not null). */
export const isObject = (u: unknown): u is { readonly [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** A JSON object kept as it is (same reference, not copied): for free-form fields (`metadata`, a tool's `input`). */
export const JsonObject = Schema.declare(isObject, { expected: "a JSON object" })

/** The last member of a union's tuple (an open union's fallback), with its own type. */
export const lastOf = <const T extends ReadonlyArray<unknown>>(members: T) =>
  members[members.length - 1] as T extends readonly [...Array<unknown>, infer L] ? L : never

/** The literal values of `key` the members of a generated open union declare: the tags this version knows. */
export const knownTags = (members: ReadonlyArray<unknown>, key: string): ReadonlySet<string> => {
  const tags = new Set<string>()
  for (const member of members) {
    const field = (member as { readonly fields?: Readonly<Record<string, { readonly literal?: unknown }>> }).fields?.[key]
    if (typeof field?.literal === "string") tags.add(field.literal)
  }
  return tags
}
