import { CorpusError } from '../../errors.js';
import { createEngine, type Engine, type EngineOptions } from '../core/engine.js';
import type { CorpusArtifact } from '../core/types.js';
import { isEngineRequest, type EngineRequest, type EngineResponse } from './protocol.js';

/**
 * The engine side of the protocol, independent of where it runs: a worker wires it to
 * `self`, the client's main-thread fallback to a callback, tests to an array. It loads
 * the corpus on `init`, answers `query` and `entry`, and drops answers to cancelled
 * requests that were still waiting for the corpus.
 */

/** The part of `Response` the host reads. */
export interface CorpusResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

export interface EngineHostOptions {
  /** Sends a response to the client. */
  post(message: EngineResponse): void;
  /** Downloads the corpus; `fetch` by default. */
  fetch?: (url: string) => Promise<CorpusResponse>;
  /** Passed to {@link createEngine} (embedder, gate settings). */
  engine?: EngineOptions;
}

export interface EngineHost {
  /** Handles one incoming message; resolves when its response (if any) has been posted. */
  handle(message: unknown): Promise<void>;
}

/**
 * @example
 * const host = createEngineHost({ post: (message) => self.postMessage(message) });
 * self.onmessage = (event) => void host.handle(event.data);
 */
export function createEngineHost(options: EngineHostOptions): EngineHost {
  const { post } = options;
  // The corpus keeps a fixed name while agencies update it: always revalidate (a 304 is cheap).
  const download = options.fetch ?? ((url: string) => fetch(url, { cache: 'no-cache' }));
  let engine: Promise<Engine> | undefined;
  const waiting = new Set<number>();
  const cancelled = new Set<number>();

  async function load(corpusUrl: string): Promise<Engine> {
    let response: CorpusResponse;
    try {
      response = await download(corpusUrl);
    } catch (error) {
      throw new CorpusError(`dvc/search: cannot download the corpus from ${corpusUrl}`, { cause: error });
    }
    if (!response.ok) throw new CorpusError(`dvc/search: the corpus at ${corpusUrl} answered HTTP ${response.status}`);
    let data: unknown;
    try {
      data = await response.json();
    } catch (error) {
      throw new CorpusError(`dvc/search: the corpus at ${corpusUrl} is not JSON`, { cause: error });
    }
    return createEngine(data as CorpusArtifact, options.engine);
  }

  /** The engine for a request, or undefined after posting why there is none or the request was cancelled. */
  async function engineFor(id: number): Promise<Engine | undefined> {
    if (!engine) {
      post({ type: 'error', id, message: 'dvc/search: the engine has no corpus yet (send init first)' });
      return undefined;
    }
    waiting.add(id);
    try {
      const ready = await engine;
      return cancelled.has(id) ? undefined : ready;
    } catch (error) {
      if (!cancelled.has(id)) post({ type: 'error', id, message: messageOf(error) });
      return undefined;
    } finally {
      waiting.delete(id);
      cancelled.delete(id);
    }
  }

  async function handleRequest(request: EngineRequest): Promise<void> {
    switch (request.type) {
      case 'init': {
        const loading = load(request.corpusUrl);
        engine = loading;
        try {
          post({ type: 'ready', info: (await loading).info });
        } catch (error) {
          post({ type: 'error', message: messageOf(error) });
        }
        return;
      }
      case 'query': {
        const ready = await engineFor(request.id);
        if (!ready) return;
        const result = ready.search(request.text, {
          lang: request.lang,
          ...(request.limit === undefined ? {} : { limit: request.limit }),
          ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
        });
        post({ type: 'result', id: request.id, result });
        return;
      }
      case 'entry': {
        const ready = await engineFor(request.id);
        if (!ready) return;
        post({ type: 'entry', id: request.id, entry: ready.entry(request.entryId, request.lang) ?? null });
        return;
      }
      case 'cancel':
        // Only requests still waiting for the corpus can be stopped; a search itself is synchronous.
        if (waiting.has(request.id)) cancelled.add(request.id);
        return;
    }
  }

  return {
    async handle(message) {
      if (!isEngineRequest(message)) {
        const id = (message as { id?: unknown } | null)?.id;
        post({
          type: 'error',
          ...(Number.isInteger(id) ? { id: id as number } : {}),
          message: 'dvc/search: unknown message',
        });
        return;
      }
      try {
        await handleRequest(message);
      } catch (error) {
        post({ type: 'error', ...('id' in message ? { id: message.id } : {}), message: messageOf(error) });
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : `dvc/search: ${String(error)}`;
}
