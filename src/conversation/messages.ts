import type { CorpusEntry } from '../search/core/types.js';

/** What an answer card needs of an entry; stored with the message so a reload re-renders it offline. */
export type AnswerEntry = Pick<CorpusEntry, 'id' | 'lang' | 'title' | 'topic' | 'answer' | 'updated' | 'sources' | 'links' | 'tour'>;

export interface SuggestedEntry {
  id: string;
  lang: 'vi' | 'en';
  title: string;
}

interface Base {
  /** Unique within the conversation; also the key Lit's repeat uses. */
  id: string;
  /** Epoch milliseconds. */
  at: number;
}

export type Message =
  | (Base & { role: 'user'; text: string })
  | (Base & { role: 'assistant'; kind: 'answer'; query: string; entry: AnswerEntry })
  | (Base & { role: 'assistant'; kind: 'suggest'; query: string; suggestions: SuggestedEntry[] })
  | (Base & { role: 'assistant'; kind: 'handoff'; query: string; suggestions: SuggestedEntry[] })
  | (Base & { role: 'assistant'; kind: 'error'; query: string })
  /** Said by the assistant on its own, e.g. a guided tour handing back: `text` is plain. */
  | (Base & { role: 'assistant'; kind: 'notice'; query: string; text: string });

export type AssistantMessage = Extract<Message, { role: 'assistant' }>;

/** How many messages a conversation keeps; older ones drop off so storage never fills up. */
export const MAX_MESSAGES = 60;

/** Appends messages, keeping the newest `MAX_MESSAGES`. */
export function append(messages: readonly Message[], ...added: Message[]): Message[] {
  return [...messages, ...added].slice(-MAX_MESSAGES);
}

/** Narrows stored data that may come from an older version or be tampered with. */
export function isMessage(value: unknown): value is Message {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'string' || typeof m.at !== 'number') return false;
  if (m.role === 'user') return typeof m.text === 'string';
  if (m.role !== 'assistant' || typeof m.query !== 'string') return false;
  switch (m.kind) {
    case 'answer':
      return !!m.entry && typeof (m.entry as AnswerEntry).answer === 'string';
    case 'suggest':
    case 'handoff':
      return Array.isArray(m.suggestions);
    case 'error':
      return true;
    case 'notice':
      return typeof m.text === 'string';
    default:
      return false;
  }
}

/** The few fields of an entry an answer card shows. */
export function toAnswerEntry(entry: CorpusEntry): AnswerEntry {
  const { id, lang, title, topic, answer, updated, sources, links, tour } = entry;
  return { id, lang, title, topic, answer, updated, sources, links, ...(tour === undefined ? {} : { tour }) };
}
