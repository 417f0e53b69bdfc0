/**
 * A fake Server-Sent Events server on loopback, to test event consumers against a connection's
 * faults (cuts, restarts, silence, malformed frames, error statuses, clients going away); records
 * every connection. Like the real server it sends `server.connected` first (`connected: false`:
 * not) and no `id:` lines; {@link eventId} ids sort in emission order like its `evt_…` ids.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type * as Net from "node:net"

/** One accepted request. */
export interface Connection {
  readonly id: number
  /** The request path with its query. */
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  /** True once the socket is closed (by either side). */
  readonly closed: boolean
  /** True when the client closed the connection before the server ended it. */
  readonly closedByClient: boolean
  /** Writes raw text to this connection; false when it is closed. */
  readonly write: (text: string) => boolean
}

/** What a new connection is answered with: an event stream (`status` 200, the default), or another status with a body. */
export interface Answer {
  readonly status: number
  readonly contentType?: string | undefined
  readonly body?: string | undefined
  /**
   * Accept the request and never answer: no status line, no headers (what a restarting server does
   * to a request arriving before it is ready); open until the client closes it. `status` is ignored.
   */
  readonly hang?: boolean | undefined
}

/** The fake server. */
export interface FakeSse {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  /** Every connection accepted so far, oldest first. */
  readonly connections: ReadonlyArray<Connection>
  readonly openConnections: () => number
  /** Sends one event as `data: <json>\n\n` to every open stream. */
  readonly send: (event: unknown) => Effect.Effect<void>
  /** Sends raw text (frames, partial frames, garbage) to every open stream. */
  readonly sendRaw: (text: string) => Effect.Effect<void>
  /** Cuts every open connection (destroys the sockets) without stopping the server. */
  readonly cut: Effect.Effect<void>
  /** Ends every open stream cleanly (the response ends). */
  readonly end: Effect.Effect<void>
  /**
   * Writes `count` events made by `make` to every open stream, waiting whenever a socket's buffer
   * is full as a real server does, so a client that stops reading holds the writer back.
   */
  readonly pump: (count: number, make: (index: number) => unknown) => Effect.Effect<void>
  /** Events written by the running or last {@link FakeSse.pump}. */
  readonly progress: () => number
  /** Requests accepted and left unanswered so far (an {@link Answer} with `hang`). */
  readonly hung: () => number
  /** Of those, the ones whose socket is still open (the client has not given up on them). */
  readonly hangingOpen: () => number
  /** Sets how later connections are answered. */
  readonly answer: (answer: Answer) => Effect.Effect<void>
  /** Waits until at least `count` connections were accepted; returns the last one. */
  readonly awaitConnection: (count: number) => Effect.Effect<Connection>
  readonly awaitAllClosed: Effect.Effect<void>
  /** Stops listening and destroys every socket (the port stays reserved for {@link FakeSse.start}). */
  readonly stop: Effect.Effect<void>
  /** Listens again on the same port after {@link FakeSse.stop}. */
  readonly start: Effect.Effect<void>
}

/** Options of {@link make}. */
export interface Options {
  /** Send `server.connected` first on each connection. Default true. */
  readonly connected?: boolean | undefined
  /** Also send `server.heartbeat` at this interval (ms). Default: none. */
  readonly heartbeatMillis?: number | undefined
  /** Called for each new stream right after `server.connected` (e.g. to replay events). */
  readonly onConnect?: ((connection: Connection) => void) | undefined
  /** Answers other routes (e.g. `GET /session/status` as JSON); `undefined` answers with the event stream. */
  readonly handle?:
    | ((request: { readonly method: string; readonly path: string; readonly body: string }) => Answer | undefined)
    | undefined
}

let idCounter = 0

/** An event id that sorts after every id made before it in this process, shaped like the server's (`evt_` + 26 characters). */
export const eventId = (): string => {
  idCounter++
  return `evt_${Date.now().toString(16).padStart(12, "0")}${idCounter.toString(36).padStart(14, "0")}`
}

/** An SSE frame of one event: `data: <json>\n\n`. */
export const frame = (event: unknown): string => `data: ${JSON.stringify(event)}\n\n`

/**
 * Starts a fake SSE server on a free `127.0.0.1` port, stopped when the scope closes. Every path
 * is answered with the stream (or the configured {@link Answer}).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { FakeSse } from "effect-opencode/testing"
 *
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const server = yield* FakeSse.make()
 *   yield* server.awaitConnection(1)
 *   yield* server.send({ id: FakeSse.eventId(), type: "session.idle", properties: { sessionID: "ses_1" } })
 *   yield* server.cut
 * }))
 * ```
 */
export const make = (options: Options = {}): Effect.Effect<FakeSse, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => start(options)),
    (server) => server.stop
  )

interface Mutable extends Connection {
  closed: boolean
  closedByClient: boolean
  ended: boolean
  response: Http.ServerResponse
  socket: Net.Socket
}

