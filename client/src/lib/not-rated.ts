// Why a standard or the overall has no rating, in the reader's language (the engine's English reasons are for the CLI).
import type { OverallResult, StandardResult } from '../../../shared/engine/types.ts'
import type { Messages } from '../i18n/en.ts'

export const standardNotRated = (t: Messages, s: Pick<StandardResult, 'kind'>): string =>
  s.kind === 'judged' ? t.reasons.judged : t.reasons.noQuestion

export const overallNotRated = (t: Messages, o: Pick<OverallResult, 'unratedStandards'>): string =>
  o.unratedStandards.length
    ? t.reasons.unrated(o.unratedStandards.length, o.unratedStandards.join(', '))
    : t.reasons.noOverall
