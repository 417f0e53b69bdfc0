import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Schedule } from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as OpencodeClient from "../../src/layers/OpencodeClient.ts"
import * as ProjectServiceModule from "../../src/services/ProjectService.ts"
import { ProjectService } from "../../src/services/ProjectService.ts"
import * as SessionService from "../../src/services/SessionService.ts"
import * as MockHttp from "../../src/testing/MockHttp.ts"
import * as TestServer from "../../src/testing/TestServer.ts"
import { OpencodeNode, OpencodeServer } from "../../src/server.ts"

const Mock = (handler: Parameters<typeof MockHttp.layer>[0]) =>
  ProjectServiceModule.layer.pipe(
    Layer.provideMerge(OpencodeClient.layer({ baseUrl: "http://opencode.test", directory: "/repo", maxRetries: 0 })),
    Layer.provideMerge(MockHttp.layer(handler))
  )

const requests = Effect.flatMap(MockHttp.MockHttp, (m) => m.requests)

describe("ProjectService (swapped HttpClient)", () => {
  it.effect("the raw diff is read as text; a JSON or HTML answer there is a DecodeError", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      expect(yield* projects.vcsDiffRaw()).toBe("diff --git a/x b/x\n")
      const html = yield* Effect.flip(projects.vcsDiffRaw())
      expect(html._tag).toBe("DecodeError")
      const err = yield* Effect.flip(projects.vcsDiffRaw())
      expect(err._tag === "ApiError" && err.name).toBe("BadRequest")
      const [req] = yield* requests
      expect(req!.url.searchParams.get("directory")).toBe("/repo")
    }).pipe(Effect.provide(Mock((_req, n) =>
      n === 1
        ? MockHttp.text(200, "diff --git a/x b/x\n", "text/x-diff; charset=utf-8")
        : n === 2
        ? MockHttp.text(200, "<html></html>", "text/html")
        : MockHttp.json(400, { name: "BadRequest", data: { message: "no" } })
    ))))

  it.effect("a patch that does not apply is an ApiError named VcsApplyError with its reason", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      const e = yield* Effect.flip(projects.vcsApply("garbage"))
      expect(e._tag === "ApiError" && e.name).toBe("VcsApplyError")
      expect(e._tag === "ApiError" && (e.data as { reason?: string }).reason).toBe("not-clean")
      expect((yield* Effect.flip(projects.vcsApply("  ")))._tag).toBe("ValidationError")
    }).pipe(Effect.provide(Mock(() =>
      MockHttp.json(400, { name: "VcsApplyError", data: { message: "Patch can't be applied", reason: "not-clean" } })
    ))))

  it.effect("validates project ids and options; sessions() sends no directory", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      expect((yield* Effect.flip(projects.update("a/b", { name: "x" })))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(projects.vcsDiff({ context: -1 })))._tag).toBe("ValidationError")
      expect((yield* Effect.flip(projects.removeWorktree("")))._tag).toBe("ValidationError")
      yield* projects.sessions({ limit: 3, roots: true })
      const [req] = yield* requests
      expect(req!.url.pathname).toBe("/experimental/session")
      expect(req!.url.searchParams.has("directory")).toBe(false)
      expect(req!.url.searchParams.get("limit")).toBe("3")
    }).pipe(Effect.provide(Mock(() => MockHttp.json(200, [])))))
})

const Live = Layer.mergeAll(ProjectServiceModule.layer, SessionService.layer).pipe(
  Layer.provideMerge(OpencodeServer.layerClient()),
  Layer.provideMerge(TestServer.layer({ files: { "src/app.ts": "export const app = 1\n" } })),
  Layer.provide(OpencodeNode.layerHttpClient)
)

