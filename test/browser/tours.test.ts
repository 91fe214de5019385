import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { DvcAssistant, defineDvcAssistant } from '../../src/elements/dvc-assistant/dvc-assistant.js';
import type { DvcTourStepEvent } from '../../src/events/dvc-tour.js';
import type { Tour, TourStep } from '../../src/tours/format.js';
import { locate } from '../../src/tours/locate.js';
import { canOfferHere } from '../../src/tours/catalog.js';
import { createTourOffer } from '../../src/tours/offer.js';

defineDvcAssistant();
const FIXTURE_BASE = new URL('/test/fixtures/widget/', location.href).href;
const text = (vi: string) => ({ vi, en: vi });

function step(id: string, overrides: Partial<TourStep> = {}): TourStep {
  return { id, url: '/*', title: text(`Bước ${id}`), body: text(`Nội dung ${id}`), complete: { on: 'next' }, ...overrides };
}

/** Catalogs the page's `fetch` answers, by URL (each test gets its own URL: the widget caches per URL). */
const catalogs = new Map<string, string>();
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const body = catalogs.get(url);
  return body === undefined ? realFetch(input, init) : Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }));
};
let served = 0;

/** Serves a catalog of tours on this site and returns its URL. */
function catalogUrl(...tours: Tour[]): string {
  const url = new URL(`/test-tours/${++served}.json`, location.href).href;
  catalogs.set(url, JSON.stringify({ format: 1, tours }));
  return url;
}

function tour(id: string, steps: TourStep[], version = 1): Tour {
  return { id, version, title: text(`Hướng dẫn ${id}`), start: '/*', steps };
}

const cardOf = (el: DvcAssistant) => el.shadowRoot!.querySelector<HTMLElement>('[part="tour-card"]');
const overlayOf = (el: DvcAssistant) => el.shadowRoot!.querySelector<HTMLElement>('.tour-overlay');
const stepEvent = (el: DvcAssistant) => oneEvent(el, 'dvc-tour-step') as Promise<DvcTourStepEvent>;

async function page(tours: Tour[]) {
  const wrapper = await fixture<HTMLElement>(html`
    <div>
      <form>
        <label for="name">Họ và tên của trẻ</label>
        <input id="name" data-dvc="name" required />
        <button type="button" id="send">Gửi hồ sơ</button>
      </form>
      <div class="scroller" style="height: 80px; overflow: auto">
        <div style="height: 300px"></div>
        <button type="button" data-dvc="deep">Trong khung cuộn</button>
        <div style="height: 300px"></div>
      </div>
      <div id="late"></div>
      <dvc-assistant tours=${catalogUrl(...tours)}></dvc-assistant>
    </div>
  `);
  return { wrapper, el: wrapper.querySelector('dvc-assistant')! };
}

