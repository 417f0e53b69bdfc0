/** Schema building blocks for answers a newer server may extend: open enumerations and open unions. */
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

/** A string enumeration that accepts any other string too (a newer server's value); the type keeps the known ones for completion. */
export const openLiterals = <const L extends ReadonlyArray<string>>(literals: L) =>
  Schema.Union([Schema.Literals(literals), Schema.String]) as unknown as Schema.Codec<
    L[number] | (string & {}),
    string
  >


/** An object whose `key` is a string outside `known` (its other members are anything). */
const unrecognisedBy = <const K extends string>(key: K, known: ReadonlySet<string>, expected: string) =>
  Schema.declare(
    (u: unknown): u is { readonly [P in K]: string } & { readonly [key: string]: unknown } => {
      if (typeof u !== "object" || u === null || Array.isArray(u)) return false
      const value = (u as Record<string, unknown>)[key]
      return typeof value === "string" && !known.has(value)
    },
    { expected }
  )

/**
 * An object whose discriminator `key` names a kind this version does not know, decoded:
 * `{ [key]: "unknown", original<Key>, raw }`, `raw` as received.
 */
export type UnknownMember<K extends string> =
  & { readonly [P in K]: "unknown" }
  & { readonly [P in `original${Capitalize<K>}`]: string }
  & { readonly raw: unknown }

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The last member of an open union (where the patch file says `x-effect-opencode-open-union`):
 * decodes an object of an unknown `key` to {@link UnknownMember}, encodes it back to `raw`. A known
 * `key` with a wrong shape still fails.
 */
export const unknownMember = <const K extends string>(key: K, known: ReadonlyArray<string>): Schema.Codec<UnknownMember<K>, { readonly [P in K]: string }> => {
  const original = `original${capitalize(key)}`
  return unrecognisedBy(key, new Set(known), `an object with a string "${key}"`).pipe(
    Schema.decodeTo(
      Schema.Struct({ [key]: Schema.Literal("unknown"), [original]: Schema.String, raw: Schema.Unknown }),
      SchemaTransformation.transform<{ readonly [x: string]: unknown; readonly raw: unknown }, { readonly [P in K]: string } & { readonly [key: string]: unknown }>({
        decode: (raw) => ({ [key]: "unknown", [original]: raw[key], raw }),
        encode: (value) => value.raw as { readonly [P in K]: string } & { readonly [key: string]: unknown }
      })
    )
  ) as unknown as Schema.Codec<UnknownMember<K>, { readonly [P in K]: string }>
}

/** An event of a `type` this library does not know: `{ type: "unknown", originalType, id?, properties?, raw }`. */
export interface UnknownEvent {
  readonly type: "unknown"
  readonly originalType: string
  readonly id?: string | undefined
  readonly properties?: unknown
  readonly raw: unknown
}

/** The event union's last member: {@link unknownMember} keeping `id` and `properties` (to order, dedupe, inspect). */
export const unknownEvent = (known: ReadonlyArray<string>): Schema.Codec<UnknownEvent, { readonly type: string }> =>
  unrecognisedBy("type", new Set(known), "an event (an object with a string \"type\")").pipe(
    Schema.decodeTo(
      Schema.Struct({
        type: Schema.Literal("unknown"),
        originalType: Schema.String,
        id: Schema.optional(Schema.String),
        properties: Schema.optional(Schema.Unknown),
        raw: Schema.Unknown
      }),
      SchemaTransformation.transform({
        decode: (raw) => ({
          type: "unknown" as const,
          originalType: raw.type,
          ...(typeof raw.id === "string" ? { id: raw.id } : {}),
          ...(raw.properties !== undefined ? { properties: raw.properties } : {}),
          raw: raw as unknown
        }),
        encode: (value) => value.raw as { readonly type: string }
      })
    )
  )
