import { expect, test, type APIRequestContext, type Page, type Request } from '@playwright/test';
import { STAFF_TOKEN } from '../../playwright.config.js';
import { ask, axeViolations, focused, watch, widget } from './support.js';

/** A question the offline corpus cannot answer, unique to this run so the server's counts are ours. */
const offTopic = (tag: string) => `giá vàng hôm nay bao nhiêu ${tag} ${Date.now().toString(36)}`;

async function stats(request: APIRequestContext, since: string) {
  const response = await request.get(`/api/v1/stats?since=${encodeURIComponent(since)}`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    feedback: { up: number; down: number; missing: number };
    csat: { count: number; mean: number | null };
    gaps: { question: string; count: number }[];
  };
}

function askRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/ask') seen.push(r);
  });
  return seen;
}

test.describe('handoff to the central API on the demo portal', () => {
  test('asks for consent first, then streams the central answer (SSE), with personal data masked', async ({ page }) => {
    const problems = await watch(page);
    const asks = askRequests(page);
    await page.goto('/');
    const w = widget(page);
    const reply = await ask(page, `${offTopic('sse')} gọi tôi 0912 345 678`);
    const consent = reply.locator('[part="consent"]');
    await expect(consent).toContainText('sẽ được che đi');
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);
    expect(asks).toHaveLength(0); // nothing leaves before the citizen agrees

    await w.host.locator('[part="consent-accept"]').click();
    expect(await focused(page)).toBe('input'); // the notice goes away; focus does not fall to the page
    const remote = w.host.locator('.answer--remote');
    await expect(remote).toContainText('Câu hỏi của bạn đã được ghi lại');
    await expect(remote.locator('a[href="https://dichvucong.gov.vn/"]')).toBeVisible();
    await expect(consent).toHaveCount(0);
    expect(asks).toHaveLength(1);
    expect(asks[0]!.headers()['accept']).toBe('text/event-stream');
    expect(asks[0]!.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const body = asks[0]!.postDataJSON() as { question: string; page: { url: string } };
    expect(body.question).toContain('[số điện thoại]');
    expect(body.question).not.toMatch(/0912|345 678/);
    expect(body.page.url).toMatch(/\/$/);
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);

    // Consent is asked once: the next question goes straight through (reply and central answer together).
    await w.input.fill(offTopic('second'));
    await w.input.press('Enter');
    await expect(remote).toHaveCount(2);
    await expect(w.host.locator('[part="consent"]')).toHaveCount(0);
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });

  test('reads a JSON reply as well', async ({ page }) => {
    await page.route('**/api/v1/ask', (route) => route.continue({ headers: { ...route.request().headers(), accept: 'application/json' } }));
    await page.goto('/');
    await ask(page, offTopic('json'));
    await widget(page).host.locator('[part="consent-accept"]').click();
    await expect(widget(page).host.locator('.answer--remote')).toContainText('Câu hỏi của bạn đã được ghi lại');
  });

  test('declining the notice sends nothing and shows where to get help', async ({ page }) => {
    const asks = askRequests(page);
    await page.goto('/');
    const reply = await ask(page, offTopic('decline'));
    await reply.locator('[part="consent-decline"]').click();
    await expect(reply.locator('[part="handoff-status"]')).toHaveText('Câu hỏi không được gửi đi.');
    await expect(reply).toContainText('Bạn có thể');
    expect(asks).toHaveLength(0);
  });

  test('the host page can veto a handoff through the cancelable dvc-handoff-request event', async ({ page }) => {
    const asks = askRequests(page);
    await page.goto('/');
    await page.evaluate(() => {
      const host = document.querySelector('dvc-assistant')!;
      host.addEventListener('dvc-handoff-request', (event) => {
        (window as unknown as { vetoed: unknown }).vetoed = (event as CustomEvent).detail;
        event.preventDefault();
      });
    });
    const reply = await ask(page, `${offTopic('veto')} email an.nguyen@gmail.com CCCD 001099012345`);
    await reply.locator('[part="consent-accept"]').click();
    await expect(reply.locator('[part="handoff-status"]')).toHaveText('Câu hỏi chưa được gửi đi trên trang này.');
    const detail = (await page.evaluate(() => (window as unknown as { vetoed: { question: string; candidates: unknown[] } }).vetoed))!;
    expect(detail.question).toContain('[email]');
    expect(detail.question).toContain('[số giấy tờ]');
    expect(detail.question).not.toContain('001099012345');
    expect(Array.isArray(detail.candidates)).toBe(true);
    expect(asks).toHaveLength(0);
  });

  test('the host page can enrich the question, which is redacted again', async ({ page }) => {
    const asks = askRequests(page);
    await page.goto('/');
    await page.evaluate(() => {
      document.querySelector('dvc-assistant')!.addEventListener('dvc-handoff-request', (event) => {
        (event as CustomEvent<{ question: string }>).detail.question += ' (trang thanh toán, SĐT 0987654321)';
      });
    });
    await ask(page, offTopic('enrich'));
    await widget(page).host.locator('[part="consent-accept"]').click();
    await expect(widget(page).host.locator('.answer--remote')).toHaveCount(1);
    const body = asks[0]!.postDataJSON() as { question: string };
    expect(body.question).toContain('(trang thanh toán, SĐT [số điện thoại])');
  });

  test('an outage queues the question; it is sent once when the connection returns, with the same idempotency key', async ({ page, request }) => {
    const since = new Date(Date.now() - 1000).toISOString();
    const asks = askRequests(page);
    let down = true;
    await page.route('**/api/v1/ask', (route) => (down ? route.abort('connectionfailed') : route.continue()));
    const handoffs: unknown[] = [];
    await page.exposeFunction('__dvcHandoff', (detail: unknown) => handoffs.push(detail));
    await page.goto('/');
    await page.evaluate(() =>
      document.querySelector('dvc-assistant')!.addEventListener('dvc-handoff', (e) => (window as unknown as { __dvcHandoff(d: unknown): void }).__dvcHandoff((e as CustomEvent).detail)),
    );
    const question = offTopic('outage');
    const reply = await ask(page, question);
    await reply.locator('[part="consent-accept"]').click();
    // Bounded retries with backoff, then the outbox, said in plain Vietnamese.
    await expect(reply.locator('[part="handoff-status"][data-status="queued"]')).toContainText('sẽ tự gửi khi có kết nối trở lại', { timeout: 20_000 });
    expect(asks.length).toBeGreaterThanOrEqual(2);
    expect(asks.length).toBeLessThanOrEqual(4);
    await expect.poll(() => handoffs).toContainEqual({ handoffId: null, status: 'queued' });

    down = false;
    await page.evaluate(() => dispatchEvent(new Event('online')));
    const w = widget(page);
    await expect(w.host.locator('.answer--remote')).toHaveCount(1);
    await expect(reply.locator('[part="handoff-status"]')).toHaveCount(0);
    const keys = new Set(asks.map((r) => r.headers()['idempotency-key']));
    expect(keys.size).toBe(1);
    await expect.poll(() => handoffs.some((d) => (d as { status: string }).status === 'answered')).toBe(true);

    // Another `online` changes nothing: the outbox is empty.
    const before = asks.length;
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.waitForTimeout(300);
    expect(asks.length).toBe(before);
    await expect(w.host.locator('.answer--remote')).toHaveCount(1);
    const gaps = (await stats(request, since)).gaps.filter((g) => g.question.includes('outage'));
    expect(gaps).toEqual([expect.objectContaining({ count: 1 })]);
  });

  test('closing the panel aborts the request; reopening sends it again under the same key, answered once', async ({ page }) => {
    const asks = askRequests(page);
    let hold = true;
    await page.route('**/api/v1/ask', (route) => (hold ? undefined : route.continue()));
    await page.goto('/');
    const reply = await ask(page, offTopic('close'));
    await reply.locator('[part="consent-accept"]').click();
    await expect.poll(() => asks.length).toBe(1);
    await page.keyboard.press('Escape');
    // The request was cancelled: the stored message says it waits (the panel shows nothing while closed).
    await expect
      .poll(() =>
        page.evaluate(() => {
          const stored = JSON.parse(sessionStorage.getItem('dvc-assistant:conversation:v1') ?? '[]') as { kind?: string; status?: string }[];
          return stored.find((m) => m.kind === 'handoff')?.status;
        }),
      )
      .toBe('queued');
    hold = false;
    const w = widget(page);
    await w.launcher.click();
    await expect(w.host.locator('.answer--remote')).toHaveCount(1);
    expect(new Set(asks.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
  });

  test('the outbox survives a reload and is sent on the next page load', async ({ page, request }) => {
    const since = new Date(Date.now() - 1000).toISOString();
    const asks = askRequests(page);
    await page.goto('/');
    // Opening the panel fetches the handoff code, so the outbox works once the connection drops.
    const handoffCode = page.waitForResponse((r) => /\/chunks\/service-[\w-]+\.js$/.test(r.url()));
    const corpus = page.waitForResponse((r) => r.url().endsWith('/widget/corpus.json'));
    await widget(page).launcher.click();
    await Promise.all([handoffCode, corpus]);
    await ask(page, 'làm giấy khai sinh cho con'); // the corpus is ready
    await page.context().setOffline(true);
    const reply = await ask(page, offTopic('reload'));
    await reply.locator('[part="consent-accept"]').click();
    await expect(reply.locator('[part="handoff-status"][data-status="queued"]')).toBeVisible();
    const stored = await page.evaluate(() => localStorage.getItem('dvc-assistant:pending:v1'));
    expect(JSON.parse(stored!)).toMatchObject({ outbox: 1 });
    await page.context().setOffline(false);
    // Reload before the `online` event can be handled: the next page sends it.
    await page.reload();
    const w = widget(page);
    await expect(w.host.locator('.answer--remote')).toHaveCount(1, { timeout: 15_000 });
    expect(new Set(asks.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('dvc-assistant:pending:v1'))).toBeNull();
    const gaps = (await stats(request, since)).gaps.filter((g) => g.question.includes('reload'));
    expect(gaps).toEqual([expect.objectContaining({ count: 1 })]);
  });
});

/** Asks a question with a dossier code; the reply and the lookup offer are two messages. */
async function askDossier(page: Page, question: string) {
  const w = widget(page);
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.input.fill(question);
  await w.input.press('Enter');
  return w.host.locator('[part="dossier-lookup"]').last();
}

test.describe('dossier lookup and following', () => {
  test('recognises a dossier code, looks it up, follows it, and badges the launcher when its status changes', async ({ page }) => {
    await page.goto('/');
    const w = widget(page);
    const offer = await askDossier(page, 'hồ sơ h01.99-261120-0007 của tôi đến đâu rồi');
    await expect(offer).toHaveText('Tra cứu hồ sơ H01.99-261120-0007');
    await offer.click();
    const card = w.host.locator('[part="dossier"]');
    await expect(card).toContainText('Đang xử lý');
    await expect(card).toContainText('Đăng ký tạm trú');
    await expect(card.locator('.dossier__history li')).toHaveCount(2);
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);
    const follow = card.locator('[part="dossier-follow"]');
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'true');

    // What the device last saw was "received": the server now says "processing".
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('dvc-assistant');
          open.onsuccess = () => {
            const tx = open.result.transaction('follows', 'readwrite');
            const store = tx.objectStore('follows');
            const get = store.get('H01.99-261120-0007');
            get.onsuccess = () => store.put({ ...get.result, status: 'received', statusText: 'Đã tiếp nhận' });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.keyboard.press('Escape');
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    const badge = w.host.locator('[part="launcher-badge"]');
    await expect(badge).toBeVisible();
    await expect(badge).toContainText('1');
    await expect(w.launcher).toHaveAccessibleName(/1 cập nhật mới/);
    await w.launcher.click();
    const changed = w.host.locator('[part="dossier"]').filter({ hasText: 'Hồ sơ bạn theo dõi có thay đổi' });
    await expect(changed).toContainText('Đang xử lý');
    await expect(badge).toBeHidden();
  });

  test('says so plainly when a dossier does not exist', async ({ page }) => {
    await page.goto('/');
    await (await askDossier(page, 'tra cứu hồ sơ H01.99-991231-9999')).click();
    await expect(widget(page).host.locator('.msg--assistant').last()).toContainText('Không tìm thấy hồ sơ H01.99-991231-9999');
  });
});

