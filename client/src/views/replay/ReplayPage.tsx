// /panels/:id/replay: the slot for the Replay view (history, step by step). Another engineer builds it here.
import { useT } from '../../i18n/i18n.tsx'
import { useTitle } from '../../lib/page.ts'
import { Link } from '../../lib/router.tsx'

export function ReplayPage(props: { id: string }) {
  const t = useT()
  useTitle(() => t().replay.title, () => t().common.appName)
  return (
    <>
      <p>
        <Link href={`/panels/${encodeURIComponent(props.id)}`}>← {t().report.backToPanel}</Link>
      </p>
      <h1>{t().replay.title}</h1>
      <p>{t().replay.placeholder}</p>
    </>
  )
}
