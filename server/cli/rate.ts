// `npm run rate -- FILE [--decisions FILE]`: rates an inspection file and prints the result as JSON.
// Exit 0 with JSON on stdout; exit 2 with the problem named on stderr.
import { findFramework } from '../../shared/framework/builtin.ts'
import { applyDecisions } from '../../shared/engine/decisions.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import type { FinalStandardResult, RatingResult, StandardResult } from '../../shared/engine/types.ts'
import type { Problem } from '../../shared/result.ts'
import { loadDecisionsFile, loadInspectionFile } from './load.ts'

function fail(lines: string[]): never {
  process.stderr.write(lines.map((l) => `rate: ${l}`).join('\n') + '\n')
  process.exit(2)
}
const named = (problems: Problem[]) => problems.map((p) => `${p.where}: ${p.message}`)

const args = process.argv.slice(2)
let file: string | undefined
let decisionsFile: string | undefined
for (let i = 0; i < args.length; i++) {
  const a = args[i]!
  if (a === '--decisions') {
    decisionsFile = args[++i]
    if (!decisionsFile) fail(['--decisions needs a file'])
  } else if (a.startsWith('--')) fail([`unknown option ${a}`, 'usage: npm run rate -- FILE [--decisions FILE]'])
  else if (file) fail([`one inspection file at a time (got ${file} and ${a})`])
  else file = a
}
if (!file) fail(['usage: npm run rate -- FILE [--decisions FILE]'])

const inspection = loadInspectionFile(file)
if (!inspection.ok) fail(named(inspection.error))
const framework = findFramework(inspection.value.framework)!
const rating: RatingResult = rateInspection(framework, inspection.value)

const standardJson = (s: StandardResult | FinalStandardResult) => ({
  id: s.id,
  title: s.title,
  domain: s.domainId,
  kind: s.kind,
  rating: s.rating,
  ...('rulesBased' in s ? { rulesBased: s.rulesBased, footnote: s.footnote } : {}),
  scored: s.scored,
  points: s.points,
  notRatedReason: s.notRatedReason,
  triggers: s.triggers,
  drivingQuestion: s.drivingQuestion,
  pointsToNextUp: s.pointsToNextUp,
  pointsAboveLower: s.pointsAboveLower,
  keyQuestions: s.keyQuestions.map((k) => ({ id: k.id, yes: k.yes, assessed: k.assessed, shown: k.shown, band: k.band, roundingChangesBand: k.roundingChangesBand })),
  flips: s.flips,
})

let out: object
if (decisionsFile) {
  const decisions = loadDecisionsFile(decisionsFile)
  if (!decisions.ok) fail(named(decisions.error))
  const final = applyDecisions(framework, rating, decisions.value)
  if (!final.ok) fail(final.error.map((e) => `${decisionsFile}: decisions.${e.standardId}: ${e.message}`))
  out = { framework: framework.id, service: rating.service, standards: final.value.standards.map(standardJson), overall: final.value.overall, rulesBasedOverall: final.value.rulesBasedOverall }
} else out = { framework: framework.id, service: rating.service, standards: rating.standards.map(standardJson), overall: rating.overall }
process.stdout.write(JSON.stringify(out, null, 2) + '\n')
