// Reads `ratings-panel/inspection@1` strictly against its framework; every problem is named with its path.
import type { Framework } from '../framework/schema.ts'
import { standardsOf } from '../framework/schema.ts'
import { err, ok, type Problem, type Result } from '../result.ts'
import { parseCaseGrid } from './grid.ts'
import { personalDataIn } from './personal-data.ts'
import type { Inspection, KeyQuestionInput, StandardInput } from './types.ts'

export const INSPECTION_FORMAT = 'ratings-panel/inspection@1'
const TOP_KEYS = ['format', 'framework', 'service', 'fieldwork', 'published', 'source', 'note', 'caseGrid', 'standards']

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? `"${v.slice(0, 40)}"` : typeof v === 'object' ? 'an object' : String(v))

export interface ParseOptions {
  /** The case grid's CSV text, when the file names one. */
  gridText?: string
  gridName?: string
  /** Prefix for problem locations, e.g. the file name. */
  fileName?: string
}

export function parseInspection(json: unknown, lookup: (id: string) => Framework | undefined, opts: ParseOptions = {}): Result<Inspection, Problem[]> {
  const problems: Problem[] = []
  const where = (path: string) => (opts.fileName ? `${opts.fileName}: ${path}` : path)
  const add = (path: string, message: string) => problems.push({ where: where(path), message })
  if (!isObj(json)) return err([{ where: where('(top level)'), message: `expected a JSON object, found ${describe(json)}` }])

  for (const k of Object.keys(json)) if (!TOP_KEYS.includes(k)) add(k, `unknown key "${k}" (allowed: ${TOP_KEYS.join(', ')})`)
  if (json.format !== INSPECTION_FORMAT) add('format', `expected "${INSPECTION_FORMAT}", found ${describe(json.format)}`)
  const optionalText = (k: string) => {
    if (json[k] !== undefined && typeof json[k] !== 'string') add(k, `expected text, found ${describe(json[k])}`)
  }
  ;['fieldwork', 'published', 'source', 'note', 'caseGrid'].forEach(optionalText)
  if (typeof json.service !== 'string' || !json.service.trim()) add('service', 'expected the name of the service inspected')
  const framework = typeof json.framework === 'string' ? lookup(json.framework) : undefined
  if (typeof json.framework !== 'string') add('framework', `expected a framework id such as "hmip-youth-2018", found ${describe(json.framework)}`)
  else if (!framework) add('framework', `unknown framework "${json.framework}"`)
  if (!isObj(json.standards)) add('standards', `expected an object keyed by standard id, found ${describe(json.standards)}`)
  if (!framework || !isObj(json.standards)) return err(problems)

  const checkNote = (path: string, v: Obj) => {
    if (v.note === undefined) return undefined
    if (typeof v.note !== 'string') return void add(`${path}.note`, 'expected text')
    const pd = personalDataIn(v.note)
    if (pd) add(`${path}.note`, `this note ${pd}; personal data must never be entered`)
    return v.note
  }

  // With a case grid, counts come from the grid and `standards` names the judged standards only.
  const usesGrid = typeof json.caseGrid === 'string'
  let grid: ReturnType<typeof parseCaseGrid> | null = null
  if (usesGrid) {
    if (opts.gridText === undefined) add('caseGrid', `the file names the case grid "${json.caseGrid}" but it was not provided`)
    else grid = parseCaseGrid(opts.gridText, framework, opts.gridName ?? String(json.caseGrid))
    if (grid && !grid.ok) problems.push(...grid.error)
  }

  const standards: Record<string, StandardInput> = {}
  const known = new Set(standardsOf(framework).map((s) => s.id))
  for (const k of Object.keys(json.standards)) if (!known.has(k)) add(`standards.${k}`, `${framework.id} has no standard ${k}`)
  const labels = framework.ratings.map((r) => r.label)

  for (const s of standardsOf(framework)) {
    const path = `standards.${s.id}`
    const v = json.standards[s.id]
    if (s.kind === 'cases' && usesGrid) {
      if (v !== undefined) add(path, 'counts for case standards come from the case grid; leave this standard out')
      if (grid?.ok)
        standards[s.id] = {
          kind: 'cases',
          keyQuestions: Object.fromEntries(
            s.keyQuestions!.map((k): [string, KeyQuestionInput] => {
              const a = grid.value.answers[k.id]!
              const assessed = a.yes.length + a.no.length
              return [k.id, assessed === 0 ? { kind: 'notApplicable', cases: a } : { kind: 'counts', yes: a.yes.length, assessed, cases: a }]
            }),
          ),
        }
      continue
    }
    if (v === undefined) {
      add(path, s.kind === 'judged' ? `missing: expected { "judgement": "${labels[1]}" } or { "notRated": true }` : 'missing: expected { "keyQuestions": { … } }')
      continue
    }
    if (!isObj(v)) {
      add(path, `expected an object, found ${describe(v)}`)
      continue
    }
    if (s.kind === 'judged') {
      for (const k of Object.keys(v)) if (!['judgement', 'notRated', 'note'].includes(k)) add(`${path}.${k}`, `unknown key "${k}" for a judged standard`)
      const note = checkNote(path, v)
      if (v.notRated === true && v.judgement === undefined) standards[s.id] = { kind: 'judged', judgement: null, ...(note ? { note } : {}) }
      else if (typeof v.judgement === 'string' && labels.includes(v.judgement) && v.notRated === undefined)
        standards[s.id] = { kind: 'judged', judgement: v.judgement, ...(note ? { note } : {}) }
      else add(`${path}.judgement`, `expected one of ${labels.map((l) => `"${l}"`).join(', ')}, or { "notRated": true }; found ${describe(v.judgement ?? v.notRated)}`)
      continue
    }
    for (const k of Object.keys(v)) if (!['keyQuestions', 'note'].includes(k)) add(`${path}.${k}`, `unknown key "${k}" for a case standard`)
    const note = checkNote(path, v)
    if (!isObj(v.keyQuestions)) {
      add(`${path}.keyQuestions`, `expected an object naming ${s.keyQuestions!.map((k) => k.id).join(', ')}`)
      continue
    }
    const kqs: Record<string, KeyQuestionInput> = {}
    const kqIds = s.keyQuestions!.map((k) => k.id)
    for (const k of Object.keys(v.keyQuestions)) if (!kqIds.includes(k)) add(`${path}.keyQuestions.${k}`, `standard ${s.id} has no key question ${k}`)
    for (const kq of kqIds) {
      const p = `${path}.keyQuestions.${kq}`
      const r = parseKeyQuestion(v.keyQuestions[kq], p, add, (o) => checkNote(p, o))
      if (r) kqs[kq] = r
    }
    standards[s.id] = { kind: 'cases', keyQuestions: kqs, ...(note ? { note } : {}) }
  }
  if (problems.length) return err(problems)
  const j = json as Obj & { framework: string; service: string }
  return ok({
    format: INSPECTION_FORMAT,
    framework: j.framework,
    service: j.service.trim(),
    ...Object.fromEntries(['fieldwork', 'published', 'source', 'note'].filter((k) => typeof j[k] === 'string').map((k) => [k, j[k]])),
    standards,
    ...(grid?.ok ? { caseRefs: grid.value.caseRefs } : {}),
  } as Inspection)
}

