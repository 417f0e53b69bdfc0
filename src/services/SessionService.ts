/**
 * Sessions: create, list, read, update, delete, revert, summarize, diff, abort, fork, children,
 * todo, status, share and init — every call decoded with Schema and failing with typed errors.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { type RequestError, SessionError, ValidationError } from "../Errors.ts"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import { OpencodeClient } from "../layers/OpencodeClient.ts"
import { requireId } from "../internal/validate.ts"
import * as Ids from "../schema/Ids.ts"
import * as Message from "../schema/Message.ts"
import * as Prompt from "../schema/PromptInput.ts"
import * as S from "../schema/Session.ts"
import { readMessages } from "./MessageService.ts"

/** A model reference, as the server names it in prompts. */
export interface ModelRef {
  readonly providerID: string
  readonly modelID: string
}

/** Options of {@link Service.create}. */
export interface CreateOptions {
  /** The session's title. Without one the server asks the model for a title (an extra model call). */
  readonly title?: string | undefined
  /**
   * Another name for `title` (the reference client's). Giving both with different values is a
   * `ValidationError`: the server keeps one title.
   */
  readonly description?: string | undefined
  /**
   * Sent asynchronously right after creation (a text or a full prompt). A full prompt with its own
   * `tools` is a `ValidationError` when `tools` or `permission` are given here too: the server
   * would replace the session's permission rules with that prompt's tools.
   */
  readonly initialPrompt?: string | Prompt.PromptInput | undefined
  /** Default model of the session, and of `initialPrompt`. */
  readonly model?: ModelRef | undefined
  /** Agent of the session, and of `initialPrompt`. */
  readonly agent?: string | undefined
  /**
   * Tools enabled (`true`) or disabled (`false`) for the whole session, kept by the server as
   * permission rules ({@link S.toolRules}), after the `permission` rules (the last matching rule
   * wins, so these do): `{ bash: false }` is `{ permission: "bash", pattern: "*", action: "deny" }`.
   * The editing tools (`edit`, `write`, `patch`, `multiedit`, `apply_patch`) share the `edit`
   * permission: `{ write: false }` takes all of them away, and giving them different values is a
   * `ValidationError`.
   */
  readonly tools?: Readonly<Record<string, boolean>> | undefined
  /** Permission rules, e.g. `[{ permission: "bash", pattern: "*", action: "ask" }]`. */
  readonly permission?: ReadonlyArray<S.PermissionRule> | undefined
  /** Makes this a child session. */
  readonly parentID?: string | undefined
  readonly metadata?: Readonly<Record<string, unknown>> | undefined
  /**
   * Delete the session when the surrounding `Scope` closes. With no `Scope` in context the session
   * is an ordinary one (nothing deletes it): use {@link Service.createScoped} to require a scope.
   */
  readonly ephemeral?: boolean | undefined
  /** Overrides the client's directory for this session. */
  readonly directory?: string | undefined
}

/** Options of {@link Service.list}. */
export interface ListOptions {
  readonly directory?: string | undefined
  /** Case-insensitive title filter. */
  readonly search?: string | undefined
  /** Only sessions without a parent. */
  readonly roots?: boolean | undefined
  readonly limit?: number | undefined
  /** Only sessions updated at or after this time (epoch ms). */
  readonly start?: number | undefined
}

/** Fields of {@link Service.update}; absent fields are left as they are. */
export interface UpdateOptions {
  readonly title?: string | undefined
  /** `true` archives now, a number archives at that time, `false` is not supported by the server. */
  readonly archived?: boolean | number | undefined
  readonly metadata?: Readonly<Record<string, unknown>> | undefined
  readonly permission?: ReadonlyArray<S.PermissionRule> | undefined
}

/** What {@link Service.revert} returns: the session (with its `revert` marker) and the files the revert restored. */
export interface RevertResult {
  readonly session: S.Session
  readonly files: ReadonlyArray<S.FileDiff>
}

/** What {@link Service.summarize} returns. */
export interface SummaryResult {
  readonly summary: string
  /** The session's file changes (the union of its prompts' diffs). */
  readonly files: ReadonlyArray<S.FileDiff>
  /** The summary message and its parts. */
  readonly message: Message.MessageWithParts | undefined
}

