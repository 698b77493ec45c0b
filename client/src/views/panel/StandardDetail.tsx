// One standard in depth: its questions and cases, which single answer would move it, proposals, votes, decisions and notes.
import { For, Show } from 'solid-js'
import type { KeyQuestionResult, StandardResult } from '../../../../shared/engine/types.ts'
import { writeFocus } from '../../../../shared/ydoc/layout.ts'
import { OutcomeView } from '../../components/Outcome.tsx'
import { TriggerText } from '../../components/RatingTable.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { hasTriggers } from '../../lib/describe.ts'
import { standardNotRated } from '../../lib/not-rated.ts'
import { Link } from '../../lib/router.tsx'
import { createDraft } from '../../stores/workspace-store.ts'
import { KeyQuestionRow } from './KeyQuestionRow.tsx'
import { usePanel } from './panel-context.ts'
import { ProposalView } from './ProposalView.tsx'
import { ProposeForm } from './ProposeForm.tsx'
import { SharedTextarea } from './SharedTextarea.tsx'

export function StandardDetail(props: { standardId: string }) {
  const t = useT()
  const p = usePanel()
  const s = () => p.state.rating.standards.find((x) => x.id === props.standardId) ?? null
  return (
    <Show
      when={s()}
      fallback={
        <section class="standard-detail">
          <h2 data-route-focus>{t().common.pageNotFound}</h2>
          <Link href={p.boardHref}>{t().standard.backToBoard}</Link>
        </section>
      }
    >
      {(std) => <Detail standard={std()} />}
    </Show>
  )
}

function Detail(props: { standard: StandardResult }) {
  const t = useT()
  const labels = useLabels()
  const p = usePanel()
  const announce = useAnnounce()
  const s = () => props.standard
  const proposals = () =>
    p.state.proposalOrder.map((id) => p.state.proposals[id]!).filter((x) => x.standardId === s().id)
  const notes = createDraft(p.workspace, 'note', () => s().id)
  const bringEveryone = () => {
    writeFocus(p.workspace(), { standardId: s().id, by: p.me.accountId, at: new Date().toISOString() })
    announce(t().focus.brought(s().id))
  }
  return (
    <section class="standard-detail" aria-labelledby="standard-detail-heading">
      <p class="standard-detail__back">
        <Link href={p.boardHref}>← {t().standard.backToBoard}</Link>
      </p>
      <h2 id="standard-detail-heading" data-route-focus>
        {s().id} {labels.standard(s().id, s().title)}
      </h2>
      <Show when={p.outcomes()[s().id]}>
        {(o) => (
          <div class="standard-detail__rating">
            <OutcomeView outcome={o()} footnote="shown" />
          </div>
        )}
      </Show>
      <Show when={p.isLead() && p.canWrite()}>
        <button type="button" class="button button--secondary" onClick={bringEveryone}>
          ◆ {t().focus.bring}
        </button>
      </Show>
      <Show when={hasTriggers(s())} fallback={<p class="hint">{t().standard.noTriggers}</p>}>
        <TriggerText standard={s()} />
      </Show>
      <Show
        when={s().kind === 'cases'}
        fallback={
          <p>
            {s().rating
              ? t().standard.judged(s().rating!)
              : t().standard.notRated(standardNotRated(t(), s()))}
          </p>
        }
      >
        <h3 class="heading-s">{t().standard.questions}</h3>
        <ul class="kq-rows">
          <For each={s().keyQuestions}>
            {(k) => (
              <>
                <KeyQuestionRow kq={k} driving={k.id === s().drivingQuestion} />
                <Cases kq={k} />
              </>
            )}
          </For>
        </ul>
        <Flips standard={s()} />
      </Show>
      <section aria-labelledby="proposals-heading">
        <h3 id="proposals-heading" class="heading-s">
          {t().standard.proposalsHeading}
        </h3>
        <Show when={proposals().length} fallback={<p class="hint">{t().standard.noProposals}</p>}>
          <For each={proposals()}>{(x) => <ProposalView proposal={x} />}</For>
        </Show>
      </section>
      <Show when={p.canWrite() && hasTriggers(s())}>
        <ProposeForm standard={s()} />
      </Show>
      <section aria-labelledby="notes-heading" class="notes">
        <h3 id="notes-heading" class="heading-s">
          {t().standard.notesHeading}
        </h3>
        <SharedTextarea
          id={`notes-${s().id}`}
          label={t().standard.notesLabel(s().id)}
          hint={t().standard.notesHint}
          text={notes}
          typingKey={`note:${s().id}`}
          readOnly={!p.canWrite()}
          rows={3}
        />
      </section>
    </section>
  )
}

function Cases(props: { kq: KeyQuestionResult }) {
  const t = useT()
  return (
    <Show when={props.kq.cases}>
      {(c) => (
        <li class="cases">
          <details>
            <summary>
              {t().kq.cases} — {props.kq.id}
            </summary>
            <dl class="cases__lists">
              <dt>✔ {t().kq.casesYes(c().yes.length)}</dt>
              <dd>{c().yes.join(', ') || '—'}</dd>
              <dt>✘ {t().kq.casesNo(c().no.length)}</dt>
              <dd>{c().no.join(', ') || '—'}</dd>
              <Show when={c().notApplicable.length}>
                <dt>– {t().kq.casesNa(c().notApplicable.length)}</dt>
                <dd>{c().notApplicable.join(', ')}</dd>
              </Show>
            </dl>
          </details>
        </li>
      )}
    </Show>
  )
}

function Flips(props: { standard: StandardResult }) {
  const t = useT()
  const labels = useLabels()
  return (
    <section aria-labelledby="flips-heading" class="flips">
      <h3 id="flips-heading" class="heading-s">
        {t().sensitivity.flipsHeading}
      </h3>
      <Show when={props.standard.flips.length} fallback={<p class="hint">{t().sensitivity.noFlips}</p>}>
        <ul class="flips__list">
          <For each={props.standard.flips}>
            {(f) => (
              <li>
                {f.direction === 'up' ? '▲' : '▼'}{' '}
                {t().sensitivity.flipLine(
                  f.keyQuestion,
                  f.change === 'N->Y' ? t().sensitivity.changeUp : t().sensitivity.changeDown,
                  labels.rating(f.to),
                )}
                <Show when={f.cases?.length}>
                  <br />
                  <span class="hint">{t().sensitivity.flipCases(f.cases!.join(', '))}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
