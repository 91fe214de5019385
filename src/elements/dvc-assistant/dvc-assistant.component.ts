import { layerFromDataset, mergeConfig, optionForAttribute, parseOption, type RawLayer } from '../../config/config.js';
import { OPTIONS, type ConfigKey, type DvcConfig, type Lang } from '../../config/schema.js';
import { VERSION } from '../../define.js';
import { DvcCloseEvent } from '../../events/dvc-close.js';
import { DvcOpenEvent, type ToggleSource } from '../../events/dvc-open.js';
import { LAUNCHER_MESSAGES } from '../../i18n/launcher.js';
import { langFromTag } from '../../i18n/lang.js';
import { promoteToTopLayer } from '../../internal/top-layer.js';
import { warnOnce } from '../../internal/warn.js';
import { hasTourProgress, clearTourProgress } from '../../tours/progress-key.js';
import { TOURS_ENTRY, type MountTours, type TourHandle } from '../../tours/tour-contract.js';
import { APP_ENTRY, type AppHandle, type HostContext, type MountApp } from './app-contract.js';
import { HOST_STYLES } from './dvc-assistant.styles.js';

const OPEN_KEY = 'dvc-assistant:open';
const IDLE_TIMEOUT_MS = 4000;
const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'scroll'] as const;

/**
 * The assistant's host element: the one thing the loader puts on a page.
 *
 * It is deliberately small and framework-free, because it ships inside the 8 KB loader:
 * it reads configuration (defaults < the script's `data-*` < attributes < properties),
 * draws the launcher, offers the public API at once, and loads the Lit app chunk on idle,
 * on the first interaction, or when the launcher is pressed. Calls made before that
 * chunk has arrived are remembered and carried out afterwards.
 *
 * @summary On-page assistant for public services: offline answers, guided steps, handoff.
 * @fires dvc-open - The panel opened. `detail: { source }`.
 * @fires dvc-close - The panel closed. `detail: { source }`.
 * @fires dvc-answer - An answer was given from the corpus. `detail: { query, decision, id, topic, lang, mode }`.
 * @fires dvc-handoff-request - Cancelable; before a (redacted) question leaves for the central API. `detail: { question, candidates }`.
 * @fires dvc-handoff - After a handoff. `detail: { handoffId, status }` (`answered`, `queued`, `failed`).
 * @fires dvc-feedback - A vote, a missing-answer report or a survey rating. `detail: { targetId, kind, rating? }`.
 * @fires dvc-vitals - web-vitals of the page and whether the widget caused them (unless `telemetry="off"`).
 * @fires dvc-tour-start - A guided tour started. `detail: { tourId }`.
 * @fires dvc-tour-step - A tour step is shown. `detail: { tourId, stepId, index, target }` (`target` null: text-only step).
 * @fires dvc-tour-complete - The citizen finished a tour. `detail: { tourId }`.
 * @fires dvc-tour-abandon - A tour ended early (stopped, Escape, handed back). `detail: { tourId }`.
 * @csspart launcher - The round button that opens the assistant.
 * @csspart launcher-badge - The count of unseen updates (answers from the outbox, followed dossiers that changed).
 * @csspart panel - The dialog.
 * @csspart input - The question field.
 * @csspart send - The send button.
 * @csspart message - Each message in the conversation.
 * @csspart answer - Each answer card.
 * @csspart suggestions - The "Có phải bạn muốn hỏi…" list and the greeting's suggested questions.
 * @csspart consent - The notice before the first handoff; `consent-accept` and `consent-decline` are its buttons.
 * @csspart handoff-status - What is happening to a handed-off question (sending, retrying, queued, …).
 * @csspart dossier - A dossier's status card; `dossier-lookup` and `dossier-follow` are its buttons.
 * @csspart feedback - The 👍/👎 group under an answer (`feedback-up`, `feedback-down`, `feedback-reason`, `feedback-send`).
 * @csspart report-missing - "Báo câu hỏi chưa có câu trả lời".
 * @csspart survey - The 1–5 satisfaction survey (`survey-rating`, `survey-send`).
 * @csspart tour-card - The step card of a guided tour.
 * @csspart tour-next - The card's "Tiếp" / "Xong" button.
 * @csspart tour-close - The card's close (stop the guide) button.
 * @cssprop [--dvc-accent=#0f4c81] - Launcher, header and buttons.
 * @cssprop [--dvc-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--dvc-font=system-ui] - Font family.
 * @cssprop [--dvc-radius=0.75em] - Corner radius of the panel and cards.
 * @cssprop [--dvc-offset=1.25em] - Distance of the launcher and panel from the viewport edge.
 * @cssprop [--dvc-z-index=2147483000] - Stacking order where the top layer is not available.
 */
