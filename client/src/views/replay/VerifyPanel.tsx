// Verify the record twice over, by the server and in this browser, and download the audit log and the record.
import { createSignal, Show } from 'solid-js'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { api, failureText } from '../../lib/http.ts'
import {
  browserSha256,
  checkAgainstRemembered,
  checkChain,
  checkOpenings,
  loadRemembered,
  recordHashOf,
  saveRemembered,
  type ChainCheck,
  type LoggedEvent,
  type OpeningsCheck,
  type Remembered,
} from './chain-check.ts'

/** GET /api/panels/:id/verify */
interface ServerVerdict {
  ok: boolean
  events: number
  head: string
  recordHash: string | null
  broken: { seq: number; reason: string } | null
}

interface Outcome {
  ok: boolean
  firstBroken: number | null
  server: ServerVerdict
  browser: ChainCheck | null
  /** Blind votes: every opening checked in this browser against its commitment. */
  openings: OpeningsCheck | null
  /** The record's hash as this browser derives it from the log, and the hash of the record the server serves. */
  record: { derived: string; served: string | null } | null
  before: { remembered: Remembered; broken: ChainCheck['broken'] } | null
}

const short = (hash: string) => `${hash.slice(0, 16)}…`

export function VerifyPanel(props: { panelId: string; finalised: boolean }) {
  const t = useT()
  const base = `/api/panels/${encodeURIComponent(props.panelId)}`
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [outcome, setOutcome] = createSignal<Outcome | null>(null)

  const verify = async () => {
    if (busy()) return
    setBusy(true)
    setError(null)
    setOutcome(null)
    try {
      const [server, log] = await Promise.all([
        api<ServerVerdict>('GET', `${base}/verify`),
        api<{ events: LoggedEvent[] }>('GET', `${base}/events`),
      ])
      if (!server.ok) return setError(failureText(t(), server.error))
      if (!log.ok) return setError(failureText(t(), log.error))
      const events = log.value.events
      let sha: Awaited<ReturnType<typeof browserSha256>> | null = null
      try {
        sha = await browserSha256()
      } catch {
        sha = null
      }
      let browser: ChainCheck | null = null
      let openings: OpeningsCheck | null = null
      let record: Outcome['record'] = null
      let before: Outcome['before'] = null
      if (sha) {
        browser = await checkChain(props.panelId, events, sha)
        if (browser.ok) {
          try {
            openings = await checkOpenings(events, sha)
          } catch {
            openings = { openings: 0, broken: events.length }
          }
          try {
            const derived = await recordHashOf(events, sha)
            if (derived) {
              const res = await fetch(`${base}/record`, { credentials: 'same-origin' })
              record = { derived, served: res.ok ? await sha(await res.text()) : null }
            }
          } catch {
            browser = { ...browser, ok: false, broken: { seq: events.length, kind: 'unfoldable' } }
          }
        }
        // Only an intact chain can be compared with an earlier head: a broken one is already reported.
        const remembered = browser.ok ? loadRemembered(props.panelId) : null
        if (remembered) before = { remembered, broken: checkAgainstRemembered(events, remembered) }
      }
      const seqs = [
        server.value.broken?.seq,
        browser?.broken?.seq,
        before?.broken?.seq,
        openings?.broken ?? undefined,
      ].filter((s): s is number => s !== undefined)
      const recordOk = !record || record.served === null || record.derived === record.served
      const ok = server.value.ok && (browser?.ok ?? true) && !before?.broken && !openings?.broken && recordOk
      if (ok && browser)
        saveRemembered(props.panelId, {
          at: new Date().toISOString(),
          events: browser.events,
          head: browser.head,
        })
      setOutcome({
        ok,
        firstBroken: seqs.length ? Math.min(...seqs) : null,
        server: server.value,
        browser,
        openings,
        record,
        before,
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="side-section verify" aria-labelledby="verify-heading">
      <h2 id="verify-heading" class="heading-s">
        {t().replay.verifyHeading}
      </h2>
      <p class="hint">{t().replay.verifyIntro}</p>
      <button type="button" class="button" aria-disabled={busy()} onClick={() => void verify()}>
        {busy() ? t().replay.verifying : t().replay.verify}
      </button>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      {/* The verdict is announced; the details below it are there to read. */}
      <div role="status" aria-live="polite">
        <Show when={outcome()}>
          {(o) => (
            <p
              class={
                o().ok ? 'verify__summary verify__summary--ok' : 'verify__summary verify__summary--broken'
              }
              data-testid="verify-summary"
            >
              <strong>
                {o().ok ? (
                  <>✔ {t().replay.intact}</>
                ) : (
                  <>
                    ✘{' '}
                    {o().firstBroken !== null ? t().replay.broken(o().firstBroken!) : t().replay.recordBroken}
                  </>
                )}
              </strong>
            </p>
          )}
        </Show>
      </div>
      <div class="verify__result">
        <Show when={outcome()}>
          {(o) => (
            <>
              <dl class="verify__details">
                <dt>{t().replay.byServer}</dt>
                <dd>
                  {o().server.ok
                    ? t().replay.chainOk(o().server.events, short(o().server.head))
                    : `${t().replay.broken(o().server.broken!.seq)}: ${o().server.broken!.reason}`}
                </dd>
                <dt>{t().replay.byBrowser}</dt>
                <dd>
                  <Show when={o().browser} fallback={t().replay.noCrypto}>
                    {(b) =>
                      b().ok
                        ? t().replay.chainOk(b().events, short(b().head))
                        : `${t().replay.broken(b().broken!.seq)}: ${t().replay.breaks[b().broken!.kind]}`
                    }
                  </Show>
                  <Show when={o().before}>
                    {(bf) => (
                      <>
                        <br />
                        {bf().broken
                          ? `${t().replay.broken(bf().broken!.seq)}: ${t().replay.breaks[bf().broken!.kind]}`
                          : t().replay.rememberedOk(
                              bf().remembered.events,
                              t().replay.time(bf().remembered.at),
                            )}
                      </>
                    )}
                  </Show>
                  <Show when={o().openings?.openings || o().openings?.broken}>
                    <br />
                    <span data-testid="verify-openings">
                      {o().openings!.broken
                        ? t().blind.verifyOpeningBroken(o().openings!.broken!)
                        : t().blind.verifyOpenings(o().openings!.openings)}
                    </span>
                  </Show>
                  <br />
                  <Show when={o().record} fallback={props.finalised ? null : t().replay.notFinalised}>
                    {(r) =>
                      r().derived === r().served
                        ? t().replay.recordOk(short(r().derived))
                        : t().replay.recordDiffers(
                            short(r().derived),
                            r().served ? short(r().served!) : t().replay.none,
                          )
                    }
                  </Show>
                </dd>
              </dl>
            </>
          )}
        </Show>
      </div>
      <h3 class="heading-xs">{t().replay.downloads}</h3>
      <ul class="verify__downloads">
        <li>
          <a href={`${base}/audit.jsonl`} download="">
            ⤓ {t().replay.auditLog}
          </a>
        </li>
        <Show when={props.finalised}>
          <li>
            <a href={`${base}/record?download`} download="">
              ⤓ {t().replay.record}
            </a>
          </li>
        </Show>
      </ul>
    </section>
  )
}
