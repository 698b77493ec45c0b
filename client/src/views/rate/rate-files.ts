// From chosen files to a rating or a list of problems; the engine functions are passed in so this stays testable.
import type { RatingResult } from '../../../../shared/engine/types.ts'
import type { Framework } from '../../../../shared/framework/schema.ts'
import type { Problem, Result } from '../../../../shared/result.ts'
import type { Messages } from '../../i18n/en.ts'
import { namedGrid, type SortedFiles } from '../../lib/files.ts'

export const INSPECTION_FORMAT = 'ratings-panel/inspection@1'

export interface RateDeps<I> {
  frameworkId: string
  /** Judgements chosen for a grid rated on its own, by standard id; '' means not rated. */
  judgements: Record<string, string>
  service: string
  parse(
    json: unknown,
    lookup: (id: string) => Framework | undefined | null,
    opts: { gridText?: string; gridName?: string; allowNotRated?: boolean },
  ): Result<I, Problem[]>
  rate(framework: Framework, inspection: I): RatingResult
  find(id: string): Framework | undefined | null
  parseFramework(json: unknown): Result<Framework, Problem[]>
}

export type Rated = Result<{ result: RatingResult; framework: Framework }, Problem[]>

/** An inspection file for a case grid chosen on its own: the chosen framework, judged standards as chosen. */
export function gridOnlyInspection(
  framework: Framework,
  gridName: string,
  service: string,
  judgements: Record<string, string>,
) {
  const judged = framework.domains.flatMap((d) => d.standards).filter((s) => s.kind === 'judged')
  return {
    format: INSPECTION_FORMAT,
    framework: framework.id,
    service: service.trim() || gridName.replace(/\.csv$/i, ''),
    caseGrid: gridName,
    standards: Object.fromEntries(
      judged.map((s) => [s.id, judgements[s.id] ? { judgement: judgements[s.id] } : { notRated: true }]),
    ),
  }
}

export function rateFiles<I extends { framework: string }>(
  t: Messages,
  files: SortedFiles,
  given: RateDeps<I>,
): Rated {
  if (files.problems.length) return { ok: false, error: files.problems }
  // This page rates in the browser, which carries no spreadsheet reader: a panel reads .xlsx on the server.
  if (files.grid?.base64 !== undefined)
    return { ok: false, error: [{ where: files.grid.name, message: t.files.xlsxOnServer(files.grid.name) }] }
  let deps = given
  if (files.framework) {
    const custom = given.parseFramework(files.framework.json)
    const where = files.framework.name
    if (!custom.ok)
      return {
        ok: false,
        error: custom.error.map((p) => ({ where: `${where}: ${p.where}`, message: p.message })),
      }
    deps = { ...given, find: (id) => (id === custom.value.id ? custom.value : given.find(id)) }
  }
  let json: unknown
  let gridNeeded: string | null
  if (files.inspection) {
    json = files.inspection.json
    gridNeeded = namedGrid(json)
    if (gridNeeded && !files.grid)
      return {
        ok: false,
        error: [{ where: files.inspection.name, message: t.files.gridMissing(gridNeeded) }],
      }
  } else if (files.grid) {
    const framework = deps.find(deps.frameworkId)
    if (!framework)
      return {
        ok: false,
        error: [{ where: 'framework', message: t.files.unknownFramework(deps.frameworkId) }],
      }
    json = gridOnlyInspection(framework, files.grid.name, deps.service, deps.judgements)
    gridNeeded = files.grid.name
  } else return { ok: false, error: [] }
  const grid = gridNeeded && files.grid ? { gridText: files.grid.text, gridName: files.grid.name } : {}
  // A grid alone cannot carry judgements: judged standards left unset are not rated, not an error.
  const parsed = deps.parse(json, deps.find, {
    ...grid,
    ...(files.inspection ? {} : { allowNotRated: true }),
  })
  if (!parsed.ok) return parsed
  const framework = deps.find(parsed.value.framework)
  if (!framework)
    return {
      ok: false,
      error: [{ where: 'framework', message: t.files.unknownFramework(parsed.value.framework) }],
    }
  return { ok: true, value: { result: deps.rate(framework, parsed.value), framework } }
}
