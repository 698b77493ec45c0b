// Offered, never forced: the lead asked everyone to look at a standard; go there when ready.
import { useT } from '../../i18n/i18n.tsx'
import { useRouter } from '../../lib/router.tsx'
import { usePanel } from './panel-context.ts'

export function FocusBanner(props: { standardId: string; onDismiss(): void }) {
  const t = useT()
  const p = usePanel()
  const router = useRouter()
  const title = () => p.state.rating.standards.find((s) => s.id === props.standardId)?.title ?? ''
  const by = () => p.nameOf(p.focus()?.by ?? '')
  return (
    <div class="focus-banner">
      <p>◆ {t().focus.asked(by(), props.standardId, title())}</p>
      <div class="button-group">
        <button
          type="button"
          class="button"
          onClick={() => router.navigate(p.standardHref(props.standardId))}
        >
          {t().focus.go}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onDismiss()}>
          {t().focus.dismiss}
        </button>
      </div>
    </div>
  )
}
