// The per-case answer grid (CSV, or a spreadsheet's rows): columns `case`, `disposal`, then one per key question
// from cases; cells Y, N, NA.

// Problems are named as a spreadsheet shows them: row 1 is the header, columns by their header.
import type { Framework, FrameworkStandard } from '../framework/schema.ts'
import { caseKeyQuestionIds, isJudgedQuestion } from '../framework/schema.ts'
import { findDisposal, listDisposals } from '../framework/disposals.ts'
import { err, ok, type Problem, type Result } from '../result.ts'
import { isOpaqueCaseRef, personalDataIn } from '../privacy/personal-data.ts'
import { isQuotable } from '../privacy/quote-back.ts'
import type { CaseRefs, KeyQuestionInput, StandardInput } from './types.ts'

export interface CaseGrid {
  /** Case references in grid order. */
  caseRefs: string[]
  /** Per key question: the cases answered Y, N and NA. */
  answers: Record<string, CaseRefs>
}

export interface CsvRecord {
  /** 1-based, as a spreadsheet numbers it (a quoted line break stays inside its row). */
  row: number
  cells: string[]
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Blank records are dropped but keep their numbers.
 * Reading stops after `maxRecords` records (`truncated`).
 */
export function parseCsv(
  text: string,
  maxRecords = Infinity,
): { records: CsvRecord[]; unclosedQuoteRow: number | null; truncated: boolean } {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let quoted = false
  let row = 1
  let quoteRow = 0
  const endRecord = () => {
    cells.push(field)
    if (cells.some((c) => c.trim() !== '')) records.push({ row, cells })
    cells = []
    field = ''
    row++
  }
  for (let i = 0; i < text.length && records.length <= maxRecords; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field.trim() === '') {
      quoted = true
      quoteRow = row
      field = ''
    } else if (ch === ',') {
      cells.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
    } else field += ch
  }
  const truncated = records.length > maxRecords
  if (truncated) return { records: records.slice(0, maxRecords), unclosedQuoteRow: null, truncated }
  if (field !== '' || cells.length) endRecord()
  return { records, unclosedQuoteRow: quoted ? quoteRow : null, truncated }
}

/** A bad cell quoted back only when short and word-like ("Yes", "?"), so personal data is never repeated. */
const shown = (cell: string) => {
  const t = cell.trim()
  if (!t) return 'an empty cell'
  return /^[\w?.-]{1,8}$/.test(t) && !personalDataIn(t) ? `"${t}"` : 'something else'
}

/**
 * More cases than any inspection reads (they read tens). Past this a grid is refused whole, so a grid of bad
 * rows cannot make the server name millions of problems (2 MB of them once took a second to answer).
 */
export const MAX_CASES = 2_000

const ANSWERS: Record<string, keyof CaseRefs> = { Y: 'yes', N: 'no', NA: 'notApplicable' }

/** A CSV case grid; problems name the grid (`name`), then the row and the column. */
export function parseCaseGrid(text: string, framework: Framework, name: string): Result<CaseGrid, Problem[]> {
  const { records, unclosedQuoteRow, truncated } = parseCsv(text.replace(/^\uFEFF/, ''), MAX_CASES + 1)
  if (truncated)
    return err([
      {
        where: name,
        message: `the case grid has more than ${MAX_CASES} cases; at most ${MAX_CASES} are read`,
      },
    ])
  if (unclosedQuoteRow !== null)
    return err([
      {
        where: `${name}, row ${unclosedQuoteRow}`,
        message: 'a quoted cell is never closed (a " is missing)',
      },
    ])
  return caseGridFromRecords(records, framework, name)
}

/**
 * A case grid from its rows as a spreadsheet numbers them (CSV, or a sheet of an .xlsx file read on the server);
 * `name` says where they came from in problems (`cases.xlsx, sheet "Cases"`).
 */
