// zod schemas for what clients send: panel commands and invitations.
import { z } from 'zod'
import { MAX_TEXT } from './decide.ts'

const id = z.string().min(1).max(80).regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : -')
const text = z.string().max(MAX_TEXT)

export const CommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('propose'), proposalId: id.optional(), standardId: id, rating: z.string().min(1).max(80), justification: text }),
  z.strictObject({ type: z.literal('vote'), proposalId: id, stance: z.enum(['support', 'oppose', 'abstain']), justification: text }),
  z.strictObject({ type: z.literal('retract'), proposalId: id }),
  z.strictObject({ type: z.literal('decide'), proposalId: id, outcome: z.enum(['applied', 'rejected']), text }),
  z.strictObject({ type: z.literal('finalise') }),
])
export type CommandInput = z.infer<typeof CommandSchema>

export const InviteSchema = z.strictObject({
  role: z.enum(['lead', 'inspector', 'reviewer']),
  name: z.string().trim().min(1, 'name the person you invite').max(80),
})

export const CreatePanelSchema = z.strictObject({
  title: z.string().trim().max(200).optional(),
  inspection: z.unknown(),
  caseGridCsv: z.string().max(2_000_000).optional(),
  framework: z.unknown().optional(),
})
