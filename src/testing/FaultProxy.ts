/**
 * A fault-injecting HTTP proxy on loopback for reliability tests: between a client and a real
 * (or fake) server it forwards, refuses, resets, stalls, rewrites the status, truncates, answers
 * HTML or a huge body, or cuts a stream after N bytes, request by request. It records every
 * request (and whether it reached the upstream) and counts connections, so a test can assert what
 * was resent and that nothing stays open. Bounded: `maxRequests` (later ones reset), `stallLimit`
 * per stall, shut down after `lifetime`; listens and forwards on loopback only.
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type * as Net from "node:net"
import * as OpencodeServer from "../layers/OpencodeServer.ts"

/** What the proxy does with one request: {@link pass}, {@link reset}, {@link status}, {@link stall}, …. */
export type Fault =
  | { readonly _tag: "Pass" }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "ResetAfterForward" }
  | { readonly _tag: "ResetAfterBytes"; readonly bytes: number }
  | { readonly _tag: "Stall" }
  | {
    readonly _tag: "Status"
    readonly status: number
    readonly body: string
    readonly contentType: string | undefined
    readonly retryAfter: string | undefined
  }
  | { readonly _tag: "Truncate"; readonly keep: number }
  | { readonly _tag: "Html" }
  | { readonly _tag: "Huge"; readonly bytes: number; readonly contentLength: boolean }
  | { readonly _tag: "Delay"; readonly millis: number; readonly then: Fault }

/** Forwards the request and its answer unchanged (the default). */
export const pass: Fault = { _tag: "Pass" }

/** Resets the connection (TCP RST) as soon as the request has arrived; the upstream never sees it. */
export const reset: Fault = { _tag: "Reset" }

/**
 * Forwards the request, waits for the upstream's complete answer, then resets the connection
 * instead of replying: the server did the work, the client cannot know it.
 */
export const resetAfterForward: Fault = { _tag: "ResetAfterForward" }

/** Relays the answer but resets the connection after `bytes` bytes of body (a stream cut mid-way). */
export const resetAfterBytes = (bytes: number): Fault => ({ _tag: "ResetAfterBytes", bytes: Math.max(0, bytes) })

/**
 * Accepts the request and never answers, until the client gives up, the proxy closes or its
 * `stallLimit` passes. The upstream never sees it.
 */
export const stall: Fault = { _tag: "Stall" }

/**
 * Answers `status` itself (the upstream never sees the request): a JSON error body unless `body`
 * is given (empty for 401/403), and a `Retry-After` header when `retryAfter` is set.
 */
export const status = (
  code: number,
  options: {
    readonly body?: string | undefined
    readonly contentType?: string | undefined
    readonly retryAfter?: string | undefined
  } = {}
): Fault => ({
  _tag: "Status",
  status: code,
  body: options.body ?? (code === 401 || code === 403 ? "" : JSON.stringify({
    name: "ProxyError",
    data: { message: `injected ${code}` }
  })),
  contentType: options.contentType ?? (options.body === undefined && code !== 401 && code !== 403 ? "application/json" : undefined),
  retryAfter: options.retryAfter
})

/** Replies with the first `keep` bytes of the upstream's body and a matching `Content-Length` (truncated JSON). */
export const truncate = (keep: number): Fault => ({ _tag: "Truncate", keep: Math.max(0, keep) })

/** Answers `200 text/html` with a small web page instead of forwarding (what the real server does for an unknown route). */
export const html: Fault = { _tag: "Html" }

/**
 * Answers `200 application/json` with a `bytes`-byte body generated as the client reads it (never
 * held in memory); sent chunked unless `contentLength: true`.
 */
export const huge = (bytes: number, options: { readonly contentLength?: boolean | undefined } = {}): Fault => ({
  _tag: "Huge",
  bytes: Math.max(0, bytes),
  contentLength: options.contentLength ?? false
})

/** Waits `millis` before applying `then`. */
export const delay = (millis: number, then: Fault): Fault => ({ _tag: "Delay", millis: Math.max(0, millis), then })

