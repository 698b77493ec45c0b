// The boundary map's geometry from the engine's results: bands, boundaries, windows, the driving mark and shifts.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mapRows, mapScale } from '../../client/src/lib/boundary-map.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'

const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(
  JSON.parse(
    fs.readFileSync(new URL('../fixtures/gloucestershire-2020.inspection.json', import.meta.url), 'utf8'),
  ),
  findFramework,
)
if (!parsed.ok) throw new Error('fixture')
const result = rateInspection(framework, parsed.value)

describe('boundary map', () => {
  const scale = mapScale(framework.bands, 5)

  it('draws the bands worst first, the boundaries and a window either side of each', () => {
    expect(scale.bands.map((b) => [b.rating, b.from, b.to])).toEqual([
      ['Inadequate', 0, 50],
      ['Requires improvement', 50, 65],
      ['Good', 65, 80],
      ['Outstanding', 80, 100],
    ])
    expect(scale.boundaries).toEqual([50, 65, 80])
    expect(scale.windows.map((w) => [w.from, w.to])).toEqual([
      [45, 55],
      [60, 70],
      [75, 85],
    ])
  })

  it('places each standard at its driving question, with where one answer would take it', () => {
    const rows = Object.fromEntries(mapRows(result.standards, scale, 5).map((r) => [r.standard.id, r]))
    expect(rows['1.1']!.driving).toBeNull()
    const d21 = rows['2.1']!.driving!
    expect([d21.id, d21.percent!.toFixed(1), d21.near]).toEqual(['2.1.3', '60.9', true])
    expect(d21.shifts).toEqual([{ direction: 'up', keyQuestion: '2.1.3', to: 1500 / 23, rating: 'Good' }])
    // 3.2 rests on five cases: 2/5 = 40%, one more yes gives 60%.
    const d32 = rows['3.2']!.driving!
    expect([d32.percent, d32.near, d32.shifts.map((s) => [s.direction, s.to, s.rating])]).toEqual([
      40,
      false,
      [['up', 60, 'Requires improvement']],
    ])
  })
})
