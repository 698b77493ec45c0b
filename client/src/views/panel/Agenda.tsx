// The agenda: the lead steps through the standards open to discretion, in framework order, and everyone's view
// follows (the lead's focus in the workspace). Members see whom they follow, and can stop or come back in one action.
import { Match, Show, Switch } from 'solid-js'
import { writeFocus } from '../../../../shared/ydoc/layout.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { hasTriggers } from '../../lib/describe.ts'
import { useLabels } from '../../lib/labels.tsx'
import { useRouter } from '../../lib/router.tsx'
import { usePanel } from './panel-context.ts'

export function Agenda() {
  const p = usePanel()
  return (
    <Show when={!p.state.finalised}>
      <Show when={p.isLead()} fallback={<FollowBar />}>
        <LeadAgenda />
      </Show>
    </Show>
  )
}

function LeadAgenda() {
  const t = useT()
  const p = usePanel()
  const router = useRouter()
  const announce = useAnnounce()
  const labels = useLabels()
  const items = () => p.state.rating.standards.filter(hasTriggers)
  const at = () => items().findIndex((s) => s.id === p.focus()?.standardId)
  const name = (sid: string) =>
    `${sid} ${labels.standard(sid, items().find((s) => s.id === sid)?.title ?? '')}`
  const prev = () => (at() > 0 ? items()[at() - 1]! : null)
  const next = () => (at() < items().length - 1 ? items()[at() + 1]! : null)
  const go = (sid: string | undefined) => {
    if (!sid) return
    writeFocus(p.workspace(), { standardId: sid, by: p.me.accountId, at: new Date().toISOString() })
    router.navigate(p.standardHref(sid), { keepFocus: true })
    announce(t().focus.brought(name(sid)))
  }
  return (
    <Show when={items().length}>
      <section class="agenda" aria-label={t().agenda.label}>
        <p class="agenda__where" aria-live="off">
          <strong>{t().agenda.label}: </strong>
          <Show when={at() >= 0} fallback={t().agenda.notStarted(items().length)}>
            {t().agenda.position(at() + 1, items().length, name(items()[at()]!.id))}
          </Show>
        </p>
        <div class="agenda__buttons">
          <button
            type="button"
            class="button button--secondary"
            aria-disabled={prev() ? undefined : 'true'}
            onClick={() => go(prev()?.id)}
          >
            <span aria-hidden="true">◀ </span>
            {prev() ? t().agenda.previous(prev()!.id) : t().agenda.previousNone}
          </button>
          <button
            type="button"
            class="button"
            aria-disabled={next() ? undefined : 'true'}
            onClick={() => go(next()?.id)}
          >
            {next()
              ? at() < 0
                ? t().agenda.start(next()!.id)
                : t().agenda.next(next()!.id)
              : t().agenda.end}
            <span aria-hidden="true"> ▶</span>
          </button>
        </div>
      </section>
    </Show>
  )
}

function FollowBar() {
  const t = useT()
  const p = usePanel()
  const labels = useLabels()
  const lead = () => {
    const f = p.focus()
    return f?.standardId && f.by !== p.me.accountId ? f : null
  }
  const name = (sid: string) =>
    `${sid} ${labels.standard(sid, p.state.rating.standards.find((s) => s.id === sid)?.title ?? '')}`
  return (
    <Show when={lead() && p.follow}>
      <section class="agenda agenda--follow" aria-label={t().follow.label}>
        <Switch>
          <Match when={p.follow!.following()}>
            <p class="agenda__where">
              ◆ {t().follow.following(p.nameOf(lead()!.by), name(lead()!.standardId!))}
            </p>
            <button type="button" class="button button--secondary" onClick={() => p.follow!.stop()}>
              {t().follow.stop}
            </button>
          </Match>
          <Match when={!p.follow!.following()}>
            <p class="agenda__where">
              ◆ {t().follow.elsewhere(p.nameOf(lead()!.by), name(lead()!.standardId!))}
            </p>
            <button type="button" class="button" onClick={() => p.follow!.back()}>
              {t().follow.back}
            </button>
          </Match>
        </Switch>
      </section>
    </Show>
  )
}
