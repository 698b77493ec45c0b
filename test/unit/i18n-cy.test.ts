// The Welsh messages: every English key is there with the same parameters, and none is left in English.
import { describe, expect, it } from 'vitest'
import { cy } from '../../client/src/i18n/cy.ts'
import { en } from '../../client/src/i18n/en.ts'

type Leaf = string | number | boolean | ((...args: never[]) => string)
const leaves = (o: object, prefix = ''): [string, Leaf][] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v as Leaf]],
  )

// Messages that are rightly the same in both languages: the product name, a word Welsh shares with English,
// and messages made only of values, codes and punctuation.
const SAME_IN_WELSH = new Set([
  'common.appName', // "Ratings Panel", the product's name
  'home.panel', // "Panel" is Welsh too
  'result.score', // "18/36"
  'kq.barLabel', // "2.1: 65% (13 o 20). …": only the values passed in
  'replay.pointA', // "A: …"
  'replay.pointB', // "B: …"
  'replay.changeRating', // "2.1 Assessment: Good → Outstanding"
  'replay.changeMember', // "Ann (Arolygydd): … → …"
  'report.member', // "Ann (Arolygydd)": only the values passed in
  'accounts.logEntry', // "at: who did-what to-whom": only the values passed in
  'common.month', // a month as written when it is not YYYY-MM ("2019-10" itself becomes "Hydref 2019")
])

const enLeaves = new Map(leaves(en))
const cyLeaves = new Map(leaves(cy))

describe('Welsh messages (cy.ts)', () => {
  it('has every key of en.ts and no other', () => {
    expect([...cyLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort())
  })

  it('keeps each message a string or a function of the same parameters', () => {
    for (const [key, e] of enLeaves) {
      const c = cyLeaves.get(key)
      expect(typeof c, key).toBe(typeof e)
      if (typeof e === 'function') expect((c as (...a: never[]) => string).length, key).toBe(e.length)
    }
  })

  it('is complete, so the page says lang="cy"', () => {
    expect(cy.meta).toEqual({ lang: 'cy', complete: true })
  })

  it('leaves no message in English', () => {
    const same: string[] = []
    for (const [key, e] of enLeaves) {
      if (key.startsWith('meta.') || SAME_IN_WELSH.has(key)) continue
      const c = cyLeaves.get(key)
      if (typeof e === 'string') {
        if (c === e) same.push(`${key}: ${e}`)
      } else if (typeof e === 'function') {
        // every argument the same small number (0, 1, 2 and 3 reach each plural form; 0 is also `false`)
        for (const n of [0, 1, 2, 3]) {
          const args = Array.from({ length: e.length }, () => n) as never[]
          const english = e(...args)
          const welsh = (c as (...a: never[]) => string)(...args)
          if (welsh === english) same.push(`${key}(${args.join(', ')}): ${english}`)
        }
      }
    }
    expect(same).toEqual([])
  })

  it('allows only messages that really are the same, so the list stays short', () => {
    const sample = (m: Leaf | undefined) =>
      typeof m === 'function' ? m(...(Array.from({ length: m.length }, () => 3) as never[])) : m
    for (const key of SAME_IN_WELSH) expect(sample(cyLeaves.get(key)), key).toBe(sample(enLeaves.get(key)))
  })

  it('counts with the Welsh plural forms', () => {
    const problems = [0, 1, 2, 3, 6].map((n) => cy.problems.heading(n))
    expect(problems).toEqual([
      'Problemau i’w cywiro: 0',
      'Mae un broblem i’w chywiro',
      'Mae dwy broblem i’w cywiro',
      'Problemau i’w cywiro: 3',
      'Problemau i’w cywiro: 6',
    ])
    expect([1, 2, 5].map((n) => cy.sensitivity.shortOf(n, 'Good'))).toEqual([
      'un pwynt yn brin o Good',
      'dau bwynt yn brin o Good',
      '5 o bwyntiau yn brin o Good',
    ])
    expect(cy.sensitivity.pointsBelow('4.1', 'Good', 65)).toBe('4.1 o bwyntiau yn is na Good (65%)')
    expect([0, 1, 2, 4].map((n) => cy.panel.discretionCount(n))).toEqual([
      'Nid oes unrhyw safon yn agored i ddisgresiwn',
      'Mae un safon yn agored i ddisgresiwn',
      'Mae dwy safon yn agored i ddisgresiwn',
      'Mae 4 o safonau yn agored i ddisgresiwn',
    ])
    expect([1, 2, 4].map((n) => cy.replay.speedOption(n))).toEqual([
      'Un cam yr eiliad',
      'Dau gam yr eiliad',
      '4 o gamau yr eiliad',
    ])
    expect(cy.replay.rememberedOk(2, '1 Ion 2026')).toContain('(dau ddigwyddiad)')
  })

  it('writes dates in Welsh', () => {
    expect(cy.common.dateTime('2026-01-05T10:00:00Z')).toMatch(/Ion/)
  })
})
