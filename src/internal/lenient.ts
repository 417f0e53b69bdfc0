/**
 * A schema building block for answers that a newer server may extend: enumerations that accept
 * values this version does not know (the generated schemas use it).
 *
 * @since 0.1.0
 * @internal
 */
import { Schema } from "effect"

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
