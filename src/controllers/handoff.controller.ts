import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DvcConfig, Lang } from '../config/schema.js';
import type { AssistantMessage, Message } from '../conversation/messages.js';
import { HandoffError } from '../errors.js';
import { DvcHandoffEvent, DvcHandoffRequestEvent } from '../events/dvc-handoff.js';
import type { RetryNotice } from '../handoff/client.js';
import type { DossierStatus, HandoffAnswer, HistoryTurn } from '../handoff/contract.js';
import type { HandoffService } from '../handoff/service.js';
import { t } from '../i18n/i18n.js';
import { uuid } from '../internal/ids.js';
import { findDossierCodes } from '../privacy/redact.js';
import { readPending } from '../storage/pending.js';
import type { OutboxItem } from '../storage/records.js';
import { giveConsent, hasConsent, sessionId } from '../storage/small-state.js';
import { nextId, type ConversationController } from './conversation.controller.js';

export interface HandoffHost {
  config(): Readonly<DvcConfig> | null;
  lang(): Lang;
  /** Where `dvc-handoff-request` and `dvc-handoff` are dispatched (the public element). */
  events: EventTarget;
  announce(text: string): void;
  /** Moves focus somewhere that stays, before the focused button goes away. */
  keepFocus(): void;
  isOpen(): boolean;
  /** Updates the launcher's badge: answers and dossier changes the citizen has not seen. */
  setBadge(count: number): void;
}

export type LookupState = 'loading' | 'failed';

/** How long a queued question waits before the next try while the page stays online. */
const REFLUSH_MS = 30_000;
const HISTORY_TEXT_MAX = 500;

/**
 * The handoff to the central API, seen from the panel: consent, the host's veto, sending with
 * the text streaming in, the outbox when offline, dossier lookup and following. The code that
 * talks to the network arrives as a lazy chunk (`handoff/service.ts`) the first time it is needed.
 */
export class HandoffController implements ReactiveController {
  /** Text streaming in, per handoff message id (not stored: a reload shows the stored status). */
  readonly streaming = new Map<string, string>();
  readonly retrying = new Map<string, RetryNotice>();
  readonly lookups = new Map<string, LookupState>();
  followed = new Set<string>();

