import type { Action, AskCandidate, DossierStatus, Source } from '../handoff/contract.js';
import type { CorpusEntry } from '../search/core/types.js';

/** What an answer card needs of an entry; stored with the message so a reload re-renders it offline. */
export type AnswerEntry = Pick<CorpusEntry, 'id' | 'lang' | 'title' | 'topic' | 'answer' | 'updated' | 'sources' | 'links' | 'tour'>;

export interface SuggestedEntry {
  id: string;
  lang: 'vi' | 'en';
  title: string;
}

/**
 * Where a question handed off to the central API stands; kept with the message so a reload
 * shows the same thing. `undefined`: nothing decided yet (or no `api`).
 */
export type HandoffStatus = 'consent' | 'declined' | 'vetoed' | 'sending' | 'queued' | 'answered' | 'failed';

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
  | (Base & {
      role: 'assistant';
      kind: 'handoff';
      query: string;
      suggestions: SuggestedEntry[];
      /** The corpus entries closest to the question, passed to the central API as context. */
      candidates?: AskCandidate[];
      status?: HandoffStatus;
    })
  /** An answer from the central API (Markdown, sanitised when rendered). */
  | (Base & { role: 'assistant'; kind: 'remote'; query: string; replyTo: string; answer: string; sources: Source[]; actions: Action[]; handoffId: string })
  /** "Tra cứu hồ sơ": dossier codes found in the question, offered for lookup. */
  | (Base & { role: 'assistant'; kind: 'dossier-offer'; query: string; codes: string[] })
  /** A dossier's status; `dossier: null` = no such dossier. `changed`: shown because a followed dossier moved. */
  | (Base & { role: 'assistant'; kind: 'dossier'; query: string; code: string; dossier: DossierStatus | null; changed?: boolean })
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
    case 'remote':
      return typeof m.answer === 'string' && Array.isArray(m.sources) && Array.isArray(m.actions);
    case 'dossier-offer':
      return Array.isArray(m.codes);
    case 'dossier':
      return typeof m.code === 'string';
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
