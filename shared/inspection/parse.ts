// Reads `ratings-panel/inspection@1` and `@2` strictly against its framework, naming every problem with its path.
import type { core } from 'zod/mini'
import {
  isJudgedQuestion,
  standardsOf,
  zodProblems,
  type Framework,
  type FrameworkStandard,
} from '../framework/schema.ts'
import { err, ok, type Problem, type Result } from '../result.ts'
import { inEnglish } from '../zod-english.ts'
import {
  caseGridFromRecords,
  parseCaseGrid,
  standardFromGrid,
  type CaseGrid,
  type CsvRecord,
} from './grid.ts'
import { personalDataIn } from '../privacy/personal-data.ts'
import { isQuotable, quoteBack } from '../privacy/quote-back.ts'
import { readAreasAndOverall, readSamples } from './parse-v2.ts'
import {
  CaseStandardSchema,
  INSPECTION_FORMAT,
  INSPECTION_FORMAT_V2,
  InspectionFileSchema,
  InspectionFileSchemaV2,
  JudgedStandardSchema,
  keyQuestionSchemaFor,
} from './schema.ts'
import type { Inspection, KeyQuestionInput, StandardInput } from './types.ts'

export { INSPECTION_FORMAT, INSPECTION_FORMAT_V2 }

export interface ParseOptions {
  /** The case grid's CSV text, when the file names one (`caseGrid`). */
  gridText?: string
  /** Or its rows, already read (a sheet of an .xlsx case grid, read on the server). */
  gridRecords?: readonly CsvRecord[]
  /** The grid's name in problems, e.g. its file name. */
  gridName?: string
  /** Prefix for problem locations, e.g. the inspection's file name. */
  fileName?: string
  /**
   * Accept `{ "notRated": true }` on any judged standard, not only where the framework allows it: for a
   * preview before every judgement is entered (a case grid chosen on its own). Files never set it.
   */
  allowNotRated?: boolean
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const describe = (v: unknown) =>
  v === undefined
    ? 'nothing'
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'a list'
        : typeof v === 'string'
          ? quoteBack(v, 'text')
          : typeof v === 'object'
            ? 'an object'
            : String(v)

export function parseInspection(
  json: unknown,
  lookup: (id: string) => Framework | undefined | null,
  opts: ParseOptions = {},
): Result<Inspection, Problem[]> {
  const prefix = opts.fileName ? `${opts.fileName}: ` : ''
  const problems: Problem[] = []
  const add = (path: string, message: string) => problems.push({ where: prefix + path, message })
  const addAll = (more: Problem[]) => {
    // One by one: spreading a long list into push() overflows the stack.
    for (const p of more) problems.push(p)
  }
  const addZod = (error: core.$ZodError, path: string) => addAll(zodProblems(error, path, prefix))
  if (!isObj(json))
    return err([
      { where: prefix + '(top level)', message: `expected a JSON object, found ${describe(json)}` },
    ])

  const isV2 = json.format === INSPECTION_FORMAT_V2
  const file = (isV2 ? InspectionFileSchemaV2 : InspectionFileSchema).safeParse(json, inEnglish)
  if (!file.success) addAll(zodProblems(file.error, '', prefix))
  // Read on past a bad top-level field, so one pass names every problem in the standards too.
  const framework = typeof json.framework === 'string' ? (lookup(json.framework) ?? undefined) : undefined
  if (typeof json.framework === 'string' && json.framework && !framework)
    add('framework', `unknown framework ${quoteBack(json.framework, '(not a framework id)')}`)
  if (!framework || !isObj(json.standards)) return err(problems)
  const given = json.standards

  const noteOf = (path: string, v: { note?: string | undefined }) => {
    const why = v.note === undefined ? null : personalDataIn(v.note)
    if (why) add(`${path}.note`, `this note ${why}; personal data must never be entered`)
    return v.note ? { note: v.note } : {}
  }
  // The file's own note, service and source are checked by its schema.

  const usesGrid = typeof json.caseGrid === 'string'
  if (json.caseGridSheet !== undefined && !(usesGrid && /\.xlsx$/i.test(String(json.caseGrid))))
    add('caseGridSheet', 'a sheet is named only for a case grid in an .xlsx spreadsheet')
  let grid: CaseGrid | null = null
  if (usesGrid) {
    if (opts.gridText === undefined && opts.gridRecords === undefined)
      add(
        'caseGrid',
        `the file names a case grid (${quoteBack(String(json.caseGrid), 'caseGrid')}), which was not provided`,
      )
    else {
      const gridName = opts.gridName ?? String(json.caseGrid)
      const g =
        opts.gridRecords !== undefined
          ? caseGridFromRecords(opts.gridRecords, framework, gridName)
          : parseCaseGrid(opts.gridText!, framework, gridName)
      if (g.ok) grid = g.value
      else addAll(g.error)
    }
  }

  const known = new Set(standardsOf(framework).map((s) => s.id))
  for (const id of Object.keys(given))
    if (known.has(id)) continue
    else if (isQuotable(id)) add(`standards.${id}`, `${framework.id} has no standard ${id}`)
    else add('standards', `${framework.id} has no standard of that id (not repeated: it is not a plain id)`)

  const standards: Record<string, StandardInput> = {}
  for (const s of standardsOf(framework)) {
    const path = `standards.${s.id}`
    const v = given[s.id]
    if (s.kind === 'cases' && usesGrid) {
      if (v !== undefined)
        add(path, 'counts for case standards come from the case grid; leave this standard out')
      if (grid) standards[s.id] = standardFromGrid(s, grid)
      continue
    }
    // With a grid, a mixed standard holds only its judged key questions; the grid gives the rest.
    const expectedIds = s.kind === 'mixed' && usesGrid ? judgedIds(s) : keyQuestionIds(s)
    if (v === undefined) {
      add(
        path,
        `missing: expected ${s.kind === 'judged' ? judgedExpected(framework, s) : `{ "keyQuestions": { ${expectedIds.join(', ')} } }`}`,
      )
      continue
    }
    if (s.kind === 'judged') {
      const r = JudgedStandardSchema.safeParse(v, inEnglish)
      if (!r.success) {
        addZod(r.error, path)
        continue
      }
      const labels = framework.ratings.map((x) => x.label)
      if (r.data.notRated && !s.mayBeNotRated && !opts.allowNotRated)
        add(`${path}.notRated`, `${s.id} ${s.title} must be rated: expected ${judgedExpected(framework, s)}`)
      else if (r.data.judgement !== undefined && !labels.includes(r.data.judgement))
        add(
          `${path}.judgement`,
          `expected one of ${labels.map((l) => `"${l}"`).join(', ')}; found ${describe(r.data.judgement)}`,
        )
      else standards[s.id] = { kind: 'judged', judgement: r.data.judgement ?? null, ...noteOf(path, r.data) }
      continue
    }
    const r = CaseStandardSchema.safeParse(v, inEnglish)
    if (!r.success) {
      addZod(r.error, path)
      continue
    }
    const ids = keyQuestionIds(s)
    for (const k of Object.keys(r.data.keyQuestions))
      if (!ids.includes(k) && !isQuotable(k))
        add(
          `${path}.keyQuestions`,
          `standard ${s.id} has no key question of that id (not repeated: it is not a plain id; it has ${ids.join(', ')})`,
        )
      else if (!ids.includes(k))
        add(
          `${path}.keyQuestions.${k}`,
          `standard ${s.id} has no key question ${k} (it has ${ids.join(', ')})`,
        )
      else if (!expectedIds.includes(k))
        add(
          `${path}.keyQuestions.${k}`,
          'answers from cases come from the case grid; leave this key question out',
        )
    const fromGrid = grid && s.kind === 'mixed' ? standardFromGrid(s, grid) : null
    const keyQuestions: Record<string, KeyQuestionInput> =
      fromGrid?.kind === 'cases' ? { ...fromGrid.keyQuestions } : {}
    for (const k of s.keyQuestions ?? []) {
      if (!expectedIds.includes(k.id)) continue
      const kqPath = `${path}.keyQuestions.${k.id}`
      const kq = parseKeyQuestion(r.data.keyQuestions[k.id], kqPath, add, addZod, {
        judged: isJudgedQuestion(k),
        labels: framework.ratings.map((x) => x.label),
        isV2,
      })
      if (kq) keyQuestions[k.id] = { ...kq.input, ...noteOf(kqPath, kq) }
    }
    // Framework order, whichever source each answer came from.
    const ordered = Object.fromEntries(
      keyQuestionIds(s).flatMap((k) => (keyQuestions[k] ? [[k, keyQuestions[k]]] : [])),
    )
    standards[s.id] = { kind: 'cases', keyQuestions: ordered, ...noteOf(path, r.data) }
  }
  const v2 = isV2 ? readAreasAndOverall(json, framework, add, noteOf) : {}
  const samples = readSamples(isV2 ? json.samples : undefined, framework, standards, grid, add)
  if (problems.length || !file.success) return err(problems)

  const f = file.data
  return ok({
    format: f.format,
    framework: f.framework,
    service: f.service,
    ...('serviceId' in f && f.serviceId !== undefined ? { serviceId: f.serviceId } : {}),
    ...(f.fieldwork !== undefined ? { fieldwork: f.fieldwork } : {}),
    ...(f.published !== undefined ? { published: f.published } : {}),
    ...(f.source !== undefined ? { source: f.source } : {}),
    ...(f.note !== undefined ? { note: f.note } : {}),
    standards,
    ...(grid ? { caseRefs: grid.caseRefs } : {}),
    ...v2,
    ...(samples ? { samples } : {}),
  })
}

const keyQuestionIds = (s: FrameworkStandard) => (s.keyQuestions ?? []).map((k) => k.id)
const judgedIds = (s: FrameworkStandard) => (s.keyQuestions ?? []).filter(isJudgedQuestion).map((k) => k.id)

const judgedExpected = (framework: Framework, s: FrameworkStandard) =>
  `{ "judgement": "${framework.ratings[1]?.label ?? framework.ratings[0]!.label}" }${s.mayBeNotRated ? ' or { "notRated": true }' : ''}`

function parseKeyQuestion(
  v: unknown,
  path: string,
  add: (path: string, message: string) => void,
  addZod: (error: core.$ZodError, path: string) => void,
  how: { judged: boolean; labels: string[]; isV2: boolean },
): { input: KeyQuestionInput; note?: string | undefined } | null {
  const forms = how.judged
    ? `{ "judgement": "${how.labels[1] ?? how.labels[0]}" } (this key question is rated by judgement)`
    : '{ "yes": n, "assessed": n }, { "percent": n } or { "notApplicable": true }'
  if (!isObj(v))
    return (add(path, `${v === undefined ? 'missing' : `found ${describe(v)}`}: expected ${forms}`), null)
  if (how.judged !== 'judgement' in v) return (add(path, `expected ${forms}`), null)
  if (how.judged && !how.isV2)
    return (add(path, `a judged key question needs "format": "${INSPECTION_FORMAT_V2}"`), null)
  const r = keyQuestionSchemaFor(v).safeParse(v, inEnglish)
  if (!r.success) return (addZod(r.error, path), null)
  const d = r.data
  if ('judgement' in d) {
    if (!how.labels.includes(d.judgement))
      return (
        add(
          `${path}.judgement`,
          `expected one of ${how.labels.map((l) => `"${l}"`).join(', ')}; found ${describe(d.judgement)}`,
        ),
        null
      )
    return { input: { kind: 'judgement', rating: d.judgement }, note: d.note }
  }
  if ('percent' in d) return { input: { kind: 'percent', percent: d.percent }, note: d.note }
  if ('notApplicable' in d) return { input: { kind: 'notApplicable' }, note: d.note }
  return { input: { kind: 'counts', yes: d.yes, assessed: d.assessed }, note: d.note }
}
