// The words the board shows for Gloucestershire, from the real engine: distances, triggers, overall distance, rate-a-file.
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { rateInspection } from '../../shared/engine/rate.ts'
import { builtinFrameworks, findFramework } from '../../shared/framework/builtin.ts'
import { parseFramework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { en } from '../../client/src/i18n/en.ts'
import {
  distanceText,
  overallDistance,
  proposalTargets,
  roundingText,
  triggerSentence,
} from '../../client/src/lib/describe.ts'
import { ratingLabels } from '../../client/src/lib/domains.ts'
import { sortFiles } from '../../client/src/lib/files.ts'
import { rateFiles } from '../../client/src/views/rate/rate-files.ts'

const fixtures = path.resolve(import.meta.dirname, '../fixtures')
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8')
const deps = {
  frameworkId: 'hmip-youth-2018',
  judgements: {},
  service: '',
  parse: parseInspection,
  rate: rateInspection,
  find: findFramework,
  parseFramework,
}

function rated(files: { name: string; text: string }[]) {
  const r = rateFiles(en, sortFiles(en, files), deps)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('Gloucestershire in words', () => {
  const { result, framework } = rated([
    { name: 'g.json', text: read('gloucestershire-2020.inspection.json') },
  ])
  const std = (id: string) => result.standards.find((s) => s.id === id)!

  it('2.1 could go up, near the Good boundary', () => {
    expect(triggerSentence(en, std('2.1'), 'up')).toMatch(
      /^▲ Could go up: near boundary \(4\.1 points below Good\)/,
    )
    expect(triggerSentence(en, std('2.1'), 'down')).toBeNull()
    const driving = std('2.1').keyQuestions.find((k) => k.id === std('2.1').drivingQuestion)!
    expect(distanceText(en, driving)).toBe(
      '4.1 points below Good (65%); 10.9 points above the Requires improvement boundary (50%)',
    )
  })

  it.each(['3.2', '3.3'])('%s could go up by one answer', (id) => {
    expect(triggerSentence(en, std(id), 'up')).toBe(
      `▲ Could go up: one answer flips (one more yes on ${id}.3 makes it Requires improvement)`,
    )
    expect(proposalTargets(ratingLabels(framework), std(id))).toEqual([
      { rating: 'Requires improvement', direction: 'up' },
    ])
  })

  it('says how far the overall score is from the next bands', () => {
    expect(result.overall).toMatchObject({ score: 15, max: 36, rating: 'Requires improvement' })
    expect(overallDistance(en, result.overall)).toEqual([
      '4 points short of Good',
      '9 points fewer would make it Inadequate',
    ])
  })

  it('flags a percentage whose whole-number label crosses a boundary', () => {
    const kq = {
      ...std('2.1').keyQuestions[0]!,
      roundingChangesBand: true,
      shown: '65%',
      distances: [{ boundary: 65, ratingAbove: 'Good', points: -0.5 }],
    }
    expect(roundingText(en, kq)).toBe('⚠ shows 65% but is below 65%')
  })
})

describe('rate a file', () => {
  it('rates the grid variant with its case grid, listing the cases behind each question', () => {
    const { result } = rated([
      { name: 'g.json', text: read('gloucestershire-2020.grid.inspection.json') },
      { name: 'gloucestershire-2020.cases.csv', text: read('gloucestershire-2020.cases.csv') },
    ])
    expect(result.overall.score).toBe(15)
    const kq = result.standards.find((s) => s.id === '3.2')!.keyQuestions.find((k) => k.id === '3.2.3')!
    expect(kq.cases?.yes.length).toBe(2)
  })

  it('asks for the case grid an inspection names', () => {
    const r = rateFiles(
      en,
      sortFiles(en, [{ name: 'g.json', text: read('gloucestershire-2020.grid.inspection.json') }]),
      deps,
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error[0]!.message).toMatch(/names a case grid, gloucestershire-2020\.cases\.csv/)
  })

  it('rates a case grid alone with a chosen framework; judged standards left not rated give no overall rating', () => {
    const { result } = rated([{ name: 'cases.csv', text: read('gloucestershire-2020.cases.csv') }])
    expect(result.standards.find((s) => s.id === '3.2')!.rating).toBe('Inadequate')
    expect(result.standards.find((s) => s.id === '1.1')!.rating).toBeNull()
    expect(result.overall.rating).toBeNull()
  })

  it('uses judgements chosen for a grid alone', () => {
    const judgements = { '1.1': 'Good', '1.2': 'Good', '1.3': 'Good', '1.4': 'Requires improvement' }
    const r = rateFiles(
      en,
      sortFiles(en, [{ name: 'cases.csv', text: read('gloucestershire-2020.cases.csv') }]),
      { ...deps, judgements },
    )
    expect(r.ok && r.value.result.overall).toMatchObject({ score: 15, rating: 'Requires improvement' })
  })

  it('rates by a framework file chosen alongside, and names the file when that framework is invalid', () => {
    const custom = { ...builtinFrameworks['hmip-youth-2018']!, id: 'local-2018', title: 'Local copy' }
    const inspection = {
      ...JSON.parse(read('gloucestershire-2020.inspection.json')),
      framework: 'local-2018',
    }
    const ok = rated([
      { name: 'f.json', text: JSON.stringify(custom) },
      { name: 'i.json', text: JSON.stringify(inspection) },
    ])
    expect(ok.result.framework.title).toBe('Local copy')
    const r = rateFiles(
      en,
      sortFiles(en, [
        { name: 'f.json', text: JSON.stringify({ ...custom, ratings: [] }) },
        { name: 'i.json', text: JSON.stringify(inspection) },
      ]),
      deps,
    )
    expect(!r.ok && r.error[0]!.where.startsWith('f.json: ratings')).toBe(true)
  })

  it('shows each problem with where it is', () => {
    const bad = JSON.parse(read('gloucestershire-2020.inspection.json'))
    bad.standards['2.1'].keyQuestions['2.1.3'].yes = 40
    delete bad.standards['1.1']
    const r = rateFiles(en, sortFiles(en, [{ name: 'bad.json', text: JSON.stringify(bad) }]), deps)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.length).toBeGreaterThanOrEqual(2)
      for (const p of r.error) expect(p.where).toBeTruthy()
    }
  })
})
