// The final ratings table as CSV, in the shape published reports use.
import type { FrozenRecord } from '../../shared/panel/record.ts'

/** What a spreadsheet may read as the start of a formula (OWASP's list, and the full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * One CSV cell that a spreadsheet shows as text and never executes: a cell that could start a formula is
 * prefixed with a single quote and quoted (OWASP, CSV injection); quotes, commas and line breaks are quoted.
 */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A forward link to a correction, from the access log (never part of the frozen record). */
export interface CsvCorrectionLink {
  panelId: string
  at: string
  reason: string
}

export function recordCsv(record: FrozenRecord, correctedBy: CsvCorrectionLink[] = []): string {
  const footnoteNo = new Map(record.footnotes.map((f, i) => [f.standardId, i + 1]))
  const rows: unknown[][] = [['standard', 'title', 'rules-based rating', 'final rating', 'footnote']]
  for (const s of record.final.standards)
    rows.push([s.id, s.title, s.rulesBased, s.rating, footnoteNo.get(s.id) ?? ''])
  rows.push([])
  rows.push([
    'score',
    `${record.final.overall.score ?? ''}/${record.final.overall.max ?? ''}`,
    '',
    record.final.overall.rating,
    '',
  ])
  rows.push([])
  for (const f of record.footnotes)
    rows.push([`footnote ${footnoteNo.get(f.standardId)}`, f.standardId, f.from, f.to, f.text])
  // The links both ways: the record this corrects (in the record), and the corrections of it.
  if (record.correctionOf || correctedBy.length) rows.push([])
  if (record.correctionOf)
    rows.push([
      'correction of',
      record.correctionOf.panelId,
      record.correctionOf.recordHash,
      '',
      record.correctionOf.reason,
    ])
  for (const c of correctedBy) rows.push(['corrected by', c.panelId, c.at, '', c.reason])
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