/** Which requests a fault applies to (every field optional: any method, any path, unlimited times). */
export interface Match {
  readonly method?: string | undefined
  /** The path without the query: equal to a string, or matching a `RegExp`. */
  readonly path?: string | RegExp | undefined
  readonly times?: number | undefined
}

/** A request as the proxy saw it. */
export interface ProxiedRequest {
  /** 1, 2, … in arrival order. */
  readonly seq: number
  readonly method: string
  /** The path without the query string. */
  readonly path: string
  /** The raw request target as received (path and query, still percent-encoded). */
  readonly url: string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body: string
  /** The fault applied (`"Pass"` when none). */
  readonly fault: Fault["_tag"]
  /** Whether the request was sent on to the upstream. */
  readonly forwarded: boolean
  /** The connection it came on (1, 2, …). */
  readonly connection: number
  /** Response body bytes written for it so far (relayed or generated). */
  readonly responseBytes: number
}

/** Connection counters, from the proxy's side. */
export interface Connections {
  /** Connections accepted so far. */
  readonly opened: number
  /** Client connections open now. */
  readonly open: number
  /** Connections to the upstream open now. */
  readonly upstreamOpen: number
}

/** The running proxy. */
export interface FaultProxyShape {
  /** The proxy's base URL, `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  /** Adds a rule: requests matching `match` get `fault` (rules are tried in the order added). */
  readonly inject: (fault: Fault, match?: Match) => Effect.Effect<void>
  /** Removes every rule: all requests pass again. */
  readonly clear: Effect.Effect<void>
  /** Stops accepting connections (new ones are refused by the OS); open ones are reset when `resetOpen`. */
  readonly refuse: (options?: { readonly resetOpen?: boolean | undefined }) => Effect.Effect<void>
  /** Accepts connections again, on the same port. */
  readonly accept: Effect.Effect<void>
  /** Resets every open client connection now (e.g. to cut event streams). */
  readonly resetAll: Effect.Effect<number>
  /** Points the proxy at another upstream base URL. */
  readonly setUpstream: (url: string) => Effect.Effect<void>
  readonly requests: Effect.Effect<ReadonlyArray<ProxiedRequest>>
  readonly clearRequests: Effect.Effect<void>
  readonly connections: Effect.Effect<Connections>
}

/** Options of {@link make}. */
export interface Options {
  /** The upstream base URL (`http://127.0.0.1:<port>`); loopback only. */
  readonly upstream: string
  /** Requests accepted over the proxy's life; later ones are reset. Default 100,000. */
  readonly maxRequests?: number | undefined
  /** Longest stall. Default 60 seconds. */
  readonly stallLimit?: Duration.Input | undefined
  /** The proxy shuts itself down after this long. Default 15 minutes. */
  readonly lifetime?: Duration.Input | undefined
  /** Largest request body recorded and forwarded; larger requests are reset. Default 16 MiB. */
  readonly maxRequestBytes?: number | undefined
}

/** The proxy as a service ({@link layer}, {@link layerFromServer}). */
export class FaultProxy extends Context.Service<FaultProxy, FaultProxyShape>()("effect-opencode/testing/FaultProxy") {}

const isLoopback = (url: string): boolean => {
  try {
    const host = new URL(url).hostname
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1"
  } catch {
    return false
  }
}

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host"
])

/** A message's headers without the hop-by-hop ones, to pass on. */
const endToEnd = (message: Http.IncomingMessage): Record<string, string | Array<string>> => {
  const headers: Record<string, string | Array<string>> = {}
  for (const [key, value] of Object.entries(message.headers)) {
    if (value !== undefined && !hopByHop.has(key)) headers[key] = value
  }
  return headers
}

const htmlPage = "<!doctype html><html><head><title>OpenCode</title></head><body><div id=\"root\"></div></body></html>"

interface Rule {
  readonly fault: Fault
  readonly match: Match
  remaining: number
}

const matches = (match: Match, method: string, path: string): boolean =>
  (match.method === undefined || match.method.toUpperCase() === method) &&
  (match.path === undefined || (typeof match.path === "string" ? match.path === path : match.path.test(path)))

