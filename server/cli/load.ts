// Reading inspection and decisions files from disk for the CLI and the server, with named problems.
import fs from 'node:fs'
import path from 'node:path'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseDecisions } from '../../shared/engine/decisions.ts'
import type { Decision } from '../../shared/engine/types.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Inspection } from '../../shared/inspection/types.ts'
import { err, ok, type Problem, type Result } from '../../shared/result.ts'

function readJsonFile(file: string): Result<unknown, Problem[]> {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    return err([{ where: file, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${(e as Error).message}` }])
  }
  try {
    return ok(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown)
  } catch (e) {
    return err([{ where: file, message: `not valid JSON: ${(e as Error).message}` }])
  }
}

export function loadInspectionFile(file: string): Result<Inspection, Problem[]> {
  const json = readJsonFile(file)
  if (!json.ok) return json
  const name = path.basename(file)
  const gridRef = (json.value as { caseGrid?: unknown } | null)?.caseGrid
  let gridText: string | undefined
  let gridName: string | undefined
  if (typeof gridRef === 'string') {
    const gridPath = path.resolve(path.dirname(file), gridRef)
    gridName = path.basename(gridPath)
    try {
      gridText = fs.readFileSync(gridPath, 'utf8')
    } catch {
      return err([{ where: `${name}: caseGrid`, message: `the case grid ${gridPath} cannot be read` }])
    }
  }
  return parseInspection(json.value, findFramework, { fileName: name, ...(gridText !== undefined ? { gridText, gridName } : {}) })
}

export function loadDecisionsFile(file: string): Result<Record<string, Decision>, Problem[]> {
  const json = readJsonFile(file)
  if (!json.ok) return json
  const r = parseDecisions(json.value)
  return r.ok ? r : err(r.error.map((p) => ({ ...p, where: `${path.basename(file)}: ${p.where}` })))
}
