// The panel's settings, and the lead's form to change them: blind votes (until the first vote), the quorum
// and reveal by itself (until finalisation). One settings command; the server's rules decide.
import { createSignal, Show } from 'solid-js'
import { hasAnyVote, settingsOf, type Quorum } from '../../../../shared/panel/settings.ts'
import { ErrorSummary, FieldErrorText } from '../../components/ErrorSummary.tsx'
import { SettingsSummary } from '../../components/SettingsSummary.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { failureText } from '../../lib/http.ts'
import { createValidation } from '../../lib/validation.ts'
import { usePanel } from './panel-context.ts'

type QuorumKind = 'none' | 'min' | 'every'

export function PanelSettings() {
  const t = useT()
  const p = usePanel()
  const settings = () => settingsOf(p.state)
  return (
    <section class="side-section panel-settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading" class="heading-s">
        {t().settings.heading}
      </h2>
      <SettingsSummary settings={settings()} />
      <Show when={p.isLead() && p.canWrite()}>
        <details class="panel-settings__change">
          <summary>{t().settings.change}</summary>
          <SettingsForm />
        </details>
      </Show>
    </section>
  )
}

function SettingsForm() {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const now = () => settingsOf(p.state)
  const kindOf = (q: Quorum | null): QuorumKind => (!q ? 'none' : 'minVotes' in q ? 'min' : 'every')
  const [blind, setBlind] = createSignal(now().blindVotes)
  const [auto, setAuto] = createSignal(now().autoReveal)
  const [kind, setKind] = createSignal<QuorumKind>(kindOf(now().quorum))
  const q0 = now().quorum
  const [min, setMin] = createSignal(q0 && 'minVotes' in q0 ? String(q0.minVotes) : '2')
  const [busy, setBusy] = createSignal(false)
  const blindFixed = () => hasAnyVote(p.state)
  const minValid = () => /^\d+$/.test(min().trim()) && Number(min()) >= 1 && Number(min()) <= 100
  const v = createValidation(() =>
    kind() === 'min' && !minValid() ? [{ id: 'settings-min', message: t().settings.badNumber }] : [],
  )
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    if (!v.check()) return
    let quorum: Quorum | null = null
    if (kind() === 'min') quorum = { minVotes: Number(min()) }
    else if (kind() === 'every') quorum = { everyInspector: true }
    setBusy(true)
    const r = await p.send({
      type: 'settings',
      settings: { ...(blindFixed() ? {} : { blindVotes: blind() }), quorum, autoReveal: auto() },
    })
    setBusy(false)
    if (!r.ok) return v.refuse(failureText(t(), r.error), 'settings-blind')
    v.reset()
    announce(t().settings.saved)
  }
  const radio = (value: QuorumKind, label: string) => (
    <div class="radio">
      <input
        type="radio"
        id={`quorum-${value}`}
        name="quorum"
        value={value}
        checked={kind() === value}
        onChange={() => setKind(value)}
      />
      <label for={`quorum-${value}`}>{label}</label>
    </div>
  )
  return (
    <form class="panel-settings__form" onSubmit={(e) => void submit(e)} novalidate>
      <ErrorSummary v={v} id="settings-errors" />
      <div class="checkbox">
        <input
          type="checkbox"
          id="settings-blind"
          checked={blind()}
          disabled={blindFixed()}
          aria-describedby="settings-blind-hint"
          onChange={(e) => setBlind(e.currentTarget.checked)}
        />
        <label for="settings-blind">{t().settings.blindLabel}</label>
        <p class="hint" id="settings-blind-hint">
          {blindFixed() ? t().settings.blindFixed : t().settings.blindHint}
        </p>
      </div>
      <fieldset class="fieldset">
        <legend class="label">{t().settings.quorumLegend}</legend>
        {radio('none', t().settings.quorumNoneOption)}
        {radio('min', t().settings.quorumMinOption)}
        <Show when={kind() === 'min'}>
          <div class="form-group" classList={{ 'form-group--error': !!v.of('settings-min') }}>
            <label class="label" for="settings-min">
              {t().settings.quorumMinLabel}
            </label>
            <FieldErrorText id="settings-min" message={v.of('settings-min')} />
            <input
              id="settings-min"
              class="input input--width-3"
              inputmode="numeric"
              aria-invalid={v.of('settings-min') ? 'true' : undefined}
              aria-describedby={v.of('settings-min') ? 'settings-min-error' : undefined}
              value={min()}
              onInput={(e) => setMin(e.currentTarget.value)}
            />
          </div>
        </Show>
        {radio('every', t().settings.quorumEveryOption)}
      </fieldset>
      <div class="checkbox">
        <input
          type="checkbox"
          id="settings-auto"
          checked={auto()}
          onChange={(e) => setAuto(e.currentTarget.checked)}
        />
        <label for="settings-auto">{t().settings.autoLabel}</label>
      </div>
      <button type="submit" class="button button--secondary" disabled={busy()}>
        {t().settings.save}
      </button>
    </form>
  )
}
