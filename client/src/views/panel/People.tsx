// The panel's people: who is invited and who joined, with role, online now and last seen. The lead
// revokes invitations, removes members and re-issues a member's sign-in link from here (same account,
// no duplicate person); everyone can set the name the panel shows for them.
import { createEffect, createResource, createSignal, For, on, onCleanup, Show, type Accessor } from 'solid-js'
import type { InviteState, MemberState } from '../../../../shared/panel/types.ts'
import type { LogEntry } from '../../../../shared/ydoc/layout.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { api, failureText } from '../../lib/http.ts'
import { usePanel } from './panel-context.ts'

interface MembersAnswer {
  members: (MemberState & { online: boolean; lastSeenAt: string | null })[]
  invites: InviteState[]
}

const REFRESH_MS = 30_000

export function People(props: { log: Accessor<LogEntry[]> }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const path = `/api/panels/${encodeURIComponent(p.id)}`
  const [answer, { refetch }] = createResource(async () => {
    const r = await api<MembersAnswer>('GET', `${path}/members`)
    return r.ok ? r.value : null
  })
  // Membership changes arrive as log entries; presence is refreshed now and then.
  createEffect(
    on(
      () => props.log().filter((e) => e.type.startsWith('member.') || e.type === 'invite.revoked').length,
      () => void refetch(),
      { defer: true },
    ),
  )
  const timer = setInterval(() => void refetch(), REFRESH_MS)
  onCleanup(() => clearInterval(timer))

  const [error, setError] = createSignal<string | null>(null)
  const [link, setLink] = createSignal<{ name: string; url: string } | null>(null)
  const act = async (method: string, route: string, done: string) => {
    setError(null)
    const r = await api<{ url?: string; name?: string }>(method, route)
    if (!r.ok) return setError(failureText(t(), r.error))
    if (r.value.url) setLink({ name: r.value.name ?? '', url: r.value.url })
    announce(done)
    void refetch()
  }
  const members = () => (answer()?.members ?? []).filter((m) => !m.removedAt)
  const pending = () => (answer()?.invites ?? []).filter((i) => i.status === 'pending')
  const isMe = (id: string) => id === p.me.accountId

  return (
    <section class="side-section people" aria-labelledby="people-heading">
      <h2 id="people-heading" class="heading-s">
        {t().people.heading}
      </h2>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      <ul class="people__list">
        <For each={members()}>
          {(m) => (
            <li class="people__member">
              <span class="people__name">
                {m.name}
                {isMe(m.accountId) ? ` (${t().people.you})` : ''}
              </span>{' '}
              <span class="hint">
                {t().roles[m.role]} ·{' '}
                {m.online
                  ? `● ${t().people.online}`
                  : m.lastSeenAt
                    ? t().people.lastSeen(t().common.dateTime(m.lastSeenAt))
                    : m.joinedAt
                      ? t().people.joined
                      : t().people.notSeen}
              </span>
              <Show when={p.isLead() && !isMe(m.accountId)}>
                <span class="people__actions">
                  <button
                    type="button"
                    class="button button--secondary button--small"
                    onClick={() =>
                      void act(
                        'POST',
                        `${path}/members/${encodeURIComponent(m.accountId)}/sign-in-link`,
                        t().people.linkMade(m.name),
                      )
                    }
                  >
                    {t().people.reissue}
                    <span class="visually-hidden"> {m.name}</span>
                  </button>
                  <button
                    type="button"
                    class="button button--warning button--small"
                    onClick={() => {
                      if (confirm(t().people.confirmRemove(m.name)))
                        void act(
                          'DELETE',
                          `${path}/members/${encodeURIComponent(m.accountId)}`,
                          t().people.removed(m.name),
                        )
                    }}
                  >
                    {t().people.remove}
                    <span class="visually-hidden"> {m.name}</span>
                  </button>
                </span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={pending().length}>
        <h3 class="heading-xs">{t().people.invited}</h3>
        <ul class="people__list">
          <For each={pending()}>
            {(i) => (
              <li>
                {i.name}{' '}
                <span class="hint">
                  {t().roles[i.role]} · {t().people.expires(t().common.dateTime(i.expiresAt))}
                </span>
                <Show when={p.isLead()}>
                  <button
                    type="button"
                    class="button button--secondary button--small"
                    onClick={() =>
                      void act(
                        'DELETE',
                        `${path}/invites/${encodeURIComponent(i.inviteId)}`,
                        t().people.revoked(i.name),
                      )
                    }
                  >
                    {t().people.revoke}
                    <span class="visually-hidden"> {i.name}</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={link()}>
        {(l) => (
          <div class="form-group">
            <label class="label" for="people-link">
              {t().people.linkFor(l().name)}
            </label>
            <input
              id="people-link"
              class="input"
              readonly
              value={l().url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
      </Show>
      <MyName />
    </section>
  )
}

/** The name the panel shows for me (new events carry it; those already logged keep theirs). */
function MyName() {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const [name, setName] = createSignal(p.me.name)
  const [error, setError] = createSignal<string | null>(null)
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    const r = await api('PATCH', '/api/me', { name: name().trim() })
    if (r.ok) announce(t().people.nameSaved)
    else setError(failureText(t(), r.error))
  }
  return (
    <form class="people__me" onSubmit={(e) => void save(e)}>
      <label class="label" for="my-name">
        {t().people.myName}
      </label>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      <input
        id="my-name"
        class="input"
        required
        maxlength="80"
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <button type="submit" class="button button--secondary button--small">
        {t().people.saveName}
      </button>
    </form>
  )
}
