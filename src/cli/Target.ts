/**
 * The server a CLI command talks to: an embedded `opencode serve` in `--dir` (the default), or the
 * one at `--url` / `OPENCODE_BASE_URL`. Embedded, the offline demo model (`local/echo`) is added to
 * its configuration and is the default model when the user's opencode configuration names none.
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as NodePath from "node:path"
import { callWith } from "../api/Call.ts"
import * as Op from "../api/Operations.ts"
import type { RequestError, ServerStartError } from "../Errors.ts"
import { deepMerge } from "../internal/merge.ts"
import { type ShownUrl, shownUrl } from "../internal/url.ts"
import * as OpencodeClient from "../layers/OpencodeClient.ts"
import * as OpencodeNode from "../layers/OpencodeNode.ts"
import * as OpencodeServer from "../layers/OpencodeServer.ts"
import * as DemoModel from "../model/DemoModel.ts"
import * as Run from "../services/Run.ts"
import { InputError } from "./Report.ts"

/** A model as `provider/model`. */
export interface ModelRef {
  readonly providerID: string
  readonly modelID: string
}

/** Parses `provider/model` (the model id may hold more slashes); anything else is an `InputError`. */
export const parseModel = (value: string): Effect.Effect<ModelRef, InputError> => {
  const slash = value.indexOf("/")
  return slash <= 0 || slash === value.length - 1
    ? Effect.fail(
      new InputError({
        message: `invalid model ${JSON.stringify(value)}`,
        hint: "write it as provider/model, e.g. anthropic/claude-sonnet-4-5 or local/echo"
      })
    )
    : Effect.succeed({ providerID: value.slice(0, slash), modelID: value.slice(slash + 1) })
}

/** What a command knows about its server. */
export interface Info {
  readonly mode: "embedded" | "remote"
  /** The server's URL without credentials (`shownUrl`): the only form of it a command can show. */
  readonly url: ShownUrl
  /** The project directory (embedded: where the server runs; remote: the `--dir` sent, if any). */
  readonly directory: string | undefined
  /** The model to send with prompts; `undefined`: the server's default. */
  readonly model: ModelRef | undefined
  /** Where the model comes from, for the banner. */
  readonly modelSource: "flag" | "demo" | "config" | "server"
  /** Whether the offline demo model answers the prompts. */
  readonly offline: boolean
  /** The embedded server's process id, version and binary. */
  readonly pid: number | undefined
  readonly version: string | undefined
  readonly binary: string | undefined
  readonly binarySource: string | undefined
}

/** The service holding {@link Info}. */
export class Target extends Context.Service<Target, Info>()("effect-opencode/cli/Target") {}

/** Options of {@link make}. */
export interface Options {
  /** `--url`; absent, `OPENCODE_BASE_URL`; absent too, the server is embedded. */
  readonly url?: string | undefined
  /** `--dir`. */
  readonly dir?: string | undefined
  /** `--model`, `provider/model`. */
  readonly model?: string | undefined
  /** Whether the command prompts a model (the demo model is only needed then). Default true. */
  readonly needsModel?: boolean | undefined
}

/** The user's `OPENCODE_CONFIG_CONTENT` object, to merge the demo model into; `{}` when unset or not a JSON object (opencode would reject it too). */
export const userConfig = (): Record<string, unknown> => {
  const content = process.env.OPENCODE_CONFIG_CONTENT
  if (content === undefined || content.trim() === "") return {}
  try {
    const parsed: unknown = JSON.parse(content)
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {}
  } catch {
    return {}
  }
}

const isDemo = (m: ModelRef | undefined) =>
  m !== undefined && m.providerID === DemoModel.providerID && m.modelID === DemoModel.modelID

