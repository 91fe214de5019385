import { expect, test } from '@playwright/test';
import { ask, axeViolations, focused, watch, widget } from './support.js';

test.describe('the assistant on the demo portal', () => {
  test('a citizen opens it, asks about birth registration, reads the answer and closes it with Escape', async ({ page }) => {
    const problems = await watch(page);
    await page.goto('/');
    const w = widget(page);
    await expect(w.launcher).toHaveAccessibleName('Hỏi trợ lý');
    await w.launcher.click();
    await expect(w.panel).toBeVisible();
    await expect(w.panel).toHaveAttribute('role', 'dialog');
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);

    const reply = await ask(page, 'làm giấy khai sinh cho con online thế nào');
    await expect(reply.locator('[part="answer"] h3')).toHaveText('Đăng ký khai sinh trực tuyến');
    await expect(reply.locator('ol li').first()).toBeVisible();
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(w.panel).toHaveCount(0);
    expect(await focused(page)).toBe('launcher');
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });

  test('understands a question typed without diacritics', async ({ page }) => {
    await page.goto('/');
    const reply = await ask(page, 'dang ky tam tru cho nguoi thue tro');
    await expect(reply.locator('[part="answer"] h3')).toHaveText('Đăng ký tạm trú trực tuyến');
  });

  test('hands off honestly instead of guessing on an off-topic question', async ({ page }) => {
    await page.goto('/');
    const reply = await ask(page, 'giá vàng hôm nay bao nhiêu');
    await expect(reply).toContainText('chưa có câu trả lời chắc chắn');
    await expect(reply.locator('[part="answer"]')).toHaveCount(0);
  });

  test('works with the keyboard alone', async ({ page }) => {
    await page.goto('/');
    for (let i = 0; i < 120 && (await focused(page)) !== 'launcher'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('launcher');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input');
    await page.keyboard.type('tra cứu hồ sơ đã nộp');
    await page.keyboard.press('Enter');
    const w = widget(page);
    await expect(w.answers.last().locator('h3')).toHaveText('Tra cứu tình trạng hồ sơ');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).not.toBe('input');
    await page.keyboard.press('Escape');
    await expect(w.panel).toHaveCount(0);
    expect(await focused(page)).toBe('launcher');
  });

  test('fills a 360×740 phone screen and keeps the question field visible', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const w = widget(page);
    const launcher = await w.launcher.boundingBox();
    expect(launcher!.width).toBeGreaterThanOrEqual(44);
    expect(launcher!.x + launcher!.width).toBeLessThanOrEqual(360);
    await w.launcher.click();
    await expect(w.panel).toBeVisible();
    expect(await w.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await expect(w.input).toBeInViewport();
    await ask(page, 'đăng nhập bằng vneid');
    await expect(w.answers.last()).toBeVisible();
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);
  });

  test('keeps the conversation across a reload and a page change in the same tab', async ({ page }) => {
    await page.goto('/');
    await ask(page, 'làm căn cước cho con');
    await ask(page, 'làm giấy khai sinh cho con');
    const w = widget(page);
    // That answer offers its guided tour once the tours catalog has arrived.
    await expect(w.answers.last().locator('[part="tour-start"]')).toBeVisible();
    const before = await w.messages.allTextContents();
    await page.reload();
    await expect(w.panel).toBeVisible();
    await expect(w.messages).toHaveText(before);
    // It opens where the conversation left off, at the newest answer.
    await expect(w.answers.last().locator('h3')).toBeInViewport();
    await expect(w.answers.first().locator('h3')).not.toBeInViewport();
    await w.host.locator('[part="close"]').click();
    await w.launcher.click();
    await expect(w.answers.last().locator('h3')).toBeInViewport();
    await page.goto('/tra-cuu');
    await expect(w.messages).toHaveText(before);
    await w.host.locator('[part="clear"]').click();
    await expect(w.messages).toHaveCount(0);
    await page.reload();
    await expect(w.messages).toHaveCount(0);
  });

  test('downloads nothing of the engine before the citizen shows intent, and never calls the API at load', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/');
    await page.waitForTimeout(500);
    expect(requested.filter((p) => p.endsWith('corpus.json') || p.includes('worker') || p.startsWith('/api/'))).toEqual([]);
    await widget(page).launcher.click();
    await expect.poll(() => requested.some((p) => p.endsWith('/widget/corpus.json'))).toBe(true);
    expect(requested.filter((p) => p.startsWith('/api/'))).toEqual([]);
  });

  test('adds no layout shift to the host page', async ({ page }) => {
    const cls = async (path: string) => {
      await page.goto(path);
      await page.waitForTimeout(300);
      if (path === '/') {
        await widget(page).launcher.click();
        await ask(page, 'làm giấy khai sinh cho con');
        await page.keyboard.press('Escape');
      }
      return page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let sum = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
                if (!entry.hadRecentInput) sum += entry.value;
              }
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(sum), 200);
          }),
      );
    };
    const without = await cls('/kiem-thu/khong-widget');
    const withWidget = await cls('/');
    expect(withWidget).toBeLessThanOrEqual(without);
  });

  test('works at 200 % zoom (a 640 px wide CSS viewport)', async ({ page }) => {
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto('/');
    const w = widget(page);
    await w.launcher.click();
    const panel = (await w.panel.boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.y).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(640);
    expect(panel.y + panel.height).toBeLessThanOrEqual(400);
    await expect(w.input).toBeInViewport();
    await ask(page, 'làm giấy khai sinh cho con');
    await expect(w.answers.last()).toBeVisible();
  });

  test('honours forced colours and reduced motion', async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await page.goto('/');
    const w = widget(page);
    await w.launcher.click();
    await expect(w.panel).toBeVisible();
    const running = await w.host.locator('dvc-assistant-panel').evaluate((el) => el.shadowRoot!.getAnimations().length);
    expect(running).toBe(0);
    const border = await w.panel.evaluate((el) => getComputedStyle(el).borderTopWidth);
    expect(border).toBe('2px');
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);
  });
});
