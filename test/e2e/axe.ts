// Accessibility checks in the browser: injects axe-core (a dev dependency, never in the client bundle) into a page
// and fails, naming each violation's rule, impact, help and target selectors, on any WCAG 2.x A or AA violation.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The WCAG 2.0, 2.1 and 2.2 A and AA rule tags. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** Runs axe on the page as it stands (injecting it once per document) and returns the WCAG A/AA violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol rather than added as a <script>: the app's CSP (script-src 'self') rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  return page.evaluate(
    async (tags) => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> }
        }
      ).axe
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }))
    },
    WCAG_TAGS as unknown as string[],
  )
}

/** One readable block per violation: id, impact, help and every target selector. */
export function formatViolations(view: string, violations: AxeViolation[]): string {
  const lines = [`${violations.length} axe violation(s) on ${view}:`]
  for (const v of violations) {
    lines.push(`- ${v.id} [${v.impact ?? 'n/a'}]: ${v.help} (${v.helpUrl})`)
    for (const n of v.nodes)
      lines.push(`    ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')}`)
  }
  return lines.join('\n')
}

/** Fails with every violation listed when axe finds any on the page. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const violations = await axeViolations(page)
  if (process.env.AXE_LOG === '1') console.log(formatViolations(view, violations))
  if (violations.length) throw new Error(formatViolations(view, violations))
}
