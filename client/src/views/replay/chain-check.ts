// Verification in the browser, independent of the server's own: re-derives the hash chain over the events
// (DESIGN.md: hash_n = sha256(hash_(n-1) || canonical(event_n)), RFC 8785 canonical JSON) and the frozen
// record's hash, and compares the log with what this browser verified before. Pure but for the hash.
import { canonicalize } from '../../../../shared/canonical.ts'
import { evolve } from '../../../../shared/panel/evolve.ts'
import { buildFrozenRecord } from '../../../../shared/panel/record.ts'
import { checkReveal } from '../../../../shared/panel/sealed.ts'
import type { PanelEvent, PanelState } from '../../../../shared/panel/types.ts'

/** sha256 of a string's UTF-8 bytes, as lowercase hex. */
export type Sha256 = (text: string) => Promise<string>

/** GET /api/panels/:id/events */
export interface LoggedEvent {
  seq: number
  event: PanelEvent
  hash: string
  prevHash: string
}

export type BreakKind = 'missing' | 'unlinked' | 'altered' | 'unfoldable' | 'differs-from-before'

export interface ChainCheck {
  ok: boolean
  events: number
  head: string
  broken: { seq: number; kind: BreakKind } | null
}

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')

/** WebCrypto where the page is a secure context; otherwise lib0's SHA-256 (plain HTTP on another host). */
export async function browserSha256(): Promise<Sha256> {
  const subtle = globalThis.crypto?.subtle
  const encoder = new TextEncoder()
  if (subtle) return async (text) => hex(await subtle.digest('SHA-256', encoder.encode(text)))
  const { digest } = await import('lib0/hash/sha256')
  return async (text) => hex(digest(encoder.encode(text)))
}

export const genesisInput = (panelId: string) => `ratings-panel/chain@1:${panelId}`

/** Re-derives every link; names the first position that does not hold. */
export async function checkChain(
  panelId: string,
  events: readonly LoggedEvent[],
  sha256: Sha256,
): Promise<ChainCheck> {
  let prev = await sha256(genesisInput(panelId))
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    const fail = (kind: BreakKind): ChainCheck => ({
      ok: false,
      events: events.length,
      head: prev,
      broken: { seq: i + 1, kind },
    })
    if (e.seq !== i + 1) return fail('missing')
    if (e.prevHash !== prev) return fail('unlinked')
    if ((await sha256(prev + canonicalize(e.event))) !== e.hash) return fail('altered')
    prev = e.hash
  }
  return { ok: true, events: events.length, head: prev, broken: null }
}

/** The frozen record's hash as the log derives it (the record names the chain head at finalisation); null before. */
export async function recordHashOf(events: readonly LoggedEvent[], sha256: Sha256): Promise<string | null> {
  let state: PanelState | null = null
  let finalised: LoggedEvent | null = null
  for (const e of events) {
    state = evolve(state, e.event)
    if (e.event.type === 'panel.finalised') finalised = e
  }
  if (!state || !finalised) return null
  return sha256(canonicalize(buildFrozenRecord(state, { head: finalised.hash, events: finalised.seq })))
}

export interface OpeningsCheck {
  /** Openings checked against their commitments. */
  openings: number
  /** The first reveal whose openings do not match the commitments before it, or null. */
  broken: number | null
}

/**
 * Blind votes: every reveal's openings against the commitments the log made before it (SHA-256 over the
 * canonical vote and its salt, shared/panel/sealed.ts), each standing commitment opened exactly once.
 */
export async function checkOpenings(events: readonly LoggedEvent[], sha256: Sha256): Promise<OpeningsCheck> {
  let state: PanelState | null = null
  let openings = 0
  for (const e of events) {
    const ev = e.event
    if (state && ev.type === 'votes.revealed') {
      const p = state.proposals[ev.proposalId]
      if (!p || (await checkReveal(state, p, ev.openings, sha256)) !== null)
        return { openings, broken: e.seq }
      openings += ev.openings.length
    }
    state = evolve(state, ev)
  }
  return { openings, broken: null }
}

/** What this browser saw verified before: the log then had `events` events ending in `head`. */
export interface Remembered {
  at: string
  events: number
  head: string
}

/** A log only grows: the event that was the head then must still be there, unchanged. */
export function checkAgainstRemembered(
  events: readonly LoggedEvent[],
  before: Remembered | null,
): ChainCheck['broken'] {
  if (!before || before.events === 0) return null
  const then = events[before.events - 1]
  if (!then) return { seq: events.length + 1, kind: 'differs-from-before' }
  return then.hash === before.head ? null : { seq: before.events, kind: 'differs-from-before' }
}

const rememberKey = (panelId: string) => `ratings-panel.verified.${panelId}`

export function loadRemembered(panelId: string): Remembered | null {
  try {
    const raw = localStorage.getItem(rememberKey(panelId))
    const v = raw ? (JSON.parse(raw) as Remembered) : null
    return v && typeof v.events === 'number' && typeof v.head === 'string' && typeof v.at === 'string'
      ? v
      : null
  } catch {
    return null
  }
}

export function saveRemembered(panelId: string, r: Remembered): void {
  try {
    localStorage.setItem(rememberKey(panelId), JSON.stringify(r))
  } catch {
    // Storage may be blocked; the check simply has nothing to compare with next time.
  }
}