const start = async (options: Options): Promise<FakeSse> => {
  const connections: Array<Mutable> = []
  const sockets = new Set<Net.Socket>()
  const waiters = new Set<() => void>()
  let answer: Answer = { status: 200 }
  const hanging: Array<Net.Socket> = []
  let heartbeat: ReturnType<typeof setInterval> | undefined
  const notify = () => {
    for (const w of [...waiters]) w()
  }

  const server = Http.createServer((req, res) => {
    if (options.handle === undefined) return serve(req, res, "")
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => serve(req, res, body))
  })

  const serve = (req: Http.IncomingMessage, res: Http.ServerResponse, body: string) => {
    const custom = options.handle?.({ method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0]!, body })
    if (custom?.hang === true || (custom === undefined && answer.hang === true)) {
      hanging.push(req.socket)
      notify()
      return
    }
    if (custom !== undefined) {
      res.writeHead(custom.status, { "content-type": custom.contentType ?? "application/json" })
      res.end(custom.body ?? "")
      return
    }
    if (answer.status !== 200 || (answer.contentType !== undefined && answer.contentType !== "text/event-stream")) {
      res.writeHead(answer.status, { "content-type": answer.contentType ?? "text/plain" })
      res.end(answer.body ?? "")
      return
    }
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive"
    })
    res.flushHeaders()
    const connection: Mutable = {
      id: connections.length + 1,
      url: req.url ?? "/",
      headers: req.headers,
      closed: false,
      closedByClient: false,
      ended: false,
      response: res,
      socket: req.socket,
      write: (text) => {
        if (connection.closed || connection.ended) return false
        res.write(text)
        return true
      }
    }
    req.socket.on("close", () => {
      connection.closed = true
      if (!connection.ended) connection.closedByClient = true
      notify()
    })
    connections.push(connection)
    if (options.connected !== false) {
      connection.write(frame({ id: eventId(), type: "server.connected", properties: {} }))
    }
    options.onConnect?.(connection)
    notify()
  }
  server.keepAliveTimeout = 1000
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => {
      sockets.delete(socket)
      notify()
    })
  })

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject)
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject)
        resolve((server.address() as Net.AddressInfo).port)
      })
    })
  const port = await listen(0)
  const startHeartbeat = () => {
    if (options.heartbeatMillis === undefined) return
    heartbeat = setInterval(() => {
      for (const c of connections) c.write(frame({ id: eventId(), type: "server.heartbeat", properties: {} }))
    }, options.heartbeatMillis)
    heartbeat.unref()
  }
  startHeartbeat()

  const open = () => connections.filter((c) => !c.closed && !c.ended)
  const cutOpen = () => {
    for (const c of open()) {
      c.ended = true
      c.socket.destroy()
    }
  }
  const destroyAll = () => {
    cutOpen()
    for (const s of sockets) s.destroy()
  }
  let listening = true
  let pumped = 0

  const pump = async (count: number, make: (index: number) => unknown) => {
    pumped = 0
    const batch = 64
    for (let i = 0; i < count; i += batch) {
      let text = ""
      for (let j = i; j < Math.min(count, i + batch); j++) text += frame(make(j))
      const targets = open()
      if (targets.length === 0) return
      await Promise.all(targets.map((c) =>
        c.response.write(text)
          ? undefined
          : new Promise<void>((resolve) => {
            const done = () => {
              c.response.off("drain", done)
              c.socket.off("close", done)
              resolve()
            }
            c.response.on("drain", done)
            c.socket.on("close", done)
          })
      ))
      pumped = Math.min(count, i + batch)
    }
  }

  const waitFor = (done: () => boolean) =>
    Effect.callback<void>((resume) => {
      if (done()) return resume(Effect.void)
      const check = () => {
        if (done()) {
          waiters.delete(check)
          resume(Effect.void)
        }
      }
      waiters.add(check)
      return Effect.sync(() => waiters.delete(check))
    })

  const self: FakeSse = {
    url: `http://127.0.0.1:${port}`,
    port,
    connections,
    openConnections: () => connections.filter((c) => !c.closed).length,
    send: (event) => Effect.sync(() => {
      const text = frame(event)
      for (const c of open()) c.write(text)
    }),
    sendRaw: (text) => Effect.sync(() => {
      for (const c of open()) c.write(text)
    }),
    cut: Effect.sync(cutOpen),
    end: Effect.sync(() => {
      for (const c of open()) {
        c.ended = true
        c.response.end()
      }
    }),
    pump: (count, make) => Effect.promise(() => pump(count, make)),
    progress: () => pumped,
    hung: () => hanging.length,
    hangingOpen: () => hanging.filter((socket) => !socket.destroyed).length,
    answer: (a) => Effect.sync(() => {
      answer = a
    }),
    awaitConnection: (count) =>
      Effect.map(waitFor(() => connections.length >= count), () => connections[connections.length - 1]!),
    awaitAllClosed: waitFor(() => connections.every((c) => c.closed) && sockets.size === 0),
    stop: Effect.promise(() =>
      new Promise<void>((resolve) => {
        if (!listening) return resolve()
        listening = false
        if (heartbeat !== undefined) clearInterval(heartbeat)
        destroyAll()
        server.close(() => resolve())
        server.closeAllConnections()
      })
    ),
    start: Effect.promise(async () => {
      if (listening) return
      await listen(port)
      listening = true
      startHeartbeat()
    })
  }
  return self
}
