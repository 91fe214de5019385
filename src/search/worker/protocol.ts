import type { CorpusEntry, EngineInfo, SearchResult } from '../core/types.js';

/**
 * The one message protocol between the search client (main thread) and the engine host
 * (worker, or main thread as a fallback). Plain structured-clone data only.
 *
 * Flow: the client sends `init` once and waits for `ready` (or `error` without an id);
 * then each `query`/`entry` carries a fresh, increasing `id` that its `result`/`entry`
 * or `error` answers. `cancel` tells the host the client no longer wants an answer.
 */

export type Lang = 'vi' | 'en';

export type EngineRequest =
  | { type: 'init'; corpusUrl: string }
  | {
      type: 'query';
      id: number;
      text: string;
      lang: Lang;
      limit?: number;
      /** Answer threshold overriding the gate's (the widget's `threshold` attribute). */
      threshold?: number;
    }
  | { type: 'entry'; id: number; entryId: string; lang: Lang }
  | { type: 'cancel'; id: number };

export type EngineResponse =
  | { type: 'ready'; info: EngineInfo }
  | { type: 'result'; id: number; result: SearchResult }
  | { type: 'entry'; id: number; entry: CorpusEntry | null }
  /** `id` is absent when initialisation failed. */
  | { type: 'error'; id?: number; message: string };

/** Whether an unknown value (a message event's data) is a request the host understands. */
export function isEngineRequest(value: unknown): value is EngineRequest {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const id = Number.isInteger(message['id']);
  const lang = message['lang'] === 'vi' || message['lang'] === 'en';
  switch (message['type']) {
    case 'init':
      return typeof message['corpusUrl'] === 'string';
    case 'query':
      return id && lang && typeof message['text'] === 'string';
    case 'entry':
      return id && lang && typeof message['entryId'] === 'string';
    case 'cancel':
      return id;
    default:
      return false;
  }
}