export function caseGridFromRecords(
  records: readonly CsvRecord[],
  framework: Framework,
  name: string,
): Result<CaseGrid, Problem[]> {
  const problems: Problem[] = []
  // A column by its header, or by its number when the header is not plain text (it is never repeated then).
  const at = (row: number, column?: string | number) =>
    `${name}, row ${row}${column === undefined ? '' : typeof column === 'number' ? `, column ${column}` : `, column "${column}"`}`
  const add = (row: number, column: string | number | undefined, message: string) =>
    problems.push({ where: at(row, column), message })
  const headerColumn = (label: string, j: number) => (isQuotable(label) ? label : j + 1)
  const kqIds = caseKeyQuestionIds(framework)
  const expectedHeader = ['case', 'disposal', ...kqIds].join(',')

  const [head, ...body] = records
  if (!head)
    return err([{ where: name, message: `the case grid is empty; expected a header row: ${expectedHeader}` }])
  if (head.row !== 1) add(1, undefined, `expected the header row here: ${expectedHeader}`)

  const header = head.cells.map((h) => h.trim())
  if (header[0]?.toLowerCase() !== 'case')
    add(head.row, headerColumn(header[0] ?? '', 0), 'the first column must be "case"')
  if (header[1]?.toLowerCase() !== 'disposal')
    add(head.row, headerColumn(header[1] ?? '', 1), 'the second column must be "disposal"')
  const columns = header.slice(2)
  columns.forEach((c, j) => {
    if (!kqIds.includes(c))
      add(
        head.row,
        headerColumn(c, j + 2),
        `${isQuotable(c) ? `"${c}"` : 'this header'} is not a key question of ${framework.id} (expected ${kqIds.join(', ')})`,
      )
    else if (columns.indexOf(c) !== j) add(head.row, c, 'this column appears twice')
  })
  const missing = kqIds.filter((k) => !columns.includes(k))
  if (missing.length)
    add(
      head.row,
      undefined,
      `missing a column for key question${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    )
  if (problems.length) return err(problems)
  if (!body.length) return err([{ where: name, message: 'the case grid has a header but no cases' }])
  // Bounded work: an inspection reads tens of cases; a grid of thousands of bad rows would name millions of problems.
  if (body.length > MAX_CASES)
    return err([
      {
        where: name,
        message: `the case grid has ${body.length} rows of cases; at most ${MAX_CASES} are read`,
      },
    ])

  const answers: Record<string, CaseRefs> = Object.fromEntries(
    kqIds.map((k) => [k, { yes: [], no: [], notApplicable: [] }]),
  )
  const caseRefs: string[] = []
  const firstRowOf = new Map<string, number>()
  for (const { row, cells } of body) {
    if (cells.length !== header.length) {
      add(
        row,
        undefined,
        `expected ${header.length} cells (${header.length - 2} key questions), found ${cells.length}`,
      )
      continue
    }
    const ref = cells[0]!.trim()
    if (!ref) add(row, 'case', 'expected an opaque case reference such as C07')
    // Never echo the value: if it is a name or a date of birth, it must not travel further in a message.
    else if (!isOpaqueCaseRef(ref))
      add(
        row,
        'case',
        'only opaque case references such as C07 or O03 are allowed; never a name, date of birth or address',
      )
    else if (firstRowOf.has(ref.toUpperCase()))
      add(row, 'case', `case ${ref} appears twice (first in row ${firstRowOf.get(ref.toUpperCase())})`)
    else firstRowOf.set(ref.toUpperCase(), row)
    caseRefs.push(ref)
    const disposal = cells[1]!.trim()
    if (!disposal) add(row, 'disposal', `expected the disposal type, such as ${listDisposals(framework)}`)
    // Never echoed: the column is not free text, and what else was typed there could be a name.
    else if (!findDisposal(framework, disposal))
      add(row, 'disposal', `expected a disposal type of ${framework.id}: ${listDisposals(framework)}`)
    columns.forEach((col, j) => {
      const cell = cells[j + 2]!
      const answer = ANSWERS[cell.trim().toUpperCase()]
      if (answer) answers[col]![answer].push(ref)
      else add(row, col, `expected Y, N or NA, found ${shown(cell)}`)
    })
  }
  return problems.length ? err(problems) : ok({ caseRefs, answers })
}

/**
 * Counts from the grid: yes and no answers are assessed; a question answered NA by every case does not apply.
 * A mixed standard's judged key questions are not in the grid (the inspection file gives them).
 */
export function standardFromGrid(s: FrameworkStandard, grid: CaseGrid): StandardInput {
  return {
    kind: 'cases',
    keyQuestions: Object.fromEntries(
      (s.keyQuestions ?? [])
        .filter((k) => !isJudgedQuestion(k))
        .map(({ id }): [string, KeyQuestionInput] => {
          const cases = grid.answers[id]!
          const assessed = cases.yes.length + cases.no.length
          return [
            id,
            assessed === 0
              ? { kind: 'notApplicable', cases }
              : { kind: 'counts', yes: cases.yes.length, assessed, cases },
          ]
        }),
    ),
  }
}
