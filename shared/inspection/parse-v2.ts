// What `ratings-panel/inspection@2` adds to reading an inspection: area and overall judgements, and the case
// samples' sizes checked against the framework's minimum and maximum.

// A sample's size is given in `samples`, or counted from the case grid (the cases with a Y or N answer on any
// of the sample's key questions). Without either, the most cases assessed on one of its key questions is the
// least the sample can hold: only the maximum can then be checked.
import { isJudgedQuestion, standardsOf, type Framework } from '../framework/schema.ts'
import { inEnglish } from '../zod-english.ts'
import type { CaseGrid } from './grid.ts'
import { JudgementSchema } from './schema.ts'
import type { StandardInput } from './types.ts'

type Add = (path: string, message: string) => void
type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const quoted = (labels: string[]) => labels.map((l) => `"${l}"`).join(', ')

/** Area judgements (areas the framework rates by judgement) and the overall judgement (when it has no score rule). */
export function readAreasAndOverall(
  json: Obj,
  framework: Framework,
  add: Add,
  noteOf: (path: string, v: { note?: string | undefined }) => { note?: string },
): { areas?: Record<string, string | null>; overall?: { judgement: string; note?: string } } {
  const labels = framework.ratings.map((r) => r.label)
  const judgement = (v: unknown, path: string): { judgement: string; note?: string } | null => {
    const r = JudgementSchema.safeParse(v, inEnglish)
    if (!r.success) {
      add(path, `expected { "judgement": "${labels[1] ?? labels[0]}" }`)
      return null
    }
    if (!labels.includes(r.data.judgement)) {
      add(`${path}.judgement`, `expected one of ${quoted(labels)}; found "${r.data.judgement.slice(0, 40)}"`)
      return null
    }
    return { judgement: r.data.judgement, ...noteOf(path, r.data) }
  }
  const out: { areas?: Record<string, string | null>; overall?: { judgement: string; note?: string } } = {}

  const areas = framework.areas ?? []
  const judgedAreas = areas.filter((a) => a.rule === 'judgement')
  if (isObj(json.areas)) {
    for (const id of Object.keys(json.areas)) {
      const a = areas.find((x) => x.id === id)
      if (!a)
        add(
          `areas.${id}`,
          `${framework.id} has no area ${id}${areas.length ? ` (it has ${areas.map((x) => x.id).join(', ')})` : ''}`,
        )
      else if (a.rule !== 'judgement')
        add(`areas.${id}`, `area ${id} is rated by the rule "${a.rule}" from its standards; leave it out`)
    }
  }
  if (judgedAreas.length) {
    out.areas = {}
    for (const a of judgedAreas) {
      const v = isObj(json.areas) ? json.areas[a.id] : undefined
      out.areas[a.id] = v === undefined ? null : (judgement(v, `areas.${a.id}`)?.judgement ?? null)
    }
  }

  if (json.overall !== undefined) {
    if (framework.overall?.by !== 'judgement')
      add(
        'overall',
        framework.overall
          ? `${framework.id} gives the overall rating by its score rule; leave this out`
          : `${framework.id} gives no overall rating; leave this out`,
      )
    else {
      const o = judgement(json.overall, 'overall')
      if (o) out.overall = o
    }
  }
  return out
}

/** The size of each of the framework's samples, checked against its minimum and maximum; undefined when it has none. */
export function readSamples(
  givenSamples: unknown,
  framework: Framework,
  standards: Readonly<Record<string, StandardInput>>,
  grid: CaseGrid | null,
  add: Add,
): Record<string, number> | undefined {
  const samples = framework.samples ?? []
  const given = isObj(givenSamples) ? givenSamples : {}
  for (const id of Object.keys(given))
    if (!samples.some((s) => s.id === id))
      add(
        `samples.${id}`,
        `${framework.id} has no sample ${id}${samples.length ? ` (it has ${samples.map((s) => s.id).join(', ')})` : ''}`,
      )
  if (!samples.length) return undefined

  const byId = new Map(standardsOf(framework).map((s) => [s.id, s]))
  const sizes: Record<string, number> = {}
  for (const sample of samples) {
    const kqs = sample.standards.flatMap((sid) =>
      (byId.get(sid)?.keyQuestions ?? []).filter((k) => !isJudgedQuestion(k)).map((k) => k.id),
    )
    const stated = typeof given[sample.id] === 'number' ? (given[sample.id] as number) : null
    let mostAssessed = 0
    let mostAt = ''
    for (const sid of sample.standards) {
      const input = standards[sid]
      if (input?.kind !== 'cases') continue
      for (const [k, kq] of Object.entries(input.keyQuestions))
        if (kq.kind === 'counts' && kq.assessed > mostAssessed) [mostAssessed, mostAt] = [kq.assessed, k]
    }
    const where = grid ? 'caseGrid' : stated !== null ? `samples.${sample.id}` : 'samples'
    const name = `the ${sample.title} sample (${sample.id})`
    const range = `at least ${sample.min} and at most ${sample.max} cases`
    let size: number | null = stated
    if (grid) {
      const answered = new Set(
        kqs.flatMap((k) => [...(grid.answers[k]?.yes ?? []), ...(grid.answers[k]?.no ?? [])]),
      )
      size = answered.size
      if (stated !== null && stated !== size)
        add(`samples.${sample.id}`, `${name} is given as ${stated} cases, but the case grid has ${size}`)
    } else if (stated !== null && mostAssessed > stated)
      add(
        `samples.${sample.id}`,
        `${name} is given as ${stated} cases, but key question ${mostAt} has ${mostAssessed} assessed`,
      )
    if (size !== null) {
      if (size < sample.min || size > sample.max)
        add(where, `${name} has ${size} case${size === 1 ? '' : 's'}; ${framework.id} needs ${range}`)
      sizes[sample.id] = size
    } else if (mostAssessed > sample.max)
      add(
        `standards`,
        `${name}: key question ${mostAt} has ${mostAssessed} cases assessed; ${framework.id} allows at most ${sample.max}`,
      )
  }
  return sizes
}
