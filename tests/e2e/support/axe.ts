import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { screenshotDir } from './browser';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe (WCAG 2.x A/AA rules) on the page as it is now and fails on any serious or critical
 * violation, naming each rule and the elements it found. Every run is appended to
 * tmp/e2e/axe.jsonl (page, counts by impact), so a run's totals can be compared with another's.
 * `AXE_REPORT_ONLY=1` records without failing (to count violations before fixing them).
 */
export async function checkAccessibility(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const byImpact: Record<string, number> = {};
  for (const v of results.violations)
    byImpact[v.impact ?? 'unknown'] = (byImpact[v.impact ?? 'unknown'] ?? 0) + 1;
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  mkdirSync(screenshotDir, { recursive: true });
  appendFileSync(
    path.join(screenshotDir, 'axe.jsonl'),
    JSON.stringify({
      label,
      url: new URL(page.url()).pathname,
      byImpact,
      rules: results.violations.map(
        (v) =>
          `${v.impact}:${v.id}(${v.nodes.length}) ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    }) + '\n',
  );
  if (blocking.length === 0 || process.env.AXE_REPORT_ONLY === '1') return;
  const lines = blocking.map(
    (v) =>
      `- ${v.impact} ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ') ?? ''}`)
        .join('\n')}`,
  );
  throw new Error(
    `Accessibility (axe) on ${label}: ${blocking.length} serious/critical rule(s)\n${lines.join('\n')}`,
  );
}