  private loading: Promise<HandoffService> | null = null;
  private readonly aborts = new Map<string, AbortController>();
  private unseen = 0;
  private changedFollows: string[] = [];
  private reflushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly conversation: ConversationController,
    private readonly options: HandoffHost,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.startup();
  }

  hostDisconnected(): void {
    for (const controller of this.aborts.values()) controller.abort();
    clearTimeout(this.reflushTimer);
    void this.loading?.then((service) => service.dispose());
    this.loading = null;
  }

  /** Handoff is on when an `api` is configured. */
  get enabled(): boolean {
    return !!this.options.config()?.api;
  }

  /** Dossier lookup needs the native contract. */
  get dossiers(): boolean {
    const config = this.options.config();
    return !!config?.api && config.apiType === 'dvc';
  }

  /** The lazy chunk, loaded once. */
  service(): Promise<HandoffService> {
    this.loading ??= import('../handoff/service.js')
      .then(({ createHandoffService }) =>
        createHandoffService({
          config: () => this.options.config()!,
          delivered: (item, answer) => void this.deliver(item, answer),
          rejected: (item, error) => this.reject(item, error),
        }),
      )
      .catch((error: unknown) => {
        this.loading = null;
        throw error;
      });
    return this.loading;
  }

  /** The panel opened: send what waits, show followed dossiers that changed. */
  async opened(): Promise<void> {
    if (!this.enabled) return;
    // Intent shown: fetch the handoff code now, so a question typed after the connection drops
    // can still be kept in the outbox.
    this.service().catch((error: unknown) => console.info('dvc-assistant: the handoff code could not be loaded yet', error));
    if (readPending().outbox > 0) void this.flush();
    if (this.changedFollows.length) await this.showChangedFollows();
    this.unseen = 0;
    this.options.setBadge(0);
  }

  /** Called by the conversation with every new reply. */
  onReply(reply: AssistantMessage): void {
    if (!this.enabled) return;
    const codes = this.dossiers ? findDossierCodes(reply.query) : [];
    if (codes.length) {
      void this.conversation.add({ id: nextId(), at: Date.now(), role: 'assistant', kind: 'dossier-offer', query: reply.query, codes });
      return; // the citizen's evident intent is the lookup; the handoff stays one button away
    }
    if (reply.kind === 'handoff') this.begin(reply.id);
  }

  /** Asks for consent once, then sends. */
  begin(messageId: string): void {
    const persist = this.options.config()?.persist ?? 'session';
    if (hasConsent(persist)) void this.send(messageId);
    else this.conversation.patch(messageId, { status: 'consent' });
  }

  accept(messageId: string): void {
    this.options.keepFocus(); // the notice and its buttons go away
    giveConsent(this.options.config()?.persist ?? 'session');
    void this.send(messageId);
  }

  decline(messageId: string): void {
    this.options.keepFocus();
    this.conversation.patch(messageId, { status: 'declined' });
    this.options.announce(t(this.options.lang(), 'handoffDeclined'));
  }

  /** Sends one handed-off question: redaction, the host's veto, the outbox, the stream. */
  async send(messageId: string): Promise<void> {
    const message = this.find(messageId);
    if (!message || message.role !== 'assistant' || message.kind !== 'handoff' || this.aborts.has(messageId)) return;
    this.conversation.patch(messageId, { status: 'sending' });
    let service: HandoffService;
    try {
      service = await this.service();
    } catch (error) {
      console.info('dvc-assistant: the handoff code could not be loaded', error);
      this.conversation.patch(messageId, { status: 'failed' });
      return;
    }
    const request = new DvcHandoffRequestEvent({ question: service.redact(message.query), candidates: [...(message.candidates ?? [])] });
    this.options.events.dispatchEvent(request);
    if (request.defaultPrevented) {
      this.conversation.patch(messageId, { status: 'vetoed' });
      return;
    }

    const item: OutboxItem = {
      key: uuid(),
      messageId,
      createdAt: Date.now(),
      body: {
        sessionId: sessionId(),
        // The host may have enriched the question: it is redacted again, whatever it wrote.
        question: service.redact(String(request.detail.question ?? message.query)).slice(0, 2000),
        lang: this.options.lang(),
        page: { url: location.origin + location.pathname, title: document.title.slice(0, 300) },
        candidates: Array.isArray(request.detail.candidates) ? request.detail.candidates.slice(0, 10) : [],
        history: this.history(messageId).map((turn) => ({ ...turn, text: service.redact(turn.text) })),
      },
    };
    const abort = new AbortController();
    this.aborts.set(messageId, abort);
    this.streaming.set(messageId, '');
    this.host.requestUpdate();
    try {
      const answer = await service.ask({
        item,
        signal: abort.signal,
        onText: (text) => {
          this.retrying.delete(messageId);
          this.streaming.set(messageId, text);
          this.host.requestUpdate();
        },
        onRetry: (notice) => {
          this.retrying.set(messageId, notice);
          this.streaming.set(messageId, '');
          this.host.requestUpdate();
        },
      });
      await this.deliver(item, answer);
    } catch (error) {
      const handoffError = error instanceof HandoffError ? error : null;
      if (handoffError?.retryable || handoffError?.code === 'aborted') {
        // Kept in the outbox under the same key: sent again on `online`, on opening, on the next page.
        this.conversation.patch(messageId, { status: 'queued' });
        if (handoffError.code !== 'aborted') {
          this.options.announce(t(this.options.lang(), 'handoffQueued'));
          this.options.events.dispatchEvent(new DvcHandoffEvent(null, 'queued'));
          this.scheduleReflush();
        }
      } else {
        console.info('dvc-assistant: the central API refused the question', error);
        this.conversation.patch(messageId, { status: 'failed' });
        this.options.announce(t(this.options.lang(), 'handoffFailed'));
        this.options.events.dispatchEvent(new DvcHandoffEvent(null, 'failed'));
      }
    } finally {
      this.aborts.delete(messageId);
      this.streaming.delete(messageId);
      this.retrying.delete(messageId);
      this.host.requestUpdate();
    }
  }

  /** Stops what is being sent (the panel closed); the questions stay in the outbox. */
  abortAll(): void {
    for (const controller of this.aborts.values()) controller.abort();
  }

  /** Sends what waits in the outbox. */
  async flush(): Promise<void> {
    if (!this.enabled) return;
    try {
      const service = await this.service();
      await service.flush();
      const waiting = await service.waiting();
      // A question left "sending" by a closed tab, still waiting: say so.
      for (const item of waiting) {
        const message = this.find(item.messageId);
        if (message?.role === 'assistant' && message.kind === 'handoff' && message.status === 'sending' && !this.aborts.has(item.messageId)) {
          this.conversation.patch(item.messageId, { status: 'queued' });
        }
      }
      if (waiting.length) this.scheduleReflush();
    } catch (error) {
      console.info('dvc-assistant: the outbox could not be sent yet', error);
    }
  }

  async lookup(code: string, query: string): Promise<void> {
    this.lookups.set(code, 'loading');
    this.host.requestUpdate();
    try {
      const service = await this.service();
      const dossier = await service.lookup(code);
      this.lookups.delete(code);
      await this.conversation.add({ id: nextId(), at: Date.now(), role: 'assistant', kind: 'dossier', query, code, dossier });
      this.options.announce(dossier ? `${t(this.options.lang(), 'dossierTitle', { code })}: ${dossier.statusText}` : t(this.options.lang(), 'dossierNotFound', { code }));
      if (dossier) await this.loadFollowed(service);
    } catch (error) {
      console.info(`dvc-assistant: lookup of ${code} failed`, error);
      this.lookups.set(code, 'failed');
      this.options.announce(t(this.options.lang(), 'dossierFailed', { code }));
    }
    this.host.requestUpdate();
  }

  async toggleFollow(dossier: DossierStatus): Promise<void> {
    const service = await this.service();
    if (this.followed.has(dossier.code)) await service.unfollow(dossier.code);
    else await service.follow(dossier);
    await this.loadFollowed(service);
    this.options.announce(t(this.options.lang(), this.followed.has(dossier.code) ? 'followOn' : 'followOff', { code: dossier.code }));
  }

  private async startup(): Promise<void> {
    if (!this.enabled) return;
    await this.conversation.restored;
    const pending = readPending();
    // A clean visitor has nothing pending: no chunk, no request before intent.
    if (pending.outbox > 0) {
      addEventListener('online', this.onOnline);
      await this.flush();
    }
    if (pending.follows > 0 && this.dossiers) {
      try {
        const service = await this.service();
        await this.loadFollowed(service);
        const changed = await service.refreshFollows();
        this.changedFollows = changed.map((d) => d.code);
        if (this.options.isOpen()) await this.showChangedFollows();
        else this.options.setBadge(this.unseen + this.changedFollows.length);
      } catch (error) {
        console.info('dvc-assistant: followed dossiers could not be refreshed', error);
      }
    }
  }

  private readonly onOnline = () => void this.flush();

  private async showChangedFollows(): Promise<void> {
    const codes = this.changedFollows.splice(0);
    if (!codes.length) return;
    const service = await this.service();
    for (const code of codes) {
      const dossier = await service.lookup(code).catch(() => null);
      if (dossier) await this.conversation.add({ id: nextId(), at: Date.now(), role: 'assistant', kind: 'dossier', query: code, code, dossier, changed: true });
    }
    await service.markSeen(codes);
    this.options.announce(t(this.options.lang(), 'dossierChanged'));
  }

  private async loadFollowed(service: HandoffService): Promise<void> {
    this.followed = new Set((await service.follows()).map((d) => d.code));
    this.host.requestUpdate();
  }

  private async deliver(item: OutboxItem, answer: HandoffAnswer): Promise<void> {
    await this.conversation.restored;
    const already = this.conversation.messages.some((m) => m.role === 'assistant' && m.kind === 'remote' && m.replyTo === item.messageId);
    if (already) return;
    const question = this.find(item.messageId);
    await this.conversation.add({
      id: nextId(),
      at: Date.now(),
      role: 'assistant',
      kind: 'remote',
      query: question?.role === 'assistant' ? question.query : item.body.question,
      replyTo: item.messageId,
      answer: answer.answer,
      sources: answer.sources,
      actions: answer.actions,
      handoffId: answer.handoffId,
    });
    this.conversation.patch(item.messageId, { status: 'answered' });
    this.options.events.dispatchEvent(new DvcHandoffEvent(answer.handoffId || null, 'answered'));
    this.options.announce(t(this.options.lang(), 'handoffAnswered'));
    if (!this.options.isOpen()) this.options.setBadge(++this.unseen + this.changedFollows.length);
  }

  private reject(item: OutboxItem, error: HandoffError): void {
    console.info('dvc-assistant: a queued question was refused', error);
    this.conversation.patch(item.messageId, { status: 'failed' });
    this.options.events.dispatchEvent(new DvcHandoffEvent(null, 'failed'));
  }

  private scheduleReflush(): void {
    clearTimeout(this.reflushTimer);
    addEventListener('online', this.onOnline);
    this.reflushTimer = setTimeout(() => void this.flush(), REFLUSH_MS);
  }

  private find(id: string): Message | undefined {
    return this.conversation.messages.find((m) => m.id === id);
  }

  /** Up to six turns before the question, as plain text (answers by their title or text). */
  private history(messageId: string): HistoryTurn[] {
    const messages = this.conversation.messages;
    const end = messages.findIndex((m) => m.id === messageId);
    const turns: HistoryTurn[] = [];
    // The handoff's own question (just before it) is the `question`, not history.
    for (const m of messages.slice(0, Math.max(0, end - 1))) {
      if (m.role === 'user') turns.push({ role: 'user', text: m.text });
      else if (m.kind === 'answer') turns.push({ role: 'assistant', text: m.entry.title });
      else if (m.kind === 'remote') turns.push({ role: 'assistant', text: m.answer.slice(0, HISTORY_TEXT_MAX) });
    }
    return turns.slice(-6);
  }
}
