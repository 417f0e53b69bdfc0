/**
 * The test harness: a real `opencode serve`, isolated and offline, wired to a {@link ScriptedModel}
 * and running in a fresh temporary git project.
 */
import * as NodeChildProcessSpawner from "@effect/platform-node/NodeChildProcessSpawner"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as ChildProcess from "effect/process/ChildProcess"
import { ChildProcessSpawner } from "effect/process/ChildProcessSpawner"
import type * as Scope from "effect/Scope"
import * as NodePathModule from "node:path"
import { ServerStartError } from "../Errors.ts"
import { deepMerge } from "../internal/merge.ts"
import * as OpencodeServer from "../layers/OpencodeServer.ts"
import * as ScriptedModel from "./ScriptedModel.ts"

/** The temporary project the test server runs in: a git repository with one commit (`README.md`), removed with the layer's scope. */
export class TestProject extends Context.Service<TestProject, {
  /** The absolute, real path of the project directory. */
  readonly directory: string
  /** The absolute path of a file inside the project. */
  readonly path: (...segments: ReadonlyArray<string>) => string
}>()("effect-opencode/testing/TestProject") {}

/** Options of {@link layer} and {@link make}. */
export interface Options {
  /** Extra opencode configuration, deep-merged over the base test configuration. */
  readonly config?: Readonly<Record<string, unknown>> | undefined
  /** Options of the scripted model. */
  readonly model?: ScriptedModel.Options | undefined
  /** Options of the server (the project directory, config and isolation are set by the harness). */
  readonly server?: Omit<OpencodeServer.Options, "cwd" | "config" | "isolate"> | undefined
  /** Extra files committed in the project, by relative path. Default: only `README.md`. */
  readonly files?: Readonly<Record<string, string>> | undefined
}

/** Everything the harness started. */
export interface TestServerParts {
  readonly model: ScriptedModel.ScriptedModelShape
  readonly server: OpencodeServer.OpencodeServerShape
  readonly project: TestProject["Service"]
}

/** The opencode configuration pointing at a local OpenAI-compatible model (`local/echo`). */
export const baseConfig = (baseURL: string): Record<string, unknown> => ({
  provider: {
    local: {
      npm: "@ai-sdk/openai-compatible",
      name: "Local",
      options: { baseURL, apiKey: "x" },
      models: { echo: { name: "Echo" } }
    }
  },
  model: "local/echo",
  autoupdate: false,
  share: "disabled"
})

/** Merges `override` into `base`: nested plain objects are merged, anything else is replaced. */
export { deepMerge }

const platformLayer = Layer.provideMerge(
  NodeChildProcessSpawner.layer,
  Layer.merge(NodeFileSystem.layer, NodePath.layer)
)

const projectError = (message: string) =>
  new ServerStartError({ reason: "SpawnFailed", message: `Could not create the test project: ${message}`, output: [] })

const makeProject = Effect.fnUntraced(function*(files: Readonly<Record<string, string>>) {
  const fs = yield* FileSystem.FileSystem
  const spawner = yield* ChildProcessSpawner
  const created = yield* fs.makeTempDirectoryScoped({ prefix: "effect-opencode-project-" }).pipe(
    Effect.mapError((e) => projectError(e.message))
  )
  const directory = yield* fs.realPath(created).pipe(Effect.mapError((e) => projectError(e.message)))
  const all: Record<string, string> = { "README.md": "# Test project\n", ...files }
  for (const [relative, content] of Object.entries(all)) {
    const file = NodePathModule.join(directory, relative)
    yield* fs.makeDirectory(NodePathModule.dirname(file), { recursive: true }).pipe(
      Effect.andThen(fs.writeFileString(file, content)),
      Effect.mapError((e) => projectError(e.message))
    )
  }
  // Offline and independent of the user's git configuration.
  const env = {
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_DATE: "2025-01-01T00:00:00Z",
    GIT_COMMITTER_DATE: "2025-01-01T00:00:00Z"
  }
  const git = (...args: ReadonlyArray<string>) =>
    spawner.exitCode(ChildProcess.make("git", args, { cwd: directory, env, extendEnv: true, stdin: "ignore" })).pipe(
      Effect.mapError((e) => projectError(`git ${args.join(" ")}: ${e.message}`)),
      Effect.flatMap((code) =>
        code === 0 ? Effect.void : Effect.fail(projectError(`git ${args.join(" ")} exited with code ${code}`))
      )
    )
  yield* git("-c", "init.defaultBranch=main", "init", "-q")
  yield* git("config", "user.name", "effect-opencode test")
  yield* git("config", "user.email", "test@effect-opencode.invalid")
  yield* git("config", "commit.gpgsign", "false")
  yield* git("add", "-A")
  yield* git("commit", "-q", "-m", "Initial commit")
  return TestProject.of({
    directory,
    path: (...segments) => NodePathModule.join(directory, ...segments)
  })
})

/**
 * Starts a scripted model, a temporary git project and an isolated `opencode serve` in it, for the
 * life of the scope; all stopped and removed when it closes.
 */
export const make = (options: Options = {}): Effect.Effect<TestServerParts, ServerStartError, Scope.Scope> =>
  Effect.gen(function*() {
    const model = yield* ScriptedModel.make(options.model)
    const project = yield* makeProject(options.files ?? {})
    const server = yield* OpencodeServer.make({
      ...options.server,
      cwd: project.directory,
      isolate: true,
      config: deepMerge(baseConfig(model.baseURL), options.config ?? {})
    })
    return { model, server, project }
  }).pipe(Effect.provide(platformLayer))

/**
 * Provides {@link ScriptedModel.ScriptedModel}, {@link OpencodeServer.OpencodeServer} and
 * {@link TestProject}: a real, isolated `opencode serve` answering through a scripted model, in a
 * temporary git project. Share it across a file's tests; reset the model between tests.
 * @example
 * ```ts
 * import { expect, layer } from "@effect/vitest"
 * import { Effect } from "effect"
 * import { OpencodeServer } from "effect-opencode/server"
 * import { ScriptedModel, TestServer } from "effect-opencode/testing"
 *
 * layer(TestServer.layer(), { excludeTestServices: true })("my feature", (it) => {
 *   it.effect("answers", () =>
 *     Effect.gen(function*() {
 *       const model = yield* ScriptedModel.ScriptedModel
 *       const server = yield* OpencodeServer.OpencodeServer
 *       const project = yield* TestServer.TestProject
 *       yield* model.script(ScriptedModel.text("Hello"))
 *       expect(server.url).toContain("127.0.0.1")
 *       expect(project.directory).toBeTruthy()
 *     }))
 * })
 * ```
 */
export const layer = (
  options?: Options
): Layer.Layer<ScriptedModel.ScriptedModel | OpencodeServer.OpencodeServer | TestProject, ServerStartError> =>
  Layer.effectContext(
    Effect.map(make(options), ({ model, project, server }) =>
      Context.make(ScriptedModel.ScriptedModel, model).pipe(
        Context.add(OpencodeServer.OpencodeServer, server),
        Context.add(TestProject, project)
      ))
  )
