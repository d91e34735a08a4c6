import type { Page } from 'playwright-core';

// axe-core run in the page as it is now; the page's context must bypass the strict CSP
// (newContext({ bypassCSP: true })) for the script to be injected.

const AXE = require.resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's violations as readable lines (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  })) as Violation[];
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
