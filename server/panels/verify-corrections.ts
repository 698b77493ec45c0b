// Verify follows the chain of corrections: each correction must name an existing, finalised record by
// its hash, and that record's access log must link forward to it; each forward link must name a panel
// that corrects this record by this hash. A link missing or broken either way is named.
import type { CorrectionLinkedEvent, CorrectionOf, CorrectionOpenedEvent } from '../../shared/panel/types.ts'
import type { Storage } from '../storage/port.ts'
import { frozenRecordOf } from './audit.ts'

export interface CorrectionChain {
  /** The record this panel corrects, as its log names it. */
  correctionOf: CorrectionOf | null
  /** The panels that correct this record, as its access log names them. */
  correctedBy: string[]
  /** The whole chain this panel belongs to, from the first record to the latest correction. */
  chain: string[]
}

const MAX_CHAIN = 1_000

async function openedOf(
  storage: Storage,
  panelId: string,
): Promise<CorrectionOpenedEvent | null | undefined> {
  const events = await storage.loadEvents(panelId)
  if (!events.length) return undefined
  const e = events.find((x) => x.event.type === 'correction.opened')?.event
  return e?.type === 'correction.opened' ? e : null
}

async function linksOf(storage: Storage, panelId: string): Promise<CorrectionLinkedEvent[]> {
  return (await storage.loadAccessEvents(panelId))
    .map((e) => e.event)
    .filter((e): e is CorrectionLinkedEvent => e.type === 'correction.linked')
}

/** The problem with the link between a record and its correction, or null when it holds both ways. */
async function pairProblem(
  storage: Storage,
  originalId: string,
  correctionId: string,
): Promise<string | null> {
  const opened = await openedOf(storage, correctionId)
  if (opened === undefined)
    return `panel ${originalId}'s forward link names panel ${correctionId}, which does not exist (broken link)`
  if (!opened || opened.correctionOf.panelId !== originalId)
    return `panel ${originalId}'s forward link names panel ${correctionId}, which is not a correction of it (broken link)`
  const original = frozenRecordOf(await storage.loadEvents(originalId))
  if (!original)
    return `correction ${correctionId} names panel ${originalId}, which does not exist or is not finalised (broken link)`
  if (original.hash !== opened.correctionOf.recordHash)
    return `correction ${correctionId} names record hash ${opened.correctionOf.recordHash} of panel ${originalId}, but that record's hash is ${original.hash} (broken link)`
  const forward = (await linksOf(storage, originalId)).filter((l) => l.correctionPanelId === correctionId)
  if (!forward.length)
    return `panel ${originalId} has no forward link to its correction ${correctionId} (missing link)`
  if (forward.some((l) => l.recordHash !== original.hash))
    return `panel ${originalId}'s forward link to ${correctionId} names record hash ${forward[0]!.recordHash}, not ${original.hash} (broken link)`
  return null
}

/** Checks every link of the chain of corrections this panel is part of, back to the first record and on to the latest. */
export async function verifyCorrectionChain(
  storage: Storage,
  panelId: string,
): Promise<{ ok: true; chain: CorrectionChain } | { ok: false; reason: string }> {
  const opened = await openedOf(storage, panelId)
  const correctedBy = (await linksOf(storage, panelId)).map((l) => l.correctionPanelId)
  const seen = new Set([panelId])
  const back: string[] = []
  let cur = panelId
  let of = opened?.correctionOf ?? null
  while (of) {
    const problem = await pairProblem(storage, of.panelId, cur)
    if (problem) return { ok: false, reason: problem }
    if (seen.has(of.panelId) || seen.size > MAX_CHAIN)
      return { ok: false, reason: `the chain of corrections loops back to panel ${of.panelId}` }
    seen.add(of.panelId)
    back.unshift(of.panelId)
    cur = of.panelId
    of = (await openedOf(storage, cur))?.correctionOf ?? null
  }
  const forward: string[] = []
  let next = correctedBy
  cur = panelId
  while (next.length) {
    for (const id of next) {
      const problem = await pairProblem(storage, cur, id)
      if (problem) return { ok: false, reason: problem }
    }
    // A record is corrected once; the chain goes on from its correction.
    const id = next[0]!
    if (seen.has(id) || seen.size > MAX_CHAIN)
      return { ok: false, reason: `the chain of corrections loops back to panel ${id}` }
    seen.add(id)
    forward.push(id)
    cur = id
    next = (await linksOf(storage, cur)).map((l) => l.correctionPanelId)
  }
  return {
    ok: true,
    chain: { correctionOf: opened?.correctionOf ?? null, correctedBy, chain: [...back, panelId, ...forward] },
  }
}