const start = (options: Options): Promise<FaultProxyShape & { readonly stop: () => Promise<void> }> => {
  if (!isLoopback(options.upstream)) {
    return Promise.reject(new Error(`FaultProxy only forwards to loopback, not ${options.upstream}`))
  }
  let upstream = new URL(options.upstream)
  const maxRequests = options.maxRequests ?? 100_000
  const stallLimit = Duration.toMillis(Duration.fromInputUnsafe(options.stallLimit ?? "60 seconds"))
  const lifetime = Duration.toMillis(Duration.fromInputUnsafe(options.lifetime ?? "15 minutes"))
  const maxRequestBytes = options.maxRequestBytes ?? 16 * 1024 * 1024
  const rules: Array<Rule> = []
  const recorded: Array<ProxiedRequest> = []
  const sockets = new Map<Net.Socket, number>()
  const upstreamSockets = new Set<Net.Socket>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const agent = new Http.Agent({ keepAlive: true, maxSockets: 256 })
  let opened = 0
  let seq = 0
  let stopped = false
  let port = 0

  const later = (millis: number, f: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      f()
    }, millis)
    timers.add(timer)
    return timer
  }

  const hardReset = (socket: Net.Socket) => {
    if (socket.destroyed) return
    try {
      socket.resetAndDestroy()
    } catch {
      socket.destroy()
    }
  }

  const choose = (method: string, path: string): Fault => {
    for (const rule of rules) {
      if (rule.remaining > 0 && matches(rule.match, method, path)) {
        rule.remaining--
        return rule.fault
      }
    }
    return pass
  }

  const forward = (
    req: Http.IncomingMessage,
    body: Buffer,
    onResponse: (response: Http.IncomingMessage, upstreamRequest: Http.ClientRequest) => void,
    onError: () => void
  ) => {
    const headers = endToEnd(req)
    headers.host = upstream.host
    if (body.length > 0 || req.headers["content-length"] !== undefined) headers["content-length"] = String(body.length)
    const upstreamRequest = Http.request({
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers
    })
    upstreamRequest.on("socket", (socket) => {
      if (!upstreamSockets.has(socket)) {
        upstreamSockets.add(socket)
        socket.once("close", () => upstreamSockets.delete(socket))
      }
    })
    upstreamRequest.on("response", (response) => onResponse(response, upstreamRequest))
    upstreamRequest.on("error", onError)
    upstreamRequest.end(body)
    return upstreamRequest
  }

  const apply = (
    fault: Fault,
    req: Http.IncomingMessage,
    res: Http.ServerResponse,
    body: Buffer,
    mark: () => void,
    count: (bytes: number) => void
  ) => {
    const socket = req.socket
    const gone = () => socket.destroyed || res.destroyed
    switch (fault._tag) {
      case "Delay": {
        later(fault.millis, () => {
          if (!gone()) apply(fault.then, req, res, body, mark, count)
        })
        return
      }
      case "Reset":
        hardReset(socket)
        return
      case "Stall": {
        const timer = later(stallLimit, () => hardReset(socket))
        socket.once("close", () => {
          clearTimeout(timer)
          timers.delete(timer)
        })
        return
      }
      case "Status": {
        const headers: Record<string, string> = {}
        if (fault.contentType !== undefined) headers["content-type"] = fault.contentType
        if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter
        if (fault.status === 401) headers["www-authenticate"] = "Basic realm=\"opencode\""
        headers["content-length"] = String(Buffer.byteLength(fault.body))
        res.writeHead(fault.status, headers)
        count(Buffer.byteLength(fault.body))
        res.end(fault.body)
        return
      }
      case "Html": {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(Buffer.byteLength(htmlPage)) })
        res.end(htmlPage)
        return
      }
      case "Huge": {
        const headers: Record<string, string> = { "content-type": "application/json" }
        if (fault.contentLength) headers["content-length"] = String(fault.bytes)
        res.writeHead(200, headers)
        const chunk = Buffer.alloc(64 * 1024, "x".charCodeAt(0))
        chunk.write("{\"data\":\"", 0)
        let sent = 0
        const pump = () => {
          while (sent < fault.bytes && !gone()) {
            const n = Math.min(chunk.length, fault.bytes - sent)
            const slice = sent === 0 ? chunk.subarray(0, n) : Buffer.alloc(n, "x".charCodeAt(0))
            sent += n
            count(n)
            if (!res.write(slice)) {
              res.once("drain", pump)
              return
            }
          }
          if (!gone()) res.end()
        }
        pump()
        return
      }
      case "Pass":
      case "ResetAfterForward":
      case "ResetAfterBytes":
      case "Truncate": {
        mark()
        const upstreamRequest = forward(req, body, (response, upstreamReq) => {
          if (gone()) {
            upstreamReq.destroy()
            response.destroy()
            return
          }
          if (fault._tag === "ResetAfterForward" || fault._tag === "Truncate") {
            const chunks: Array<Buffer> = []
            response.on("data", (c: Buffer) => chunks.push(c))
            response.on("end", () => {
              if (fault._tag === "ResetAfterForward") {
                hardReset(socket)
                return
              }
              const all = Buffer.concat(chunks)
              const cut = all.subarray(0, Math.min(fault.keep, all.length))
              const headers = endToEnd(response)
              headers["content-length"] = String(cut.length)
              res.writeHead(response.statusCode ?? 502, headers)
              count(cut.length)
              res.end(cut)
            })
            response.on("error", () => hardReset(socket))
            return
          }
          res.writeHead(response.statusCode ?? 502, endToEnd(response))
          res.flushHeaders()
          let relayed = 0
          const limit = fault._tag === "ResetAfterBytes" ? fault.bytes : Number.POSITIVE_INFINITY
          response.on("data", (c: Buffer) => {
            if (gone()) return
            if (relayed + c.length >= limit && fault._tag === "ResetAfterBytes") {
              const rest = c.subarray(0, Math.max(0, limit - relayed))
              relayed = limit
              count(rest.length)
              const cut = () => {
                upstreamReq.destroy()
                response.destroy()
                hardReset(socket)
              }
              if (rest.length > 0) res.write(rest, cut)
              else cut()
              return
            }
            relayed += c.length
            count(c.length)
            if (!res.write(c)) {
              response.pause()
              res.once("drain", () => response.resume())
            }
          })
          response.on("end", () => {
            if (!gone()) res.end()
          })
          response.on("error", () => hardReset(socket))
        }, () => {
          // The upstream is down or reset the connection: so does the proxy.
          hardReset(socket)
        })
        // The client went away: stop the upstream request too (event streams, long polls).
        res.on("close", () => {
          if (!res.writableFinished) upstreamRequest.destroy()
        })
        return
      }
    }
  }

  const server = Http.createServer({ keepAliveTimeout: 5_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    const method = (req.method ?? "GET").toUpperCase()
    const url = req.url ?? "/"
    const path = url.split("?")[0]!
    const connection = sockets.get(req.socket) ?? 0
    const chunks: Array<Buffer> = []
    let size = 0
    let tooBig = false
    req.on("data", (c: Buffer) => {
      size += c.length
      if (size > maxRequestBytes) {
        tooBig = true
        hardReset(req.socket)
        return
      }
      chunks.push(c)
    })
    req.on("end", () => {
      if (tooBig || stopped) return
      seq++
      if (seq > maxRequests) {
        hardReset(req.socket)
        return
      }
      const body = Buffer.concat(chunks)
      const fault = choose(method, path)
      const entry = {
        seq,
        method,
        path,
        url,
        headers: { ...req.headers },
        body: body.toString("utf8"),
        fault: fault._tag === "Delay" ? fault.then._tag : fault._tag,
        forwarded: false,
        connection,
        responseBytes: 0
      }
      recorded.push(entry)
      apply(fault, req, res, body, () => {
        entry.forwarded = true
      }, (bytes) => {
        entry.responseBytes += bytes
      })
    })
  })
  server.on("connection", (socket: Net.Socket) => {
    opened++
    sockets.set(socket, opened)
    socket.once("close", () => sockets.delete(socket))
    if (stopped) hardReset(socket)
  })
  server.on("clientError", (_error, socket) => hardReset(socket as Net.Socket))

  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen({ port: on, host: "127.0.0.1" }, () => {
        server.off("error", reject)
        const address = server.address()
        port = typeof address === "object" && address !== null ? address.port : on
        resolve()
      })
    })

  const stop = async () => {
    if (stopped) return
    stopped = true
    rules.length = 0
    for (const timer of timers) clearTimeout(timer)
    timers.clear()
    for (const socket of sockets.keys()) hardReset(socket)
    for (const socket of upstreamSockets) socket.destroy()
    agent.destroy()
    await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))
  }

  return listen(0).then(() => {
    const lifetimeTimer = setTimeout(() => void stop(), lifetime)
    lifetimeTimer.unref()
    const url = `http://127.0.0.1:${port}`
    return {
      url,
      port,
      inject: (fault, match = {}) =>
        Effect.sync(() => {
          rules.push({ fault, match, remaining: match.times ?? Number.POSITIVE_INFINITY })
        }),
      clear: Effect.sync(() => {
        rules.length = 0
      }),
      refuse: (opts) =>
        Effect.promise(() =>
          new Promise<void>((resolve) => {
            if (opts?.resetOpen === true) for (const socket of sockets.keys()) hardReset(socket)
            if (!server.listening) return resolve()
            server.close(() => resolve())
            // `close` waits for open connections; the listener itself is closed at once.
            setImmediate(resolve)
          })
        ),
      accept: Effect.promise(() => (server.listening || stopped ? Promise.resolve() : listen(port))),
      resetAll: Effect.sync(() => {
        const n = sockets.size
        for (const socket of [...sockets.keys()]) hardReset(socket)
        return n
      }),
      setUpstream: (next) =>
        Effect.sync(() => {
          if (!isLoopback(next)) throw new Error(`FaultProxy only forwards to loopback, not ${next}`)
          upstream = new URL(next)
          agent.destroy()
        }),
      requests: Effect.sync(() => recorded.slice()),
      clearRequests: Effect.sync(() => {
        recorded.length = 0
      }),
      connections: Effect.sync(() => ({ opened, open: sockets.size, upstreamOpen: upstreamSockets.size })),
      stop: () => {
        clearTimeout(lifetimeTimer)
        return stop()
      }
    }
  })
}

