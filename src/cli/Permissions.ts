/**
 * The permission policy of unattended `run`s: `--allow RULE`, `--deny RULE` (repeatable) and
 * `--permissions policy.json`, a rule being `permission[:pattern]` (`bash:git *`, `edit`, `*`) with
 * opencode's `*` and `?` wildcards. Each permission request of the run's session is answered
 * `once` when allow rules cover all its patterns and no deny rule matches one, else `reject`: a
 * request nobody answers would keep the run waiting forever.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as NodeFs from "node:fs"
import type * as Permission from "../schema/Permission.ts"
import type * as Session from "../schema/Session.ts"
import * as EventService from "../services/EventService.ts"
import * as PermissionService from "../services/PermissionService.ts"
import { InputError } from "./Report.ts"

/** One rule: a permission (`bash`, `edit`, …, or `*`) and a pattern of it (command line, file path; `*` when left out). */
export interface Rule {
  readonly permission: string
  readonly pattern: string
  /** Where the rule came from, for the line that reports a decision. */
  readonly source: string
}

/** A policy: deny rules win; anything no allow rule covers is rejected. */
export interface Policy {
  readonly allow: ReadonlyArray<Rule>
  readonly deny: ReadonlyArray<Rule>
}

/** Parses `permission[:pattern]` (the first `:` splits; patterns may hold more); a malformed rule is a usage `InputError`. */
export const parseRule = (text: string, from: string): Effect.Effect<Rule, InputError> => {
  const colon = text.indexOf(":")
  const permission = (colon === -1 ? text : text.slice(0, colon)).trim()
  const pattern = colon === -1 ? "*" : text.slice(colon + 1).trim()
  if (permission === "" || pattern === "" || /\s/.test(permission)) {
    return Effect.fail(
      new InputError({
        message: `invalid permission rule ${JSON.stringify(text)} (${from})`,
        hint: "write permission[:pattern], e.g. bash:git *, edit, or *",
        usage: true
      })
    )
  }
  return Effect.succeed({ permission, pattern, source: `${from} ${text}` })
}

const PolicyFile = Schema.Struct({
  allow: Schema.optional(Schema.Array(Schema.String)),
  deny: Schema.optional(Schema.Array(Schema.String))
})

/**
 * The policy of a command line: the rules of `--permissions FILE` (JSON,
 * `{"allow": ["bash:git *"], "deny": ["bash:rm *"]}`), then `--allow` and `--deny`. A missing or
 * malformed file or rule is a usage `InputError`.
 */
export const make = (input: {
  readonly file: string | undefined
  readonly allow: ReadonlyArray<string>
  readonly deny: ReadonlyArray<string>
}): Effect.Effect<Policy, InputError> =>
  Effect.gen(function*() {
    let fromFile: typeof PolicyFile.Type = {}
    if (input.file !== undefined) {
      const file = input.file
      const text = yield* Effect.try({
        try: () => NodeFs.readFileSync(file, "utf8"),
        catch: () => new InputError({ message: `cannot read the permissions file ${file}`, hint: "give a JSON file such as {\"allow\": [\"edit\"], \"deny\": [\"bash\"]}", usage: true })
      })
      fromFile = yield* Effect.try({ try: () => JSON.parse(text) as unknown, catch: (e) => e }).pipe(
        Effect.flatMap(Schema.decodeUnknownEffect(PolicyFile)),
        Effect.mapError(() =>
          new InputError({
            message: `${file} is not a permissions file`,
            hint: "write {\"allow\": [\"permission[:pattern]\", …], \"deny\": […]}",
            usage: true
          })
        )
      )
    }
    const rules = (texts: ReadonlyArray<string>, from: string) => Effect.forEach(texts, (t) => parseRule(t, from))
    const file = input.file ?? ""
    return {
      allow: [...(yield* rules(fromFile.allow ?? [], `${file} allow`)), ...(yield* rules(input.allow, "--allow"))],
      deny: [...(yield* rules(fromFile.deny ?? [], `${file} deny`)), ...(yield* rules(input.deny, "--deny"))]
    }
  })

/** Whether the whole `text` matches an opencode wildcard (`*` any run of characters, `?` one). */
export const wildcard = (pattern: string, text: string): boolean => {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]")
  return new RegExp(`^${source}$`).test(text)
}

const matches = (rule: Rule, permission: string, pattern: string) =>
  wildcard(rule.permission, permission) && wildcard(rule.pattern, pattern)

/** The answer to a request, and the rule that decided it (none: no allow rule covers it). */
export interface Decision {
  readonly reply: "once" | "reject"
  readonly rule: Rule | undefined
}

/**
 * Decides a request: `reject` when a deny rule matches one of its patterns (its permission when it
 * has none), `once` when allow rules cover every one, else `reject`.
 */
export const decide = (
  policy: Policy,
  request: Pick<Permission.PermissionRequest, "permission" | "patterns">
): Decision => {
  const patterns = request.patterns.length > 0 ? request.patterns : ["*"]
  for (const pattern of patterns) {
    const denied = policy.deny.find((r) => matches(r, request.permission, pattern))
    if (denied !== undefined) return { reply: "reject", rule: denied }
  }
  let last: Rule | undefined
  for (const pattern of patterns) {
    last = policy.allow.find((r) => matches(r, request.permission, pattern))
    if (last === undefined) return { reply: "reject", rule: undefined }
  }
  return { reply: "once", rule: last }
}

/**
 * Session rules (`ask`) for everything the policy names, given to the session a run creates: the
 * server's own configuration might otherwise allow or deny it without asking.
 */
export const askRules = (policy: Policy): ReadonlyArray<Session.PermissionRule> =>
  [...policy.allow, ...policy.deny].map((r) => ({ permission: r.permission, pattern: r.pattern, action: "ask" as const }))

/** The stderr line reporting a decision. */
export const decisionLine = (
  request: Pick<Permission.PermissionRequest, "permission" | "patterns">,
  decision: Decision
): string => {
  const what = `permission ${request.permission}${request.patterns.length > 0 ? ` (${request.patterns.join(", ")})` : ""}`
  return decision.reply === "once"
    ? `${what} allowed by ${decision.rule?.source ?? "the policy"}`
    : `${what} rejected: ${decision.rule !== undefined ? `denied by ${decision.rule.source}` : "no --allow rule covers it"}`
}

/**
 * Answers one session's permission requests by the policy (those pending at the start and those
 * asked later, across reconnects), reporting each decision, until interrupted: fork it for the
 * run's life. A request answered elsewhere meanwhile (404) is skipped.
 */
export const answer = Effect.fn("Permissions.answer")(function*(
  policy: Policy,
  sessionID: string,
  report: (line: string) => Effect.Effect<void>
) {
  const events = yield* EventService.EventService
  const permissions = yield* PermissionService.PermissionService
  yield* events.permissionRequests({ sessionID }).pipe(
    Stream.runForEach((request) => {
      const decision = decide(policy, request)
      return permissions.reply(request.id, decision.reply, decision.reply === "reject"
        ? { message: `Rejected by the effect-opencode permission policy (${decision.rule?.source ?? "no rule allows it"})` }
        : {}).pipe(
          Effect.andThen(report(decisionLine(request, decision))),
          Effect.catchIf((e) => e._tag === "ApiError" && e.status === 404, () => Effect.void)
        )
    })
  )
})
