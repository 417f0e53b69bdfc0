/** Checks of names that go into a URL path without an id prefix: provider ids, MCP server names, project and PTY ids. */
import * as Effect from "effect/Effect"
import { ValidationError } from "../Errors.ts"

// Printable, no slash or backslash, no control characters; 1 to 200 characters.
const namePattern = /^[^\s/\\\u0000-\u001f\u007f]{1,200}$/

/** Whether a value is 1 to 200 printable characters without whitespace or slashes, not `.` or `..`: safe as one path segment once encoded. */
export const isSafeName = (value: unknown): value is string =>
  typeof value === "string" && namePattern.test(value) && value !== "." && value !== ".."

/** Fails with a `ValidationError` (nothing is sent) unless `value` {@link isSafeName} and starts with `prefix` (if given, e.g. `pty`). */
export const requireName = (
  field: string,
  value: unknown,
  prefix?: string
): Effect.Effect<string, ValidationError> => {
  if (!isSafeName(value)) {
    const shown = typeof value === "string"
      ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
      : typeof value
    return Effect.fail(
      new ValidationError({
        field,
        message: `${field} must be 1 to 200 printable characters without spaces or slashes, got ${shown}`
      })
    )
  }
  if (prefix !== undefined && !value.startsWith(prefix)) {
    return Effect.fail(new ValidationError({ field, message: `${field} must start with "${prefix}", got ${JSON.stringify(value.slice(0, 40))}` }))
  }
  return Effect.succeed(value)
}

/** Fails with a `ValidationError` when a required text option is empty (or holds NUL). */
export const requireText = (field: string, value: unknown): Effect.Effect<string, ValidationError> =>
  typeof value === "string" && value.length > 0 && !value.includes("\u0000")
    ? Effect.succeed(value)
    : Effect.fail(new ValidationError({ field, message: `${field} must be a non-empty string without NUL characters` }))
