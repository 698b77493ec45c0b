// What this browser knows of a panel's history, anchored outside the server's database: it checks the
// head the server signed (Ed25519, WebCrypto) against the record doc it synced, remembers it, and on
// the next visit checks that what it syncs still extends what it saw. A history cut short or rewritten
// since (even re-signed by someone holding the key) no longer contains the remembered head.
import type { LogEntry } from '../../../shared/ydoc/layout.ts'

export interface SignedHeadAnswer {
  publicKey: string
  algorithm: 'Ed25519'
  events: { seq: number; hash: string; at: string; sig: string; message: string } | null
}

export type HeadCheck =
  | { kind: 'ok'; seq: number }
  | { kind: 'unsupported' }
  | { kind: 'bad-signature' }
  /** The synced log does not hold the head the server signed. */
  | { kind: 'not-signed' }
  /** The log no longer holds the head this browser remembered (seen at `at`). */
  | { kind: 'not-extending'; seq: number; at: string }

interface Remembered {
  seq: number
  hash: string
  at: string
}

const storageKey = (panelId: string) => `rp:head:${panelId}`
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))

async function signatureHolds(
  head: NonNullable<SignedHeadAnswer['events']>,
  publicKey: string,
): Promise<boolean | null> {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) return null
  try {
    const key = await subtle.importKey('raw', fromBase64(publicKey), { name: 'Ed25519' }, false, ['verify'])
    return await subtle.verify(
      { name: 'Ed25519' },
      key,
      fromBase64(head.sig),
      new TextEncoder().encode(head.message),
    )
  } catch {
    // A browser without Ed25519 in WebCrypto: the signature cannot be checked here.
    return null
  }
}

/** Checks the signed head against the synced log and what this browser remembered; remembers the new one. */
export async function checkSignedHead(
  panelId: string,
  answer: SignedHeadAnswer,
  log: readonly LogEntry[],
  store: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  now: () => Date = () => new Date(),
): Promise<HeadCheck> {
  const bySeq = new Map(log.map((e) => [e.seq, e.hash]))
  const before = (() => {
    try {
      return JSON.parse(store.getItem(storageKey(panelId)) ?? 'null') as Remembered | null
    } catch {
      return null
    }
  })()
  if (before && bySeq.has(before.seq) && bySeq.get(before.seq) !== before.hash)
    return { kind: 'not-extending', seq: before.seq, at: before.at }
  if (before && (log.at(-1)?.seq ?? 0) < before.seq)
    return { kind: 'not-extending', seq: before.seq, at: before.at }
  const head = answer.events
  if (!head) return { kind: 'unsupported' }
  const holds = await signatureHolds(head, answer.publicKey)
  if (holds === false) return { kind: 'bad-signature' }
  // The head may be newer than the synced doc (a command landed meanwhile); judge it when the log has it.
  if (bySeq.has(head.seq) && bySeq.get(head.seq) !== head.hash) return { kind: 'not-signed' }
  const newest = log.at(-1)
  if (newest && (!before || newest.seq >= before.seq) && (holds === true || !before))
    store.setItem(
      storageKey(panelId),
      JSON.stringify({ seq: newest.seq, hash: newest.hash, at: now().toISOString() }),
    )
  return holds === null ? { kind: 'unsupported' } : { kind: 'ok', seq: head.seq }
}
