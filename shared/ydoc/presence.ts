// What a member's presence may say: which standard they view and which draft they type in, nothing else.
import { personalDataIn } from '../privacy/personal-data.ts'
import type { PresenceState } from './layout.ts'

/** Standard ids, draft keys and the like: short, and no free text. */
const PRESENCE_VALUE = /^[A-Za-z0-9:._~-]{1,128}$/

const valueOf = (v: unknown): string | null =>
  typeof v === 'string' && PRESENCE_VALUE.test(v) && personalDataIn(v) === null ? v : null

/**
 * The presence fields the server relays, from whatever a client sent: `viewing` and `typing`, each a
 * short identifier or null. Any other field is dropped, and `user` is the server's to set.
 */
export function presenceFields(state: unknown): Pick<PresenceState, 'viewing' | 'typing'> {
  const s = state && typeof state === 'object' ? (state as Record<string, unknown>) : {}
  return { viewing: valueOf(s.viewing), typing: valueOf(s.typing) }
}
