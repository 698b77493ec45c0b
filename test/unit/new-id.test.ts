// Ids the server makes (proposals, invitations, accounts, panels) are sent back in commands, whose schema
// refuses an identifier that reads like personal data: so no id the server makes may read like it. Before,
// about one id in 800 did (a random run such as "Z07tl" or "84aQ-Zd" read as a postcode or a date), and a
// proposal with such an id could never be voted on or decided.
import { describe, expect, it } from 'vitest'
import { newId } from '../../server/auth/tokens.ts'
import { CommandSchema } from '../../shared/panel/command-schema.ts'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import * as z from 'zod/mini'

describe('newId', () => {
  it('never makes an id that reads like personal data (20,000 draws)', () => {
    const refused: string[] = []
    for (let i = 0; i < 20_000; i++) {
      const id = newId('pr')
      if (personalDataIn(id) !== null) refused.push(id)
    }
    expect(refused).toEqual([])
  })

  it('makes ids a vote command accepts', () => {
    for (let i = 0; i < 20_000; i++) {
      const vote = { type: 'vote', proposalId: newId('pr'), stance: 'support', justification: 'Agreed.' }
      expect(z.safeParse(CommandSchema, vote).success).toBe(true)
    }
  })
})
