// Opening a correction of a finalised panel, and reading the links both ways with what changed.
import type { Inspection } from '../../shared/inspection/types.ts'
import { correctionEvents, decideCorrection, membersToReinvite } from '../../shared/panel/correction.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import {
  recordDifferences,
  recordViewOf,
  type Difference,
  type RecordView,
} from '../../shared/panel/correction-diff.ts'
import type { DomainError, PanelEvent } from '../../shared/panel/types.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import { hashToken, newId, newToken } from '../auth/tokens.ts'
import type { Account, Storage } from '../storage/port.ts'
import { frozenRecordOf } from './audit.ts'
import type { PanelHub } from './hub.ts'
import type { LivePanel } from './live-panel.ts'

export interface Reinvitation {
  inviteId: string
  accountId: string
  name: string
  role: string
  /** The one-time link (the route turns it into a URL); the member may also accept it signed in. */
  token: string
  expiresAt: string
}

export interface OpenedCorrection {
  panel: LivePanel
  invites: Reinvitation[]
}

/**
 * Opens a correction of `original` by `account`: the forward link first (the rules, one at a time per
 * panel), then the new panel in one transaction: `panel.created` with the inspection (the corrected one
 * when given), `correction.opened`, the lead, the carried decisions and a re-invitation of each member.
 */
export async function openCorrection(
  deps: { storage: Storage; hub: PanelHub; now: () => Date; inviteTtlHours: number },
  original: LivePanel,
  account: Account,
  input: { reason: string; inspection?: Inspection },
): Promise<Result<OpenedCorrection, DomainError>> {
  const record = frozenRecordOf(await deps.storage.loadEvents(original.panelId))
  if (!record)
    return err({
      code: 'conflict',
      message: 'Only a finalised record can be corrected; change the panel itself instead.',
    })
  const panelId = newId('p')
  const expiresAt = new Date(deps.now().getTime() + deps.inviteTtlHours * 3_600_000).toISOString()
  const invites: Reinvitation[] = []
  const r = await original.openCorrection(
    { accountId: account.id, name: account.name },
    {
      organiser: account.organiser,
      recordHash: record.hash,
      correctionPanelId: panelId,
      reason: input.reason,
    },
    async () => {
      for (const m of membersToReinvite(original.access, account.id))
        invites.push({ inviteId: newId('inv'), ...m, token: newToken(), expiresAt })
      // The links first: alone they open nothing (joining checks the invitation in the log).
      for (const i of invites)
        await deps.storage.saveLinkToken({
          tokenHash: hashToken(i.token),
          kind: 'invite',
          panelId,
          inviteId: i.inviteId,
          role: i.role as 'lead' | 'inspector' | 'reviewer',
          accountId: i.accountId,
          name: i.name,
          expiresAt,
          usedAt: null,
        })
      const state = original.state
      return deps.hub.create({
        panelId,
        title: state.title,
        framework: state.framework,
        inspection: correctedInspection(state.inspection as Inspection, input.inspection),
        lead: account,
        correction: (start) => {
          const lead = { accountId: account.id, name: account.name, role: 'lead' as const }
          const opening = correctionEvents({
            start,
            original: state,
            correctionOf: { panelId: original.panelId, recordHash: record.hash },
            reason: input.reason,
            lead,
            framework: state.framework,
            now: start.createdAt,
            newProposalId: () => newId('pr'),
          })
          const reinvited: PanelEvent[] = invites.map((i) => ({
            type: 'member.invited',
            by: account.id,
            byName: account.name,
            at: start.createdAt,
            inviteId: i.inviteId,
            name: i.name,
            role: i.role as 'lead' | 'inspector' | 'reviewer',
            accountId: i.accountId,
            expiresAt,
          }))
          return [...opening, ...reinvited]
        },
      })
    },
  )
  return r.ok ? ok({ panel: r.value.created, invites }) : r
}

/** The corrected file keeps the service the corrected record was linked to (for its previous inspection). */
function correctedInspection(was: Inspection, corrected: Inspection | undefined): Inspection {
  if (!corrected) return was
  return was.serviceId && !corrected.serviceId ? { ...corrected, serviceId: was.serviceId } : corrected
}

/**
 * What a correction opened with this (corrected) inspection would start as, against the record: the new
 * rules-based ratings with the decisions that would be carried over. Nothing is written.
 */
export async function previewCorrection(
  deps: { storage: Storage; now: () => Date },
  original: LivePanel,
  account: Account,
  inspection: Inspection | undefined,
): Promise<
  Result<{ differences: Difference[]; notCarried: { standardId: string; reason: string }[] }, DomainError>
