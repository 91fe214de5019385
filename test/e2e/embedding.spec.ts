import { expect, test, type Page } from '@playwright/test';
import { ASSETS_PORT } from '../../playwright.config.js';
import { PORTAL_PAGES, ask, axeViolations, watch, widget } from './support.js';

/** What a host page could disturb: the launcher's and panel's box and look. */
async function looks(page: Page) {
  const w = widget(page);
  const style = (part: string) =>
    w.host.locator(`[part="${part}"]`).evaluate((el) => {
      const s = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        font: `${s.fontSize} ${s.fontFamily} ${s.fontWeight}`,
        lineHeight: s.lineHeight,
        color: s.color,
        background: s.backgroundColor,
        box: [box.x, box.y, box.width, box.height].map(Math.round),
      };
    });
  const launcher = await style('launcher');
  await w.launcher.click();
  await expect(w.input).toBeVisible();
  await w.host.locator('dvc-assistant-panel').evaluate((el) => Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished)));
  return { launcher, panel: await style('panel'), input: await style('input') };
}

test.describe('embedding on an agency page', () => {
  test('every portal page loads the widget with no console error, CSP violation or axe violation', async ({ page }) => {
    test.setTimeout(120_000); // axe over every whole page
    const problems = await watch(page);
    for (const path of PORTAL_PAGES) {
      await page.goto(path);
      await expect(widget(page).launcher, path).toBeVisible();
      expect(await axeViolations(page), `axe on ${path}`).toEqual([]);
    }
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });

  test('a page that includes the script twice gets one widget and one warning', async ({ page }) => {
    const problems = await watch(page);
    await page.goto('/kiem-thu/hai-lan');
    await expect(widget(page).launcher).toBeVisible();
    await expect(page.locator('dvc-assistant')).toHaveCount(1);
    expect(problems.warnings.filter((w) => w.startsWith('dvc-assistant:'))).toHaveLength(1);
    await ask(page, 'làm giấy khai sinh cho con');
    await expect(widget(page).answers).toHaveCount(1);
    expect(problems.errors).toEqual([]);
  });

  test("a host page's hostile global CSS changes nothing in the widget", async ({ page }) => {
    await page.goto('/');
    const reference = await looks(page);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto('/kiem-thu/css-thu-dich');
    expect(await looks(page)).toEqual(reference);
    // Nothing on that page, however high its z-index, covers the widget.
    const w = widget(page);
    const input = (await w.input.boundingBox())!;
    const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [input.x + 5, input.y + 5]);
    expect(onTop).toBe('DVC-ASSISTANT');
    await ask(page, 'làm giấy khai sinh cho con');
    await expect(w.answers).toHaveCount(1);
  });

  test('served from another origin (a central CDN) it works under a strict CSP with no violation', async ({ page }) => {
    const problems = await watch(page);
    const fromCdn: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).port === String(ASSETS_PORT)) fromCdn.push(new URL(r.url()).pathname);
    });
    await page.goto('/kiem-thu/cdn');
    const reply = await ask(page, 'làm giấy khai sinh cho con');
    await expect(reply.locator('[part="answer"] h3')).toHaveText('Đăng ký khai sinh trực tuyến');
    expect(fromCdn).toEqual(expect.arrayContaining(['/widget/dvc-assistant.js', '/widget/dvc-assistant.app.js', '/widget/corpus.json']));
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
