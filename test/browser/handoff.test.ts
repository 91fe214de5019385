import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DEFAULTS, type DvcConfig } from '../../src/config/schema.js';
import type { DvcAssistantPanel } from '../../src/elements/dvc-assistant-panel/dvc-assistant-panel.js';
import { defineDvcAssistantPanel } from '../../src/elements/dvc-assistant-panel/dvc-assistant-panel.js';
import { entry, fakeClient, result, services, settled } from './helpers.js';

defineDvcAssistantPanel();

const API = 'https://chatbot.example.gov.vn';
const QUESTION = 'giá vàng hôm nay';
const config = (extra: Partial<DvcConfig> = {}): DvcConfig => ({ ...DEFAULTS, api: API, telemetry: 'off', ...extra });

const $ = <T extends Element = HTMLElement>(el: DvcAssistantPanel, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** Replaces `fetch` for one test; every call is recorded. */
function fakeFetch(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    return handler(url, init);
  }) as typeof fetch;
  return { calls, restore: () => (window.fetch = original) };
}

/** An SSE body the test writes to, event by event. */
function openStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    send: (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
    close: () => controller.close(),
  };
}

async function panelWith(extra: Partial<DvcConfig> = {}, events: EventTarget = new EventTarget()) {
  const client = fakeClient({ [QUESTION]: result(QUESTION, 'handoff', ['khai-sinh']), 'khai sinh': result('khai sinh', 'answer', ['khai-sinh']) }, [entry('khai-sinh')]);
  const el = await fixture<DvcAssistantPanel>(html`<dvc-assistant-panel .services=${services(client, [], events)} .config=${config(extra)} open></dvc-assistant-panel>`);
  await el.updateComplete;
  return el;
}

describe('handoff in the panel', () => {
  let restore = () => {};
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => restore());

  it('renders the central answer while it streams, then the whole answer sanitised', async () => {
    const stream = openStream();
    const fake = fakeFetch(() => stream.response);
    restore = fake.restore;
    const el = await panelWith();
    await el.ask(QUESTION);
    await waitUntil(() => $(el, '[part="consent-accept"]'), 'no consent notice');
    await settled(el);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="consent-accept"]')!.click();
    await waitUntil(() => fake.calls.length === 1, 'not sent');
    expect(fake.calls[0]!.url).to.equal(`${API}/v1/ask`);
    stream.send('delta', { text: 'Bạn **mang** ' });
    await waitUntil(() => $(el, '.answer--streaming strong')?.textContent === 'mang', 'first delta not shown');
    stream.send('delta', { text: 'căn cước' });
    await waitUntil(() => $(el, '.answer--streaming')?.textContent?.includes('căn cước'), 'second delta not shown');
    stream.send('done', { answer: 'Bạn **mang** căn cước <img src=x onerror="alert(1)">', sources: [{ title: 'Cổng', url: 'https://dichvucong.gov.vn' }], actions: [], handoffId: 'h-9' });
    stream.close();
    await waitUntil(() => $(el, '.answer--remote'), 'no final answer');
    const remote = $(el, '.answer--remote')!;
    expect(remote.dataset.handoff).to.equal('h-9');
    expect(remote.querySelector('img')).to.equal(null);
    expect(remote.querySelector('.answer__body')!.innerHTML).not.to.contain('onerror');
    expect($(el, '.answer--streaming')).to.equal(null);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('says it is retrying in plain Vietnamese, then answers', async () => {
    let calls = 0;
    const fake = fakeFetch(async () => {
      calls += 1;
      // Retry-After holds the notice on screen for a second; full jitter alone may retry
      // within one poll of waitUntil, and the notice would come and go unseen.
      if (calls === 1) return new Response('{"error":{"code":"busy","message":""}}', { status: 503, headers: { 'Retry-After': '1' } });
      return new Response(JSON.stringify({ answer: 'Đây là câu trả lời.', sources: [], actions: [], handoffId: 'h-1' }), { headers: { 'Content-Type': 'application/json' } });
    });
    restore = fake.restore;
    const el = await panelWith();
    await el.ask(QUESTION);
    await waitUntil(() => $(el, '[part="consent-accept"]'));
    $<HTMLButtonElement>(el, '[part="consent-accept"]')!.click();
    await waitUntil(() => $(el, '[part="handoff-status"]')?.textContent?.includes('đang thử gửi lại (lần 2/4)'), 'no retry notice');
    await waitUntil(() => $(el, '.answer--remote'), 'no answer after the retry', { timeout: 8000 });
    const keys = fake.calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']);
    expect(keys.length).to.equal(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('speaks to an OpenAI-compatible gateway with api-type="openai"', async () => {
    const fake = fakeFetch(
      () =>
        new Response('data: {"choices":[{"delta":{"content":"Xin chào"}}]}\n\ndata: [DONE]\n\n', {
          headers: { 'Content-Type': 'text/event-stream' },
        }),
    );
    restore = fake.restore;
    const el = await panelWith({ api: 'https://gw.example/v1', apiType: 'openai' });
    await el.ask(QUESTION);
    await waitUntil(() => $(el, '[part="consent-accept"]'));
    $<HTMLButtonElement>(el, '[part="consent-accept"]')!.click();
    await waitUntil(() => $(el, '.answer--remote'), 'no answer');
    expect(fake.calls[0]!.url).to.equal('https://gw.example/v1/chat/completions');
    expect($(el, '.answer--remote .answer__body')!.textContent).to.contain('Xin chào');
  });

  it('without an api, keeps the honest text with the contact line and sends nothing', async () => {
    const fake = fakeFetch(() => new Response('{}'));
    restore = fake.restore;
    const el = await panelWith({ api: null, contact: 'Tổng đài 1022' });
    await el.ask(QUESTION);
    await waitUntil(() => $(el, '.msg--assistant'));
    expect($(el, '.msg--assistant')!.textContent).to.contain('Bạn có thể liên hệ: Tổng đài 1022');
    expect($(el, '[part="consent"]')).to.equal(null);
    expect(fake.calls).to.deep.equal([]);
  });

  it('fires dvc-feedback for a vote even without an api, and never posts', async () => {
    const fake = fakeFetch(() => new Response('{}'));
    restore = fake.restore;
    const events = new EventTarget();
    const seen: unknown[] = [];
    events.addEventListener('dvc-feedback', (e) => seen.push((e as CustomEvent).detail));
    const el = await panelWith({ api: null }, events);
    await el.ask('khai sinh');
    await waitUntil(() => $(el, '[part="feedback-down"]'));
    $<HTMLButtonElement>(el, '[part="feedback-down"]')!.click();
    await waitUntil(() => $(el, '[part="feedback-reason"]'), 'no reason field');
    $<HTMLTextAreaElement>(el, '[part="feedback-reason"]')!.value = 'thiếu lệ phí';
    $<HTMLButtonElement>(el, '[part="feedback-send"]')!.click();
    await waitUntil(() => seen.length === 1);
    expect(seen[0]).to.deep.equal({ targetId: 'khai-sinh', kind: 'down' });
    expect(fake.calls).to.deep.equal([]);
  });
});
