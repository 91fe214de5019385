import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DvcAssistant, defineDvcAssistant } from '../../src/elements/dvc-assistant/dvc-assistant.js';
import type { DvcAnswerEvent } from '../../src/events/dvc-answer.js';
import type { DvcOpenEvent } from '../../src/events/dvc-open.js';
import { settled } from './helpers.js';

defineDvcAssistant();
const FIXTURE_BASE = new URL('/test/fixtures/widget/', location.href).href;

const launcherOf = (el: DvcAssistant) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
const panelOf = (el: DvcAssistant) => el.shadowRoot!.querySelector('dvc-assistant-panel')?.shadowRoot?.querySelector<HTMLElement>('[part="panel"]') ?? null;
const inPanel = <T extends Element = HTMLElement>(el: DvcAssistant, selector: string) =>
  el.shadowRoot!.querySelector('dvc-assistant-panel')?.shadowRoot?.querySelector<T>(selector) ?? null;

describe('<dvc-assistant>', () => {
  let warnings: string[];
  const originalWarn = console.warn;
  beforeEach(() => {
    DvcAssistant.base = FIXTURE_BASE;
    DvcAssistant.scriptLayer = {};
    sessionStorage.clear();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = originalWarn;
  });

  it('shows a launcher with a Vietnamese name and takes no space on the page', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none"></dvc-assistant>`);
    const launcher = launcherOf(el);
    expect(launcher.textContent!.trim()).to.equal('Hỏi trợ lý');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher.getAttribute('aria-haspopup')).to.equal('dialog');
    const box = el.getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([0, 0]);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('takes its language from the nearest lang on the page, unless told', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-GB"><dvc-assistant persist="none"></dvc-assistant></div>`);
    const el = wrapper.querySelector('dvc-assistant')!;
    expect(launcherOf(el).textContent!.trim()).to.equal('Ask the assistant');
    el.setAttribute('lang', 'vi');
    expect(launcherOf(el).textContent!.trim()).to.equal('Hỏi trợ lý');
  });

  it('layers configuration: defaults < data-* < attributes < properties', async () => {
    DvcAssistant.scriptLayer = { agency: 'Từ thẻ script', position: 'bottom-left', contact: 'Hotline A' };
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none" agency="Từ thuộc tính"></dvc-assistant>`);
    expect(el.config.position).to.equal('bottom-left');
    expect(el.config.agency).to.equal('Từ thuộc tính');
    (el as unknown as { agency: string }).agency = 'Từ thuộc tính JS';
    expect(el.config.agency).to.equal('Từ thuộc tính JS');
    expect(el.config.contact).to.equal('Hotline A');
    expect(el.config.apiType).to.equal('dvc');
    expect(launcherOf(el).dataset.position).to.equal('bottom-left');
  });

  it('warns once about a bad value, names the attribute, and ignores it', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none" position="top-center"></dvc-assistant>`);
    expect(el.config.position).to.equal('bottom-right');
    void el.config;
    el.setAttribute('agency', 'x'); // re-resolves; the same problem is not repeated
    void el.config;
    expect(warnings).to.deep.equal([
      'dvc-assistant: the attribute position must be one of bottom-right, bottom-left; got "top-center"; it is ignored.',
    ]);
  });

  it('opens from the launcher, loading the app, and moves focus into the panel', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none"></dvc-assistant>`);
    const opened = oneEvent(el, 'dvc-open') as Promise<DvcOpenEvent>;
    launcherOf(el).click();
    expect((await opened).detail.source).to.equal('launcher');
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    await waitUntil(() => panelOf(el), 'the panel did not appear', { timeout: 5000 });
    await waitUntil(() => el.shadowRoot!.querySelector('dvc-assistant-panel')!.shadowRoot!.activeElement?.id === 'dvc-question', undefined, { timeout: 5000 });
    expect(launcherOf(el).getAttribute('aria-expanded')).to.equal('true');
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none"></dvc-assistant>`);
    launcherOf(el).click();
    await waitUntil(() => inPanel(el, 'input'));
    inPanel<HTMLInputElement>(el, 'input')!.focus();
    const closed = oneEvent(el, 'dvc-close');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail.source).to.equal('escape');
    expect(el.open).to.equal(false);
    await waitUntil(() => !panelOf(el), undefined, { timeout: 5000 });
    expect(el.shadowRoot!.activeElement).to.equal(launcherOf(el));
  });

  it('closes from its close button and gives focus back to the launcher', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none"></dvc-assistant>`);
    launcherOf(el).click();
    await waitUntil(() => inPanel(el, '[part="close"]'), 'no close button', { timeout: 5000 });
    const closed = oneEvent(el, 'dvc-close');
    inPanel<HTMLButtonElement>(el, '[part="close"]')!.click();
    expect((await closed).detail.source).to.equal('close-button');
    expect(el.shadowRoot!.activeElement).to.equal(launcherOf(el));
    expect(launcherOf(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('answers ask() from the real engine, even when called before the app has loaded', async () => {
    const el = document.createElement('dvc-assistant');
    el.setAttribute('persist', 'none');
    el.setAttribute('corpus', `${FIXTURE_BASE}corpus.json`);
    el.ask('làm giấy khai sinh cho con');
    document.body.append(el);
    try {
      const answered = (await oneEvent(el, 'dvc-answer')) as DvcAnswerEvent;
      expect(answered.detail.decision).to.equal('answer');
      expect(answered.detail.topic).to.equal('khai-sinh');
      await waitUntil(() => inPanel(el, '[part="answer"]'), 'no answer card', { timeout: 5000 });
      expect(el.open).to.equal(true);
    } finally {
      el.remove();
    }
  });

  it('fetches the corpus again at the next question after a failed download', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none" corpus=${`${FIXTURE_BASE}flaky-corpus.json`}></dvc-assistant>`);
    el.ask('làm giấy khai sinh cho con');
    await waitUntil(() => inPanel(el, '.msg--assistant .bubble'), 'no error message', { timeout: 5000 });
    expect(inPanel(el, '.msg--assistant .bubble')!.textContent).to.contain('đang gặp sự cố');
    el.ask('làm giấy khai sinh cho con');
    await waitUntil(() => inPanel(el, '[part="answer"]'), 'the second question was not answered', { timeout: 5000 });
  });

  it('shows the panel when created with open, and hide() closes it', async () => {
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none" open></dvc-assistant>`);
    await waitUntil(() => panelOf(el), undefined, { timeout: 5000 });
    el.hide();
    await waitUntil(() => !panelOf(el), undefined, { timeout: 5000 });
    el.open = true;
    await waitUntil(() => panelOf(el), undefined, { timeout: 5000 });
    expect(el.getAttribute('open')).to.equal('');
  });

  it('opens at once when the script tag says data-open', async () => {
    DvcAssistant.scriptLayer = { open: '' };
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none"></dvc-assistant>`);
    expect(el.open).to.equal(true);
    await waitUntil(() => panelOf(el), 'the panel did not appear', { timeout: 5000 });
  });

  it('reopens on the next page of the tab when it was left open', async () => {
    const first = await fixture<DvcAssistant>(html`<dvc-assistant></dvc-assistant>`);
    first.show();
    first.remove();
    const next = await fixture<DvcAssistant>(html`<dvc-assistant></dvc-assistant>`);
    expect(next.open).to.equal(true);
    await waitUntil(() => panelOf(next), undefined, { timeout: 5000 });
  });

  it('turns itself off quietly when the app cannot be loaded', async () => {
    DvcAssistant.base = new URL('/no-such-folder/', location.href).href;
    const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="none"></dvc-assistant>`);
    launcherOf(el).click();
    await waitUntil(() => el.hidden, 'the widget did not turn off', { timeout: 5000 });
    expect(warnings.length).to.equal(1);
    expect(warnings[0]).to.match(/^dvc-assistant: the app could not be loaded from .*no-such-folder/);
  });

  it("lets the page style the documented parts, including the panel's", async () => {
    const style = document.createElement('style');
    style.textContent = `
      dvc-assistant.themed::part(launcher) { border-radius: 3px; }
      dvc-assistant.themed::part(panel) { border-radius: 4px; }
      dvc-assistant.themed::part(input) { letter-spacing: 1px; }
      dvc-assistant.themed { --dvc-accent: rgb(1, 2, 3); }`;
    document.head.append(style);
    try {
      const el = await fixture<DvcAssistant>(html`<dvc-assistant class="themed" persist="none"></dvc-assistant>`);
      expect(getComputedStyle(launcherOf(el)).borderRadius).to.equal('3px');
      expect(getComputedStyle(launcherOf(el)).backgroundColor).to.equal('rgb(1, 2, 3)');
      el.show();
      await waitUntil(() => inPanel(el, 'input'));
      expect(getComputedStyle(panelOf(el)!).borderRadius).to.equal('4px');
      expect(getComputedStyle(inPanel(el, 'input')!).letterSpacing).to.equal('1px');
    } finally {
      style.remove();
    }
  });

  it('keeps the conversation in IndexedDB with persist="local"', async () => {
    const ask = async () => {
      const el = await fixture<DvcAssistant>(html`<dvc-assistant persist="local" corpus=${`${FIXTURE_BASE}corpus.json`}></dvc-assistant>`);
      el.ask('làm giấy khai sinh cho con');
      await waitUntil(() => inPanel(el, '[part="answer"]'), 'no answer card', { timeout: 5000 });
      el.remove();
    };
    await ask();
    sessionStorage.clear(); // nothing may come from the session
    const again = await fixture<DvcAssistant>(html`<dvc-assistant persist="local"></dvc-assistant>`);
    again.show();
    await waitUntil(() => inPanel(again, '[part="answer"]'), 'the conversation was not restored', { timeout: 5000 });
    expect(inPanel(again, '.footer')!.textContent).to.contain('Cuộc trò chuyện được lưu trên thiết bị này.');
    inPanel<HTMLButtonElement>(again, '[part="clear"]')!.click();
    await waitUntil(() => !inPanel(again, '[part="answer"]'));
    again.remove();
    const cleared = await fixture<DvcAssistant>(html`<dvc-assistant persist="local"></dvc-assistant>`);
    cleared.show();
    await waitUntil(() => inPanel(cleared, '.greeting'));
    expect(inPanel(cleared, '[part="message"]')).to.equal(null);
  });

  it('is a harmless no-op when defined a second time', () => {
    expect(defineDvcAssistant()).to.equal(false);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('already defined');
  });
});
