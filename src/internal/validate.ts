import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { ValidationError } from "../Errors.ts"
import { type IdKind, type IdTypes, validateId } from "../schema/Ids.ts"

/** Checks an id before it goes into a URL; a bad one fails with `ValidationError`, nothing is sent. */
export const requireId = <K extends IdKind>(kind: K, value: unknown, field: string = `${kind}ID`): Effect.Effect<IdTypes[K], ValidationError> => {
  const result = validateId(kind, value)
  return Result.isSuccess(result)
    ? Effect.succeed(result.success)
    : Effect.fail(new ValidationError({ field, message: result.failure }))
}
