// Case grids kept in spreadsheets: reads one sheet of an .xlsx file into the rows the case-grid reader takes, as
// the spreadsheet numbers them, so problems name the sheet, the row and the column. Server and CLI only (the
// browser sends the file's bytes), so the client bundle does not carry a spreadsheet reader.

// The reader is SheetJS as published on npm by @e965/xlsx (0.20.3: the fixes for CVE-2023-30533 and
// CVE-2024-22363 that xlsx@0.18.5 lacks, no dependencies, and a synchronous read the CLI can use). It is
// required when first needed, so the rest of the server runs where it is not installed. Only values are read:
// no formulas are evaluated, no styles, no macros; at most MAX_CASES + 1 rows.
import { createRequire } from 'node:module'
import type * as XLSX from '@e965/xlsx'
import type { CsvRecord } from '../../shared/inspection/grid.ts'
import { MAX_CASES } from '../../shared/inspection/grid.ts'
import { quoteBack } from '../../shared/privacy/quote-back.ts'
import { err, ok, type Problem, type Result } from '../../shared/result.ts'

/** An .xlsx file is a zip: it starts "PK\x03\x04". An old .xls (or an encrypted workbook) is a CFB file. */
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const CFB = [0xd0, 0xcf, 0x11, 0xe0]
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

/** The largest spreadsheet read (the HTTP body limit is 4 MB, base64 included). */
export const MAX_XLSX_BYTES = 4 << 20

export const isXlsxName = (name: string): boolean => /\.xlsx$/i.test(name)

function loadReader(): typeof XLSX | null {
  try {
    return createRequire(import.meta.url)('@e965/xlsx') as typeof XLSX
  } catch {
    return null
  }
}

export interface SheetRows {
  records: CsvRecord[]
  /** Where the rows came from, for problems: `cases.xlsx, sheet "Cases"`. */
  where: string
}

/**
 * The rows of one sheet (the first, or `sheet`), each `{ row, cells }` with the spreadsheet's own row number;
 * blank rows are left out but keep their numbers, trailing empty cells are dropped, and a row shorter than the
 * header is filled with empty cells (a spreadsheet does not store them).
 */
export function readXlsxRows(
  bytes: Uint8Array,
  name: string,
  sheet?: string,
  where = { grid: name, sheet: 'caseGridSheet' },
): Result<SheetRows, Problem[]> {
  const fail = (message: string, at = where.grid) => err([{ where: at, message }])
  if (bytes.byteLength > MAX_XLSX_BYTES)
    return fail(`the spreadsheet is larger than ${MAX_XLSX_BYTES >> 20} MB`)
  if (startsWith(bytes, CFB))
    return fail('this is an old Excel file (.xls) or an encrypted workbook: save it as .xlsx, unprotected')
  if (!startsWith(bytes, ZIP)) return fail('this is not an .xlsx spreadsheet')
  const reader = loadReader()
  if (!reader)
    return fail(
      'the spreadsheet reader (@e965/xlsx) is not installed here: run npm install, or use a CSV grid',
    )

  let book: XLSX.WorkBook
  try {
    book = reader.read(bytes, {
      type: 'array',
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      sheetRows: MAX_CASES + 2,
    })
  } catch {
    return fail('the spreadsheet could not be read (is it damaged?)')
  }
  const names = book.SheetNames
  const chosen = sheet ?? names[0]
  if (chosen === undefined) return fail('the spreadsheet has no sheets')
  const index = names.indexOf(chosen)
  if (index === -1)
    return fail(
      `the spreadsheet has no sheet ${quoteBack(chosen, 'of that name')} (it has ${names.map((n, i) => quoteBack(n, `sheet ${i + 1}`)).join(', ')})`,
      where.sheet,
    )
  const label = `${name}, sheet ${quoteBack(chosen, String(index + 1))}`
  const ws = book.Sheets[chosen]!
  if (!ws['!ref']) return ok({ records: [], where: label })
  const full = reader.utils.decode_range(ws['!fullref'] ?? ws['!ref'])
  if (full.e.r - full.s.r > MAX_CASES)
    return fail(`the sheet has more than ${MAX_CASES} rows of cases; at most ${MAX_CASES} are read`, label)

  const range = reader.utils.decode_range(ws['!ref'])
  const rows = reader.utils.sheet_to_json<unknown[]>(ws, {
    header: 1,
    raw: false,
    defval: '',
    blankrows: true,
  })
  const records: CsvRecord[] = []
  rows.forEach((cells, i) => {
    const row = [...Array<string>(range.s.c).fill(''), ...cells.map((c) => String(c ?? ''))]
    while (row.length && row[row.length - 1]!.trim() === '') row.pop()
    if (row.length) records.push({ row: range.s.r + i + 1, cells: row })
  })
  const width = records[0]?.cells.length ?? 0
  for (const r of records) while (r.cells.length < width) r.cells.push('')
  return ok({ records, where: label })
}
