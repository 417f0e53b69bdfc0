/**
 * Schema building blocks for answers that a newer server may extend: enumerations that accept
 * values this version does not know, and open records.
 *
 * @since 0.1.0
 * @internal
 */
import { Option, Schema, SchemaTransformation } from "effect"

/**
 * A string enumeration that also accepts any other string, so a value added by a newer server
 * decodes instead of failing the whole answer. The type keeps the known values for completion.
 *
 * @since 0.1.0
 * @internal
 */
export const openLiterals = <const L extends ReadonlyArray<string>>(literals: L) =>
  Schema.Union([Schema.Literals(literals), Schema.String]) as unknown as Schema.Codec<
    L[number] | (string & {}),
    string
  >

/**
 * A JSON object with any keys and values, kept as it is.
 *
 * @since 0.1.0
 * @internal
 */
export const OpenRecord = Schema.Record(Schema.String, Schema.Unknown)

/**
 * `Record<string, string>`.
 *
 * @since 0.1.0
 * @internal
 */
export const StringRecord = Schema.Record(Schema.String, Schema.String)

/**
 * An optional field that the server may also send as `null` (it writes `null` for unset fields
 * of configured agents and commands): absent, `undefined` and `null` all decode to `undefined`.
 *
 * @since 0.1.0
 * @internal
 */
export const opt = <S extends Schema.Top>(schema: S) =>
  Schema.optionalKey(Schema.NullOr(schema)).pipe(
    Schema.decodeTo(
      Schema.optional(Schema.toType(schema)),
      SchemaTransformation.transformOptional<S["Type"] | undefined, S["Type"] | null>({
        decode: (o) => Option.filter(o, (v) => v !== null) as Option.Option<S["Type"] | undefined>,
        encode: (o) => Option.filter(o, (v) => v !== undefined) as Option.Option<S["Type"] | null>
      })
    )
  )
