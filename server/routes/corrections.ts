// Corrections: open one of a finalised panel, read the links both ways with what changed, and accept a
// re-invitation bound to one's own account without a link.
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { CreatePanelSchema } from '../../shared/panel/command-schema.ts'
import { MAX_REASON } from '../../shared/panel/correction.ts'
import { noPersonalData } from '../../shared/privacy/text-schema.ts'
import { requireAccount, requireRole, type AppEnv } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { ApiError, fromDomainError, readJson } from '../http/errors.ts'
import { parseBody } from '../http/validate.ts'
import { correctionsOf, openCorrection, previewCorrection } from '../panels/corrections.ts'
import { baseUrl } from './auth.ts'
import { gridOptions } from './panels.ts'

const OpenCorrectionSchema = z.strictObject({
  reason: z.string().check(z.maxLength(MAX_REASON), noPersonalData('this reason')),
  /** A corrected inspection file (same framework); absent: the corrected record's inspection as it was. */
  inspection: z.optional(z.unknown()),
  caseGridCsv: z.optional(z.string().check(z.maxLength(2_000_000))),
  caseGridXlsx: CreatePanelSchema.shape.caseGridXlsx,
})

const PreviewSchema = z.strictObject({
  inspection: z.unknown(),
  caseGridCsv: OpenCorrectionSchema.shape.caseGridCsv,
  caseGridXlsx: OpenCorrectionSchema.shape.caseGridXlsx,
})
type CorrectionBody = { inspection?: unknown; caseGridCsv?: string; caseGridXlsx?: string }

export function correctionRoutes(ctx: AppContext) {
  const { storage, hub, now, config, log } = ctx
  const app = new Hono<AppEnv>()

  const openPanel = async (panelId: string) => {
    const panel = await hub.open(panelId)
    if (!panel) throw new ApiError(404, 'not-found', 'No such panel.')
    return panel
  }

  /** The corrected inspection of a correction request, parsed under the record's own framework. */
  const correctedOf = (original: Awaited<ReturnType<typeof openPanel>>, body: CorrectionBody) => {
    if (body.inspection === undefined) return undefined
    const framework = original.framework
    const parsed = parseInspection(
      body.inspection,
      (id) => (id === framework.id ? framework : undefined),
      gridOptions({ ...body, inspection: body.inspection }),
    )
    if (!parsed.ok)
      throw new ApiError(
        422,
        'invalid-inspection',
        `The corrected inspection file is not valid (it must be rated by ${framework.id}, as the record it corrects).`,
        parsed.error,
      )
    return parsed.value
  }

  /** What a correction with this corrected file would change, before opening it; nothing is written. */
  app.post('/api/panels/:id/corrections/preview', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    const body = parseBody(PreviewSchema, await readJson(c))
    const original = await openPanel(panelId)
    const r = await previewCorrection({ storage, now }, original, account, correctedOf(original, body))
    if (!r.ok) throw fromDomainError(r.error)
    return c.json(r.value)
  })

  app.post('/api/panels/:id/corrections', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    const body = parseBody(OpenCorrectionSchema, await readJson(c))
    const original = await openPanel(panelId)
    const inspection = correctedOf(original, body)
    const r = await openCorrection(
      { storage, hub, now, inviteTtlHours: config.inviteTtlHours },
      original,
      account,
      { reason: body.reason, ...(inspection ? { inspection } : {}) },
    )
    if (!r.ok) throw fromDomainError(r.error)
    const base = baseUrl(c.req.url, config.publicUrl)
    log.info('correction opened', { panelId, correction: r.value.panel.panelId, by: account.id })
    return c.json(
      {
        panel: { id: r.value.panel.panelId, title: r.value.panel.state.title },
        correctionOf: r.value.panel.state.correctionOf,
        invites: r.value.invites.map((i) => ({
          inviteId: i.inviteId,
          accountId: i.accountId,
          name: i.name,
          role: i.role,
          expiresAt: i.expiresAt,
          url: `${base}/auth/link/${i.token}`,
        })),
      },
      201,
    )
  })

  /** The record this panel corrects (with the differences) and the corrections of it. */
  app.get('/api/panels/:id/corrections', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    const panel = await openPanel(panelId)
    return c.json(await correctionsOf({ storage, hub }, panel, account.id))
  })

  /** Accepts an invitation bound to the signed-in account (a re-invitation to a correction): no link needed. */
  app.post('/api/panels/:id/invites/:inviteId/accept', async (c) => {
    const account = requireAccount(c)
    const panelId = c.req.param('id')
    const inviteId = c.req.param('inviteId')
    const panel = await hub.open(panelId)
    const invite = panel?.access.invites[inviteId]
    // Only the account it is bound to learns that it exists.
    if (!panel || !invite || invite.accountId !== account.id)
      throw new ApiError(404, 'not-found', 'No such invitation for you.')
    const r = await panel.execute({ type: 'join', inviteId }, { accountId: account.id, name: account.name })
    if (!r.ok) throw fromDomainError(r.error)
    await storage.deleteLinkTokens({ panelId, inviteId })
    log.info('invitation accepted', { panelId, inviteId, by: account.id })
    return c.json({ panelId, role: invite.role })
  })

  return app
}
