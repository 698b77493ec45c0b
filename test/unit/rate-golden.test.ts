// Every built-in framework still gives byte-identical `rate` output: seeded inspections (counts, percentages,
// NA, case grids, not rated) and decisions, rated before framework@2 (test/fixtures/rate-golden/make.ts).
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runRate } from '../../server/cli/rate.ts'

const dir = fileURLToPath(new URL('../fixtures/rate-golden/', import.meta.url))
const inspections = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.inspection.json'))
  .map((f) => f.slice(0, -'.inspection.json'.length))
  .sort()

describe('rate output of the built-in frameworks is unchanged', () => {
  it('has golden inputs for all four frameworks', () => {
    expect(new Set(inspections.map((n) => n.replace(/\.\d+$/, '')))).toEqual(
      new Set(['hmip-youth-2009', 'hmip-youth-2016', 'hmip-youth-2018', 'hmip-youth-2021']),
    )
  })

  it.each(inspections)('%s, by the rules and with decisions', (name) => {
    const r = runRate([`${dir}${name}.inspection.json`])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(fs.readFileSync(`${dir}${name}.expected.json`, 'utf8'))
    if (!fs.existsSync(`${dir}${name}.decisions.json`)) return
    const d = runRate([`${dir}${name}.inspection.json`, '--decisions', `${dir}${name}.decisions.json`])
    expect(d.stderr).toBe('')
    expect(d.stdout).toBe(fs.readFileSync(`${dir}${name}.decided.expected.json`, 'utf8'))
  })
})
