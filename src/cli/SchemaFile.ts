/** The CLI's `--schema file.json` reader (Node's file system: it lives with the CLI, not in the client entry). */
import * as Effect from "effect/Effect"
import * as NodeFs from "node:fs"
import { ValidationError } from "../Errors.ts"

/** The JSON object of a JSON Schema file; a file unreadable, not JSON or not an object is a `ValidationError` (field `schema`). */
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
