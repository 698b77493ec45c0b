// `npm run rate -- FILE [--decisions FILE]`: rates an inspection file and prints the result as JSON.

// Exit 0 with JSON on stdout; exit 2 with every problem named (file, path or row and column) on stderr.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { applyDecisions } from '../../shared/engine/decisions.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import type { FinalStandardResult, OverallResult, StandardResult } from '../../shared/engine/types.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import type { Problem } from '../../shared/result.ts'
import { loadDecisionsFile, loadInspectionFile } from './load.ts'

export const USAGE = 'usage: npm run rate -- FILE [--decisions FILE]'

export interface RunOutput {
  code: 0 | 2
  stdout: string
  stderr: string
}

const failed = (lines: string[]): RunOutput => ({
  code: 2,
  stdout: '',
  stderr: lines.map((l) => `rate: ${l}\n`).join(''),
})
const named = (problems: Problem[]) => problems.map((p) => `${p.where}: ${p.message}`)

function parseArgs(args: string[]): { file: string; decisions?: string } | { problem: string } {
  let file: string | undefined
  let decisions: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--decisions' || a.startsWith('--decisions=')) {
      const value = a === '--decisions' ? args[++i] : a.slice('--decisions='.length)
      if (!value) return { problem: '--decisions needs a file' }
      if (decisions) return { problem: 'one decisions file at a time' }
      decisions = value
    } else if (a.startsWith('-') && a !== '-') return { problem: `unknown option ${a}` }
    else if (file) return { problem: `one inspection file at a time (got ${file} and ${a})` }
    else file = a
  }
  if (!file) return { problem: 'name the inspection file to rate' }
  return decisions ? { file, decisions } : { file }
}

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
  keyQuestions: s.keyQuestions.map((k) => ({
    id: k.id,
    source: k.source,
    yes: k.yes,
    assessed: k.assessed,
    shown: k.shown,
    band: k.band,
    roundingChangesBand: k.roundingChangesBand,
  })),
  flips: s.flips,
})

const overallJson = (o: OverallResult) => ({
  score: o.score,
  max: o.max,
  rating: o.rating,
  toNextUp: o.toNextUp,
  toNextDown: o.toNextDown,
  notRatedReason: o.notRatedReason,
})

/** The whole command, without touching the process: arguments in, exit code and output out. */
export function runRate(args: string[]): RunOutput {
  if (args.includes('--help') || args.includes('-h')) return { code: 0, stdout: `${USAGE}\n`, stderr: '' }
  const parsed = parseArgs(args)
  if ('problem' in parsed) return failed([parsed.problem, USAGE])

  const inspection = loadInspectionFile(parsed.file)
  if (!inspection.ok) return failed(named(inspection.error))
  // loadInspectionFile has checked the framework exists.
  const framework = findFramework(inspection.value.framework)!
  const rating = rateInspection(framework, inspection.value)
  const head = { framework: framework.id, provisional: framework.provisional, service: rating.service }

  let out: object
  if (parsed.decisions) {
    const decisions = loadDecisionsFile(parsed.decisions)
    if (!decisions.ok) return failed(named(decisions.error))
    const final = applyDecisions(framework, rating, decisions.value)
    const where = path.basename(parsed.decisions)
    if (!final.ok) return failed(final.error.map((e) => `${where}: decisions.${e.standardId}: ${e.message}`))
    out = {
      ...head,
      standards: final.value.standards.map(standardJson),
      overall: overallJson(final.value.overall),
      rulesBasedOverall: overallJson(final.value.rulesBasedOverall),
    }
  } else
    out = { ...head, standards: rating.standards.map(standardJson), overall: overallJson(rating.overall) }
  return { code: 0, stdout: JSON.stringify(out, null, 2) + '\n', stderr: '' }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { code, stdout, stderr } = runRate(process.argv.slice(2))
  process.stdout.write(stdout)
  process.stderr.write(stderr)
  process.exitCode = code
}
