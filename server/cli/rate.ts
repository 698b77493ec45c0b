// `npm run rate -- FILE [--framework FILE] [--decisions FILE]`: rates an inspection file and prints the result as JSON.
// With --framework the inspection is rated against that framework file (its `framework` id must match) instead of
// a built-in one. For a framework@2 the JSON also has `areas` and `overall.by`; for @1 it is as it always was.

// Exit 0 with JSON on stdout; exit 2 with every problem named (file, path or row and column) on stderr.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { applyDecisions } from '../../shared/engine/decisions.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import type {
  AreaResult,
  FinalStandardResult,
  OverallResult,
  StandardResult,
} from '../../shared/engine/types.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { isFormat2, type Framework } from '../../shared/framework/schema.ts'
import type { Problem } from '../../shared/result.ts'
import { loadDecisionsFile, loadFrameworkFile, loadInspectionFile } from './load.ts'

export const USAGE = 'usage: npm run rate -- FILE [--framework FILE] [--decisions FILE]'

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

interface Args {
  file: string
  decisions?: string
  framework?: string
}

function parseArgs(args: string[]): Args | { problem: string } {
  let file: string | undefined
  const options: { decisions?: string; framework?: string } = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const option = (['decisions', 'framework'] as const).find(
      (o) => a === `--${o}` || a.startsWith(`--${o}=`),
    )
    if (option) {
      const value = a === `--${option}` ? args[++i] : a.slice(`--${option}=`.length)
      if (!value) return { problem: `--${option} needs a file` }
      if (options[option]) return { problem: `one ${option} file at a time` }
      options[option] = value
    } else if (a.startsWith('-') && a !== '-') return { problem: `unknown option ${a}` }
    else if (file) return { problem: `one inspection file at a time (got ${file} and ${a})` }
    else file = a
  }
  if (!file) return { problem: 'name the inspection file to rate' }
  return { file, ...options }
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

const areaJson = (a: AreaResult) => ({
  id: a.id,
  title: a.title,
  rule: a.rule,
  standards: a.standards,
  rating: a.rating,
  notRatedReason: a.notRatedReason,
})

/** `by` is printed for framework@2 only, so @1 output stays as it was. */
const overallJson = (o: OverallResult, v2: boolean) => ({
  ...(v2 ? { by: o.by } : {}),
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

  let given: Framework | undefined
  if (parsed.framework) {
    const f = loadFrameworkFile(parsed.framework)
    if (!f.ok) return failed(named(f.error))
    given = f.value
  }
  const lookup = given ? (id: string) => (id === given.id ? given : undefined) : findFramework
  const inspection = loadInspectionFile(parsed.file, lookup)
  if (!inspection.ok) {
    // An unknown framework: without --framework, say how to give one; with it, the ids do not match.
    const isUnknown = (p: Problem) =>
      p.where.endsWith('framework') && p.message.startsWith('unknown framework')
    const mismatch = (p: Problem): Problem =>
      !isUnknown(p)
        ? p
        : !given
          ? { ...p, message: `${p.message}: not a built-in framework; name its file with --framework FILE` }
          : {
              ...p,
              message: `${p.message.slice('unknown '.length)} does not match --framework ${path.basename(parsed.framework!)}, which is "${given.id}"`,
            }
    return failed(named(inspection.error.map(mismatch)))
  }
  // loadInspectionFile has checked the framework exists.
  const framework = lookup(inspection.value.framework)!
  const rating = rateInspection(framework, inspection.value)
  const v2 = isFormat2(framework)
  const head = { framework: framework.id, provisional: framework.provisional, service: rating.service }
  const areas = (a: AreaResult[]) => (v2 ? { areas: a.map(areaJson) } : {})

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
      ...areas(final.value.areas),
      overall: overallJson(final.value.overall, v2),
      rulesBasedOverall: overallJson(final.value.rulesBasedOverall, v2),
    }
  } else
    out = {
      ...head,
      standards: rating.standards.map(standardJson),
      ...areas(rating.areas),
      overall: overallJson(rating.overall, v2),
    }
  return { code: 0, stdout: JSON.stringify(out, null, 2) + '\n', stderr: '' }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { code, stdout, stderr } = runRate(process.argv.slice(2))
  process.stdout.write(stdout)
  process.stderr.write(stderr)
  process.exitCode = code
}
