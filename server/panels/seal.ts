// Sealing votes on the server: a fresh random salt and the commitment over the vote and it, and the
// check that a stored sealed vote is still what was committed (before a reveal publishes it).
import { randomBytes } from 'node:crypto'
import type { StoredSeal } from '../../shared/panel/decide-votes.ts'
import { commitmentInput, type SealedVote } from '../../shared/panel/sealed.ts'
import type { Stance } from '../../shared/panel/types.ts'
import type { SealedVoteRow } from '../storage/port.ts'
import { sha256 } from './chain.ts'

export function sealVote(v: SealedVote): { commitment: string; salt: string } {
  const salt = randomBytes(32).toString('hex')
  return { commitment: sha256(commitmentInput(v, salt)), salt }
}

const STANCES: ReadonlySet<string> = new Set<Stance>(['support', 'oppose', 'abstain'])

/** The stored row opens the commitment it names (nobody changed the vote, the salt or the commitment). */
export const isIntactSeal = (row: SealedVoteRow): boolean =>
  STANCES.has(row.stance) &&
  sha256(
    commitmentInput(
      {
        panelId: row.panelId,
        proposalId: row.proposalId,
        by: row.accountId,
        stance: row.stance as Stance,
        justification: row.justification,
      },
      row.salt,
    ),
  ) === row.commitment

export const storedSealOf = (row: SealedVoteRow): StoredSeal => ({
  by: row.accountId,
  commitment: row.commitment,
  stance: row.stance as Stance,
  justification: row.justification,
  salt: row.salt,
})
