// The footnote's starting text: the framework's published pattern per trigger, filled with the standard's figures.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { footnoteStart } from '../../client/src/lib/footnote-start.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'

const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(
  JSON.parse(
    fs.readFileSync(new URL('../fixtures/gloucestershire-2020.inspection.json', import.meta.url), 'utf8'),
  ),
  findFramework,
)
if (!parsed.ok) throw new Error('fixture')
const standards = rateInspection(framework, parsed.value).standards
const std = (id: string) => standards.find((s) => s.id === id)!
const close = (name: string, rating: string) => `Closing ${name} ${rating}.`

describe('footnote starting text', () => {
  it('follows the near-boundary pattern for 2.1 (14 of 23, under 65%)', () => {
    expect(footnoteStart(framework, 'en', std('2.1'), 'up', 'Good', close)).toBe(
      'The score for key question 2.1.3 (61%) was within five per cent of the rating boundary (65%), providing the opportunity to exercise professional discretion. ' +
        'The score for key question 2.1.3 relates to only 23 cases. A change of score in only one case would have made a difference to the score and rating. ' +
        'Closing Assessment Good.',
    )
  })

  it('follows the one-answer pattern for 3.2 (2 of 5), in Welsh with Welsh labels', () => {
    expect(footnoteStart(framework, 'en', std('3.2'), 'up', 'Requires improvement', close)).toBe(
      'The score for key question 3.2.3 relates to only 5 cases. A change of score in only one case would have made a difference to the score and rating. Closing Planning Requires improvement.',
    )
    expect(footnoteStart(framework, 'cy', std('3.2'), 'up', 'Requires improvement', close)).toMatch(
      /^Mae’r sgôr ar gyfer cwestiwn allweddol 3\.2\.3 yn ymwneud â 5 achos yn unig\. .* Closing Cynllunio Angen gwella\.$/,
    )
  })
})
