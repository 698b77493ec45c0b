// One waiter per turn of the event loop. Loading a panel is a few milliseconds of synchronous work
// (SQLite reads, building the record doc); a hundred panels opened at once would otherwise run back
// to back as one long task, and every open panel's members would wait for all of it. Let through one
// per turn, the loop polls sockets between loads: members typing elsewhere are served in between.
export class TurnQueue {
  private readonly waiting: (() => void)[] = []
  private scheduled = false

  /** Resolves in a turn of its own, after every earlier caller's. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve)
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled || !this.waiting.length) return
    this.scheduled = true
    // An immediate queued while immediates run waits for the next turn, after the loop has polled I/O.
    setImmediate(this.letOneGo)
  }

  private readonly letOneGo = (): void => {
    this.scheduled = false
    this.waiting.shift()?.()
    // After the waiter's own first step (a microtask queued behind its resumption): whatever that step
    // queued for the loop goes before the next waiter.
    queueMicrotask(() => this.schedule())
  }
}
