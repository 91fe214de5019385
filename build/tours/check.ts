/**
 * `npm run tours:check [-- --base-url http://staging.example/ --tour <id> --tours dist/tours.json]`
 *
 * Replays every tour in Chromium against a site, the way a citizen would: starts it with
 * `startTour(id)`, then for each step checks that its target is found (reporting every
 * locator that no longer matches, so a redesign is caught before citizens meet it), does
 * the step with the tour's `try` hint, and waits for the tour to move on, across page loads.
 * Without `--base-url` it serves the demo portal itself on a free port (build first).
 * Exit code: 0 all tours pass, 1 a step broke, 2 bad command line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator as PwLocator, type Page } from '@playwright/test';
import type { Tour, TourCatalog, TourStep } from '../../src/tours/format.js';
import { describeLocator } from '../../src/tours/describe.js';
import { startPathOf } from '../../src/tours/url-pattern.js';
import { missingHint, playwrightQuery, robotPlan, type RobotAction } from './replay-plan.js';

const STEP_TIMEOUT_MS = 15_000;

interface StepEvent {
  type: string;
  tourId: string;
  stepId?: string;
  index?: number;
  hasTarget?: boolean;
}

export interface TourReport {
  id: string;
  ok: boolean;
  steps: number;
  problems: string[];
  warnings: string[];
}

/**
 * Replays one tour in a fresh browser context (its own sessionStorage). `prepare` may set the
 * context up first (tests serve a modified catalog through it).
 */
export async function replayTour(
  browser: Browser,
  baseUrl: string,
  tour: Tour,
  prepare: (context: BrowserContext) => Promise<void> = async () => {},
): Promise<TourReport> {
  const report: TourReport = { id: tour.id, ok: false, steps: 0, problems: [], warnings: [] };
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  await prepare(context);
  const page = await context.newPage();
  const events: StepEvent[] = [];
  await page.exposeFunction('__dvcTourCheck', (event: StepEvent) => events.push(event));
  await page.addInitScript(() => {
    for (const type of ['dvc-tour-start', 'dvc-tour-step', 'dvc-tour-complete', 'dvc-tour-abandon']) {
      document.addEventListener(type, (event) => {
        const detail = (event as CustomEvent).detail as { tourId: string; stepId?: string; index?: number; target?: Element | null };
        (window as unknown as { __dvcTourCheck(e: unknown): void }).__dvcTourCheck({
          type,
          tourId: detail.tourId,
          stepId: detail.stepId,
          index: detail.index,
          hasTarget: detail.target ? true : false,
        });
      });
    }
  });
  page.on('pageerror', (error) => report.problems.push(`page error: ${error.message}`));
  try {
    await page.goto(new URL(startPathOf(tour.start) ?? '/', baseUrl).href);
    await page.waitForFunction(() => customElements.get('dvc-assistant') !== undefined && !!document.querySelector('dvc-assistant'));
    await page.evaluate((id) => document.querySelector('dvc-assistant')!.startTour(id), tour.id);
    for (const [index, step] of tour.steps.entries()) {
      const shown = await waitForEvent(events, (e) => e.type === 'dvc-tour-step' && e.index === index);
      if (!shown) {
        const last = events.at(-1);
        report.problems.push(`step ${index + 1} "${step.id}" (${step.url}) was never shown on ${page.url()}; last event: ${last ? `${last.type} ${last.stepId ?? ''}` : 'none'}`);
        return report;
      }
      const target = await checkLocators(page, step, index, report);
      if (step.target && !shown.hasTarget) {
        report.problems.push(`step ${index + 1} "${step.id}": the widget found no target on ${new URL(page.url()).pathname}`);
        return report;
      }
      const hint = missingHint(step);
      if (hint) {
        report.problems.push(hint);
        return report;
      }
      await perform(page, step, target);
      report.steps = index + 1;
      const last = index === tour.steps.length - 1;
      const moved = await waitForEvent(events, (e) =>
        last ? e.type === 'dvc-tour-complete' : e.type === 'dvc-tour-step' && (e.index ?? -1) > index,
      );
      if (!moved) {
        report.problems.push(`step ${index + 1} "${step.id}": did not complete after ${describeActions(step)} (rule: complete on ${step.complete.on})`);
        return report;
      }
      if (!last && moved.index !== index + 1) report.warnings.push(`step ${index + 1} "${step.id}": the tour skipped to step ${moved.index! + 1}`);
    }
    report.ok = report.problems.length === 0;
    return report;
  } catch (error) {
    report.problems.push(`replay failed: ${(error as Error).message.split('\n')[0]}`);
    return report;
  } finally {
    await context.close();
  }
}