layer(Live, { excludeTestServices: true, timeout: Duration.seconds(60) })("ProjectService against opencode serve", (it) => {
  it.effect("the current project is the git repository; it is listed, renamed, and its directories known", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      const project = yield* TestServer.TestProject
      const current = yield* projects.current()
      expect(current.worktree).toBe(project.directory)
      expect(current.vcs).toBe("git")
      expect(current.id).not.toBe("global")
      expect((yield* projects.list()).map((p) => p.id)).toContain(current.id)
      const renamed = yield* projects.update(current.id, { name: "Effect test", commands: { start: "true" } })
      expect(renamed.name).toBe("Effect test")
      expect(renamed.commands?.start).toBe("true")
      const dirs = yield* projects.directories(current.id)
      expect(Array.isArray(dirs)).toBe(true)
      const missing = yield* Effect.flip(projects.update("no-such-project", { name: "x" }))
      expect(missing._tag === "ApiError" && missing.status).toBe(404)
    }))

  it.effect("branch, status, diffs, raw patch, and applying it back", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      const project = yield* TestServer.TestProject
      expect((yield* projects.vcs()).branch).toBe("main")
      expect(yield* projects.vcsStatus()).toEqual([])
      // a clean tree's raw diff is empty text (read with the table's content type, text/x-diff)
      expect(yield* projects.vcsDiffRaw()).toBe("")

      NodeFs.appendFileSync(project.path("src", "app.ts"), "export const more = 2\n")
      NodeFs.writeFileSync(project.path("added.txt"), "new file\n")
      const status = yield* projects.vcsStatus()
      expect(status).toEqual(expect.arrayContaining([
        { file: "src/app.ts", additions: 1, deletions: 0, status: "modified" },
        { file: "added.txt", additions: 1, deletions: 0, status: "added" }
      ]))
      const diffs = yield* projects.vcsDiff()
      expect(diffs.find((d) => d.file === "src/app.ts")?.patch).toContain("+export const more = 2")
      const branchDiffs = yield* projects.vcsDiff({ mode: "branch", context: 0 })
      expect(Array.isArray(branchDiffs)).toBe(true)
      const raw = yield* projects.vcsDiffRaw()
      expect(raw).toContain("diff --git a/src/app.ts b/src/app.ts")
      expect(raw).toContain("+new file")

      // Put the tree back, then re-apply the raw patch.
      NodeFs.writeFileSync(project.path("src", "app.ts"), "export const app = 1\n")
      NodeFs.rmSync(project.path("added.txt"))
      expect(yield* projects.vcsStatus()).toEqual([])
      yield* projects.vcsApply(raw)
      expect(NodeFs.readFileSync(project.path("src", "app.ts"), "utf8")).toContain("more = 2")
      expect(NodeFs.readFileSync(project.path("added.txt"), "utf8")).toBe("new file\n")
      const notClean = yield* Effect.flip(projects.vcsApply(raw))
      expect(notClean._tag === "ApiError" && notClean.name).toBe("VcsApplyError")

      NodeFs.writeFileSync(project.path("src", "app.ts"), "export const app = 1\n")
      NodeFs.rmSync(project.path("added.txt"))
    }))

  it.effect("creates, lists, resets and removes a worktree", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      const worktree = yield* projects.createWorktree({ name: "effect-wt" })
      expect(worktree.name).toBe("effect-wt")
      expect(worktree.branch).toBe("opencode/effect-wt")
      // The checkout finishes in the background after the answer.
      yield* Effect.retry(
        Effect.suspend(() =>
          NodeFs.existsSync(NodePath.join(worktree.directory, "src", "app.ts")) ? Effect.void : Effect.fail("not yet")
        ),
        { schedule: Schedule.spaced("100 millis"), times: 100 }
      )
      expect(yield* projects.worktrees()).toContain(worktree.directory)
      yield* projects.resetWorktree(worktree.directory)
      yield* projects.removeWorktree(worktree.directory)
      expect(yield* projects.worktrees()).not.toContain(worktree.directory)
    }))

  it.effect("git init in a plain directory", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      const dir = NodeFs.realpathSync(NodeFs.mkdtempSync(NodePath.join(NodeOs.tmpdir(), "effect-opencode-nogit-")))
      try {
        const before = yield* projects.current({ directory: dir })
        expect(before.id).toBe("global")
        expect(before.vcs).toBeUndefined()
        const after = yield* projects.initGit({ directory: dir })
        expect(after.vcs).toBe("git")
        expect(NodeFs.existsSync(NodePath.join(dir, ".git"))).toBe(true)
      } finally {
        NodeFs.rmSync(dir, { recursive: true, force: true })
      }
    }))

  it.effect("sessions of every project", () =>
    Effect.gen(function*() {
      const projects = yield* ProjectService
      const sessions = yield* SessionService.SessionService
      const created = yield* sessions.create({ title: "global listing" })
      const all = yield* projects.sessions({ search: "global listing" })
      const found = all.find((s) => s.id === created.id)
      expect(found?.title).toBe("global listing")
      expect(found?.project?.worktree).toBe((yield* TestServer.TestProject).directory)
      yield* sessions.delete(created.id)
    }))
})