/**
 * Starts a proxy on a free `127.0.0.1` port in front of `options.upstream` for the life of the
 * scope; closing the scope resets every connection and stops it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { FaultProxy } from "effect-opencode/testing"
 *
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const proxy = yield* FaultProxy.make({ upstream: "http://127.0.0.1:4096" })
 *   yield* proxy.inject(FaultProxy.status(502), { method: "GET", times: 2 })
 *   return (yield* proxy.requests).filter((r) => r.forwarded).length
 * }))
 * ```
 */
export const make = (options: Options): Effect.Effect<FaultProxyShape, never, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(
      Effect.promise(() => start(options)),
      (proxy) => Effect.promise(() => proxy.stop())
    ),
    ({ stop: _stop, ...shape }) => shape
  )

/** A {@link FaultProxy} in front of a fixed upstream. */
export const layer = (options: Options): Layer.Layer<FaultProxy> => Layer.effect(FaultProxy, make(options))

/**
 * A {@link FaultProxy} in front of the `OpencodeServer` in context.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { FaultProxy, TestServer } from "effect-opencode/testing"
 *
 * const Proxy = FaultProxy.layerFromServer().pipe(Layer.provideMerge(TestServer.layer()))
 * ```
 */
export const layerFromServer = (
  options: Omit<Options, "upstream"> = {}
): Layer.Layer<FaultProxy, never, OpencodeServer.OpencodeServer> =>
  Layer.effect(
    FaultProxy,
    Effect.flatMap(OpencodeServer.OpencodeServer, (server) => make({ ...options, upstream: server.url }))
  )
