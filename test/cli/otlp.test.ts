/**
 * The CLI exports its spans and metrics over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set:
 * a tiny local HTTP server receives them while the CLI runs a prompt against a real
 * `opencode serve` (the scripted model).
 */
import { afterEach, expect, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { OpencodeServer } from "../../src/server.ts"
import { ScriptedModel } from "../../src/testing/index.ts"
import { collector, metricNames, spanNames } from "./collector.ts"
import { Live } from "./live.ts"
import { runCli, stopAll } from "./spawn.ts"


afterEach(stopAll)

layer(Live, { excludeTestServices: true, timeout: "120 seconds" })("CLI telemetry (OTEL_EXPORTER_OTLP_ENDPOINT)", (it) => {
  it.effect("run exports its spans and metrics to the endpoint, with its headers, without the password or the prompt", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      yield* model.script(ScriptedModel.text("exported"))
      const server = yield* OpencodeServer.OpencodeServer
      const password = Redacted.value(server.password!)
      const otlp = yield* collector
      const { code, stderr } = yield* Effect.promise(() =>
        runCli(["run", "Tell me about GUAVA-5531", "--url", server.url], {
          env: {
            OPENCODE_SERVER_PASSWORD: password,
            OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
            OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=k-123",
            OTEL_SERVICE_NAME: "cli-under-test"
          }
        })
      )
      expect(stderr).not.toMatch(/warning|error/)
      expect(code).toBe(0)
      const traces = otlp.received.filter((r) => r.path === "/v1/traces")
      const metrics = otlp.received.filter((r) => r.path === "/v1/metrics")
      expect(traces.length).toBeGreaterThan(0)
      expect(metrics.length).toBeGreaterThan(0)
      expect(traces[0]!.headers["x-api-key"]).toBe("k-123")
      const names = spanNames(traces.map((t) => t.body))
      expect(names).toContain("opencode.run")
      expect(names).toContain("POST /session/{sessionID}/prompt_async")
      expect(metricNames(metrics.map((m) => m.body))).toContain("opencode.tokens")
      const everything = otlp.received.map((r) => r.body).join("\n")
      expect(everything).toContain("cli-under-test")
      expect(everything).not.toContain(password)
      expect(everything).not.toContain(Buffer.from(`opencode:${password}`).toString("base64"))
      expect(everything).not.toContain("GUAVA-5531")
    }))

  it.effect("without the endpoint nothing is exported, and a malformed setting does not fail the command", () =>
    Effect.gen(function*() {
      const model = yield* ScriptedModel.ScriptedModel
      yield* model.reset
      const server = yield* OpencodeServer.OpencodeServer
      const { code, stderr } = yield* Effect.promise(() =>
        runCli(["run", "hello", "--url", server.url], {
          env: { OPENCODE_SERVER_PASSWORD: Redacted.value(server.password!), OTEL_SDK_DISABLED: "maybe" }
        })
      )
      expect(code).toBe(0)
      expect(stderr).toMatch(/^warning: telemetry is off: /)
    }))
})
