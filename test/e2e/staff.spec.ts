import { expect, test, type APIRequestContext } from '@playwright/test';
import { STAFF_TOKEN } from '../../playwright.config.js';
import { axeViolations, watch } from './support.js';

// The data folder is shared by the whole run, so these tests compare what the page shows with what the
// API reports at that moment, after adding their own events.

const number = new Intl.NumberFormat('vi-VN');

async function stats(request: APIRequestContext): Promise<{ sessions: number; questions: number; tours: { filingsGuided: number }; gaps: Array<{ question: string }> }> {
  const res = await request.get('/api/v1/stats', { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
  expect(res.status()).toBe(200);
  return res.json();
}

test.describe('staff page', () => {
  test('asks for the token, refuses a wrong one, then shows the indicators the API reports', async ({ page, request }) => {
    const problems = await watch(page);
    // Letters only: the server masks long digit runs in stored questions (they could be ID numbers).
    const session = `e2e-staff-${crypto.randomUUID().replace(/[^a-f]/g, '')}`;
    const events = [
      { type: 'answer', ts: Date.now(), sessionId: session, lang: 'vi', path: '/' },
      { type: 'tour-complete', ts: Date.now(), sessionId: session, lang: 'vi', path: '/ho-so/da-nop', tourId: 'e2e' },
    ];
    expect((await request.post('/api/v1/events', { data: events })).status()).toBe(202);
    const question = `Câu hỏi kiểm thử trang cán bộ ${session}`;
    const ask = await request.post('/api/v1/ask', {
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      data: { sessionId: session, question, lang: 'vi', page: { url: '/', title: '' }, candidates: [], history: [] },
    });
    expect(ask.status()).toBe(200);

    await page.goto('/staff');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chỉ số trợ lý ảo');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Mã truy cập của cán bộ').fill('not-the-token');
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    await expect(page.locator('[data-dvc="staff-error"]')).toBeFocused();
    await expect(page.locator('[data-dvc="staff-error"]')).toContainText('Mã truy cập không đúng');
    await expect(page.locator('[data-dvc="staff-dashboard"]')).toBeHidden();

    await page.getByLabel('Mã truy cập của cán bộ').fill(STAFF_TOKEN);
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    await expect(page.getByRole('heading', { name: 'Các chỉ số' })).toBeFocused();
    await expect(page.locator('[data-dvc="staff-error"]')).toBeHidden();
    const now = await stats(request);
    await expect(page.locator('[data-stat="sessions"]')).toHaveText(number.format(now.sessions));
    await expect(page.locator('[data-stat="questions"]')).toHaveText(number.format(now.questions));
    await expect(page.locator('[data-stat="filingsGuided"]')).toHaveText(number.format(now.tours.filingsGuided));
    await expect(page.locator('[data-chart="answers"] .staff-bar')).toHaveCount(3);
    await expect(page.locator('[data-chart="answers"] svg rect.staff-bar__fill')).toHaveCount(3);
    await expect(page.locator('[data-dvc="staff-gaps"] tbody')).toContainText(question);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  test('keeps the token for the tab only, sends no cookie, and forgets it on "Thoát"', async ({ page, context }) => {
    await page.goto('/staff');
    await page.getByLabel('Mã truy cập của cán bộ').fill(STAFF_TOKEN);
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    await expect(page.locator('[data-dvc="staff-dashboard"]')).toBeVisible();

    await page.reload();
    await expect(page.locator('[data-dvc="staff-dashboard"]')).toBeVisible();
    expect(await context.cookies()).toEqual([]);

    const request = page.waitForRequest((r) => r.url().includes('/api/v1/stats?since='));
    await page.getByLabel('Khoảng thời gian').selectOption('7');
    expect((await request).headers()['authorization']).toBe(`Bearer ${STAFF_TOKEN}`);

    await page.getByRole('button', { name: 'Thoát' }).click();
    await expect(page.getByLabel('Mã truy cập của cán bộ')).toBeFocused();
    await page.reload();
    await expect(page.locator('[data-dvc="staff-login"]')).toBeVisible();
    await expect(page.locator('[data-dvc="staff-dashboard"]')).toBeHidden();
  });
});
