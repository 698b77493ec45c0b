// The live panel: opens the record and workspace docs, binds stores to them, and lays out the board and the side panel.
import { createEffect, createMemo, createSignal, on, Show, type Accessor } from 'solid-js'
import type { Framework } from '../../../../shared/framework/schema.ts'
import { useT } from '../../i18n/i18n.tsx'
import type { Account, CommandAnswer, PanelAnswer } from '../../lib/api-types.ts'
import { useAnnounce } from '../../lib/announcer.tsx'
import { domainTitles, ratingLabels } from '../../lib/domains.ts'
import { api } from '../../lib/http.ts'
import { FrameworkProvider } from '../../lib/labels.tsx'
import { currentResult, overallOutcome, standardOutcomes } from '../../lib/outcome.ts'
import { useTitle } from '../../lib/page.ts'
import { Link, useRouter } from '../../lib/router.tsx'
import { createPanelConnection } from '../../stores/panel-connection.ts'
import { createLogListener, createRecordStore } from '../../stores/record-store.ts'
import { createMySealedVotes } from '../../stores/my-sealed-votes.ts'
import { createFocus, createPresence } from '../../stores/workspace-store.ts'
import { Activity, describeEntry } from './Activity.tsx'
import { Board } from './Board.tsx'
import { BoundaryMap } from './BoundaryMap.tsx'
import { HistoryAnchor } from './HistoryAnchor.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { FinalisePanel } from './FinalisePanel.tsx'
import { Agenda } from './Agenda.tsx'
import { createFollow } from './follow.ts'
import { Invite } from './Invite.tsx'
import { JudgedTargets } from './JudgedTargets.tsx'
import { People } from './People.tsx'
import { OverallSummary } from './OverallSummary.tsx'
import { PanelSettings } from './PanelSettings.tsx'
import { PanelContext, type OutgoingCommand, type PanelCtx } from './panel-context.ts'
import { Presence } from './Presence.tsx'
import { StandardDetail } from './StandardDetail.tsx'
import { PreviousInspection } from '../report/PreviousInspection.tsx'