describe('guided tours in the browser', () => {
  beforeEach(() => {
    DvcAssistant.base = FIXTURE_BASE;
    DvcAssistant.scriptLayer = {};
    sessionStorage.clear();
  });

  it('draws the overlay and card in the top layer and leaves the host DOM and styles exactly as they were', async () => {
    const { wrapper, el } = await page([tour('t', [step('a', { target: [{ dvc: 'name' }], complete: { on: 'input' } })])]);
    const before = wrapper.outerHTML;
    const sheets = el.shadowRoot!.adoptedStyleSheets.length;
    const shown = stepEvent(el);
    el.startTour('t');
    const { detail } = await shown;
    expect(detail).to.include({ tourId: 't', stepId: 'a', index: 0 });
    expect(detail.target).to.equal(wrapper.querySelector('#name'));
    expect(cardOf(el)!.matches(':popover-open')).to.be.true;
    expect(overlayOf(el)!.matches(':popover-open')).to.be.true;
    // The dimming path is the viewport plus one hole.
    expect(overlayOf(el)!.querySelector('.dim')!.getAttribute('d')!.match(/M/g)).to.have.length(2);
    expect(document.activeElement).to.equal(wrapper.querySelector('#name'));

    const abandoned = oneEvent(el, 'dvc-tour-abandon');
    el.stopTour();
    await abandoned;
    expect(cardOf(el)).to.be.null;
    expect(overlayOf(el)).to.be.null;
    expect(wrapper.outerHTML).to.equal(before);
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.equal(sheets);
    expect(sessionStorage.getItem('dvc-assistant:tour')).to.be.null;
  });

  it('moves on only when the field holds a valid value, and never takes arrow keys from the field', async () => {
    const { el, wrapper } = await page([
      tour('t', [step('a', { target: [{ dvc: 'name' }], complete: { on: 'input', pattern: '\\s' } }), step('b')]),
    ]);
    let steps = 0;
    el.addEventListener('dvc-tour-step', () => steps++);
    const shown = stepEvent(el);
    el.startTour('t');
    await shown;
    const input = wrapper.querySelector<HTMLInputElement>('#name')!;
    input.focus();
    await sendKeys({ type: 'An' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowRight' });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(steps).to.equal(1); // "An" fails the pattern (two words needed)
    expect(input.selectionStart).to.equal(2); // the caret moved, the tour did not

    await sendKeys({ type: ' Minh' });
    const next = stepEvent(el);
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await next).detail.stepId).to.equal('b');
    const abandoned = oneEvent(el, 'dvc-tour-abandon');
    await sendKeys({ press: 'Escape' });
    await abandoned;
  });

  it('waits for a late target, then falls back to a text-only step when one never comes', async () => {
    const { el, wrapper } = await page([
      tour('t', [
        step('late', { target: [{ dvc: 'late' }], wait: 2000 }),
        step('missing', { target: [{ dvc: 'nowhere' }, { text: 'Không có' }], wait: 100 }),
      ]),
    ]);
    const first = stepEvent(el);
    el.startTour('t');
    await waitUntil(() => cardOf(el)?.textContent?.includes('Đang chờ trang hiển thị'));
    const late = document.createElement('button');
    late.dataset.dvc = 'late';
    late.textContent = 'Đã tải xong';
    wrapper.querySelector('#late')!.append(late);
    expect((await first).detail.target).to.equal(late);

    const second = stepEvent(el);
    cardOf(el)!.querySelector<HTMLButtonElement>('[part="tour-next"]')!.click();
    const { detail } = await second;
    expect(detail.target).to.be.null;
    expect(cardOf(el)!.querySelector('[part="tour-ask"]')).to.exist;
    expect(cardOf(el)!.dataset.layout).to.equal('center');
    el.stopTour();
  });

  it('announces each step politely without moving focus from the page', async () => {
    const { el } = await page([tour('t', [step('a', { target: [{ dvc: 'name' }], complete: { on: 'input' } })])]);
    el.startTour('t');
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent?.includes('Bước 1 trên 1: Bước a'));
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.getAttribute('role')).to.equal('status');
    expect(document.activeElement?.id).to.equal('name'); // focus stays in the page's field
    el.stopTour();
  });

  it('does not animate the card when the citizen asks for reduced motion', async () => {
    const { el } = await page([tour('t', [step('a')])]);
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      el.startTour('t');
      await waitUntil(() => cardOf(el));
      expect(getComputedStyle(cardOf(el)!).transitionDuration).to.equal('0s');
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(getComputedStyle(cardOf(el)!).transitionDuration).to.not.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
      el.stopTour();
    }
  });

  it('clips the highlight to a nested scroll container and scrolls the target into it', async () => {
    const { el, wrapper } = await page([tour('t', [step('deep', { target: [{ dvc: 'deep' }] })])]);
    const shown = stepEvent(el);
    el.startTour('t');
    await shown;
    const scroller = wrapper.querySelector<HTMLElement>('.scroller')!;
    expect(scroller.scrollTop).to.be.greaterThan(0);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const ring = overlayOf(el)!.querySelector('.ring')!.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    expect(ring.top).to.be.at.least(box.top - 7);
    expect(ring.bottom).to.be.at.most(box.bottom + 7);
    el.stopTour();
  });

  it('resumes a tour saved in this tab as soon as the element connects, and stops a redirect loop with a hand-back', async () => {
    const t = tour('t', [step('a', { target: [{ dvc: 'name' }] })]);
    sessionStorage.setItem('dvc-assistant:tour', JSON.stringify({ tourId: 't', version: 1, step: 0, path: location.pathname, loads: 1, redirects: 0 }));
    const { el } = await page([t]);
    await waitUntil(() => cardOf(el)?.querySelector('h2')?.textContent === 'Bước a');
    const stopped = oneEvent(el, 'dvc-tour-abandon');
    el.stopTour();
    await stopped;

    sessionStorage.setItem('dvc-assistant:tour', JSON.stringify({ tourId: 't', version: 1, step: 0, path: location.pathname, loads: 9, redirects: 0 }));
    const abandoned = oneEvent(document, 'dvc-tour-abandon');
    const again = await page([t]);
    expect((await abandoned).detail.tourId).to.equal('t');
    await waitUntil(() => again.el.open, 'the conversation opens with the hand-back');
    expect(cardOf(again.el)).to.be.null;
    expect(sessionStorage.getItem('dvc-assistant:tour')).to.be.null;
  });
});