test.describe('feedback, content gaps and the survey', () => {
  test('thumbs, a reason, a missing-answer report and the survey are stored and counted in /api/v1/stats', async ({ page, request }) => {
    const since = new Date(Date.now() - 1000).toISOString();
    const before = await stats(request, since);
    // Pin sampling so the survey is shown.
    await page.addInitScript(() => {
      Math.random = () => 0;
    });
    await page.goto('/');
    const w = widget(page);
    const first = await ask(page, 'làm giấy khai sinh cho con online thế nào');
    await first.locator('[part="feedback-up"]').click();
    await expect(first.locator('[part="feedback"]')).toHaveText('Cảm ơn bạn đã góp ý.');
    const survey = w.host.locator('[part="survey"]');
    await expect(survey).toContainText('Bạn hài lòng với trợ lý ở mức nào?');
    expect(await axeViolations(page, 'dvc-assistant')).toEqual([]);
    await survey.locator('[data-rating="4"]').click();
    await survey.locator('[part="survey-send"]').click();
    await expect(survey).toHaveText('Cảm ơn bạn đã đánh giá!');

    const second = await ask(page, 'đăng ký tạm trú khi thuê trọ');
    await second.locator('[part="feedback-down"]').click();
    await second.locator('[part="feedback-reason"]').fill('Chưa nói lệ phí, gọi tôi 0912345678');
    await second.locator('[part="feedback-send"]').click();
    await expect(second.locator('[part="feedback"]')).toHaveText('Cảm ơn bạn đã góp ý.');

    const third = await ask(page, offTopic('gap'));
    await third.locator('[part="report-missing"]').click();
    await expect(third).toContainText('Câu hỏi đã được ghi lại');

    await expect
      .poll(async () => {
        const after = await stats(request, since);
        return {
          up: after.feedback.up - before.feedback.up,
          down: after.feedback.down - before.feedback.down,
          missing: after.feedback.missing - before.feedback.missing,
          csat: after.csat.count - before.csat.count,
        };
      })
      .toEqual({ up: 1, down: 1, missing: 1, csat: 1 });
  });

  test('offers the survey after a completed tour', async ({ page }) => {
    await page.addInitScript(() => {
      Math.random = () => 0;
    });
    await page.goto('/');
    const w = widget(page);
    await w.launcher.click();
    await expect(w.panel).toBeVisible();
    await w.host.evaluate((host) => host.dispatchEvent(new CustomEvent('dvc-tour-complete', { bubbles: true, composed: true, detail: { tourId: 'dang-ky-tam-tru' } })));
    await expect(w.host.locator('[part="survey"]')).toBeVisible();
  });
});

