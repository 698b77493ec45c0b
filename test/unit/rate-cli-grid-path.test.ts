// The `rate` CLI reads a case grid only inside the inspection file's folder: `../../etc/passwd`, an absolute
// path or a link out of the folder is refused with exit 2 and a clear message, and nothing of it is echoed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runRate } from '../../server/cli/rate.ts'
import { readFixture } from './engine-support.ts'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-grid-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
const folder = path.join(root, 'inspection')
const outside = path.join(root, 'outside')
fs.mkdirSync(path.join(folder, 'grids'), { recursive: true })
fs.mkdirSync(outside)
const SECRET = 'root:x:0:0:secret-first-line:/root:/bin/bash'
fs.writeFileSync(path.join(outside, 'passwd'), `${SECRET}\nsecond line\n`)
fs.writeFileSync(path.join(folder, 'grids', 'cases.csv'), readFixture('gloucestershire-2020.cases.csv'))
fs.symlinkSync(path.join(outside, 'passwd'), path.join(folder, 'link.csv'))
fs.symlinkSync(outside, path.join(folder, 'linked-dir'))

const inspectionNaming = (caseGrid: string) => {
  const j = JSON.parse(readFixture('gloucestershire-2020.grid.inspection.json')) as Record<string, unknown>
  const file = path.join(folder, `naming-${Math.random().toString(36).slice(2)}.json`)
  fs.writeFileSync(file, JSON.stringify({ ...j, caseGrid }))
  return file
}

describe('rate reads a case grid only inside the inspection file’s folder', () => {
  it.each([
    '../outside/passwd',
    '../../../../../../../../etc/passwd',
    path.join(outside, 'passwd'),
    '/etc/passwd',
    'grids/../../outside/passwd',
    'link.csv',
    'linked-dir/passwd',
  ])('refuses %s with exit 2, echoing nothing of it', (caseGrid) => {
    const r = runRate([inspectionNaming(caseGrid)])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/caseGrid: the case grid must be a file inside the inspection file's folder/)
    expect(r.stderr).not.toMatch(/root:|secret-first-line|second line|bash/)
  })

  it('reads a grid in the folder or below it', () => {
    const r = runRate([inspectionNaming('grids/cases.csv')])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})
