// Hostile files (seeded fast-check): inspection, case grid, framework and decisions parsers never throw and
// always answer a Result naming every problem; whatever they accept, the engine rates without throwing;
// personal data is refused and never echoed back.
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDecisions, parseDecisions } from '../../shared/engine/decisions.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { builtinFrameworks, findFramework } from '../../shared/framework/builtin.ts'
import { parseFramework, standardsOf, type Framework } from '../../shared/framework/schema.ts'
import { parseCaseGrid, parseCsv } from '../../shared/inspection/grid.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Problem, Result } from '../../shared/result.ts'
import { mutationArb, mutateJson } from '../support/fuzz.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20260101)
const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
const opts = (k: number) => ({ seed: SEED + k, numRuns: RUNS })

const fixtures = path.resolve(import.meta.dirname, '../fixtures')
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8')
const inspectionJson = JSON.parse(fixture('gloucestershire-2020.inspection.json')) as unknown
const gridInspectionJson = JSON.parse(fixture('gloucestershire-2020.grid.inspection.json')) as unknown
const gridCsv = fixture('gloucestershire-2020.cases.csv')
const decisionsJson = JSON.parse(fixture('gloucestershire-2020.decisions.json')) as unknown
const y2018 = builtinFrameworks['hmip-youth-2018']!
const frameworks = Object.values(builtinFrameworks)
/** framework@2 files: the worked example (samples checked) and two test frameworks (a mixed standard, areas). */
const v2 = (file: string): Framework => {
  const r = parseFramework(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, file), 'utf8')))
  if (!r.ok) throw new Error(file)
  return r.value
}
const example2025 = v2('../../docs/examples/example-2025-shapes.framework.json')
const unsampled2 = [
  v2('../fixtures/frameworks/five-bands.framework.json'),
  v2('../fixtures/frameworks/two-bands.framework.json'),
]
const mutable = [...frameworks, example2025, ...unsampled2]
const validOf = [...frameworks, ...unsampled2]

/** A Result that names its problems: a non-empty list, each with where and message. */
function expectNamedResult<T>(r: Result<T, Problem[]>): void {
  expect(typeof r.ok).toBe('boolean')
  if (r.ok) return
  expect(r.error.length).toBeGreaterThan(0)
  for (const p of r.error) {
    expect(typeof p.where).toBe('string')
    expect(typeof p.message).toBe('string')
    expect(p.message.length).toBeGreaterThan(0)
  }
}

const anyJson = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.jsonValue({ maxDepth: 4 }),
)

/** Whatever was accepted is rated without throwing, and the answer stays inside the framework. */
function expectRates(framework: Framework, inspection: Parameters<typeof rateInspection>[1]): void {
  const result = rateInspection(framework, inspection)
  const labels = framework.ratings.map((r) => r.label)
  expect(result.standards.map((s) => s.id)).toEqual(standardsOf(framework).map((s) => s.id))
  for (const s of result.standards) if (s.rating !== null) expect(labels).toContain(s.rating)
  if (result.overall.score !== null) {
    expect(result.overall.score).toBeGreaterThanOrEqual(0)
    expect(result.overall.score).toBeLessThanOrEqual(framework.overall!.max!)
  }
  const none = applyDecisions(framework, result, {})
  expect(none.ok).toBe(true)
}

/** A valid inspection for any framework, its answers drawn from `pick`. */
function inspectionFor(f: Framework, pick: () => number): unknown {
  const standards: Record<string, unknown> = {}
  for (const s of standardsOf(f)) {
    if (s.kind === 'judged') {
      standards[s.id] =
        s.mayBeNotRated && pick() % 4 === 0
          ? { notRated: true }
          : { judgement: f.ratings[pick() % f.ratings.length]!.label }
      continue
    }
    const keyQuestions: Record<string, unknown> = {}
    for (const k of s.keyQuestions ?? []) {
      if (k.by === 'judgement') {
        keyQuestions[k.id] = { judgement: f.ratings[pick() % f.ratings.length]!.label }
        continue
      }
      const n = pick()
      const assessed = 1 + (n % 40)
      keyQuestions[k.id] =
        n % 7 === 0
          ? { notApplicable: true }
          : n % 5 === 0
            ? { percent: (pick() % 100001) / 1000 }
            : { yes: pick() % (assessed + 1), assessed }
    }
    standards[s.id] = { keyQuestions }
  }
  if (f.format === 'ratings-panel/framework@1')
    return { format: 'ratings-panel/inspection@1', framework: f.id, service: 'Fuzzshire YOS', standards }
  const label = () => ({ judgement: f.ratings[pick() % f.ratings.length]!.label })
  const judgedAreas = (f.areas ?? []).filter((a) => a.rule === 'judgement' && pick() % 2 === 0)
  return {
    format: 'ratings-panel/inspection@2',
    framework: f.id,
    service: 'Fuzzshire YOS',
    standards,
    ...(judgedAreas.length ? { areas: Object.fromEntries(judgedAreas.map((a) => [a.id, label()])) } : {}),
    ...(f.overall?.by === 'judgement' && pick() % 2 === 0 ? { overall: label() } : {}),
  }
}