function parseKeyQuestion(v: unknown, p: string, add: (path: string, message: string) => void, note: (o: Obj) => string | undefined): KeyQuestionInput | null {
  const expected = 'expected { "yes": n, "assessed": n }, { "percent": n } or { "notApplicable": true }'
  if (!isObj(v)) return add(p, v === undefined ? `missing: ${expected}` : `${expected}; found ${describe(v)}`), null
  const keys = Object.keys(v).filter((k) => k !== 'note')
  const n = note(v)
  const withNote = n ? { note: n } : {}
  const isCount = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0
  if (keys.length === 2 && 'yes' in v && 'assessed' in v) {
    if (!isCount(v.yes)) return add(`${p}.yes`, `expected a whole number of cases, found ${describe(v.yes)}`), null
    if (!isCount(v.assessed) || (v.assessed as number) < 1) return add(`${p}.assessed`, `expected a whole number of cases, at least 1, found ${describe(v.assessed)}`), null
    if ((v.yes as number) > (v.assessed as number)) return add(`${p}.yes`, `yes (${v.yes}) cannot exceed assessed (${v.assessed})`), null
    return { kind: 'counts', yes: v.yes as number, assessed: v.assessed as number, ...withNote }
  }
  if (keys.length === 1 && 'percent' in v) {
    if (typeof v.percent !== 'number' || !Number.isFinite(v.percent) || v.percent < 0 || v.percent > 100)
      return add(`${p}.percent`, `expected a percentage from 0 to 100, found ${describe(v.percent)}`), null
    return { kind: 'percent', percent: v.percent, ...withNote }
  }
  if (keys.length === 1 && v.notApplicable === true) return { kind: 'notApplicable', ...withNote }
  add(p, `${expected}; found keys ${keys.map((k) => `"${k}"`).join(', ') || '(none)'}`)
  return null
}
