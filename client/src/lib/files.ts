// Sorting chosen files into an inspection (JSON) and a case grid (CSV), with problems named by file.
import type { Problem } from '../../../shared/result.ts'
import type { Messages } from '../i18n/en.ts'

export interface ChosenFile {
  name: string
  text: string
}

export const FRAMEWORK_FORMAT = 'ratings-panel/framework@1'

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
      const slot =
        (json as { format?: unknown } | null)?.format === FRAMEWORK_FORMAT ? 'framework' : 'inspection'
      if (out[slot])
        out.problems.push({
          where: f.name,
          message: slot === 'framework' ? t.files.twoFrameworks : t.files.twoJson,
        })
      else out[slot] = { name: f.name, json }
    } else if (e === 'csv') {
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
      files.push({ name: f.name, text: await f.text() })
    } catch {
      problems.push({ where: f.name, message: t.files.notReadable(f.name) })
    }
  }
  return { files, problems }
}