const picker = (seq: number[]) => {
  let i = 0
  return () => seq[i++ % seq.length]!
}

describe('fuzzing framework files', () => {
  it('parseFramework never throws on anything, and names every problem', () => {
    fc.assert(
      fc.property(anyJson, (j) => expectNamedResult(parseFramework(j))),
      opts(1),
    )
  })

  it('mutated built-in frameworks: refused with named problems, or accepted and then rate any inspection without throwing', () => {
    let accepted = 0
    fc.assert(
      fc.property(
        fc.nat(mutable.length - 1),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(100_000), { minLength: 50, maxLength: 50 }),
        (i, mutations, seq) => {
          const r = parseFramework(mutateJson(mutable[i], mutations))
          expectNamedResult(r)
          if (!r.ok) return
          accepted++
          const parsed = parseInspection(inspectionFor(r.value, picker(seq)), (id) =>
            id === r.value.id ? r.value : undefined,
          )
          expectNamedResult(parsed)
          if (parsed.ok) expectRates(r.value, parsed.value)
        },
      ),
      opts(2),
    )
    expect(accepted).toBeGreaterThan(0)
  })
})

describe('fuzzing inspection files', () => {
  it('parseInspection never throws on anything', () => {
    fc.assert(
      fc.property(anyJson, (j) => expectNamedResult(parseInspection(j, findFramework))),
      opts(3),
    )
  })

  it('mutated Gloucestershire files: refused with named problems, or accepted and rated', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (grid, mutations) => {
        const j = mutateJson(grid ? gridInspectionJson : inspectionJson, mutations)
        const r = parseInspection(j, findFramework, grid ? { gridText: gridCsv, gridName: 'cases.csv' } : {})
        expectNamedResult(r)
        if (r.ok) expectRates(findFramework(r.value.framework)!, r.value)
      }),
      opts(4),
    )
  })

  it('random valid inspections of every built-in framework are accepted and rated', () => {
    fc.assert(
      fc.property(
        fc.nat(validOf.length - 1),
        fc.array(fc.nat(100_000), { minLength: 60, maxLength: 60 }),
        (i, seq) => {
          const f = validOf[i]!
          const r = parseInspection(inspectionFor(f, picker(seq)), (id) =>
            id === f.id ? f : findFramework(id),
          )
          expect(r.ok, JSON.stringify(!r.ok && r.error)).toBe(true)
          if (r.ok) expectRates(f, r.value)
        },
      ),
      opts(5),
    )
  })
})

