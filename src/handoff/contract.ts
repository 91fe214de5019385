/**
 * Types of the central chatbot API, handoff contract v1 (DESIGN.md, "Central chatbot API").
 * Pure data shapes plus the narrowing that turns untrusted JSON into them.
 */
import type { Lang } from '../config/schema.js';

export interface AskCandidate {
  id: string;
  title: string;
  score: number;
}

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** The body of `POST {api}/v1/ask`. `question` and `history` are already redacted. */
export interface AskBody {
  sessionId: string;
  question: string;
  lang: Lang;
  page: { url: string; title: string };
  candidates: AskCandidate[];
  history: HistoryTurn[];
}

export interface Source {
  title: string;
  url: string;
}

export type Action = { type: 'tour'; id: string } | { type: 'link'; url: string; label: string };

/** The central API's answer, from the JSON reply or the SSE `done` event. */
export interface HandoffAnswer {
  answer: string;
  sources: Source[];
  actions: Action[];
  handoffId: string;
}

export type DossierStatusName = 'received' | 'processing' | 'needs-supplement' | 'done' | 'rejected';

export interface DossierStatus {
  code: string;
  procedure: string;
  agency: string;
  status: DossierStatusName;
  statusText: string;
  updatedAt: string;
  history: { at: string; status: DossierStatusName; note: string }[];
}

export type FeedbackKind = 'up' | 'down' | 'csat' | 'missing';

export interface FeedbackBody {
  sessionId: string;
  targetId: string;
  kind: FeedbackKind;
  rating?: number;
  comment?: string;
}

export type TelemetryType = 'answer' | 'suggest' | 'handoff' | 'tour-start' | 'tour-complete' | 'open';

export interface TelemetryRecord {
  type: TelemetryType;
  ts: string;
  sessionId: string;
  lang: Lang;
  path: string;
  entryId?: string;
  tourId?: string;
}

/** At most this many turns of history go with a question. */
export const MAX_HISTORY = 6;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Narrows a JSON reply (or SSE `done` data) into an answer; throws a clear error when it does not fit. */
export function toHandoffAnswer(value: unknown, where: string): HandoffAnswer {
  if (!isObject(value) || typeof value.answer !== 'string') {
    throw new TypeError(`dvc/handoff: ${where} has no "answer" string`);
  }
  const sources = Array.isArray(value.sources)
    ? value.sources.filter(isObject).map((s) => ({ title: str(s.title) || str(s.url), url: str(s.url) })).filter((s) => /^https?:\/\//i.test(s.url))
    : [];
  const actions: Action[] = [];
  for (const a of Array.isArray(value.actions) ? value.actions.filter(isObject) : []) {
    if (a.type === 'tour' && typeof a.id === 'string') actions.push({ type: 'tour', id: a.id });
    else if (a.type === 'link' && /^https?:\/\//i.test(str(a.url))) actions.push({ type: 'link', url: str(a.url), label: str(a.label) || str(a.url) });
  }
  return { answer: value.answer, sources, actions, handoffId: str(value.handoffId) };
}

const STATUSES: readonly DossierStatusName[] = ['received', 'processing', 'needs-supplement', 'done', 'rejected'];
const isStatus = (v: unknown): v is DossierStatusName => STATUSES.includes(v as DossierStatusName);

/** Narrows a dossier lookup reply; throws when the server's reply does not fit the contract. */
export function toDossierStatus(value: unknown): DossierStatus {
  if (!isObject(value) || typeof value.code !== 'string' || !isStatus(value.status)) {
    throw new TypeError('dvc/dossier: the reply has no "code" or a "status" outside the contract');
  }
  return {
    code: value.code,
    procedure: str(value.procedure),
    agency: str(value.agency),
    status: value.status,
    statusText: str(value.statusText),
    updatedAt: str(value.updatedAt),
    history: (Array.isArray(value.history) ? value.history : [])
      .filter(isObject)
      .filter((h) => isStatus(h.status))
      .map((h) => ({ at: str(h.at), status: h.status as DossierStatusName, note: str(h.note) })),
  };
}
