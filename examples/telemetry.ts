/**
 * Telemetry: trace a run and a small batch with OpenTelemetry and read the library's metrics.
 * Starts an embedded `opencode serve` with the bundled scripted local model (offline, no API key).
 *
 * The spans go through `@effect/opentelemetry` to an OpenTelemetry span processor; here an
 * in-memory exporter, printed as a tree at the end. With `OTEL_EXPORTER_OTLP_ENDPOINT` set they
 * are also sent there over OTLP/HTTP (e.g. a local Jaeger or OpenTelemetry Collector on :4318).
 *
 *   npx node examples/telemetry.ts
 *   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 npx node examples/telemetry.ts
 */
import * as OtelResource from "@effect/opentelemetry/Resource"
import * as OtelTracer from "@effect/opentelemetry/OtelTracer"
import { NodeRuntime } from "@effect/platform-node"
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Console, Effect, Layer, Metric } from "effect"
import { Batch, Run, Telemetry } from "../src/index.ts"
import { OpencodeNode, OpencodeServer } from "../src/server.ts"
import { TestServer } from "../src/testing/index.ts"

/** Where this example's spans are collected (any OpenTelemetry `SpanExporter` would do). */
export const exporter = new InMemorySpanExporter()

/** Effect's tracer backed by an OpenTelemetry tracer provider. */
export const Tracing = OtelTracer.layer.pipe(
  Layer.provide(
    Layer.succeed(OtelTracer.OtelTracerProvider, new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }))
  ),
  Layer.provide(OtelResource.layer({ serviceName: "effect-opencode-example" }))
)

/** The spans collected so far, as an indented tree of names with their main attributes. */
export const tree = (spans: ReadonlyArray<ReadableSpan>): ReadonlyArray<string> => {
  const ids = new Set(spans.map((s) => s.spanContext().spanId))
  const children = (parent: string | undefined) =>
    spans.filter((s) => {
      const p = s.parentSpanContext?.spanId
      return parent === undefined ? p === undefined || !ids.has(p) : p === parent
    })
  const keys = [Telemetry.Attributes.outcome, Telemetry.Attributes.status, Telemetry.Attributes.outputTokens, Telemetry.Attributes.cost]
  const lines: Array<string> = []
  const walk = (span: ReadableSpan, depth: number): void => {
    const attrs = keys.filter((k) => span.attributes[k] !== undefined).map((k) => `${k}=${String(span.attributes[k])}`)
    lines.push(`${"  ".repeat(depth)}${span.name}${attrs.length > 0 ? `  (${attrs.join(", ")})` : ""}`)
    for (const child of children(span.spanContext().spanId)) walk(child, depth + 1)
  }
  for (const root of children(undefined)) walk(root, 0)
  return lines
}

export const program = Effect.gen(function*() {
  const run = yield* Run.run("Explain Effect in one sentence", { ephemeral: true })
  const batch = yield* Batch.run(["Review README.md", "List the risks of the plan"], { concurrency: 2 })
  const lines = tree(exporter.getFinishedSpans())
  yield* Console.log(lines.join("\n"))
  const metrics = (yield* Metric.snapshot).filter((m) => m.id.startsWith("opencode."))
  for (const m of metrics) yield* Console.log(`${m.id} ${JSON.stringify(m.attributes ?? {})}: ${JSON.stringify(m.state)}`)
  return { run, batch, lines, metrics: metrics.map((m) => m.id) }
})

export const Embedded = Run.layerFromClient.pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer()),
  Layer.provide(OpencodeNode.layerHttpClient)
)

/**
 * With `OTEL_EXPORTER_OTLP_ENDPOINT` set, spans and metrics go there over OTLP/HTTP instead
 * (effect's own exporter, flushed on exit); the printed tree is then empty.
 */
const Otlp = Telemetry.layerOtlpFromEnv.pipe(Layer.provide(OpencodeNode.layerHttpClient))

if (import.meta.main) {
  const observed = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? Effect.provide(program, Otlp) : Effect.provide(program, Tracing)
  observed.pipe(Effect.provide(Embedded), NodeRuntime.runMain)
}
