// Who may write what in the workspace: the draft keys the layout knows, and who writes each kind.
import type { Role } from '../panel/types.ts'
import { VOTE_DRAFT_PREFIX, type DraftKind } from './layout.ts'

/** The member whose update is being judged, as the server knows them. */
export interface Writer {
  accountId: string
  role: Role
}

export type DraftKey =
  { kind: DraftKind; standardId: string } | { kind: 'vote'; proposalId: string; accountId: string }

const KINDS: ReadonlySet<string> = new Set<DraftKind>(['proposal', 'footnote', 'decision', 'note'])
/** Ids as the server makes them and as command bodies accept them (shared/panel/command-schema.ts). */
const ID = /^[A-Za-z0-9_.-]{1,80}$/

/** The draft a key names, or null for a key outside the layout. */
export function parseDraftKey(key: string): DraftKey | null {
  const parts = key.split(':')
  if (parts.length === 2 && KINDS.has(parts[0]!) && ID.test(parts[1]!))
    return { kind: parts[0] as DraftKind, standardId: parts[1]! }
  if (parts.length === 3 && `${parts[0]}:` === VOTE_DRAFT_PREFIX && ID.test(parts[1]!) && ID.test(parts[2]!))
    return { kind: 'vote', proposalId: parts[1]!, accountId: parts[2]! }
  return null
}

/**
 * A member's own vote drafts are theirs alone; decision drafts are the lead's; the shared drafts
 * (notes, proposal and footnote drafts) are co-written by lead and inspectors; reviewers write nothing.
 */
export function canWriteDraft(key: DraftKey, writer: Writer): boolean {
  if (writer.role === 'reviewer') return false
  switch (key.kind) {
    case 'vote':
      return key.accountId === writer.accountId
    case 'decision':
      return writer.role === 'lead'
    default:
      return true
  }
}

/** The standard the panel looks at is the lead's to set. */
export const canWriteFocus = (writer: Writer): boolean => writer.role === 'lead'

/** Only the writer's own vote drafts may be created; every other draft exists from the panel's creation. */
export const canCreateDraft = (key: DraftKey, writer: Writer): boolean =>
  key.kind === 'vote' && canWriteDraft(key, writer)

/** The keys of the focus map and what each holds. */
export const FOCUS_KEYS = ['standardId', 'by', 'at'] as const
/** `focus.at`: a timestamp as `Date.prototype.toISOString` writes it. */
export const FOCUS_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/
