import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { DvcConfig, Lang } from '../../config/schema.js';
import { ConversationController, type ConversationServices } from '../../controllers/conversation.controller.js';
import type { AssistantMessage, Message, SuggestedEntry } from '../../conversation/messages.js';
import type { ToggleSource } from '../../events/dvc-open.js';
import { formatDate, list, t, type MessageKey } from '../../i18n/i18n.js';
import { promoteToTopLayer } from '../../internal/top-layer.js';
import { renderMarkdown } from '../../markdown/render-markdown.js';
import { panelStyles } from './dvc-assistant-panel.styles.js';
import { readPending } from '../../storage/pending.js';
import type { HandoffUi } from './handoff-ui.js';
import type { ViewContext } from './handoff-views.js';
import { clearIcon, closeIcon, sendIcon } from './icons.js';
import type { TourOffer } from '../../tours/offer.js';
import { renderTourOffer } from './tour-offer.js';

const PHONE_QUERY = '(max-width: 480px)';
const ANNOUNCE_CLEAR_MS = 1500;

/**
 * The assistant's panel: header, conversation, question field. Rendered by the app chunk
 * inside `<dvc-assistant>`'s shadow root, which re-exports its parts.
 *
 * @summary The dialog of the assistant (internal; use `<dvc-assistant>`).
 * @csspart panel - The dialog.
 * @csspart input - The question field.
 * @csspart send - The send button.
 * @csspart message - Each message.
 * @csspart answer - Each answer card.
 * @csspart suggestions - Each list of suggested questions or entries.
 */
export class DvcAssistantPanel extends LitElement {
  static override styles = panelStyles;

  /** Interface language (not `lang`, which every element already has). */
  @property({ attribute: false }) language: Lang = 'vi';
  @property({ attribute: false }) config: Readonly<DvcConfig> | null = null;
  @property({ type: Boolean, reflect: true }) open = false;
  /** Services the conversation needs; set before the element is connected. */
  @property({ attribute: false }) services: ConversationServices | null = null;
  /** Share of the embedding model downloaded, in [0, 1]; `null` when nothing is downloading. */
  @property({ attribute: false }) modelProgress: number | null = null;
  /** Which guided tours answers may offer here; `null`: none. */
  @property({ attribute: false }) tours: TourOffer | null = null;
  /** Called when the citizen closes the panel from inside (button or Escape). */
  @property({ attribute: false }) onRequestClose: (source: ToggleSource) => void = () => {};
  /** Called with the number of unseen updates (answers from the outbox, followed dossiers) for the launcher. */
  @property({ attribute: false }) onBadge: (count: number) => void = () => {};

  @state() private announcement = '';
  @state() private hint = '';
  @state() private phone = false;

  @query('.panel') private panel?: HTMLElement;
  @query('input') private input?: HTMLInputElement;
  @query('.log') private log?: HTMLElement;
  @query('h2') private heading?: HTMLElement;

