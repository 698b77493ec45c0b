// The panel's settings in words (blind or open votes, quorum, reveal): on the panel page and in the report.
import type { PanelSettings } from '../../../shared/panel/settings.ts'
import { useT } from '../i18n/i18n.tsx'

export function SettingsSummary(props: { settings: PanelSettings }) {
  const t = useT()
  const quorum = () => {
    const q = props.settings.quorum
    if (!q) return t().settings.quorumNone
    return 'minVotes' in q ? t().settings.quorumMin(q.minVotes) : t().settings.quorumEvery
  }
  return (
    <ul class="settings-summary" data-testid="settings-summary">
      <li>{props.settings.blindVotes ? t().settings.blindOn : t().settings.blindOff}</li>
      <li>{quorum()}</li>
      <li hidden={!props.settings.blindVotes}>
        {props.settings.autoReveal ? t().settings.autoOn : t().settings.autoOff}
      </li>
    </ul>
  )
}
