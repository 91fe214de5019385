import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Every page of the demo portal a citizen can reach (see demo/README.md). */
export const PORTAL_PAGES = [
  '/',
  '/dang-nhap',
  '/dang-nhap/vneid',
  '/tai-khoan',
  '/thu-tuc',
  '/thu-tuc/khai-sinh',
  '/thu-tuc/chi-tiet?ma=can-cuoc',
  '/thu-tuc/khai-sinh/nop',
  '/thu-tuc/khai-sinh/xac-nhan',
  '/thanh-toan',
  '/ho-so/da-nop',
  '/tra-cuu',
  '/cu-tru/tam-tru',
  '/danh-gia',
  '/kiem-thu',
] as const;

export interface PageProblems {
  errors: string[];
  warnings: string[];
  cspViolations: string[];
}

/** Collects console errors, uncaught exceptions and CSP violations from the moment it is called. */
export async function watch(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { errors: [], warnings: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
    if (message.type() === 'warning') problems.warnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
  await page.exposeFunction('__dvcReportViolation', (text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __dvcReportViolation(t: string): void }).__dvcReportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI}`,
      );
    });
  });
  return problems;
}

export function widget(page: Page) {
  const host = page.locator('dvc-assistant');
  return {
    host,
    launcher: host.locator('[part="launcher"]'),
    panel: host.locator('[part="panel"]'),
    input: host.locator('[part="input"]'),
    answers: host.locator('[part="answer"]'),
    messages: host.locator('[part="message"]'),
  };
}

/** Opens the assistant, asks, and waits for the reply to be rendered. */
export async function ask(page: Page, question: string): Promise<Locator> {
  const w = widget(page);
  // The launcher may already have been pressed while the app chunk is still on its way.
  if ((await w.launcher.getAttribute('aria-expanded')) !== 'true') await w.launcher.click();
  await expect(w.panel).toBeVisible();
  const replies = w.host.locator('.msg--assistant[part="message"]');
  const before = await replies.count();
  await w.input.fill(question);
  await w.input.press('Enter');
  await expect(replies).toHaveCount(before + 1);
  return replies.last();
}

/** Which element has focus, seen through shadow roots: `part` or tag of the innermost one. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('part') ?? active?.tagName.toLowerCase() ?? 'none';
  });
}

/** Runs axe-core in the page (evaluated through the debugging protocol, so the page's CSP allows it). */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const context = selector ? { include: [[selector]] } : document;
    const { violations } = await axe.run(context, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, include);
  return result;
}
