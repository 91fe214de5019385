import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { DvcAssistantPanel } from '../../src/elements/dvc-assistant-panel/dvc-assistant-panel.js';
import { defineDvcAssistantPanel } from '../../src/elements/dvc-assistant-panel/dvc-assistant-panel.js';
import type { DvcAnswerEvent } from '../../src/events/dvc-answer.js';
import { entry, fakeClient, result, services, settled } from './helpers.js';

defineDvcAssistantPanel();

const KHAI_SINH = entry('khai-sinh', { title: 'Đăng ký khai sinh trực tuyến' });
const TAM_TRU = entry('tam-tru', { title: 'Đăng ký tạm trú' });

async function panelWith(client = fakeClient({}, [KHAI_SINH, TAM_TRU]), extra: Partial<DvcAssistantPanel> = {}) {
  const el = await fixture<DvcAssistantPanel>(html`<dvc-assistant-panel .services=${services(client)} open></dvc-assistant-panel>`);
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: DvcAssistantPanel, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: DvcAssistantPanel, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

async function type(el: DvcAssistantPanel, text: string) {
  const input = $<HTMLInputElement>(el, 'input')!;
  input.value = text;
  $<HTMLButtonElement>(el, '[part="send"]')!.click();
}

describe('<dvc-assistant-panel>', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('greets in Vietnamese with suggested questions and passes axe', async () => {
    const el = await panelWith();
    const dialog = $(el, '[part="panel"]')!;
    expect(dialog.getAttribute('role')).to.equal('dialog');
    expect(dialog.getAttribute('aria-modal')).to.equal('false');
    expect($(el, '#dvc-title')!.textContent).to.equal('Trợ lý dịch vụ công');
    expect($$(el, '.greeting .chip').length).to.be.greaterThan(2);
    expect($(el, 'label[for="dvc-question"]')!.textContent).to.equal('Câu hỏi của bạn');
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('renders nothing while closed', async () => {
    const el = await fixture<DvcAssistantPanel>(html`<dvc-assistant-panel .services=${services(fakeClient({}, []))}></dvc-assistant-panel>`);
    expect($(el, '[part="panel"]')).to.equal(null);
  });

  it('answers a question with the entry, its date and sources, announced once', async () => {
    const client = fakeClient({ 'lam giay khai sinh': result('lam giay khai sinh', 'answer', ['khai-sinh']) }, [KHAI_SINH]);
    const el = await panelWith(client);
    await type(el, 'lam giay khai sinh');
    await waitUntil(() => $(el, '[part="answer"]'), 'no answer card');
    const card = $(el, '[part="answer"]')!;
    expect(card.querySelector('h3')!.textContent).to.equal('Đăng ký khai sinh trực tuyến');
    expect(card.querySelector('.answer__body strong')!.textContent).to.equal('khai-sinh');
    expect(card.querySelectorAll('.answer__body ol li').length).to.equal(2);
    expect(card.textContent).to.contain('Cập nhật 15/01/2026');
    const source = card.querySelector<HTMLAnchorElement>('.answer__meta a')!;
    expect(source.rel).to.equal('noopener noreferrer');
    expect($$(el, '.msg--user')[0]!.textContent).to.contain('lam giay khai sinh');
    const live = $(el, '[aria-live="polite"]')!;
    await waitUntil(() => live.textContent!.includes('Đăng ký khai sinh trực tuyến'), 'not announced');
    expect($$(el, '[aria-live]').length).to.equal(1);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('tells the host page what it answered through dvc-answer', async () => {
    const events = new EventTarget();
    const client = fakeClient({ 'khai sinh': result('khai sinh', 'answer', ['khai-sinh']) }, [KHAI_SINH]);
    const el = await fixture<DvcAssistantPanel>(html`<dvc-assistant-panel .services=${services(client, [], events)} open></dvc-assistant-panel>`);
    const seen: DvcAnswerEvent['detail'][] = [];
    events.addEventListener('dvc-answer', (e) => seen.push((e as DvcAnswerEvent).detail));
    await type(el, 'khai sinh');
    await waitUntil(() => seen.length === 1);
    expect(seen[0]).to.deep.equal({ query: 'khai sinh', decision: 'answer', id: 'khai-sinh', topic: 'khai-sinh', lang: 'vi', mode: 'lexical' });
  });

  it('offers "Có phải bạn muốn hỏi…" choices and shows the one pressed', async () => {
    const client = fakeClient({ 'dang ky': result('dang ky', 'suggest', ['khai-sinh', 'tam-tru']) }, [KHAI_SINH, TAM_TRU]);
    const el = await panelWith(client);
    await type(el, 'dang ky');
    await waitUntil(() => $(el, '.msg--assistant [part="suggestions"]'));
    expect($(el, '.msg--assistant .bubble')!.textContent).to.contain('Có phải bạn muốn hỏi…');
    const chips = $$(el, '.msg--assistant .chip');
    expect(chips.map((c) => c.textContent)).to.deep.equal(['Tiêu đề khai-sinh', 'Tiêu đề tam-tru']);
    await settled(el);
    await expect(el).to.be.accessible();
    chips[1]!.click();
    await waitUntil(() => $(el, '[part="answer"]'));
    expect($(el, '[part="answer"] h3')!.textContent).to.equal('Đăng ký tạm trú');
  });

  it('says honestly when it has no answer and gives the agency contact', async () => {
    const el = await panelWith(fakeClient({}, []), { config: { ...(await import('../../src/config/schema.js')).DEFAULTS, contact: 'Tổng đài 024.1022' } });
    await type(el, 'thời tiết hôm nay thế nào');
    await waitUntil(() => $(el, '.msg--assistant .bubble'));
    const text = $(el, '.msg--assistant .bubble')!.textContent!;
    expect(text).to.contain('chưa có câu trả lời chắc chắn');
    expect(text).to.contain('Tổng đài 024.1022');
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('asks for a question instead of sending an empty one', async () => {
    const client = fakeClient({}, []);
    const el = await panelWith(client);
    await type(el, '   ');
    await el.updateComplete;
    const hint = $(el, '#dvc-hint')!;
    expect(hint.textContent).to.equal('Bạn hãy nhập câu hỏi trước khi gửi.');
    expect($(el, 'input')!.getAttribute('aria-describedby')).to.equal('dvc-hint');
    expect(client.queries).to.deep.equal([]);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('shows a plain message when the search fails, and keeps working', async () => {
    const client = fakeClient({ hỏng: new Error('worker died'), 'khai sinh': result('khai sinh', 'answer', ['khai-sinh']) }, [KHAI_SINH]);
    const el = await panelWith(client);
    await type(el, 'hỏng');
    await waitUntil(() => $(el, '.msg--assistant .bubble'));
    expect($(el, '.msg--assistant .bubble')!.textContent).to.contain('đang gặp sự cố');
    await type(el, 'khai sinh');
    await waitUntil(() => $(el, '[part="answer"]'));
  });

  it('shows only the newest answer when questions overtake each other', async () => {
    const client = fakeClient(
      { chậm: result('chậm', 'answer', ['khai-sinh']), nhanh: result('nhanh', 'answer', ['tam-tru']) },
      [KHAI_SINH, TAM_TRU],
      { chậm: 200 },
    );
    const el = await panelWith(client);
    await type(el, 'chậm');
    await type(el, 'nhanh');
    await waitUntil(() => $(el, '[part="answer"]'));
    await aTimeout(300);
    const answers = $$(el, '[part="answer"] h3').map((h) => h.textContent);
    expect(answers).to.deep.equal(['Đăng ký tạm trú']);
  });

  it('never renders unsafe HTML from an answer', async () => {
    const evil = entry('evil', {
      answer: 'Xem <img src=x onerror="window.__pwned=1"> [đây](javascript:window.__pwned=1) và [cổng](https://dichvucong.gov.vn)\n\n<script>window.__pwned=1</script>',
    });
    const el = await panelWith(fakeClient({ x: result('x', 'answer', ['evil']) }, [evil]));
    await type(el, 'x');
    await waitUntil(() => $(el, '[part="answer"]'));
    const body = $(el, '.answer__body')!;
    expect(body.querySelector('img, script')).to.equal(null);
    const links = [...body.querySelectorAll('a')];
    expect(links[0]!.hasAttribute('href')).to.equal(false);
    expect(links[1]!.getAttribute('href')).to.equal('https://dichvucong.gov.vn');
    expect(links[1]!.rel).to.equal('noopener noreferrer');
    expect(links[1]!.target).to.equal('_blank');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('restores a stored conversation and clears it on request', async () => {
    const stored = [
      { id: 'u1', at: 1, role: 'user', text: 'khai sinh' },
      { id: 'a1', at: 2, role: 'assistant', kind: 'answer', query: 'khai sinh', entry: KHAI_SINH },
      { id: 'bad', role: 'robot' },
    ];
    const el = await fixture<DvcAssistantPanel>(html`<dvc-assistant-panel .services=${services(fakeClient({}, []), stored)} open></dvc-assistant-panel>`);
    await waitUntil(() => $(el, '[part="answer"]'));
    expect($$(el, '[part="message"]').length).to.equal(2);
    $<HTMLButtonElement>(el, '[part="clear"]')!.click();
    await waitUntil(() => !$(el, '[part="answer"]'));
    expect($(el, '.greeting')).to.not.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'input'));
    expect($(el, '[aria-live]')!.textContent).to.equal('Đã xoá cuộc trò chuyện.');
  });

  it('keeps focus in the panel when the pressed suggestion goes away with the greeting', async () => {
    const client = fakeClient({}, []);
    const el = await panelWith(client);
    const chip = $$(el, '.greeting .chip')[0]!;
    chip.focus();
    chip.click();
    await waitUntil(() => $(el, '.msg--assistant .bubble'));
    expect(client.queries).to.deep.equal([chip.textContent]);
    expect($(el, '.greeting')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'input'));
  });

  it('announces answers to questions asked through the API too', async () => {
    const el = await panelWith(fakeClient({ 'khai sinh': result('khai sinh', 'answer', ['khai-sinh']) }, [KHAI_SINH]));
    await el.ask('khai sinh');
    expect($(el, '[aria-live]')!.textContent).to.equal('Trợ lý trả lời: Đăng ký khai sinh trực tuyến');
  });

  it('asks the host to close on Escape and on the close button', async () => {
    const sources: string[] = [];
    const el = await panelWith(undefined, { onRequestClose: (s) => sources.push(s) });
    $<HTMLInputElement>(el, 'input')!.focus();
    await sendKeys({ press: 'Escape' });
    $<HTMLButtonElement>(el, '[part="close"]')!.click();
    expect(sources).to.deep.equal(['escape', 'close-button']);
  });

  it('shows the model download while it runs, and nothing once it is done', async () => {
    const el = await panelWith();
    el.modelProgress = 0.42;
    await el.updateComplete;
    const bar = $<HTMLProgressElement>(el, '[part="model-progress"] progress')!;
    expect(bar.value).to.equal(42);
    expect($(el, '[part="model-progress"] label')!.textContent).to.contain('42 %');
    await settled(el);
    await expect(el).to.be.accessible();
    el.modelProgress = null;
    await el.updateComplete;
    expect($(el, '[part="model-progress"]')).to.equal(null);
  });

  it('speaks English when the page is in English', async () => {
    const el = await panelWith(undefined, { language: 'en' });
    expect($(el, '#dvc-title')!.textContent).to.equal('Public service assistant');
    expect($(el, '[part="panel"]')!.getAttribute('lang')).to.equal('en');
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('fills a phone screen as a modal dialog and keeps Tab inside it', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await panelWith();
    await aTimeout(50);
    await el.updateComplete;
    const dialog = $(el, '[part="panel"]')!;
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    const box = dialog.getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 360, 740]);
    $<HTMLButtonElement>(el, '[part="send"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="close"]'));
    await settled(el);
    await expect(el).to.be.accessible();
  });
});