describe('finding tour targets', () => {
  it('tries locators in order and takes the first that finds a visible element, inside open shadow roots too', async () => {
    const root = await fixture<HTMLElement>(html`
      <div>
        <label for="dob">Ngày sinh <span aria-hidden="true">*</span></label><input id="dob" />
        <button type="button" hidden data-dvc="hidden">Ẩn</button>
        <button type="button"><span>Nộp</span> hồ sơ</button>
        <fieldset><legend>Giới tính <span aria-hidden="true">*</span></legend><input type="radio" name="s" /></fieldset>
        <div class="host"></div>
      </div>
    `);
    const shadow = root.querySelector('.host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button type="button" data-dvc="inside">Bên trong</button>';
    expect(locate([{ dvc: 'gone' }, { label: 'Ngày sinh' }])).to.include({ element: root.querySelector('#dob'), index: 1 });
    expect(locate([{ dvc: 'hidden' }])).to.be.null;
    expect(locate([{ role: 'button', name: 'Nộp hồ sơ' }])?.element.localName).to.equal('button');
    expect(locate([{ role: 'group', name: 'Giới tính' }])?.element.localName).to.equal('fieldset');
    expect(locate([{ text: 'Nộp hồ sơ' }])?.element.localName).to.equal('button');
    expect(locate([{ dvc: 'inside' }])?.element.getRootNode()).to.equal(shadow);
    expect(locate([{ css: '[[bad' }, { id: 'dob' }])?.index).to.equal(1);
  });
});

describe('offering a tour from an answer', () => {
  it('offers tours only from a catalog on this site, once the catalog says the tour exists', async () => {
    expect(canOfferHere('https://cdn.example/tours.json')).to.be.false;
    expect(canOfferHere('/widget/tours.json')).to.be.true;
    const url = catalogUrl(tour('co', [step('a')]));
    let changed = 0;
    const cdn = createTourOffer(() => 'https://cdn.example/tours.json', () => undefined, () => changed++);
    expect(cdn.runnable('co')).to.be.false;
    const sameSite = createTourOffer(() => url, () => undefined, () => changed++);
    expect(sameSite.runnable('co')).to.equal(undefined); // asked, not known yet
    await waitUntil(() => changed > 0);
    expect(sameSite.runnable('co')).to.be.true;
    expect(sameSite.runnable('other')).to.be.false;
  });
});
