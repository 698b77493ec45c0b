// Per-member write budgets on one panel: bytes per second with a burst, shared by that member's sockets.
//
// One member's churn spends their own budget and nobody else's. A budget may go into debt by one
// update (so any update within the frame limit eventually passes) and refills with time; a member in
// debt is refused until it is paid off.

export interface WriteBudgetLimits {
  /** Sustained bytes per second one member may write to one panel's workspace. */
  memberBytesPerSecond: number
  /** What one member may write at once (a paste) before the sustained rate applies. */
  memberBurstBytes: number
}

class ByteBudget {
  private tokens: number
  private at: number

  constructor(
    private readonly limits: WriteBudgetLimits,
    now: number,
  ) {
    this.tokens = limits.memberBurstBytes
    this.at = now
  }

  refill(now: number): number {
    const { memberBytesPerSecond: rate, memberBurstBytes: burst } = this.limits
    this.tokens = Math.min(burst, this.tokens + ((now - this.at) / 1000) * rate)
    this.at = now
    return this.tokens
  }

  take(bytes: number, now: number): boolean {
    if (this.refill(now) <= 0) return false
    this.tokens -= bytes
    return true
  }

  isFull(now: number): boolean {
    return this.refill(now) >= this.limits.memberBurstBytes
  }
}

/** Members' budgets on one panel; a budget that has refilled is forgotten (a new one is the same). */
export class WriteBudgets {
  private readonly budgets = new Map<string, ByteBudget>()

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Spends `bytes` of `accountId`'s budget; false (nothing spent) while they are in debt. */
  take(accountId: string, bytes: number, limits: WriteBudgetLimits): boolean {
    const now = this.now()
    if (this.budgets.size > 64) this.forgetFull(now)
    let b = this.budgets.get(accountId)
    if (!b) this.budgets.set(accountId, (b = new ByteBudget(limits, now)))
    return b.take(bytes, now)
  }

  private forgetFull(now: number): void {
    for (const [id, b] of this.budgets) if (b.isFull(now)) this.budgets.delete(id)
  }
}
