// Reading inspection and decisions files from disk for the CLI and the server; parsing stays in shared/.
import fs from 'node:fs'
import path from 'node:path'
import { parseDecisions } from '../../shared/engine/decisions.ts'
import type { Decision } from '../../shared/engine/types.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Inspection } from '../../shared/inspection/types.ts'
import { err, ok, type Problem, type Result } from '../../shared/result.ts'
import { isXlsxName, readXlsxRows } from '../grids/xlsx.ts'

function readText(file: string, where: string, what: string): Result<string, Problem[]> {
  const bytes = readBytes(file, where, what)
  return bytes.ok
    ? ok(
        Buffer.from(bytes.value)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      )
    : bytes
}

function readBytes(file: string, where: string, what: string): Result<Uint8Array, Problem[]> {
  try {
    return ok(fs.readFileSync(file))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'was not found'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot be read (${code ?? (e as Error).message})`
    return err([{ where, message: `${what} ${why}` }])
  }
}

function readJsonFile(file: string): Result<unknown, Problem[]> {
  const text = readText(file, file, 'the file')
  if (!text.ok) return text
  try {
    return ok(JSON.parse(text.value) as unknown)
  } catch (e) {
    return err([{ where: file, message: `not valid JSON: ${(e as Error).message}` }])
  }
}

/**
 * Reads an inspection file (and the case grid it names, relative to the file and inside its folder) and parses it against
 * its framework. Problems name the file by its base name, then the JSON path or the grid's row and column.
 */
export function loadInspectionFile(
  file: string,
  lookup: (id: string) => Framework | undefined = findFramework,
): Result<Inspection, Problem[]> {
  const json = readJsonFile(file)
  if (!json.ok) return json
  const fileName = path.basename(file)
  const gridRef = (json.value as { caseGrid?: unknown } | null)?.caseGrid
  if (typeof gridRef !== 'string' || gridRef === '') return parseInspection(json.value, lookup, { fileName })

  const gridPath = gridInsideFolder(file, gridRef)
  if (!gridPath)
    return err([
      {
        where: `${fileName}: caseGrid`,
        message:
          "the case grid must be a file inside the inspection file's folder (or a folder below it); this one is not, so it was not read",
      },
    ])
  if (isXlsxName(gridPath)) {
    const bytes = readBytes(
      gridPath,
      `${fileName}: caseGrid`,
      `the case grid "${gridRef}" (looked for ${gridPath})`,
    )
    if (!bytes.ok) return bytes
    const sheet = (json.value as { caseGridSheet?: unknown }).caseGridSheet
    const rows = readXlsxRows(
      bytes.value,
      path.basename(gridPath),
      typeof sheet === 'string' ? sheet : undefined,
      {
        grid: `${fileName}: caseGrid`,
        sheet: `${fileName}: caseGridSheet`,
      },
    )
    if (!rows.ok) return rows
    return parseInspection(json.value, lookup, {
      fileName,
      gridRecords: rows.value.records,
      gridName: rows.value.where,
    })
  }
  const gridText = readText(
    gridPath,
    `${fileName}: caseGrid`,
    `the case grid "${gridRef}" (looked for ${gridPath})`,
  )
  if (!gridText.ok) return gridText
  return parseInspection(json.value, lookup, {
    fileName,
    gridText: gridText.value,
    gridName: path.basename(gridPath),
  })
}

const isInside = (dir: string, p: string) => {
  const rel = path.relative(dir, p)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/**
 * The case grid's path when it lies inside the inspection file's folder, also once links are followed (so
 * `../../etc/passwd`, an absolute path or a link out of the folder is never read); null otherwise. A grid
 * that does not exist is left for the read to report.
 */
function gridInsideFolder(file: string, gridRef: string): string | null {
  const dir = path.dirname(path.resolve(file))
  const gridPath = path.resolve(dir, gridRef)
  if (!isInside(dir, gridPath)) return null
  try {
    return isInside(fs.realpathSync(dir), fs.realpathSync(gridPath)) ? gridPath : null
  } catch {
    return gridPath
  }
}

/** Reads a `ratings-panel/decisions@1` file; problems name the file by its base name and the JSON path. */
export function loadDecisionsFile(file: string): Result<Record<string, Decision>, Problem[]> {
  const json = readJsonFile(file)
  if (!json.ok) return json
  const r = parseDecisions(json.value)
  return r.ok ? r : err(r.error.map((p) => ({ ...p, where: `${path.basename(file)}: ${p.where}` })))
}

/** Reads a framework file (`ratings-panel/framework@1` or `@2`); every problem is named with the file and its path. */
export function loadFrameworkFile(file: string): Result<Framework, Problem[]> {
  const json = readJsonFile(file)
  if (!json.ok) return json
  const r = parseFramework(json.value)
  return r.ok ? r : err(r.error.map((p) => ({ ...p, where: `${path.basename(file)}: ${p.where}` })))
}