/** The session operations. */
export interface Service {
  /**
   * Creates a session; with `initialPrompt` the first prompt is sent asynchronously right after.
   * Every option is kept by the server or refused with a `ValidationError` before anything is
   * sent: `tools` become the session's permission rules (see {@link CreateOptions}).
   */
  readonly create: (options?: CreateOptions) => Effect.Effect<S.Session, RequestError>
  /** Creates a session that is deleted when the scope closes (success, failure or interruption). */
  readonly createScoped: (options?: CreateOptions) => Effect.Effect<S.Session, RequestError, Scope.Scope>
  /** Lists the directory's sessions, most recently updated first. */
  readonly list: (options?: ListOptions) => Effect.Effect<ReadonlyArray<S.Session>, RequestError>
  /**
   * The sessions as a `Stream`. The server has no cursor for sessions, so this is one request
   * whose results are emitted one by one.
   */
  readonly stream: (options?: ListOptions) => Stream.Stream<S.Session, RequestError>
  /** Reads one session. */
  readonly get: (sessionID: string) => Effect.Effect<S.Session, RequestError>
  /** Changes a session's title, archive time, metadata or permission rules. */
  readonly update: (sessionID: string, options: UpdateOptions) => Effect.Effect<S.Session, RequestError>
  /** Deletes a session (files on disk are left as they are). */
  readonly delete: (sessionID: string) => Effect.Effect<void, RequestError>
  /**
   * Reverts the session to before a user message (or one of its parts): files go back on disk.
   * Fails with a `ValidationError` when the server ignored an unknown message id.
   */
  readonly revert: (
    sessionID: string,
    options: { readonly messageID: string; readonly partID?: string | undefined }
  ) => Effect.Effect<RevertResult, RequestError>
  /** Undoes the last revert. */
  readonly unrevert: (sessionID: string) => Effect.Effect<S.Session, RequestError>
  /**
   * Asks the model for a summary of the session (compaction) and returns it with the session's
   * file changes. The server answers `true` even when this fails: a failure is detected and
   * reported as a `SessionError`.
   */
  readonly summarize: (
    sessionID: string,
    options?: { readonly model?: ModelRef | undefined }
  ) => Effect.Effect<SummaryResult, RequestError | SessionError>
  /**
   * File changes: of one user message with `messageID`, else of the whole session (the union of
   * its user messages' diffs, per file).
   */
  readonly diff: (
    sessionID: string,
    options?: { readonly messageID?: string | undefined }
  ) => Effect.Effect<ReadonlyArray<S.FileDiff>, RequestError>
  /** Stops the session's current work. */
  readonly abort: (sessionID: string) => Effect.Effect<void, RequestError>
  /** Copies a session (up to a message when given) into a new one. */
  readonly fork: (
    sessionID: string,
    options?: { readonly messageID?: string | undefined }
  ) => Effect.Effect<S.Session, RequestError>
  /** The sessions whose parent is this one. */
  readonly children: (sessionID: string) => Effect.Effect<ReadonlyArray<S.Session>, RequestError>
  /** The session's todo list. */
  readonly todo: (sessionID: string) => Effect.Effect<ReadonlyArray<S.Todo>, RequestError>
  /**
   * Every session's status. The server leaves idle sessions out: a missing id means idle
   * (see {@link Service.statusOf}).
   */
  readonly status: (options?: { readonly directory?: string | undefined }) => Effect.Effect<
    Readonly<Record<string, S.SessionStatus>>,
    RequestError
  >
  /** One session's status (`idle` when the server does not list it). */
  readonly statusOf: (sessionID: string) => Effect.Effect<S.SessionStatus, RequestError>
  /** Shares the session (the server must allow sharing). */
  readonly share: (sessionID: string) => Effect.Effect<S.Session, RequestError>
  /** Stops sharing the session. */
  readonly unshare: (sessionID: string) => Effect.Effect<S.Session, RequestError>
  /** Asks the agent to analyse the project and write its `AGENTS.md` (starts model work). */
  readonly init: (
    sessionID: string,
    options: { readonly model: ModelRef; readonly messageID?: string | undefined }
  ) => Effect.Effect<void, RequestError>
}

