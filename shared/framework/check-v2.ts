// Cross-field checks for what `ratings-panel/framework@2` adds: mixed standards, rating rules, areas, a judged
// overall and sample sizes. The value may be partly invalid (its shape is reported separately).
type Path = (string | number)[]
type Loose = Record<string, unknown>
const obj = (v: unknown): Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : {}
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v.map(obj) : [])
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

const V2 = 'ratings-panel/framework@2'

export function checkV2(f: Loose, issue: (path: Path, message: string) => void): void {
  const isV2 = f.format === V2
  const needsV2 = (path: Path, what: string) => {
    if (!isV2 && f.format !== undefined) issue(path, `${what} needs "format": "${V2}"`)
  }
  if (f.standardRule !== undefined) needsV2(['standardRule'], 'a standard rule')
  if (f.areas !== undefined) needsV2(['areas'], 'areas')
  if (f.samples !== undefined) needsV2(['samples'], 'samples')

  const standards = new Map<unknown, Loose>()
  list(f.domains).forEach((d, di) =>
    list(d.standards).forEach((s, si) => {
      const at: Path = ['domains', di, 'standards', si]
      if (typeof s.id === 'string' && !standards.has(s.id)) standards.set(s.id, s)
      // A decision on "overall" is the overall judgement (shared/engine/judged-targets.ts).
      if (s.id === 'overall') issue([...at, 'id'], '"overall" is reserved for the overall rating')
      if (s.rule !== undefined) needsV2([...at, 'rule'], 'a standard rule')
      const kqs = list(s.keyQuestions)
      kqs.forEach((k, ki) => {
        if (k.by !== undefined) needsV2([...at, 'keyQuestions', ki, 'by'], '"by" on a key question')
        if (s.kind === 'cases' && k.by === 'judgement')
          issue(
            [...at, 'keyQuestions', ki, 'by'],
            'a case standard is rated from cases only; a standard with judged key questions is "mixed"',
          )
      })
      if (s.kind === 'mixed') {
        needsV2([...at, 'kind'], 'a mixed standard')
        const judged = kqs.filter((k) => k.by === 'judgement').length
        if (kqs.length && (judged === 0 || judged === kqs.length))
          issue(
            [...at, 'keyQuestions'],
            'a mixed standard needs key questions both from cases and by judgement ("by": "judgement")',
          )
      }
    }),
  )

  const overall = obj(f.overall)
  if (overall.by !== undefined) needsV2(['overall', 'by'], '"by" on the overall')
  if (overall.by === 'judgement')
    for (const k of ['max', 'bands'])
      if (overall[k] !== undefined)
        issue(['overall', k], 'an overall given by judgement has no score rule; leave this out')

  const groups = (key: 'areas' | 'samples', what: string, needsCases: boolean) => {
    const ids = new Set<unknown>()
    const owner = new Map<unknown, unknown>()
    list(f[key]).forEach((g, gi) => {
      if (ids.has(g.id)) issue([key, gi, 'id'], `${what} id "${String(g.id)}" is used twice`)
      ids.add(g.id)
      const sids = Array.isArray(g.standards) ? (g.standards as unknown[]) : []
      sids.forEach((sid, i) => {
        const at: Path = [key, gi, 'standards', i]
        const s = standards.get(sid)
        if (!s) return issue(at, `"${String(sid)}" is not a standard of this framework`)
        if (owner.has(sid))
          return issue(at, `standard ${String(sid)} is already in ${what} "${String(owner.get(sid))}"`)
        owner.set(sid, g.id)
        if (needsCases && s.kind === 'judged')
          issue(at, `standard ${String(sid)} is judged, so it has no cases to sample`)
      })
      const min = num(g.min)
      const max = num(g.max)
      if (min !== null && max !== null && min > max)
        issue([key, gi, 'max'], `the most cases (${max}) is below the fewest (${min})`)
    })
  }
  groups('areas', 'area', false)
  groups('samples', 'sample', true)
}
