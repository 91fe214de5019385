import { DEFAULTS } from '../config/schema.js';
import { DvcError } from '../errors.js';
import type { CorpusEntry, EngineInfo, ModeChange, ModelProgress, SearchMode, SearchResult } from './core/types.js';
import type { CorpusResponse } from './worker/engine-host.js';
import type { EngineRequest, EngineResponse, Lang } from './worker/protocol.js';

/**
 * The main-thread side of search: starts the engine in a Web Worker (or, where workers
 * are blocked, on the main thread), numbers requests, maps AbortSignal to `cancel`.
 *
 * Worker start:
 * - `workerUrl` on the page's origin → `new Worker(workerUrl, { type: 'module' })`;
 * - on another origin (a central CDN) → a same-origin `blob:` module that imports it,
 *   because browsers refuse cross-origin worker scripts (needs `worker-src blob:`);
 * - constructing fails (CSP `worker-src`, no Worker) or the worker fires `error` before
 *   it is ready (script blocked, 404) → the engine host is imported and runs here.
 * Corpus errors (download, format) are not worker problems and reject `ready`.
 *
 * Latest result wins is the caller's job, made easy: give each search an AbortSignal
 * and abort the previous one when a new question starts; an aborted search rejects
 * with an `AbortError` and its late result is dropped.
 *
 * The embedding model is never fetched on its own: call `loadModel()` when the citizen
 * shows intent (opens the widget, asks). Until the worker reports `hybrid` through
 * `onModeChange`, answers are lexical and immediate; `onProgress` reports the download.
 * The main-thread fallback never loads a model (it would run on the host page's thread).
 */

export interface SearchClientOptions {
  /** URL of the compiled corpus (`corpus.json`); relative URLs resolve against the page. */
  corpusUrl: string;
  /** URL of `dvc-assistant.worker.js`; without it the engine runs on the main thread. */
  workerUrl?: string;
  /** Skip the worker (tests, or hosts known to block workers). */
  forceMainThread?: boolean;
  /** Embedding model id (the widget's `model`); `none` = lexical only. Default `Xenova/multilingual-e5-small`. */
  model?: string;
  /**
   * Folder URL holding `index.json` and `<model id>/…` (the widget's `model-base`); relative
   * URLs resolve against the page. Default: `models/` next to the worker script. When set,
   * a missing `index.json` does not stop the model (one that exists must list it).
   */
  modelBase?: string;
}

export interface SearchOptions {
  lang: Lang;
  /** Hits returned at most; default 5. */
  limit?: number;
  /** Answer threshold in [0, 1] overriding the gate's (the widget's `threshold` attribute). */
  threshold?: number;
  signal?: AbortSignal;
}

export interface SearchClient {
  /** Resolves when the corpus is loaded; rejects with a `DvcError` when it cannot be. */
  ready: Promise<EngineInfo>;
  search(text: string, opts: SearchOptions): Promise<SearchResult>;
  entry(id: string, lang: Lang): Promise<CorpusEntry | null>;
  /** Where the engine runs; final once `ready` has settled. */
  mode: 'worker' | 'main-thread';
  /** How questions are answered now: `lexical` until the model has loaded, then `hybrid`. */
  readonly searchMode: SearchMode;
  /**
   * Starts loading the embedding model, once (later calls do nothing). Call it when the
   * citizen opens the widget or asks. Never throws: a model that cannot load leaves the
   * search lexical (reported once through `onModeChange` and `console.info`).
   */
  loadModel(): void;
  /** Model download progress; returns a function that unsubscribes. */
  onProgress(callback: (progress: ModelProgress) => void): () => void;
  /** The settled search mode after `loadModel()` (`hybrid`, or `lexical` with a reason); returns an unsubscribe function. */
  onModeChange(callback: (change: ModeChange) => void): () => void;
  /** Stops the worker, revokes blob URLs, rejects pending requests with an `AbortError`. */
  dispose(): void;
}

/** What the client needs from the browser; tests pass fakes. @internal */
export interface ClientEnvironment {
  Worker: (new (url: string, options: { type: 'module' }) => WorkerLike) | undefined;
  /** Base for relative URLs (the document's base URL). */
  baseUrl: string;
  /** The page's origin, to tell same-origin worker URLs from cross-origin ones. */
  origin: string;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** Loads the engine host for the main-thread fallback. */
  loadHost(): Promise<Pick<typeof import('./worker/engine-host.js'), 'createEngineHost'>>;
  /** Download function for the main-thread host; `fetch` by default. */
  fetch?: (url: string) => Promise<CorpusResponse>;
}