export class DvcAssistant extends HTMLElement {
  static readonly version = VERSION;
  static readonly observedAttributes = OPTIONS.map((o) => o.attribute);

  /** Set once by the loader: where the script came from and its `data-*` options. */
  static base = new URL('./', document.baseURI).href;
  static scriptLayer: RawLayer = {};

  private readonly launcher: HTMLButtonElement;
  private readonly launcherLabel: HTMLSpanElement;
  private readonly badge: HTMLSpanElement;
  private propertyLayer: RawLayer = {};
  private resolved: DvcConfig | null = null;
  private app: AppHandle | null = null;
  private loading: Promise<AppHandle | null> | null = null;
  private pendingQuestions: string[] = [];
  private tourEngine: Promise<TourHandle | null> | null = null;
  private teardowns: (() => void)[] = [];
  private reflectingOpen = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HOST_STYLES);
    root.adoptedStyleSheets = [sheet];

    this.launcher = document.createElement('button');
    this.launcher.type = 'button';
    this.launcher.className = 'launcher';
    this.launcher.setAttribute('part', 'launcher');
    this.launcher.setAttribute('aria-haspopup', 'dialog');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.append(chatIcon());
    this.launcherLabel = document.createElement('span');
    this.launcher.append(this.launcherLabel);
    this.badge = document.createElement('span');
    this.badge.className = 'badge';
    this.badge.setAttribute('part', 'launcher-badge');
    this.badge.hidden = true;
    this.launcher.append(this.badge);
    this.launcher.addEventListener('click', () => this.setOpen(!this.open, 'launcher', true));
    root.append(this.launcher);
  }

  connectedCallback(): void {
    this.resolved = null;
    this.render();
    this.teardowns.push(promoteToTopLayer(this.launcher), this.scheduleLoad());
    // A guide in progress in this tab continues on this page, panel open or not.
    if (hasTourProgress()) void this.loadTours().then((tours) => tours?.resume());
    if (this.open || this.openedByScript()) {
      this.setOpen(true, 'attribute', false);
    } else if (this.config.persist !== 'none' && readSession(OPEN_KEY) === '1') {
      this.setOpen(true, 'restore', false);
    }
  }

  disconnectedCallback(): void {
    for (const teardown of this.teardowns.splice(0)) teardown();
    void this.tourEngine?.then((tours) => tours?.dispose());
    this.tourEngine = null;
    this.app?.dispose();
    this.app = null;
    this.loading = null;
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (oldValue === newValue) return;
    this.resolved = null;
    if (name === 'open' && !this.reflectingOpen && this.isConnected) {
      this.setOpen(newValue !== null, 'attribute', false);
      return;
    }
    if (!optionForAttribute(name)) return;
    this.render();
    this.app?.update();
  }

  /** The effective configuration, after every layer and its validation. */
  get config(): Readonly<DvcConfig> {
    if (!this.resolved) {
      const attributes: RawLayer = {};
      for (const option of OPTIONS) {
        if (option.key === 'open') continue;
        const value = this.getAttribute(option.attribute);
        if (value !== null) attributes[option.key] = value;
      }
      this.resolved = mergeConfig(
        [
          { layer: DvcAssistant.scriptLayer, source: (o) => `the script's data-${o.attribute}` },
          { layer: attributes, source: (o) => `the attribute ${o.attribute}` },
          { layer: this.propertyLayer, source: (o) => `the property ${o.key}` },
        ],
        document.baseURI,
        (problem) => warnOnce(`${problem.source} ${problem.message}; it is ignored.`),
      );
      this.resolved.open = this.hasAttribute('open');
    }
    return this.resolved;
  }

  /** Interface language: the `lang` option, else the nearest `lang` on the page. */
  override get lang(): Lang {
    return this.config.lang ?? langFromTag(this.closest('[lang]')?.getAttribute('lang'));
  }
  override set lang(value: Lang) {
    this.setProperty('lang', value);
  }

  /** Whether the panel is open. Reflects to the `open` attribute. */
  get open(): boolean {
    return this.hasAttribute('open');
  }
  set open(value: boolean) {
    this.setOpen(Boolean(value), 'api', false);
  }

  /** Opens the panel (loading the app first when needed). */
  show(): void {
    this.setOpen(true, 'api', true);
  }

  /** Closes the panel. */
  hide(): void {
    this.setOpen(false, 'api', false);
  }

  /** Opens the panel and asks a question, as if the citizen had typed it. */
  ask(text: string): void {
    if (typeof text !== 'string' || !text.trim()) return;
    this.pendingQuestions.push(text);
    this.setOpen(true, 'api', true);
    void this.load().then((app) => app && this.flushQuestions(app));
  }

  /** Starts a guided tour by id (loading the tour engine first); it may begin on another page. */
  startTour(id: string): void {
    if (typeof id !== 'string' || !id.trim()) return;
    void this.loadTours().then((tours) => tours?.start(id.trim()));
  }

  /** Stops the guided tour in progress, if any, and forgets its progress. */
  stopTour(): void {
    if (this.tourEngine) void this.tourEngine.then((tours) => tours?.stop());
    else clearTourProgress();
  }

  private setProperty(key: ConfigKey, value: unknown): void {
    this.propertyLayer = { ...this.propertyLayer, [key]: value };
    this.resolved = null;
    this.render();
    this.app?.update();
  }

  private setOpen(open: boolean, source: ToggleSource, focus: boolean): void {
    const changed = open !== this.open;
    this.reflectingOpen = true;
    this.toggleAttribute('open', open);
    this.reflectingOpen = false;
    this.resolved = null;
    if (this.config.persist !== 'none') writeSession(OPEN_KEY, open ? '1' : null);
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      this.launcher.setAttribute('aria-busy', String(!this.app));
      this.render();
      void this.load().then((app) => {
        // The citizen may have closed it again while the chunk was on its way.
        if (app && this.open) app.setOpen(true, focus);
      });
    } else {
      this.app?.setOpen(false, false);
      if (source === 'escape' || source === 'close-button' || source === 'launcher') this.launcher.focus();
    }
    if (changed) this.dispatchEvent(open ? new DvcOpenEvent(source) : new DvcCloseEvent(source));
  }

  private render(): void {
    const busy = this.launcher.getAttribute('aria-busy') === 'true';
    const messages = LAUNCHER_MESSAGES[this.lang];
    this.launcherLabel.textContent = messages[busy ? 'launcherLoading' : 'launcher'];
    const count = Number(this.badge.dataset.count ?? 0);
    this.badge.hidden = count < 1;
    // The number is what is seen; the phrase is what is read out, with the launcher's name.
    const seen = document.createElement('span');
    seen.setAttribute('aria-hidden', 'true');
    seen.textContent = String(count);
    const heard = document.createElement('span');
    heard.className = 'sr-only';
    heard.textContent = ` (${messages.launcherBadge.replace('{count}', String(count))})`;
    this.badge.replaceChildren(...(count > 0 ? [seen, heard] : []));
    this.launcher.dataset.position = this.config.position;
  }

  /** Loads the app chunk once; a failure leaves the page as if the widget were absent. */
  private load(): Promise<AppHandle | null> {
    this.loading ??= import(/* @vite-ignore */ new URL(APP_ENTRY, DvcAssistant.base).href)
      .then((module: { mount: MountApp }) => {
        if (!this.isConnected) return null;
        this.app = module.mount(this.context());
        this.launcher.removeAttribute('aria-busy');
        this.render();
        this.flushQuestions(this.app);
        return this.app;
      })
      .catch((error: unknown) => {
        warnOnce(`the app could not be loaded from ${DvcAssistant.base} (${String(error)}); the assistant is off on this page.`);
        this.hidden = true;
        return null;
      });
    return this.loading;
  }

  /** Loads the tour chunk once; without it the page simply has no guided tours. */
  private loadTours(): Promise<TourHandle | null> {
    this.tourEngine ??= import(/* @vite-ignore */ new URL(TOURS_ENTRY, DvcAssistant.base).href)
      .then((module: { mountTours: MountTours }) =>
        module.mountTours({
          element: this,
          root: this.shadowRoot!,
          lang: () => this.lang,
          toursUrl: () => this.config.tours ?? new URL('tours.json', DvcAssistant.base).href,
          closePanel: () => this.setOpen(false, 'api', false),
          handBack: (message) => {
            this.setOpen(true, 'api', false);
            void this.load().then((app) => app?.notify(message));
          },
        }),
      )
      .catch((error: unknown) => {
        warnOnce(`the guided tours could not be loaded (${String(error)}).`);
        return null;
      });
    return this.tourEngine;
  }

  /** `data-open` on the script tag opens the panel on every page that carries it. */
  private openedByScript(): boolean {
    const raw = DvcAssistant.scriptLayer.open;
    if (raw === undefined) return false;
    const parsed = parseOption('open', raw, document.baseURI);
    return 'value' in parsed && parsed.value === true;
  }

  private flushQuestions(app: AppHandle): void {
    for (const question of this.pendingQuestions.splice(0)) app.ask(question);
  }

  private scheduleLoad(): () => void {
    const start = () => {
      stop();
      void this.load();
    };
    const idle = 'requestIdleCallback' in window
      ? requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS })
      : setTimeout(start, IDLE_TIMEOUT_MS);
    for (const type of INTERACTIONS) addEventListener(type, start, { once: true, passive: true, capture: true });
    const stop = () => {
      if ('cancelIdleCallback' in window) cancelIdleCallback(idle as number);
      else clearTimeout(idle);
      for (const type of INTERACTIONS) removeEventListener(type, start, { capture: true });
    };
    return stop;
  }

  private context(): HostContext {
    return {
      element: this,
      root: this.shadowRoot!,
      base: DvcAssistant.base,
      version: VERSION,
      config: () => this.config,
      lang: () => this.lang,
      requestClose: (source) => this.setOpen(false, source, false),
      setBadge: (count) => {
        this.badge.dataset.count = String(Math.max(0, Math.floor(count)));
        this.render();
      },
      startTour: (id) => this.startTour(id),
    };
  }
}

// Every other option is a property too; values go through the same schema.
for (const option of OPTIONS) {
  if (option.key === 'open' || option.key === 'lang') continue;
  Object.defineProperty(DvcAssistant.prototype, option.key, {
    configurable: true,
    enumerable: true,
    get(this: DvcAssistant) {
      return this.config[option.key];
    },
    set(this: DvcAssistant, value: unknown) {
      (this as unknown as { setProperty(k: ConfigKey, v: unknown): void }).setProperty(option.key, value);
    },
  });
}

/** Reads the loader script's own `data-*` options. */
export function scriptLayerFrom(script: HTMLScriptElement | null): RawLayer {
  return script ? layerFromDataset({ ...script.dataset }) : {};
}

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null; // Storage blocked: nothing to restore.
  }
}

function writeSession(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked: the open state simply is not restored on the next page.
  }
}

function chatIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9.4l-4.7 3.6A1 1 0 0 1 3 20.8V5a2 2 0 0 1 1-2Zm3 5.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z',
  );
  svg.append(path);
  return svg;
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-assistant': DvcAssistant;
  }
}
