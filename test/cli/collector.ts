/**
 * A local OTLP/HTTP receiver for the CLI's telemetry tests: records every request and answers
 * 200 `{}`; closed with its scope. With readers of the OTLP/JSON bodies it receives.
 */
import { Effect } from "effect"
import * as NodeHttp from "node:http"
import type { AddressInfo } from "node:net"

export interface Received {
  readonly path: string
  readonly headers: NodeHttp.IncomingHttpHeaders
  readonly body: string
}

export const collector = Effect.acquireRelease(
  Effect.callback<{ readonly url: string; readonly received: Array<Received>; readonly server: NodeHttp.Server }>(
    (resume) => {
      const received: Array<Received> = []
      const server = NodeHttp.createServer((req, res) => {
        let body = ""
        req.setEncoding("utf8").on("data", (d: string) => (body += d)).on("end", () => {
          received.push({ path: req.url ?? "", headers: req.headers, body })
          res.writeHead(200, { "content-type": "application/json" }).end("{}")
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, received, server }))
      })
    }
  ),
  ({ server }) => Effect.callback<void>((resume) => void server.close(() => resume(Effect.void)))
)

/** A span of an OTLP/JSON trace export: its name, ids and attributes (values as sent, unwrapped). */
export interface ExportedSpan {
  readonly name: string
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string | undefined
  readonly attributes: Readonly<Record<string, unknown>>
}

const valueOf = (v: any): unknown =>
  v === undefined || v === null
    ? undefined
    : "stringValue" in v
    ? v.stringValue
    : "intValue" in v
    ? Number(v.intValue)
    : "doubleValue" in v
    ? v.doubleValue
    : "boolValue" in v
    ? v.boolValue
    : v

/** The spans in OTLP/JSON trace exports. */
export const spansOf = (bodies: ReadonlyArray<string>): ReadonlyArray<ExportedSpan> =>
  bodies.flatMap((b) =>
    (JSON.parse(b).resourceSpans ?? []).flatMap((r: any) =>
      (r.scopeSpans ?? []).flatMap((s: any) =>
        (s.spans ?? []).map((span: any): ExportedSpan => ({
          name: String(span.name),
          traceId: String(span.traceId),
          spanId: String(span.spanId),
          parentSpanId: span.parentSpanId === undefined || span.parentSpanId === "" ? undefined : String(span.parentSpanId),
          attributes: Object.fromEntries((span.attributes ?? []).map((a: any) => [a.key, valueOf(a.value)]))
        }))
      )
    )
  )

/** The names of the spans in OTLP/JSON trace exports. */
export const spanNames = (bodies: ReadonlyArray<string>): ReadonlyArray<string> => spansOf(bodies).map((s) => s.name)

/** The names of the metrics in OTLP/JSON metric exports. */
export const metricNames = (bodies: ReadonlyArray<string>): ReadonlyArray<string> =>
  bodies.flatMap((b) =>
    (JSON.parse(b).resourceMetrics ?? []).flatMap((r: any) =>
      (r.scopeMetrics ?? []).flatMap((s: any) => (s.metrics ?? []).map((m: any) => String(m.name)))
    )
  )
