/**
 * `OpencodeConfig.layerConfig` reads the environment through Effect's `ConfigProvider` (here an
 * environment record, parsed as `ConfigProvider.fromEnv` parses `process.env`): defaults, every
 * variable, empty ones, bad ones and overrides.
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Duration, Effect, Exit, Redacted } from "effect"
import * as OpencodeConfig from "../../src/layers/OpencodeConfig.ts"

const read = (env: Record<string, string>, overrides: Partial<OpencodeConfig.Options> = {}) =>
  OpencodeConfig.OpencodeConfig.use(Effect.succeed).pipe(
    Effect.provide(OpencodeConfig.layerConfig(overrides)),
    Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))
  )

describe("OpencodeConfig.layerConfig", () => {
  it.effect("without variables: the defaults", () =>
    Effect.gen(function*() {
      const config = yield* read({})
      expect(config.baseUrl).toBe("http://127.0.0.1:4096")
      expect(config.directory).toBeUndefined()
      expect(config.username).toBe("opencode")
      expect(config.password).toBeUndefined()
      expect(Duration.toMillis(config.requestTimeout)).toBe(30_000)
      expect(config.attemptTimeout).toBeUndefined()
      expect(Duration.toMillis(config.promptTimeout)).toBe(30 * 60_000)
      expect(config.maxRetries).toBe(3)
    }))

  it.effect("reads every variable, parsed as Config.Duration, Config.Int and Config.Redacted parse them", () =>
    Effect.gen(function*() {
      const config = yield* read({
        OPENCODE_BASE_URL: "http://host:5000/",
        OPENCODE_DIRECTORY: "/work/repo",
        OPENCODE_SERVER_USERNAME: "me",
        OPENCODE_SERVER_PASSWORD: "secret",
        OPENCODE_REQUEST_TIMEOUT: "5 seconds",
        OPENCODE_ATTEMPT_TIMEOUT: "1 second",
        OPENCODE_PROMPT_TIMEOUT: "2 minutes",
        OPENCODE_MAX_RETRIES: "0"
      })
      expect(config.baseUrl).toBe("http://host:5000")
      expect(config.directory).toBe("/work/repo")
      expect(config.username).toBe("me")
      expect(config.password !== undefined && Redacted.value(config.password)).toBe("secret")
      expect(String(config.password)).not.toContain("secret")
      expect(Duration.toMillis(config.requestTimeout)).toBe(5_000)
      expect(config.attemptTimeout && Duration.toMillis(config.attemptTimeout)).toBe(1_000)
      expect(Duration.toMillis(config.promptTimeout)).toBe(120_000)
      expect(config.maxRetries).toBe(0)
    }))

  it.effect("an empty variable counts as unset", () =>
    Effect.gen(function*() {
      const config = yield* read({ OPENCODE_BASE_URL: "", OPENCODE_MAX_RETRIES: "" })
      expect(config.baseUrl).toBe("http://127.0.0.1:4096")
      expect(config.maxRetries).toBe(3)
    }))

  it.effect("a bad value fails with a ConfigError naming the variable", () =>
    Effect.gen(function*() {
      for (const [name, value] of [["OPENCODE_MAX_RETRIES", "2.5"], ["OPENCODE_REQUEST_TIMEOUT", "soon"]] as const) {
        const exit = yield* Effect.exit(read({ [name]: value }))
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit)) {
          const error = exit.cause.reasons.find((r) => r._tag === "Fail")?.error
          expect(error?._tag).toBe("ConfigError")
          expect(error?.message).toContain(name)
        }
      }
    }))

  it.effect("overrides win over the environment", () =>
    Effect.gen(function*() {
      const config = yield* read(
        { OPENCODE_BASE_URL: "http://env:1", OPENCODE_MAX_RETRIES: "5" },
        { baseUrl: "http://override:2", maxRetries: undefined }
      )
      expect(config.baseUrl).toBe("http://override:2")
      expect(config.maxRetries).toBe(5)
    }))
})
