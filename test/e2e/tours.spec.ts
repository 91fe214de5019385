import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Tour, TourCatalog } from '../../src/tours/format.js';
import { STAFF_TOKEN } from '../../playwright.config.js';
import { replayTour } from '../../build/tours/check.js';
import { ask, axeViolations, watch, widget } from './support.js';

const tour = (id: string) => JSON.parse(readFileSync(`corpus/tours/${id}.json`, 'utf8')) as Tour;
const text = (vi: string) => ({ vi, en: vi });

/** The step card and its parts, seen through the assistant's shadow root. */
function card(page: Page) {
  const host = page.locator('dvc-assistant');
  const root = host.locator('[part="tour-card"]');
  return { root, title: root.locator('h2'), next: root.locator('[part="tour-next"]'), host };
}

/** Records the tour events of every page load in this tab (they bubble to the document). */
async function recordTourEvents(page: Page): Promise<{ type: string; stepId?: string; index?: number; hasTarget?: boolean; inShadow?: boolean }[]> {
  const events: { type: string; stepId?: string; index?: number; hasTarget?: boolean; inShadow?: boolean }[] = [];
  await page.exposeFunction('__tourEvent', (event: (typeof events)[number]) => events.push(event));
  await page.addInitScript(() => {
    for (const type of ['dvc-tour-start', 'dvc-tour-step', 'dvc-tour-complete', 'dvc-tour-abandon']) {
      document.addEventListener(type, (event) => {
        const d = (event as CustomEvent).detail as { stepId?: string; index?: number; target?: Element | null };
        (window as unknown as { __tourEvent(e: unknown): void }).__tourEvent({
          type,
          stepId: d.stepId,
          index: d.index,
          hasTarget: !!d.target,
          inShadow: d.target ? d.target.getRootNode() instanceof ShadowRoot : false,
        });
      });
    }
  });
  return events;
}

/** Shows a step and checks the whole page (with the card) with axe. */
async function expectStep(page: Page, title: string): Promise<void> {
  await expect(card(page).title).toHaveText(title);
  expect(await axeViolations(page)).toEqual([]);
}

