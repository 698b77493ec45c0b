// Labels per language in a framework: accepted when they name the framework's own things, refused with
// every problem named otherwise; labelFor falls back to English, then to the framework's own words.
import { describe, expect, it } from 'vitest'
import { findFramework } from '../../shared/framework/builtin.ts'
import { fillFootnote, footnoteFor, labelFor, type LabelKind } from '../../shared/framework/labels.ts'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'

const y2021 = findFramework('hmip-youth-2021')!
const withLabels = (labels: unknown): unknown => ({ ...structuredClone(y2021), labels })
const parsed = (json: unknown): Framework => {
  const r = parseFramework(json)
  if (!r.ok) throw new Error(r.error.map((p) => `${p.where}: ${p.message}`).join('; '))
  return r.value
}
const problemsOf = (json: unknown) => {
  const r = parseFramework(json)
  if (r.ok) throw new Error('expected problems')
  return r.error
}

const labelled = parsed(
  withLabels({
    en: { standards: { '1.1': 'Governance (as worded in English)' } },
    cy: {
      ratings: { Outstanding: 'Rhagorol', Good: 'Da' },
      domains: { '1': 'Trefniadau sefydliadol' },
      standards: { '1.1': 'Llywodraethu ac arweinyddiaeth' },
      keyQuestions: { '2.1.1': 'A yw’r asesiad yn dda?' },
      footnotes: { 'near-boundary': 'Mae {standard} ({score}) o fewn trothwy {boundary}.' },
    },
  }),
)

describe('labels in a framework', () => {
  it('the built-in frameworks carry Welsh labels (unverified, as their source says) and footnote starting texts', () => {
    expect(labelFor(y2021, 'cy', 'rating', 'Requires improvement')).toBe('Angen gwella')
    expect(y2021.source).toMatch(/Welsh labels \(labels\.cy\) are unverified/)
  })

  it.each<[string, 'en' | 'cy', LabelKind, string, string]>([
    ['a Welsh rating', 'cy', 'rating', 'Outstanding', 'Rhagorol'],
    ['a rating without Welsh falls back to its English label', 'cy', 'rating', 'Inadequate', 'Inadequate'],
    ['an English rating is its own label', 'en', 'rating', 'Good', 'Good'],
    ['a Welsh domain', 'cy', 'domain', '1', 'Trefniadau sefydliadol'],
    ['a domain without labels gives its title', 'cy', 'domain', '2', y2021.domains[1]!.title],
    ['a Welsh standard', 'cy', 'standard', '1.1', 'Llywodraethu ac arweinyddiaeth'],
    ['an English label overrides the title', 'en', 'standard', '1.1', 'Governance (as worded in English)'],
    [
      'Welsh falls back to the English label first',
      'cy',
      'standard',
      '1.1',
      'Llywodraethu ac arweinyddiaeth',
    ],
    ['a standard without labels gives its title', 'cy', 'standard', '1.2', 'Staff'],
    ['a Welsh key question', 'cy', 'keyQuestion', '2.1.1', 'A yw’r asesiad yn dda?'],
    ['an unknown id comes back unchanged', 'cy', 'standard', '9.9', '9.9'],
    ['a prototype key is not a label', 'cy', 'rating', 'constructor', 'constructor'],
  ])('%s', (_, lang, kind, id, expected) => {
    expect(labelFor(labelled, lang, kind, id)).toBe(expected)
  })

  it('falls back from Welsh to the English label when Welsh has none', () => {
    const f = parsed(withLabels({ en: { standards: { '1.2': 'Partners' } }, cy: {} }))
    expect(labelFor(f, 'cy', 'standard', '1.2')).toBe('Partners')
  })

  it('gives the footnote starting text per trigger, Welsh else English, and fills its placeholders', () => {
    const f = parsed(
      withLabels({
        en: {
          footnotes: { 'near-boundary': 'N', 'one-answer-flip': 'Cases {cases} would move {standard}.' },
        },
        cy: { footnotes: { 'near-boundary': 'Mae {standard} ({score}) o fewn {boundary}.' } },
      }),
    )
    expect(footnoteFor(f, 'cy', 'near-boundary')).toBe('Mae {standard} ({score}) o fewn {boundary}.')
    expect(footnoteFor(f, 'cy', 'one-answer-flip')).toBe('Cases {cases} would move {standard}.')
    expect(footnoteFor(y2021, 'en', 'near-boundary')).toMatch(/within five per cent of the rating boundary/)
    expect(
      fillFootnote(footnoteFor(f, 'cy', 'near-boundary')!, {
        standard: '2.1',
        score: '64%',
        boundary: '65%',
      }),
    ).toBe('Mae 2.1 (64%) o fewn 65%.')
    expect(fillFootnote('{standard} {rating}', { standard: '2.1' })).toBe('2.1 {rating}')
  })

  it('refuses labels for things the framework does not have, naming each', () => {
    const where = problemsOf(
      withLabels({
        cy: {
          ratings: { Excellent: 'Ardderchog' },
          domains: { '7': 'x' },
          standards: { '1.1': 'ok', '9.1': 'x' },
          keyQuestions: { '2.1.9': 'x' },
        },
      }),
    ).map((p) => `${p.where}: ${p.message}`)
    expect(where).toEqual([
      'labels.cy.ratings.Excellent: "Excellent" is not a rating of this framework',
      'labels.cy.domains.7: "7" is not a domain of this framework',
      'labels.cy.standards.9.1: "9.1" is not a standard of this framework',
      'labels.cy.keyQuestions.2.1.9: "2.1.9" is not a key question of this framework',
    ])
  })

  it.each<[string, unknown, string]>([
    ['an unknown language', { fr: {} }, 'labels.fr'],
    ['an unknown kind of label', { cy: { titles: {} } }, 'labels.cy.titles'],
    ['an empty label', { cy: { standards: { '1.1': ' ' } } }, 'labels.cy.standards.1.1'],
    ['a label that is not text', { en: { ratings: { Good: 2 } } }, 'labels.en.ratings.Good'],
    [
      'an unknown trigger',
      { cy: { footnotes: { 'rounding-changes-band': 'x' } } },
      'labels.cy.footnotes.rounding-changes-band',
    ],
    [
      'an unknown placeholder',
      { en: { footnotes: { 'near-boundary': 'At {percent}' } } },
      'labels.en.footnotes.near-boundary',
    ],
  ])('refuses %s', (_, labels, where) => {
    expect(problemsOf(withLabels(labels)).map((p) => p.where)).toContain(where)
  })
})
