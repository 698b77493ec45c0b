// zod (zod/mini) schemas for what clients send: panel commands and invitations. Parse them with
// `parseBody` (server/http/validate.ts), which words their issues in English.
// Every text is checked by the one personal-data detector (shared/privacy): the log keeps it for good.
import * as z from 'zod/mini'
import { noPersonalData } from '../privacy/text-schema.ts'
import { MAX_TEXT } from './decide.ts'
import { SettingsInputSchema } from './settings.ts'

const id = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(80),
    z.regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : -'),
    noPersonalData('this identifier'),
  )
const text = (what: string) => z.string().check(z.maxLength(MAX_TEXT), noPersonalData(what))

/** A person's name as others see it (invitations, display names): never a date or a postcode. */
export const PersonNameSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'name the person'), z.maxLength(80), noPersonalData('this name'))
const role = z.enum(['lead', 'inspector', 'reviewer'])

export const CommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('propose'),
    // No proposalId: the server names proposals, so an identifier never carries what a client typed.
    standardId: id,
    rating: z.string().check(z.minLength(1), z.maxLength(80), noPersonalData('this rating')),
    justification: text('this justification'),
  }),
  z.strictObject({
    type: z.literal('vote'),
    proposalId: id,
    stance: z.enum(['support', 'oppose', 'abstain']),
    justification: text('this justification'),
  }),
  z.strictObject({ type: z.literal('retract'), proposalId: id }),
  z.strictObject({
    type: z.literal('decide'),
    proposalId: id,
    outcome: z.enum(['applied', 'rejected']),
    text: text('this text'),
    /** Deciding below the panel's quorum: the reason is recorded with the decision. */
    override: z.optional(z.strictObject({ reason: text('this reason') })),
  }),
  z.strictObject({ type: z.literal('finalise') }),
  z.strictObject({ type: z.literal('settings'), settings: SettingsInputSchema }),
  z.strictObject({ type: z.literal('reveal'), proposalId: id }),
  z.strictObject({ type: z.literal('revoke-invite'), inviteId: id }),
  z.strictObject({ type: z.literal('change-role'), accountId: id, role }),
  z.strictObject({ type: z.literal('remove-member'), accountId: id }),
])
export type CommandInput = z.infer<typeof CommandSchema>

/** A person's name as panels show it. */
export const displayName = z.string().check(z.trim(), z.minLength(1, 'give a name'), z.maxLength(80))

export const InviteSchema = z.strictObject({
  role,
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'name the person you invite'),
      z.maxLength(80),
      noPersonalData('this name'),
    ),
  /** Only whoever the identity provider vouches holds this address may accept (sign-in with OIDC). */
  email: z.optional(
    z
      .string()
      .check(z.trim(), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'give an email address')),
  ),
  /** Invite a person of the same name as a member anyway (the answer is 409 same-name otherwise). */
  confirmSameName: z.optional(z.boolean()),
})

export const RoleChangeSchema = z.strictObject({ role })

export const CreatePanelSchema = z.strictObject({
  title: z.optional(z.string().check(z.trim(), z.maxLength(200), noPersonalData('this title'))),
  inspection: z.unknown(),
  caseGridCsv: z.optional(z.string().check(z.maxLength(2_000_000))),
  /** An .xlsx case grid, its bytes in base64 (read on the server; the body limit of 4 MB applies). */
  caseGridXlsx: z.optional(
    z.string().check(z.maxLength(5_600_000), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')),
  ),
  framework: z.optional(z.unknown()),
  /** Blind votes, quorum, auto-reveal; each left out keeps the default (open votes, no quorum). */
  settings: z.optional(SettingsInputSchema),
  /** Links panels of the same service (a previous inspection); an inspection@2 file may name it instead. */
  serviceId: z.optional(id),
})
