/**
 * Batch progress of the CLI on stderr (stdout keeps only results): a live bar redrawn in place on
 * a terminal, plain lines (one per finished task) otherwise.
 */
import type * as Tasks from "../tasks/Progress.ts"
import * as Format from "./Format.ts"

/** The tasks that ended (finished, failed or skipped). */
export const ended = (progress: Tasks.Progress): number => progress.finished + progress.failed + progress.skipped

/** The tasks started so far: ended and under way. */
export const started = (progress: Tasks.Progress): number => ended(progress) + progress.running

/** The cost (dollars) and tokens the batch's finished tasks have used so far, as the bar shows them. */
export interface Spent {
  readonly cost: number
  readonly tokens: number
}

/** The cost and tokens of one finished task's output. */
export const spentOf = (output: { readonly cost: number; readonly tokens: { readonly total: number } }): Spent => ({
  cost: output.cost,
  tokens: output.tokens.total
})

/** The time left at the pace so far (elapsed per ended task × tasks left); `undefined` before the first ends and after the last. */
export const eta = (progress: Tasks.Progress, millis: number): number | undefined => {
  const done = ended(progress)
  if (done === 0 || done >= progress.total) return undefined
  return (millis / done) * (progress.total - done)
}

/**
 * The bar for the kernel's progress counts, whatever the engine:
 * `[#####·····] 5/10 · 2 running · 1 failed · 1 skipped · $0.0042 · 4,200 tokens · 12.3 s · ETA 12.3 s`
 * (cost and tokens when `spent` is given, the ETA once a task has ended).
 */
export const bar = (progress: Tasks.Progress, millis: number, width = 24, spent?: Spent): string => {
  const done = ended(progress)
  const filled = progress.total === 0 ? width : Math.round((done / progress.total) * width)
  const left = eta(progress, millis)
  const parts = [
    `[${"#".repeat(filled)}${"·".repeat(width - filled)}] ${done}/${progress.total}`,
    ...(progress.running > 0 ? [`${progress.running} running`] : []),
    ...(progress.failed > 0 ? [`${progress.failed} failed`] : []),
    ...(progress.skipped > 0 ? [`${progress.skipped} skipped`] : []),
    ...(spent !== undefined ? [Format.cost(spent.cost), `${Format.count(spent.tokens)} tokens`] : []),
    Format.duration(millis),
    ...(left !== undefined ? [`ETA ${Format.duration(left)}`] : [])
  ]
  return parts.join(" · ")
}

/** A finished task's line: `[1/3] ✓ t1 (1.2 s)`, with the error for a failure. */
export const taskLine = (
  task: { readonly ok: boolean; readonly id: string; readonly millis: number; readonly error?: string | undefined },
  progress: Tasks.Progress
): string =>
  `[${ended(progress)}/${progress.total}] ${task.ok ? "✓" : "✗"} ${task.id} (${
    Format.duration(task.millis)
  })${task.error !== undefined ? `: ${task.error}` : ""}`

/**
 * Writes progress to a stream: on a terminal, finished tasks scroll above a bar redrawn in place
 * (and every second, for the clock); otherwise one plain line per finished task.
 */
export class Reporter {
  readonly #out: { write: (s: string) => unknown; columns?: number | undefined }
  readonly #tty: boolean
  readonly #started = Date.now()
  #progress: Tasks.Progress = { total: 0, finished: 0, failed: 0, skipped: 0, running: 0 }
  #spent: { cost: number; tokens: number } = { cost: 0, tokens: 0 }
  #drawn = false
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(out: { write: (s: string) => unknown; columns?: number | undefined }, tty: boolean) {
    this.#out = out
    this.#tty = tty
    if (tty) {
      this.#timer = setInterval(() => this.#draw(), 1000)
      this.#timer.unref()
    }
  }

  #clear(): void {
    if (this.#drawn) this.#out.write("\r\x1b[2K")
    this.#drawn = false
  }

  #draw(): void {
    if (!this.#tty) return
    const width = Math.max(10, Math.min(30, (this.#out.columns ?? 80) - 50))
    this.#clear()
    this.#out.write(bar(this.#progress, Date.now() - this.#started, width, this.#spent))
    this.#drawn = true
  }

  /** A change of the counts (a task started or finished). */
  update(progress: Tasks.Progress): void {
    this.#progress = progress
    this.#draw()
  }

  /** What the batch has used so far (cost and tokens of the tasks that finished). */
  get spent(): Spent {
    return this.#spent
  }

  /** A task finished; its cost and tokens (when it has them) add to the bar's totals. */
  finished(
    task: {
      readonly ok: boolean
      readonly id: string
      readonly millis: number
      readonly error?: string | undefined
      readonly spent?: Spent | undefined
    },
    progress: Tasks.Progress
  ): void {
    this.#progress = progress
    if (task.spent !== undefined) {
      this.#spent = { cost: this.#spent.cost + task.spent.cost, tokens: this.#spent.tokens + task.spent.tokens }
    }
    this.line(taskLine(task, progress))
  }

  /** A line above the bar. */
  line(text: string): void {
    this.#clear()
    this.#out.write(`${text}\n`)
    this.#draw()
  }

  /** Stops redrawing and leaves the last bar on its own line. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#timer = undefined
    if (this.#drawn) {
      this.#out.write("\n")
      this.#drawn = false
    }
  }
}
