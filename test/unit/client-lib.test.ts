// Pure client helpers: route matching, number wording, proposal targets, file sorting, footnote numbering.
import { describe, expect, it } from 'vitest'
import type { FinalResult, StandardResult } from '../../shared/engine/types.ts'
import { en } from '../../client/src/i18n/en.ts'
import { cy } from '../../client/src/i18n/cy.ts'
import { formatPoints, neighbours, proposalTargets } from '../../client/src/lib/describe.ts'
import { namedGrid, sortFiles } from '../../client/src/lib/files.ts'
import { matchRoute } from '../../client/src/lib/routes.ts'
import { footnotesOf } from '../../client/src/views/report/footnotes.ts'

const routes = [
  { name: 'home', pattern: '/' },
  { name: 'panel', pattern: '/panels/:id' },
  { name: 'standard', pattern: '/panels/:id/standards/:sid' },
  { name: 'report', pattern: '/panels/:id/report' },
] as const

describe('matchRoute', () => {
  it.each([
    ['/', 'home', {}],
    ['/panels/p_1', 'panel', { id: 'p_1' }],
    ['/panels/p_1/', 'panel', { id: 'p_1' }],
    ['/panels/p_1/standards/2.1', 'standard', { id: 'p_1', sid: '2.1' }],
    ['/panels/p%201/report', 'report', { id: 'p 1' }],
  ])('%s', (path, name, params) => {
    expect(matchRoute(routes, path)).toEqual({ name, params })
  })
  it('answers null for unknown paths and bad escapes', () => {
    expect(matchRoute(routes, '/nope')).toBeNull()
    expect(matchRoute(routes, '/panels/%E0%A4%A')).toBeNull()
  })
})

describe('formatPoints', () => {
  it.each([
    [4.130434, '4.1'],
    [-4.13, '4.1'],
    [5, '5'],
    [0.04, '0'],
    [14.999, '15'],
  ])('%d -> %s', (n, s) => expect(formatPoints(n)).toBe(s))
})

const labels = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate']
const standard = (rating: string | null, up: string[], down: string[]) =>
  ({ rating, triggers: { up, down } }) as unknown as StandardResult

describe('proposal targets', () => {
  it('names one band, only in a triggered direction', () => {
    expect(neighbours(labels, 'Good')).toEqual({ up: 'Outstanding', down: 'Requires improvement' })
    expect(proposalTargets(labels, standard('Requires improvement', ['near-boundary'], []))).toEqual([
      { rating: 'Good', direction: 'up' },
    ])
    expect(proposalTargets(labels, standard('Inadequate', ['one-answer-flip'], ['near-boundary']))).toEqual([
      { rating: 'Requires improvement', direction: 'up' },
    ])
    expect(proposalTargets(labels, standard('Good', ['near-boundary'], ['one-answer-flip']))).toHaveLength(2)
    expect(proposalTargets(labels, standard(null, ['near-boundary'], []))).toEqual([])
  })
})

describe('sortFiles', () => {
  it('takes one JSON inspection and one CSV grid, naming problems by file', () => {
    const r = sortFiles(en, [
      { name: 'a.json', text: '{"caseGrid":"g.csv"}' },
      { name: 'g.csv', text: 'case,disposal' },
      { name: 'notes.txt', text: '' },
      { name: 'b.JSON', text: '{' },
    ])
    expect(r.inspection?.name).toBe('a.json')
    expect(namedGrid(r.inspection?.json)).toBe('g.csv')
    expect(r.grid?.name).toBe('g.csv')
    expect(r.problems.map((p) => p.where)).toEqual(['notes.txt', 'b.JSON'])
  })
  it('reports a file that is not JSON', () => {
    const r = sortFiles(en, [{ name: 'x.json', text: 'not json' }])
    expect(r.inspection).toBeNull()
    expect(r.problems[0]!.message).toMatch(/x\.json is not valid JSON/)
  })
})

describe('footnotesOf', () => {
  it('numbers discretion footnotes in framework order', () => {
    const final = {
      standards: [
        { id: '1.1', rating: 'Good', rulesBased: 'Good', footnote: null },
        { id: '2.1', rating: 'Good', rulesBased: 'Requires improvement', footnote: 'near boundary' },
        { id: '3.2', rating: 'Requires improvement', rulesBased: 'Inadequate', footnote: 'five cases' },
      ],
    } as unknown as FinalResult
    expect(footnotesOf(final).map((f) => [f.n, f.standardId])).toEqual([
      [1, '2.1'],
      [2, '3.2'],
    ])
  })
})

describe('messages', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    )
  it('Welsh has every English key, so it can be filled in without touching views', () => {
    expect(keys(cy).sort()).toEqual(keys(en).sort())
  })
})
