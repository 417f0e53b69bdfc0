/**
 * Reading a V8 CPU profile (`node --cpu-prof`), shared by bench/profile-summary.ts (one profile of
 * a bench/batch.ts child) and bench/cpuprofile.ts (the runners of a bench/cluster.ts run).
 */

export interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
  readonly columnNumber: number
}
export interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: ReadonlyArray<number>
}
export interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly startTime: number
  readonly endTime: number
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** The value after `name` on the command line. */
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/**
 * Calls `f` for each sample of `profile` taken in [fromUs, toUs) (the profile's monotonic clock)
 * with its leaf frame, its stack (leaf first, up to but without `(root)`) and the µs it stands
 * for (until the next sample).
 */
export const forEachSample = (
  profile: Profile,
  fromUs: number,
  toUs: number,
  f: (leaf: CallFrame, stack: ReadonlyArray<CallFrame>, us: number) => void
): void => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  let t = profile.startTime
  const times = profile.timeDeltas.map((d) => (t += d))
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i]!
    if (at < fromUs || at >= toUs) continue
    const leaf = byId.get(profile.samples[i]!)!
    const stack: Array<CallFrame> = []
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame
      if (frame.functionName === "(root)") break
      stack.push(frame)
    }
    f(leaf.callFrame, stack, (times[i + 1] ?? profile.endTime) - at)
  }
}
