// Across panels: the quality-assurance role (granted and withdrawn by organisers, in the account-level
// access log) and the discretion register it reads, as JSON or CSV, with the same filters.
import { Hono } from 'hono'
import { rowMatches, panelMatches, RegisterFilterSchema, summarise } from '../../shared/register/query.ts'
import type { DiscretionRow } from '../../shared/register/rows.ts'
import { changeQa, isQa, qaAccounts, readQaLog } from '../accounts/qa-log.ts'
import { requireAccount, requireRole, type AppEnv } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { ApiError, fromDomainError } from '../http/errors.ts'
import { parseBody } from '../http/validate.ts'
import { previousInspection } from '../register/previous.ts'
import { DiscretionRegister } from '../register/register.ts'
import { csvCell } from './record-csv.ts'

const CSV_COLUMNS: [string, (r: DiscretionRow) => unknown][] = [
  ['panel', (r) => r.panelId],
  ['service', (r) => r.service],
  ['synthetic', (r) => (r.synthetic ? 'yes' : 'no')],
  ['framework', (r) => r.frameworkId],
  ['fieldwork', (r) => r.fieldwork],
  ['published', (r) => r.published],
  ['finalised', (r) => r.finalisedAt],
  ['standard', (r) => r.standardId],
  ['triggers', (r) => r.triggers.join(' ')],
  ['direction', (r) => r.direction],
  ['rules-based rating', (r) => r.from],
  ['proposed rating', (r) => r.to],
  ['final rating', (r) => r.final],
  ['outcome', (r) => r.outcome],
  ['support', (r) => r.votes.support],
  ['oppose', (r) => r.votes.oppose],
  ['abstain', (r) => r.votes.abstain],
  ['sealed support', (r) => r.sealed?.support ?? ''],
  ['sealed oppose', (r) => r.sealed?.oppose ?? ''],
  ['sealed abstain', (r) => r.sealed?.abstain ?? ''],
  ['distance to boundary', (r) => r.distance],
  ['footnote or reason', (r) => r.text],
  ['lead', (r) => r.lead],
  ['decided', (r) => r.decidedAt],
  ['replay', (r) => r.replay],
  ['correction of', (r) => r.correctionOf],
  ['correction reason', (r) => r.correctionReason],
]

export const registerCsv = (rows: DiscretionRow[]): string =>
  [CSV_COLUMNS.map(([h]) => h), ...rows.map((r) => CSV_COLUMNS.map(([, f]) => f(r)))]
    .map((line) => line.map(csvCell).join(','))
    .join('\r\n') + '\r\n'

export function registerRoutes(ctx: AppContext) {
  const { storage, heads, now, log, hub } = ctx
  const register = new DiscretionRegister(storage)
  const app = new Hono<AppEnv>()

  const requireOrganiser = (c: Parameters<typeof requireAccount>[0]) => {
    const a = requireAccount(c)
    if (!a.organiser) throw new ApiError(403, 'forbidden', 'Only organisers manage account roles.')
    return a
  }

  /** The discretion register: quality assurance only (an organiser without the role is refused too). */
  app.get('/api/discretion', async (c) => {
    const a = requireAccount(c)
    if (!(await isQa(storage, a.id)))
      throw new ApiError(403, 'forbidden', 'The discretion register needs the quality-assurance role.')
    const filter = parseBody(RegisterFilterSchema, c.req.query())
    const { rows, panels } = await register.entries()
    const matching = rows.filter((r) => rowMatches(r, filter))
    if (filter.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', 'attachment; filename="discretion-register.csv"')
      return c.body(registerCsv(matching))
    }
    const inScope = panels.filter((p) => panelMatches(p, filter))
    return c.json({
      rows: matching,
      panels: inScope.length,
      synthetic: inScope.filter((p) => p.synthetic).length,
      summary: summarise(matching, inScope, filter),
    })
  })

  /** The previous inspection of this panel's service: its published ratings beside the current ones. */
  app.get('/api/panels/:id/previous', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const panel = await hub.open(panelId)
    if (!panel) throw new ApiError(404, 'not-found', 'No such panel.')
    return c.json(await previousInspection(storage, panel))
  })

  /** Accounts with their account-level roles, for an organiser to grant or withdraw quality assurance. */
  app.get('/api/accounts', async (c) => {
    requireOrganiser(c)
    const qa = await qaAccounts(storage)
    return c.json({
      accounts: (await storage.listAccounts()).map((a) => ({
        id: a.id,
        name: a.name,
        organiser: a.organiser,
        qa: qa.has(a.id),
      })),
    })
  })

  /** The account-level access log, each link re-derived (organisers and quality assurance). */
  app.get('/api/accounts/access-log', async (c) => {
    const a = requireAccount(c)
    if (!a.organiser && !(await isQa(storage, a.id)))
      throw new ApiError(403, 'forbidden', 'The access log is for organisers and quality assurance.')
    const { events, verdict } = await readQaLog(storage)
    return c.json({ events, ok: verdict.ok, head: verdict.head, broken: verdict.broken })
  })

  for (const [method, type] of [
    ['post', 'grant'],
    ['delete', 'withdraw'],
  ] as const)
    app[method]('/api/accounts/:id/qa', async (c) => {
      const a = requireOrganiser(c)
      const target = await storage.findAccount(c.req.param('id'))
      if (!target) throw new ApiError(404, 'not-found', 'No such account.')
      const r = await changeQa(
        { storage, heads, now },
        { type, account: { id: target.id, name: target.name } },
        { accountId: a.id, name: a.name, organiser: a.organiser },
      )
      if (!r.ok) throw fromDomainError(r.error)
      log.info('quality-assurance role changed', { accountId: target.id, type, by: a.id })
      return c.json({
        accountId: target.id,
        qa: type === 'grant',
        events: r.value.map((e) => ({ seq: e.seq, hash: e.hash })),
      })
    })

  return app
}
