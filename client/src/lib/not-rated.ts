// Why a standard or the overall has no rating, in the reader's language (the engine's English reasons are for the CLI).
import type { AreaResult, OverallResult, StandardResult } from '../../../shared/engine/types.ts'
import type { Messages } from '../i18n/en.ts'

export const standardNotRated = (t: Messages, s: Pick<StandardResult, 'kind'>): string =>
  s.kind === 'judged' ? t.reasons.judged : t.reasons.noQuestion

/** `by` is absent in results made before frameworks could give the overall by judgement. */
export const overallNotRated = (
  t: Messages,
  o: Pick<OverallResult, 'unratedStandards'> & { by?: OverallResult['by'] },
): string =>
  o.by === 'judgement'
    ? t.reasons.overallJudgement
    : o.unratedStandards.length
      ? t.reasons.unrated(o.unratedStandards.length, o.unratedStandards.join(', '))
      : t.reasons.noOverall

export const areaNotRated = (t: Messages, a: Pick<AreaResult, 'rule'>): string =>
  a.rule === 'judgement' ? t.reasons.areaJudgement : t.reasons.areaNone