/**
 * The session service.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { MessageService, OpencodeClient, SessionService } from "effect-opencode"
 *
 * const program = Effect.gen(function*() {
 *   const sessions = yield* SessionService.SessionService
 *   const messages = yield* MessageService.MessageService
 *   // deleted when the scope closes; a title spares the server a model call for one
 *   const session = yield* sessions.createScoped({ title: "rename", tools: { bash: false } })
 *   const reply = yield* messages.prompt(session.id, "Rename foo to bar in src/")
 *   const changed = yield* sessions.diff(session.id)
 *   if (reply.info.role === "assistant" && changed.length > 10) {
 *     yield* sessions.revert(session.id, { messageID: reply.info.parentID }) // files go back on disk
 *   }
 *   return changed
 * }).pipe(
 *   Effect.scoped,
 *   Effect.provide(Layer.mergeAll(SessionService.layer, MessageService.layer).pipe(Layer.provide(OpencodeClient.layerConfig())))
 * )
 * ```
 */
export class SessionService extends Context.Service<SessionService, Service>()("effect-opencode/SessionService") {}

// The options take any record (source compatibility); the body's schema checks that it is JSON
// when the call encodes it (a ValidationError otherwise, nothing sent).
const asJson = (metadata: Readonly<Record<string, unknown>>) => metadata as { readonly [key: string]: Schema.Json }

const asPromptInput = (prompt: string | Prompt.PromptInput): Prompt.PromptInput =>
  typeof prompt === "string" ? { parts: [Prompt.Prompt.text(prompt)] } : prompt

/**
 * Merges per-message diffs into one entry per file: additions and deletions add up, patches are
 * concatenated in message order, the first status wins.
 */
export const mergeDiffs = (groups: ReadonlyArray<ReadonlyArray<S.FileDiff>>): ReadonlyArray<S.FileDiff> => {
  const byFile = new Map<string, S.FileDiff>()
  for (const group of groups) {
    for (const d of group) {
      const key = d.file ?? ""
      const prev = byFile.get(key)
      byFile.set(
        key,
        prev === undefined ? d : {
          ...prev,
          additions: prev.additions + d.additions,
          deletions: prev.deletions + d.deletions,
          patch: [prev.patch, d.patch].filter((p) => p !== undefined && p !== "").join("\n")
        }
      )
    }
  }
  return [...byFile.values()]
}

const userDiffs = (messages: ReadonlyArray<Message.MessageWithParts>, fromMessageID?: string) => {
  const groups: Array<ReadonlyArray<S.FileDiff>> = []
  let on = fromMessageID === undefined
  for (const m of messages) {
    if (!on && m.info.role !== "unknown" && m.info.id === fromMessageID) on = true
    if (on && m.info.role === "user") groups.push(m.info.summary?.diffs ?? [])
  }
  return mergeDiffs(groups)
}

/**
 * `GET /session/status` with a given transport: session id → status, idle sessions left out (a
 * missing key means idle). The one read of it: {@link SessionService}'s `status` and
 * `EventService`'s re-syncs go through it. `directory` overrides the configured one (`null`:
 * none).
 */
export const readStatus = (
  client: OpencodeClient["Service"],
  options: { readonly directory?: string | null | undefined } = {}
): Effect.Effect<S.SessionStatusMap, RequestError> => callWith(client)(Op.sessionStatus, { directory: options.directory })

/**
 * `GET /session/{id}` with a given transport; an unknown session is an `ApiError` 404. The one
 * read of a session: {@link SessionService}'s `get` and `EventService`'s re-syncs go through it.
 */
export const readSession = (client: OpencodeClient["Service"], sessionID: string): Effect.Effect<S.Session, RequestError> =>
  callWith(client)(Op.sessionGet, { path: { sessionID } })

