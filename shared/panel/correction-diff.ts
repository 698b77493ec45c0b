// What a correction changed against the record it corrects, standard by standard: the inputs (each key
// question's answers, and which cases moved), the rules-based and final ratings, the footnotes, the
// score and the overall rating. Pure: it compares two record views (a frozen record is one).
import { applyDecisions } from '../engine/decisions.ts'
import type { Framework } from '../framework/schema.ts'
import type { CaseRefs, Inspection, KeyQuestionInput, StandardInput } from '../inspection/types.ts'
import { appliedDecisions } from './decide.ts'
import type { PanelState } from './types.ts'

type Overall = { score: number | null; max: number | null; rating: string | null }

/** The parts of a record that a correction can change (a frozen record has them all). */
export interface RecordView {
  inspection: unknown
  rulesBased: { standards: { id: string; rating: string | null }[]; overall: Overall }
  final: { standards: { id: string; rating: string | null }[]; overall: Overall }
  footnotes: { standardId: string; text: string | null | undefined }[]
}

export type Difference =
  | {
      kind: 'input'
      standardId: string
      /** The key question, when the standard is rated from cases. */
      keyQuestion?: string
      before: string
      after: string
      /** Cases whose answer changed (from a case grid): reference, answer before and after. */
      cases?: { ref: string; before: string; after: string }[]
    }
  | { kind: 'rules-based' | 'final' | 'footnote'; standardId: string; before: string; after: string }
  | { kind: 'score' | 'overall'; before: string; after: string }

/** The record a panel would publish now: its decisions applied (a correction's report before finalising). */
export function recordViewOf(framework: Framework, state: PanelState): RecordView {
  let f = state.finalised?.final ?? null
  if (!f) {
    const applied = applyDecisions(framework, state.rating, appliedDecisions(state))
    f = applied.ok ? applied.value : null
  }
  const standards = f?.standards ?? state.rating.standards
  return {
    inspection: state.inspection,
    rulesBased: { standards: state.rating.standards, overall: state.rating.overall },
    final: { standards, overall: f?.overall ?? state.rating.overall },
    footnotes: (f?.standards ?? [])
      .filter((s) => s.footnote)
      .map((s) => ({ standardId: s.id, text: s.footnote })),
  }
}

const answerOf = (c: CaseRefs | undefined, ref: string): string =>
  !c
    ? ''
    : c.yes.includes(ref)
      ? 'yes'
      : c.no.includes(ref)
        ? 'no'
        : c.notApplicable.includes(ref)
          ? 'n/a'
          : ''

function kqText(k: KeyQuestionInput | undefined): string {
  if (!k) return '—'
  switch (k.kind) {
    case 'counts':
      return `${k.yes}/${k.assessed}`
    case 'percent':
      return `${k.percent}%`
    case 'notApplicable':
      return 'n/a'
    case 'judgement':
      return k.rating
  }
}

function casesMoved(a: KeyQuestionInput | undefined, b: KeyQuestionInput | undefined) {
  const ca = a && 'cases' in a ? a.cases : undefined
  const cb = b && 'cases' in b ? b.cases : undefined
  if (!ca || !cb) return undefined
  const refs = [
    ...new Set([...ca.yes, ...ca.no, ...ca.notApplicable, ...cb.yes, ...cb.no, ...cb.notApplicable]),
  ]
  const moved = refs
    .map((ref) => ({ ref, before: answerOf(ca, ref), after: answerOf(cb, ref) }))
    .filter((m) => m.before !== m.after)
  return moved.length ? moved : undefined
}

function inputDifferences(
  sid: string,
  a: StandardInput | undefined,
  b: StandardInput | undefined,
): Difference[] {
  const out: Difference[] = []
  if (a?.kind === 'cases' && b?.kind === 'cases') {
    const kqs = [...new Set([...Object.keys(a.keyQuestions), ...Object.keys(b.keyQuestions)])].sort()
    for (const kq of kqs) {
      const [x, y] = [a.keyQuestions[kq], b.keyQuestions[kq]]
      const cases = casesMoved(x, y)
      if (kqText(x) !== kqText(y) || cases)
        out.push({
          kind: 'input',
          standardId: sid,
          keyQuestion: kq,
          before: kqText(x),
          after: kqText(y),
          ...(cases ? { cases } : {}),
        })
    }
    return out
  }
  const text = (s: StandardInput | undefined) =>
    !s ? '—' : s.kind === 'judged' ? (s.judgement ?? 'n/a') : 'from cases'
  if (text(a) !== text(b)) out.push({ kind: 'input', standardId: sid, before: text(a), after: text(b) })
  return out
}

const score = (o: Overall) => `${o.score ?? '—'}/${o.max ?? '—'}`
const r = (v: string | null | undefined) => v ?? '—'

/** Every difference from `before` (the corrected record) to `after` (the correction), in standard order. */
export function recordDifferences(before: RecordView, after: RecordView): Difference[] {
  const out: Difference[] = []
  const ia = (before.inspection as Inspection | null)?.standards ?? {}
  const ib = (after.inspection as Inspection | null)?.standards ?? {}
  const ids = [
    ...new Set([...after.final.standards.map((s) => s.id), ...before.final.standards.map((s) => s.id)]),
  ]
  const find = <T extends { id: string }>(list: T[], id: string) => list.find((s) => s.id === id)
  const note = (v: RecordView, id: string) => v.footnotes.find((f) => f.standardId === id)?.text ?? null
  for (const id of ids) {
    out.push(...inputDifferences(id, ia[id], ib[id]))
    const rb = [find(before.rulesBased.standards, id)?.rating, find(after.rulesBased.standards, id)?.rating]
    if (r(rb[0]) !== r(rb[1]))
      out.push({ kind: 'rules-based', standardId: id, before: r(rb[0]), after: r(rb[1]) })
    const fb = [find(before.final.standards, id)?.rating, find(after.final.standards, id)?.rating]
    if (r(fb[0]) !== r(fb[1])) out.push({ kind: 'final', standardId: id, before: r(fb[0]), after: r(fb[1]) })
    const nb = [note(before, id), note(after, id)]
    if (r(nb[0]) !== r(nb[1]))
      out.push({ kind: 'footnote', standardId: id, before: r(nb[0]), after: r(nb[1]) })
  }
  if (score(before.final.overall) !== score(after.final.overall))
    out.push({ kind: 'score', before: score(before.final.overall), after: score(after.final.overall) })
  if (r(before.final.overall.rating) !== r(after.final.overall.rating))
    out.push({
      kind: 'overall',
      before: r(before.final.overall.rating),
      after: r(after.final.overall.rating),
    })
  return out
}
