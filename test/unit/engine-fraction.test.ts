// Exact-fraction banding: every band edge, whole-percent display, and when rounding would change the band.
import { describe, expect, it } from 'vitest'
import {
  bandOf,
  compareToBoundary,
  exactDecimal,
  isWithinAbove,
  isWithinBelow,
  percentOfCounts,
  percentOfDecimal,
  roundingChangesBand,
  wholePercent,
} from '../../shared/engine/fraction.ts'
import { frameworkOf } from './engine-support.ts'

const bands = frameworkOf('hmip-youth-2018').bands
const RI = 'Requires improvement'

describe('key question bands on exact fractions', () => {
  it.each<[number, number, string, string, boolean]>([
    // yes, assessed, band, shown, rounding changes the band
    [16, 20, 'Outstanding', '80%', false],
    [4, 5, 'Outstanding', '80%', false],
    [79, 100, 'Good', '79%', false],
    [159, 200, 'Good', '80%', true], // 79.5% shows as 80%
    [13, 20, 'Good', '65%', false],
    [20, 31, RI, '65%', true], // 64.516…%
    [129, 200, RI, '65%', true], // 64.5% rounds half up
    [9, 14, RI, '64%', false], // 64.29%
    [11, 20, RI, '55%', false], // 11/20 × 100 is 55.00000000000001 in floating point
    [1, 2, RI, '50%', false],
    [99, 200, 'Inadequate', '50%', true], // 49.5%
    [14, 29, 'Inadequate', '48%', false],
    [2, 5, 'Inadequate', '40%', false],
    [0, 5, 'Inadequate', '0%', false],
    [5, 5, 'Outstanding', '100%', false],
    [2, 3, 'Good', '67%', false],
    [14, 23, RI, '61%', false],
  ])('%i/%i is %s, shown %s (rounding changes band: %s)', (yes, assessed, band, shown, changes) => {
    const p = percentOfCounts(yes, assessed)
    expect(bandOf(p, bands)).toBe(band)
    expect(`${wholePercent(p)}%`).toBe(shown)
    expect(roundingChangesBand(p, bands)).toBe(changes)
  })

  it.each<[number, string, string, boolean]>([
    // published percentage, band, shown, rounding changes the band
    [80, 'Outstanding', '80%', false],
    [79.9, 'Good', '80%', true],
    [79.4, 'Good', '79%', false],
    [65, 'Good', '65%', false],
    [64.99, RI, '65%', true],
    [64.6, RI, '65%', true],
    [64.5, RI, '65%', true],
    [64.4, RI, '64%', false],
    [50, RI, '50%', false],
    [49.999, 'Inadequate', '50%', true],
    [0.4, 'Inadequate', '0%', false],
    [100, 'Outstanding', '100%', false],
  ])('a published %s%% is %s, shown %s (rounding changes band: %s)', (percent, band, shown, changes) => {
    const p = percentOfDecimal(percent)
    expect(bandOf(p, bands)).toBe(band)
    expect(`${wholePercent(p)}%`).toBe(shown)
    expect(roundingChangesBand(p, bands)).toBe(changes)
  })

  it('compares 100 × yes with boundary × assessed', () => {
    expect(compareToBoundary(percentOfCounts(13, 20), 65)).toBe(0)
    expect(compareToBoundary(percentOfCounts(20, 31), 65)).toBe(-1)
    expect(compareToBoundary(percentOfCounts(13_000_000, 20_000_001), 65)).toBe(-1) // 64.9999967…%
    expect(compareToBoundary(percentOfCounts(13_000_000, 20_000_000), 65)).toBe(0)
    expect(compareToBoundary(percentOfCounts(13_000_001, 20_000_000), 65)).toBe(1)
  })
})

describe('published percentages as exact decimals', () => {
  it.each<[number, bigint, bigint]>([
    [64.6, 646n, 10n],
    [65, 65n, 1n],
    [0.1, 1n, 10n],
    [57.125, 57125n, 1000n],
    [1e-7, 1n, 10_000_000n],
  ])('%s is exactly %s/%s', (x, n, d) => {
    expect(exactDecimal(x)).toEqual({ n, d })
  })

  it('refuses what is not a finite non-negative number', () => {
    expect(() => exactDecimal(Number.NaN)).toThrow(RangeError)
    expect(() => exactDecimal(-1)).toThrow(RangeError)
  })
})

describe('distance to a boundary, inclusive at exactly five points', () => {
  it.each<[string, ReturnType<typeof percentOfCounts>, number, boolean]>([
    ['14/23 (60.87%) under 65', percentOfCounts(14, 23), 65, true],
    ['3/5 (60%) exactly 5 under 65', percentOfCounts(3, 5), 65, true],
    ['59.99% just over 5 under 65', percentOfDecimal(59.99), 65, false],
    ['65% on the boundary is not under it', percentOfCounts(13, 20), 65, false],
    ['2/5 (40%) 10 under 50', percentOfCounts(2, 5), 50, false],
  ])('within five below: %s', (_, p, boundary, within) => {
    expect(isWithinBelow(p, boundary, 5)).toBe(within)
  })

  it.each<[string, ReturnType<typeof percentOfCounts>, number, boolean]>([
    ['11/20 (55%) exactly 5 above 50', percentOfCounts(11, 20), 50, true],
    ['22/23 (95.65%) over 5 above 80', percentOfCounts(22, 23), 80, false],
    ['15/18 (83.3%) above 80', percentOfCounts(15, 18), 80, true],
    ['80% on the boundary', percentOfCounts(4, 5), 80, true],
    ['a published 85.0001% just over 5 above 80', percentOfDecimal(85.0001), 80, false],
    ['61% below 65 is not above it', percentOfDecimal(61), 65, false],
  ])('within five above: %s', (_, p, boundary, within) => {
    expect(isWithinAbove(p, boundary, 5)).toBe(within)
  })
})