/** The part of `Worker` the client uses. @internal */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { preventDefault?(): void; message?: string }) => void) | null;
}

interface Transport {
  send(message: EngineRequest): void;
  close(): void;
}

interface Pending {
  resolve(response: EngineResponse): void;
  reject(error: unknown): void;
}

/** Thrown inside {@link createSearchClient} when a worker cannot be used; triggers the fallback. */
class WorkerUnavailable extends Error {}

/**
 * @example
 * const client = createSearchClient({ corpusUrl: base + 'corpus.json', workerUrl: base + 'dvc-assistant.worker.js' });
 * const controller = new AbortController();
 * const result = await client.search('lam lai cccd', { lang: 'vi', signal: controller.signal });
 */
export function createSearchClient(options: SearchClientOptions, environment: ClientEnvironment = browserEnvironment()): SearchClient {
  const corpusUrl = new URL(options.corpusUrl, environment.baseUrl).href;
  const pending = new Map<number, Pending>();
  let transport: Transport | undefined;
  let nextId = 1;
  let disposed = false;
  let mode: SearchClient['mode'] = 'main-thread';
  let readyWaiter: { resolve(info: EngineInfo): void; reject(error: unknown): void } | undefined;
  const model = options.model ?? DEFAULTS.model;
  const modelBase =
    options.modelBase === undefined
      ? new URL('models/', new URL(options.workerUrl ?? './', environment.baseUrl)).href
      : new URL(options.modelBase.endsWith('/') ? options.modelBase : `${options.modelBase}/`, environment.baseUrl).href;
  let searchMode: SearchMode = 'lexical';
  let modelRequested = false;
  const progressListeners = new Set<(progress: ModelProgress) => void>();
  const modeListeners = new Set<(change: ModeChange) => void>();

  function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        // A failing listener must not stop the others or the engine's messages.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function receive(message: unknown): void {
    const response = message as EngineResponse;
    if (response.type === 'progress') {
      notify(progressListeners, { loaded: response.loaded, total: response.total, file: response.file });
    } else if (response.type === 'mode') {
      searchMode = response.mode;
      notify(modeListeners, response.reason === undefined ? { mode: response.mode } : { mode: response.mode, reason: response.reason });
    } else if (response.type === 'ready') {
      readyWaiter?.resolve(response.info);
      readyWaiter = undefined;
    } else if (response.type === 'error' && response.id === undefined) {
      readyWaiter?.reject(new DvcError(response.message));
      readyWaiter = undefined;
    } else if ('id' in response && response.id !== undefined) {
      const request = pending.get(response.id);
      pending.delete(response.id);
      request?.resolve(response);
    }
  }

  function connect(next: Transport): Promise<EngineInfo> {
    transport = next;
    const connected = new Promise<EngineInfo>((resolve, reject) => {
      readyWaiter = { resolve, reject };
    });
    next.send({ type: 'init', corpusUrl, model, modelBase, modelBaseExplicit: options.modelBase !== undefined });
    return connected;
  }

  async function startWorker(workerUrl: string): Promise<EngineInfo> {
    const WorkerClass = environment.Worker;
    if (!WorkerClass) throw new WorkerUnavailable('no Worker');
    const url = new URL(workerUrl, environment.baseUrl);
    let blobUrl: string | undefined;
    let worker: WorkerLike;
    try {
      if (url.origin === environment.origin) {
        worker = new WorkerClass(url.href, { type: 'module' });
      } else {
        const bootstrap = new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' });
        blobUrl = environment.createObjectURL(bootstrap);
        worker = new WorkerClass(blobUrl, { type: 'module' });
      }
    } catch (error) {
      if (blobUrl) environment.revokeObjectURL(blobUrl);
      throw new WorkerUnavailable(String(error));
    }
    let started = false;
    const close = (): void => {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      if (blobUrl) environment.revokeObjectURL(blobUrl);
      blobUrl = undefined;
    };
    const failedToStart = new Promise<never>((_, reject) => {
      worker.onerror = (event) => {
        if (!started) {
          event.preventDefault?.();
          close();
          reject(new WorkerUnavailable(event.message ?? 'worker error'));
          return;
        }
        failAll(new DvcError(`dvc/search: the search worker failed${event.message ? `: ${event.message}` : ''}`));
      };
    });
    worker.onmessage = (event) => receive(event.data);
    mode = 'worker';
    const info = await Promise.race([connect({ send: (message) => worker.postMessage(message), close }), failedToStart]);
    started = true;
    return info;
  }

  async function startMainThread(): Promise<EngineInfo> {
    mode = 'main-thread';
    const { createEngineHost } = await environment.loadHost();
    if (disposed) throw abortError();
    const host = createEngineHost({
      // Answer asynchronously, as a worker would, so callers see one behaviour.
      post: (message) => queueMicrotask(() => receive(message)),
      ...(environment.fetch ? { fetch: environment.fetch } : {}),
    });
    return connect({ send: (message) => void host.handle(message), close: () => undefined });
  }

  async function start(): Promise<EngineInfo> {
    if (!options.forceMainThread && options.workerUrl !== undefined) {
      try {
        return await startWorker(options.workerUrl);
      } catch (error) {
        if (!(error instanceof WorkerUnavailable) || disposed) throw error;
        // The worker could not start (CSP, blocked script): run the engine here instead.
      }
    }
    return startMainThread();
  }

  const ready = start();
  // `ready` may be observed late or never; its failure reaches callers through search().
  ready.catch(() => undefined);

  function failAll(error: unknown): void {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  }

  async function request(message: (id: number) => EngineRequest, signal?: AbortSignal): Promise<EngineResponse> {
    if (disposed) throw new DvcError('dvc/search: the search client is disposed');
    if (signal?.aborted) throw abortError();
    await untilReady(signal);
    const id = nextId++;
    return new Promise<EngineResponse>((resolve, reject) => {
      const onAbort = (): void => {
        pending.delete(id);
        transport?.send({ type: 'cancel', id });
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: (response) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(response);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      transport!.send(message(id));
    });
  }

  function untilReady(signal?: AbortSignal): Promise<EngineInfo> {
    if (!signal) return ready;
    return new Promise<EngineInfo>((resolve, reject) => {
      const onAbort = (): void => reject(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
      ready.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  return {
    ready,
    get mode() {
      return mode;
    },
    get searchMode() {
      return searchMode;
    },
    loadModel() {
      if (modelRequested || disposed) return;
      modelRequested = true;
      ready.then(
        () => {
          if (!disposed) transport?.send({ type: 'load-model' });
        },
        () => undefined, // no corpus, no model; the search reports the corpus error
      );
    },
    onProgress(callback) {
      progressListeners.add(callback);
      return () => void progressListeners.delete(callback);
    },
    onModeChange(callback) {
      modeListeners.add(callback);
      return () => void modeListeners.delete(callback);
    },
    async search(text, opts) {
      const response = await request(
        (id) => ({
          type: 'query',
          id,
          text,
          lang: opts.lang,
          ...(opts.limit === undefined ? {} : { limit: opts.limit }),
          ...(opts.threshold === undefined ? {} : { threshold: opts.threshold }),
        }),
        opts.signal,
      );
      if (response.type === 'result') return response.result;
      throw new DvcError(response.type === 'error' ? response.message : 'dvc/search: unexpected response');
    },
    async entry(id, lang) {
      const response = await request((requestId) => ({ type: 'entry', id: requestId, entryId: id, lang }));
      if (response.type === 'entry') return response.entry;
      throw new DvcError(response.type === 'error' ? response.message : 'dvc/search: unexpected response');
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      progressListeners.clear();
      modeListeners.clear();
      transport?.close();
      readyWaiter?.reject(abortError());
      readyWaiter = undefined;
      failAll(abortError());
    },
  };
}

function abortError(): DOMException {
  return new DOMException('dvc/search: the request was cancelled', 'AbortError');
}

function browserEnvironment(): ClientEnvironment {
  return {
    Worker: typeof Worker === 'undefined' ? undefined : (Worker as unknown as ClientEnvironment['Worker']),
    baseUrl: globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://localhost/',
    origin: globalThis.location?.origin ?? 'null',
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    loadHost: () => import('./worker/engine-host.js'),
  };
}
