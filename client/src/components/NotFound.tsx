// The page for an address the app does not know.
import { useT } from '../i18n/i18n.tsx'
import { Link } from '../lib/router.tsx'

export function NotFound() {
  const t = useT()
  return (
    <>
      <h1>{t().common.pageNotFound}</h1>
      <p>{t().common.pageNotFoundBody}</p>
      <p>
        <Link href="/">{t().common.goHome}</Link>
      </p>
    </>
  )
}
