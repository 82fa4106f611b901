import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it stands (WCAG 2.x A and AA rules and best practices).
 * Injected through the DevTools protocol, which the page's CSP (script-src 'self') does not govern,
 * so the page is checked with the same policy it is served with.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run()).violations);
  return violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}
