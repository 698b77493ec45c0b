// Panels: list mine, create one from an inspection, read one, manage its people, send commands.
import { Hono, type Context } from 'hono'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection, type ParseOptions } from '../../shared/inspection/parse.ts'
import { personalDataInJson } from '../../shared/privacy/json-texts.ts'
import {
  CommandSchema,
  CreatePanelSchema,
  InviteSchema,
  RoleChangeSchema,
} from '../../shared/panel/command-schema.ts'
import { activeMembers, sameName } from '../../shared/panel/membership.ts'
import { DEFAULT_SETTINGS, withSettings } from '../../shared/panel/settings.ts'
import type { Command } from '../../shared/panel/types.ts'
import { requireAccount, requireRole, type AppEnv } from '../auth/session.ts'
import { hashToken, newId, newToken } from '../auth/tokens.ts'
import type { AppContext } from '../context.ts'
import { makeCatalogue } from '../frameworks/catalogue.ts'
import { readXlsxRows } from '../grids/xlsx.ts'
import { ApiError, fromDomainError, readJson } from '../http/errors.ts'
import { parseBody } from '../http/validate.ts'
import { baseUrl } from './auth.ts'

export function panelRoutes(ctx: AppContext) {
  const { storage, hub, now, config, log } = ctx
  const catalogue = makeCatalogue(storage)
  const app = new Hono<AppEnv>()

  app.get('/api/panels', async (c) => {
    const a = requireAccount(c)
    return c.json({ panels: await storage.listPanels(a.id) })
  })

  app.post('/api/panels', async (c) => {
    const account = requireAccount(c)
    if (!account.organiser) throw new ApiError(403, 'forbidden', 'Only organisers create panels.')
    const body = parseBody(CreatePanelSchema, await readJson(c))
    let custom: Framework | null = null
    if (body.framework !== undefined) {
      const f = parseFramework(body.framework)
      // The panel keeps the framework whole, so its texts are free text like any other.
      const personal = personalDataInJson(body.framework)
      if (!f.ok || personal.length)
        throw new ApiError(422, 'invalid-framework', 'The framework file is not valid.', [
          ...(f.ok ? [] : f.error),
          ...personal,
        ])
      custom = f.value
    }
    // The framework the inspection names: the file sent with it, else a built-in or the latest uploaded version.
    const named = (body.inspection as { framework?: unknown } | null)?.framework
    const stored =
      !custom && typeof named === 'string' && named
        ? ((await catalogue.find(named))?.framework ?? null)
        : null
    const lookup = (id: string) =>
      custom && custom.id === id ? custom : stored && stored.id === id ? stored : findFramework(id)
    const parsed = parseInspection(body.inspection, lookup, gridOptions(body))
    if (!parsed.ok)
      throw new ApiError(422, 'invalid-inspection', 'The inspection file is not valid.', parsed.error)
    const framework = lookup(parsed.value.framework)
    if (!framework)
      throw new ApiError(422, 'unknown-framework', `Unknown framework ${parsed.value.framework}.`)
    // The service, for its previous inspection: the form's choice, else what an inspection@2 file names.
    if (body.serviceId && parsed.value.serviceId && body.serviceId !== parsed.value.serviceId)
      throw new ApiError(
        422,
        'invalid-inspection',
        `The inspection file names service ${parsed.value.serviceId}, not ${body.serviceId}.`,
      )
    const inspection = body.serviceId ? { ...parsed.value, serviceId: body.serviceId } : parsed.value
    const panel = await hub.create({
      panelId: newId('p'),
      title: body.title || parsed.value.service,
      framework,
      inspection,
      lead: account,
      settings: withSettings(DEFAULT_SETTINGS, body.settings ?? {}),
    })
    log.info('panel created', { panelId: panel.panelId, framework: framework.id })
    return c.json(
      {
        panel: {
          id: panel.panelId,
          title: panel.state.title,
          frameworkId: framework.id,
          frameworkHash: panel.state.frameworkHash,
          settings: panel.state.settings,
        },
      },
      201,
    )
  })

  app.get('/api/panels/:id', async (c) => {
    const { role } = await requireRole(c, storage, c.req.param('id'))
    const panel = await hub.open(c.req.param('id'))
    if (!panel) throw new ApiError(404, 'not-found', 'No such panel.')
    return c.json({
      panel: await storage.findPanel(panel.panelId),
      role,
      state: panel.state,
      // After finalisation, who may read it now (the access log), which never changes the record.
      ...(panel.state.finalised
        ? { access: { members: panel.access.members, invites: panel.access.invites } }
        : {}),
    })
  })

  /**
   * My own sealed votes on this panel (blind panels, before their reveal): the one answer that holds a
   * sealed vote's stance and justification, and only to its voter. No one else's, the lead's included.
   */
  app.get('/api/panels/:id/my-sealed-votes', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    await openPanel(panelId)
    const rows = await storage.loadSealedVotes(panelId, { accountId: account.id })
    c.header('Cache-Control', 'no-store')
    return c.json({
      sealed: rows.map((r) => ({
        proposalId: r.proposalId,
        stance: r.stance,
        justification: r.justification,
        commitment: r.commitment,
        salt: r.salt,
        at: r.at,
      })),
    })
  })

  /** Invites a person: a one-time link, and a `member.invited` event (through the rules like every change). */
  app.post('/api/panels/:id/invites', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    const body = parseBody(InviteSchema, await readJson(c))
    if (body.email && !ctx.oidc)
      throw new ApiError(
        422,
        'oidc-disabled',
        'An invitation can be bound to an email only where sign-in with an identity provider is configured.',
      )
    const panel = await openPanel(panelId)
    const same = activeMembers(panel.access).filter((m) => sameName(m.name, body.name))
    if (same.length && !body.confirmSameName)
      throw new ApiError(
        409,
        'same-name',
        `${body.name} is already a member of this panel. To let them in on another device, re-issue their sign-in link; to invite a different person of the same name, confirm.`,
        same.map((m) => ({ where: 'name', message: `already a member as ${m.role} (${m.accountId})` })),
      )
    const token = newToken()
    const inviteId = newId('inv')
    const expiresAt = new Date(now().getTime() + config.inviteTtlHours * 3_600_000).toISOString()
    // The link first: alone it opens nothing (joining checks the invitation in the log); dropped if refused.
    await storage.saveLinkToken({
      tokenHash: hashToken(token),
      kind: 'invite',
      panelId,
      inviteId,
      role: body.role,
      accountId: null,
      name: body.name,
      expiresAt,
      usedAt: null,
    })
    const r = await panel.execute(
      { type: 'invite', inviteId, name: body.name, role: body.role, accountId: null, expiresAt },
      { accountId: account.id, name: account.name },
      { organiser: account.organiser },
    )
    if (!r.ok) {
      await storage.deleteLinkTokens({ panelId, inviteId })
      throw fromDomainError(r.error)
    }
    if (body.email) await storage.bindInviteEmail(hashToken(token), body.email.toLowerCase())
    log.info('invite issued', { panelId, role: body.role, by: account.id, boundToEmail: Boolean(body.email) })
    const base = baseUrl(c.req.url, config.publicUrl)
    return c.json(
      {
        url: `${base}/auth/link/${token}`,
        inviteId,
        expiresAt,
        role: body.role,
        name: body.name,
        // The same invitation, accepted by signing in with the organisation's identity provider.
        ...(ctx.oidc ? { providerUrl: `${base}/auth/oidc/start?invite=${token}` } : {}),
      },
      201,
    )
  })

  app.delete('/api/panels/:id/invites/:inviteId', async (c) => {
    const panelId = c.req.param('id')
    const inviteId = c.req.param('inviteId')
    await runMembership(c, panelId, { type: 'revoke-invite', inviteId })
    await storage.deleteLinkTokens({ panelId, inviteId })
    return c.json({ revoked: inviteId })
  })

  /** Members with role, joined, online now and last seen; and every invitation with its state. */
  app.get('/api/panels/:id/members', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const panel = await openPanel(panelId)
    const presence = ctx.sync.presenceOf(panelId)
    return c.json({
      members: Object.values(panel.access.members).map((m) => ({
        ...m,
        online: presence.online.has(m.accountId),
        lastSeenAt: presence.lastSeen.get(m.accountId) ?? null,
      })),
      invites: Object.values(panel.access.invites),
    })
  })

  app.post('/api/panels/:id/members/:accountId/role', async (c) => {
    const panelId = c.req.param('id')
    const body = parseBody(RoleChangeSchema, await readJson(c))
    const events = await runMembership(c, panelId, {
      type: 'change-role',
      accountId: c.req.param('accountId'),
      role: body.role,
    })
    return c.json({ events })
  })

  /** Removes a member: their sockets close at once, their requests and pending links are refused; their account stays. */
  app.delete('/api/panels/:id/members/:accountId', async (c) => {
    const panelId = c.req.param('id')
    const accountId = c.req.param('accountId')
    const events = await runMembership(c, panelId, { type: 'remove-member', accountId })
    await storage.deleteLinkTokens({ panelId, accountId })
    return c.json({ events })
  })

  /** A fresh one-time sign-in link for an existing member (same account: no duplicate person). */
  app.post('/api/panels/:id/members/:accountId/sign-in-link', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    const panel = await openPanel(panelId)
    const mayManage =
      panel.roleOf(account.id) === 'lead' || (panel.state.finalised !== null && account.organiser)
    if (!mayManage) throw new ApiError(403, 'forbidden', 'Only the lead inspector re-issues sign-in links.')
    const member = panel.access.members[c.req.param('accountId')]
    if (!member || member.removedAt)
      throw new ApiError(404, 'not-found', 'That person is not a member of this panel.')
    const token = newToken()
    const expiresAt = new Date(now().getTime() + config.inviteTtlHours * 3_600_000).toISOString()
    await storage.saveLinkToken({
      tokenHash: hashToken(token),
      kind: 'sign-in',
      panelId,
      inviteId: null,
      role: null,
      accountId: member.accountId,
      name: member.name,
      expiresAt,
      usedAt: null,
    })
    log.info('sign-in link re-issued', { panelId, accountId: member.accountId, by: account.id })
    return c.json(
      { url: `${baseUrl(c.req.url, config.publicUrl)}/auth/link/${token}`, expiresAt, name: member.name },
      201,
    )
  })

  async function openPanel(panelId: string) {
    const panel = await hub.open(panelId)
    if (!panel) throw new ApiError(404, 'not-found', 'No such panel.')
    return panel
  }

  async function runMembership(c: Context<AppEnv>, panelId: string, command: Command) {
    const { account } = await requireRole(c, storage, panelId)
    const panel = await openPanel(panelId)
    const r = await panel.execute(
      command,
      { accountId: account.id, name: account.name },
      { organiser: account.organiser },
    )
    if (!r.ok) throw fromDomainError(r.error)
    log.info('membership changed', { panelId, type: command.type, by: account.id })
    return r.value.map((e) => ({ seq: e.seq, type: e.event.type, hash: e.hash }))
  }

  app.post('/api/panels/:id/commands', async (c) => {
    const panelId = c.req.param('id')
    const { account } = await requireRole(c, storage, panelId)
    const input = parseBody(CommandSchema, await readJson(c))
    // Texts were checked for personal data by the schema; proposals are named here, never by the client.
    const command: Command = input.type === 'propose' ? { ...input, proposalId: newId('pr') } : input
    const panel = await hub.open(panelId)
    if (!panel) throw new ApiError(404, 'not-found', 'No such panel.')
    const r = await panel.execute(
      command,
      { accountId: account.id, name: account.name },
      { organiser: account.organiser },
    )
    if (!r.ok) throw fromDomainError(r.error)
    log.info('command accepted', { panelId, type: command.type, accountId: account.id, seq: panel.headSeq })
    return c.json({
      events: r.value.map((e) => ({ seq: e.seq, type: e.event.type, hash: e.hash })),
      version: panel.state.version,
      ...(command.type === 'propose' ? { proposalId: command.proposalId } : {}),
    })
  })

  return app
}

/** The case grid sent with a new panel: CSV text, or an .xlsx file's bytes in base64 (its sheet named in the file). */
export function gridOptions(body: {
  inspection: unknown
  caseGridCsv?: string
  caseGridXlsx?: string
}): ParseOptions {
  if (body.caseGridCsv !== undefined && body.caseGridXlsx !== undefined)
    throw new ApiError(
      422,
      'invalid-inspection',
      'Send one case grid: caseGridCsv or caseGridXlsx, not both.',
    )
  if (body.caseGridCsv !== undefined) return { gridText: body.caseGridCsv, gridName: 'case grid' }
  if (body.caseGridXlsx === undefined) return {}
  const sheet = (body.inspection as { caseGridSheet?: unknown } | null)?.caseGridSheet
  const rows = readXlsxRows(
    Buffer.from(body.caseGridXlsx, 'base64'),
    'case grid',
    typeof sheet === 'string' ? sheet : undefined,
  )
  if (!rows.ok) throw new ApiError(422, 'invalid-inspection', 'The case grid is not valid.', rows.error)
  return { gridRecords: rows.value.records, gridName: rows.value.where }
}
