// Failed sign-in attempts per client address: past `max` failures within `windowMs`, refuse until the oldest ages out.

export interface AttemptLimits {
  max: number
  windowMs: number
  /** Addresses remembered at most; the longest-quiet are forgotten first, so memory stays bounded. */
  maxKeys: number
}

export const SIGN_IN_LIMITS: AttemptLimits = { max: 20, windowMs: 10 * 60_000, maxKeys: 10_000 }

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => Date,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key)
    return recent.length < this.limits.max ? 0 : recent[0]! + this.limits.windowMs - this.now().getTime()
  }

  fail(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now().getTime())
    // Re-insert so the map's order is by last failure; the first key is the longest quiet.
    this.failures.delete(key)
    this.failures.set(key, recent)
    if (this.failures.size > this.limits.maxKeys) this.failures.delete(this.failures.keys().next().value!)
  }

  private recent(key: string): number[] {
    const since = this.now().getTime() - this.limits.windowMs
    const list = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (list.length) this.failures.set(key, list)
    else this.failures.delete(key)
    return list
  }
}