describe('fuzzing case grids (CSV)', () => {
  const csvCell = fc.oneof(
    fc.constantFrom('Y', 'N', 'NA', 'y', ' na ', '', '"', '""', 'Yes', '\r', '\n', ',', '\uFEFF'),
    fc.string({ maxLength: 6 }),
  )

  it('parseCaseGrid never throws on random text or mutated grids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) =>
        expectNamedResult(parseCaseGrid(text, y2018, 'cases.csv')),
      ),
      opts(6),
    )
    const lines = gridCsv.split('\n')
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(200), csvCell), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (edits, crlf) => {
          const ls = [...lines]
          for (const [row, at, text] of edits) {
            const l = ls[row]!
            const p = at % (l.length + 1)
            ls[row] = l.slice(0, p) + text + l.slice(p)
          }
          const r = parseCaseGrid(ls.join(crlf ? '\r\n' : '\n'), y2018, 'cases.csv')
          expectNamedResult(r)
          if (!r.ok) for (const p of r.error) expect(p.where).toMatch(/^cases\.csv/)
        },
      ),
      opts(7),
    )
  })

  it('parseCsv reads back exactly the cells written (RFC 4180 quoting)', () => {
    const quote = (c: string) =>
      /[",\r\n]/.test(c) || c !== c.trim() || c === '' ? `"${c.replace(/"/g, '""')}"` : c
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          const kept = rows.filter((r) => r.some((c) => c.trim() !== ''))
          const { records, unclosedQuoteRow } = parseCsv(rows.map((r) => r.map(quote).join(',')).join('\r\n'))
          expect(unclosedQuoteRow).toBeNull()
          expect(records.map((r) => r.cells)).toEqual(kept)
        },
      ),
      opts(8),
    )
  })
})

describe('fuzzing decisions files', () => {
  it('parseDecisions and applyDecisions never throw, whatever the decisions say', () => {
    const rated = rateInspection(
      y2018,
      (
        parseInspection(inspectionJson, findFramework) as {
          ok: true
          value: Parameters<typeof rateInspection>[1]
        }
      ).value,
    )
    fc.assert(
      fc.property(
        fc.oneof(
          anyJson,
          fc.array(mutationArb, { maxLength: 4 }).map((m) => mutateJson(decisionsJson, m)),
        ),
        (j) => {
          const r = parseDecisions(j)
          expectNamedResult(r)
          if (r.ok) {
            const applied = applyDecisions(y2018, rated, r.value)
            if (!applied.ok) for (const e of applied.error) expect(typeof e.message).toBe('string')
          }
        },
      ),
      opts(9),
    )
  })
})

describe('personal data is refused and never echoed', () => {
  const names = fc.constantFrom(
    'John Smith',
    'Smith, J',
    'J. Smith',
    "Ann-Marie O'Neil",
    'Mohammed Al-Farsi',
    'Zoë Brontë',
    'JAMES PARKER',
    'Kai',
  )
  const dates = fc.constantFrom(
    '12/03/2008',
    '3.7.09',
    '2008-03-12',
    'DOB 12 March 2008',
    'born on 1 May 2007',
    'd.o.b. 01-02-2006',
  )

  it('a name or a date of birth in the case column is refused, and the message does not repeat it', () => {
    const [head, ...rows] = gridCsv.trim().split('\n')
    fc.assert(
      fc.property(fc.nat(rows.length - 1), fc.oneof(names, dates), (row, value) => {
        const cells = rows[row]!.split(',')
        cells[0] = value.includes(',') ? `"${value}"` : value
        const r = parseCaseGrid(
          [head, ...rows.slice(0, row), cells.join(','), ...rows.slice(row + 1)].join('\n'),
          y2018,
          'cases.csv',
        )
        expect(r.ok).toBe(false)
        if (!r.ok) {
          const text = JSON.stringify(r.error)
          expect(text).toContain(`row ${row + 2}`)
          for (const part of value.split(/[\s,]+/).filter((p) => p.length > 2))
            expect(text).not.toContain(part)
        }
      }),
      opts(10),
    )
  })

  const withCell = (row: number, col: number, value: string) => {
    const [head, ...rows] = gridCsv.trim().split('\n')
    const cells = rows[row]!.split(',')
    cells[col] = value
    return parseCaseGrid(
      [head, ...rows.slice(0, row), cells.join(','), ...rows.slice(row + 1)].join('\n'),
      y2018,
      'cases.csv',
    )
  }
  const rowCount = gridCsv.trim().split('\n').length - 1

  it('a date of birth in an answer or disposal cell is refused', () => {
    fc.assert(
      fc.property(fc.nat(rowCount - 1), fc.integer({ min: 1, max: 24 }), dates, (row, col, value) => {
        const r = withCell(row, col, value)
        expect(r.ok).toBe(false)
        // Long values are never quoted back.
        if (!r.ok && value.length > 8) expect(JSON.stringify(r.error)).not.toContain(value)
      }),
      opts(11),
    )
  })

  // `shown` quotes back short word-like cells ("Yes", "?"), but never one that looks like a date.
  it('a short date in an answer cell is not repeated in the message', () => {
    const r = withCell(0, 2, '3.7.09')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(JSON.stringify(r.error)).not.toContain('3.7.09')
  })

  it('a date of birth in a standard or key-question note of an inspection file is refused, naming where', () => {
    const j = inspectionJson as {
      standards: Record<
        string,
        { keyQuestions?: Record<string, Record<string, unknown>> } & Record<string, unknown>
      >
    }
    const kqPaths = Object.entries(j.standards).flatMap(([sid, s]) =>
      Object.keys(s.keyQuestions ?? {}).map((k) => [sid, k] as const),
    )
    fc.assert(
      fc.property(fc.nat(kqPaths.length - 1), fc.boolean(), dates, (i, onStandard, date) => {
        const copy = structuredClone(j)
        const [sid, k] = kqPaths[i]!
        let where: string
        if (onStandard) {
          copy.standards[sid]!.note = `Child seen, ${date}.`
          where = `standards.${sid}.note`
        } else {
          copy.standards[sid]!.keyQuestions![k]!.note = `Child seen, ${date}.`
          where = `standards.${sid}.keyQuestions.${k}.note`
        }
        const r = parseInspection(copy, findFramework)
        expect(r.ok, `a date of birth at ${where} was accepted`).toBe(false)
        if (!r.ok) expect(r.error.map((p) => p.where)).toContain(where)
      }),
      opts(12),
    )
  })

  it('a date of birth in the top-level note is refused by the parser, naming the note', () => {
    const r = parseInspection(
      { ...(inspectionJson as object), note: 'Child seen, DOB 12/03/2008.' },
      findFramework,
    )
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.map((p) => p.where)).toContain('note')
      expect(JSON.stringify(r.error)).not.toContain('12/03/2008')
    }
  })
})