/** Tries every locator of a step; each one that finds nothing is a warning (a fallback is holding). */
async function checkLocators(page: Page, step: TourStep, index: number, report: TourReport): Promise<PwLocator | null> {
  if (!step.target) return null;
  let found: PwLocator | null = null;
  const failed: string[] = [];
  for (const locator of step.target) {
    const query = playwrightQuery(locator);
    const candidate =
      'css' in query
        ? page.locator(query.css)
        : 'role' in query
          ? page.getByRole(query.role as Parameters<Page['getByRole']>[0], { name: query.name, exact: true })
          : 'label' in query
            ? page.getByLabel(query.label)
            : page.getByText(query.text, { exact: true });
    const visible = candidate.filter({ visible: true });
    if ((await visible.count()) > 0) found ??= visible.first();
    else failed.push(describeLocator(locator));
  }
  if (!found) {
    report.problems.push(`step ${index + 1} "${step.id}": no locator matches on ${new URL(page.url()).pathname}: ${failed.join('; ')}`);
  } else if (failed.length) {
    report.warnings.push(`step ${index + 1} "${step.id}": locator(s) no longer match: ${failed.join('; ')}`);
  }
  return found;
}

async function perform(page: Page, step: TourStep, target: PwLocator | null): Promise<void> {
  const { actions, pressNext } = robotPlan(step);
  for (const action of actions) {
    if (!target) break;
    await act(target, action);
  }
  if (pressNext) await page.locator('dvc-assistant').locator('[part="tour-next"]').click();
}

async function act(target: PwLocator, action: RobotAction): Promise<void> {
  const tag = await target.evaluate((el) => el.localName);
  switch (action.kind) {
    case 'fill':
      await target.fill(action.value);
      await target.press('Tab'); // leaving the field fires `change`, as a citizen's would
      return;
    case 'select':
      if (tag === 'select') await target.selectOption(action.value);
      else await target.locator(`input[value="${action.value.replace(/"/g, '\\"')}"]`).check();
      return;
    case 'check':
      await target.check();
      return;
    case 'file':
      await target.setInputFiles({ name: action.name, mimeType: action.name.endsWith('.pdf') ? 'application/pdf' : 'image/png', buffer: Buffer.from('%PDF-1.4\n% dvc tours:check\n') });
      return;
    case 'click':
      await target.click();
      return;
    case 'none':
      return;
  }
}

function describeActions(step: TourStep): string {
  const { actions, pressNext } = robotPlan(step);
  const words: string[] = actions.map((a) => a.kind);
  if (pressNext) words.push('next');
  return words.join(' + ') || 'nothing';
}

async function waitForEvent(events: StepEvent[], match: (e: StepEvent) => boolean): Promise<StepEvent | null> {
  const from = events.length;
  const started = Date.now();
  // Events that arrived since the last wait count too (a fast page may beat us).
  for (;;) {
    const hit = events.slice(Math.max(0, from - 3)).find(match);
    if (hit) return hit;
    if (Date.now() - started > STEP_TIMEOUT_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Args {
  baseUrl?: string;
  tour?: string;
  tours: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { tours: path.join('dist', 'tours.json') };
  for (let i = 0; i < argv.length; i += 2) {
    const [option, value] = [argv[i], argv[i + 1]];
    if (value === undefined) return `missing value for ${option}`;
    if (option === '--base-url') args.baseUrl = value;
    else if (option === '--tour') args.tour = value;
    else if (option === '--tours') args.tours = value;
    else return `unknown option ${option}`;
  }
  return args;
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`tours:check: ${args}\nusage: tours:check [--base-url <url>] [--tour <id>] [--tours <tours.json>]`);
    return 2;
  }
  let catalog: TourCatalog;
  try {
    catalog = JSON.parse(readFileSync(args.tours, 'utf8')) as TourCatalog;
  } catch (error) {
    console.error(`tours:check: cannot read ${args.tours} (${(error as Error).message}); run npm run build first`);
    return 1;
  }
  const tours = catalog.tours.filter((tour) => !args.tour || tour.id === args.tour);
  if (!tours.length) {
    console.error(`tours:check: no tour${args.tour ? ` "${args.tour}"` : ''} in ${args.tours}`);
    return 1;
  }
  let server: { url: string; close(): Promise<void> } | null = null;
  let baseUrl = args.baseUrl;
  if (!baseUrl) {
    const { startServer } = await import('../../demo/server/server.js');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'test-results/tours-check-data' });
    baseUrl = server.url;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
  let failed = 0;
  try {
    for (const tour of tours) {
      const started = performance.now();
      const report = await replayTour(browser, baseUrl, tour);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${report.ok ? '✔' : '✘'} ${tour.id}: ${report.steps}/${tour.steps.length} steps (${seconds} s)`);
      for (const warning of report.warnings) console.log(`    warning: ${warning}`);
      for (const problem of report.problems) console.log(`    ${problem}`);
      if (!report.ok) failed++;
    }
  } finally {
    await browser.close();
    await server?.close();
  }
  console.log(failed ? `tours:check: ${failed} of ${tours.length} tours broken on ${baseUrl}` : `tours:check: all ${tours.length} tours pass on ${baseUrl}`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
