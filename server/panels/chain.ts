// The hash chain over a panel's domain events: hash_n = sha256(hash_(n-1) || canonical(event_n)).
import { createHash } from 'node:crypto'
import { canonicalize } from '../../shared/canonical.ts'
import type { PanelEvent } from '../../shared/panel/types.ts'
import type { StoredEvent } from '../storage/port.ts'

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** hash_0: fixed per panel, so a log cannot be moved to another panel unnoticed. */
export const genesisHash = (panelId: string): string => sha256(`ratings-panel/chain@1:${panelId}`)

/** The access log of a finalised panel starts from its record's final head: it extends the record, never changes it. */
export const accessGenesis = (panelId: string, recordHead: string): string =>
  sha256(`ratings-panel/access@1:${panelId}:${recordHead}`)

export const linkHash = (prevHash: string, event: PanelEvent): string =>
  sha256(prevHash + canonicalize(event))

/** Chains new events after (headSeq, headHash). */
export function chainEvents(
  panelId: string,
  headSeq: number,
  headHash: string,
  events: PanelEvent[],
): StoredEvent[] {
  let prev = headHash
  return events.map((event, i) => {
    const hash = linkHash(prev, event)
    const stored = { panelId, seq: headSeq + i + 1, event, hash, prevHash: prev }
    prev = hash
    return stored
  })
}

export interface ChainVerdict {
  ok: boolean
  events: number
  head: string
  broken: { seq: number; reason: string } | null
}

/** Re-derives every link; names the first one that does not hold. */
export function verifyChain(
  panelId: string,
  events: StoredEvent[],
  genesis: string = genesisHash(panelId),
): ChainVerdict {
  let prev = genesis
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    // The link named is the position that breaks: a deleted event k is missing at k, not at the k+1 found there.
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      events: events.length,
      head: prev,
      broken: { seq: i + 1, reason },
    })
    if (e.seq !== i + 1)
      return fail(`expected event ${i + 1} here, found ${e.seq} (an event is missing or out of order)`)
    if (e.prevHash !== prev) return fail(`event ${e.seq} does not link to the event before it`)
    if (linkHash(prev, e.event) !== e.hash)
      return fail(`event ${e.seq} has been altered (its hash does not match its content)`)
    prev = e.hash
  }
  return { ok: true, events: events.length, head: prev, broken: null }
}