test.describe('guided tours', () => {
  test('a citizen asks how to register a birth and is walked across pages to a submitted dossier (reload, error branch, axe on every step), counted in the staff indicators', async ({ page, request }) => {
    test.setTimeout(120_000);
    const since = new Date().toISOString();
    const problems = await watch(page);
    const events = await recordTourEvents(page);
    const birth = tour('dang-ky-khai-sinh');
    const title = (id: string) => birth.steps.find((s) => s.id === id)!.title.vi;

    await page.goto('/');
    const reply = await ask(page, 'làm giấy khai sinh cho con online thế nào');
    const offer = reply.locator('[part="tour-start"]');
    await expect(offer).toHaveText('Chỉ cho tôi từng bước');
    await offer.click();

    await expect(page).toHaveURL(/\/thu-tuc\/khai-sinh$/);
    await expectStep(page, title('bat-dau'));
    await expect(widget(page).panel).toBeHidden();
    await page.locator('[data-dvc="start-dossier"]').click();

    await expect(page).toHaveURL(/\/thu-tuc\/khai-sinh\/nop$/);
    await expectStep(page, title('ten-tre'));
    // Focus waits in the field of the step; typing a first letter does not count as done.
    await page.keyboard.type('Nguyễn Minh An');
    await expect(card(page).title).toHaveText(title('ten-tre'));
    await page.keyboard.press('Tab');
    await expectStep(page, title('ngay-sinh'));

    // A reload in the middle: the same step comes back.
    await page.reload();
    await expectStep(page, title('ngay-sinh'));
    await page.locator('#child-dob').fill('15/10/2026');
    await page.locator('#child-dob').press('Tab');
    await expectStep(page, title('gioi-tinh'));
    await page.locator('#child-sex-nu').check();
    await expectStep(page, title('noi-sinh'));
    for (const [id, value] of [['#child-birthplace', 'Bệnh viện Phụ sản Hà Nội'], ['#mother-name', 'Trần Thị Bình'], ['#mother-id', '001190012345']] as const) {
      await page.locator(id).fill(value);
      await page.locator(id).press('Tab');
    }
    await expectStep(page, title('nguoi-di-dang-ky'));
    await page.locator('#requester-name').fill('Trần Thị Bình');
    await card(page).next.click();
    await expectStep(page, title('quan-he'));
    await page.locator('#requester-relation').selectOption('Mẹ');
    await page.locator('#requester-phone').fill('0912345678');
    await page.locator('#requester-phone').press('Tab');
    await expectStep(page, title('giay-chung-sinh'));
    await page.locator('#birth-certificate').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await expectStep(page, title('nhan-ket-qua'));
    await page.locator('#delivery-online').check();
    await expectStep(page, title('cam-doan'));
    await page.locator('#commitment').check();
    await expectStep(page, title('gui-to-khai'));

    // The error branch: the child's name was lost with the reload, so the form refuses.
    await page.locator('[data-dvc="submit-dossier"]').click();
    await expect(page.locator('[data-dvc="error-summary"]')).toBeVisible();
    await expectStep(page, 'Có thông tin chưa đúng');
    await page.locator('#child-name').fill('Nguyễn Minh An');
    await page.locator('[data-dvc="submit-dossier"]').click();

    await expect(page).toHaveURL(/\/xac-nhan$/);
    await expectStep(page, title('kiem-tra'));
    await card(page).next.click();
    await expectStep(page, title('xac-nhan'));
    await page.locator('[data-dvc="confirm-dossier"]').click();
    await expect(page).toHaveURL(/\/thanh-toan$/);
    await expectStep(page, title('chon-cach-thanh-toan'));
    await page.locator('#gateway-vietqr').check();
    await expectStep(page, title('thanh-toan'));
    await page.locator('[data-dvc="pay"]').click();
    await expect(page).toHaveURL(/\/ho-so\/da-nop$/, { timeout: 10_000 });
    await expectStep(page, title('da-nop'));
    await card(page).next.click();

    await expect(card(page).root).toHaveCount(0);
    expect(events.filter((e) => e.type !== 'dvc-tour-step').map((e) => e.type)).toEqual(['dvc-tour-start', 'dvc-tour-complete']);
    expect(new Set(events.filter((e) => e.type === 'dvc-tour-step').map((e) => e.stepId)).size).toBe(birth.steps.length);
    expect(await page.evaluate(() => sessionStorage.getItem('dvc-assistant:tour'))).toBeNull();
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);

    // The staff indicators count it: leaving the page sends the batched events (sendBeacon),
    // and a tour completed on the "submitted" page is a filing guided.
    await page.goto('/');
    await expect
      .poll(async () => {
        const response = await request.get(`/api/v1/stats?since=${encodeURIComponent(since)}`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
        return ((await response.json()) as { tours: unknown }).tours;
      })
      .toEqual({ started: 1, completed: 1, filingsGuided: 1 });
  });

  test('finds a late target, falls back on a redesigned page, reaches into scroll containers and shadow roots, and hands a missing target back to the conversation', async ({ page }) => {
    test.setTimeout(60_000);
    const events = await recordTourEvents(page);
    const fixture: Tour = {
      id: 'kiem-thu',
      version: 1,
      title: text('Kiểm thử'),
      start: '/kiem-thu/huong-dan*',
      steps: [
        { id: 'doi-moi', url: '/kiem-thu/huong-dan', target: [{ dvc: 'child-name' }, { id: 'child-name' }, { label: 'Họ, chữ đệm và tên của trẻ' }], title: text('Tên của trẻ'), body: text('Nhập tên.'), complete: { on: 'input' } },
        { id: 'khung-cuon', url: '/kiem-thu/huong-dan', target: [{ dvc: 'scroll-target' }], title: text('Trong khung cuộn'), body: text('Bấm.'), complete: { on: 'click' } },
        { id: 'shadow', url: '/kiem-thu/huong-dan', target: [{ dvc: 'shadow-button' }], title: text('Trong shadow DOM'), body: text('Bấm.'), complete: { on: 'click' } },
        { id: 'hien-muon', url: '/kiem-thu/huong-dan', target: [{ dvc: 'late-button' }], title: text('Hiện muộn'), body: text('Bấm.'), complete: { on: 'click' }, wait: 8000 },
        { id: 'mat-tich', url: '/kiem-thu/huong-dan', target: [{ dvc: 'khong-co' }, { text: 'Không có nút này' }], title: text('Nút đã bị bỏ'), body: text('Bấm nút Gửi.'), complete: { on: 'click' }, wait: 300 },
      ],
    };
    const catalog: TourCatalog = { format: 1, tours: [fixture] };
    await page.route('**/widget/tours.json', (route) => route.fulfill({ json: catalog }));
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.goto('/kiem-thu/huong-dan?tre=2500');
    await page.evaluate(() => document.querySelector('dvc-assistant')!.startTour('kiem-thu'));

    await expect(card(page).title).toHaveText('Tên của trẻ');
    await expect(page.locator('#redesigned-name')).toBeFocused();
    await page.keyboard.type('Nguyễn Minh An');
    await page.keyboard.press('Tab');

    await expect(card(page).title).toHaveText('Trong khung cuộn');
    // The nested container was scrolled so the target shows, and the hole sits on it.
    const scrolled = await page.locator('.tour-scroll').evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    const target = await page.locator('[data-dvc="scroll-target"]').boundingBox();
    const hole = await page.locator('dvc-assistant').evaluate((host) => host.shadowRoot!.querySelector('.tour-overlay .ring')!.getBoundingClientRect().toJSON() as DOMRect);
    expect(hole.x).toBeLessThanOrEqual(target!.x);
    expect(hole.y).toBeLessThanOrEqual(target!.y + 1);
    await page.locator('[data-dvc="scroll-target"]').click();

    await expect(card(page).title).toHaveText('Trong shadow DOM');
    await page.locator('[data-dvc="shadow-button"]').click();

    // The late button is not there yet: the card says it is waiting, then shows the step.
    await expect(card(page).root).toContainText('Đang chờ trang hiển thị');
    await expect(card(page).title).toHaveText('Hiện muộn', { timeout: 8000 });
    await page.locator('[data-dvc="late-button"]').click();

    await expect(card(page).title).toContainText('Nút đã bị bỏ — Không tìm thấy mục cần chỉ');
    expect(await axeViolations(page)).toEqual([]);
    await card(page).root.locator('[part="tour-ask"]').click();
    await expect(widget(page).panel).toBeVisible();
    await expect(widget(page).messages.last()).toContainText('Tôi không tìm thấy «Nút đã bị bỏ»');
    await expect(card(page).root).toHaveCount(0);

    const steps = events.filter((e) => e.type === 'dvc-tour-step');
    expect(steps.map((e) => [e.stepId, e.hasTarget])).toEqual([
      ['doi-moi', true],
      ['khung-cuon', true],
      ['shadow', true],
      ['hien-muon', true],
      ['mat-tich', false],
    ]);
    expect(steps.find((e) => e.stepId === 'shadow')?.inShadow).toBe(true);
    expect(events.at(-1)?.type).toBe('dvc-tour-abandon');
  });

  test('Escape ends a tour, leaves the host page byte for byte as it was, and gives focus back', async ({ page }) => {
    await page.goto('/thu-tuc/khai-sinh');
    const before = await page.evaluate(() => document.body.outerHTML);
    await page.locator('[data-dvc="procedure-code"]').evaluate(() => undefined);
    const link = page.locator('a[href="/thu-tuc"]').first();
    await link.focus();
    await page.evaluate(() => document.querySelector('dvc-assistant')!.startTour('dang-ky-khai-sinh'));
    await expect(card(page).title).toHaveText(tour('dang-ky-khai-sinh').steps[0]!.title.vi);
    await expect(page.locator('[data-dvc="start-dossier"]')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(card(page).root).toHaveCount(0);
    await expect(link).toBeFocused();
    expect(await page.evaluate(() => document.body.outerHTML)).toBe(before);
    expect(await page.evaluate(() => sessionStorage.getItem('dvc-assistant:tour'))).toBeNull();
    // Nothing resumes on the next page.
    await page.goto('/thu-tuc/khai-sinh/nop');
    await expect(card(page).root).toHaveCount(0);
  });

  test('works with the keyboard alone on a 360 px phone: bottom sheet, arrow keys left to the field, axe on every step', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/tra-cuu');
    await page.evaluate(() => document.querySelector('dvc-assistant')!.startTour('tra-cuu-ho-so'));
    const lookup = tour('tra-cuu-ho-so');
    await expectStep(page, lookup.steps[0]!.title.vi);
    const sheet = await card(page).root.boundingBox();
    expect(Math.round(sheet!.width)).toBe(360);
    expect(Math.round(sheet!.y + sheet!.height)).toBe(740);
    const field = await page.locator('#lookup-code').boundingBox();
    expect(field!.y + field!.height).toBeLessThanOrEqual(sheet!.y);

    await expect(page.locator('#lookup-code')).toBeFocused();
    await page.keyboard.type('H01.99-260101-0001');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await expect(card(page).title).toHaveText(lookup.steps[0]!.title.vi); // arrows moved the caret, not the tour
    await page.keyboard.press('Tab');
    await expectStep(page, lookup.steps[1]!.title.vi);
    await expect(page.locator('[data-dvc="lookup-submit"]')).toBeFocused();
    await page.keyboard.press('Enter');
    await expectStep(page, lookup.steps[2]!.title.vi);
    await expect(card(page).title).toBeFocused();
    await page.keyboard.press('ArrowRight'); // inside the card, the arrow is "Xong"
    await expect(card(page).root).toHaveCount(0);
  });

  test('downloads the tour engine only when a tour starts or one is in progress', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/thu-tuc/khai-sinh');
    await page.locator('dvc-assistant').locator('[part="launcher"]').click();
    await expect(widget(page).panel).toBeVisible();
    expect(requested.filter((p) => p.includes('tours'))).toEqual([]);
    await page.evaluate(() => document.querySelector('dvc-assistant')!.startTour('dang-ky-khai-sinh'));
    await expect(card(page).root).toBeVisible();
    expect(requested).toContain('/widget/dvc-assistant.tours.js');
    // A new page of the same tab resumes without the panel ever opening.
    await page.evaluate(() => sessionStorage.removeItem('dvc-assistant:open'));
    await page.locator('[data-dvc="start-dossier"]').click();
    await expect(page).toHaveURL(/\/nop$/);
    await expect(card(page).title).toHaveText(tour('dang-ky-khai-sinh').steps[1]!.title.vi);
    await expect(widget(page).panel).toBeHidden();
  });

  test('offers to resume or stop when the citizen leaves the path, and restarts a tour edited mid-way', async ({ page }) => {
    await page.goto('/thu-tuc/khai-sinh');
    await page.evaluate(() => document.querySelector('dvc-assistant')!.startTour('dang-ky-khai-sinh'));
    await page.locator('[data-dvc="start-dossier"]').click();
    await expect(page).toHaveURL(/\/nop$/);
    await expect(card(page).title).toHaveText(tour('dang-ky-khai-sinh').steps[1]!.title.vi);

    await page.goto('/tra-cuu');
    await expect(card(page).title).toHaveText('Bạn đã rời khỏi các bước hướng dẫn');
    expect(await axeViolations(page)).toEqual([]);
    await card(page).root.locator('[part="tour-resume"]').click();
    await expect(page).toHaveURL(/\/nop$/);
    await expect(card(page).title).toHaveText(tour('dang-ky-khai-sinh').steps[1]!.title.vi);

    // The agency publishes version 2 while the citizen is mid-way: the tour starts over.
    const edited = { ...tour('dang-ky-khai-sinh'), version: 2 };
    await page.route('**/widget/tours.json', (route) => route.fulfill({ json: { format: 1, tours: [edited] } }));
    await page.reload();
    await expect(card(page).title).toHaveText('Hướng dẫn vừa được cập nhật nên sẽ bắt đầu lại từ đầu.');
    await card(page).root.locator('[part="tour-resume"]').click();
    await expect(page).toHaveURL(/\/thu-tuc\/khai-sinh$/);
    await expect(card(page).title).toHaveText(edited.steps[0]!.title.vi);
  });

  test('does not offer a tour when the tours come from another site (a central CDN)', async ({ page }) => {
    const problems = await watch(page);
    const catalogRequests: string[] = [];
    page.on('request', (request) => request.url().endsWith('/tours.json') && catalogRequests.push(request.url()));
    await page.goto('/kiem-thu/cdn');
    const reply = await ask(page, 'làm giấy khai sinh cho con online thế nào');
    await expect(reply.locator('[part="answer"] h3')).toHaveText('Đăng ký khai sinh trực tuyến');
    await expect(reply.locator('[part="tour-start"]')).toHaveCount(0);
    // Rendering that answer did not even ask for the catalog: another site's tours are never offered.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(catalogRequests).toEqual([]);
    // The agency's own script may still start one.
    await page.evaluate(() => document.querySelector('dvc-assistant')!.startTour('dang-ky-khai-sinh'));
    await expect(page).toHaveURL(/\/thu-tuc\/khai-sinh$/);
    await expect(card(page).title).toHaveText(tour('dang-ky-khai-sinh').steps[0]!.title.vi);
    expect(problems.cspViolations).toEqual([]);
  });

  test('tours:check names the locators that broke: a warning while a fallback holds, an error when none is left', async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    const lookup = tour('tra-cuu-ho-so');
    const redesigned: Tour = {
      ...lookup,
      steps: lookup.steps.map((s, i) => (i === 0 ? { ...s, target: [{ dvc: 'ma-ho-so-cu' }, ...s.target!.slice(1)] } : s)),
    };
    const broken: Tour = {
      ...lookup,
      steps: lookup.steps.map((s, i) => (i === 1 ? { ...s, target: [{ dvc: 'nut-cu' }, { css: '#khong-co' }], wait: 300 } : s)),
    };
    // The widget on the page must run the same tour as the robot.
    const serve = (t: Tour) => (route: import('@playwright/test').Route) => route.fulfill({ json: { format: 1, tours: [t] } });
    const run = (t: Tour) =>
      replayTour(browser, baseURL!, t, async (context) => {
        await context.route('**/widget/tours.json', serve(t));
      });
    const ok = await run(redesigned);
    expect(ok.ok).toBe(true);
    expect(ok.warnings).toEqual(['step 1 "nhap-ma": locator(s) no longer match: data-dvc="ma-ho-so-cu"']);
    const bad = await run(broken);
    expect(bad.ok).toBe(false);
    expect(bad.steps).toBe(1);
    expect(bad.problems[0]).toBe('step 2 "tra-cuu": no locator matches on /tra-cuu: data-dvc="nut-cu"; css #khong-co');
  });
});
