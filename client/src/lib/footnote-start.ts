// The starting text offered for a discretion footnote: the framework's own pattern for each trigger that opened the
// standard in the proposal's direction (its language data, as published footnotes word them), filled with the
// standard's figures, then a closing sentence naming the rating. Pure; people edit it before the lead decides.
import type { Direction, StandardResult } from '../../../shared/engine/types.ts'
import {
  fillFootnote,
  footnoteFor,
  labelFor,
  type Labelled,
  type Lang,
} from '../../../shared/framework/labels.ts'
import { nearestBoundaries } from './describe.ts'

export function footnoteStart(
  framework: Labelled,
  lang: Lang,
  s: StandardResult,
  direction: Direction,
  to: string,
  closing: (title: string, rating: string) => string,
): string {
  const title = labelFor(framework, lang, 'standard', s.id)
  const rating = labelFor(framework, lang, 'rating', to)
  const driving = s.keyQuestions.find((k) => k.id === s.drivingQuestion) ?? null
  const sentences: string[] = []
  for (const trigger of s.triggers[direction]) {
    const template = footnoteFor(framework, lang, trigger)
    if (!template) continue
    const flip = trigger === 'one-answer-flip' ? s.flips.find((f) => f.direction === direction) : undefined
    const kq = flip ? (s.keyQuestions.find((k) => k.id === flip.keyQuestion) ?? driving) : driving
    const near = driving ? nearestBoundaries(driving) : null
    const boundary = direction === 'up' ? near?.above : near?.below
    sentences.push(
      fillFootnote(template, {
        standard: s.id,
        title,
        rating,
        rulesBased: s.rating ? labelFor(framework, lang, 'rating', s.rating) : '',
        keyQuestion: kq?.id ?? '',
        score: kq?.shown ?? '',
        boundary: boundary ? `${boundary.boundary}%` : '',
        cases: flip?.cases?.join(', ') ?? '',
        assessed: kq?.assessed !== null && kq?.assessed !== undefined ? String(kq.assessed) : '',
      }),
    )
  }
  // Two triggers often say the same of the same question; each sentence once.
  return [...new Set(sentences), closing(title, rating)].join(' ')
}
