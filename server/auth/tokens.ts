// Secret tokens for links and sessions: random, URL-safe, and stored only as hashes.
import { createHash, randomBytes } from 'node:crypto'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'

export const newToken = (): string => randomBytes(32).toString('base64url')
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
/**
 * A random id (proposals, invitations, accounts, panels). Commands send ids back, and their schema refuses an
 * identifier that reads like personal data; about one random id in 800 would (a run such as `Z07tl` reads as
 * a postcode), so such a draw is drawn again.
 */
export function newId(prefix: string): string {
  for (;;) {
    const id = `${prefix}_${randomBytes(9).toString('base64url')}`
    if (personalDataIn(id) === null) return id
  }
}