export function LivePanel(props: {
  answer: PanelAnswer
  account: Account
  standardId: Accessor<string | null>
  view: Accessor<'board' | 'map'>
}) {
  const t = useT()
  const announce = useAnnounce()
  const id = props.answer.panel.id
  const conn = createPanelConnection(id)
  const record = createRecordStore(conn.record, props.answer.state)
  const state = record.state
  const people = createPresence(conn.awareness)
  const focus = createFocus(conn.workspace)
  const role = props.answer.role
  const base = `/panels/${encodeURIComponent(id)}`

  const framework = createMemo(() => state.framework as Framework)
  const [discretionOnly, setDiscretionOnly] = createSignal(false)
  const result = createMemo(() => currentResult(framework(), state))
  const ctx: PanelCtx = {
    id,
    me: { accountId: props.account.id, name: props.account.name },
    role,
    state,
    framework,
    labels: createMemo(() => ratingLabels(framework())),
    domains: createMemo(() => domainTitles(framework())),
    outcomes: createMemo(() =>
      Object.fromEntries(standardOutcomes(framework(), state, result()).map((o) => [o.id, o])),
    ),
    overall: createMemo(() => overallOutcome(framework(), state, result())),
    canWrite: () => role !== 'reviewer' && !state.finalised,
    isLead: () => role === 'lead',
    conn,
    workspace: conn.workspace,
    awareness: conn.awareness,
    people,
    focus,
    send: (command: OutgoingCommand) => api<CommandAnswer>('POST', `/api${base}/commands`, command),
    mySealed: createMySealedVotes(id, state, () => role !== 'reviewer' && !!state.settings?.blindVotes),
    standardHref: (sid) => `${base}/standards/${encodeURIComponent(sid)}`,
    boardHref: base,
    openStandard: props.standardId,
    view: props.view,
    mapHref: `${base}/map`,
    discretionOnly,
    setDiscretionOnly,
    nameOf: (accountId) =>
      state.members[accountId]?.name ?? people().find((p) => p.accountId === accountId)?.name ?? accountId,
  }

  useTitle(
    () => (props.standardId() ? `${props.standardId()} – ${state.title}` : state.title),
    () => t().common.appName,
  )

  // Presence: what I am looking at.
  createEffect(() => conn.awareness().setLocalStateField('viewing', props.standardId()))

  // Others' actions, as they happen, for screen readers.
  createLogListener(conn.record, conn.recordSynced, (entries) => {
    for (const e of entries) if (e.by !== ctx.me.accountId) announce(describeEntry(t(), e, state))
  })

  // The lead's focus: members follow it unless they choose to look elsewhere; the lead never follows.
  const router = useRouter()
  const titleOf = (sid: string) => state.rating.standards.find((x) => x.id === sid)?.title ?? ''
  const follow = createFollow({
    focus,
    standardId: props.standardId,
    onBoard: () => props.view() === 'board',
    ready: conn.workspaceSynced,
    me: props.account.id,
    isLead: role === 'lead',
    go: (sid) => router.navigate(ctx.standardHref(sid)),
    onMoved: (sid, by, taken) =>
      announce((taken ? t().follow.moved : t().focus.asked)(ctx.nameOf(by), sid, titleOf(sid))),
  })
  ctx.follow = follow

  const finalisedAnnounced = createMemo(() => !!state.finalised)
  createEffect(on(finalisedAnnounced, (f) => f && announce(t().finalise.done), { defer: true }))

  return (
    <PanelContext.Provider value={ctx}>
      <FrameworkProvider framework={framework()}>
        <div
          class="panel-page"
          classList={{
            'panel-page--detail': !!props.standardId(),
            'panel-page--map': props.view() === 'map',
          }}
        >
          <div class="panel-head">
            <div>
              <span class="caption">{t().panel.yourRole(t().roles[role] ?? role)}</span>
              <h1 data-route-focus={props.standardId() || props.view() === 'map' ? undefined : ''}>
                {state.title}
              </h1>
              {/* Not on the map, which must fit one 1280x800 screen. */}
              <Show when={props.view() !== 'map'}>
                <p class="hint panel-head__framework">
                  {t().frameworks.pinned(framework().title, state.frameworkHash?.slice(0, 12) ?? '—')}
                </p>
              </Show>
            </div>
            <ConnectionStatus />
          </div>
          <HistoryAnchor />
          <nav aria-label={t().panel.boardNav} class="panel-nav">
            <ul>
              <li>
                <Link
                  href={base}
                  aria-current={props.standardId() || props.view() === 'map' ? undefined : 'page'}
                >
                  {t().panel.boardHeading}
                </Link>
              </li>
              <li>
                <Link href={`${base}/map`} aria-current={props.view() === 'map' ? 'page' : undefined}>
                  {t().map.heading}
                </Link>
              </li>
              <li>
                <Link href={`${base}/report`}>{t().panel.report}</Link>
              </li>
              <Show when={role !== 'inspector'}>
                <li>
                  <Link href={`${base}/replay`}>{t().panel.replay}</Link>
                </li>
              </Show>
            </ul>
          </nav>
          <Show when={state.correctionOf}>
            {(of) => (
              <p class="notice" data-testid="correction-banner">
                {t().correction.banner(of().panelId)} <strong>{t().correction.reason}:</strong> {of().reason}{' '}
                <Link href={`${base}/report`}>{t().correction.seeDifferences}</Link>
              </p>
            )}
          </Show>
          <Show when={state.finalised}>
            {(f) => (
              <p class="notice notice--done">
                ✔ {t().panel.finalisedBanner(t().common.dateTime(f().at), f().byName)}
              </p>
            )}
          </Show>
          <Show when={role === 'reviewer' && !state.finalised}>
            <p class="notice">{t().panel.readOnlyReviewer}</p>
          </Show>
          <Agenda />
          <Show when={props.view() !== 'map'} fallback={<BoundaryMap />}>
            <div class="panel-layout">
              <div class="panel-main">
                <OverallSummary />
                <JudgedTargets />
                <Board />
                <PreviousInspection panelId={props.answer.panel.id} final={result} />
                <FinalisePanel />
              </div>
              <div class="panel-side">
                <Show when={props.standardId()} keyed>
                  {(sid) => <StandardDetail standardId={sid} />}
                </Show>
                <Presence />
                <People log={record.log} />
                <PanelSettings />
                <Show when={ctx.isLead() && !state.finalised}>
                  <Invite />
                </Show>
                <Activity log={record.log} />
              </div>
            </div>
          </Show>
        </div>
      </FrameworkProvider>
    </PanelContext.Provider>
  )
}
