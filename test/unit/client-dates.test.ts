// GOV.UK dates in English and Welsh, with our own Welsh month names (Chromium has no Welsh locale data).
import { describe, expect, it } from 'vitest'
import { govukDate, govukDateTime, govukMonth, govukTime } from '../../client/src/lib/dates.ts'
import { cy } from '../../client/src/i18n/cy.ts'

const tz = 'Europe/London'

describe('GOV.UK dates', () => {
  it.each([
    ['2026-12-01T06:21:00Z', 'en', '1 December 2026 at 6:21am'],
    ['2026-12-01T06:21:00Z', 'cy', '1 Rhagfyr 2026 am 6:21yb'],
    ['2026-07-15T13:05:00Z', 'en', '15 July 2026 at 2:05pm'], // British Summer Time
    ['2026-01-05T12:00:00Z', 'en', '5 January 2026 at midday'],
    ['2026-01-05T00:00:00Z', 'cy', '5 Ionawr 2026 am hanner nos'],
  ] as const)('%s in %s is “%s”', (iso, lang, want) => expect(govukDateTime(lang, iso, false, tz)).toBe(want))

  it('gives seconds for the replay, the date alone, and a month as an inspection names it', () => {
    expect(govukTime('en', '2026-12-01T06:21:05Z', true, tz)).toBe('6:21:05am')
    expect(govukDate('cy', '2026-02-28T10:00:00Z', tz)).toBe('28 Chwefror 2026')
    expect(govukMonth('en', '2019-10')).toBe('October 2019')
    expect(govukMonth('cy', '2020-01')).toBe('Ionawr 2020')
    expect(govukMonth('en', '2020-01-14')).toBe('14 January 2020')
    expect(govukMonth('en', 'Autumn 2019')).toBe('Autumn 2019')
  })

  it('is what the Welsh messages use, not the browser’s locale data', () => {
    expect(cy.common.dateTime('2026-12-01T06:21:00Z')).toMatch(/^1 Rhagfyr 2026 am \d{1,2}:21y[bh]$/)
  })
})