> {
  const record = frozenRecordOf(await deps.storage.loadEvents(original.panelId))
  if (!record)
    return err({
      code: 'conflict',
      message: 'Only a finalised record can be corrected; change the panel itself instead.',
    })
  const who = { accountId: account.id, name: account.name, role: original.roleOf(account.id) }
  const now = deps.now().toISOString()
  const allowed = decideCorrection(original.access, who, {
    now,
    organiser: account.organiser,
    recordHash: record.hash,
    correctionPanelId: 'preview',
    reason: 'A preview of a correction.',
  })
  if (!allowed.ok) return allowed
  const state = original.state
  const framework = state.framework
  const corrected = correctedInspection(state.inspection as Inspection, inspection)
  const base = { by: account.id, byName: account.name, at: now }
  let start = evolve(null, {
    type: 'panel.created',
    ...base,
    panelId: 'preview',
    title: state.title,
    frameworkId: framework.id,
    framework,
    inspection: corrected,
    rating: rateInspection(framework, corrected),
    lead: account.id,
  })
  start = evolve(start, {
    type: 'member.added',
    ...base,
    accountId: account.id,
    name: account.name,
    role: 'lead',
  })
  let n = 0
  const events = correctionEvents({
    start,
    original: state,
    correctionOf: { panelId: original.panelId, recordHash: record.hash },
    reason: 'preview',
    lead: { ...who, role: 'lead' },
    framework,
    now,
    newProposalId: () => `preview-${++n}`,
  })
  const after = events.reduce(evolve, start)
  return ok({
    differences: recordDifferences(
      JSON.parse(record.canonical) as RecordView,
      recordViewOf(framework, after),
    ),
    notCarried: after.correctionOf?.notCarried ?? [],
  })
}

export interface CorrectionsAnswer {
  /** The record this panel corrects, with what changed against it (absent when it corrects none). */
  correctionOf: {
    panelId: string
    recordHash: string
    reason: string
    at: string
    byName: string
    notCarried: { standardId: string; to: string; outcome: string; reason: string }[]
    /** The corrected record as it is now in the store: found, and whether its hash is the one named. */
    found: boolean
    hashMatches: boolean
    title: string | null
    finalisedAt: string | null
    differences: Difference[]
  } | null
  /** This panel's own record hash, once finalised. */
  recordHash: string | null
  /** The corrections of this panel's record (the forward links), each with its state now. */
  correctedBy: {
    panelId: string
    reason: string
    at: string
    byName: string
    finalisedAt: string | null
    recordHash: string | null
    /** A pending invitation to it bound to the asking account: accepting it needs no link. */
    invitation: string | null
  }[]
}

/** The links both ways for a panel, as the asking account may read them (any reader of this panel). */
export async function correctionsOf(
  deps: { storage: Storage; hub: PanelHub },
  panel: LivePanel,
  viewerId: string,
): Promise<CorrectionsAnswer> {
  const own = frozenRecordOf(await deps.storage.loadEvents(panel.panelId))
  const of = panel.state.correctionOf
  let correctionOf: CorrectionsAnswer['correctionOf'] = null
  if (of) {
    const original = frozenRecordOf(await deps.storage.loadEvents(of.panelId))
    const before = original
      ? (JSON.parse(original.canonical) as RecordView & { title: string; finalisedAt: string })
      : null
    const after: RecordView = own
      ? (JSON.parse(own.canonical) as RecordView)
      : recordViewOf(panel.framework, panel.state)
    correctionOf = {
      panelId: of.panelId,
      recordHash: of.recordHash,
      reason: of.reason,
      at: of.at,
      byName: of.byName,
      notCarried: of.notCarried,
      found: !!original,
      hashMatches: original?.hash === of.recordHash,
      title: before?.title ?? null,
      finalisedAt: before?.finalisedAt ?? null,
      differences: before ? recordDifferences(before, after) : [],
    }
  }
  const correctedBy: CorrectionsAnswer['correctedBy'] = []
  for (const link of panel.access.correctedBy ?? []) {
    const row = await deps.storage.findPanel(link.panelId)
    const rec = row?.finalisedAt ? frozenRecordOf(await deps.storage.loadEvents(link.panelId)) : null
    const live = row && !row.finalisedAt ? await deps.hub.open(link.panelId) : null
    const invitation =
      Object.values(live?.access.invites ?? {}).find(
        (i) => i.status === 'pending' && i.accountId === viewerId,
      )?.inviteId ?? null
    correctedBy.push({
      panelId: link.panelId,
      reason: link.reason,
      at: link.at,
      byName: link.byName,
      finalisedAt: row?.finalisedAt ?? null,
      recordHash: rec?.hash ?? null,
      invitation,
    })
  }
  return { correctionOf, recordHash: own?.hash ?? null, correctedBy }
}
