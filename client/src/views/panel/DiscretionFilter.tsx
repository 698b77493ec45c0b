// "Only standards open to discretion": one choice shared by the board and the boundary map.
import { useT } from '../../i18n/i18n.tsx'
import { usePanel } from './panel-context.ts'

export function DiscretionFilter(props: { id: string }) {
  const t = useT()
  const p = usePanel()
  return (
    <div class="radio">
      <input
        type="checkbox"
        id={props.id}
        checked={p.discretionOnly()}
        onChange={(e) => p.setDiscretionOnly(e.currentTarget.checked)}
      />
      <label for={props.id}>{t().map.onlyDiscretion}</label>
    </div>
  )
}
