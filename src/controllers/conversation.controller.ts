import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../config/schema.js';
import { append, isMessage, toAnswerEntry, type AssistantMessage, type Message, type SuggestedEntry } from '../conversation/messages.js';
import type { StorageError } from '../errors.js';
import { DvcAnswerEvent } from '../events/dvc-answer.js';
import type { SearchClient } from '../search/client.js';
import { suggestionsOf } from '../search/core/gate.js';
import type { SearchResult } from '../search/core/types.js';
import { resilient, type ConversationStore } from '../storage/conversation-store.js';

export interface ConversationServices {
  /** Created on first use: the corpus is fetched only once the citizen shows intent. */
  search(): SearchClient;
  store: Promise<{ store: ConversationStore<unknown>; messages: unknown[] }>;
  /** Where `dvc-answer` is dispatched (the public `<dvc-assistant>` element). */
  events: EventTarget;
  onStorageFallback(error: StorageError): void;
}

let sequence = 0;
export const nextId = () => `${Date.now().toString(36)}-${(sequence++).toString(36)}`;

/**
 * The conversation: asks the search engine, turns its decision into messages, keeps
 * them in the configured storage. Only the newest question's result is shown: asking
 * again aborts the one before.
 */
export class ConversationController implements ReactiveController {
  messages: Message[] = [];
  busy = false;
  /** Resolves once stored messages have been restored. */
  readonly restored: Promise<void>;

  /** Called with each new reply and its question (the handoff controller takes over from here). */
  onReply: ((reply: AssistantMessage) => void) | null = null;

  private store: ConversationStore<unknown> | null = null;
  private current: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: ConversationServices,
    /** The language to prefer and the `threshold` override, read at each question. */
    private readonly options: () => { lang: Lang; threshold: number | null },
  ) {
    host.addController(this);
    this.restored = services.store.then(({ store, messages }) => {
      this.store = resilient(store, services.onStorageFallback);
      this.messages = messages.filter(isMessage);
      host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.current?.abort();
  }

  /** Asks a question; resolves with the assistant's reply once it is shown. */
  async ask(text: string): Promise<AssistantMessage | null> {
    const query = text.trim();
    if (!query) return null;
    await this.restored;
    this.current?.abort();
    const controller = (this.current = new AbortController());
    this.commit(append(this.messages, { id: nextId(), at: Date.now(), role: 'user', text: query }), true);

    let reply: AssistantMessage;
    try {
      const client = this.services.search();
      const { lang, threshold } = this.options();
      const result = await client.search(query, { lang, signal: controller.signal, ...(threshold === null ? {} : { threshold }) });
      reply = await this.replyFor(query, result, client);
      this.emit(query, result);
    } catch (error) {
      if (controller.signal.aborted) return null;
      console.info('dvc-assistant: search failed', error);
      reply = { id: nextId(), at: Date.now(), role: 'assistant', kind: 'error', query };
    }
    if (controller.signal.aborted) return null;
    this.current = null;
    this.commit(append(this.messages, reply), false);
    this.onReply?.(reply);
    return reply;
  }

  /** Adds messages that arrive from elsewhere (the central API, a dossier lookup). */
  async add(...messages: Message[]): Promise<void> {
    await this.restored;
    this.commit(append(this.messages, ...messages), this.busy);
  }

  /** Changes fields of one message in place (e.g. a handoff's status), keeping its id. */
  patch(id: string, fields: Partial<Message>): void {
    const index = this.messages.findIndex((m) => m.id === id);
    if (index < 0) return;
    const messages = [...this.messages];
    messages[index] = { ...messages[index], ...fields } as Message;
    this.commit(messages, this.busy);
  }

  /** Shows one entry as an answer, e.g. when a suggestion chip is pressed. */
  async showEntry(suggestion: SuggestedEntry): Promise<void> {
    await this.restored;
    const entry = await this.services.search().entry(suggestion.id, suggestion.lang);
    if (!entry) return;
    this.commit(
      append(
        this.messages,
        { id: nextId(), at: Date.now(), role: 'user', text: suggestion.title },
        { id: nextId(), at: Date.now(), role: 'assistant', kind: 'answer', query: suggestion.title, entry: toAnswerEntry(entry) },
      ),
      false,
    );
  }

  /** Adds a message from the assistant that answers no question (a guided tour handing back). */
  async notify(text: string): Promise<void> {
    await this.restored;
    this.commit(append(this.messages, { id: nextId(), at: Date.now(), role: 'assistant', kind: 'notice', query: '', text }), this.busy);
  }

  async clear(): Promise<void> {
    await this.restored;
    this.current?.abort();
    this.current = null;
    this.busy = false;
    this.messages = [];
    await this.store?.clear();
    this.host.requestUpdate();
  }

  /** Where the conversation really lives now (after any fallback). */
  get storageKind(): ConversationStore<unknown>['kind'] | null {
    return this.store?.kind ?? null;
  }

  private async replyFor(query: string, result: SearchResult, client: SearchClient): Promise<AssistantMessage> {
    const base = { id: nextId(), at: Date.now(), role: 'assistant' as const, query };
    const suggestions = suggestionsOf(result).map(({ id, lang, title }) => ({ id, lang, title }));
    if (result.decision === 'answer' && result.results[0]) {
      const top = result.results[0];
      const entry = await client.entry(top.id, top.lang);
      if (entry) return { ...base, kind: 'answer', entry: toAnswerEntry(entry) };
    }
    if (result.decision === 'suggest' && suggestions.length) return { ...base, kind: 'suggest', suggestions };
    const candidates = result.results.slice(0, 3).map(({ id, title, score }) => ({ id, title, score }));
    return { ...base, kind: 'handoff', suggestions: [], candidates };
  }

  private emit(query: string, result: SearchResult): void {
    const top = result.results[0];
    this.services.events.dispatchEvent(
      new DvcAnswerEvent({
        query,
        decision: result.decision,
        id: top?.id ?? null,
        topic: top?.topic ?? null,
        lang: top?.lang ?? null,
        mode: result.mode,
      }),
    );
  }

  private commit(messages: Message[], busy: boolean): void {
    this.messages = messages;
    this.busy = busy;
    void this.store?.save(messages);
    this.host.requestUpdate();
  }
}