const embedded = (dir: string | undefined, flagModel: ModelRef | undefined, needsModel: boolean) =>
  Effect.gen(function*() {
    const directory = NodePath.resolve(dir ?? process.cwd())
    // The demo model is added only when no other model was asked for: it would shadow a user's provider named `local`.
    const withDemo = needsModel && (flagModel === undefined || isDemo(flagModel))
    const demoConfig = withDemo ? DemoModel.providerConfig(yield* DemoModel.start()) : undefined
    const config = demoConfig === undefined ? undefined : deepMerge(userConfig(), demoConfig)
    const server = yield* OpencodeServer.make({ cwd: directory, ...(config !== undefined ? { config } : {}) })
    const clientContext = yield* Layer.build(
      OpencodeServer.layerClient().pipe(
        Layer.provide(Layer.succeed(OpencodeServer.OpencodeServer, server)),
        Layer.provide(OpencodeNode.layerHttpClient)
      )
    )
    let model = flagModel
    let modelSource: Info["modelSource"] = flagModel === undefined ? "server" : "flag"
    if (flagModel === undefined && withDemo) {
      // The user's configuration wins; without one the demo model answers.
      const client = Context.get(clientContext, OpencodeClient.OpencodeClient)
      const configured = yield* callWith(client)(Op.configGet).pipe(
        Effect.map((c) => c.model),
        Effect.orElseSucceed(() => undefined)
      )
      if (configured !== undefined && configured !== "") {
        modelSource = "config"
        model = yield* parseModel(configured).pipe(Effect.orElseSucceed(() => undefined))
      } else {
        modelSource = "demo"
        model = { providerID: DemoModel.providerID, modelID: DemoModel.modelID }
      }
    }
    const info: Info = {
      mode: "embedded",
      url: shownUrl(server.url),
      directory,
      model,
      modelSource,
      offline: isDemo(model),
      pid: server.pid,
      version: server.version,
      binary: server.binary,
      binarySource: server.binarySource
    }
    return { info, clientContext }
  })

const remote = (url: string, dir: string | undefined, flagModel: ModelRef | undefined) =>
  Effect.gen(function*() {
    const directory = dir === undefined ? undefined : NodePath.resolve(dir)
    const clientContext = yield* Layer.build(
      OpencodeClient.layerConfig({ baseUrl: url, ...(directory !== undefined ? { directory } : {}) })
    )
    const info: Info = {
      mode: "remote",
      url: shownUrl(url),
      directory,
      model: flagModel,
      modelSource: flagModel === undefined ? "server" : "flag",
      offline: isDemo(flagModel),
      pid: undefined,
      version: undefined,
      binary: undefined,
      binarySource: undefined
    }
    return { info, clientContext }
  })

/**
 * The URL of `--url` or `$OPENCODE_BASE_URL`, trimmed, without trailing slashes; a usage error
 * unless http(s) with a host, whose message shows the value sanitised (a malformed URL may still
 * hold a password) and what a valid one looks like.
 */
export const checkUrl = (raw: string, source: "--url" | "OPENCODE_BASE_URL"): Effect.Effect<string, InputError> => {
  const url = raw.trim().replace(/\/+$/, "")
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  return parsed !== undefined && (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== ""
    ? Effect.succeed(url)
    : Effect.fail(
      new InputError({
        message: `invalid ${source} ${JSON.stringify(shownUrl(raw))}`,
        hint:
          "give the URL of an opencode server as http://host:port, e.g. http://127.0.0.1:4096 (what `opencode serve` prints); its password goes in $OPENCODE_SERVER_PASSWORD",
        usage: true
      })
    )
}

/**
 * Connects to the command's server for the life of the scope (starting the embedded one and the
 * demo model, or using the URL's) and provides {@link Target} and a run's services over it.
 */
export const make = (options: Options): Effect.Effect<
  Context.Context<Target | Run.RunServices | OpencodeClient.OpencodeClient>,
  ServerStartError | RequestError | InputError | Config.ConfigError,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const flagModel = options.model === undefined ? undefined : yield* parseModel(options.model)
    const envUrl = Option.getOrUndefined(yield* Config.option(Config.String("OPENCODE_BASE_URL")))
    const url = options.url !== undefined
      ? yield* checkUrl(options.url, "--url")
      : envUrl !== undefined && envUrl.trim() !== ""
      ? yield* checkUrl(envUrl, "OPENCODE_BASE_URL")
      : undefined
    const { clientContext, info } = url !== undefined
      ? yield* remote(url, options.dir, flagModel)
      : yield* embedded(options.dir, flagModel, options.needsModel ?? true)
    const services = yield* Layer.build(Run.layerFromClient.pipe(Layer.provide(Layer.succeedContext(clientContext))))
    return Context.merge(clientContext, services).pipe(Context.add(Target, info))
  })

/** A command's banner: which server, which model, and a note when the offline demo model answers. */
export const banner = (info: Info): string => {
  const where = info.mode === "embedded"
    ? `embedded opencode ${info.version ?? ""} in ${info.directory}`.replace("  ", " ")
    : `opencode server ${info.url}${info.directory !== undefined ? ` (directory ${info.directory})` : ""}`
  const model = info.model === undefined
    ? "the server's default model"
    : `model ${info.model.providerID}/${info.model.modelID}`
  const note = info.offline
    ? " (offline demo model: it repeats the prompt, no AI; use --model provider/model for a real one)"
    : info.modelSource === "config"
    ? " (from your opencode config)"
    : ""
  return `effect-opencode · ${where} · ${model}${note}`
}
