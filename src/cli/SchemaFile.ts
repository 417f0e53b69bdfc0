/**
 * The CLI's `--schema file.json`: reading the JSON Schema file (Node's file system, so it lives
 * with the CLI, not in the client entry).
 */
import * as Effect from "effect/Effect"
import * as NodeFs from "node:fs"
import { ValidationError } from "../Errors.ts"

/**
 * A JSON Schema read from a file (the CLI's `--schema file.json`): the file's JSON object. A file
 * that cannot be read, is not JSON or is not an object is a `ValidationError` (field `schema`).
 *
 * @example
 * ```ts
 * const schema = readJsonSchemaFile("review.schema.json")
 * ```
 */
export const readJsonSchemaFile = (path: string): Effect.Effect<Record<string, unknown>, ValidationError> =>
  Effect.try({
    try: () => NodeFs.readFileSync(path, "utf8"),
    catch: (e) => new ValidationError({ field: "schema", message: `cannot read the JSON Schema file ${path}: ${(e as Error).message}` })
  }).pipe(
    Effect.flatMap((text) =>
      Effect.try({
        try: () => JSON.parse(text) as unknown,
        catch: () => new ValidationError({ field: "schema", message: `the JSON Schema file ${path} is not JSON` })
      })
    ),
    Effect.flatMap((value) =>
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? Effect.succeed(value as Record<string, unknown>)
        : Effect.fail(new ValidationError({ field: "schema", message: `the JSON Schema file ${path} does not hold a JSON object` }))
    )
  )
