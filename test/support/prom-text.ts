// A strict parser of the Prometheus text exposition format (version 0.0.4), for tests that scrape
// /metrics: it throws, naming the line, on anything a Prometheus server would reject or that the format
// forbids (a sample before its TYPE, a repeated series, bad escapes, histograms that do not add up).
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface Family {
  name: string
  type: MetricType
  help: string
  samples: Sample[]
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
const SUFFIXES: Record<MetricType, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
}

function parseValue(text: string, where: string): number {
  if (text === '+Inf') return Infinity
  if (text === '-Inf') return -Infinity
  if (text === 'NaN') return NaN
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`${where}: not a number: ${text}`)
  return Number(text)
}

/** `{a="x",b="y\"z"}` → labels, from position i of line; returns the labels and the position after `}`. */
function parseLabels(line: string, i: number, where: string): [Record<string, string>, number] {
  const labels: Record<string, string> = {}
  i++ // past {
  while (line[i] !== '}') {
    const eq = line.indexOf('=', i)
    if (eq === -1) throw new Error(`${where}: label without =`)
    const name = line.slice(i, eq)
    if (!LABEL.test(name)) throw new Error(`${where}: bad label name ${name}`)
    if (name in labels) throw new Error(`${where}: label ${name} twice`)
    if (line[eq + 1] !== '"') throw new Error(`${where}: label value not quoted`)
    let value = ''
    let j = eq + 2
    for (; j < line.length && line[j] !== '"'; j++) {
      if (line[j] !== '\\') {
        value += line[j]
        continue
      }
      const next = line[++j]
      if (next === 'n') value += '\n'
      else if (next === '\\' || next === '"') value += next
      else throw new Error(`${where}: bad escape \\${next ?? ''}`)
    }
    if (line[j] !== '"') throw new Error(`${where}: unterminated label value`)
    labels[name] = value
    i = j + 1
    if (line[i] === ',') i++
    else if (line[i] !== '}') throw new Error(`${where}: expected , or } after a label`)
  }
  return [labels, i + 1]
}

function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  for (const [base, f] of families) if (SUFFIXES[f.type].some((s) => base + s === name)) return f
  return undefined
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>()
  const seen = new Set<string>()
  if (text.length && !text.endsWith('\n')) throw new Error('the exposition must end with a newline')
  text.split('\n').forEach((line, n) => {
    const where = `line ${n + 1}`
    if (line === '') return
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line)
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string]
      if (!NAME.test(name)) throw new Error(`${where}: bad metric name ${name}`)
      const f = families.get(name) ?? { name, type: 'untyped' as MetricType, help: '', samples: [] }
      if (f.samples.length) throw new Error(`${where}: ${kind} for ${name} after its samples`)
      if (kind === 'TYPE') {
        if (!TYPES.has(rest as MetricType)) throw new Error(`${where}: unknown type ${rest}`)
        f.type = rest as MetricType
      } else f.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\')
      families.set(name, f)
      return
    }
    if (line.startsWith('#')) return
    const nameEnd = line.search(/[{ ]/)
    if (nameEnd <= 0) throw new Error(`${where}: not a sample: ${line}`)
    const name = line.slice(0, nameEnd)
    if (!NAME.test(name)) throw new Error(`${where}: bad metric name ${name}`)
    const [labels, i] = line[nameEnd] === '{' ? parseLabels(line, nameEnd, where) : [{}, nameEnd]
    if (line[i] !== ' ') throw new Error(`${where}: expected a space before the value`)
    const parts = line.slice(i + 1).split(' ')
    if (parts.length > 2) throw new Error(`${where}: too many fields`)
    const value = parseValue(parts[0]!, where)
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`${where}: bad timestamp`)
    const f = familyOf(name, families)
    if (!f) throw new Error(`${where}: sample ${name} has no TYPE before it`)
    const key = name + JSON.stringify(Object.entries(labels).sort())
    if (seen.has(key)) throw new Error(`${where}: series ${key} twice`)
    seen.add(key)
    if (f.type === 'counter' && !(value >= 0)) throw new Error(`${where}: counter ${name} is ${value}`)
    f.samples.push({ name, labels, value })
  })
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f)
  return families
}

/** Buckets per series are cumulative, end at +Inf, and +Inf equals _count. */
function checkHistogram(f: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>()
  for (const s of f.samples) {
    const { le, ...rest } = s.labels
    const key = JSON.stringify(Object.entries(rest).sort())
    const h = series.get(key) ?? { buckets: [] }
    if (s.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${f.name}: bucket without le`)
      h.buckets.push([parseValue(le, f.name), s.value])
    } else if (s.name.endsWith('_count')) h.count = s.value
    else h.sum = s.value
    series.set(key, h)
  }
  for (const [key, h] of series) {
    const last = h.buckets.at(-1)
    if (!last || last[0] !== Infinity) throw new Error(`${f.name}${key}: no +Inf bucket`)
    if (h.count === undefined || h.sum === undefined)
      throw new Error(`${f.name}${key}: _sum or _count missing`)
    if (last[1] !== h.count) throw new Error(`${f.name}${key}: +Inf bucket ${last[1]} != count ${h.count}`)
    for (let k = 1; k < h.buckets.length; k++)
      if (h.buckets[k]![0] <= h.buckets[k - 1]![0] || h.buckets[k]![1] < h.buckets[k - 1]![1])
        throw new Error(`${f.name}${key}: buckets not increasing at le=${h.buckets[k]![0]}`)
  }
}

/** The value of one series; labels must match exactly (excluding none). Undefined when absent. */
export function valueOf(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const f = familyOf(name, families)
  const want = JSON.stringify(Object.entries(labels).sort())
  return f?.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want)
    ?.value
}