  private conversation: ConversationController | null = null;
  /** Handoff, dossiers, feedback: a lazy chunk (`handoff-ui.ts`), `null` until it has arrived. */
  private ui: HandoffUi | null = null;
  private uiLoading: Promise<void> | null = null;
  private repliesBeforeUi: AssistantMessage[] = [];
  private teardowns: (() => void)[] = [];
  private hideTopLayer: () => void = () => {};
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastMessageCount = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.conversation && this.services) {
      this.conversation = new ConversationController(this, this.services, () => ({
        lang: this.language,
        threshold: this.config?.threshold ?? null,
      }));
      this.conversation.onReply = (reply) => {
        if (this.ui) this.ui.handoff.onReply(reply);
        else {
          this.repliesBeforeUi.push(reply);
          void this.loadUi();
        }
      };
      // Something waits in the outbox or the follow list: the handoff UI comes now to deal with it.
      const pending = readPending();
      if (this.config?.api && (pending.outbox || pending.follows)) void this.loadUi();
    }
    const phone = matchMedia(PHONE_QUERY);
    const onPhone = () => (this.phone = phone.matches);
    onPhone();
    phone.addEventListener('change', onPhone);
    this.teardowns.push(() => phone.removeEventListener('change', onPhone), this.followVisualViewport());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const teardown of this.teardowns.splice(0)) teardown();
    this.hideTopLayer();
    clearTimeout(this.announceTimer);
  }

  /** Moves focus into the panel: the question field, or the heading on phones (no surprise keyboard). */
  async focusStart(): Promise<void> {
    await this.updateComplete;
    if (this.phone || matchMedia('(pointer: coarse)').matches) this.heading?.focus();
    else this.input?.focus();
  }

  /** Adds a message from the assistant (a guided tour handing back) and reads it out. */
  async notify(text: string): Promise<void> {
    await this.conversation?.notify(text);
    this.announce(text);
  }

  /** Asks a question as if the citizen had typed it. */
  async ask(text: string): Promise<void> {
    await this.submit(text);
  }

  /** Loads the handoff UI chunk once; a failure leaves the plain conversation working. */
  private loadUi(): Promise<void> {
    this.uiLoading ??= import('./handoff-ui.js')
      .then(({ createHandoffUi }) => {
        if (!this.conversation || this.ui) return;
        this.ui = createHandoffUi(this, this.conversation, {
          config: () => this.config,
          lang: () => this.language,
          events: this.services!.events,
          announce: (text: string) => this.announce(text),
          keepFocus: () => this.keepFocus(),
          isOpen: () => this.open,
          setBadge: (n) => this.onBadge(n),
        });
        const root = this.shadowRoot;
        if (root && this.ui.styles) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.ui.styles];
        for (const reply of this.repliesBeforeUi.splice(0)) this.ui.handoff.onReply(reply);
        if (this.open) void this.ui.handoff.opened();
        this.requestUpdate();
      })
      .catch((error: unknown) => {
        console.info('dvc-assistant: the handoff UI could not be loaded', error);
        this.uiLoading = null;
      });
    return this.uiLoading;
  }

  private viewContext(ui: HandoffUi): ViewContext {
    return {
      lang: this.language,
      config: this.config,
      handoff: ui.handoff,
      feedback: ui.feedback,
      // The central API may name any tour; only one that can run on this site is offered.
      canStartTour: (id) => this.tours?.runnable(id) === true,
      startTour: (id) => this.tours?.start(id),
    };
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      this.hideTopLayer();
      this.hideTopLayer = this.open && this.panel ? promoteToTopLayer(this.panel) : () => {};
      // Closing stops what is being sent (it stays in the outbox); opening sends what waits.
      if (this.open) {
        if (this.ui) void this.ui.handoff.opened();
        else void this.loadUi();
      } else if (changed.get('open') === true) this.ui?.handoff.abortAll();
    }
    const count = this.conversation?.messages.length ?? 0;
    const grew = count > this.lastMessageCount;
    this.lastMessageCount = count;
    // A reopened panel (or the next page's) shows where the conversation left off.
    if (grew || (changed.has('open') && this.open)) this.revealNewest();
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const lang = this.language;
    const agency = this.config?.agency;
    const messages = this.conversation?.messages ?? [];
    return html`
      <section
        part="panel"
        class="panel"
        role="dialog"
        aria-modal=${this.phone ? 'true' : 'false'}
        aria-labelledby="dvc-title"
        lang=${lang}
        data-position=${this.config?.position ?? 'bottom-right'}
        @keydown=${this.onKeydown}
      >
        <div class="header">
          <div class="header__text">
            <h2 id="dvc-title" tabindex="-1">${t(lang, 'title')}</h2>
            <p>${agency ? t(lang, 'subtitleAgency', { agency }) : t(lang, 'subtitle')}</p>
          </div>
          ${messages.length
            ? html`<button type="button" class="icon-button" part="clear" aria-label=${t(lang, 'clear')} title=${t(lang, 'clear')} @click=${this.onClear}>${clearIcon}</button>`
            : nothing}
          <button type="button" class="icon-button" part="close" aria-label=${t(lang, 'close')} title=${t(lang, 'close')} @click=${this.onClose}>${closeIcon}</button>
        </div>
        ${this.renderModelProgress()}
        <div class="log" tabindex="0" aria-label=${t(lang, 'title')}>
          ${messages.length ? nothing : this.renderGreeting()}
          <ol class="messages">
            ${repeat(messages, (m) => m.id, (m) => this.renderMessage(m))}
            ${this.conversation?.busy ? html`<li class="msg msg--assistant typing">${t(lang, 'searching')}</li>` : nothing}
          </ol>
          ${this.ui ? this.ui.views.renderSurvey(this.viewContext(this.ui)) : nothing}
        </div>
        <form class="composer" @submit=${this.onSubmit} novalidate>
          <label class="sr-only" for="dvc-question">${t(lang, 'inputLabel')}</label>
          <input
            id="dvc-question"
            part="input"
            type="text"
            name="question"
            autocomplete="off"
            enterkeyhint="send"
            maxlength="500"
            placeholder=${t(lang, 'inputPlaceholder')}
            aria-describedby=${this.hint ? 'dvc-hint' : nothing}
            @input=${() => (this.hint = '')}
          />
          <button type="submit" class="send" part="send" aria-label=${t(lang, 'send')} title=${t(lang, 'send')}>${sendIcon}</button>
        </form>
        ${this.hint ? html`<p id="dvc-hint" class="hint">${this.hint}</p>` : nothing}
        <p class="footer">${t(lang, 'footer')} ${this.storageNote()}</p>
        <div class="sr-only" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </section>
    `;
  }

  /** While the model downloads: answers keep coming (by keywords), and the bar says why it may get better. */
  private renderModelProgress(): TemplateResult | typeof nothing {
    if (this.modelProgress === null) return nothing;
    const percent = Math.round(this.modelProgress * 100);
    return html`<div class="model-progress" part="model-progress">
      <label for="dvc-model-progress">${t(this.language, 'modelLoading', { percent: String(percent) })}</label>
      <progress id="dvc-model-progress" max="100" value=${percent}></progress>
    </div>`;
  }

  private renderGreeting(): TemplateResult {
    const lang = this.language;
    return html`
      <div class="greeting">
        <p>${t(lang, 'greeting')}</p>
        <h3 id="dvc-common">${t(lang, 'greetingSuggestions')}</h3>
        <ul class="chips" part="suggestions" aria-labelledby="dvc-common">
          ${list(lang, 'suggestedQuestions').map(
            (q) => html`<li><button type="button" class="chip" @click=${() => this.submitFromChip(q)}>${q}</button></li>`,
          )}
        </ul>
      </div>
    `;
  }

  private renderMessage(message: Message): TemplateResult {
    const lang = this.language;
    if (message.role === 'user') {
      return html`<li part="message" class="msg msg--user" data-id=${message.id}>
        <span class="sr-only">${t(lang, 'you')}: </span>
        <p>${message.text}</p>
      </li>`;
    }
    const body = (() => {
      switch (message.kind) {
        case 'answer': {
          const entry = message.entry;
          const sanitizedHtml = renderMarkdown(entry.answer);
          return html`<article part="answer" class="answer" lang=${entry.lang} data-entry=${entry.id}>
            <h3>${entry.title}</h3>
            <div class="answer__body">${unsafeHTML(sanitizedHtml)}</div>
            <div class="answer__meta">
              <p>${t(lang, 'updated', { date: formatDate(lang, entry.updated) })}</p>
              ${this.ui ? this.ui.views.renderFeedback(message.id, entry.id, this.viewContext(this.ui)) : nothing}
              ${entry.sources.length
                ? html`<p>${t(lang, 'sources')}:</p>
                    <ul>
                      ${entry.sources.map(
                        (url) => html`<li><a href=${url} target="_blank" rel="noopener noreferrer">${hostOf(url)}<span class="sr-only"> ${t(lang, 'openLink')}</span></a></li>`,
                      )}
                    </ul>`
                : nothing}
            </div>
            ${renderTourOffer(lang, entry.tour, this.tours)}
          </article>`;
        }
        case 'suggest':
          return html`<div class="bubble">
            <p>${t(lang, 'suggestIntro')}</p>
            ${this.renderChoices(message.suggestions)}
          </div>`;
        case 'handoff':
          if (this.config?.api) {
            return this.ui ? this.ui.views.renderHandoff(message, this.viewContext(this.ui)) : html`<div class="bubble"><p>${t(lang, 'handoff')}</p></div>`;
          }
          return html`<div class="bubble">
            <p>${t(lang, 'handoff')}</p>
            <p>${this.config?.contact ? t(lang, 'contactAgency', { contact: this.config.contact }) : t(lang, 'contactDefault')}</p>
            ${this.ui ? this.ui.views.renderMissing(message.id, message.candidates?.[0]?.id ?? 'unanswered', message.query, this.viewContext(this.ui)) : nothing}
          </div>`;
        case 'remote':
          return this.ui
            ? this.ui.views.renderRemote(message, this.viewContext(this.ui))
            : html`<article part="answer" class="answer"><div class="answer__body">${unsafeHTML(renderMarkdown(message.answer))}</div></article>`;
        case 'dossier-offer':
          return this.ui ? this.ui.views.renderDossierOffer(message, this.viewContext(this.ui)) : html`<div class="bubble" aria-busy="true"></div>`;
        case 'dossier':
          return this.ui ? this.ui.views.renderDossier(message, this.viewContext(this.ui)) : html`<div class="bubble" aria-busy="true">${message.code}</div>`;
        case 'error':
          return html`<div class="bubble"><p>${t(lang, 'searchFailed')}</p></div>`;
        case 'notice':
          return html`<div class="bubble"><p>${message.text}</p></div>`;
      }
    })();
    return html`<li part="message" class="msg msg--assistant" data-id=${message.id}>
      <span class="sr-only">${t(lang, 'assistant')}: </span>${body}
    </li>`;
  }

  private renderChoices(suggestions: SuggestedEntry[]): TemplateResult {
    return html`<ul class="chips" part="suggestions">
      ${suggestions.map(
        (s) => html`<li><button type="button" class="chip" lang=${s.lang} @click=${() => this.choose(s)}>${s.title}</button></li>`,
      )}
    </ul>`;
  }

  private storageNote(): string {
    const kind = this.conversation?.storageKind;
    const key: MessageKey = kind === 'local' ? 'storedLocal' : kind === 'memory' ? 'storedNone' : 'storedSession';
    return t(this.language, key);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.input;
    if (!input) return;
    if (!input.value.trim()) {
      this.hint = t(this.language, 'emptyQuestion');
      input.focus();
      return;
    }
    const text = input.value;
    input.value = '';
    void this.submit(text);
  }

  private async submit(text: string): Promise<void> {
    const reply = await this.conversation?.ask(text);
    if (reply) this.announce(reply.kind === 'answer' ? reply.entry.title : reply.kind === 'notice' ? reply.text : this.plainTextOf(reply.kind === 'suggest' || reply.kind === 'error' ? reply.kind : 'handoff'));
  }

  /** A pressed chip disappears with the greeting, so focus moves on before it does. */
  private submitFromChip(text: string): void {
    this.keepFocus();
    void this.submit(text);
  }

  private async choose(suggestion: SuggestedEntry): Promise<void> {
    this.keepFocus();
    await this.conversation?.showEntry(suggestion);
    this.announce(suggestion.title);
  }

  /**
   * Where focus waits for the next step: the question field, or on phones the conversation
   * itself, so the on-screen keyboard does not cover the answer being read.
   */
  private keepFocus(): void {
    (this.phone ? this.log : this.input)?.focus();
  }

  private plainTextOf(kind: 'suggest' | 'handoff' | 'error'): string {
    return t(this.language, kind === 'suggest' ? 'suggestIntro' : kind === 'handoff' ? 'handoff' : 'searchFailed');
  }

  /** Polite, once: the text is set, then cleared so the same answer twice is announced twice. */
  private announce(text: string): void {
    clearTimeout(this.announceTimer);
    this.announcement = t(this.language, 'announceAnswer', { text });
    this.announceTimer = setTimeout(() => (this.announcement = ''), ANNOUNCE_CLEAR_MS);
  }

  private async onClear(): Promise<void> {
    this.keepFocus(); // the clear button goes away with the messages
    await this.conversation?.clear();
    this.announcement = t(this.language, 'cleared');
  }

  private onClose(): void {
    this.onRequestClose('close-button');
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !event.isComposing) {
      event.stopPropagation();
      this.onRequestClose('escape');
      return;
    }
    if (event.key === 'Tab' && this.phone) this.keepFocusInside(event);
  }

  /** Full screen on a phone is modal: Tab wraps around instead of leaving for the hidden page. */
  private keepFocusInside(event: KeyboardEvent): void {
    const focusable = [...(this.panel?.querySelectorAll<HTMLElement>('button, input, a[href], [tabindex="0"]') ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = this.shadowRoot?.activeElement;
    if (!first || !last) return;
    if (event.shiftKey && (active === first || active === this.heading)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  /** Scrolls so the start of the newest message is visible (long answers are read from the top). */
  private revealNewest(): void {
    const log = this.log;
    const newest = log?.querySelector<HTMLElement>('.messages > li:last-child');
    if (!log || !newest) return;
    log.scrollTop = Math.max(0, newest.offsetTop - log.offsetTop - 12);
  }

  /** Tracks the visual viewport on phones so the on-screen keyboard never covers the field. */
  private followVisualViewport(): () => void {
    const viewport = window.visualViewport;
    if (!viewport) return () => {};
    const sync = () => {
      this.style.setProperty('--_vv-height', `${Math.round(viewport.height)}px`);
      this.style.setProperty('--_vv-top', `${Math.round(viewport.offsetTop)}px`);
    };
    sync();
    viewport.addEventListener('resize', sync);
    viewport.addEventListener('scroll', sync);
    return () => {
      viewport.removeEventListener('resize', sync);
      viewport.removeEventListener('scroll', sync);
    };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-assistant-panel': DvcAssistantPanel;
  }
}
