// What the report is of, as a published report opens: the framework, the service, when the fieldwork was and when it
// was published, and who sat on the panel (the lead first, then the members with their roles).
import { For, Show } from 'solid-js'
import type { PanelState } from '../../../../shared/panel/types.ts'
import { useT } from '../../i18n/i18n.tsx'

/** The dates the inspection file gives (inspection@1 and @2 alike), as written there. */
function datesOf(inspection: unknown): { fieldwork?: string; published?: string } {
  const i = (typeof inspection === 'object' && inspection !== null ? inspection : {}) as Record<
    string,
    unknown
  >
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined)
  return { fieldwork: text(i.fieldwork), published: text(i.published) }
}

export function ReportAbout(props: { state: PanelState }) {
  const t = useT()
  const s = () => props.state
  const dates = () => datesOf(s().inspection)
  const lead = () => s().members[s().lead]
  // Those who sat on the panel: joined, and not removed since.
  const others = () =>
    Object.values(s().members).filter((m) => m.accountId !== s().lead && m.joinedAt && !m.removedAt)
  return (
    <dl class="summary-list report__about">
      <div class="summary-list__row">
        <dt>{t().report.framework}</dt>
        <dd>{s().framework.title}</dd>
      </div>
      <div class="summary-list__row">
        <dt>{t().report.service}</dt>
        <dd>{s().rating.service}</dd>
      </div>
      <Show when={dates().fieldwork}>
        {(d) => (
          <div class="summary-list__row">
            <dt>{t().report.fieldwork}</dt>
            <dd>{t().common.month(d())}</dd>
          </div>
        )}
      </Show>
      <Show when={dates().published}>
        {(d) => (
          <div class="summary-list__row">
            <dt>{t().report.published}</dt>
            <dd>{t().common.month(d())}</dd>
          </div>
        )}
      </Show>
      <div class="summary-list__row">
        <dt>{t().report.lead}</dt>
        <dd>{lead()?.name ?? '—'}</dd>
      </div>
      <div class="summary-list__row">
        <dt>{t().report.members}</dt>
        <dd>
          <Show when={others().length} fallback="—">
            <ul class="report__members">
              <For each={others()}>
                {(m) => <li>{t().report.member(m.name, t().roles[m.role] ?? m.role)}</li>}
              </For>
            </ul>
          </Show>
        </dd>
      </div>
    </dl>
  )
}
