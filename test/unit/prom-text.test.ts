// The test-side Prometheus text parser accepts what prom-client writes and refuses what the format forbids.
import { Counter, Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { parsePrometheusText, valueOf } from '../support/prom-text.ts'

describe('parsePrometheusText', () => {
  it('reads a registry prom-client wrote: counters with escaped labels, histograms', async () => {
    const registry = new Registry()
    const c = new Counter({ name: 'x_total', help: 'X.', labelNames: ['why'], registers: [registry] })
    c.inc({ why: 'a "quoted"\\ value\nwith a newline' }, 3)
    const h = new Histogram({ name: 'lat_seconds', help: 'L.', buckets: [0.1, 1], registers: [registry] })
    h.observe(0.05)
    h.observe(5)
    const f = parsePrometheusText(await registry.metrics())
    expect(f.get('x_total')?.type).toBe('counter')
    expect(valueOf(f, 'x_total', { why: 'a "quoted"\\ value\nwith a newline' })).toBe(3)
    expect(valueOf(f, 'lat_seconds_bucket', { le: '0.1' })).toBe(1)
    expect(valueOf(f, 'lat_seconds_bucket', { le: '+Inf' })).toBe(2)
    expect(valueOf(f, 'lat_seconds_count')).toBe(2)
  })

  it.each([
    ['a sample without TYPE', 'x 1\n', /no TYPE/],
    ['a repeated series', '# TYPE x gauge\nx 1\nx 2\n', /twice/],
    ['a bad value', '# TYPE x gauge\nx one\n', /not a number/],
    ['a bad escape', '# TYPE x gauge\nx{a="\\t"} 1\n', /bad escape/],
    ['an unquoted label', '# TYPE x gauge\nx{a=1} 1\n', /not quoted/],
    ['a negative counter', '# TYPE x counter\nx -1\n', /counter/],
    ['a missing final newline', '# TYPE x gauge\nx 1', /newline/],
    [
      'buckets that do not add up',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
      /not increasing/,
    ],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', /\+Inf/],
  ])('refuses %s', (_, text, error) => {
    expect(() => parsePrometheusText(text)).toThrow(error)
  })
})
