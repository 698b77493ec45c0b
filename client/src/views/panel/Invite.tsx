// The lead invites people: a name and a role give a one-time link to send privately.
import { createSignal, For, Show } from 'solid-js'
import { ErrorSummary, FieldErrorText } from '../../components/ErrorSummary.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import type { InviteAnswer } from '../../lib/api-types.ts'
import { api, failureText } from '../../lib/http.ts'
import { createValidation } from '../../lib/validation.ts'
import { usePanel } from './panel-context.ts'

export function Invite() {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const [name, setName] = createSignal('')
  const [role, setRole] = createSignal('inspector')
  const [link, setLink] = createSignal<InviteAnswer | null>(null)
  const v = createValidation(() => (name().trim() ? [] : [{ id: 'invite-name', message: t().errors.name }]))
  /** The server found a member of the same name: the lead confirms it is another person, or re-issues theirs. */
  const [sameName, setSameName] = createSignal<string | null>(null)
  const submit = async (e: SubmitEvent | null, confirmSameName = false) => {
    e?.preventDefault()
    setSameName(null)
    if (!v.check()) return
    const r = await api<InviteAnswer>('POST', `/api/panels/${encodeURIComponent(p.id)}/invites`, {
      role: role(),
      name: name().trim(),
      ...(confirmSameName ? { confirmSameName: true } : {}),
    })
    if (r.ok) {
      setLink(r.value)
      setName('')
      v.reset()
    } else if (r.error.code === 'same-name') setSameName(name().trim())
    else v.refuse(failureText(t(), r.error), 'invite-name')
  }
  const copy = async () => {
    const l = link()
    if (!l) return
    try {
      await navigator.clipboard.writeText(l.url)
      announce(t().invite.copied)
    } catch {
      // Clipboard refused (not a secure context, say): the link is selectable in the field.
    }
  }
  return (
    <section class="side-section invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading" class="heading-s">
        {t().invite.heading}
      </h2>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <ErrorSummary v={v} id="invite-errors" />
        <div class="form-group" classList={{ 'form-group--error': !!v.of('invite-name') }}>
          <label class="label" for="invite-name">
            {t().invite.name}
          </label>
          <FieldErrorText id="invite-name" message={v.of('invite-name')} />
          <input
            id="invite-name"
            class="input"
            aria-invalid={v.of('invite-name') ? 'true' : undefined}
            aria-describedby={v.of('invite-name') ? 'invite-name-error' : undefined}
            maxlength="80"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="form-group">
          <label class="label" for="invite-role">
            {t().invite.role}
          </label>
          <select
            id="invite-role"
            class="select"
            value={role()}
            onChange={(e) => setRole(e.currentTarget.value)}
          >
            <For each={['inspector', 'reviewer', 'lead']}>
              {(r) => <option value={r}>{t().roles[r]}</option>}
            </For>
          </select>
        </div>

        <Show when={sameName()}>
          {(n) => (
            <div class="warning-text" role="alert">
              <p>{t().invite.sameName(n())}</p>
              <button type="button" class="button button--secondary" onClick={() => void submit(null, true)}>
                {t().invite.inviteAnyway}
              </button>
            </div>
          )}
        </Show>
        <button type="submit" class="button button--secondary">
          {t().invite.submit}
        </button>
      </form>
      <Show when={link()}>
        {(l) => (
          <div class="form-group invite__link">
            <label class="label" for="invite-link">
              {t().invite.link} ({l().name}, {t().roles[l().role]})
            </label>
            <p class="hint" id="invite-link-hint">
              {t().invite.linkHint(t().common.dateTime(l().expiresAt))}
            </p>
            <input
              id="invite-link"
              class="input"
              readonly
              value={l().url}
              aria-describedby="invite-link-hint"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" class="button button--secondary" onClick={() => void copy()}>
              {t().invite.copy}
            </button>
          </div>
        )}
      </Show>
    </section>
  )
}
