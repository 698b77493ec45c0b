// Sorting chosen files into an inspection (JSON), a framework (JSON) and a case grid (CSV, or an .xlsx spreadsheet
// kept as base64 bytes for the server to read), with problems named by file.
import type { Problem } from '../../../shared/result.ts'
import type { Messages } from '../i18n/en.ts'

export interface ChosenFile {
  name: string
  /** The text (JSON, CSV); empty for a spreadsheet. */
  text: string
  /** A spreadsheet's bytes in base64 (.xlsx, read on the server). */
  base64?: string
}

/** Framework files of any version (`ratings-panel/framework@1`, `@2`). */
export const isFrameworkFormat = (format: unknown): boolean =>
  typeof format === 'string' && format.startsWith('ratings-panel/framework@')

export interface SortedFiles {
  inspection: { name: string; json: unknown } | null
  /** A framework file (`ratings-panel/framework@1`) chosen alongside, for an inspection under new rules. */
  framework: { name: string; json: unknown } | null
  grid: ChosenFile | null
  problems: Problem[]
}

const ext = (name: string) => name.toLowerCase().split('.').pop() ?? ''

export function sortFiles(t: Messages, files: readonly ChosenFile[]): SortedFiles {
  const out: SortedFiles = { inspection: null, framework: null, grid: null, problems: [] }
  for (const f of files) {
    const e = ext(f.name)
    if (e === 'json') {
      let json: unknown
      try {
        json = JSON.parse(f.text) as unknown
      } catch (err) {
        out.problems.push({ where: f.name, message: t.files.notJson(f.name, (err as Error).message) })
        continue
      }
      const slot = isFrameworkFormat((json as { format?: unknown } | null)?.format)
        ? 'framework'
        : 'inspection'
      if (out[slot])
        out.problems.push({
          where: f.name,
          message: slot === 'framework' ? t.files.twoFrameworks : t.files.twoJson,
        })
      else out[slot] = { name: f.name, json }
    } else if (e === 'csv' || e === 'xlsx') {
      if (out.grid) out.problems.push({ where: f.name, message: t.files.twoCsv })
      else out.grid = f
    } else out.problems.push({ where: f.name, message: t.files.unknownType(f.name) })
  }
  return out
}

/** The case grid an inspection names (`caseGrid`), if any. */
export function namedGrid(json: unknown): string | null {
  const g = (json as { caseGrid?: unknown } | null)?.caseGrid
  return typeof g === 'string' ? g : null
}

export async function readFiles(
  t: Messages,
  list: FileList | readonly File[],
): Promise<{ files: ChosenFile[]; problems: Problem[] }> {
  const files: ChosenFile[] = []
  const problems: Problem[] = []
  for (const f of Array.from(list)) {
    try {
      files.push(
        ext(f.name) === 'xlsx'
          ? { name: f.name, text: '', base64: toBase64(new Uint8Array(await f.arrayBuffer())) }
          : { name: f.name, text: await f.text() },
      )
    } catch {
      problems.push({ where: f.name, message: t.files.notReadable(f.name) })
    }
  }
  return { files, problems }
}

/** Bytes as base64, in chunks (a spreadsheet may be megabytes; one String.fromCharCode call would overflow). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