/** Builds the service from the {@link OpencodeClient} in context; {@link layer} wraps it. */
export const make = /* @__PURE__ */ Effect.gen(function*() {
  const client = yield* OpencodeClient
  const call = callWith(client)

  const sessionId = (id: string) => requireId("session", id, "sessionID")
  const messageId = (id: string) => requireId("message", id, "messageID")

  const messages = (id: string) => readMessages(client, id)

  const promptAsync = (id: string, input: Prompt.PromptInput) =>
    call(Op.sessionPromptAsync, {
      path: { sessionID: id },
      body: input,
      idempotent: input.messageID !== undefined
    })

  const create: Service["create"] = Effect.fn("SessionService.create")(function*(options = {}) {
    // Every option is checked before anything is sent: each is kept by the server, or refused.
    if (options.parentID !== undefined) yield* sessionId(options.parentID)
    if (options.title !== undefined && options.description !== undefined && options.title !== options.description) {
      return yield* new ValidationError({
        field: "description",
        message: "title and description name the same thing (the session's title): give one, or the same value"
      })
    }
    const title = options.title ?? options.description
    let toolRules: S.PermissionRuleset = []
    if (options.tools !== undefined) {
      const rules = S.toolRules(options.tools)
      if (Result.isFailure(rules)) return yield* new ValidationError({ field: "tools", message: rules.failure })
      toolRules = rules.success
    }
    const permission = [...(options.permission ?? []), ...toolRules]
    const input = options.initialPrompt === undefined ? undefined : asPromptInput(options.initialPrompt)
    if (input?.tools !== undefined && (options.permission !== undefined || options.tools !== undefined)) {
      return yield* new ValidationError({
        field: "initialPrompt.tools",
        message: "a prompt's tools replace the session's permission rules on the server: give the tools in create's `tools` instead"
      })
    }
    const session = yield* call(Op.sessionCreate, {
      body: {
        ...(title !== undefined ? { title } : {}),
        ...(options.parentID !== undefined ? { parentID: options.parentID } : {}),
        ...(options.agent !== undefined ? { agent: options.agent } : {}),
        ...(options.model !== undefined ? { model: { providerID: options.model.providerID, id: options.model.modelID } } : {}),
        ...(options.permission !== undefined || options.tools !== undefined ? { permission } : {}),
        ...(options.metadata !== undefined ? { metadata: asJson(options.metadata) } : {})
      },
      directory: options.directory
    })
    if (options.ephemeral === true) {
      const scope = yield* Effect.serviceOption(Scope.Scope)
      if (Option.isSome(scope)) {
        yield* Scope.addFinalizer(scope.value, Effect.ignore(remove(session.id)))
      }
    }
    if (input !== undefined) {
      // Not `tools`: the session's rules hold them (a prompt's tools would replace those rules).
      yield* promptAsync(session.id, {
        ...input,
        ...(input.model === undefined && options.model !== undefined ? { model: options.model } : {}),
        ...(input.agent === undefined && options.agent !== undefined ? { agent: options.agent } : {})
      })
    }
    return session
  })

  const createScoped: Service["createScoped"] = (options = {}) =>
    Effect.acquireRelease(
      create({ ...options, ephemeral: false }),
      (session) => Effect.ignore(remove(session.id))
    )

  const list: Service["list"] = (options = {}) =>
    call(Op.sessionList, {
      query: { search: options.search, roots: options.roots, limit: options.limit, start: options.start },
      directory: options.directory
    })

  const get: Service["get"] = (id) =>
    Effect.flatMap(sessionId(id), () => readSession(client, id))

  const update: Service["update"] = (id, options) =>
    Effect.flatMap(sessionId(id), () => {
      const archived = options.archived === true ? Date.now() : typeof options.archived === "number" ? options.archived : undefined
      return call(Op.sessionUpdate, {
        path: { sessionID: id },
        body: {
          ...(options.title !== undefined ? { title: options.title } : {}),
          ...(options.metadata !== undefined ? { metadata: asJson(options.metadata) } : {}),
          ...(options.permission !== undefined ? { permission: options.permission } : {}),
          ...(archived !== undefined ? { time: { archived } } : {})
        },
        idempotent: true
      })
    })

  const remove = (id: string) =>
    Effect.flatMap(sessionId(id), () =>
      Effect.asVoid(call(Op.sessionDelete, { path: { sessionID: id } })))

  const revert: Service["revert"] = (id, options) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      yield* messageId(options.messageID)
      if (options.partID !== undefined) yield* requireId("part", options.partID, "partID")
      const session = yield* call(Op.sessionRevert, {
        path: { sessionID: id },
        body: { messageID: options.messageID, ...(options.partID !== undefined ? { partID: options.partID } : {}) }
      })
      if (session.revert === undefined) {
        return yield* Effect.fail(
          new ValidationError({
            field: "messageID",
            message: `the server did not revert: message ${options.messageID} is not in session ${id}`
          })
        )
      }
      const history = yield* messages(id)
      return { session, files: userDiffs(history, session.revert.messageID) }
    })

  const unrevert: Service["unrevert"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      call(Op.sessionUnrevert, { path: { sessionID: id } }))

  const defaultModel = (id: string, history: ReadonlyArray<Message.MessageWithParts>) =>
    Effect.gen(function*() {
      for (let i = history.length - 1; i >= 0; i--) {
        const info = history[i]!.info
        if (info.role === "user" && info.model !== undefined) return info.model as ModelRef
        if (info.role === "assistant") return { providerID: info.providerID, modelID: info.modelID }
      }
      const config = yield* call(Op.configGet)
      const [providerID, ...rest] = (config.model ?? "").split("/")
      if (providerID && rest.length > 0) return { providerID, modelID: rest.join("/") }
      return yield* Effect.fail(
        new ValidationError({ field: "model", message: `no model given and none configured for session ${id}` })
      )
    })

  const summarize: Service["summarize"] = (id, options = {}) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      const before = yield* messages(id)
      const model = options.model ?? (yield* defaultModel(id, before))
      const seen = new Set(before.map((m) => (m.info.role === "unknown" ? "" : m.info.id)))
      yield* call(Op.sessionSummarize, {
        path: { sessionID: id },
        body: { providerID: model.providerID, modelID: model.modelID },
        timeout: client.config.promptTimeout
      })
      const after = yield* messages(id)
      const summary = [...after].reverse().find((m) =>
        m.info.role === "assistant" && !seen.has(m.info.id) && m.info.summary === true
      )
      if (summary === undefined || summary.info.role !== "assistant") {
        return yield* new SessionError({ sessionID: id, name: "SummaryMissing", message: "the server wrote no summary" })
      }
      if (summary.info.error !== undefined) {
        const err = summary.info.error as { name?: string; data?: { message?: string } }
        return yield* new SessionError({
          sessionID: id,
          name: err.name ?? "UnknownError",
          message: err.data?.message ?? "summarize failed",
          error: summary.info.error
        })
      }
      const text = summary.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("")
      return { summary: text, files: userDiffs(after), message: summary }
    })

  const diff: Service["diff"] = (id, options = {}) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      if (options.messageID !== undefined) {
        yield* messageId(options.messageID)
        return yield* call(Op.sessionDiff, { path: { sessionID: id }, query: { messageID: options.messageID } })
      }
      return userDiffs(yield* messages(id))
    })

  const abort: Service["abort"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      Effect.asVoid(call(Op.sessionAbort, { path: { sessionID: id }, idempotent: true })))

  const fork: Service["fork"] = (id, options = {}) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      if (options.messageID !== undefined) yield* messageId(options.messageID)
      return yield* call(Op.sessionFork, {
        path: { sessionID: id },
        body: options.messageID !== undefined ? { messageID: options.messageID } : {}
      })
    })

  const children: Service["children"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      call(Op.sessionChildren, { path: { sessionID: id } }))

  const todo: Service["todo"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      call(Op.sessionTodo, { path: { sessionID: id } }))

  const status: Service["status"] = (options = {}) =>
    readStatus(client, options)

  const statusOf: Service["statusOf"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      Effect.map(status(), (all): S.SessionStatus => all[id] ?? { type: "idle" }))

  const share: Service["share"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      call(Op.sessionShare, { path: { sessionID: id }, idempotent: true }))

  const unshare: Service["unshare"] = (id) =>
    Effect.flatMap(sessionId(id), () =>
      call(Op.sessionUnshare, { path: { sessionID: id } }))

  const init: Service["init"] = (id, options) =>
    Effect.gen(function*() {
      yield* sessionId(id)
      const messageID = options.messageID ?? Ids.newMessageID()
      yield* messageId(messageID)
      yield* call(Op.sessionInit, {
        path: { sessionID: id },
        body: { providerID: options.model.providerID, modelID: options.model.modelID, messageID },
        idempotent: true,
        timeout: client.config.promptTimeout
      })
    })

  return SessionService.of({
    create,
    createScoped,
    list,
    stream: (options) => Stream.fromIterableEffect(list(options)),
    get,
    update,
    delete: remove,
    revert,
    unrevert,
    summarize,
    diff,
    abort,
    fork,
    children,
    todo,
    status,
    statusOf,
    share,
    unshare,
    init
  })
})

/** The session service over the {@link OpencodeClient} in context. */
export const layer: Layer.Layer<SessionService, never, OpencodeClient> = /* @__PURE__ */ Layer.effect(SessionService, make)
