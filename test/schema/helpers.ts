import { expect } from "@effect/vitest"
import { Exit, Option, Schema } from "effect"
import { readFileSync } from "node:fs"

/** Decodes and expects success; returns the value. */
export const decodeOk = <S extends Schema.ConstraintDecoder<unknown>>(schema: S, input: unknown): S["Type"] => {
  const exit = Schema.decodeUnknownExit(schema)(input)
  if (Exit.isFailure(exit)) throw new Error(`expected success, got ${String(exit.cause)}`)
  return exit.value
}

/** Decodes and expects a failure carrying a SchemaError (not a throw, not a defect). */
export const decodeFails = (schema: Schema.ConstraintDecoder<unknown>, input: unknown): Schema.SchemaError => {
  const exit = Schema.decodeUnknownExit(schema)(input)
  expect(Exit.isFailure(exit)).toBe(true)
  const error = Exit.findErrorOption(exit)
  expect(Option.isSome(error)).toBe(true)
  const value = Option.getOrThrow(error)
  expect(Schema.isSchemaError(value)).toBe(true)
  return value as Schema.SchemaError
}

/** What the real server (opencode-ai 1.18.33) sent, captured with a scripted model. */
export interface Capture {
  readonly events: ReadonlyArray<{ readonly type: string; readonly [key: string]: unknown }>
  readonly globalEvents: ReadonlyArray<{ readonly payload: { readonly type: string }; readonly [key: string]: unknown }>
  readonly responses: { readonly [name: string]: { readonly status: number; readonly body: any } }
}

export const capture: Capture = JSON.parse(
  readFileSync(new URL("./fixtures/opencode-1.18.33.json", import.meta.url), "utf8")
)

export const SES = "ses_dede01aa8ffeAx2PhV8t3om4A1"
export const MSG = "msg_2121fe5930012yWuYxcUlWm0wi"
export const MSG2 = "msg_2121fe5930023yWuYxcUlWm0wj"
export const PRT = "prt_2121fe5930014yWuYxcUlWm0wk"

export const base = { id: PRT, sessionID: SES, messageID: MSG }
