/**
 * `npm run bench:page`: what the widget costs the host page, measured with web-vitals in
 * Chromium on the demo home page, with and without the widget (`/kiem-thu/khong-widget`):
 * cumulative layout shift through a whole visit (load, open, ask, close), long tasks before
 * any interaction, and the bytes transferred before the citizen shows intent.
 * A benchmark, not a test: it prints a Markdown table and never fails on a number.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Page, type Response } from '@playwright/test';
import { startServer } from '../../demo/server/server.js';

const require = createRequire(import.meta.url);
// The package exports no path to its IIFE build; it sits beside the CommonJS one.
const WEB_VITALS = readFileSync(join(dirname(require.resolve('web-vitals')), 'web-vitals.iife.js'), 'utf8');
const RUNS = Number(process.env.RUNS ?? 5);

interface Visit {
  cls: number;
  longTasks: number;
  bytesBeforeIntent: number;
}

async function visit(page: Page, url: string, withWidget: boolean): Promise<Visit> {
  let bytes = 0;
  const onResponse = async (response: Response) => {
    const sizes = await response.request().sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  };
  page.on('response', onResponse);
  await page.addInitScript(() => {
    (window as unknown as { __longTasks: number }).__longTasks = 0;
    new PerformanceObserver((list) => {
      (window as unknown as { __longTasks: number }).__longTasks += list.getEntries().length;
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(WEB_VITALS); // through the debugging protocol: the page's CSP does not apply
  await page.evaluate(() => {
    const w = window as unknown as { __cls: number; webVitals: { onCLS(cb: (m: { value: number }) => void, o: object): void } };
    w.__cls = 0;
    w.webVitals.onCLS((metric) => (w.__cls = metric.value), { reportAllChanges: true });
  });
  await page.waitForTimeout(1500); // idle: the app chunk loads now
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number }).__longTasks);
  const bytesBeforeIntent = bytes;
  if (withWidget) {
    const host = page.locator('dvc-assistant');
    await host.locator('[part="launcher"]').click();
    await host.locator('[part="input"]').fill('làm giấy khai sinh cho con');
    await host.locator('[part="input"]').press('Enter');
    await host.locator('[part="answer"]').first().waitFor();
    await page.keyboard.press('Escape');
  } else {
    await page.mouse.click(5, 5);
  }
  await page.waitForTimeout(300);
  const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
  page.off('response', onResponse);
  return { cls, longTasks, bytesBeforeIntent };
}

const server = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic'],
});
try {
  const rows: string[] = [];
  for (const [label, path, withWidget] of [
    ['home without the widget', '/kiem-thu/khong-widget', false],
    ['home with the widget', '/', true],
  ] as const) {
    const visits: Visit[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      visits.push(await visit(await context.newPage(), `${server.url}${path}`, withWidget));
      await context.close();
    }
    const max = (key: keyof Visit) => Math.max(...visits.map((v) => v[key]));
    rows.push(`| ${label} | ${max('cls').toFixed(4)} | ${max('longTasks')} | ${max('bytesBeforeIntent')} |`);
  }
  console.log(`Host page cost, worst of ${RUNS} visits (Chromium, 1280×800, loopback):\n`);
  console.log('| page | CLS (web-vitals) | long tasks before interaction | bytes before intent |\n|---|---:|---:|---:|');
  console.log(rows.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
