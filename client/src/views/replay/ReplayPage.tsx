// /panels/:id/replay (lead and reviewers): scrub through the panel's history and see the board, the score,
// the votes, the drafts and the notes as they were at any point; compare two points; verify; download.
// The address carries the point on display (?event=SEQ&workspace=SEQ), so a link opens the same moment.
import { createEffect, createResource, createSignal, Match, Show, Switch } from 'solid-js'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { PanelAnswer } from '../../lib/api-types.ts'
import { api, failureText, type ApiFailure } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'
import { FrameworkProvider } from '../../lib/labels.tsx'
import { Link } from '../../lib/router.tsx'
import { ComparePanel, type Marks } from './ComparePanel.tsx'
import { HistoryStrip } from './HistoryStrip.tsx'
import { createReplay } from './replay-store.ts'
import { ReplayBoard } from './ReplayBoard.tsx'
import { Scrubber } from './Scrubber.tsx'
import { makeTimeline, stepOf, targetOf, type HistoryAnswer, type Timeline } from './timeline.ts'
import { TimelineList } from './TimelineList.tsx'
import { VerifyPanel } from './VerifyPanel.tsx'
import './replay.css'
import { ReplayCorrections } from '../report/Corrections.tsx'

type Loaded = { ok: true; panel: PanelAnswer; timeline: Timeline } | { ok: false; error: ApiFailure }

export function ReplayPage(props: { id: string }) {
  const t = useT()
  const base = `/api/panels/${encodeURIComponent(props.id)}`
  const [data] = createResource(async (): Promise<Loaded> => {
    const [panel, history] = await Promise.all([
      api<PanelAnswer>('GET', base),
      api<HistoryAnswer>('GET', `${base}/history`),
    ])
    if (!panel.ok) return panel
    if (!history.ok) return history
    return { ok: true, panel: panel.value, timeline: makeTimeline(history.value) }
  })
  const title = () => {
    const d = data()
    return d?.ok ? t().replay.heading(d.panel.state.title) : t().replay.title
  }
  useTitle(title, () => t().common.appName)
  return (
    <>
      <p>
        <Link href={`/panels/${encodeURIComponent(props.id)}`}>← {t().report.backToPanel}</Link>
      </p>
      <Switch fallback={<p class="loading">{t().common.loading}</p>}>
        <Match when={data()?.ok === false && (data() as { error: ApiFailure })}>
          {(r) => (
            <>
              <h1 data-route-focus>{t().replay.title}</h1>
              <ErrorMessage
                message={r().error.status === 403 ? t().replay.forbidden : failureText(t(), r().error)}
              />
            </>
          )}
        </Match>
        <Match when={data()?.ok && (data() as Extract<Loaded, { ok: true }>)}>
          {(d) => <Replay panelId={props.id} heading={title()} panel={d().panel} timeline={d().timeline} />}
        </Match>
      </Switch>
    </>
  )
}

/** The step the address names, or the last one (the panel as it is now). */
function initialStep(timeline: Timeline): number {
  const q = new URLSearchParams(window.location.search)
  const event = Number(q.get('event'))
  const workspace = Number(q.get('workspace'))
  if (q.has('event') && Number.isInteger(event) && Number.isInteger(workspace))
    return stepOf(timeline, event, workspace)
  return timeline.length - 1
}

function Replay(props: { panelId: string; heading: string; panel: PanelAnswer; timeline: Timeline }) {
  const replay = createReplay(props.panelId, props.timeline, initialStep(props.timeline))
  const [marks, setMarks] = createSignal<Marks>({ a: null, b: null })
  createEffect(() => {
    const s = replay.shown()
    if (!s) return
    const { event, workspace } = targetOf(props.timeline, s.step)
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}?event=${event}&workspace=${workspace}`,
    )
  })
  return (
    <FrameworkProvider framework={props.panel.state.framework}>
      <div class="replay-page">
        <h1 data-route-focus>{props.heading}</h1>
        <ReplayCorrections panelId={props.panelId} />
        <Intro />
        <Scrubber replay={replay} />
        <Show when={replay.error()}>{(e) => <ErrorMessageFor error={e()} />}</Show>
        <HistoryStrip replay={replay} marks={marks()} />
        <div class="replay-layout">
          <div class="replay-main">
            <ReplayBoard replay={replay} />
          </div>
          <div class="replay-side">
            <TimelineList replay={replay} />
            <ComparePanel replay={replay} marks={marks()} setMarks={setMarks} />
            <VerifyPanel panelId={props.panelId} finalised={!!props.panel.state.finalised} />
          </div>
        </div>
      </div>
    </FrameworkProvider>
  )
}

function Intro() {
  const t = useT()
  return <p class="lead replay-intro">{t().replay.intro}</p>
}

function ErrorMessageFor(props: { error: ApiFailure }) {
  const t = useT()
  return <ErrorMessage message={failureText(t(), props.error)} />
}
