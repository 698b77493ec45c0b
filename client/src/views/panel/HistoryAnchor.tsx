// Warns when the panel's history no longer extends what this browser saw, or its signed head does not
// hold: the browser's own check of the server's signed head (stores/signed-head.ts).
import { createEffect, createSignal, Show } from 'solid-js'
import { useT } from '../../i18n/i18n.tsx'
import { api } from '../../lib/http.ts'
import { readRecordLog } from '../../../../shared/ydoc/layout.ts'
import { checkSignedHead, type HeadCheck, type SignedHeadAnswer } from '../../stores/signed-head.ts'
import { usePanel } from './panel-context.ts'

export function HistoryAnchor() {
  const t = useT()
  const { conn, id } = usePanel()
  const [check, setCheck] = createSignal<HeadCheck | null>(null)
  let started = false
  createEffect(() => {
    if (!conn.recordSynced() || started) return
    started = true
    void api<SignedHeadAnswer>('GET', `/api/panels/${encodeURIComponent(id)}/head`).then(async (r) => {
      if (r.ok) setCheck(await checkSignedHead(id, r.value, readRecordLog(conn.record)))
    })
  })
  const problem = () => {
    const c = check()
    if (!c) return null
    if (c.kind === 'not-extending') return t().trust.notExtending(t().common.dateTime(c.at), c.seq)
    if (c.kind === 'bad-signature') return t().trust.badSignature
    if (c.kind === 'not-signed') return t().trust.notSigned
    return null
  }
  return (
    <Show when={problem()}>
      {(text) => (
        <div class="warning-banner" role="alert">
          <strong>{t().trust.heading}</strong> {text()}
        </div>
      )}
    </Show>
  )
}
