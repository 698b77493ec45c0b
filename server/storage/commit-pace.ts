// Where the SQLite writer commits the next batch of workspace writes (sqlite-writer.ts).
//
// On the event loop ('inline') a commit costs no hand-off between threads, but the loop waits for the
// disk: fine while a commit takes a fraction of a millisecond. On the writer thread ('thread') the loop
// goes on serving sockets while the disk syncs, at the price of two hand-offs a batch. So: inline while
// the recent commits are quick, the thread once they are slow (a contended disk, or batches big enough
// to hold the loop), and back when they are quick again. Moving back waits until nothing is in flight
// on the thread, so commits land in the order they were asked for.
export type CommitPlace = 'inline' | 'thread'

export interface PaceLimits {
  /** A moving average of commit time above this moves commits to the thread (ms). */
  slowMs: number
  /** ...and below this brings them back (ms). */
  fastMs: number
  /** How many commits the moving average spans, about. */
  window: number
  /** Always commit here (configuration: SQLITE_WRITER). */
  pinned?: CommitPlace
}

export const DEFAULT_PACE: PaceLimits = { slowMs: 2, fastMs: 0.5, window: 20 }

export class CommitPace {
  private place: CommitPlace
  /** Exponential moving average of recent commit times (ms), wherever they ran. */
  private average: number | null = null

  constructor(private readonly limits: PaceLimits = DEFAULT_PACE) {
    this.place = limits.pinned ?? 'inline'
  }

  /** A commit took `ms`, timed where it ran. */
  observe(ms: number): void {
    const weight = 2 / (this.limits.window + 1)
    this.average = this.average === null ? ms : this.average + weight * (ms - this.average)
  }

  /** Where the next commit goes; `threadIdle`: no commit is in flight on the thread. */
  next(threadIdle: boolean): CommitPlace {
    if (this.limits.pinned || this.average === null) return this.place
    if (this.place === 'inline' && this.average > this.limits.slowMs) this.place = 'thread'
    else if (this.place === 'thread' && threadIdle && this.average < this.limits.fastMs) this.place = 'inline'
    return this.place
  }

  /** The moving average of commit times (ms), for metrics. */
  get averageMs(): number | null {
    return this.average
  }
}
