/**
 * Building blocks shared by the schema modules (not exported from the package).
 *
 * @since 0.1.0
 * @internal
 */
import { Schema, SchemaTransformation } from "effect"

/**
 * A JSON object kept as it is (same reference, not copied key by key): for free-form fields such
 * as `metadata` or a tool's `input`.
 *
 * @since 0.1.0
 * @internal
 */
export const JsonObject = Schema.declare(
  (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u),
  { expected: "a JSON object" }
)

/**
 * An object whose discriminator (`type`, `role`, `status`) is a string outside a known set.
 *
 * @since 0.1.0
 * @internal
 */
export const unrecognised = <const K extends string>(key: K, known: ReadonlySet<string>, expected: string) =>
  Schema.declare(
    (u: unknown): u is { readonly [P in K]: string } & { readonly [key: string]: unknown } => {
      if (typeof u !== "object" || u === null || Array.isArray(u)) return false
      const value = (u as Record<string, unknown>)[key]
      return typeof value === "string" && !known.has(value)
    },
    { expected }
  )

/**
 * The decoded form of an object with an unknown `type`: `{ type: "unknown", originalType, raw }`.
 *
 * @since 0.1.0
 * @internal
 */
export const unknownByType = (known: ReadonlySet<string>, what: string) =>
  unrecognised("type", known, `${what} (an object with a string "type")`).pipe(
    Schema.decodeTo(
      Schema.Struct({
        type: Schema.Literal("unknown"),
        originalType: Schema.String,
        raw: Schema.Unknown
      }),
      SchemaTransformation.transform({
        decode: (raw) => ({ type: "unknown" as const, originalType: raw.type, raw: raw as unknown }),
        encode: (value) => value.raw as { readonly type: string }
      })
    )
  )

/**
 * The keys of a set of `Schema.Struct`s that share a literal discriminator.
 *
 * @since 0.1.0
 * @internal
 */
export const literalsOf = <K extends string>(
  key: K,
  members: ReadonlyArray<{ readonly fields: { readonly [P in K]: { readonly literal: string } } }>
): ReadonlySet<string> => new Set(members.map((member) => member.fields[key].literal))

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
