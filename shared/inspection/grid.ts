// The per-case answer grid (CSV): columns `case`, `disposal`, then one per key question; cells Y, N, NA.
import type { Framework } from '../framework/schema.ts'
import { standardsOf } from '../framework/schema.ts'
import { err, ok, type Problem, type Result } from '../result.ts'
import { isOpaqueCaseRef } from './personal-data.ts'
import type { CaseRefs } from './types.ts'

export interface CaseGrid {
  caseRefs: string[]
  /** Per key question: the cases answered Y, N and NA. */
  answers: Record<string, CaseRefs>
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''))
}

export function parseCaseGrid(text: string, framework: Framework, name: string): Result<CaseGrid, Problem[]> {
  const problems: Problem[] = []
  const at = (row: number, column?: string) => `${name}, row ${row}${column ? `, column "${column}"` : ''}`
  const rows = parseCsv(text.replace(/^\uFEFF/, ''))
  if (!rows.length) return err([{ where: name, message: 'the case grid is empty; expected a header row: case,disposal,<key question ids>' }])
  const header = rows[0]!.map((h) => h.trim())
  const kqIds = standardsOf(framework).filter((s) => s.kind === 'cases').flatMap((s) => s.keyQuestions!.map((k) => k.id))
  if (header[0] !== 'case') problems.push({ where: at(1, header[0]), message: 'the first column must be "case"' })
  if (header[1] !== 'disposal') problems.push({ where: at(1, header[1]), message: 'the second column must be "disposal"' })
  const columns = header.slice(2)
  const seenCols = new Set<string>()
  for (const c of columns) {
    if (!kqIds.includes(c)) problems.push({ where: at(1, c), message: `"${c}" is not a key question of ${framework.id}` })
    if (seenCols.has(c)) problems.push({ where: at(1, c), message: 'this column appears twice' })
    seenCols.add(c)
  }
  for (const k of kqIds) if (!seenCols.has(k)) problems.push({ where: at(1), message: `missing a column for key question ${k}` })
  if (problems.length) return err(problems)

  const answers: Record<string, CaseRefs> = Object.fromEntries(kqIds.map((k) => [k, { yes: [], no: [], notApplicable: [] }]))
  const caseRefs: string[] = []
  const seenRefs = new Set<string>()
  rows.slice(1).forEach((cells, i) => {
    const rowNo = i + 2
    if (cells.length !== header.length) {
      problems.push({ where: at(rowNo), message: `expected ${header.length} cells, found ${cells.length}` })
      return
    }
    const ref = cells[0]!.trim()
    if (!ref) problems.push({ where: at(rowNo, 'case'), message: 'expected a case reference such as C07' })
    else if (!isOpaqueCaseRef(ref))
      problems.push({
        where: at(rowNo, 'case'),
        message: `"${ref.length > 24 ? ref.slice(0, 24) + '…' : ref}" is not an opaque case reference (like C07 or O03); names, dates of birth and addresses must never be entered`,
      })
    else if (seenRefs.has(ref)) problems.push({ where: at(rowNo, 'case'), message: `case ${ref} appears twice` })
    seenRefs.add(ref)
    caseRefs.push(ref)
    if (!cells[1]!.trim()) problems.push({ where: at(rowNo, 'disposal'), message: 'expected the disposal type (court or out-of-court)' })
    columns.forEach((col, j) => {
      const v = cells[j + 2]!.trim().toUpperCase()
      const a = answers[col]!
      if (v === 'Y') a.yes.push(ref)
      else if (v === 'N') a.no.push(ref)
      else if (v === 'NA') a.notApplicable.push(ref)
      else problems.push({ where: at(rowNo, col), message: `expected Y, N or NA, found "${cells[j + 2]}"` })
    })
  })
  if (rows.length === 1) problems.push({ where: name, message: 'the case grid has a header but no cases' })
  return problems.length ? err(problems) : ok({ caseRefs, answers })
}
