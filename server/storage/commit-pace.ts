// Where the SQLite writer commits the next batch of workspace writes (sqlite-writer.ts).
//
// On the event loop ('inline') a commit costs no hand-off between threads, but the loop waits for the
// disk: fine while commits are quick and few. On the writer thread ('thread') the loop goes on serving
// sockets while the disk syncs, at the price of two hand-offs a batch. So: inline while the recent
// commits are quick and take a small share of the loop's time, the thread once they are slow (a
// contended disk, big batches) or frequent enough that the waits add up (at 1,200 commits a second of
// 0.3 ms, a third of the loop's time), and back when both are well under their limits. Moving back
// waits until nothing is in flight on the thread, so commits land in the order they were asked for.
export type CommitPlace = 'inline' | 'thread'

export interface PaceLimits {
  /** A moving average of commit time above this moves commits to the thread (ms). */
  slowMs: number
  /** ...and below this brings them back (ms). */
  fastMs: number
  /** How many commits the moving average spans, about. */
  window: number
  /** The share of the loop's time commits may take (0 to 1), over about `shareOverMs`. */
  maxShare: number
  shareOverMs: number
}

export const DEFAULT_PACE: PaceLimits = {
  slowMs: 2,
  fastMs: 0.5,
  window: 20,
  maxShare: 0.2,
  shareOverMs: 1000,
}

export class CommitPace {
  private place: CommitPlace = 'inline'
  /** Exponential moving average of recent commit times (ms), wherever they ran. */
  private average: number | null = null
  /** Commit time in the last `shareOverMs` or so (ms, decayed exponentially), and when it was updated. */
  private busy = 0
  private busyAt = 0

  constructor(private readonly limits: PaceLimits = DEFAULT_PACE) {}

  /** A commit took `ms`, timed where it ran, ending at `at` (performance.now()). */
  observe(ms: number, at: number = performance.now()): void {
    const weight = 2 / (this.limits.window + 1)
    this.average = this.average === null ? ms : this.average + weight * (ms - this.average)
    this.busy = this.busyAt ? this.decayed(at) + ms : ms
    this.busyAt = at
  }

  /** A commit on the loop met another process's write lock: slow by any measure, so the thread next. */
  blocked(ms: number, at?: number): void {
    this.observe(Math.max(ms, 10 * this.limits.slowMs), at)
  }

  /** Where commits go now (without deciding again). */
  get current(): CommitPlace {
    return this.place
  }

  /** The share of the loop's time recent commits took, or would have taken inline (0 to 1). */
  share(at: number = this.busyAt): number {
    return this.decayed(at) / this.limits.shareOverMs
  }

  private decayed(at: number): number {
    return this.busy * Math.exp(-Math.max(0, at - this.busyAt) / this.limits.shareOverMs)
  }

  /** Where the next commit goes; `threadIdle`: no commit is in flight on the thread. */
  next(threadIdle: boolean): CommitPlace {
    if (this.average === null) return this.place
    const share = this.share()
    if (this.place === 'inline' && (this.average > this.limits.slowMs || share > this.limits.maxShare))
      this.place = 'thread'
    else if (
      this.place === 'thread' &&
      threadIdle &&
      this.average < this.limits.fastMs &&
      share < this.limits.maxShare / 2
    )
      this.place = 'inline'
    return this.place
  }

  /** The moving average of commit times (ms), for metrics. */
  get averageMs(): number | null {
    return this.average
  }
}
