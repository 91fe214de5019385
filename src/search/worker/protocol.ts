import type { CorpusEntry, EngineInfo, LexicalReason, SearchMode, SearchResult } from '../core/types.js';

/**
 * The one message protocol between the search client (main thread) and the engine host
 * (worker, or main thread as a fallback). Plain structured-clone data only.
 *
 * Flow: the client sends `init` once and waits for `ready` (or `error` without an id);
 * then each `query`/`entry` carries a fresh, increasing `id` that its `result`/`entry`
 * or `error` answers. `cancel` tells the host the client no longer wants an answer.
 *
 * The embedding model: `init` names it (`model`, `modelBase`); nothing is downloaded
 * until the client sends `load-model` (the citizen opened the widget or asked). The host
 * then posts `progress` messages while the files download and one `mode` message when
 * the load settles (`hybrid`, or `lexical` with a reason). A second `load-model` gets the
 * settled `mode` again. Queries never wait for the model: until `mode: 'hybrid'` they are
 * answered lexically.
 */

export type Lang = 'vi' | 'en';

export type EngineRequest =
  | {
      type: 'init';
      corpusUrl: string;
      /** Embedding model id; absent, null or `none` = lexical only. */
      model?: string | null;
      /** Absolute URL of the folder holding `index.json` and `<model id>/…`. */
      modelBase?: string;
      /**
       * Whether an agency set the model base itself (`model-base`): then a missing
       * `index.json` does not stop the load (one that exists must still list the model).
       */
      modelBaseExplicit?: boolean;
    }
  | { type: 'load-model' }
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
  | { type: 'error'; id?: number; message: string }
  /** Model download progress: bytes of all its files together (`total` 0 while unknown). */
  | { type: 'progress'; loaded: number; total: number; file: string }
  /** The search mode once a model load settled; `reason` says why it stays lexical. */
  | { type: 'mode'; mode: SearchMode; reason?: LexicalReason };

/** Whether an unknown value (a message event's data) is a request the host understands. */
export function isEngineRequest(value: unknown): value is EngineRequest {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const id = Number.isInteger(message['id']);
  const lang = message['lang'] === 'vi' || message['lang'] === 'en';
  switch (message['type']) {
    case 'init':
      return (
        typeof message['corpusUrl'] === 'string' &&
        (message['model'] === undefined || message['model'] === null || typeof message['model'] === 'string') &&
        (message['modelBase'] === undefined || typeof message['modelBase'] === 'string') &&
        (message['modelBaseExplicit'] === undefined || typeof message['modelBaseExplicit'] === 'boolean')
      );
    case 'load-model':
      return true;
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
