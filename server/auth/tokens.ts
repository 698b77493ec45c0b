// Secret tokens for links and sessions: random, URL-safe, and stored only as hashes.
import { createHash, randomBytes } from 'node:crypto'

export const newToken = (): string => randomBytes(32).toString('base64url')
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
export const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`