test.describe('telemetry', () => {
  test('sends a batch without personal data when the page is left, and nothing before intent', async ({ page, request }) => {
    const since = new Date(Date.now() - 1000).toISOString();
    const before = (await stats(request, since)) as unknown as { answeredOffline: number };
    // Keep a copy of every beacon body (same origin: it survives the navigation that sends it).
    await page.addInitScript(() => {
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        void (data as Blob).text().then((text) => localStorage.setItem('test:beacons', JSON.stringify([...JSON.parse(localStorage.getItem('test:beacons') ?? '[]'), { url, text }])));
        return send(url, data);
      };
    });
    await page.goto('/');
    await widget(page).launcher.click(); // loads the app: this first opening is counted all the same
    await ask(page, 'làm giấy khai sinh cho con, sđt 0912345678');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => localStorage.getItem('test:beacons'))).toBeNull(); // batched, not sent per event
    // What leaving the page does (Playwright cannot read a beacon sent by a page already gone).
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    await expect.poll(() => page.evaluate(() => localStorage.getItem('test:beacons'))).not.toBeNull();
    const beacons = JSON.parse((await page.evaluate(() => localStorage.getItem('test:beacons'))) ?? '[]') as { url: string; text: string }[];
    expect(beacons).toHaveLength(1);
    expect(new URL(beacons[0]!.url).pathname).toBe('/api/v1/events');
    const events = JSON.parse(beacons[0]!.text) as { type: string; path: string; entryId?: string }[];
    expect(events.map((e) => e.type)).toEqual(['open', 'answer']);
    expect(events[1]).toMatchObject({ path: '/', entryId: expect.any(String) });
    expect(beacons[0]!.text).not.toContain('0912345678');
    expect(beacons[0]!.text).not.toContain('khai sinh cho con');
    await expect.poll(async () => ((await stats(request, since)) as unknown as { answeredOffline: number }).answeredOffline).toBe(before.answeredOffline + 1);
    // A real navigation sends the next batch as the page goes.
    await ask(page, 'đăng ký tạm trú khi thuê trọ');
    await page.goto('/thu-tuc');
    await expect.poll(async () => ((await stats(request, since)) as unknown as { answeredOffline: number }).answeredOffline).toBe(before.answeredOffline + 2);
  });

  test('telemetry="off" sends nothing', async ({ page }) => {
    const beacons: string[] = [];
    page.context().on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/events') beacons.push(r.url());
    });
    await page.route('**/', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('data-api="/api"', 'data-api="/api" data-telemetry="off"');
      await route.fulfill({ response, body: html });
    });
    await page.goto('/');
    await ask(page, 'làm giấy khai sinh cho con');
    await page.unroute('**/');
    await page.goto('/thu-tuc');
    await page.waitForTimeout(500);
    expect(beacons).toEqual([]);
  });
});

test.describe('the widget’s own cost', () => {
  test('reports web-vitals as dvc-vitals events, saying whether the widget caused them', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { vitals: unknown[] }).vitals = [];
      document.addEventListener('dvc-vitals', (e) => (window as unknown as { vitals: unknown[] }).vitals.push((e as CustomEvent).detail));
    });
    await page.goto('/');
    const w = widget(page);
    await w.launcher.click();
    await expect(w.panel).toBeVisible();
    await w.input.click();
    // What the browser does when the tab goes to the background: web-vitals reports then.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { vitals: { name: string }[] }).vitals.map((v) => v.name).sort())).toEqual(
      expect.arrayContaining(['CLS', 'LCP']),
    );
    const vitals = await page.evaluate(() => (window as unknown as { vitals: { name: string; value: number; widget: boolean; rating: string }[] }).vitals);
    const cls = vitals.find((v) => v.name === 'CLS')!;
    expect(cls.widget).toBe(false); // the widget shifts nothing on the page
    for (const v of vitals) expect(['good', 'needs-improvement', 'poor']).toContain(v.rating);
  });
});
