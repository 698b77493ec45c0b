// Percentiles of samples, and min/median/max of a figure over repeated runs.
export interface Dist {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]!
}

export function distOf(samples: ArrayLike<number>): Dist {
  const s = Float64Array.from(samples).sort()
  let sum = 0
  for (const x of s) sum += x
  return {
    count: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1]! : NaN,
    mean: s.length ? sum / s.length : NaN,
  }
}

export interface Spread {
  min: number
  median: number
  max: number
  runs: number[]
}

export function spreadOf(runs: number[]): Spread {
  const s = runs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (!s.length) return { min: NaN, median: NaN, max: NaN, runs }
  const mid = s.length >> 1
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
  return { min: s[0]!, median, max: s[s.length - 1]!, runs }
}

/** A growable list of float samples that does not box numbers. */
export class Samples {
  private buf = new Float64Array(1024)
  length = 0
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2)
      next.set(this.buf)
      this.buf = next
    }
    this.buf[this.length++] = x
  }
  view(): Float64Array {
    return this.buf.subarray(0, this.length)
  }
}
